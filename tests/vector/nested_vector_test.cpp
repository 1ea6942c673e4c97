#include <gtest/gtest.h>

#include "sluice/common/error.h"
#include "sluice/types/logical_type.h"
#include "sluice/vector/data_chunk.h"
#include "sluice/vector/vector_operations.h"

namespace sluice {
namespace {

LogicalType IntArray() { return LogicalType::Array(LogicalType::Integer()); }

Value Ints(std::vector<int64_t> xs) {
  std::vector<Value> elements;
  for (int64_t x : xs) elements.push_back(Value::Integer(LogicalType::Integer(), x));
  return Value::Array(IntArray(), std::move(elements));
}

TEST(NestedTypeTest, SpellingParsingAndEquality) {
  const LogicalType row = LogicalType::Row({LogicalType::Bigint(), LogicalType::Varchar()}, {"x", "y"});
  EXPECT_EQ(IntArray().ToString(), "array(integer)");
  EXPECT_EQ(LogicalType::Map(LogicalType::Varchar(), LogicalType::Bigint()).ToString(), "map(varchar, bigint)");
  EXPECT_EQ(row.ToString(), "row(x bigint, y varchar)");
  EXPECT_EQ(ParseTypeName("row(x bigint, y varchar)"), row);
  EXPECT_EQ(ParseTypeName("struct<x:bigint, y:string>"), row);
  EXPECT_EQ(ParseTypeName("ARRAY<STRING>"), LogicalType::Array(LogicalType::Varchar()));
  EXPECT_EQ(ParseTypeName("map<string,int>"), LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer()));
  EXPECT_EQ(ParseTypeName("array(array(decimal(10,2)))").ToString(), "array(array(decimal(10,2)))");
  EXPECT_EQ(ParseTypeName("row(double precision, x timestamp)").ToString(), "row(double, x timestamp(3))");
  EXPECT_EQ(ParseTypeName("struct<`group`:int>").FieldNames()[0], "group");
  EXPECT_FALSE(IntArray() == LogicalType::Array(LogicalType::Bigint()));
  EXPECT_FALSE(row == LogicalType::Row({LogicalType::Bigint(), LogicalType::Varchar()}, {"x", "z"}));
  EXPECT_THROW(ParseTypeName("array<string, int>"), SluiceError);
  EXPECT_THROW(ParseTypeName("array(nosuchtype)"), SluiceError);
  EXPECT_FALSE(LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer()).IsOrderable());
  EXPECT_FALSE(LogicalType::Array(LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer())).IsOrderable());
  EXPECT_TRUE(row.IsOrderable());
  EXPECT_EQ(CommonSuperType(IntArray(), LogicalType::Array(LogicalType::Bigint())),
            LogicalType::Array(LogicalType::Bigint()));
  EXPECT_EQ(CommonSuperType(IntArray(), LogicalType::Integer()).id(), TypeId::kInvalid);
}

TEST(NestedVectorTest, SetGetAndText) {
  Vector v(IntArray(), 4);
  v.SetValue(0, Ints({1, 2}));
  v.SetValue(1, Value::Null(IntArray()));
  v.SetValue(2, Ints({}));
  v.SetValue(3, Value::Array(IntArray(), {Value::Null(LogicalType::Integer())}));
  EXPECT_EQ(v.GetValue(0).ToString(), "[1, 2]");
  EXPECT_TRUE(v.GetValue(1).is_null());
  EXPECT_EQ(v.GetValue(2).ToString(), "[]");
  EXPECT_EQ(v.GetValue(3).ToString(), "[NULL]");
  EXPECT_EQ(v.list_size(), 3u);

  const LogicalType map = LogicalType::Map(LogicalType::Varchar(), LogicalType::Integer());
  Vector m(map, 1);
  const LogicalType entry = map.ListChildType();
  m.SetValue(0, Value::Map(map, {Value::Row(entry, {Value::Varchar("a"), Value::Integer(LogicalType::Integer(), 1)}),
                                 Value::Row(entry, {Value::Varchar("b"), Value::Null(LogicalType::Integer())})}));
  EXPECT_EQ(m.GetValue(0).ToString(), "{a=1, b=NULL}");

  const LogicalType row = LogicalType::Row({LogicalType::Integer(), LogicalType::Varchar()}, {"x", ""});
  Vector r(row, 2);
  r.SetValue(0, Value::Row(row, {Value::Integer(LogicalType::Integer(), 1), Value::Varchar("foo")}));
  r.SetValue(1, Value::Null(row));
  EXPECT_EQ(r.GetValue(0).ToString(), "{x=1, field1=foo}");
  EXPECT_TRUE(r.GetValue(1).is_null());
}

