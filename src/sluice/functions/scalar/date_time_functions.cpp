// Trino's date and time functions on DATE and TIMESTAMP (no time zones yet:
// timestamps are UTC). The families live in date_*_functions.cpp.
#include <chrono>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/scalar/date_time_kernels.h"
#include "sluice/functions/statement_time.h"
#include "sluice/types/date.h"
#include "sluice/types/time_zone.h"

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

void CurrentDateKernel(const std::vector<const Vector*>&, size_t count, Vector& result) {
  int32_t today = datetime::MillisToDate(joda::FloorDiv(NowMicros(), 1000));
  for (size_t i = 0; i < count; ++i) result.data<int32_t>()[i] = today;
}

// Trino rounds the start time to the result's fractional digits (3 unless
// CURRENT_TIMESTAMP(p) says otherwise: the binder sets the result type).
// LOCALTIMESTAMP is the session zone's (UTC) local date-time; CURRENT_TIMESTAMP
// the instant in the session zone, with milliseconds.
void CurrentTimestampKernel(const std::vector<const Vector*>&, size_t count, Vector& result) {
  int64_t now = RoundTimestampMicros(NowMicros(), result.type().precision());
  if (result.type().id() == TypeId::kTimestampTz) {
    now = PackTimestampTz(LocalToUtcMillis(kSessionZoneKey, FloorDivMicros(RoundTimestampMicros(now, 3), 1000)),
                          kSessionZoneKey);
  }
  for (size_t i = 0; i < count; ++i) result.data<int64_t>()[i] = now;
}

}  // namespace

void RegisterDateTimeFunctions(FunctionRegistry& r) {
  datetime::RegisterDateFieldFunctions(r);
  datetime::RegisterDateFormatFunctions(r);
  datetime::RegisterDateArithmeticFunctions(r);
  datetime::RegisterIntervalFunctions(r);
  datetime::RegisterTimestampTzFunctions(r);
  const LogicalType tz = LogicalType::TimestampTz(3);
  r.AddScalar({"current_date", {}, LogicalType::Date(), CurrentDateKernel});
  r.AddScalar({"current_timestamp", {}, tz, CurrentTimestampKernel});
  r.AddScalar({"now", {}, tz, CurrentTimestampKernel});
  r.AddScalar({"localtimestamp", {}, LogicalType::Timestamp(3), CurrentTimestampKernel});
}

}  // namespace sluice::function
