// sequence(start, stop [, step]) over bigints (step 1 or -1 by default, by
// the direction), sequence(start, stop) over dates (one day, either
// direction) and sequence(start, stop, interval) over dates and timestamps,
// with Trino's errors and its limit of 10000 entries.
#include <algorithm>
#include <limits>
#include <type_traits>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar/date_time_kernels.h"

namespace sluice::function {
namespace {

constexpr int64_t kMaxEntries = 10000;

void CheckStep(int64_t start, int64_t stop, int64_t step) {
  if (step == 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "step must not be zero");
  if ((step > 0 && stop < start) || (step < 0 && stop > start)) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "sequence stop value should be greater than or equal to start value if step is greater "
                      "than zero otherwise stop should be less than or equal to start");
  }
}

[[noreturn]] void TooManyEntries() {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                    "result of sequence function must not have more than 10000 entries");
}

template <typename T, bool kHasStep>
void SequenceKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const T* starts = args[0]->data<T>();
  const T* stops = args[1]->data<T>();
  ListEntry* entries = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(result.list_size()), 0};
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t start = starts[i], stop = stops[i];
    const int64_t step = kHasStep ? args[2]->data<int64_t>()[i] : (stop >= start ? 1 : -1);
    CheckStep(start, stop, step);
    // In 128 bits: stop - start overflows for the extreme bigints.
    const __int128 n = (static_cast<__int128>(stop) - start) / step + 1;
    if (n > kMaxEntries) TooManyEntries();
    const size_t first = result.GrowList(static_cast<size_t>(n));
    T* out = result.child().data<T>();
    for (int64_t k = 0; k < static_cast<int64_t>(n); ++k) out[first + k] = static_cast<T>(start + k * step);
    entries[i] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(n)};
  }
}

// An interval step: day to second adds its milliseconds (to dates whole days
// only, Trino's rule), year to month adds k * step months to the start, the
// day clamped to the month's end.
template <typename T, bool kMonths>
void IntervalSequenceKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  constexpr bool kDates = std::is_same_v<T, int32_t>;
  const bool has_nulls = PropagateNulls(args, count, result);
  const T* starts = args[0]->data<T>();
  const T* stops = args[1]->data<T>();
  ListEntry* entries = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(result.list_size()), 0};
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t start = starts[i], stop = stops[i];
    int64_t step = kMonths ? int64_t{args[2]->data<int32_t>()[i]} : args[2]->data<int64_t>()[i];
    if (!kMonths && kDates) {
      if (step % (86400 * 1000) != 0) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          "sequence step must be a day interval if start and end values are dates");
      }
      step /= 86400 * 1000;
    } else if (!kMonths) {
      // Milliseconds to the timestamps' microseconds; a step beyond every
      // range leaves the start alone.
      const int64_t millis = step;
      if (__builtin_mul_overflow(millis, int64_t{1000}, &step)) {
        step = millis > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min() + 1;
      }
    }
    CheckStep(start, stop, step);
    const auto nth = [&](int64_t k) -> int64_t {
      if constexpr (!kMonths) return start + k * step;
      else if constexpr (kDates) return datetime::AddMonthsToDate(static_cast<int32_t>(start), k * step);
      else return datetime::AddMonthsToTimestamp(start, k * step);
    };
    int64_t n;
    if (!kMonths) {
      n = static_cast<int64_t>(std::min<__int128>((static_cast<__int128>(stop) - start) / step + 1, kMaxEntries + 1));
    } else {
      n = 1;
      while (n <= kMaxEntries && (step > 0 ? nth(n) <= stop : nth(n) >= stop)) ++n;
    }
    if (n > kMaxEntries) TooManyEntries();
    const size_t first = result.GrowList(static_cast<size_t>(n));
    T* out = result.child().data<T>();
    for (int64_t k = 0; k < n; ++k) out[first + k] = static_cast<T>(nth(k));
    entries[i] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(n)};
  }
}

// array(timestamp(p)) with the larger of the bounds' precisions.
LogicalType TimestampArray(const std::vector<LogicalType>& args) {
  return LogicalType::Array(LogicalType::Timestamp(std::max(args[0].precision(), args[1].precision())));
}

}  // namespace

void RegisterSequenceFunctions(FunctionRegistry& r) {
  const LogicalType b = LogicalType::Bigint();
  const LogicalType d = LogicalType::Date();
  r.AddScalar({"sequence", {b, b}, LogicalType::Array(b), SequenceKernel<int64_t, false>});
  r.AddScalar({"sequence", {b, b, b}, LogicalType::Array(b), SequenceKernel<int64_t, true>});
  r.AddScalar({"sequence", {d, d}, LogicalType::Array(d), SequenceKernel<int32_t, false>});
  const LogicalType ts = LogicalType::AnyTimestamp();
  const LogicalType day_time = LogicalType::IntervalDayTime(), year_month = LogicalType::IntervalYearMonth();
  r.AddScalar({"sequence", {d, d, day_time}, LogicalType::Array(d), IntervalSequenceKernel<int32_t, false>});
  r.AddScalar({"sequence", {d, d, year_month}, LogicalType::Array(d), IntervalSequenceKernel<int32_t, true>});
  ScalarFunction over_timestamps[] = {
      {"sequence", {ts, ts, day_time}, LogicalType::Array(ts), IntervalSequenceKernel<int64_t, false>},
      {"sequence", {ts, ts, year_month}, LogicalType::Array(ts), IntervalSequenceKernel<int64_t, true>}};
  for (ScalarFunction& f : over_timestamps) {
    f.bind_return_type = TimestampArray;
    r.AddScalar(f);
  }
}

}  // namespace sluice::function