// Selected rows keep their own elements; growing past the capacity keeps
// the rows already copied.
TEST(NestedVectorTest, CopyFromWithSelectionAndAppend) {
  Vector source(IntArray(), 3);
  source.SetValue(0, Ints({1}));
  source.SetValue(1, Ints({2, 3}));
  source.SetValue(2, Value::Null(IntArray()));
  Vector target(IntArray(), 1);
  const uint32_t sel[] = {2, 1, 0, 1};
  target.CopyFrom(source, sel, 4, 0);
  target.CopyFrom(source, nullptr, 3, 4);
  std::vector<std::string> text;
  for (size_t i = 0; i < 7; ++i) text.push_back(target.GetValue(i).ToString());
  EXPECT_EQ(text, (std::vector<std::string>{"NULL", "[2, 3]", "[1]", "[2, 3]", "[1]", "[2, 3]", "NULL"}));
  // Copying a vector onto itself (compaction) works through a copy.
  const uint32_t back[] = {5, 4};
  target.CopyFrom(target, back, 2, 0);
  EXPECT_EQ(target.GetValue(0).ToString(), "[2, 3]");
  EXPECT_EQ(target.GetValue(1).ToString(), "[1]");
  target.Reset();
  EXPECT_EQ(target.list_size(), 0u);

  DataChunk chunk({IntArray(), LogicalType::Row({LogicalType::Varchar()}, {"s"})}, 2);
  DataChunk more({IntArray(), LogicalType::Row({LogicalType::Varchar()}, {"s"})}, 2);
  more.column(0).SetValue(0, Ints({7, 8, 9}));
  more.column(1).SetValue(0, Value::Row(chunk.column(1).type(), {Value::Varchar("a string longer than inline")}));
  more.SetSize(1);
  for (int i = 0; i < 5; ++i) chunk.Append(more, nullptr, 1);
  EXPECT_EQ(chunk.size(), 5u);
  EXPECT_EQ(chunk.column(0).GetValue(4).ToString(), "[7, 8, 9]");
  EXPECT_EQ(chunk.column(1).GetValue(4).ToString(), "{s=a string longer than inline}");
}

TEST(NestedVectorTest, BroadcastSharesOneCopy) {
  Vector one(IntArray(), 1);
  one.SetValue(0, Ints({4, 5}));
  Vector v(IntArray(), 8);
  v.Broadcast(one, 0, 8);
  EXPECT_EQ(v.list_size(), 2u);
  EXPECT_EQ(v.GetValue(7).ToString(), "[4, 5]");
}

TEST(NestedVectorTest, HashEqualityAndOrder) {
  Vector v(IntArray(), 5);
  v.SetValue(0, Ints({1, 2}));
  v.SetValue(1, Ints({1, 2}));
  v.SetValue(2, Ints({1}));
  v.SetValue(3, Ints({1, 3}));
  v.SetValue(4, Value::Null(IntArray()));
  uint64_t hashes[5];
  HashVector(v, 5, hashes, false);
  EXPECT_EQ(hashes[0], hashes[1]);
  EXPECT_NE(hashes[0], hashes[2]);
  EXPECT_EQ(hashes[0], HashRow(v, 0));
  EXPECT_TRUE(RowsEqual(v, 0, v, 1));
  EXPECT_FALSE(RowsEqual(v, 0, v, 3));
  EXPECT_FALSE(RowsEqual(v, 0, v, 4));
  EXPECT_EQ(CompareRows(v, 2, v, 0), -1);  // a prefix first
  EXPECT_EQ(CompareRows(v, 3, v, 0), 1);
  EXPECT_EQ(CompareRows(v, 0, v, 1), 0);

  // [[1], []] and [[], [1]] hash differently.
  const LogicalType nested = LogicalType::Array(IntArray());
  Vector n(nested, 2);
  n.SetValue(0, Value::Array(nested, {Ints({1}), Ints({})}));
  n.SetValue(1, Value::Array(nested, {Ints({}), Ints({1})}));
  EXPECT_NE(HashRow(n, 0), HashRow(n, 1));
}

TEST(NestedVectorTest, GatherWithNulls) {
  Vector v(IntArray(), 2);
  v.SetValue(0, Ints({1, 2}));
  v.SetValue(1, Ints({3}));
  Vector out(LogicalType::Integer(), 3);
  uint32_t sel[] = {kNullRow, 2, 0};
  GatherWithNulls(v.child(), sel, 3, out);
  EXPECT_TRUE(out.IsNull(0));
  EXPECT_EQ(out.GetValue(1).ToString(), "3");
  EXPECT_EQ(out.GetValue(2).ToString(), "1");
  Vector rows(IntArray(), 2);
  uint32_t none[] = {kNullRow, kNullRow};
  GatherWithNulls(v, none, 2, rows);
  EXPECT_TRUE(rows.IsNull(0) && rows.IsNull(1));
}

}  // namespace
}  // namespace sluice
