// date_trunc, date_add and date_diff on DATE and TIMESTAMP, and Trino's
// interval arithmetic: date/timestamp ± interval (months clamp the day to
// the month's end, as date_add does), timestamp - timestamp, interval ±
// interval, interval * / number, unary minus.
#include <cmath>
#include <algorithm>
#include <cstdint>
#include <limits>

#include "sluice/common/error.h"
#include "sluice/functions/scalar/date_time_kernels.h"
#include "sluice/functions/scalar/date_units.h"

namespace sluice::function::datetime {

namespace {

// Sub-millisecond digits ride along unchanged, as in Trino's timestamp(6).
int64_t FromMillis(int64_t millis, int64_t micros_of_milli) {
  int64_t out;
  if (__builtin_mul_overflow(millis, int64_t{1000}, &out) || __builtin_add_overflow(out, micros_of_milli, &out)) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument, "integer overflow");
  }
  return out;
}

int32_t TruncDate(std::string_view unit, int32_t days) {
  return MillisToDate(TruncateMillis(ParseDateUnit(unit, true), DateMillis(days)));
}
int64_t TruncTimestamp(std::string_view unit, int64_t micros) {
  return FromMillis(TruncateMillis(ParseDateUnit(unit, false), TimestampMillis(micros)), 0);
}

int32_t AddDate(std::string_view unit, int64_t value, int32_t days) {
  int64_t result = joda::FloorDiv(AddMillis(ParseDateUnit(unit, true), value, DateMillis(days)), joda::kMillisPerDay);
  if (result < INT32_MIN || result > INT32_MAX) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "integer overflow");
  return static_cast<int32_t>(result);
}
// Trino's date_add on timestamp(p): the result is rounded to p digits when
// p < 3 (date_add('millisecond', 500, TIMESTAMP '... 00:00:00') is the
// next second); sub-millisecond digits ride along.
void AddTimestampKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  int64_t round_to = 1;
  for (int p = result.type().precision(); p < 3; ++p) round_to *= 10;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t micros = args[2]->data<int64_t>()[i];
    int64_t millis = AddMillis(ParseDateUnit(args[0]->data<StringRef>()[i].view(), false),
                               args[1]->data<int64_t>()[i], TimestampMillis(micros));
    if (round_to > 1) millis = joda::FloorDiv(millis + round_to / 2, round_to) * round_to;
    result.data<int64_t>()[i] = FromMillis(millis, joda::FloorMod(micros, 1000));
  }
}

int64_t DiffDate(std::string_view unit, int32_t a, int32_t b) {
  return DiffMillis(ParseDateUnit(unit, true), DateMillis(a), DateMillis(b));
}
int64_t DiffTimestamp(std::string_view unit, int64_t a, int64_t b) {
  return DiffMillis(ParseDateUnit(unit, false), TimestampMillis(a), TimestampMillis(b));
}

[[noreturn]] void IntervalOverflow(const char* op) {
  throw SluiceError(ErrorCode::kNumericOverflow, std::string("interval ") + op + " overflow");
}

// date ± interval day to second: whole days only, as Trino.
template <int kSign>
int32_t DatePlusDayTime(int32_t days, int64_t millis) {
  if (millis % joda::kMillisPerDay != 0) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Cannot add hour, minutes or seconds to a date");
  }
  const int64_t result = days + kSign * (millis / joda::kMillisPerDay);
  if (result < INT32_MIN || result > INT32_MAX) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "integer overflow");
  return static_cast<int32_t>(result);
}
template <int kSign>
int32_t DatePlusYearMonth(int32_t days, int32_t months) {
  return AddMonthsToDate(days, kSign * int64_t{months});
}
template <int kSign>
int64_t TimestampPlusDayTime(int64_t micros, int64_t millis) {
  int64_t delta, out;
  if (__builtin_mul_overflow(millis, int64_t{kSign * 1000}, &delta) || __builtin_add_overflow(micros, delta, &out)) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument, "integer overflow");
  }
  return out;
}
template <int kSign>
int64_t TimestampPlusYearMonth(int64_t micros, int32_t months) {
  return AddMonthsToTimestamp(micros, kSign * int64_t{months});
}
// interval + date / timestamp: the same, operands swapped.
int32_t DayTimePlusDate(int64_t millis, int32_t days) { return DatePlusDayTime<1>(days, millis); }
int32_t YearMonthPlusDate(int32_t months, int32_t days) { return DatePlusYearMonth<1>(days, months); }
int64_t DayTimePlusTimestamp(int64_t millis, int64_t micros) { return TimestampPlusDayTime<1>(micros, millis); }
int64_t YearMonthPlusTimestamp(int32_t months, int64_t micros) { return TimestampPlusYearMonth<1>(micros, months); }

