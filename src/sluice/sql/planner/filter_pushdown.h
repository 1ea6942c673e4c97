#pragma once

#include "sluice/sql/planner/logical_operator.h"

namespace sluice::planner {

// Moves filter conjuncts as far down the plan as they keep their meaning:
// through projections (column references replaced by what they compute),
// sorts, unions (a copy into each input) and aggregations (conjuncts on
// group keys only); into joins, where a conjunct over one side filters that
// side's input before the join and one over both sides of an inner join
// becomes part of the join condition, so `FROM a, b WHERE a.k = b.k` is a
// hash join rather than a cross product. Conjuncts stay put when pushing
// would change an outer join's result, when they are non-deterministic, or
// when they read no column at all.
void PushDownFilters(LogicalOperatorPtr& plan);

}  // namespace sluice::planner
