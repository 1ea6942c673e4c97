#pragma once

// Vectorised kernel templates shared by the date/time function files: each
// applies a per-row function to non-NULL rows (NULL in, NULL out).
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

// Registration of the families (date_time_functions.cpp calls them).
void RegisterDateFieldFunctions(FunctionRegistry& r);
void RegisterDateFormatFunctions(FunctionRegistry& r);
void RegisterDateArithmeticFunctions(FunctionRegistry& r);
void RegisterIntervalFunctions(FunctionRegistry& r);

}  // namespace sluice::function::datetime
