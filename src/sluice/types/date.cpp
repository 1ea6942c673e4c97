#include "sluice/types/date.h"

#include <algorithm>
#include <cstdio>

namespace sluice {

int32_t DaysFromCivil(int32_t y, uint32_t m, uint32_t d) {
  y -= m <= 2;
  const int32_t era = (y >= 0 ? y : y - 399) / 400;
  const uint32_t yoe = static_cast<uint32_t>(y - era * 400);
  const uint32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

void CivilFromDays(int32_t z, int32_t* year, uint32_t* month, uint32_t* day) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const uint32_t doe = static_cast<uint32_t>(z - era * 146097);
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int32_t y = static_cast<int32_t>(yoe) + era * 400;
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = y + (*month <= 2);
}

namespace {

bool IsLeap(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

uint32_t DaysInMonth(int32_t y, uint32_t m) {
  static const uint8_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads 1..max_digits digits at pos; false when none.
bool ReadNumber(std::string_view s, size_t& pos, int max_digits, int64_t* out) {
  int64_t v = 0;
  int n = 0;
  while (pos < s.size() && n < max_digits && s[pos] >= '0' && s[pos] <= '9') {
    v = v * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  *out = v;
  return n > 0;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses the date part; leaves pos after it.
bool ParseDatePart(std::string_view s, size_t& pos, int32_t* days) {
  int64_t y, m, d;
  bool negative = pos < s.size() && s[pos] == '-';
  if (negative) ++pos;
  if (!ReadNumber(s, pos, 6, &y)) return false;
  if (negative) y = -y;
  if (pos >= s.size() || s[pos] != '-') return false;
  ++pos;
  if (!ReadNumber(s, pos, 2, &m)) return false;
  if (pos >= s.size() || s[pos] != '-') return false;
  ++pos;
  if (!ReadNumber(s, pos, 2, &d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(static_cast<int32_t>(y), m)) return false;
  *days = DaysFromCivil(static_cast<int32_t>(y), static_cast<uint32_t>(m),
                        static_cast<uint32_t>(d));
  return true;
}

}  // namespace

std::optional<int32_t> ParseDate(std::string_view text) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  int32_t days;
  if (!ParseDatePart(s, pos, &days) || pos != s.size()) return std::nullopt;
  return days;
}

std::string FormatDate(int32_t days) {
  int32_t y;
  uint32_t m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::optional<TimestampText> ParseTimestampText(std::string_view text, bool allow_zone) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  int32_t days;
  if (!ParseDatePart(s, pos, &days)) return std::nullopt;
  TimestampText out;
  out.local_seconds = static_cast<int64_t>(days) * 86400;
  if (pos == s.size()) return out;
  if (s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
  const size_t time_start = ++pos;
  int64_t h, mi, sec = 0;
  if (ReadNumber(s, pos, 2, &h)) {
    if (pos >= s.size() || s[pos] != ':') return std::nullopt;
    ++pos;
    if (!ReadNumber(s, pos, 2, &mi)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!ReadNumber(s, pos, 2, &sec)) return std::nullopt;
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          if (++out.digits > 12) return std::nullopt;
          out.picos = out.picos * 10 + (s[pos++] - '0');
        }
        if (out.digits == 0) return std::nullopt;
        for (int i = out.digits; i < 12; ++i) out.picos *= 10;
      }
    }
    if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
    out.local_seconds += (h * 60 + mi) * 60 + sec;
  } else if (!allow_zone || s[time_start - 1] != ' ') {
    return std::nullopt;  // only "date zone" may leave the time out
  }
  out.zone = Trim(s.substr(pos));
  if (!out.zone.empty() && !allow_zone) return std::nullopt;
  if (pos == time_start && out.zone.empty()) return std::nullopt;
  return out;
}

namespace {

constexpr int64_t kTimePowersOfTen[] = {1,          10,          100,          1000,          10000,
                                    100000,     1000000,     10000000,     100000000,     1000000000,
                                    10000000000, 100000000000, 1000000000000};

// Trino's roundDiv: to the nearest multiple, halves upward.
int64_t RoundToMultiple(int64_t value, int64_t factor) {
  return FloorDivMicros(value + factor / 2, factor) * factor;
}

}  // namespace

int64_t TimestampTextMicros(const TimestampText& t, int precision) {
  const int64_t picos = RoundToMultiple(t.picos, kTimePowersOfTen[12 - std::min(precision, 6)]);
  return t.local_seconds * kMicrosPerSecond + picos / 1000000;
}

std::optional<int64_t> ParseTimestamp(std::string_view text, int precision) {
  auto t = ParseTimestampText(text, false);
  if (!t) return std::nullopt;
  return TimestampTextMicros(*t, precision);
}

int64_t RoundTimestampMicros(int64_t micros, int precision) {
  if (precision >= 6) return micros;
  return RoundToMultiple(micros, kTimePowersOfTen[6 - precision]);
}

std::string FormatTimestamp(int64_t micros, int precision) {
  const int64_t days = FloorDivMicros(micros, kMicrosPerDay);
  const int64_t rest = micros - days * kMicrosPerDay;
  const int64_t secs = rest / kMicrosPerSecond;
  char buf[80];
  int n = std::snprintf(buf, sizeof(buf), "%s %02lld:%02lld:%02lld", FormatDate(static_cast<int32_t>(days)).c_str(),
                        static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                        static_cast<long long>(secs % 60));
  std::string out(buf, n);
  AppendSecondFraction(out, rest % kMicrosPerSecond, precision);
  return out;
}

void AppendSecondFraction(std::string& out, int64_t micros_of_second, int precision) {
  if (precision == 0) return;
  const int shown = std::min(precision, 6);
  char buf[16];
  const int n = std::snprintf(buf, sizeof(buf), ".%0*lld", shown,
                              static_cast<long long>(micros_of_second / kTimePowersOfTen[6 - shown]));
  out.append(buf, n);
  out.append(precision - shown, '0');
}

}  // namespace sluice
