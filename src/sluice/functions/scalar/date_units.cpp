#include "sluice/functions/scalar/date_units.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/scalar/joda_fields.h"

namespace sluice::function {

namespace {

using joda::Field;

int64_t UnitMillis(DateUnit u) {
  switch (u) {
    case DateUnit::kMillisecond: return 1;
    case DateUnit::kSecond: return joda::kMillisPerSecond;
    case DateUnit::kMinute: return joda::kMillisPerMinute;
    case DateUnit::kHour: return joda::kMillisPerHour;
    case DateUnit::kDay: return joda::kMillisPerDay;
    case DateUnit::kWeek: return joda::kMillisPerWeek;
    default: return 0;  // calendar units have no fixed length
  }
}

[[noreturn]] void IntegerOverflow() {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, "integer overflow");
}

// Joda's monthOfYear add: keeps the time of day, clamps the day.
int64_t AddMonths(int64_t millis, int64_t months) {
  int64_t days = joda::FloorDiv(millis, joda::kMillisPerDay);
  int64_t y;
  int m, d;
  joda::CivilFromDays(days, &y, &m, &d);
  int64_t total = y * 12 + (m - 1) + months;
  int64_t ny = joda::FloorDiv(total, 12);
  int nm = static_cast<int>(joda::FloorMod(total, 12)) + 1;
  if (ny < -292275 || ny > 292277) IntegerOverflow();
  int nd = std::min(d, joda::DaysInMonth(ny, nm));
  return joda::DaysFromCivil(ny, nm, nd) * joda::kMillisPerDay + joda::FloorMod(millis, joda::kMillisPerDay);
}

int64_t StartOfMonth(int64_t year, int month) { return joda::DaysFromCivil(year, month, 1) * joda::kMillisPerDay; }

// Joda's BasicMonthOfYearDateTimeField.getDifferenceAsLong for minuend >= subtrahend.
int64_t MonthDifference(int64_t minuend, int64_t subtrahend) {
  if (minuend < subtrahend) return -MonthDifference(subtrahend, minuend);
  int64_t y1, y2;
  int m1, d1, m2, d2;
  joda::CivilFromDays(joda::FloorDiv(minuend, joda::kMillisPerDay), &y1, &m1, &d1);
  joda::CivilFromDays(joda::FloorDiv(subtrahend, joda::kMillisPerDay), &y2, &m2, &d2);
  int64_t difference = (y1 - y2) * 12 + m1 - m2;
  // On the minuend month's last day, a later day of the subtrahend counts as that day.
  if (d1 == joda::DaysInMonth(y1, m1) && d2 > d1) {
    subtrahend = joda::Set(Field::kDayOfMonth, subtrahend, d1);
  }
  if (minuend - StartOfMonth(y1, m1) < subtrahend - StartOfMonth(y2, m2)) --difference;
  return difference;
}

// Joda's BasicGJChronology.getYearDifference for minuend >= subtrahend.
int64_t YearDifference(int64_t minuend, int64_t subtrahend) {
  if (minuend < subtrahend) return -YearDifference(subtrahend, minuend);
  int64_t y1 = joda::Get(Field::kYear, minuend), y2 = joda::Get(Field::kYear, subtrahend);
  int64_t rem1 = minuend - joda::RoundFloor(Field::kYear, minuend);
  int64_t rem2 = subtrahend - joda::RoundFloor(Field::kYear, subtrahend);
  constexpr int64_t kFeb29 = 59 * joda::kMillisPerDay;  // from the start of a year
  if (rem2 >= kFeb29) {
    if (joda::IsLeapYear(y2)) {
      if (!joda::IsLeapYear(y1)) rem2 -= joda::kMillisPerDay;
    } else if (rem1 >= kFeb29 && joda::IsLeapYear(y1)) {
      rem1 -= joda::kMillisPerDay;
    }
  }
  int64_t difference = y1 - y2;
  if (rem1 < rem2) --difference;
  return difference;
}

}  // namespace

DateUnit ParseDateUnit(std::string_view unit, bool for_date) {
  std::string u(unit);
  for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, DateUnit> kUnits[] = {
      {"millisecond", DateUnit::kMillisecond}, {"second", DateUnit::kSecond}, {"minute", DateUnit::kMinute},
      {"hour", DateUnit::kHour},   {"day", DateUnit::kDay},         {"week", DateUnit::kWeek},
      {"month", DateUnit::kMonth}, {"quarter", DateUnit::kQuarter}, {"year", DateUnit::kYear}};
  for (const auto& [name, value] : kUnits) {
    if (u == name && (!for_date || value >= DateUnit::kDay)) return value;
  }
  throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                    "'" + u + "' is not a valid " + (for_date ? "DATE" : "Timestamp") + " field");
}

int64_t TruncateMillis(DateUnit unit, int64_t millis) {
  switch (unit) {
    case DateUnit::kWeek: return joda::RoundFloor(Field::kWeekOfWeekyear, millis);
    case DateUnit::kMonth: return joda::RoundFloor(Field::kMonthOfYear, millis);
    case DateUnit::kQuarter: {
      int64_t y = joda::Get(Field::kYear, millis);
      int64_t m = joda::Get(Field::kMonthOfYear, millis);
      return StartOfMonth(y, static_cast<int>((m - 1) / 3 * 3 + 1));
    }
    case DateUnit::kYear: return joda::RoundFloor(Field::kYear, millis);
    default: return joda::FloorDiv(millis, UnitMillis(unit)) * UnitMillis(unit);
  }
}

int64_t AddMillis(DateUnit unit, int64_t value, int64_t millis) {
  // Joda takes an int amount (Trino: toIntExact).
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max()) IntegerOverflow();
  switch (unit) {
    case DateUnit::kMonth: return AddMonths(millis, value);
    case DateUnit::kQuarter: return AddMonths(millis, value * 3);
    case DateUnit::kYear: {
      int64_t y = joda::Get(Field::kYear, millis) + value;
      if (y < -292275 || y > 292277) IntegerOverflow();
      return joda::Set(Field::kYear, millis, y);
    }
    default: {
      int64_t delta, result;
      if (__builtin_mul_overflow(value, UnitMillis(unit), &delta) ||
          __builtin_add_overflow(millis, delta, &result)) {
        IntegerOverflow();
      }
      return result;
    }
  }
}

int64_t DiffMillis(DateUnit unit, int64_t from, int64_t to) {
  switch (unit) {
    case DateUnit::kMonth: return MonthDifference(to, from);
    case DateUnit::kQuarter: return MonthDifference(to, from) / 3;
    case DateUnit::kYear: return YearDifference(to, from);
    default: return (to - from) / UnitMillis(unit);
  }
}

}  // namespace sluice::function
