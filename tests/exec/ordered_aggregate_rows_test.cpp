#include "sluice/exec/ordered_aggregate_rows.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sluice/exec/aggregate_hash_table.h"
#include "sluice/functions/function_registry.h"

namespace sluice::exec {
namespace {

// Rows (value, key) of one batch.
DataChunk KeyedRows(const std::vector<int64_t>& values, const std::vector<std::optional<double>>& keys) {
  DataChunk c({LogicalType::Bigint(), LogicalType::Double()}, values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    c.column(0).data<int64_t>()[i] = values[i];
    if (keys[i]) {
      c.column(1).data<double>()[i] = *keys[i];
    } else {
      c.column(1).SetNull(i);
    }
  }
  c.SetSize(values.size());
  return c;
}

// Each group's values in the order Feed hands them over.
std::map<uint32_t, std::vector<int64_t>> Fed(OrderedAggregateRows& rows) {
  std::map<uint32_t, std::vector<int64_t>> fed;
  rows.Feed([&](const Vector& args, size_t count, const uint32_t* groups) {
    for (size_t i = 0; i < count; ++i) fed[groups[i]].push_back(args.data<int64_t>()[i]);
  });
  return fed;
}

TEST(OrderedAggregateRowsTest, SortsByGroupThenKeysWithNullsPlaced) {
  // DESC NULLS FIRST.
  OrderedAggregateRows rows(LogicalType::Bigint(), {LogicalType::Double()}, {SortKey{0, false, true}});
  DataChunk batch = KeyedRows({1, 2, 3, 4, 5}, {2.0, std::nullopt, 9.0, 1.0, 5.0});
  const uint32_t groups[] = {0, 1, 0, 1, 0};
  rows.Append(batch.column(0), {&batch.column(1)}, nullptr, batch.size(), groups);
  // A selection: rows 0 and 2 of a second batch, to groups 1 and 0.
  DataChunk more = KeyedRows({6, 7, 8}, {7.0, 0.0, std::nullopt});
  const uint32_t sel[] = {0, 2};
  const uint32_t sel_groups[] = {1, 0};
  rows.Append(more.column(0), {&more.column(1)}, sel, 2, sel_groups);
  auto fed = Fed(rows);
  EXPECT_EQ(fed[0], (std::vector<int64_t>{8, 3, 5, 1}));
  EXPECT_EQ(fed[1], (std::vector<int64_t>{2, 6, 4}));
}

TEST(OrderedAggregateRowsTest, MergedRowsTakeTheirNewGroupsAndTiesKeepArrival) {
  OrderedAggregateRows mine(LogicalType::Bigint(), {LogicalType::Double()}, {SortKey{0, true, false}});
  OrderedAggregateRows other(LogicalType::Bigint(), {LogicalType::Double()}, {SortKey{0, true, false}});
  DataChunk a = KeyedRows({1, 2}, {1.0, 1.0});
  const uint32_t to_zero[] = {0, 0};
  mine.Append(a.column(0), {&a.column(1)}, nullptr, 2, to_zero);
  DataChunk b = KeyedRows({3, 4, 5}, {0.5, 1.0, 3.0});
  const uint32_t other_groups[] = {0, 1, 1};
  other.Append(b.column(0), {&b.column(1)}, nullptr, 3, other_groups);
  // The other table's group 0 is this one's 1, its 1 this one's 0.
  const uint32_t targets[] = {1, 0};
  mine.Merge(other, targets);
  auto fed = Fed(mine);
  EXPECT_EQ(fed[0], (std::vector<int64_t>{1, 2, 4, 5}));
  EXPECT_EQ(fed[1], (std::vector<int64_t>{3}));
}

// Through the hash table: two workers' tables merged, then fed in order.
TEST(OrderedAggregateRowsTest, HashTableFeedsArrayAggInKeyOrder) {
  const auto& registry = function::FunctionRegistry::Get();
  std::vector<AggregateSpec> aggs(1);
  aggs[0].function = registry.BindAggregate("array_agg", {LogicalType::Bigint()}).function;
  aggs[0].arg_column = 1;
  aggs[0].order = {SortKey{2, false, false}};
  auto chunk = [](std::vector<std::string> keys, std::vector<int64_t> values) {
    DataChunk c({LogicalType::Varchar(), LogicalType::Bigint(), LogicalType::Bigint()}, keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
      c.column(0).SetString(i, keys[i]);
      c.column(1).data<int64_t>()[i] = values[i];
      c.column(2).data<int64_t>()[i] = values[i] % 10;
    }
    c.SetSize(keys.size());
    return c;
  };
  AggregateHashTable first({LogicalType::Varchar()}, &aggs), second({LogicalType::Varchar()}, &aggs);
  first.AddChunk(chunk({"a", "b", "a"}, {11, 22, 13}));
  second.AddChunk(chunk({"b", "a", "c"}, {25, 17, 31}));
  first.Merge(second);
  first.FeedOrderedRows();
  DataChunk out({LogicalType::Varchar(), LogicalType::Array(LogicalType::Bigint())}, first.group_count());
  first.Emit(0, first.group_count(), out);
  std::map<std::string, std::string> arrays;
  for (size_t i = 0; i < out.size(); ++i) arrays[out.column(0).GetValue(i).ToString()] = out.column(1).GetValue(i).ToString();
  EXPECT_EQ(arrays["a"], "[17, 13, 11]");
  EXPECT_EQ(arrays["b"], "[25, 22]");
  EXPECT_EQ(arrays["c"], "[31]");
}

}  // namespace
}  // namespace sluice::exec
