#include "sluice/functions/scalar/joda_date_format.h"

#include <chrono>
#include <string>

#include "sluice/common/error.h"

namespace sluice::function {

namespace {

using joda::Field;

bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Joda's parseToken: a run of one letter, or literal text (quotes removed,
// '' is a quote) starting with a ' marker.
std::string NextToken(std::string_view p, size_t& i) {
  std::string token;
  char c = p[i];
  if (IsLetter(c)) {
    token += c;
    while (i + 1 < p.size() && p[i + 1] == c) {
      token += c;
      ++i;
    }
    return token;
  }
  token += '\'';
  bool in_literal = false;
  for (; i < p.size(); ++i) {
    c = p[i];
    if (c == '\'') {
      if (i + 1 < p.size() && p[i + 1] == '\'') {
        ++i;
        token += c;
      } else {
        in_literal = !in_literal;
      }
    } else if (!in_literal && IsLetter(c)) {
      --i;
      break;
    } else {
      token += c;
    }
  }
  return token;
}

bool IsNumericToken(const std::string& t) {
  if (t.empty()) return false;
  switch (t[0]) {
    case 'c': case 'C': case 'x': case 'y': case 'Y': case 'd': case 'h': case 'H': case 'm':
    case 's': case 'S': case 'e': case 'D': case 'F': case 'w': case 'W': case 'k': case 'K':
      return true;
    case 'M': return t.size() <= 2;
    default: return false;
  }
}

// Whether the token after the one ending at `i` is numeric (Joda peeks to
// decide how many digits a year may take).
bool NextIsNumeric(std::string_view p, size_t i) {
  if (i + 1 >= p.size()) return false;
  size_t j = i + 1;
  return IsNumericToken(NextToken(p, j));
}

int CurrentYear() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(days).year());
}

}  // namespace

bool JodaPatternHasZone(std::string_view pattern) {
  bool quoted = false;
  for (char c : pattern) {
    if (quoted) {
      if (c == '\'') quoted = false;
      continue;
    }
    if (c == 'z' || c == 'Z') return true;
    if (c == '\'') quoted = true;
  }
  return false;
}

DateTimeFormatter CompileJodaPattern(std::string_view p) {
  if (p.empty()) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Invalid pattern specification");
  DateTimeFormatter f;
  for (size_t i = 0; i < p.size(); ++i) {
    std::string token = NextToken(p, i);
    const int n = static_cast<int>(token.size());
    const char c = token[0];
    switch (c) {
      case 'x':
      case 'y':
      case 'Y': {
        Field field = c == 'x' ? Field::kWeekyear : c == 'y' ? Field::kYear : Field::kYearOfEra;
        if (n == 2) {
          // Joda pivots two-digit years around the current year minus 30.
          f.AddTwoDigitYear(CurrentYear() - 30, !NextIsNumeric(p, i), c == 'x' ? Field::kWeekyear : Field::kYear);
        } else {
          f.AddNumber(field, n, NextIsNumeric(p, i) ? n : 9, c != 'Y');
        }
        break;
      }
      case 'M':
        if (n >= 3) f.AddText(Field::kMonthOfYear, n < 4);
        else f.AddNumber(Field::kMonthOfYear, n, 2);
        break;
      case 'd': f.AddNumber(Field::kDayOfMonth, n, 2); break;
      case 'a': f.AddText(Field::kHalfdayOfDay, false); break;
      case 'h': f.AddNumber(Field::kClockhourOfHalfday, n, 2); break;
      case 'H': f.AddNumber(Field::kHourOfDay, n, 2); break;
      case 'k': f.AddNumber(Field::kClockhourOfDay, n, 2); break;
      case 'K': f.AddNumber(Field::kHourOfHalfday, n, 2); break;
      case 'm': f.AddNumber(Field::kMinuteOfHour, n, 2); break;
      case 's': f.AddNumber(Field::kSecondOfMinute, n, 2); break;
      case 'S': f.AddFraction(n, n); break;
      case 'e': f.AddNumber(Field::kDayOfWeek, n, 1); break;
      case 'E': f.AddText(Field::kDayOfWeek, n < 4); break;
      case 'D': f.AddNumber(Field::kDayOfYear, n, 3); break;
      case 'w': f.AddNumber(Field::kWeekOfWeekyear, n, 2); break;
      case 'Z':
        if (n <= 2) {
          f.AddOffset(n == 2);
          break;
        }
        [[fallthrough]];  // ZZZ is a zone id
      case 'z':
      case 'G':
      case 'C':
        throw SluiceError(ErrorCode::kNotSupported,
                          "Pattern '" + token + "' is not supported: sluice has no " +
                              (c == 'z' || c == 'Z' ? "time zone names" : "eras or centuries") + " yet");
      case '\'': f.AddLiteral(token.substr(1)); break;
      default:
        throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Illegal pattern component: " + token);
    }
  }
  return f;
}

}  // namespace sluice::function
