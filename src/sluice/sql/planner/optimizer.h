#pragma once

#include "sluice/catalog/catalog.h"
#include "sluice/sql/planner/logical_operator.h"

namespace sluice::planner {

// Rewrites a bound plan before execution:
//  1. filter pushdown through the plan and into joins (filter_pushdown.h);
//  2. column pruning (column_pruner.h);
//  3. filters into scans: conjuncts of a filter directly over a table scan
//     that only read partition keys become the scan's partition filters,
//     and those that file statistics can decide become its range predicates;
//  4. partition pruning (partition_pruner.h).
void Optimize(LogicalOperatorPtr& plan, catalog::Catalog& catalog);

// Splits an expression into its top-level AND terms.
void SplitConjuncts(const BoundExpression& expr, std::vector<const BoundExpression*>& out);

}  // namespace sluice::planner
