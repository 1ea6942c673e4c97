#include <gtest/gtest.h>

#include "sluice/exec/operators/physical_hash_aggregate.h"
#include "sluice/exec/operators/physical_limit.h"
#include "sluice/exec/operators/physical_order.h"
#include "sluice/exec/operators/physical_result_collector.h"
#include "sluice/exec/operators/physical_values.h"
#include "sluice/exec/pipeline_executor.h"
#include "sluice/functions/function_registry.h"

namespace sluice::exec {
namespace {

std::vector<std::vector<Value>> NumberedRows(size_t n) {
  std::vector<std::vector<Value>> rows;
  for (size_t i = 0; i < n; ++i) {
    rows.push_back({Value::Varchar(i % 3 == 0 ? "a long group key number zero" : i % 3 == 1 ? "b" : "c"),
                    i % 10 == 0 ? Value::Null(LogicalType::Double()) : Value::Double(double(i))});
  }
  return rows;
}

std::vector<std::string> Collect(PhysicalResultCollector& root) {
  auto result = root.TakeResult();
  std::vector<std::string> out;
  for (const auto& c : result.chunks) {
    std::string s = c.ToString();
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find('\n', start);
      out.push_back(s.substr(start, end - start));
      start = end + 1;
    }
  }
  return out;
}

TEST(PipelineTest, GroupSumOrderAcrossThreads) {
  const auto& registry = function::FunctionRegistry::Get();
  std::vector<AggregateSpec> aggs;
  aggs.push_back({registry.BindAggregate("sum", {LogicalType::Double()}).function, 1});
  aggs.push_back({registry.BindAggregate("count", {}).function, -1});
  std::vector<LogicalType> in_types = {LogicalType::Varchar(), LogicalType::Double()};
  std::vector<LogicalType> out_types = {LogicalType::Varchar(), LogicalType::Double(),
                                        LogicalType::Bigint()};
  auto values = std::make_unique<PhysicalValues>(in_types, NumberedRows(5000));
  auto agg = std::make_unique<PhysicalHashAggregate>(out_types, 1, std::move(aggs));
  agg->children.push_back(std::move(values));
  auto order = std::make_unique<PhysicalOrder>(out_types, std::vector<SortKey>{{0, false, false}});
  order->children.push_back(std::move(agg));
  PhysicalResultCollector root(out_types, {"k", "s", "n"});
  root.children.push_back(std::move(order));
  QueryContext ctx("q", 2);
  ExecutePlan(ctx, root);
  // Sums of i over i%3==k, excluding multiples of 10.
  double sums[3] = {0, 0, 0};
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 5000; ++i) {
    counts[i % 3]++;
    if (i % 10) sums[i % 3] += i;
  }
  auto rows = Collect(root);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], "c|" + FormatDouble(sums[2]) + "|" + std::to_string(counts[2]));
  EXPECT_EQ(rows[1], "b|" + FormatDouble(sums[1]) + "|" + std::to_string(counts[1]));
  EXPECT_EQ(rows[2], "a long group key number zero|" + FormatDouble(sums[0]) + "|" +
                         std::to_string(counts[0]));
}

TEST(PipelineTest, GlobalAggregateOverNoRowsHasOneRow) {
  const auto& registry = function::FunctionRegistry::Get();
  std::vector<AggregateSpec> aggs;
  aggs.push_back({registry.BindAggregate("count", {}).function, -1});
  aggs.push_back({registry.BindAggregate("max", {LogicalType::Double()}).function, 1});
  std::vector<LogicalType> in_types = {LogicalType::Varchar(), LogicalType::Double()};
  auto values = std::make_unique<PhysicalValues>(in_types, std::vector<std::vector<Value>>{});
  std::vector<LogicalType> out_types = {LogicalType::Bigint(), LogicalType::Double()};
  auto agg = std::make_unique<PhysicalHashAggregate>(out_types, 0, std::move(aggs));
  agg->children.push_back(std::move(values));
  PhysicalResultCollector root(out_types, {"n", "m"});
  root.children.push_back(std::move(agg));
  QueryContext ctx("q", 2);
  ExecutePlan(ctx, root);
  auto rows = Collect(root);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], "0|NULL");
}

TEST(PipelineTest, LimitWithOffsetAfterOrder) {
  std::vector<LogicalType> types = {LogicalType::Varchar(), LogicalType::Double()};
  auto values = std::make_unique<PhysicalValues>(types, NumberedRows(100));
  auto order = std::make_unique<PhysicalOrder>(types, std::vector<SortKey>{{1, true, true}});
  order->children.push_back(std::move(values));
  auto limit = std::make_unique<PhysicalLimit>(types, 3, 9);
  limit->children.push_back(std::move(order));
  PhysicalResultCollector root(types, {"k", "v"});
  root.children.push_back(std::move(limit));
  QueryContext ctx("q", 2);
  ExecutePlan(ctx, root);
  auto rows = Collect(root);
  // NULLS FIRST: the 10 NULLs (0, 10, ..., 90) come first; offset 9 keeps one.
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].substr(rows[0].find('|')), "|NULL");
  EXPECT_EQ(rows[1], "b|1.0");
  EXPECT_EQ(rows[2], "c|2.0");
}

// A top-N (ORDER BY ... LIMIT) cuts its buffer back while it collects, and
// gives the same rows as sorting everything: ties keep their input order.
TEST(PipelineTest, TopNEqualsFullSortThenLimit) {
  std::vector<LogicalType> types = {LogicalType::Varchar(), LogicalType::Double()};
  auto run = [&](size_t keep, int64_t limit, int64_t offset) {
    auto values = std::make_unique<PhysicalValues>(types, NumberedRows(20000));
    // By key descending (ties: "c" rows share a key), then NULL values first.
    auto order = std::make_unique<PhysicalOrder>(types, std::vector<SortKey>{{0, false, false}, {1, true, true}},
                                                 keep);
    order->children.push_back(std::move(values));
    auto lim = std::make_unique<PhysicalLimit>(types, limit, offset);
    lim->children.push_back(std::move(order));
    PhysicalResultCollector root(types, {"k", "v"});
    root.children.push_back(std::move(lim));
    QueryContext ctx("q", 2);
    ExecutePlan(ctx, root);
    return Collect(root);
  };
  for (auto [limit, offset] : {std::pair<int64_t, int64_t>{5, 0}, {10, 7000}, {3000, 100}}) {
    auto full = run(PhysicalOrder::kKeepAll, limit, offset);
    auto top = run(static_cast<size_t>(limit + offset), limit, offset);
    ASSERT_EQ(top.size(), static_cast<size_t>(limit));
    EXPECT_EQ(top, full) << "limit " << limit << " offset " << offset;
  }
}

}  // namespace
}  // namespace sluice::exec
