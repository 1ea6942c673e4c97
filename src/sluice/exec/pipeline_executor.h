#pragma once

#include "sluice/common/query_context.h"
#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

// Runs a physical plan whose root is a sink. The plan is cut into pipelines
// at breakers (every operator that is a sink below the root); each pipeline
// runs to completion, with ctx.threads() workers pulling batches from its
// source (morsel-driven: each GetData hands out the next unit of work), before
// the pipelines that read from it start.
void ExecutePlan(QueryContext& ctx, PhysicalOperator& root);

}  // namespace sluice::exec
