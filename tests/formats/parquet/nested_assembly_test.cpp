// Nested Parquet fields rebuilt from their leaves' levels as JSON text. The
// schemas and levels are written by hand following the Dremel shredding of
// the format spec; the expected texts are what DuckDB's to_json prints for
// the same values (checked with tests/tools/duckdb), except NaN and the
// infinities, which DuckDB prints bare and sluice as JSON strings.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <random>
#include <type_traits>

#include "sluice/common/error.h"
#include "sluice/formats/parquet/nested_assembly.h"
#include "sluice/formats/parquet/parquet_schema.h"
#include "sluice/types/date.h"

namespace sluice::parquet {
namespace {

constexpr const char* kNull = "<NULL>";

SchemaElement Root(int32_t children) {
  SchemaElement e;
  e.name = "schema";
  e.num_children = children;
  return e;
}

SchemaElement Group(std::string name, int32_t repetition, int32_t children,
                    std::optional<int32_t> converted = std::nullopt) {
  SchemaElement e;
  e.name = std::move(name);
  e.repetition = repetition;
  e.num_children = children;
  e.converted_type = converted;
  return e;
}

SchemaElement Prim(std::string name, int32_t repetition, int32_t physical,
                   std::optional<int32_t> converted = std::nullopt) {
  SchemaElement e;
  e.name = std::move(name);
  e.repetition = repetition;
  e.type = physical;
  e.converted_type = converted;
  return e;
}

SchemaElement Decimal(std::string name, int32_t repetition, int32_t physical, int precision, int scale,
                      int32_t length = 0) {
  SchemaElement e = Prim(std::move(name), repetition, physical, kDecimalConverted);
  e.precision = precision;
  e.scale = scale;
  if (length) e.type_length = length;
  return e;
}

SchemaElement Utf8(std::string name, int32_t repetition) {
  return Prim(std::move(name), repetition, kByteArrayType, kUtf8);
}

// The schema of one top-level field, its leaves and its assembler.
class Field {
 public:
  explicit Field(std::vector<SchemaElement> field) {
    schema_.push_back(Root(1));
    for (SchemaElement& e : field) schema_.push_back(std::move(e));
    file_ = BuildFileSchema(schema_, [](const std::string& m) { throw SluiceError(ErrorCode::kCorruptFile, m); });
    const FileColumn& column = file_.columns.at(0);
    EXPECT_TRUE(column.nested);
    std::vector<const LeafColumn*> leaves;
    for (size_t i = column.first_leaf; i < column.first_leaf + column.leaf_count; ++i) {
      leaves.push_back(&file_.leaves[i]);
    }
    assembler_ = std::make_unique<NestedAssembler>(schema_, column.schema_index, leaves, "f.parquet");
  }
  Field(const Field&) = delete;

  const LeafColumn& leaf(size_t i) const { return file_.leaves.at(i); }

  // Leaf i's levels, with no values yet.
  LeafLevels Levels(size_t i, std::vector<uint32_t> def, std::vector<uint32_t> rep) const {
    LeafLevels l(leaf(i).type);
    l.def = std::move(def);
    l.rep = std::move(rep);
    return l;
  }

  // The JSON text of each record, kNull for SQL NULL.
  std::vector<std::string> Assemble(const std::vector<LeafLevels>& levels, size_t records) const {
    Vector out(LogicalType::Varchar(), std::max<size_t>(records, 1));
    assembler_->Assemble(levels, records, out);
    std::vector<std::string> texts;
    for (size_t r = 0; r < records; ++r) {
      texts.push_back(out.IsNull(r) ? kNull : out.data<StringRef>()[r].str());
    }
    return texts;
  }

