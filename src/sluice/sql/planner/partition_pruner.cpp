#include "sluice/sql/planner/partition_pruner.h"

#include "sluice/expression/expression_executor.h"
#include "sluice/sql/planner/partition_values.h"

namespace sluice::planner {

namespace {

void PruneGet(LogicalGet& get, catalog::Catalog& catalog) {
  std::vector<catalog::PartitionDef> all = get.table.listed_partitions.empty()
                                              ? catalog.ListPartitions(get.table.database, get.table.name)
                                              : get.table.listed_partitions;
  get.partitions_total = all.size();
  get.partitions_resolved = true;
  if (get.partition_filters.empty()) {
    get.partitions = std::move(all);
    return;
  }
  std::vector<LogicalType> types;
  for (const auto& c : get.table.partition_columns) types.push_back(c.type);
  ExpressionExecutor executor;
  std::vector<uint32_t> sel;
  for (size_t start = 0; start < all.size(); start += kVectorSize) {
    size_t n = std::min(kVectorSize, all.size() - start);
    DataChunk keys(types);
    for (size_t r = 0; r < n; ++r) {
      std::vector<Value> values = PartitionValues(get.table, all[start + r]);
      for (size_t c = 0; c < types.size(); ++c) keys.column(c).SetValue(r, values[c]);
    }
    keys.SetSize(n);
    std::vector<uint8_t> keep(n, 1);
    for (const auto& filter : get.partition_filters) {
      executor.Select(*filter, keys, sel);
      std::vector<uint8_t> pass(n, 0);
      for (uint32_t i : sel) pass[i] = 1;
      for (size_t i = 0; i < n; ++i) keep[i] &= pass[i];
    }
    for (size_t i = 0; i < n; ++i) {
      if (keep[i]) get.partitions.push_back(std::move(all[start + i]));
    }
  }
}

}  // namespace

void PrunePartitions(LogicalOperator& plan, catalog::Catalog& catalog) {
  if (plan.kind == LogicalKind::kGet) {
    auto& get = static_cast<LogicalGet&>(plan);
    if (!get.table.partition_columns.empty()) PruneGet(get, catalog);
  }
  for (auto& child : plan.children) PrunePartitions(*child, catalog);
}

}  // namespace sluice::planner
