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

// The parts of "YYYY-MM-DD[( |T)HH:MM[:SS[.f...]]][ zone]" (Trino's
// timestamp text, spaces allowed around it; 'T' is also read, as Hive does).
struct TimestampText {
  int64_t local_seconds = 0;  // the written date-time as seconds since the epoch
  int64_t picos = 0;          // the written fraction of the second, in picoseconds
  int digits = 0;             // fractional digits written (a literal's precision)
  std::string_view zone;      // what follows the time (spaces trimmed); empty when nothing
};
// nullopt when the text is not a timestamp, has more than 12 fractional
// digits, or (unless allow_zone) has anything after the time.
std::optional<TimestampText> ParseTimestampText(std::string_view text, bool allow_zone);
// The text's microseconds since the epoch with the fraction rounded to
// `precision` digits as Trino rounds (half up).
int64_t TimestampTextMicros(const TimestampText& t, int precision);
// ParseTimestampText without a zone, rounded to `precision`.
std::optional<int64_t> ParseTimestamp(std::string_view text, int precision = 6);

// Rounds microseconds to `precision` fractional digits, half up as Trino's
// timestamp casts do (values of precision >= 6 are unchanged).
int64_t RoundTimestampMicros(int64_t micros, int precision);
// "YYYY-MM-DD HH:MM:SS" and exactly `precision` fractional digits, as Trino
// prints timestamp(p) (digits past the sixth are zeros: values keep
// microseconds). The value is expected to be rounded to the precision.
std::string FormatTimestamp(int64_t micros, int precision);
// ".fff" with exactly `precision` digits (none for 0), truncated.
void AppendSecondFraction(std::string& out, int64_t micros_of_second, int precision);
// Floor division of microseconds into days, and the microseconds of the day.
inline int64_t FloorDivMicros(int64_t micros, int64_t unit) {
  return micros >= 0 ? micros / unit : -((-(micros + 1)) / unit) - 1;
}
constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

}  // namespace sluice
