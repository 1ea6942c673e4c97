#include "sluice/exec/physical_planner.h"

#include <map>

#include "sluice/common/error.h"
#include "sluice/exec/join_planner.h"
#include "sluice/exec/operators/physical_filter.h"
#include "sluice/exec/operators/physical_hash_aggregate.h"
#include "sluice/exec/operators/physical_limit.h"
#include "sluice/exec/operators/physical_order.h"
#include "sluice/exec/operators/physical_projection.h"
#include "sluice/exec/operators/physical_unnest.h"
#include "sluice/exec/operators/physical_table_scan.h"
#include "sluice/exec/operators/physical_union.h"
#include "sluice/exec/operators/physical_values.h"
#include "sluice/exec/table_scan_options.h"
#include "sluice/sql/planner/partition_values.h"
#include "sluice/storage/file_system.h"

namespace sluice::exec {

namespace {

using namespace planner;

std::unique_ptr<PhysicalOperator> Plan(QueryContext& ctx, LogicalOperator& op);

std::unique_ptr<PhysicalOperator> PlanGet(QueryContext& ctx, LogicalGet& get) {
  TableScanSpec spec = MakeScanSpec(get.table, ctx.session_properties());
  spec.columns = get.columns;
  spec.range_predicates = get.range_predicates;
  if (get.table.partition_columns.empty()) {
    for (const auto& f : ListTableFiles(get.table)) spec.files.push_back({f.path, f.size, {}});
  } else {
    SLUICE_CHECK(get.partitions_resolved, "partitions of a partitioned table not resolved");
    ctx.stats().partitions_total += get.partitions_total;
    ctx.stats().partitions_scanned += get.partitions.size();
    if (!get.table.listed_partitions.empty()) {
      // A table function's table: its files (matching its glob), each in the
      // partition its directory names.
      std::map<std::string, std::vector<Value>> kept;
      for (const auto& part : get.partitions) kept[part.location] = planner::PartitionValues(get.table, part);
      for (const auto& f : ListTableFiles(get.table)) {
        auto it = kept.find(f.path.substr(0, f.path.rfind('/')));
        if (it != kept.end()) spec.files.push_back({f.path, f.size, it->second});
      }
    } else {
      for (const auto& part : get.partitions) {
        std::vector<Value> values = planner::PartitionValues(get.table, part);
        for (const auto& f : FileSystemFor(part.location)->List(part.location)) {
          spec.files.push_back({f.path, f.size, values});
        }
      }
    }
  }
  return std::make_unique<PhysicalTableScan>(get.types, std::move(spec));
}

std::unique_ptr<PhysicalOperator> PlanAggregate(QueryContext& ctx, LogicalAggregate& agg) {
  auto child = Plan(ctx, *agg.children[0]);
  // Input layout for the hash table: group keys first, then aggregate args.
  std::vector<BoundExpressionPtr> inputs;
  for (auto& g : agg.groups) inputs.push_back(g->Copy());
  std::vector<AggregateSpec> specs;
  for (auto& a : agg.aggregates) {
    AggregateSpec spec;
    spec.function = a.function;
    spec.distinct = a.distinct && a.argument != nullptr;
    if (a.argument) {
      spec.arg_column = static_cast<int>(inputs.size());
      inputs.push_back(a.argument->Copy());
    }
    specs.push_back(std::move(spec));
  }
  if (inputs.empty()) {
    // count(*) alone: still need rows, any cheap column will do.
    inputs.push_back(BoundExpression::Constant(Value::Boolean(true)));
  }
  auto projected = ProjectOnto(std::move(child), std::move(inputs));
  auto op = std::make_unique<PhysicalHashAggregate>(agg.types, agg.groups.size(), std::move(specs));
  op->children.push_back(std::move(projected));
  return op;
}

// `keep_rows`: the rows a LIMIT above will take (limit + offset), for a top-N.
std::unique_ptr<PhysicalOperator> PlanOrder(QueryContext& ctx, LogicalOrder& order,
                                            size_t keep_rows = PhysicalOrder::kKeepAll) {
  auto child = Plan(ctx, *order.children[0]);
  // Sort keys that are plain columns sort in place; others are appended as
  // extra columns and projected away afterwards.
  const size_t width = order.types.size();
  std::vector<BoundExpressionPtr> exprs;
  for (size_t i = 0; i < width; ++i) {
    exprs.push_back(BoundExpression::ColumnRef(i, order.types[i], order.names[i]));
  }
  std::vector<SortKey> keys;
  for (auto& k : order.keys) {
    SortKey key;
    key.ascending = k.ascending;
    key.nulls_first = k.nulls_first;
    if (k.expr->kind == ExpressionKind::kColumnRef) {
      key.column = k.expr->column_index;
    } else {
      key.column = exprs.size();
      exprs.push_back(k.expr->Copy());
    }
    keys.push_back(key);
  }
  bool extra = exprs.size() > width;
  std::vector<LogicalType> sort_types;
  for (const auto& e : exprs) sort_types.push_back(e->type);
  std::unique_ptr<PhysicalOperator> input = std::move(child);
  if (extra) input = ProjectOnto(std::move(input), std::move(exprs));
  auto sort = std::make_unique<PhysicalOrder>(sort_types, std::move(keys), keep_rows);
  sort->children.push_back(std::move(input));
  if (!extra) return sort;
  std::vector<BoundExpressionPtr> keep;
  for (size_t i = 0; i < width; ++i) {
    keep.push_back(BoundExpression::ColumnRef(i, order.types[i], order.names[i]));
  }
  return ProjectOnto(std::move(sort), std::move(keep));
}

std::unique_ptr<PhysicalOperator> Plan(QueryContext& ctx, LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kGet:
      return PlanGet(ctx, static_cast<LogicalGet&>(op));
    case LogicalKind::kValues:
      return std::make_unique<PhysicalValues>(op.types, static_cast<LogicalValues&>(op).rows);
    case LogicalKind::kFilter: {
      auto& f = static_cast<LogicalFilter&>(op);
      auto out = std::make_unique<PhysicalFilter>(op.types, f.predicate->Copy());
      out->children.push_back(Plan(ctx, *op.children[0]));
      return out;
    }
    case LogicalKind::kProjection: {
      auto& p = static_cast<LogicalProjection&>(op);
      std::vector<BoundExpressionPtr> exprs;
      for (auto& e : p.exprs) exprs.push_back(e->Copy());
      return ProjectOnto(Plan(ctx, *op.children[0]), std::move(exprs));
    }
    case LogicalKind::kAggregate:
      return PlanAggregate(ctx, static_cast<LogicalAggregate&>(op));
    case LogicalKind::kOrder:
      return PlanOrder(ctx, static_cast<LogicalOrder&>(op));
    case LogicalKind::kLimit: {
      auto& l = static_cast<LogicalLimit&>(op);
      auto out = std::make_unique<PhysicalLimit>(op.types, l.limit, l.offset);
      LogicalOperator& child = *op.children[0];
      if (child.kind == LogicalKind::kOrder && l.limit >= 0) {
        // ORDER BY ... LIMIT: a top-N that keeps only the rows the limit takes.
        const size_t keep = static_cast<size_t>(l.limit) + static_cast<size_t>(std::max<int64_t>(l.offset, 0));
        out->children.push_back(PlanOrder(ctx, static_cast<LogicalOrder&>(child), keep));
      } else {
        out->children.push_back(Plan(ctx, child));
      }
      return out;
    }
    case LogicalKind::kUnion: {
      auto out = std::make_unique<PhysicalUnion>(op.types);
      for (auto& child : op.children) out->children.push_back(Plan(ctx, *child));
      return out;
    }
    case LogicalKind::kUnnest: {
      auto& u = static_cast<LogicalUnnest&>(op);
      std::vector<BoundExpressionPtr> exprs;
      for (auto& e : u.exprs) exprs.push_back(e->Copy());
      auto out = std::make_unique<PhysicalUnnest>(op.types, std::move(exprs), u.ordinality, u.left_outer);
      out->children.push_back(Plan(ctx, *op.children[0]));
      return out;
    }
    case LogicalKind::kJoin: {
      auto left = Plan(ctx, *op.children[0]);
      auto right = Plan(ctx, *op.children[1]);
      return PlanHashJoin(static_cast<LogicalJoin&>(op), std::move(left), std::move(right));
    }
  }
  ThrowInternal("unknown logical operator");
}

}  // namespace

std::unique_ptr<PhysicalOperator> CreatePhysicalPlan(QueryContext& ctx, LogicalOperator& plan) {
  return Plan(ctx, plan);
}

}  // namespace sluice::exec
