#include "sluice/exec/aggregate_hash_table.h"

#include <gtest/gtest.h>

#include <map>

#include "sluice/functions/function_registry.h"

namespace sluice::exec {
namespace {

// A chunk of (key, amount) rows. With `dict` the keys are in dictionary form
// over it (codes[i] picks row i's key); without, plain strings.
DataChunk Chunk(const std::vector<std::string>& keys, const std::vector<double>& amounts,
                std::shared_ptr<Vector> dict = nullptr, const std::vector<uint32_t>& codes = {}) {
  DataChunk c({LogicalType::Varchar(), LogicalType::Double()}, keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    c.column(0).SetString(i, keys[i]);
    c.column(1).data<double>()[i] = amounts[i];
  }
  if (dict) {
    uint32_t* out = c.column(0).MutableDictionaryCodes();
    for (size_t i = 0; i < codes.size(); ++i) out[i] = codes[i];
    c.column(0).SetDictionary(dict);
  }
  c.SetSize(keys.size());
  return c;
}

std::shared_ptr<Vector> Dictionary(const std::vector<std::string>& entries) {
  auto d = std::make_shared<Vector>(LogicalType::Varchar(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) d->SetString(i, entries[i]);
  return d;
}

std::map<std::string, std::pair<double, int64_t>> Groups(const AggregateHashTable& table) {
  DataChunk out({LogicalType::Varchar(), LogicalType::Double(), LogicalType::Bigint()}, table.group_count());
  table.Emit(0, table.group_count(), out);
  std::map<std::string, std::pair<double, int64_t>> groups;
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_FALSE(groups.count(out.column(0).GetValue(i).ToString())) << "a key in two groups";
    groups[out.column(0).GetValue(i).ToString()] = {out.column(1).data<double>()[i],
                                                   out.column(2).data<int64_t>()[i]};
  }
  return groups;
}

// Chunks in dictionary form (two dictionaries that share entries, one with a
// duplicate entry) and plain chunks land in the same groups.
TEST(AggregateHashTableTest, DictionaryCodesAndPlainKeysShareGroups) {
  const auto& registry = function::FunctionRegistry::Get();
  std::vector<AggregateSpec> aggs;
  aggs.push_back({registry.BindAggregate("sum", {LogicalType::Double()}).function, 1});
  aggs.push_back({registry.BindAggregate("count", {}).function, -1});
  AggregateHashTable table({LogicalType::Varchar()}, &aggs);

  auto first = Dictionary({"north", "south", "a key longer than the inline limit"});
  table.AddChunk(Chunk({"south", "north", "south"}, {1, 2, 3}, first, {1, 0, 1}));
  table.AddChunk(Chunk({"north", "east"}, {10, 20}));
  auto second = Dictionary({"east", "south", "east", "a key longer than the inline limit"});
  table.AddChunk(Chunk({"east", "east", "south", "a key longer than the inline limit"}, {100, 200, 300, 400},
                       second, {0, 2, 1, 3}));
  table.AddChunk(Chunk({"a key longer than the inline limit"}, {1000}, first, {2}));

  auto groups = Groups(table);
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups["north"], std::make_pair(12.0, int64_t{2}));
  EXPECT_EQ(groups["south"], std::make_pair(304.0, int64_t{3}));
  EXPECT_EQ(groups["east"], std::make_pair(320.0, int64_t{3}));
  EXPECT_EQ(groups["a key longer than the inline limit"], std::make_pair(1400.0, int64_t{2}));
}

// Two threads' tables that saw some of the same values for a group: after
// the merge, count(DISTINCT) and sum(DISTINCT) count those once.
TEST(AggregateHashTableTest, DistinctAggregatesMergeExactly) {
  const auto& registry = function::FunctionRegistry::Get();
  std::vector<AggregateSpec> aggs;
  aggs.push_back({registry.BindAggregate("count", {LogicalType::Double()}).function, 1, true});
  aggs.push_back({registry.BindAggregate("sum", {LogicalType::Double()}).function, 1, true});
  aggs.push_back({registry.BindAggregate("count", {LogicalType::Double()}).function, 1, false});
  AggregateHashTable left({LogicalType::Varchar()}, &aggs), right({LogicalType::Varchar()}, &aggs);
  left.AddChunk(Chunk({"a", "a", "a", "b"}, {1, 2, 2, 7}));
  right.AddChunk(Chunk({"a", "a", "b", "c"}, {2, 3, 7, -0.0}));
  right.AddChunk(Chunk({"c", "a"}, {0.0, 1}));
  left.Merge(right);
  DataChunk out({LogicalType::Varchar(), LogicalType::Bigint(), LogicalType::Double(), LogicalType::Bigint()}, 3);
  left.Emit(0, left.group_count(), out);
  std::map<std::string, std::string> rows;
  for (size_t i = 0; i < out.size(); ++i) {
    rows[out.column(0).GetValue(i).ToString()] = out.column(1).GetValue(i).ToString() + " " +
                                                 out.column(2).GetValue(i).ToString() + " " +
                                                 out.column(3).GetValue(i).ToString();
  }
  EXPECT_EQ(rows["a"], "3 6.0 6");  // values 1, 2, 3 of six rows
  EXPECT_EQ(rows["b"], "1 7.0 2");
  EXPECT_EQ(rows["c"], "1 0.0 2");  // -0.0 and 0.0 are one value
}

}  // namespace
}  // namespace sluice::exec