 private:
  std::vector<SchemaElement> schema_;
  FileSchema file_;
  std::unique_ptr<NestedAssembler> assembler_;
};

template <typename T>
void Put(LeafLevels& l, const std::vector<T>& values) {
  ASSERT_EQ(l.values.type().PhysicalSize(), sizeof(T));
  for (size_t i = 0; i < values.size(); ++i) l.values.data<T>()[i] = values[i];
  l.value_count = values.size();
}

void PutStrings(LeafLevels& l, const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) l.values.SetString(i, values[i]);
  l.value_count = values.size();
}

using Texts = std::vector<std::string>;

// Expects Assemble to throw kCorruptFile with `what` in its message.
void ExpectCorrupt(const Field& f, const std::vector<LeafLevels>& levels, size_t records, const std::string& what) {
  try {
    f.Assemble(levels, records);
    FAIL() << "no error; expected " << what;
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kCorruptFile) << e.message();
    EXPECT_NE(e.message().find("f.parquet: column '"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find(what), std::string::npos) << e.message();
  }
}

// optional group s { optional int32 a; optional group t { optional binary b (UTF8); required double c; } }
std::vector<SchemaElement> StructSchema() {
  return {Group("s", kOptional, 2), Prim("a", kOptional, kInt32Type), Group("t", kOptional, 2),
          Utf8("b", kOptional), Prim("c", kRequired, kDoubleType)};
}

// optional group l (LIST) { repeated group list { optional int32 element; } }
std::vector<SchemaElement> IntListSchema() {
  return {Group("l", kOptional, 1, kListConverted), Group("list", kRepeated, 1),
          Prim("element", kOptional, kInt32Type)};
}

TEST(NestedAssemblyTest, StructWithNullsAtEachLevel) {
  Field f(StructSchema());
  ASSERT_EQ(f.leaf(0).max_def, 2);
  ASSERT_EQ(f.leaf(1).max_def, 3);
  ASSERT_EQ(f.leaf(2).max_def, 2);
  // {a:1, t:{b:'x', c:1.5}}, NULL, {a:NULL, t:NULL}, {a:2, t:{b:NULL, c:2.0}}
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {2, 0, 1, 2}, {0, 0, 0, 0}));
  Put<int32_t>(levels.back(), {1, 2});
  levels.push_back(f.Levels(1, {3, 0, 1, 2}, {0, 0, 0, 0}));
  PutStrings(levels.back(), {"x"});
  levels.push_back(f.Levels(2, {2, 0, 1, 2}, {0, 0, 0, 0}));
  Put<double>(levels.back(), {1.5, 2.0});
  EXPECT_EQ(f.Assemble(levels, 4), (Texts{R"({"a":1,"t":{"b":"x","c":1.5}})", kNull, R"({"a":null,"t":null})",
                                          R"({"a":2,"t":{"b":null,"c":2.0}})"}));
}

TEST(NestedAssemblyTest, RequiredStructFieldNamesAreEscaped) {
  Field f({Group("s", kRequired, 2), Prim("we\"ird", kRequired, kInt32Type), Prim("b\\", kOptional, kBooleanType)});
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {0, 0}, {0, 0}));
  Put<int32_t>(levels.back(), {1, 2});
  levels.push_back(f.Levels(1, {1, 0}, {0, 0}));
  Put<uint8_t>(levels.back(), {1});
  EXPECT_EQ(f.Assemble(levels, 2), (Texts{R"({"we\"ird":1,"b\\":true})", R"({"we\"ird":2,"b\\":null})"}));
}

TEST(NestedAssemblyTest, ListOfIntsWithNullListEmptyListAndNullElements) {
  Field f(IntListSchema());
  ASSERT_EQ(f.leaf(0).max_def, 3);
  ASSERT_EQ(f.leaf(0).max_rep, 1);
  // [1,2,3], NULL, [], [NULL,4], [NULL]
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {3, 3, 3, 0, 1, 2, 3, 2}, {0, 1, 1, 0, 0, 0, 1, 0}));
  Put<int32_t>(levels.back(), {1, 2, 3, 4});
  EXPECT_EQ(f.Assemble(levels, 5), (Texts{"[1,2,3]", kNull, "[]", "[null,4]", "[null]"}));
}

TEST(NestedAssemblyTest, ListOfStructs) {
  // optional group l (LIST) { repeated group list { optional group element {
  //   required int32 x; optional binary y (UTF8); } } }
  Field f({Group("l", kOptional, 1, kListConverted), Group("list", kRepeated, 1), Group("element", kOptional, 2),
           Prim("x", kRequired, kInt32Type), Utf8("y", kOptional)});
  // [{x:1, y:'a'}, NULL, {x:2, y:NULL}], [], NULL
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {3, 2, 3, 1, 0}, {0, 1, 1, 0, 0}));
  Put<int32_t>(levels.back(), {1, 2});
  levels.push_back(f.Levels(1, {4, 2, 3, 1, 0}, {0, 1, 1, 0, 0}));
  PutStrings(levels.back(), {"a"});
  EXPECT_EQ(f.Assemble(levels, 3), (Texts{R"([{"x":1,"y":"a"},null,{"x":2,"y":null}])", "[]", kNull}));
}

TEST(NestedAssemblyTest, StructContainingList) {
  // required group s { required int32 id; optional group tags (LIST) {
  //   repeated group list { required binary element (UTF8); } } }
  Field f({Group("s", kRequired, 2), Prim("id", kRequired, kInt32Type), Group("tags", kOptional, 1, kListConverted),
           Group("list", kRepeated, 1), Utf8("element", kRequired)});
  // {id:1, tags:['a','b']}, {id:2, tags:NULL}, {id:3, tags:[]}
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {0, 0, 0}, {0, 0, 0}));
  Put<int32_t>(levels.back(), {1, 2, 3});
  levels.push_back(f.Levels(1, {2, 2, 0, 1}, {0, 1, 0, 0}));
  PutStrings(levels.back(), {"a", "a string longer than twelve bytes"});
  EXPECT_EQ(f.Assemble(levels, 3),
            (Texts{R"({"id":1,"tags":["a","a string longer than twelve bytes"]})", R"({"id":2,"tags":null})",
                   R"({"id":3,"tags":[]})"}));
}

