#include "sluice/functions/scalar/mysql_date_format.h"

#include <string>

#include "sluice/common/error.h"

namespace sluice::function {

namespace {

using joda::Field;

// Two-digit years read as 1970..2069, as Trino's PIVOT_YEAR.
constexpr int kPivotYear = 2020;

void AddTime24(DateTimeFormatter& f) {
  f.AddNumber(Field::kHourOfDay, 2, 2);
  f.AddLiteral(":");
  f.AddNumber(Field::kMinuteOfHour, 2, 2);
  f.AddLiteral(":");
  f.AddNumber(Field::kSecondOfMinute, 2, 2);
}

}  // namespace

DateTimeFormatter CompileMySqlFormat(std::string_view format) {
  DateTimeFormatter f;
  bool escaped = false;
  for (char c : format) {
    if (!escaped) {
      if (c == '%') escaped = true;
      else f.AddLiteral(std::string(1, c));
      continue;
    }
    escaped = false;
    switch (c) {
      case 'a': f.AddText(Field::kDayOfWeek, true); break;
      case 'b': f.AddText(Field::kMonthOfYear, true); break;
      case 'c': f.AddNumber(Field::kMonthOfYear, 1, 2); break;
      case 'd': f.AddNumber(Field::kDayOfMonth, 2, 2); break;
      case 'e': f.AddNumber(Field::kDayOfMonth, 1, 2); break;
      case 'f': f.AddFraction(6, 9); break;
      case 'H': f.AddNumber(Field::kHourOfDay, 2, 2); break;
      case 'h':
      case 'I': f.AddNumber(Field::kClockhourOfHalfday, 2, 2); break;
      case 'i': f.AddNumber(Field::kMinuteOfHour, 2, 2); break;
      case 'j': f.AddNumber(Field::kDayOfYear, 3, 3); break;
      case 'k': f.AddNumber(Field::kHourOfDay, 1, 2); break;
      case 'l': f.AddNumber(Field::kClockhourOfHalfday, 1, 2); break;
      case 'M': f.AddText(Field::kMonthOfYear, false); break;
      case 'm': f.AddNumber(Field::kMonthOfYear, 2, 2); break;
      case 'p': f.AddText(Field::kHalfdayOfDay, false); break;
      case 'r':
        f.AddNumber(Field::kClockhourOfHalfday, 2, 2);
        f.AddLiteral(":");
        f.AddNumber(Field::kMinuteOfHour, 2, 2);
        f.AddLiteral(":");
        f.AddNumber(Field::kSecondOfMinute, 2, 2);
        f.AddLiteral(" ");
        f.AddText(Field::kHalfdayOfDay, false);
        break;
      case 'S':
      case 's': f.AddNumber(Field::kSecondOfMinute, 2, 2); break;
      case 'T': AddTime24(f); break;
      case 'v': f.AddNumber(Field::kWeekOfWeekyear, 2, 2); break;
      case 'x': f.AddNumber(Field::kWeekyear, 4, 4, true); break;
      case 'W': f.AddText(Field::kDayOfWeek, false); break;
      case 'Y': f.AddNumber(Field::kYear, 4, 4, true); break;
      case 'y': f.AddTwoDigitYear(kPivotYear, false); break;
      case 'w':
      case 'U':
      case 'u':
      case 'V':
      case 'X':
      case 'D':
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          std::string("%") + c + " not supported in date format string");
      default: f.AddLiteral(std::string(1, c)); break;  // %% and %x for any other x
    }
  }
  if (f.empty()) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Both printing and parsing not supported");
  return f;
}

}  // namespace sluice::function
