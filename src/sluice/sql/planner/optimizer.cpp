#include "sluice/sql/planner/optimizer.h"

#include "sluice/sql/planner/column_pruner.h"
#include "sluice/sql/planner/filter_pushdown.h"
#include "sluice/sql/planner/partition_pruner.h"
#include "sluice/sql/planner/scan_predicates.h"

namespace sluice::planner {

void SplitConjuncts(const BoundExpression& expr, std::vector<const BoundExpression*>& out) {
  if (expr.kind == ExpressionKind::kAnd) {
    for (const auto& c : expr.children) SplitConjuncts(*c, out);
  } else {
    out.push_back(&expr);
  }
}

namespace {

// True when every column reference reads a partition column of the scan.
bool OnlyPartitionColumns(const BoundExpression& e, const LogicalGet& get) {
  if (e.kind == ExpressionKind::kColumnRef) return get.columns[e.column_index].is_partition;
  for (const auto& c : e.children) {
    if (!OnlyPartitionColumns(*c, get)) return false;
  }
  return true;
}

// Re-targets column references from the scan's output to partition indexes.
void RemapToPartitionIndex(BoundExpression& e, const LogicalGet& get) {
  if (e.kind == ExpressionKind::kColumnRef) e.column_index = get.columns[e.column_index].index;
  for (auto& c : e.children) RemapToPartitionIndex(*c, get);
}

// Filters into scans: conjuncts that file statistics can decide become the
// scan's range predicates (the filter keeps them: statistics only rule out
// whole row groups); conjuncts over partition keys alone become partition
// filters and leave the filter, since pruning decides them exactly.
void PushFilters(LogicalOperatorPtr& op) {
  if (op->kind == LogicalKind::kFilter && op->children[0]->kind == LogicalKind::kGet) {
    auto& filter = static_cast<LogicalFilter&>(*op);
    auto& get = static_cast<LogicalGet&>(*op->children[0]);
    std::vector<const BoundExpression*> terms;
    SplitConjuncts(*filter.predicate, terms);
    get.range_predicates = ExtractRangePredicates(terms, get);
    std::vector<BoundExpressionPtr> kept;
    for (const BoundExpression* t : terms) {
      if (!get.table.partition_columns.empty() && OnlyPartitionColumns(*t, get) && !t->IsConstant() &&
          t->IsDeterministic()) {
        auto copy = t->Copy();
        RemapToPartitionIndex(*copy, get);
        get.partition_filters.push_back(std::move(copy));
      } else {
        kept.push_back(t->Copy());
      }
    }
    if (kept.empty()) {
      LogicalOperatorPtr scan = std::move(op->children[0]);
      op = std::move(scan);
      return;
    }
    if (kept.size() < terms.size()) filter.predicate = BoundExpression::Conjunction(std::move(kept));
  }
  for (auto& c : op->children) PushFilters(c);
}

}  // namespace

void Optimize(LogicalOperatorPtr& plan, catalog::Catalog& catalog) {
  PushDownFilters(plan);
  PushFilters(plan);
  PruneColumns(*plan);
  PrunePartitions(*plan, catalog);
}

}  // namespace sluice::planner
