// Trino's date and time functions on DATE and TIMESTAMP (no time zones yet:
// timestamps are UTC). The families live in date_*_functions.cpp.
#include <chrono>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/scalar/date_time_kernels.h"
#include "sluice/functions/statement_time.h"

namespace sluice::function {

namespace {

// The statement's start time (statement_time.h); the binder folds these
// calls to constants, so every row and every mention sees that one value.
int64_t NowMicros() {
  if (int64_t start = StatementStartMicros()) return start;
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Trino rounds the start time to the requested fractional digits (default 3).
int64_t RoundToPrecision(int64_t micros, int64_t precision, const char* name) {
  if (precision < 0 || precision > 12) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      std::string(name) + " precision must be in range [0, 12]: " + std::to_string(precision));
  }
  if (precision >= 6) return micros;
  int64_t factor = 1;
  for (int64_t i = precision; i < 6; ++i) factor *= 10;
  return joda::FloorDiv(micros + factor / 2, factor) * factor;
}

void CurrentDateKernel(const std::vector<const Vector*>&, size_t count, Vector& result) {
  int32_t today = datetime::MillisToDate(joda::FloorDiv(NowMicros(), 1000));
  for (size_t i = 0; i < count; ++i) result.data<int32_t>()[i] = today;
}

template <const char* kName>
void CurrentTimestampKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  int64_t now = NowMicros();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    int64_t precision = args.empty() ? 3 : args[0]->data<int64_t>()[i];
    result.data<int64_t>()[i] = RoundToPrecision(now, precision, kName);
  }
}

constexpr char kCurrentTimestamp[] = "CURRENT_TIMESTAMP", kLocalTimestamp[] = "LOCALTIMESTAMP";

}  // namespace

void RegisterDateTimeFunctions(FunctionRegistry& r) {
  datetime::RegisterDateFieldFunctions(r);
  datetime::RegisterDateFormatFunctions(r);
  datetime::RegisterDateArithmeticFunctions(r);
  datetime::RegisterIntervalFunctions(r);
  const LogicalType ts = LogicalType::Timestamp(), big = LogicalType::Bigint();
  r.AddScalar({"current_date", {}, LogicalType::Date(), CurrentDateKernel});
  r.AddScalar({"current_timestamp", {}, ts, CurrentTimestampKernel<kCurrentTimestamp>});
  r.AddScalar({"current_timestamp", {big}, ts, CurrentTimestampKernel<kCurrentTimestamp>});
  r.AddScalar({"now", {}, ts, CurrentTimestampKernel<kCurrentTimestamp>});
  r.AddScalar({"localtimestamp", {}, ts, CurrentTimestampKernel<kLocalTimestamp>});
  r.AddScalar({"localtimestamp", {big}, ts, CurrentTimestampKernel<kLocalTimestamp>});
}

}  // namespace sluice::function
