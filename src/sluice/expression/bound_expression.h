#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/functions/scalar_function.h"
#include "sluice/types/logical_type.h"
#include "sluice/types/value.h"

namespace sluice {

enum class ExpressionKind {
  kColumnRef,  // column `column_index` of the input batch
  kConstant,   // `constant`
  kFunction,   // `function` applied to children
  kCast,       // children[0] cast to `type` (TRY_CAST when try_cast)
  kAnd,        // three-valued AND of all children
  kOr,         // three-valued OR of all children
  kNot,
  kIsNull,
  kIsNotNull,
  kCase,       // children: when1, then1, when2, then2, ..., else
  kTry,        // children[0], NULL on the rows where it fails with an error TRY catches
  // Planner only: column `column_index` of the query block `depth` levels
  // out (a correlated subquery's reference to its enclosing query). The
  // planner replaces every one by joins before execution.
  kOuterRef,
  // A function taking lambdas (transform, filter, reduce, ...; named by
  // function.name): children are its arguments in order, lambda bodies
  // included; lambda_arity[i] is the parameter count of child i when it is
  // a lambda body, 0 otherwise. A body runs on a batch of the input's
  // columns (same indices) followed by one column per parameter.
  kLambdaCall,
  // A lambda parameter: column (batch width - column_index) of the batch
  // its lambda body runs on (counted from the end, so that input columns
  // keep their indices and nested lambdas append after outer parameters).
  kLambdaParameter,
};

// An expression after binding: names resolved to input column indices, types
// known, functions chosen, implicit casts explicit. Immutable once built and
// shared read-only by all threads of a pipeline.
struct BoundExpression {
  ExpressionKind kind = ExpressionKind::kConstant;
  LogicalType type;
  std::string name;  // display name ("sum(estimated_revenue)")
  size_t column_index = 0;
  Value constant;
  function::ScalarFunction function;
  bool try_cast = false;
  uint32_t depth = 0;  // kOuterRef
  std::vector<std::unique_ptr<BoundExpression>> children;
  std::vector<uint32_t> lambda_arity;  // kLambdaCall only

  std::unique_ptr<BoundExpression> Copy() const;
  std::string ToString() const;
  bool IsConstant() const;  // no column (or outer) references anywhere below
  // False when some function below gives a new value per row (rand()).
  bool IsDeterministic() const;

  static std::unique_ptr<BoundExpression> ColumnRef(size_t index, LogicalType type, std::string name);
  static std::unique_ptr<BoundExpression> OuterRef(uint32_t depth, size_t index, LogicalType type, std::string name);
  static std::unique_ptr<BoundExpression> Constant(Value value);
  // The AND of `terms` (one term: itself). `terms` must not be empty.
  static std::unique_ptr<BoundExpression> Conjunction(std::vector<std::unique_ptr<BoundExpression>> terms);
  static std::unique_ptr<BoundExpression> Cast(std::unique_ptr<BoundExpression> child,
                                               LogicalType target, bool try_cast = false);
};

using BoundExpressionPtr = std::unique_ptr<BoundExpression>;

}  // namespace sluice
