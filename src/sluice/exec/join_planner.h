#pragma once

#include <memory>

#include "sluice/exec/physical_operator.h"
#include "sluice/sql/planner/logical_operator.h"

namespace sluice::exec {

// Turns a logical join over its planned children into a hash join: the
// condition's equalities between the two sides become the keys (computed
// keys are projected below the join), the rest a residual filter on
// key-matching pairs. Inner and outer joins build the side estimated
// smaller (swapping sides turns LEFT into RIGHT and back); the output keeps
// the logical column order.
std::unique_ptr<PhysicalOperator> PlanHashJoin(const planner::LogicalJoin& join,
                                               std::unique_ptr<PhysicalOperator> left,
                                               std::unique_ptr<PhysicalOperator> right);

}  // namespace sluice::exec
