#pragma once

#include "sluice/exec/physical_operator.h"
#include "sluice/expression/bound_expression.h"

namespace sluice::exec {

// Computes one output column per expression.
class PhysicalProjection final : public PhysicalOperator {
 public:
  PhysicalProjection(std::vector<LogicalType> types, std::vector<BoundExpressionPtr> exprs)
      : PhysicalOperator(std::move(types)), exprs_(std::move(exprs)) {}
  std::string Name() const override { return "Project"; }
  std::string Details() const override;
  std::unique_ptr<LocalState> InitLocalOperator(QueryContext& ctx) override;
  void Execute(QueryContext& ctx, DataChunk& input, DataChunk& out, LocalState& state) override;

 private:
  std::vector<BoundExpressionPtr> exprs_;
};

}  // namespace sluice::exec
