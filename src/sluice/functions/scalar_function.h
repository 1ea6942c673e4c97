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
};

// Sets result[i] NULL where any argument is NULL; returns true when some row
// is NULL (so kernels can skip the check on the fast path).
bool PropagateNulls(const std::vector<const Vector*>& args, size_t count, Vector& result);

}  // namespace sluice::function
