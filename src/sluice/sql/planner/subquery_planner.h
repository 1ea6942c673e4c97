#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/expression/bound_expression.h"
#include "sluice/sql/planner/logical_operator.h"

// Subqueries in expressions become joins. The binder binds each subquery to
// a placeholder: a column reference whose index (kPlaceholderBase + id) no
// plan has; once the clause is bound, JoinSubqueries joins every subquery
// into the clause's input plan (appending its value as a column) and
// ResolvePlaceholders points the placeholders at those columns.
//
// A correlated subquery (one whose plan holds kOuterRef references to the
// clause's input) is decorrelated by PlanDependentJoin (decorrelator.h).

namespace sluice::planner {

constexpr size_t kPlaceholderBase = std::numeric_limits<size_t>::max() / 2;
// In a BoundSubquery's comparison: the subquery's value.
constexpr size_t kSubqueryValue = kPlaceholderBase - 1;

struct BoundSubquery {
  enum class Kind {
    kScalar,      // (SELECT x ...): its one value, NULL without rows
    kExists,      // EXISTS (SELECT ...)
    kIn,          // x IN (SELECT y ...), three-valued
    kQuantified,  // x <op> ALL|ANY (SELECT y ...) for op other than = ANY and <> ALL
  };
  Kind kind = Kind::kScalar;
  LogicalOperatorPtr plan;  // its value is column 0 (EXISTS: any columns)
  // kIn: `x = value`; kQuantified: `x <op> value` (op "<>" for = ALL and
  // <> ANY); value is ColumnRef(kSubqueryValue), x is over the clause's input.
  BoundExpressionPtr comparison;
  std::string op;   // kQuantified: the operator as written
  bool all = false;  // kQuantified: ALL (else ANY)
  size_t placeholder = 0;
  SourcePosition position;
};

using PlaceholderColumns = std::map<size_t, size_t>;  // placeholder id -> column

// Joins `subqueries` into `plan` in order. Each one with a value adds a
// column; `columns` records where. With `filter`, EXISTS and IN subqueries
// that are top-level conjuncts of it (NOT EXISTS too) become semi (anti)
// joins and their conjuncts leave the filter (null when none is left).
LogicalOperatorPtr JoinSubqueries(LogicalOperatorPtr plan, std::vector<BoundSubquery> subqueries,
                                  BoundExpressionPtr* filter, PlaceholderColumns& columns);

// Points every placeholder below `e` at its column.
void ResolvePlaceholders(BoundExpression& e, const PlaceholderColumns& columns);

}  // namespace sluice::planner
