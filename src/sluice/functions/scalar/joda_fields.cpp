#include "sluice/functions/scalar/joda_fields.h"

#include <algorithm>
#include <limits>
#include <string>

#include "sluice/common/error.h"

namespace sluice::function::joda {

namespace {

// Years whose instants fit a TIMESTAMP (int64 microseconds).
constexpr int64_t kMinYear = -292275;
constexpr int64_t kMaxYear = 292277;

struct FieldInfo {
  std::string_view name;
  int64_t range_millis;     // the field's range unit (INT64_MAX: unbounded)
  int64_t duration_millis;  // the field's own unit
};

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max();
constexpr int64_t kYearMillis = 31556952000;   // Joda's average year
constexpr int64_t kMonthMillis = 2629746000;   // Joda's average month

const FieldInfo& Info(Field f) {
  static const FieldInfo kInfo[] = {
      {"yearOfEra", kUnbounded, kYearMillis},
      {"year", kUnbounded, kYearMillis},
      {"weekyear", kUnbounded, kYearMillis},
      {"monthOfYear", kYearMillis, kMonthMillis},
      {"weekOfWeekyear", kYearMillis, kMillisPerWeek},
      {"dayOfYear", kYearMillis, kMillisPerDay},
      {"dayOfMonth", kMonthMillis, kMillisPerDay},
      {"dayOfWeek", kMillisPerWeek, kMillisPerDay},
      {"halfdayOfDay", kMillisPerDay, 12 * kMillisPerHour},
      {"hourOfHalfday", 12 * kMillisPerHour, kMillisPerHour},
      {"clockhourOfHalfday", 12 * kMillisPerHour, kMillisPerHour},
      {"clockhourOfDay", kMillisPerDay, kMillisPerHour},
      {"hourOfDay", kMillisPerDay, kMillisPerHour},
      {"minuteOfHour", kMillisPerHour, kMillisPerMinute},
      {"secondOfMinute", kMillisPerMinute, kMillisPerSecond},
      {"millisOfSecond", kMillisPerSecond, 1},
  };
  return kInfo[static_cast<int>(f)];
}

void CheckRange(Field f, int64_t value, int64_t lo, int64_t hi) {
  if (value < lo || value > hi) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "Value " + std::to_string(value) + " for " + std::string(FieldName(f)) +
                          " must be in the range [" + std::to_string(lo) + "," + std::to_string(hi) + "]");
  }
}

int64_t Days(int64_t millis) { return FloorDiv(millis, kMillisPerDay); }
int64_t MillisOfDay(int64_t millis) { return FloorMod(millis, kMillisPerDay); }

int64_t YearOf(int64_t millis) {
  int64_t y;
  int m, d;
  CivilFromDays(Days(millis), &y, &m, &d);
  return y;
}

// The weekyear and week of the ISO week holding `days`.
void IsoWeek(int64_t days, int64_t* weekyear, int64_t* week) {
  int64_t thursday = days - (DayOfWeek(days) - 1) + 3;
  *weekyear = YearOf(thursday * kMillisPerDay);
  *week = (thursday - DaysFromCivil(*weekyear, 1, 1)) / 7 + 1;
}

int64_t WithDate(int64_t millis, int64_t year, int month, int day) {
  return DaysFromCivil(year, month, day) * kMillisPerDay + MillisOfDay(millis);
}

// A field that is a fixed-size unit within its range: set by moving the instant.
int64_t SetPrecise(Field f, int64_t millis, int64_t value, int64_t lo, int64_t hi) {
  CheckRange(f, value, lo, hi);
  return millis + (value - Get(f, millis)) * Info(f).duration_millis;
}

}  // namespace

std::string_view FieldName(Field f) { return Info(f).name; }

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

int DayOfWeek(int64_t days) { return static_cast<int>(FloorMod(days + 3, 7)) + 1; }

int64_t WeekyearStart(int64_t weekyear) {
  int64_t jan4 = DaysFromCivil(weekyear, 1, 4);
  return jan4 - (DayOfWeek(jan4) - 1);
}

int WeeksInWeekyear(int64_t weekyear) {
  return static_cast<int>((WeekyearStart(weekyear + 1) - WeekyearStart(weekyear)) / 7);
}

int64_t Get(Field f, int64_t millis) {
  int64_t days = Days(millis);
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  int64_t ms = MillisOfDay(millis);
  int64_t hour = ms / kMillisPerHour;
  switch (f) {
    case Field::kYearOfEra: return y > 0 ? y : 1 - y;
    case Field::kYear: return y;
    case Field::kWeekyear:
    case Field::kWeekOfWeekyear: {
      int64_t wy, w;
      IsoWeek(days, &wy, &w);
      return f == Field::kWeekyear ? wy : w;
    }
    case Field::kMonthOfYear: return m;
    case Field::kDayOfYear: return days - DaysFromCivil(y, 1, 1) + 1;
    case Field::kDayOfMonth: return d;
    case Field::kDayOfWeek: return DayOfWeek(days);
    case Field::kHalfdayOfDay: return hour / 12;
    case Field::kHourOfHalfday: return hour % 12;
    case Field::kClockhourOfHalfday: return hour % 12 == 0 ? 12 : hour % 12;
    case Field::kClockhourOfDay: return hour == 0 ? 24 : hour;
    case Field::kHourOfDay: return hour;
    case Field::kMinuteOfHour: return ms / kMillisPerMinute % 60;
    case Field::kSecondOfMinute: return ms / kMillisPerSecond % 60;
    case Field::kMillisOfSecond: return ms % kMillisPerSecond;
  }
  return 0;
}