TEST(NestedAssemblyTest, MapOfVarcharToIntWithNullValuesAndEmptyMaps) {
  // optional group m (MAP) { repeated group key_value { required binary key (UTF8); optional int32 value; } }
  Field f({Group("m", kOptional, 1, kMapConverted), Group("key_value", kRepeated, 2), Utf8("key", kRequired),
           Prim("value", kOptional, kInt32Type)});
  // {a:1, b:NULL}, {}, NULL, {c:3}
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {2, 2, 1, 0, 2}, {0, 1, 0, 0, 0}));
  PutStrings(levels.back(), {"a", "b", "c"});
  levels.push_back(f.Levels(1, {3, 2, 1, 0, 3}, {0, 1, 0, 0, 0}));
  Put<int32_t>(levels.back(), {1, 3});
  EXPECT_EQ(f.Assemble(levels, 4), (Texts{R"({"a":1,"b":null})", "{}", kNull, R"({"c":3})"}));
}

// required group m (MAP) { repeated group key_value { required <key> key; required int32 value; } }
// with one record holding `keys`.keys -> 1, 2, ...
template <typename T>
std::string MapWithKeys(SchemaElement key, const std::vector<T>& keys) {
  key.name = "key";
  key.repetition = kRequired;
  Field f({Group("m", kRequired, 1, kMapConverted), Group("key_value", kRepeated, 2), key,
           Prim("value", kRequired, kInt32Type)});
  std::vector<uint32_t> def(keys.size(), 1), rep(keys.size(), 1);
  rep[0] = 0;
  std::vector<int32_t> values;
  for (size_t i = 0; i < keys.size(); ++i) values.push_back(static_cast<int32_t>(i + 1));
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, def, rep));
  Put<T>(levels.back(), keys);
  levels.push_back(f.Levels(1, def, rep));
  Put<int32_t>(levels.back(), values);
  return f.Assemble(levels, 1).at(0);
}

TEST(NestedAssemblyTest, MapKeysAreTheirVarcharText) {
  EXPECT_EQ(MapWithKeys<int32_t>(Prim("", 0, kInt32Type), {1, -2}), R"({"1":1,"-2":2})");
  EXPECT_EQ(MapWithKeys<double>(Prim("", 0, kDoubleType), {1e20, 0.1, 100.0, 1.5e-5,
                                                           std::numeric_limits<double>::quiet_NaN()}),
            R"({"1e+20":1,"0.1":2,"100.0":3,"1.5e-05":4,"nan":5})");
  EXPECT_EQ(MapWithKeys<float>(Prim("", 0, kFloatType), {0.1f, 123456.79f, 3.4e38f}),
            R"({"0.1":1,"123456.79":2,"3.4e+38":3})");
  EXPECT_EQ(MapWithKeys<int64_t>(Decimal("", 0, kInt32Type, 4, 2), {1250}), R"({"12.50":1})");
  EXPECT_EQ(MapWithKeys<uint8_t>(Prim("", 0, kBooleanType), {1, 0}), R"({"true":1,"false":2})");
  EXPECT_EQ(MapWithKeys<int32_t>(Prim("", 0, kInt32Type, kDateConverted), {DaysFromCivil(2024, 1, 31)}),
            R"({"2024-01-31":1})");
  const int64_t noon = int64_t{DaysFromCivil(2024, 1, 31)} * 86400000000 + 12 * 3600000000LL;
  EXPECT_EQ(MapWithKeys<int64_t>(Prim("", 0, kInt64Type, kTimestampMicros), {noon + 500000}),
            R"({"2024-01-31 12:00:00.5":1})");
}

