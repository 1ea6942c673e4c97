#include "sluice/exec/operators/physical_projection.h"

#include "sluice/expression/expression_executor.h"

namespace sluice::exec {

namespace {
struct ProjectionState : LocalState {
  ExpressionExecutor executor;
};
}  // namespace

std::string PhysicalProjection::Details() const {
  std::string s;
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (i) s += ", ";
    s += exprs_[i]->ToString();
  }
  return s;
}

std::unique_ptr<LocalState> PhysicalProjection::InitLocalOperator(QueryContext&) {
  return std::make_unique<ProjectionState>();
}

void PhysicalProjection::Execute(QueryContext&, DataChunk& input, DataChunk& out,
                                 LocalState& state) {
  auto& s = static_cast<ProjectionState&>(state);
  for (size_t i = 0; i < exprs_.size(); ++i) {
    s.executor.Execute(*exprs_[i], input, out.column(i));
  }
  out.SetSize(input.size());
}

}  // namespace sluice::exec
