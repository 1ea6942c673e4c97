#pragma once

#include <vector>

#include "sluice/expression/bound_expression.h"
#include "sluice/expression/expression_executor.h"
#include "sluice/vector/data_chunk.h"

namespace sluice {

// Evaluates one kLambdaCall over one input batch (see lambda_executor.cpp).
// Lives for the call; the executor's scratch is reused for the bodies.
class LambdaExecutor {
 public:
  LambdaExecutor(ExpressionExecutor& executor, const BoundExpression& call, const DataChunk& input);

  // Writes `count` rows of the call's value into `result` (already reset).
  void Execute(size_t count, Vector& result);

 private:
  Vector RunBody(size_t body_index, const std::vector<uint32_t>& rows, const std::vector<const Vector*>& params);
  void Reduce(const Vector& array, size_t count, Vector& result);
  void ZipWith(const Vector& left, size_t count, Vector& result);

  ExpressionExecutor& executor_;
  const BoundExpression& call_;
  const DataChunk& input_;
};

}  // namespace sluice