TEST(NestedAssemblyTest, LegacyAndValuelessMaps) {
  {
    // A MAP_KEY_VALUE group in place of MAP, fields misnamed (known by position).
    Field f({Group("m", kOptional, 1, kMapKeyValue), Group("map", kRepeated, 2), Utf8("str", kRequired),
             Prim("num", kRequired, kInt32Type)});
    std::vector<LeafLevels> levels;
    levels.push_back(f.Levels(0, {2, 2, 0}, {0, 1, 0}));
    PutStrings(levels.back(), {"a", "b\n"});
    levels.push_back(f.Levels(1, {2, 2, 0}, {0, 1, 0}));
    Put<int32_t>(levels.back(), {1, 2});
    EXPECT_EQ(f.Assemble(levels, 2), (Texts{R"({"a":1,"b\n":2})", kNull}));
  }
  {
    // No value field: every value null.
    Field f({Group("m", kRequired, 1, kMapConverted), Group("key_value", kRepeated, 1), Utf8("key", kRequired)});
    std::vector<LeafLevels> levels;
    levels.push_back(f.Levels(0, {1, 1, 0}, {0, 1, 0}));
    PutStrings(levels.back(), {"a", "b"});
    EXPECT_EQ(f.Assemble(levels, 2), (Texts{R"({"a":null,"b":null})", "{}"}));
  }
  {
    // A map of maps, and a struct as key: its JSON text becomes the key string.
    Field f({Group("m", kRequired, 1, kMapConverted), Group("key_value", kRepeated, 2), Group("key", kRequired, 1),
             Prim("a", kRequired, kInt32Type), Group("value", kOptional, 1, kMapConverted),
             Group("key_value", kRepeated, 2), Prim("key", kRequired, kInt32Type), Prim("value", kRequired, kInt32Type)});
    // {{a:1}: {2:3, 4:5}, {a:6}: NULL}
    std::vector<LeafLevels> levels;
    levels.push_back(f.Levels(0, {1, 1}, {0, 1}));
    Put<int32_t>(levels.back(), {1, 6});
    levels.push_back(f.Levels(1, {3, 3, 1}, {0, 2, 1}));
    Put<int32_t>(levels.back(), {2, 4});
    levels.push_back(f.Levels(2, {3, 3, 1}, {0, 2, 1}));
    Put<int32_t>(levels.back(), {3, 5});
    EXPECT_EQ(f.Assemble(levels, 1), (Texts{R"({"{\"a\":1}":{"2":3,"4":5},"{\"a\":6}":null})"}));
  }
}

TEST(NestedAssemblyTest, ListOfLists) {
  // optional group ll (LIST) { repeated group list { optional group element (LIST) {
  //   repeated group list { optional int32 element; } } } }
  Field f({Group("ll", kOptional, 1, kListConverted), Group("list", kRepeated, 1),
           Group("element", kOptional, 1, kListConverted), Group("list", kRepeated, 1),
           Prim("element", kOptional, kInt32Type)});
  ASSERT_EQ(f.leaf(0).max_def, 5);
  ASSERT_EQ(f.leaf(0).max_rep, 2);
  // [[1,2],[],NULL,[NULL]], [], NULL, [[3],[4,5]]
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {5, 5, 3, 2, 4, 1, 0, 5, 5, 5}, {0, 2, 1, 1, 1, 0, 0, 0, 1, 2}));
  Put<int32_t>(levels.back(), {1, 2, 3, 4, 5});
  EXPECT_EQ(f.Assemble(levels, 4), (Texts{"[[1,2],[],null,[null]]", "[]", kNull, "[[3],[4,5]]"}));
}

TEST(NestedAssemblyTest, TwoLevelLegacyLists) {
  {
    // Rule 1: a repeated primitive is the element.
    Field f({Group("l", kOptional, 1, kListConverted), Prim("element", kRepeated, kInt32Type)});
    std::vector<LeafLevels> levels;
    levels.push_back(f.Levels(0, {2, 2, 0, 1}, {0, 1, 0, 0}));
    Put<int32_t>(levels.back(), {1, 2});
    EXPECT_EQ(f.Assemble(levels, 3), (Texts{"[1,2]", kNull, "[]"}));
  }
  {
    // Rule 2: a repeated group of several fields is the element.
    Field f({Group("l", kRequired, 1, kListConverted), Group("element", kRepeated, 2),
             Prim("a", kRequired, kInt32Type), Utf8("b", kOptional)});
    std::vector<LeafLevels> levels;
    levels.push_back(f.Levels(0, {1, 1, 0}, {0, 1, 0}));
    Put<int32_t>(levels.back(), {1, 2});
    levels.push_back(f.Levels(1, {2, 1, 0}, {0, 1, 0}));
    PutStrings(levels.back(), {"x"});
    EXPECT_EQ(f.Assemble(levels, 2), (Texts{R"([{"a":1,"b":"x"},{"a":2,"b":null}])", "[]"}));
  }
  {
    // Rule 3: a repeated group whose one field is repeated is the element
    // (here a 2-level list itself).
    Field f({Group("my_list", kOptional, 1, kListConverted), Group("array", kRepeated, 1, kListConverted),
             Prim("array", kRepeated, kInt32Type)});
    ASSERT_EQ(f.leaf(0).max_def, 3);
    std::vector<LeafLevels> levels;
    levels.push_back(f.Levels(0, {3, 3, 2, 0}, {0, 2, 1, 0}));
    Put<int32_t>(levels.back(), {1, 2});
    EXPECT_EQ(f.Assemble(levels, 2), (Texts{"[[1,2],[]]", kNull}));
  }
  // Rule 4: a one-field group named "array" or "<list>_tuple" is the element;
  // rule 5: any other one-field group is the middle level of a 3-level list.
  for (const char* name : {"array", "l_tuple", "element"}) {
    Field f({Group("l", kOptional, 1, kListConverted), Group(name, kRepeated, 1), Utf8("str", kOptional)});
    std::vector<LeafLevels> levels;
    levels.push_back(f.Levels(0, {3, 2}, {0, 1}));
    PutStrings(levels.back(), {"a"});
    const std::string expected = std::string(name) == "element" ? R"(["a",null])" : R"([{"str":"a"},{"str":null}])";
    EXPECT_EQ(f.Assemble(levels, 1), (Texts{expected})) << name;
  }
}

