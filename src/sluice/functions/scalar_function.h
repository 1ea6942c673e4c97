#pragma once

#include <string>
#include <vector>

#include "sluice/types/logical_type.h"
#include "sluice/vector/vector.h"

namespace sluice::function {

// A vectorised scalar kernel: reads `count` rows of each argument and writes
// `count` rows of `result` (values and validity). Arguments already have the
// declared types (the binder inserts casts). Kernels may throw SluiceError for
// per-value failures (overflow, division by zero).
using ScalarKernel = void (*)(const std::vector<const Vector*>& args, size_t count,
                              Vector& result);

// Computes a parametric function's return type from its bound argument types
// (decimal(p1,s1) + decimal(p2,s2) → decimal(p,s)). May throw SluiceError when
// no valid type exists.
using ReturnTypeFunction = LogicalType (*)(const std::vector<LogicalType>& args);

// The return type of functions whose result has their first argument's type
// (abs, negation, min/max and avg of a decimal).
inline LogicalType FirstArgumentType(const std::vector<LogicalType>& args) { return args[0]; }

struct ScalarFunction {
  std::string name;
  std::vector<LogicalType> arg_types;
  LogicalType return_type;
  ScalarKernel kernel = nullptr;
  // The last argument type repeats (concat(varchar, ...)).
  bool variadic = false;
  // NULL in any argument gives NULL without calling per-row logic; most
  // functions are like this and their kernels rely on the helper below.
  bool null_propagating = true;
  // When set, the binder replaces return_type by its result. Argument types
  // may then be LogicalType::AnyDecimal(), bound to the argument's own decimal
  // type (integers to the decimal holding them).
  ReturnTypeFunction bind_return_type = nullptr;
};

// Sets result[i] NULL where any argument is NULL; returns true when some row
// is NULL (so kernels can skip the check on the fast path).
bool PropagateNulls(const std::vector<const Vector*>& args, size_t count, Vector& result);

// IS [NOT] DISTINCT FROM over the result of an equality kernel on the same
// two arguments: a NULL equals a NULL and differs from any value, so the
// result is never NULL; `distinct` negates it.
void FinishNullSafeEquality(const std::vector<const Vector*>& args, size_t count, bool distinct,
                            Vector& result);

}  // namespace sluice::function
