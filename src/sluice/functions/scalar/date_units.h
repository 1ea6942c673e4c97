#pragma once

// The units of date_trunc, date_add and date_diff with Trino's semantics
// (Joda-Time's ISO fields): truncation rounds down, adding months clamps
// the day to the month's end, differences count whole units.
#include <cstdint>
#include <string_view>

namespace sluice::function {

enum class DateUnit { kMillisecond, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kQuarter, kYear };

// Case-insensitive. Throws INVALID_FUNCTION_ARGUMENT "'hour' is not a valid
// DATE field" (or "Timestamp field") for a unit the type does not have.
DateUnit ParseDateUnit(std::string_view unit, bool for_date);

int64_t TruncateMillis(DateUnit unit, int64_t millis);
// Throws INVALID_FUNCTION_ARGUMENT on overflow.
int64_t AddMillis(DateUnit unit, int64_t value, int64_t millis);
// Whole units from `from` to `to` (negative when `to` is earlier).
int64_t DiffMillis(DateUnit unit, int64_t from, int64_t to);

}  // namespace sluice::function
