#pragma once

#include "sluice/catalog/catalog.h"
#include "sluice/sql/planner/logical_operator.h"

namespace sluice::planner {

// Resolves the partitions of every partitioned table scan in the plan: reads
// them from the catalog and keeps those whose key values pass the scan's
// partition filters, so files of pruned partitions are never listed.
void PrunePartitions(LogicalOperator& plan, catalog::Catalog& catalog);

}  // namespace sluice::planner
