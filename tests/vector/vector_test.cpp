#include "sluice/vector/data_chunk.h"
#include "sluice/types/date.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(VectorTest, StringsInlineAndOnHeap) {
  Vector v(LogicalType::Varchar(), 4);
  v.SetString(0, "short");
  v.SetString(1, "a string longer than twelve bytes");
  v.SetNull(2);
  EXPECT_EQ(v.GetValue(0).ToString(), "short");
  EXPECT_EQ(v.GetValue(1).ToString(), "a string longer than twelve bytes");
  EXPECT_TRUE(v.GetValue(2).is_null());
  EXPECT_TRUE(v.data<StringRef>()[0].IsInlined());
  EXPECT_FALSE(v.data<StringRef>()[1].IsInlined());
}

TEST(VectorTest, CopyWithSelectionKeepsNullsAndStrings) {
  Vector src(LogicalType::Varchar(), 4);
  src.SetString(0, "zero-zero-zero-zero");
  src.SetNull(1);
  src.SetString(2, "two");
  Vector dst(LogicalType::Varchar(), 2);
  uint32_t sel[] = {2, 1, 0};
  dst.CopyFrom(src, sel, 3, 0);  // grows past its capacity
  EXPECT_EQ(dst.GetValue(0).ToString(), "two");
  EXPECT_TRUE(dst.IsNull(1));
  EXPECT_EQ(dst.GetValue(2).ToString(), "zero-zero-zero-zero");
}

// A vector of `n` rows in dictionary form over {"red", "green", "blue"}.
Vector DictionaryVector(const std::vector<uint32_t>& codes) {
  auto dict = std::make_shared<Vector>(LogicalType::Varchar(), 3);
  dict->SetString(0, "red");
  dict->SetString(1, "green");
  dict->SetString(2, "blue");
  Vector v(LogicalType::Varchar(), codes.size());
  for (size_t i = 0; i < codes.size(); ++i) v.data<StringRef>()[i] = dict->data<StringRef>()[codes[i]];
  v.ShareBuffersOf(*dict);
  uint32_t* out = v.MutableDictionaryCodes();
  for (size_t i = 0; i < codes.size(); ++i) out[i] = codes[i];
  v.SetDictionary(dict);
  return v;
}

TEST(VectorTest, DictionaryFormSurvivesReadsAndMoves) {
  Vector v = DictionaryVector({2, 0, 0, 1});
  const Vector& read_only = v;
  EXPECT_EQ(read_only.data<StringRef>()[0].view(), "blue");
  ASSERT_NE(v.dictionary(), nullptr);
  Vector moved = std::move(v);
  ASSERT_NE(moved.dictionary(), nullptr);
  EXPECT_EQ(moved.dictionary_codes()[3], 1u);
  EXPECT_EQ(moved.dictionary()->GetValue(moved.dictionary_codes()[3]).ToString(), "green");
}

TEST(VectorTest, MutatingValuesDropsTheDictionaryForm) {
  Vector a = DictionaryVector({0, 1});
  a.data<StringRef>();  // mutable access: the caller may overwrite values
  EXPECT_EQ(a.dictionary(), nullptr);
  Vector b = DictionaryVector({0, 1});
  b.SetValue(0, Value::Varchar("purple"));
  EXPECT_EQ(b.dictionary(), nullptr);
  Vector c = DictionaryVector({0, 1});
  c.Reset();
  EXPECT_EQ(c.dictionary(), nullptr);
  Vector d = DictionaryVector({0, 1});
  d.Reserve(100, 2);
  EXPECT_EQ(d.dictionary(), nullptr);
}

TEST(VectorTest, CopyFromCarriesCodesThroughASelectionAtOffsetZeroOnly) {
  Vector src = DictionaryVector({2, 0, 1, 1, 0});
  Vector dst(LogicalType::Varchar(), 4);
  uint32_t sel[] = {4, 2, 0};
  dst.CopyFrom(src, sel, 3, 0);
  ASSERT_EQ(dst.dictionary(), src.dictionary());
  EXPECT_EQ(dst.dictionary_codes()[0], 0u);
  EXPECT_EQ(dst.dictionary_codes()[1], 1u);
  EXPECT_EQ(dst.dictionary_codes()[2], 2u);
  EXPECT_EQ(dst.GetValue(2).ToString(), "blue");
  // Appending rows behind others cannot keep codes for the rows before.
  dst.CopyFrom(src, sel, 1, 3);
  EXPECT_EQ(dst.dictionary(), nullptr);
}

TEST(DataChunkTest, AppendConcatenates) {
  DataChunk a({LogicalType::Bigint(), LogicalType::Double()});
  a.column(0).data<int64_t>()[0] = 7;
  a.column(1).SetNull(0);
  a.SetSize(1);
  DataChunk b({LogicalType::Bigint(), LogicalType::Double()});
  b.Append(a, nullptr, 1);
  b.Append(a, nullptr, 1);
  EXPECT_EQ(b.size(), 2u);
  EXPECT_EQ(b.ToString(), "7|NULL\n7|NULL\n");
}

}  // namespace
}  // namespace sluice

namespace sluice {
namespace {

TEST(FormatDoubleTest, FollowsJavaLayoutLikeTrino) {
  EXPECT_EQ(FormatDouble(4.0), "4.0");
  EXPECT_EQ(FormatDouble(1.5), "1.5");
  EXPECT_EQ(FormatDouble(-20.25), "-20.25");
  EXPECT_EQ(FormatDouble(0.001), "0.001");
  EXPECT_EQ(FormatDouble(0.0001), "1.0E-4");
  EXPECT_EQ(FormatDouble(1234567.5), "1234567.5");
  EXPECT_EQ(FormatDouble(1e7), "1.0E7");
  EXPECT_EQ(FormatDouble(134040746.96), "1.3404074696E8");
  EXPECT_EQ(FormatDouble(0.1 + 0.2), "0.30000000000000004");
}

TEST(DateTest, RoundTrips) {
  EXPECT_EQ(FormatDate(*ParseDate("2022-08-01")), "2022-08-01");
  EXPECT_EQ(FormatDate(*ParseDate("2024-2-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2022-08-01 10:11:12.5"), 3), "2022-08-01 10:11:12.500");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2022-08-01 10:11:12.5"), 0), "2022-08-01 10:11:12");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("1969-12-31 23:59:59.1234567", 6), 9), "1969-12-31 23:59:59.123457000");
  EXPECT_EQ(*ParseTimestamp("2022-08-01 10:11:12.9996", 3), *ParseTimestamp("2022-08-01 10:11:13"));
}

}  // namespace
}  // namespace sluice
