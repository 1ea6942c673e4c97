#pragma once

#include <cstdint>
#include <vector>

#include "sluice/expression/bound_expression.h"
#include "sluice/vector/data_chunk.h"

namespace sluice {

// Evaluates bound expressions over batches, a whole vector at a time.
// One executor per thread (it caches scratch vectors); expressions are shared.
class ExpressionExecutor {
 public:
  // Writes input.size() rows of `expr` into `result` (typed as expr.type;
  // reset first).
  void Execute(const BoundExpression& expr, const DataChunk& input, Vector& result);

  // Evaluates a boolean predicate and returns the rows where it is TRUE
  // (NULL and FALSE rows are dropped) in `sel`; returns their number.
  size_t Select(const BoundExpression& predicate, const DataChunk& input,
                std::vector<uint32_t>& sel);

  // Evaluates an expression without column references to one value.
  static Value EvaluateConstant(const BoundExpression& expr);

 private:
  void ExecuteCase(const BoundExpression& expr, const DataChunk& input, Vector& result);
  void ExecuteTry(const BoundExpression& expr, const DataChunk& input, Vector& result);
};

}  // namespace sluice