TEST(NestedAssemblyTest, TopLevelRepeatedPrimitive) {
  Field f({Prim("r", kRepeated, kInt32Type)});
  // [1,2], [], [3]: a required list, never NULL.
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {1, 1, 0, 1}, {0, 1, 0, 0}));
  Put<int32_t>(levels.back(), {1, 2, 3});
  EXPECT_EQ(f.Assemble(levels, 3), (Texts{"[1,2]", "[]", "[3]"}));
}

TEST(NestedAssemblyTest, BareRepeatedGroupInsideStruct) {
  // optional group s { repeated group pts { required int32 x; required int32 y; } }
  Field f({Group("s", kOptional, 1), Group("pts", kRepeated, 2), Prim("x", kRequired, kInt32Type),
           Prim("y", kRequired, kInt32Type)});
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, {2, 2, 1, 0}, {0, 1, 0, 0}));
  Put<int32_t>(levels.back(), {1, 3});
  levels.push_back(f.Levels(1, {2, 2, 1, 0}, {0, 1, 0, 0}));
  Put<int32_t>(levels.back(), {2, 4});
  EXPECT_EQ(f.Assemble(levels, 3), (Texts{R"({"pts":[{"x":1,"y":2},{"x":3,"y":4}]})", R"({"pts":[]})", kNull}));
}

// One record of `repeated <element> v` holding `values`.
template <typename T>
std::string ListOf(SchemaElement element, const std::vector<T>& values) {
  element.name = "v";
  element.repetition = kRepeated;
  Field f({element});
  std::vector<uint32_t> def(values.size(), 1), rep(values.size(), 1);
  rep[0] = 0;
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, def, rep));
  if constexpr (std::is_same_v<T, std::string>) {
    PutStrings(levels.back(), values);
  } else {
    Put<T>(levels.back(), values);
  }
  return f.Assemble(levels, 1).at(0);
}

TEST(NestedAssemblyTest, LeafValues) {
  EXPECT_EQ(ListOf<uint8_t>(Prim("", 0, kBooleanType), {1, 0}), "[true,false]");
  EXPECT_EQ(ListOf<int8_t>(Prim("", 0, kInt32Type, kInt8), {-128, 127}), "[-128,127]");
  EXPECT_EQ(ListOf<int16_t>(Prim("", 0, kInt32Type, kUint8), {255}), "[255]");
  EXPECT_EQ(ListOf<int64_t>(Prim("", 0, kInt64Type), {std::numeric_limits<int64_t>::max(),
                                                      std::numeric_limits<int64_t>::min()}),
            "[9223372036854775807,-9223372036854775808]");
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(ListOf<double>(Prim("", 0, kDoubleType),
                           {1.5, 1e20, 1e21, 1e-7, 1e-6, -0.0, 100.0, 0.1, 5e-324, 1.7976931348623157e308,
                            12345678901234567890.0, std::numeric_limits<double>::quiet_NaN(), inf, -inf}),
            "[1.5,100000000000000000000.0,1e21,1e-7,0.000001,-0.0,100.0,0.1,5e-324,1.7976931348623157e308,"
            "12345678901234567000.0,\"NaN\",\"Infinity\",\"-Infinity\"]");
  // DuckDB widens REAL to double in to_json.
  EXPECT_EQ(ListOf<float>(Prim("", 0, kFloatType), {0.1f, 1.5f, 3.4e38f, 16777216.0f}),
            "[0.10000000149011612,1.5,3.3999999521443642e38,16777216.0]");
  // Up to 15 digits through double (as DuckDB), wider ones as their exact text.
  EXPECT_EQ(ListOf<int64_t>(Decimal("", 0, kInt32Type, 4, 2), {1250, -5, 1000}), "[12.5,-0.05,10.0]");
  EXPECT_EQ(ListOf<int64_t>(Decimal("", 0, kInt64Type, 10, 9), {100}), "[1e-7]");
  const Int128 big = Int128{1234567890123456789LL} * 10000000000000LL + 123456789123LL;
  EXPECT_EQ(ListOf<Int128>(Decimal("", 0, kFixedLenByteArrayType, 38, 3, 16), {-1500, 0, big}),
            "[-1.500,0.000,12345678901234567890123456789.123]");
  EXPECT_EQ(ListOf<Int128>(Prim("", 0, kInt64Type, kUint64), {Int128{std::numeric_limits<uint64_t>::max()}}),
            "[18446744073709551615]");
  EXPECT_EQ(ListOf<int32_t>(Prim("", 0, kInt32Type, kDateConverted),
                            {DaysFromCivil(2024, 1, 31), DaysFromCivil(0, 12, 31), DaysFromCivil(10000, 1, 1),
                             std::numeric_limits<int32_t>::max(), -std::numeric_limits<int32_t>::max(),
                             std::numeric_limits<int32_t>::max() - 1, -std::numeric_limits<int32_t>::max() + 1}),
            R"j(["2024-01-31","0001-12-31 (BC)","10000-01-01","infinity","-infinity","5881580-07-10",)j"
            R"j("5877642-06-25 (BC)"])j");
  const int64_t noon = int64_t{DaysFromCivil(2024, 1, 31)} * 86400000000 + 12 * 3600000000LL;
  const int64_t year1 = int64_t{DaysFromCivil(1, 1, 1)} * 86400000000;
  EXPECT_EQ(ListOf<int64_t>(Prim("", 0, kInt64Type, kTimestampMicros),
                            {noon, noon + 500000, noon + 123456, noon + 10, -1000, year1 - 1000000,
                             std::numeric_limits<int64_t>::max(), -std::numeric_limits<int64_t>::max(),
                             std::numeric_limits<int64_t>::max() - 1, -9223372022400000000}),
            R"(["2024-01-31 12:00:00","2024-01-31 12:00:00.5","2024-01-31 12:00:00.123456",)"
            R"j("2024-01-31 12:00:00.00001","1969-12-31 23:59:59.999","0001-12-31 (BC) 23:59:59",)j"
            R"j("infinity","-infinity","294247-01-10 04:00:54.775806","290309-12-22 (BC) 00:00:00"])j");
  // Extremes render without overflow.
  EXPECT_FALSE(ListOf<int32_t>(Prim("", 0, kInt32Type, kDateConverted), {std::numeric_limits<int32_t>::min()}).empty());
  EXPECT_FALSE(ListOf<int64_t>(Prim("", 0, kInt64Type, kTimestampMicros), {std::numeric_limits<int64_t>::min()})
                   .empty());
}

