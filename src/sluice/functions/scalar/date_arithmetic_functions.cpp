// date_trunc, date_add and date_diff on DATE and TIMESTAMP.
#include <cstdint>

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
int64_t AddTimestamp(std::string_view unit, int64_t value, int64_t micros) {
  int64_t millis = AddMillis(ParseDateUnit(unit, false), value, TimestampMillis(micros));
  return FromMillis(millis, joda::FloorMod(micros, 1000));
}

int64_t DiffDate(std::string_view unit, int32_t a, int32_t b) {
  return DiffMillis(ParseDateUnit(unit, true), DateMillis(a), DateMillis(b));
}
int64_t DiffTimestamp(std::string_view unit, int64_t a, int64_t b) {
  return DiffMillis(ParseDateUnit(unit, false), TimestampMillis(a), TimestampMillis(b));
}

}  // namespace

void RegisterDateArithmeticFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar(), big = LogicalType::Bigint();
  const LogicalType date = LogicalType::Date(), ts = LogicalType::Timestamp();
  r.AddScalar({"date_trunc", {v, date}, date, BinaryKernel<int32_t, std::string_view, int32_t, TruncDate>});
  r.AddScalar({"date_trunc", {v, ts}, ts, BinaryKernel<int64_t, std::string_view, int64_t, TruncTimestamp>});
  r.AddScalar({"date_add", {v, big, date}, date,
               TernaryKernel<int32_t, std::string_view, int64_t, int32_t, AddDate>});
  r.AddScalar({"date_add", {v, big, ts}, ts, TernaryKernel<int64_t, std::string_view, int64_t, int64_t, AddTimestamp>});
  r.AddScalar({"date_diff", {v, date, date}, big,
               TernaryKernel<int64_t, std::string_view, int32_t, int32_t, DiffDate>});
  r.AddScalar({"date_diff", {v, ts, ts}, big, TernaryKernel<int64_t, std::string_view, int64_t, int64_t, DiffTimestamp>});
}

}  // namespace sluice::function::datetime
