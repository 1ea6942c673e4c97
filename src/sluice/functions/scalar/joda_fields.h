#pragma once

// Joda-Time's ISO calendar fields on epoch milliseconds (UTC): what Trino's
// date/time functions are built from. Getting, setting (with Joda's range
// checks and messages), rounding down, and the saved-field bucket a parse
// fills and resolves the way Joda's DateTimeParserBucket does.
#include <cstdint>
#include <string_view>
#include <vector>

namespace sluice::function::joda {

constexpr int64_t kMillisPerSecond = 1000;
constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;
constexpr int64_t kMillisPerWeek = 7 * kMillisPerDay;

enum class Field {
  kYearOfEra,
  kYear,
  kWeekyear,
  kMonthOfYear,
  kWeekOfWeekyear,
  kDayOfYear,
  kDayOfMonth,
  kDayOfWeek,        // ISO: Monday = 1
  kHalfdayOfDay,     // 0 = AM, 1 = PM
  kHourOfHalfday,    // 0..11
  kClockhourOfHalfday,  // 1..12
  kClockhourOfDay,   // 1..24
  kHourOfDay,
  kMinuteOfHour,
  kSecondOfMinute,
  kMillisOfSecond,
};

std::string_view FieldName(Field f);

inline int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

bool IsLeapYear(int64_t year);
int DaysInMonth(int64_t year, int month);
// Days since the epoch of year-month-day (proleptic Gregorian).
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);
// ISO day of week of `days` since the epoch (Monday = 1).
int DayOfWeek(int64_t days);
// The Monday starting ISO week 1 of `weekyear`.
int64_t WeekyearStart(int64_t weekyear);
int WeeksInWeekyear(int64_t weekyear);

int64_t Get(Field f, int64_t millis);
// Joda's set: throws INVALID_FUNCTION_ARGUMENT "Value v for field must be in
// the range [a,b]" when out of range.
int64_t Set(Field f, int64_t millis, int64_t value);
int64_t RoundFloor(Field f, int64_t millis);

// Field values collected while parsing, resolved as Joda does: sorted from
// the largest field down, each set on 1970-01-01T00:00 and rounded down,
// then set again in a second pass; months and days without a year fall in
// Joda's default year 2000.
class ParsedFields {
 public:
  void Save(Field f, int64_t value) { saved_.push_back({f, value}); }
  // A parsed UTC offset: the fields are local time there.
  void SaveOffset(int64_t offset_millis) { offset_millis_ = offset_millis; }
  // UTC milliseconds. `text` is the parsed input, named in errors
  // ("Cannot parse "text": ...").
  int64_t ComputeMillis(std::string_view text) const;

 private:
  struct Saved {
    Field field;
    int64_t value;
  };
  std::vector<Saved> saved_;
  int64_t offset_millis_ = 0;
};

}  // namespace sluice::function::joda
