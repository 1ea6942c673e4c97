#pragma once

#include "sluice/exec/physical_operator.h"
#include "sluice/expression/bound_expression.h"

namespace sluice::exec {

// Keeps the rows where the predicate is TRUE.
class PhysicalFilter final : public PhysicalOperator {
 public:
  PhysicalFilter(std::vector<LogicalType> types, BoundExpressionPtr predicate)
      : PhysicalOperator(std::move(types)), predicate_(std::move(predicate)) {}
  std::string Name() const override { return "Filter"; }
  std::string Details() const override { return predicate_->ToString(); }
  // A guess without statistics: half the rows pass.
  double EstimatedBytes() const override { return children[0]->EstimatedBytes() / 2; }
  std::unique_ptr<LocalState> InitLocalOperator(QueryContext& ctx) override;
  OperatorResult Execute(QueryContext& ctx, DataChunk& input, DataChunk& out,
                         LocalState& state) override;

 private:
  BoundExpressionPtr predicate_;
};

}  // namespace sluice::exec
