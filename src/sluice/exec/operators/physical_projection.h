#pragma once

#include "sluice/exec/physical_operator.h"
#include "sluice/expression/bound_expression.h"

namespace sluice::exec {

// Computes one output column per expression.
class PhysicalProjection final : public PhysicalOperator {
 public:
  PhysicalProjection(std::vector<LogicalType> types, std::vector<BoundExpressionPtr> exprs);
  std::string Name() const override { return "Project"; }
  std::string Details() const override;
  std::unique_ptr<LocalState> InitLocalOperator(QueryContext& ctx) override;
  OperatorResult Execute(QueryContext& ctx, DataChunk& input, DataChunk& out,
                         LocalState& state) override;

 private:
  std::vector<BoundExpressionPtr> exprs_;
  // Per expression: a bare reference to an input column that nothing else
  // reads. Its vector is moved from the input batch (which the pipeline
  // refills before the next call) rather than copied.
  std::vector<bool> moves_input_;
};

// A projection computing `exprs` over `child`'s output.
std::unique_ptr<PhysicalOperator> ProjectOnto(std::unique_ptr<PhysicalOperator> child,
                                              std::vector<BoundExpressionPtr> exprs);

}  // namespace sluice::exec
