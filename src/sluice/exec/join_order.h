#pragma once

#include <functional>
#include <memory>

#include "sluice/exec/physical_operator.h"
#include "sluice/sql/planner/logical_operator.h"

namespace sluice::exec {

using PlanChild = std::function<std::unique_ptr<PhysicalOperator>(planner::LogicalOperator&)>;

// Plans a tree of inner joins (as the binder and filter pushdown left it:
// in the order the query wrote them) in an order chosen by estimated size.
// The relations under the tree are planned first with `plan_child`; the
// largest becomes the probe side that streams through every join, and the
// others are joined to it smallest first, each as soon as a join condition
// connects it (a cross product only when nothing does), so that every build
// side is small and no intermediate result is a needless cross product.
// Each condition conjunct goes to the first join where all its columns are
// there. The output keeps the tree's column order.
std::unique_ptr<PhysicalOperator> PlanInnerJoins(const planner::LogicalJoin& join, const PlanChild& plan_child);

// True for the joins PlanInnerJoins takes: an inner join with another inner
// join directly below it (two relations need no ordering: the hash join
// builds the smaller side anyway).
bool IsInnerJoinTree(const planner::LogicalOperator& op);

}  // namespace sluice::exec
