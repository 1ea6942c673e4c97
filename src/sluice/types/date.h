#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

// Calendar arithmetic on the proleptic Gregorian calendar, days since
// 1970-01-01 (Howard Hinnant's civil-from-days algorithms).
int32_t DaysFromCivil(int32_t year, uint32_t month, uint32_t day);
void CivilFromDays(int32_t days, int32_t* year, uint32_t* month, uint32_t* day);

// "YYYY-MM-DD" (also accepts a single-digit month or day, as Trino does).
std::optional<int32_t> ParseDate(std::string_view text);
std::string FormatDate(int32_t days);

// "YYYY-MM-DD[ T]HH:MM[:SS[.fffffffff]]" → microseconds since the epoch.
std::optional<int64_t> ParseTimestamp(std::string_view text);
// "YYYY-MM-DD HH:MM:SS.ffffff", trailing fractional zeros kept to millis like Trino.
std::string FormatTimestamp(int64_t micros);

}  // namespace sluice
