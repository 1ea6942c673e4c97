#pragma once

// Vectorised kernel templates shared by the date/time function files: each
// applies a per-row function to non-NULL rows (NULL in, NULL out).
#include <algorithm>
#include <string>

#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar/joda_fields.h"
#include "sluice/types/string_ref.h"

namespace sluice::function::datetime {

// Trino computes on epoch milliseconds; sluice timestamps are microseconds.
inline int64_t TimestampMillis(int64_t micros) { return joda::FloorDiv(micros, 1000); }
inline int64_t DateMillis(int32_t days) { return static_cast<int64_t>(days) * joda::kMillisPerDay; }
inline int32_t MillisToDate(int64_t millis) {
  return static_cast<int32_t>(joda::FloorDiv(millis, joda::kMillisPerDay));
}

template <typename T>
struct Arg {
  static T Read(const Vector& v, size_t i) { return v.data<T>()[i]; }
};
template <>
struct Arg<std::string_view> {
  static std::string_view Read(const Vector& v, size_t i) { return v.data<StringRef>()[i].view(); }
};

template <typename T>
void Write(Vector& result, size_t i, T value) {
  result.data<T>()[i] = value;
}
inline void Write(Vector& result, size_t i, const std::string& value) {
  result.data<StringRef>()[i] = result.heap().Add(value);
}

template <typename Out, typename A, Out (*F)(A)>
void UnaryKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    Write(result, i, F(Arg<A>::Read(*args[0], i)));
  }
}

template <typename Out, typename A, typename B, Out (*F)(A, B)>
void BinaryKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    Write(result, i, F(Arg<A>::Read(*args[0], i), Arg<B>::Read(*args[1], i)));
  }
}

template <typename Out, typename A, typename B, typename C, Out (*F)(A, B, C)>
void TernaryKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    Write(result, i, F(Arg<A>::Read(*args[0], i), Arg<B>::Read(*args[1], i), Arg<C>::Read(*args[2], i)));
  }
}

// date / timestamp + months with the day clamped to the month's end, as
// Trino's interval arithmetic; INVALID_FUNCTION_ARGUMENT on overflow.
int32_t AddMonthsToDate(int32_t days, int64_t months);
int64_t AddMonthsToTimestamp(int64_t micros, int64_t months);

// TIMESTAMP WITH TIME ZONE seen through its local date-times (Trino's
// zoned chronology; timestamp_tz_functions.cpp):
// the local date-times of `zoned` as a timestamp(p) vector, NULLs kept;
Vector LocalTimes(const Vector& zoned, size_t count);
// and back: local results in the zones of `zoned`, keeping each row's offset
// where it still fits the new local time (a time in an overlap stays on its
// side), else resolved as java.time resolves local times.
void ToZoned(const Vector& zoned, const Vector& local, size_t count, Vector& result);

// A timestamp overload's kernel run on the local date-times of the
// timestamp-with-time-zone argument kArg (fields, formatting).
template <ScalarKernel kKernel, size_t kArg>
void OnLocalTime(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector local = LocalTimes(*args[kArg], count);
  std::vector<const Vector*> local_args = args;
  local_args[kArg] = &local;
  kKernel(local_args, count, result);
}
// The same for a kernel that returns a timestamp: its result goes back to
// the argument's zone (date_trunc, + interval year to month).
template <ScalarKernel kKernel, size_t kArg>
void InLocalTime(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector local = LocalTimes(*args[kArg], count);
  std::vector<const Vector*> local_args = args;
  local_args[kArg] = &local;
  Vector local_result(LogicalType::Timestamp(result.type().precision()), std::max<size_t>(count, 1));
  kKernel(local_args, count, local_result);
  ToZoned(*args[kArg], local_result, count, result);
}

void RegisterTimestampTzFunctions(FunctionRegistry& r);

// Registration of the families (date_time_functions.cpp calls them).
void RegisterDateFieldFunctions(FunctionRegistry& r);
void RegisterDateFormatFunctions(FunctionRegistry& r);
void RegisterDateArithmeticFunctions(FunctionRegistry& r);
void RegisterIntervalFunctions(FunctionRegistry& r);

}  // namespace sluice::function::datetime
