#include "sluice/types/interval.h"

#include <cstdio>
#include <limits>
#include <vector>

namespace sluice {

std::string FormatIntervalDayTime(int64_t millis) {
  // Magnitudes as unsigned, so that the most negative value prints too.
  const bool negative = millis < 0;
  const uint64_t m = negative ? 0 - static_cast<uint64_t>(millis) : static_cast<uint64_t>(millis);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s%llu %02llu:%02llu:%02llu.%03llu", negative ? "-" : "",
                static_cast<unsigned long long>(m / 86400000), static_cast<unsigned long long>(m / 3600000 % 24),
                static_cast<unsigned long long>(m / 60000 % 60), static_cast<unsigned long long>(m / 1000 % 60),
                static_cast<unsigned long long>(m % 1000));
  return buf;
}

std::string FormatIntervalYearMonth(int32_t months) {
  const bool negative = months < 0;
  const int64_t m = negative ? -static_cast<int64_t>(months) : months;
  return (negative ? "-" : "") + std::to_string(m / 12) + "-" + std::to_string(m % 12);
}

namespace {

// The fields from `start` to `end`, in order, with their size in the unit
// of the type (months or milliseconds). Empty when the range is not one of
// Trino's (YEAR TO MONTH, DAY TO HOUR/MINUTE/SECOND, HOUR TO MINUTE/SECOND,
// MINUTE TO SECOND).
struct Field {
  std::string_view name;
  int64_t unit;
  int64_t limit;  // the largest value after the first field (hours < 24, ...)
};

std::vector<Field> FieldRange(std::string_view start, std::string_view end) {
  static const Field kYearMonth[] = {{"YEAR", 12, 0}, {"MONTH", 1, 11}};
  static const Field kDayTime[] = {{"DAY", 86400000, 0}, {"HOUR", 3600000, 23}, {"MINUTE", 60000, 59},
                                   {"SECOND", 1000, 59}};
  for (const auto& family : {std::vector<Field>(std::begin(kYearMonth), std::end(kYearMonth)),
                             std::vector<Field>(std::begin(kDayTime), std::end(kDayTime))}) {
    size_t first = family.size(), last = family.size();
    for (size_t i = 0; i < family.size(); ++i) {
      if (family[i].name == start) first = i;
      if (family[i].name == (end.empty() ? start : end)) last = i;
    }
    if (first < family.size() && last < family.size() && first <= last) {
      return std::vector<Field>(family.begin() + static_cast<std::ptrdiff_t>(first),
                                family.begin() + static_cast<std::ptrdiff_t>(last) + 1);
    }
  }
  return {};
}

}  // namespace

std::optional<int64_t> ParseIntervalLiteral(std::string_view text, std::string_view start, std::string_view end) {
  const std::vector<Field> fields = FieldRange(start, end);
  if (fields.empty()) return std::nullopt;
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  // Separators between fields: YEAR-MONTH, DAY HOUR, then ':'.
  __int128 total = 0;
  for (size_t f = 0; f < fields.size(); ++f) {
    if (f > 0) {
      const char want = fields[f].name == "MONTH" ? '-' : fields[f].name == "HOUR" ? ' ' : ':';
      if (i >= text.size() || text[i] != want) return std::nullopt;
      ++i;
    }
    const size_t digits_start = i;
    int64_t value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (value > std::numeric_limits<int64_t>::max() / 10) return std::nullopt;
      value = value * 10 + (text[i++] - '0');
    }
    if (i == digits_start) return std::nullopt;
    if (f > 0 && value > fields[f].limit) return std::nullopt;
    total += static_cast<__int128>(value) * fields[f].unit;
    if (fields[f].name == "SECOND" && i < text.size() && text[i] == '.') {
      ++i;
      int64_t scale = 100, fraction = 0;
      const size_t fraction_start = i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - fraction_start < 3) {
        fraction += (text[i++] - '0') * scale;
        scale /= 10;
      }
      if (i == fraction_start) return std::nullopt;
      total += fraction;
    }
  }
  if (i != text.size()) return std::nullopt;
  if (negative) total = -total;
  const bool months = fields.front().name == "YEAR" || fields.front().name == "MONTH";
  const __int128 limit = months ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int64_t>::max();
  if (total > limit || total < -limit) return std::nullopt;
  return static_cast<int64_t>(total);
}

}  // namespace sluice
