#include "sluice/exec/physical_planner.h"

#include <map>

#include "sluice/common/error.h"
#include "sluice/exec/join_order.h"
#include "sluice/exec/join_planner.h"
#include "sluice/exec/operators/physical_filter.h"
#include "sluice/exec/operators/physical_grouping_sets.h"
#include "sluice/exec/operators/physical_hash_aggregate.h"
#include "sluice/exec/operators/physical_limit.h"
#include "sluice/exec/operators/physical_order.h"
#include "sluice/exec/operators/physical_projection.h"
#include "sluice/exec/operators/physical_unnest.h"
#include "sluice/exec/operators/physical_table_scan.h"
#include "sluice/exec/operators/physical_union.h"
#include "sluice/exec/operators/physical_values.h"
#include "sluice/exec/operators/physical_window.h"
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
    if (a.filter) {
      spec.filter_column = static_cast<int>(inputs.size());
      inputs.push_back(a.filter->Copy());
    }
    for (const auto& k : a.order_by) {
      spec.order.push_back(SortKey{inputs.size(), k.ascending, k.nulls_first});
      inputs.push_back(k.expr->Copy());
    }
    specs.push_back(std::move(spec));
  }
  if (inputs.empty()) {
    // count(*) alone: still need rows, any cheap column will do.
    inputs.push_back(BoundExpression::Constant(Value::Boolean(true)));
  }
  auto projected = ProjectOnto(std::move(child), std::move(inputs));
  if (agg.grouping_sets.empty()) {
    auto op = std::make_unique<PhysicalHashAggregate>(agg.types, agg.groups.size(), std::move(specs));
    op->children.push_back(std::move(projected));
    return op;
  }
  // Grouping sets: every batch once per set, keyed by the keys and the
  // set's index (which the aggregate outputs after the keys, the logical
  // plan last).
  const size_t keys = agg.groups.size(), aggregates = specs.size();
  // The set index goes in after the keys: the columns after them move.
  for (auto& spec : specs) {
    if (spec.arg_column >= 0) ++spec.arg_column;
    if (spec.filter_column >= 0) ++spec.filter_column;
    for (auto& k : spec.order) ++k.column;
  }
  auto expand = std::make_unique<PhysicalGroupingSets>(projected->types(), keys, agg.grouping_sets);
  expand->children.push_back(std::move(projected));
  std::vector<LogicalType> types(agg.types.begin(), agg.types.begin() + static_cast<long>(keys));
  types.push_back(LogicalType::Bigint());
  types.insert(types.end(), agg.types.begin() + static_cast<long>(keys), agg.types.end() - 1);
  auto op = std::make_unique<PhysicalHashAggregate>(types, keys + 1, std::move(specs));
  // A set of no columns has its row without input too.
  std::vector<std::vector<Value>> empty_sets;
  for (size_t s = 0; s < agg.grouping_sets.size(); ++s) {
    if (!agg.grouping_sets[s].empty()) continue;
    std::vector<Value> row;
    for (size_t k = 0; k < keys; ++k) row.push_back(Value::Null(types[k]));
    row.push_back(Value::Bigint(static_cast<int64_t>(s)));
    empty_sets.push_back(std::move(row));
  }
  op->SetGroupsWithoutInput(std::move(empty_sets));
  op->children.push_back(std::move(expand));
  std::vector<BoundExpressionPtr> reorder;
  for (size_t k = 0; k < keys; ++k) reorder.push_back(BoundExpression::ColumnRef(k, types[k], ""));
  for (size_t a = 0; a < aggregates; ++a) {
    reorder.push_back(BoundExpression::ColumnRef(keys + 1 + a, types[keys + 1 + a], ""));
  }
  reorder.push_back(BoundExpression::ColumnRef(keys, LogicalType::Bigint(), "$grouping_set"));
  return ProjectOnto(std::move(op), std::move(reorder));
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

// The window's input is the child's columns plus every expression the
// functions need that is not a plain column; the operator appends its
// results, and a projection keeps the child's columns and the results.
std::unique_ptr<PhysicalOperator> PlanWindow(QueryContext& ctx, LogicalWindow& window) {
  auto child = Plan(ctx, *window.children[0]);
  if (window.functions.empty()) return child;  // every result was pruned
  const std::vector<LogicalType>& child_types = window.children[0]->types;
  const size_t width = child_types.size();
  std::vector<BoundExpressionPtr> exprs;
  for (size_t i = 0; i < width; ++i) {
    exprs.push_back(BoundExpression::ColumnRef(i, child_types[i], window.children[0]->names[i]));
  }
  auto column_of = [&](const BoundExpression& e) -> size_t {
    if (e.kind == ExpressionKind::kColumnRef) return e.column_index;
    exprs.push_back(e.Copy());
    return exprs.size() - 1;
  };
  auto optional_column = [&](const BoundExpressionPtr& e) { return e ? static_cast<int>(column_of(*e)) : -1; };
  std::vector<size_t> partition_columns;
  for (const auto& p : window.partition_by) partition_columns.push_back(column_of(*p));
  std::vector<SortKey> order_keys;
  for (const auto& k : window.order_by) order_keys.push_back({column_of(*k.expr), k.ascending, k.nulls_first});
  std::vector<WindowFunctionSpec> functions;
  for (const auto& f : window.functions) {
    WindowFunctionSpec spec;
    spec.is_aggregate = f.is_aggregate;
    spec.aggregate = f.aggregate;
    spec.window = f.window;
    spec.name = f.name;
    spec.ignore_nulls = f.ignore_nulls;
    for (const auto& a : f.arguments) spec.arguments.push_back(column_of(*a));
    spec.filter_column = optional_column(f.filter);
    spec.frame.unit = f.frame.unit;
    for (auto [bound, out] : {std::pair{&f.frame.start, &spec.frame.start}, std::pair{&f.frame.end, &spec.frame.end}}) {
      out->kind = bound->kind;
      out->offset_column = optional_column(bound->offset);
      out->value_column = optional_column(bound->range_value);
      out->key_column = optional_column(bound->range_key);
    }
    if (!window.order_by.empty()) {
      spec.frame.ascending = window.order_by[0].ascending;
      spec.frame.nulls_first = window.order_by[0].nulls_first;
    }
    functions.push_back(std::move(spec));
  }
  std::vector<LogicalType> types;
  for (const auto& e : exprs) types.push_back(e->type);
  const size_t input_width = types.size();
  for (const auto& f : window.functions) types.push_back(f.type);
  std::unique_ptr<PhysicalOperator> input = std::move(child);
  if (input_width > width) input = ProjectOnto(std::move(input), std::move(exprs));
  auto op = std::make_unique<PhysicalWindow>(types, std::move(partition_columns), std::move(order_keys),
                                             std::move(functions));
  op->children.push_back(std::move(input));
  if (input_width == width) return op;
  std::vector<BoundExpressionPtr> keep;
  for (size_t i = 0; i < window.types.size(); ++i) {
    const size_t column = i < width ? i : input_width + (i - width);
    keep.push_back(BoundExpression::ColumnRef(column, window.types[i], window.names[i]));
  }
  return ProjectOnto(std::move(op), std::move(keep));
}

std::unique_ptr<PhysicalOperator> Plan(QueryContext& ctx, LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kWindow:
      return PlanWindow(ctx, static_cast<LogicalWindow&>(op));
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
      if (IsInnerJoinTree(op)) {
        return PlanInnerJoins(static_cast<LogicalJoin&>(op), [&](LogicalOperator& child) { return Plan(ctx, child); });
      }
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
