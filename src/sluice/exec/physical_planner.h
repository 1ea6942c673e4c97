#pragma once

#include <memory>

#include "sluice/common/query_context.h"
#include "sluice/exec/physical_operator.h"
#include "sluice/sql/planner/logical_operator.h"

namespace sluice::exec {

// Turns a logical plan into physical operators: scans get their file lists
// (only from the partitions that survived pruning) and reader options;
// aggregates and sorts get their inputs computed by a projection below them.
std::unique_ptr<PhysicalOperator> CreatePhysicalPlan(QueryContext& ctx,
                                                     planner::LogicalOperator& plan);

}  // namespace sluice::exec
