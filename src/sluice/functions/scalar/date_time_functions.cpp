// Trino's date and time functions on DATE and TIMESTAMP (no time zones yet:
// timestamps are UTC). The families live in date_*_functions.cpp.
#include <chrono>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/scalar/date_time_kernels.h"
#include "sluice/functions/statement_time.h"
#include "sluice/types/date.h"

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
void CurrentTimestampKernel(const std::vector<const Vector*>&, size_t count, Vector& result) {
  const int64_t now = RoundTimestampMicros(NowMicros(), result.type().precision());
  for (size_t i = 0; i < count; ++i) result.data<int64_t>()[i] = now;
}

}  // namespace

void RegisterDateTimeFunctions(FunctionRegistry& r) {
  datetime::RegisterDateFieldFunctions(r);
  datetime::RegisterDateFormatFunctions(r);
  datetime::RegisterDateArithmeticFunctions(r);
  datetime::RegisterIntervalFunctions(r);
  const LogicalType ts = LogicalType::Timestamp(3);
  r.AddScalar({"current_date", {}, LogicalType::Date(), CurrentDateKernel});
  r.AddScalar({"current_timestamp", {}, ts, CurrentTimestampKernel});
  r.AddScalar({"now", {}, ts, CurrentTimestampKernel});
  r.AddScalar({"localtimestamp", {}, ts, CurrentTimestampKernel});
}

}  // namespace sluice::function
