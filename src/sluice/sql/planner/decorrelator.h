#pragma once

#include <string>

#include "sluice/expression/bound_expression.h"
#include "sluice/sql/planner/logical_operator.h"

// Joins a subquery that may depend on the rows of an enclosing plan (a
// correlated subquery, a LATERAL relation) to that plan, with no per-row
// evaluation left.
//
// `sub` references `outer`'s columns through kOuterRef of depth 1 (and the
// queries further out through greater depths, which become one smaller).
// Two ways, tried in order:
// - Pulling up: when the references sit only in filter conjuncts above
//   projections, filters, ordering and aggregations (those passing
//   equalities only), the conjuncts become the join condition and
//   aggregations group by their inner side. An aggregation without GROUP BY
//   (SELECT count(*) ... WHERE b.k = a.k) then yields no row for an outer
//   row without matches: the join is a left join and its columns take the
//   values the aggregation gives over no rows (count 0: the "COUNT bug").
// - Unnesting (Neumann and Kemper, "Unnesting Arbitrary Queries", BTW
//   2015): the subquery is computed for the DISTINCT values of the outer
//   columns it reads (the domain, computed from a copy of `outer`): the
//   dependence is pushed down the subquery's operators, each carrying the
//   domain columns, until no operator depends on outer rows; the result is
//   joined to `outer` on those columns (IS NOT DISTINCT FROM).

namespace sluice::planner {

// `outer` JOIN `sub` with `type`: the output is that of a LogicalJoin of
// the two (the left's columns then the right's; semi/anti: the left's;
// mark: the left's and the mark). `condition` and `mark_comparison` are
// over outer ++ sub columns (may be null) and do not reference `sub`'s
// enclosing queries. Throws NOT_SUPPORTED for what cannot be unnested
// (a LIMIT that depends on the outer row).
LogicalOperatorPtr PlanDependentJoin(LogicalOperatorPtr outer, LogicalOperatorPtr sub, JoinType type,
                                     BoundExpressionPtr condition, BoundExpressionPtr mark_comparison = nullptr);

// Whether `plan` references the query it is a subquery of (kOuterRef of
// depth 1).
bool IsCorrelated(LogicalOperator& plan);

// A LogicalJoin of `left` and `right` (output columns per its type).
LogicalOperatorPtr MakeJoin(LogicalOperatorPtr left, LogicalOperatorPtr right, JoinType type,
                            BoundExpressionPtr condition, BoundExpressionPtr mark_comparison = nullptr);

// `plan`'s first `count` columns.
LogicalOperatorPtr KeepColumns(LogicalOperatorPtr plan, size_t count);

// A deep copy of a plan.
LogicalOperatorPtr CopyPlan(const LogicalOperator& plan);

// The scalar function `name` of two arguments (cast as its signature wants).
BoundExpressionPtr CallFunction(const std::string& name, BoundExpressionPtr a, BoundExpressionPtr b);

}  // namespace sluice::planner
