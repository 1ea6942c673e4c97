#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sluice/catalog/catalog.h"
#include "sluice/expression/bound_expression.h"
#include "sluice/functions/aggregate_function.h"
#include "sluice/functions/window_function.h"
#include "sluice/types/range_predicate.h"

namespace sluice::planner {

enum class LogicalKind { kGet, kValues, kFilter, kProjection, kAggregate, kOrder, kLimit, kJoin, kUnion, kWindow,
                         kUnnest };

// A node of the logical plan. Every node knows its output columns (names
// and types); expressions of a node refer to its child's output by index.
struct LogicalOperator {
  explicit LogicalOperator(LogicalKind k) : kind(k) {}
  virtual ~LogicalOperator() = default;

  LogicalKind kind;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<std::unique_ptr<LogicalOperator>> children;
};
using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

// One column a scan produces: a data column of the files or a partition key.
struct ScanColumn {
  bool is_partition = false;
  size_t index = 0;  // into table.columns or table.partition_columns
};

// Scan of a catalog table. The optimizer fills the partition list (after
// pruning) and pushes filters.
struct LogicalGet : LogicalOperator {
  LogicalGet() : LogicalOperator(LogicalKind::kGet) {}
  catalog::TableDef table;
  std::vector<ScanColumn> columns;  // output columns, in output order
  // Conjuncts over partition keys only, bound against a batch whose columns
  // are the table's partition columns (as varchar values cast to their type).
  std::vector<BoundExpressionPtr> partition_filters;
  // Conjuncts on data columns (RangePredicate::column = index into
  // table.columns) that file statistics can decide; the filter stays above.
  std::vector<RangePredicate> range_predicates;
  // Set by the optimizer for partitioned tables.
  bool partitions_resolved = false;
  std::vector<catalog::PartitionDef> partitions;
  size_t partitions_total = 0;
};

// Fixed rows; SELECT without FROM is one row of no columns.
struct LogicalValues : LogicalOperator {
  LogicalValues() : LogicalOperator(LogicalKind::kValues) {}
  std::vector<std::vector<Value>> rows;
};

struct LogicalFilter : LogicalOperator {
  LogicalFilter() : LogicalOperator(LogicalKind::kFilter) {}
  BoundExpressionPtr predicate;
};

// UNNEST over the child's rows (a lateral join; see PhysicalUnnest): the
// child's columns, then the expressions' elements (and the ordinality).
struct LogicalUnnest : LogicalOperator {
  LogicalUnnest() : LogicalOperator(LogicalKind::kUnnest) {}
  std::vector<BoundExpressionPtr> exprs;
  bool ordinality = false;
  bool left_outer = false;
};

struct LogicalProjection : LogicalOperator {
  LogicalProjection() : LogicalOperator(LogicalKind::kProjection) {}
  std::vector<BoundExpressionPtr> exprs;
};

struct BoundOrderKey {
  BoundExpressionPtr expr;
  bool ascending = true;
  bool nulls_first = false;
};

struct BoundAggregate {
  function::AggregateFunction function;
  BoundExpressionPtr argument;  // null for count(*)
  bool distinct = false;
  BoundExpressionPtr filter;    // FILTER (WHERE ...): only rows where it is TRUE count; may be null
  // array_agg(x ORDER BY y), listagg(...) WITHIN GROUP (ORDER BY y): the
  // order in which the function sees its group's rows; empty for any.
  std::vector<BoundOrderKey> order_by;

