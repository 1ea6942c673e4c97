#pragma once

#include "sluice/sql/planner/logical_operator.h"

namespace sluice::planner {

// Removes columns no operator above needs: scans read only referenced
// columns, projections compute only used expressions, unused aggregates are
// dropped; column references are renumbered to match. The root's outputs
// are kept as they are.
void PruneColumns(LogicalOperator& root);

}  // namespace sluice::planner