// timestamp - timestamp: the interval between them, rounded to the
// millisecond (halves up) as Trino.
int64_t TimestampMinusTimestamp(int64_t a, int64_t b) {
  int64_t diff;
  if (__builtin_sub_overflow(a, b, &diff) || __builtin_add_overflow(diff, 500, &diff)) {
    IntervalOverflow("subtraction");
  }
  return joda::FloorDiv(diff, 1000);
}

// timestamp(p) ± interval day to second is timestamp(max(3, p)): the
// interval has milliseconds.
LogicalType AtLeastMillis(const std::vector<LogicalType>& args) {
  const LogicalType& ts = args[0].id() == TypeId::kTimestamp ? args[0] : args[1];
  return LogicalType::Timestamp(std::max(3, ts.precision()));
}

template <typename T>
T IntervalAdd(T a, T b) {
  T r;
  if (__builtin_add_overflow(a, b, &r)) IntervalOverflow("addition");
  return r;
}
template <typename T>
T IntervalSubtract(T a, T b) {
  T r;
  if (__builtin_sub_overflow(a, b, &r)) IntervalOverflow("subtraction");
  return r;
}
template <typename T>
T IntervalNegate(T a) {
  if (a == std::numeric_limits<T>::min()) IntervalOverflow("negation");
  return -a;
}
template <typename T>
T IntervalTimesBigint(T a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(static_cast<int64_t>(a), b, &r) || r < std::numeric_limits<T>::min() ||
      r > std::numeric_limits<T>::max()) {
    IntervalOverflow("multiplication");
  }
  return static_cast<T>(r);
}
template <typename T>
T BigintTimesInterval(int64_t a, T b) { return IntervalTimesBigint<T>(b, a); }
// Java's (long) / (int) conversion, which Trino's double forms end with:
// NaN is 0, out of range saturates.
template <typename T>
T JavaNarrow(double d) {
  if (std::isnan(d)) return 0;
  if (d >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  if (d <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
  return static_cast<T>(d);
}
template <typename T>
T IntervalTimesDouble(T a, double b) { return JavaNarrow<T>(static_cast<double>(a) * b); }
template <typename T>
T DoubleTimesInterval(double a, T b) { return JavaNarrow<T>(a * static_cast<double>(b)); }
template <typename T>
T IntervalDivideDouble(T a, double b) {
  if (b == 0) throw SluiceError(ErrorCode::kDivisionByZero, "Division by zero");
  return JavaNarrow<T>(static_cast<double>(a) / b);
}

template <typename T>
void RegisterIntervalArithmetic(FunctionRegistry& r, LogicalType interval) {
  const LogicalType big = LogicalType::Bigint(), dbl = LogicalType::Double();
  r.AddScalar({"add", {interval, interval}, interval, BinaryKernel<T, T, T, IntervalAdd<T>>});
  r.AddScalar({"subtract", {interval, interval}, interval, BinaryKernel<T, T, T, IntervalSubtract<T>>});
  r.AddScalar({"negate", {interval}, interval, UnaryKernel<T, T, IntervalNegate<T>>});
  r.AddScalar({"multiply", {interval, big}, interval, BinaryKernel<T, T, int64_t, IntervalTimesBigint<T>>});
  r.AddScalar({"multiply", {big, interval}, interval, BinaryKernel<T, int64_t, T, BigintTimesInterval<T>>});
  r.AddScalar({"multiply", {interval, dbl}, interval, BinaryKernel<T, T, double, IntervalTimesDouble<T>>});
  r.AddScalar({"multiply", {dbl, interval}, interval, BinaryKernel<T, double, T, DoubleTimesInterval<T>>});
  r.AddScalar({"divide", {interval, dbl}, interval, BinaryKernel<T, T, double, IntervalDivideDouble<T>>});
}

}  // namespace

int32_t AddMonthsToDate(int32_t days, int64_t months) {
  const int64_t millis = AddMillis(DateUnit::kMonth, months, DateMillis(days));
  const int64_t result = joda::FloorDiv(millis, joda::kMillisPerDay);
  if (result < INT32_MIN || result > INT32_MAX) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "integer overflow");
  return static_cast<int32_t>(result);
}