TEST(NestedAssemblyTest, StringsAreEscaped) {
  const std::string controls = std::string("\x01\x1f\x7f\"\\/\n\t\b\f\r", 11) + "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80" +
                               "\xe2\x80\xa8" + std::string("\0", 1);
  EXPECT_EQ(ListOf<std::string>(Utf8("", 0), {controls}),
            "[\"\\u0001\\u001F\x7f\\\"\\\\/\\n\\t\\b\\f\\r\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xe2\x80\xa8\\u0000\"]");
  // Ill-formed UTF-8: U+FFFD per maximal ill-formed subsequence.
  EXPECT_EQ(ListOf<std::string>(Utf8("", 0), {"a\xff" "b", "\xe2\x82", "\xed\xa0\x80", "\xf0\x9f\x98", "\xc0\xaf"}),
            "[\"a\xef\xbf\xbd" "b\",\"\xef\xbf\xbd\",\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\",\"\xef\xbf\xbd\","
            "\"\xef\xbf\xbd\xef\xbf\xbd\"]");
}

TEST(NestedAssemblyTest, FullBatchOfRecords) {
  Field f({Utf8("r", kRepeated)});
  std::vector<uint32_t> def, rep;
  std::vector<std::string> values;
  Texts expected;
  for (size_t r = 0; r < kVectorSize; ++r) {
    const size_t n = r % 3;
    if (n == 0) {
      def.push_back(0);
      rep.push_back(0);
      expected.push_back("[]");
      continue;
    }
    std::string text = "[";
    for (size_t i = 0; i < n; ++i) {
      def.push_back(1);
      rep.push_back(i == 0 ? 0 : 1);
      values.push_back("value " + std::to_string(r) + "." + std::to_string(i));
      text += (i ? ",\"" : "\"") + values.back() + "\"";
    }
    expected.push_back(text + "]");
  }
  std::vector<LeafLevels> levels;
  levels.push_back(f.Levels(0, def, rep));
  levels.back().values.Reserve(values.size(), 0);
  PutStrings(levels.back(), values);
  EXPECT_EQ(f.Assemble(levels, kVectorSize), expected);
}

