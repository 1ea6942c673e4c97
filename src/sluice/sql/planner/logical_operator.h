#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/catalog/catalog.h"
#include "sluice/expression/bound_expression.h"
#include "sluice/functions/aggregate_function.h"
#include "sluice/types/range_predicate.h"

namespace sluice::planner {

enum class LogicalKind { kGet, kValues, kFilter, kProjection, kAggregate, kOrder, kLimit, kJoin, kUnion, kUnnest };

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

struct BoundAggregate {
  function::AggregateFunction function;
  BoundExpressionPtr argument;  // null for count(*)
  bool distinct = false;
};

// Output: the group expressions, then the aggregates.
struct LogicalAggregate : LogicalOperator {
  LogicalAggregate() : LogicalOperator(LogicalKind::kAggregate) {}
  std::vector<BoundExpressionPtr> groups;
  std::vector<BoundAggregate> aggregates;
};

struct BoundOrderKey {
  BoundExpressionPtr expr;
  bool ascending = true;
  bool nulls_first = false;
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

// kInner with no condition is a cross join. kSemi and kAnti output the left
// rows that have (have no) match; the others output left ++ right columns.
enum class JoinType { kInner, kLeft, kRight, kFull, kSemi, kAnti };

// Output: the left child's columns, then the right child's (semi/anti: the
// left's only). The condition is bound over left ++ right.
struct LogicalJoin : LogicalOperator {
  LogicalJoin() : LogicalOperator(LogicalKind::kJoin) {}
  JoinType join_type = JoinType::kInner;
  BoundExpressionPtr condition;  // null: every pair matches
};

// UNION ALL of children with the same column types.
struct LogicalUnion : LogicalOperator {
  LogicalUnion() : LogicalOperator(LogicalKind::kUnion) {}
};

std::string JoinTypeName(JoinType type);

// Indented rendering for EXPLAIN and tests.
std::string RenderLogicalPlan(const LogicalOperator& root);

}  // namespace sluice::planner