int64_t AddMonthsToTimestamp(int64_t micros, int64_t months) {
  return FromMillis(AddMillis(DateUnit::kMonth, months, TimestampMillis(micros)), joda::FloorMod(micros, 1000));
}

void RegisterIntervalFunctions(FunctionRegistry& r) {
  const LogicalType date = LogicalType::Date(), ts = LogicalType::AnyTimestamp();
  const LogicalType day_time = LogicalType::IntervalDayTime(), year_month = LogicalType::IntervalYearMonth();
  r.AddScalar({"add", {date, day_time}, date, BinaryKernel<int32_t, int32_t, int64_t, DatePlusDayTime<1>>});
  r.AddScalar({"add", {day_time, date}, date, BinaryKernel<int32_t, int64_t, int32_t, DayTimePlusDate>});
  r.AddScalar({"subtract", {date, day_time}, date, BinaryKernel<int32_t, int32_t, int64_t, DatePlusDayTime<-1>>});
  r.AddScalar({"add", {date, year_month}, date, BinaryKernel<int32_t, int32_t, int32_t, DatePlusYearMonth<1>>});
  r.AddScalar({"add", {year_month, date}, date, BinaryKernel<int32_t, int32_t, int32_t, YearMonthPlusDate>});
  r.AddScalar({"subtract", {date, year_month}, date, BinaryKernel<int32_t, int32_t, int32_t, DatePlusYearMonth<-1>>});
  ScalarFunction plus_day_time[] = {
      {"add", {ts, day_time}, ts, BinaryKernel<int64_t, int64_t, int64_t, TimestampPlusDayTime<1>>},
      {"add", {day_time, ts}, ts, BinaryKernel<int64_t, int64_t, int64_t, DayTimePlusTimestamp>},
      {"subtract", {ts, day_time}, ts, BinaryKernel<int64_t, int64_t, int64_t, TimestampPlusDayTime<-1>>}};
  for (ScalarFunction& f : plus_day_time) {
    f.bind_return_type = AtLeastMillis;
    r.AddScalar(f);
  }
  r.AddScalar({"add", {ts, year_month}, ts, BinaryKernel<int64_t, int64_t, int32_t, TimestampPlusYearMonth<1>>});
  r.AddScalar({"add", {year_month, ts}, ts, BinaryKernel<int64_t, int32_t, int64_t, YearMonthPlusTimestamp>});
  r.AddScalar({"subtract", {ts, year_month}, ts, BinaryKernel<int64_t, int64_t, int32_t, TimestampPlusYearMonth<-1>>});
  r.AddScalar({"subtract", {ts, ts}, day_time, BinaryKernel<int64_t, int64_t, int64_t, TimestampMinusTimestamp>});
  RegisterIntervalArithmetic<int64_t>(r, day_time);
  RegisterIntervalArithmetic<int32_t>(r, year_month);
}

void RegisterDateArithmeticFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar(), big = LogicalType::Bigint();
  const LogicalType date = LogicalType::Date(), ts = LogicalType::AnyTimestamp();
  r.AddScalar({"date_trunc", {v, date}, date, BinaryKernel<int32_t, std::string_view, int32_t, TruncDate>});
  r.AddScalar({"date_trunc", {v, ts}, ts, BinaryKernel<int64_t, std::string_view, int64_t, TruncTimestamp>});
  r.AddScalar({"date_trunc", {v, LogicalType::AnyTimestampTz()}, LogicalType::AnyTimestampTz(),
               InLocalTime<BinaryKernel<int64_t, std::string_view, int64_t, TruncTimestamp>, 1>});
  r.AddScalar({"date_add", {v, big, date}, date,
               TernaryKernel<int32_t, std::string_view, int64_t, int32_t, AddDate>});
  r.AddScalar({"date_add", {v, big, ts}, ts, AddTimestampKernel});
  r.AddScalar({"date_diff", {v, date, date}, big,
               TernaryKernel<int64_t, std::string_view, int32_t, int32_t, DiffDate>});
  r.AddScalar({"date_diff", {v, ts, ts}, big, TernaryKernel<int64_t, std::string_view, int64_t, int64_t, DiffTimestamp>});
}

}  // namespace sluice::function::datetime
