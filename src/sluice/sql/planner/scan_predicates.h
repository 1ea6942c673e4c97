#pragma once

#include <vector>

#include "sluice/expression/bound_expression.h"
#include "sluice/sql/planner/logical_operator.h"
#include "sluice/types/range_predicate.h"

namespace sluice::planner {

// The conjuncts of a filter over `get` that file statistics can decide
// (column <op> constant, IN lists, IS [NOT] NULL on a data column), as
// range predicates on the table's data columns. The filter itself stays:
// these only let the scan skip row groups and pages that cannot match.
std::vector<RangePredicate> ExtractRangePredicates(const std::vector<const BoundExpression*>& conjuncts,
                                                   const LogicalGet& get);

}  // namespace sluice::planner
