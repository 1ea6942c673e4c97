#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sluice/types/logical_type.h"
#include "sluice/vector/vector.h"

namespace sluice::function {

// What a window function sees: the rows of one bucket of partitions, sorted
// into window order, so that each partition is a contiguous run of rows and
// its peers (rows equal on the ORDER BY keys) are runs inside it. Per row i,
// [partition_begin[i], partition_end[i]) is its partition,
// [peer_begin[i], peer_end[i]) its peer group and [frame_begin[i],
// frame_end[i]) its frame (empty when begin >= end), all as row indexes of
// the bucket. Arguments are columns of the bucket in the same order, already
// cast to the bound types.
struct WindowInput {
  size_t count = 0;
  const Vector* const* args = nullptr;
  size_t arg_count = 0;
  const uint32_t* partition_begin = nullptr;
  const uint32_t* partition_end = nullptr;
  const uint32_t* peer_begin = nullptr;
  const uint32_t* peer_end = nullptr;
  const uint32_t* frame_begin = nullptr;  // null unless the function uses frames
  const uint32_t* frame_end = nullptr;
  bool ignore_nulls = false;  // IGNORE NULLS
};

// Writes rows [0, input.count) of `out` (typed as the bound return type). One
// call per bucket, so kernels loop over rows themselves; they may throw
// SluiceError for bad argument values (ntile(0), a negative offset).
using WindowKernel = void (*)(const WindowInput& input, Vector& out);

// Checks a call's argument types and decides what each argument is cast to
// (`cast_to`, filled by the function) and the result type. Throws
// SluiceError (FUNCTION_NOT_FOUND) for argument lists it does not take.
using WindowBindFunction = LogicalType (*)(const std::string& name, const std::vector<LogicalType>& args,
                                           std::vector<LogicalType>& cast_to);

// A window function proper (ranking, offset, value functions); aggregates
// over windows use AggregateFunction. One per name: its bind function
// handles the argument types, as lag(T, bigint, T) needs.
struct WindowFunction {
  std::string name;
  LogicalType return_type;  // set by FunctionRegistry::BindWindow
  WindowBindFunction bind = nullptr;
  WindowKernel evaluate = nullptr;
  bool uses_frame = false;      // first_value, last_value, nth_value
  bool uses_peers = false;      // rank, dense_rank, percent_rank, cume_dist
  bool null_treatment = false;  // accepts IGNORE NULLS / RESPECT NULLS
};

// Traits of a window function, or-ed together for MakeWindowFunction.
constexpr unsigned kPlainWindow = 0, kUsesFrame = 1, kUsesPeers = 2, kNullTreatment = 4;

// A function for FunctionRegistry::AddWindow, with `traits` a mask of the above.
inline WindowFunction MakeWindowFunction(std::string name, WindowBindFunction bind, WindowKernel evaluate,
                                         unsigned traits) {
  WindowFunction f;
  f.name = std::move(name);
  f.bind = bind;
  f.evaluate = evaluate;
  f.uses_frame = traits & kUsesFrame;
  f.uses_peers = traits & kUsesPeers;
  f.null_treatment = traits & kNullTreatment;
  return f;
}

// Throws FUNCTION_NOT_FOUND: "Unexpected parameters (<args>) for function
// <name>. Expected: <expected>" (Trino's message), for the binders of window
// functions and of generic (nested) functions.
[[noreturn]] void ThrowUnexpectedParameters(const std::string& name, const std::vector<LogicalType>& args,
                                            const std::string& expected);

}  // namespace sluice::function
