#pragma once

#include "sluice/exec/physical_operator.h"
#include "sluice/expression/bound_expression.h"

namespace sluice::exec {

// UNNEST as a lateral join (Trino's semantics): each input row is repeated
// once per element of its arrays and maps, evaluated by `exprs` over the
// input. Output: the input's columns, then per expression the element (an
// array of rows gives one column per field), or a map's key and value;
// several expressions are zipped, the shorter padded with NULLs; then the
// 1-based position WITH ORDINALITY. A row whose collections are all empty
// or NULL disappears, or with `left_outer` gives one row of NULLs.
// A streaming operator: a batch whose rows expand to more than one output
// batch is emitted in several (kHaveMoreOutput).
class PhysicalUnnest final : public PhysicalOperator {
 public:
  PhysicalUnnest(std::vector<LogicalType> types, std::vector<BoundExpressionPtr> exprs, bool ordinality,
                 bool left_outer);
  std::string Name() const override { return "Unnest"; }
  std::string Details() const override;
  std::unique_ptr<LocalState> InitLocalOperator(QueryContext& ctx) override;
  OperatorResult Execute(QueryContext& ctx, DataChunk& input, DataChunk& out, LocalState& state) override;

 private:
  std::vector<BoundExpressionPtr> exprs_;
  bool ordinality_;
  bool left_outer_;
};

}  // namespace sluice::exec