int64_t Set(Field f, int64_t millis, int64_t value) {
  int64_t days = Days(millis);
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  switch (f) {
    case Field::kYearOfEra:
      CheckRange(f, value, 1, kMaxYear);
      return Set(Field::kYear, millis, y > 0 ? value : 1 - value);
    case Field::kYear:
      CheckRange(f, value, kMinYear, kMaxYear);
      return WithDate(millis, value, m, std::min(d, DaysInMonth(value, m)));
    case Field::kWeekyear: {
      CheckRange(f, value, kMinYear, kMaxYear);
      int64_t wy, w;
      IsoWeek(days, &wy, &w);
      if (wy == value) return millis;
      w = std::min<int64_t>(w, std::min(WeeksInWeekyear(wy), WeeksInWeekyear(value)));
      int64_t target = WeekyearStart(value) + (w - 1) * 7 + (DayOfWeek(days) - 1);
      return target * kMillisPerDay + MillisOfDay(millis);
    }
    case Field::kMonthOfYear:
      CheckRange(f, value, 1, 12);
      return WithDate(millis, y, static_cast<int>(value), std::min(d, DaysInMonth(y, static_cast<int>(value))));
    case Field::kWeekOfWeekyear: {
      int64_t wy, w;
      IsoWeek(days, &wy, &w);
      return SetPrecise(f, millis, value, 1, WeeksInWeekyear(wy));
    }
    case Field::kDayOfYear: return SetPrecise(f, millis, value, 1, IsLeapYear(y) ? 366 : 365);
    case Field::kDayOfMonth: return SetPrecise(f, millis, value, 1, DaysInMonth(y, m));
    case Field::kDayOfWeek: return SetPrecise(f, millis, value, 1, 7);
    case Field::kHalfdayOfDay: return SetPrecise(f, millis, value, 0, 1);
    case Field::kHourOfHalfday: return SetPrecise(f, millis, value, 0, 11);
    case Field::kClockhourOfHalfday:
      CheckRange(f, value, 1, 12);
      return Set(Field::kHourOfHalfday, millis, value % 12);
    case Field::kClockhourOfDay:
      CheckRange(f, value, 1, 24);
      return Set(Field::kHourOfDay, millis, value % 24);
    case Field::kHourOfDay: return SetPrecise(f, millis, value, 0, 23);
    case Field::kMinuteOfHour: return SetPrecise(f, millis, value, 0, 59);
    case Field::kSecondOfMinute: return SetPrecise(f, millis, value, 0, 59);
    case Field::kMillisOfSecond: return SetPrecise(f, millis, value, 0, 999);
  }
  return millis;
}

int64_t RoundFloor(Field f, int64_t millis) {
  int64_t days = Days(millis);
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  switch (f) {
    case Field::kYearOfEra:
    case Field::kYear: return DaysFromCivil(y, 1, 1) * kMillisPerDay;
    case Field::kWeekyear: return WeekyearStart(Get(Field::kWeekyear, millis)) * kMillisPerDay;
    case Field::kMonthOfYear: return DaysFromCivil(y, m, 1) * kMillisPerDay;
    case Field::kWeekOfWeekyear: return (days - (DayOfWeek(days) - 1)) * kMillisPerDay;
    default: {
      int64_t unit = Info(f).duration_millis;
      return FloorDiv(millis, unit) * unit;
    }
  }
}

int64_t ParsedFields::ComputeMillis(std::string_view text) const {
  std::vector<Saved> fields = saved_;
  std::stable_sort(fields.begin(), fields.end(), [](const Saved& a, const Saved& b) {
    const FieldInfo& x = Info(a.field);
    const FieldInfo& y = Info(b.field);
    if (x.range_millis != y.range_millis) return x.range_millis > y.range_millis;
    return x.duration_millis > y.duration_millis;
  });
  // Joda's default year: without a year, months and days are read in 2000
  // (a leap year, so 02-29 parses).
  if (!fields.empty()) {
    int64_t first = Info(fields.front().field).duration_millis;
    if (first >= kMillisPerDay && first <= kMonthMillis) fields.insert(fields.begin(), {Field::kYear, 2000});
  }
  try {
    int64_t millis = 0;
    for (const Saved& s : fields) millis = RoundFloor(s.field, Set(s.field, millis, s.value));
    for (size_t i = 0; i < fields.size(); ++i) {
      millis = Set(fields[i].field, millis, fields[i].value);
      if (i + 1 == fields.size()) millis = RoundFloor(fields[i].field, millis);
    }
    return millis - offset_millis_;
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), "Cannot parse \"" + std::string(text) + "\": " + e.message());
  }
}

}  // namespace sluice::function::joda
