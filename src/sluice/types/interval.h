#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

// Trino's two interval types: INTERVAL DAY TO SECOND as int64 milliseconds,
// INTERVAL YEAR TO MONTH as int32 months.

// "1 02:03:04.000", "-0 00:00:01.500": days, then the time to milliseconds.
std::string FormatIntervalDayTime(int64_t millis);
// "1-2", "-0-3": years and months.
std::string FormatIntervalYearMonth(int32_t months);

// The value of INTERVAL 'text' start [TO end] (fields upper case: YEAR,
// MONTH, DAY, HOUR, MINUTE, SECOND) in months (YEAR and MONTH fields) or
// milliseconds (the others). The text may start with a sign; SECOND takes
// up to three fractional digits. nullopt when the text does not match the
// fields or the value does not fit.
std::optional<int64_t> ParseIntervalLiteral(std::string_view text, std::string_view start, std::string_view end);

}  // namespace sluice