TEST(NestedAssemblyTest, BadLevelsAreCorruptFiles) {
  Field list(IntListSchema());
  auto ints = [&](std::vector<uint32_t> def, std::vector<uint32_t> rep, size_t values) {
    std::vector<LeafLevels> levels;
    levels.push_back(list.Levels(0, std::move(def), std::move(rep)));
    Put<int32_t>(levels.back(), std::vector<int32_t>(values, 7));
    return levels;
  };
  ExpectCorrupt(list, ints({3, 4}, {0, 0}, 1), 2, "definition level 4 exceeds the maximum 3");
  ExpectCorrupt(list, ints({3, 3}, {0, 2}, 2), 1, "repetition level 2 exceeds the maximum 1");
  ExpectCorrupt(list, ints({3, 3, 2}, {0, 1, 0}, 1), 2, "1 values for 2 defined entries");
  ExpectCorrupt(list, ints({3, 3}, {0}, 2), 1, "2 definition levels but 1 repetition levels");
  ExpectCorrupt(list, ints({3, 3}, {0, 1}, 2), 2, "holds 1 records, not 2");
  ExpectCorrupt(list, ints({3, 3}, {0, 0}, 2), 1, "holds more than 1 records");
  ExpectCorrupt(list, ints({3}, {1}, 1), 1, "starts a record with repetition level 1");
  ExpectCorrupt(list, ints({}, {}, 0), 1, "holds 0 records, not 1");
  // A continuation (rep 1) after an empty list.
  ExpectCorrupt(list, ints({1, 3}, {0, 1}, 1), 2, "starts a record with repetition level 1");
  // An inner continuation (rep 2) after an empty inner list.
  Field ll({Group("ll", kOptional, 1, kListConverted), Group("list", kRepeated, 1),
            Group("element", kOptional, 1, kListConverted), Group("list", kRepeated, 1),
            Prim("element", kOptional, kInt32Type)});
  std::vector<LeafLevels> nested;
  nested.push_back(ll.Levels(0, {3, 5}, {0, 2}));
  Put<int32_t>(nested.back(), {1});
  ExpectCorrupt(ll, nested, 1, "repetition levels of leaf 'll.list.element.list.element'");

  Field s(StructSchema());
  auto leaves = [&](std::vector<uint32_t> a, std::vector<uint32_t> b, std::vector<uint32_t> c) {
    std::vector<LeafLevels> levels;
    for (size_t leaf = 0; leaf < 3; ++leaf) {
      std::vector<uint32_t>& def = leaf == 0 ? a : leaf == 1 ? b : c;
      levels.push_back(s.Levels(leaf, def, std::vector<uint32_t>(def.size(), 0)));
      const uint32_t max = static_cast<uint32_t>(s.leaf(leaf).max_def);
      const size_t n = static_cast<size_t>(std::count(def.begin(), def.end(), max));
      if (leaf == 1) {
        PutStrings(levels.back(), std::vector<std::string>(n, "x"));
      } else if (leaf == 0) {
        Put<int32_t>(levels.back(), std::vector<int32_t>(n, 1));
      } else {
        Put<double>(levels.back(), std::vector<double>(n, 1.0));
      }
    }
    return levels;
  };
  EXPECT_EQ(s.Assemble(leaves({2, 0}, {3, 0}, {2, 0}), 2), (Texts{R"({"a":1,"t":{"b":"x","c":1.0}})", kNull}));
  // Leaves disagreeing on the record count...
  ExpectCorrupt(s, leaves({2, 0, 0}, {3, 0}, {2, 0}), 3, "leaf 's.t.b' holds 2 records, not 3");
  ExpectCorrupt(s, leaves({2, 0, 0}, {3, 0}, {2, 0}), 2, "leaf 's.a' holds more than 2 records");
  // ...or on which levels are null.
  ExpectCorrupt(s, leaves({0}, {3}, {2}), 1, "definition levels of leaf 's.t.b'");
  ExpectCorrupt(s, leaves({2}, {3}, {0}), 1, "definition levels of leaf 's.t.c'");
  ExpectCorrupt(s, leaves({2}, {0}, {0}), 1, "definition levels of leaf 's.t.b'");
  ExpectCorrupt(s, leaves({2}, {1}, {2}), 1, "definition levels of leaf 's.t.c'");

  // A list of structs whose leaves disagree on where elements start.
  Field ls({Group("l", kOptional, 1, kListConverted), Group("list", kRepeated, 1), Group("element", kRequired, 2),
            Prim("x", kRequired, kInt32Type), Prim("y", kRequired, kInt32Type)});
  std::vector<LeafLevels> levels;
  levels.push_back(ls.Levels(0, {2, 2}, {0, 1}));
  Put<int32_t>(levels.back(), {1, 2});
  levels.push_back(ls.Levels(1, {2, 2}, {0, 0}));
  Put<int32_t>(levels.back(), {1, 2});
  ExpectCorrupt(ls, levels, 1, "repetition levels of leaf 'l.list.element.y'");
  levels[0].rep = {0, 0};
  levels[1].rep = {0, 1};
  ExpectCorrupt(ls, levels, 2, "repetition levels of leaf 'l.list.element.y'");

  // A null map key.
  Field m({Group("m", kOptional, 1, kMapConverted), Group("key_value", kRepeated, 2), Utf8("key", kOptional),
           Prim("value", kOptional, kInt32Type)});
  levels.clear();
  levels.push_back(m.Levels(0, {2}, {0}));
  levels.push_back(m.Levels(1, {2}, {0}));
  ExpectCorrupt(m, levels, 1, "a map key is null");
}

// optional group l (LIST) { repeated group list { optional group element {
//   optional int32 x; optional group ys (LIST) { repeated group list { optional int32 element; } } } } }
std::vector<SchemaElement> DeepSchema() {
  return {Group("l", kOptional, 1, kListConverted), Group("list", kRepeated, 1), Group("element", kOptional, 2),
          Prim("x", kOptional, kInt32Type), Group("ys", kOptional, 1, kListConverted), Group("list", kRepeated, 1),
          Prim("element", kOptional, kInt32Type)};
}