  BoundAggregate Copy() const;
  // The argument, the filter and the order keys (those that are set).
  void ForEachExpression(const std::function<void(BoundExpressionPtr&)>& f);
};

// Output: the group expressions, then the aggregates. With grouping sets
// (GROUP BY ROLLUP / CUBE / GROUPING SETS) each input row counts in every
// set: its groups' columns outside the set read NULL, and a last output
// column (BIGINT) says which set a row is of (its index here).
struct LogicalAggregate : LogicalOperator {
  LogicalAggregate() : LogicalOperator(LogicalKind::kAggregate) {}
  std::vector<BoundExpressionPtr> groups;
  std::vector<BoundAggregate> aggregates;
  std::vector<std::vector<size_t>> grouping_sets;  // indices into groups; empty: one set of all
};

struct LogicalOrder : LogicalOperator {
  LogicalOrder() : LogicalOperator(LogicalKind::kOrder) {}
  std::vector<BoundOrderKey> keys;
};

struct LogicalLimit : LogicalOperator {
  LogicalLimit() : LogicalOperator(LogicalKind::kLimit) {}
  int64_t limit = -1;  // -1: ALL
  int64_t offset = 0;
};

enum class WindowFrameUnit { kRows, kRange, kGroups };
enum class WindowBoundKind { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };

// One end of a frame. `offset` (kPreceding / kFollowing) is a BIGINT row or
// group count for ROWS and GROUPS, the value distance for RANGE; NULL or
// negative values are errors when they are met. RANGE compares `range_key`
// (the ORDER BY key in a common type) with `range_value` (the current row's
// key minus or plus the offset, as Trino computes it).
struct BoundFrameBound {
  WindowBoundKind kind = WindowBoundKind::kCurrentRow;
  BoundExpressionPtr offset;
  BoundExpressionPtr range_value;
  BoundExpressionPtr range_key;
};

struct BoundWindowFrame {
  WindowFrameUnit unit = WindowFrameUnit::kRange;  // the default: RANGE UNBOUNDED PRECEDING..CURRENT ROW
  BoundFrameBound start{WindowBoundKind::kUnboundedPreceding, nullptr, nullptr, nullptr};
  BoundFrameBound end;
  std::string ToString() const;
};

// A window function (rank(), lag(x) ...) or an aggregate over a window.
struct BoundWindowFunction {
  bool is_aggregate = false;
  function::AggregateFunction aggregate;
  function::WindowFunction window;
  std::vector<BoundExpressionPtr> arguments;  // cast to the bound types
  BoundExpressionPtr filter;                  // aggregates' FILTER; may be null
  bool ignore_nulls = false;
  BoundWindowFrame frame;
  LogicalType type;
  std::string name;  // the call as written

  BoundWindowFunction Copy() const;
};

// Window functions that share PARTITION BY and ORDER BY (one sort).
// Output: the child's columns, then one column per function.
struct LogicalWindow : LogicalOperator {
  LogicalWindow() : LogicalOperator(LogicalKind::kWindow) {}
  std::vector<BoundExpressionPtr> partition_by;
  std::vector<BoundOrderKey> order_by;
  std::vector<BoundWindowFunction> functions;
};

// kInner with no condition is a cross join. kSemi and kAnti output the left
// rows that have (have no) match; kSingle is a LEFT join that fails when a
// left row matches more than one right row (a scalar subquery); kMark
// outputs every left row and a boolean mark (EXISTS, IN); the others
// output left ++ right columns.
enum class JoinType { kInner, kLeft, kRight, kFull, kSemi, kAnti, kSingle, kMark };

// Output: the left child's columns, then the right child's (semi/anti: the
// left's only; mark: the left's and the mark). The condition is bound over
// left ++ right.
struct LogicalJoin : LogicalOperator {
  LogicalJoin() : LogicalOperator(LogicalKind::kJoin) {}
  JoinType join_type = JoinType::kInner;
  BoundExpressionPtr condition;  // null: every pair matches
  // kMark only. Null: the mark says whether some right row satisfies the
  // condition (EXISTS). Otherwise `left = right`, tested as IN tests: the
  // three-valued OR of this comparison over the right rows that satisfy the
  // condition (TRUE on a match; else NULL when some of those rows or the
  // left value is NULL; FALSE over no rows). The condition then holds only
  // equalities.
  BoundExpressionPtr mark_comparison;
};

// UNION ALL of children with the same column types.
struct LogicalUnion : LogicalOperator {
  LogicalUnion() : LogicalOperator(LogicalKind::kUnion) {}
};

std::string JoinTypeName(JoinType type);

// The conjunction of `terms` (null when there is none).
BoundExpressionPtr MakeAnd(std::vector<BoundExpressionPtr> terms);

// `plan`'s rows where `predicate` is TRUE.
LogicalOperatorPtr FilterOver(LogicalOperatorPtr plan, BoundExpressionPtr predicate);

// Indented rendering for EXPLAIN and tests.
std::string RenderLogicalPlan(const LogicalOperator& root);

}  // namespace sluice::planner