// Random records shredded by hand must come back as their JSON text.
TEST(NestedAssemblyTest, RandomRecordsRoundTrip) {
  Field f(DeepSchema());
  ASSERT_EQ(f.leaf(0).max_def, 4);
  ASSERT_EQ(f.leaf(1).max_def, 6);
  ASSERT_EQ(f.leaf(1).max_rep, 2);
  std::mt19937 rng(42);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int round = 0; round < 50; ++round) {
    std::vector<uint32_t> xd, xr, yd, yr;
    std::vector<int32_t> xv, yv;
    Texts expected;
    const size_t records = 1 + static_cast<size_t>(pick(40));
    for (size_t r = 0; r < records; ++r) {
      auto x = [&](uint32_t rep, uint32_t def) { xr.push_back(rep), xd.push_back(def); };
      auto y = [&](uint32_t rep, uint32_t def) { yr.push_back(rep), yd.push_back(def); };
      const int kind = pick(5);
      if (kind == 0) {
        x(0, 0), y(0, 0), expected.push_back(kNull);
        continue;
      }
      if (kind == 1) {
        x(0, 1), y(0, 1), expected.push_back("[]");
        continue;
      }
      std::string text = "[";
      const int elements = 1 + pick(4);
      for (int e = 0; e < elements; ++e) {
        const uint32_t rep = e == 0 ? 0 : 1;
        if (e) text += ',';
        if (pick(5) == 0) {
          x(rep, 2), y(rep, 2), text += "null";
          continue;
        }
        text += "{\"x\":";
        if (pick(3) == 0) {
          x(rep, 3), text += "null";
        } else {
          const int32_t v = pick(2000) - 1000;
          x(rep, 4), xv.push_back(v), text += std::to_string(v);
        }
        text += ",\"ys\":";
        const int ys = pick(6);
        if (ys == 0) {
          y(rep, 3), text += "null";
        } else if (ys == 1) {
          y(rep, 4), text += "[]";
        } else {
          text += '[';
          for (int j = 0; j < ys - 1; ++j) {
            const uint32_t yrep = j == 0 ? rep : 2;
            if (j) text += ',';
            if (pick(4) == 0) {
              y(yrep, 5), text += "null";
            } else {
              const int32_t v = pick(100);
              y(yrep, 6), yv.push_back(v), text += std::to_string(v);
            }
          }
          text += ']';
        }
        text += '}';
      }
      expected.push_back(text + "]");
    }
    std::vector<LeafLevels> levels;
    levels.push_back(f.Levels(0, xd, xr));
    Put<int32_t>(levels.back(), xv);
    levels.push_back(f.Levels(1, yd, yr));
    Put<int32_t>(levels.back(), yv);
    ASSERT_EQ(f.Assemble(levels, records), expected) << "round " << round;
  }
}

// Random levels (as a fuzzed file could hold) either assemble or throw
// kCorruptFile; never anything else, never out of bounds (run under ASan).
TEST(NestedAssemblyTest, RandomLevelsNeverCrash) {
  Field f(DeepSchema());
  std::mt19937 rng(7);
  auto pick = [&](int n) { return static_cast<uint32_t>(rng() % static_cast<unsigned>(n)); };
  size_t assembled = 0;
  for (int round = 0; round < 20000; ++round) {
    std::vector<LeafLevels> levels;
    const size_t records = pick(4);
    for (size_t leaf = 0; leaf < 2; ++leaf) {
      const uint32_t max_def = static_cast<uint32_t>(f.leaf(leaf).max_def);
      const uint32_t max_rep = static_cast<uint32_t>(f.leaf(leaf).max_rep);
      const size_t n = pick(10);
      std::vector<uint32_t> def, rep;
      for (size_t i = 0; i < n; ++i) {
        def.push_back(pick(100) == 0 ? max_def + 1 : pick(static_cast<int>(max_def) + 1));
        rep.push_back(i == 0 && pick(4) != 0 ? 0 : pick(100) == 0 ? max_rep + 1 : pick(static_cast<int>(max_rep) + 1));
      }
      size_t defined = static_cast<size_t>(std::count(def.begin(), def.end(), max_def));
      if (pick(50) == 0) defined += pick(3);
      if (pick(50) == 0 && defined) --defined;
      levels.push_back(f.Levels(leaf, def, rep));
      Put<int32_t>(levels.back(), std::vector<int32_t>(defined, 1));
    }
    try {
      f.Assemble(levels, records);
      ++assembled;
    } catch (const SluiceError& e) {
      ASSERT_EQ(e.code(), ErrorCode::kCorruptFile) << e.message();
    }
  }
  EXPECT_GT(assembled, 0u);
}

}  // namespace
}  // namespace sluice::parquet
