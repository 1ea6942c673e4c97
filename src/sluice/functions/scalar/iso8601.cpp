#include "sluice/functions/scalar/iso8601.h"

#include "sluice/types/date.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "sluice/common/error.h"
#include "sluice/functions/scalar/date_time_formatter.h"

namespace sluice::function {

namespace {

using joda::Field;
using joda::ParsedFields;

// The pieces of Joda's ISODateTimeFormat element parsers.
struct Elements {
  DateTimeFormatter year, month, day, week, dow, doy, hour, minute, second, fraction;
  Elements() {
    year.AddNumber(Field::kYear, 4, 9, true);
    month.AddLiteral("-");
    month.AddNumber(Field::kMonthOfYear, 2, 2);
    day.AddLiteral("-");
    day.AddNumber(Field::kDayOfMonth, 2, 2);
    week.AddNumber(Field::kWeekyear, 4, 9, true);
    week.AddLiteral("-W");
    week.AddNumber(Field::kWeekOfWeekyear, 2, 2);
    dow.AddLiteral("-");
    dow.AddNumber(Field::kDayOfWeek, 1, 1);
    doy.AddNumber(Field::kYear, 4, 9, true);
    doy.AddLiteral("-");
    doy.AddNumber(Field::kDayOfYear, 3, 3);
    hour.AddNumber(Field::kHourOfDay, 2, 2);
    minute.AddLiteral(":");
    minute.AddNumber(Field::kMinuteOfHour, 2, 2);
    second.AddLiteral(":");
    second.AddNumber(Field::kSecondOfMinute, 2, 2);
    fraction.AddFraction(1, 9);
  }
};

const Elements& E() {
  static const Elements kElements;
  return kElements;
}

// A parse attempt: the position reached (or -1 - failure position) and the fields seen.
struct Attempt {
  int64_t pos;
  ParsedFields fields;
  bool ok() const { return pos >= 0; }
};

Attempt Run(const DateTimeFormatter& f, std::string_view text, Attempt a) {
  if (a.ok()) a.pos = f.ParseInto(text, static_cast<size_t>(a.pos), a.fields);
  return a;
}

// Joda's appendOptional: keeps the attempt when `step` fails.
template <typename Step>
Attempt Optional(Attempt a, Step step) {
  if (!a.ok()) return a;
  Attempt b = step(a);
  return b.ok() ? b : a;
}

// Joda's MatchingParser: the alternative that got furthest.
Attempt Best(std::initializer_list<Attempt> alternatives) {
  const Attempt* best = nullptr;
  int64_t worst_fail = 0;
  for (const Attempt& a : alternatives) {
    if (a.ok() && (!best || a.pos > best->pos)) best = &a;
    if (!a.ok()) worst_fail = std::max(worst_fail, -(a.pos + 1));
  }
  if (best) return *best;
  return Attempt{-1 - worst_fail, {}};
}

Attempt DateElement(std::string_view text, const Attempt& start) {
  const Elements& e = E();
  Attempt calendar = Optional(Run(e.year, text, start), [&](const Attempt& a) {
    return Optional(Run(e.month, text, a), [&](const Attempt& b) { return Run(e.day, text, b); });
  });
  Attempt week = Optional(Run(e.week, text, start), [&](const Attempt& a) { return Run(e.dow, text, a); });
  Attempt ordinal = Run(e.doy, text, start);
  return Best({calendar, week, ordinal});
}

Attempt TimeElement(std::string_view text, const Attempt& start) {
  const Elements& e = E();
  return Optional(Run(e.hour, text, start), [&](const Attempt& a) {
    return Optional(Run(e.minute, text, a), [&](const Attempt& b) {
      return Optional(Run(e.second, text, b), [&](const Attempt& c) {
        size_t p = static_cast<size_t>(c.pos);
        if (p >= text.size() || (text[p] != '.' && text[p] != ',')) return Attempt{-1 - c.pos, {}};
        Attempt d = c;
        d.pos = c.pos + 1;
        return Run(e.fraction, text, d);
      });
    });
  });
}

bool TwoDigits(std::string_view text, size_t p, int64_t* out) {
  if (p + 2 > text.size() || !std::isdigit(static_cast<unsigned char>(text[p])) ||
      !std::isdigit(static_cast<unsigned char>(text[p + 1]))) {
    return false;
  }
  *out = (text[p] - '0') * 10 + (text[p + 1] - '0');
  return true;
}

// Z, +HH, +HH:mm or +HHmm: sets *offset_millis; the attempt unchanged when absent.
Attempt Offset(std::string_view text, Attempt a, int64_t* offset_millis) {
  if (!a.ok()) return a;
  size_t p = static_cast<size_t>(a.pos);
  if (p < text.size() && (text[p] == 'Z' || text[p] == 'z')) {
    *offset_millis = 0;
    a.pos = static_cast<int64_t>(p + 1);
    return a;
  }
  int64_t hours, minutes = 0;
  if (p >= text.size() || (text[p] != '+' && text[p] != '-') || !TwoDigits(text, p + 1, &hours) || hours > 23) {
    return a;
  }
  size_t end = p + 3;
  if (end < text.size() && text[end] == ':' && TwoDigits(text, end + 1, &minutes)) end += 3;
  else if (TwoDigits(text, end, &minutes)) end += 2;
  if (minutes > 59) return a;
  *offset_millis = (text[p] == '-' ? -1 : 1) * (hours * 60 + minutes) * joda::kMillisPerMinute;
  a.pos = static_cast<int64_t>(end);
  return a;
}

[[noreturn]] void Fail(std::string_view text, int64_t failed_pos) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, InvalidFormatMessage(text, static_cast<size_t>(failed_pos)));
}

int64_t Finish(std::string_view text, const Attempt& a) {
  if (!a.ok()) Fail(text, -(a.pos + 1));
  if (static_cast<size_t>(a.pos) < text.size()) Fail(text, a.pos);
  return a.fields.ComputeMillis(text);
}

Attempt Literal(std::string_view text, Attempt a, char c) {
  if (!a.ok()) return a;
  size_t p = static_cast<size_t>(a.pos);
  if (p < text.size() && (text[p] == c || text[p] == c + ('a' - 'A'))) {
    a.pos += 1;
    return a;
  }
  return Attempt{-1 - a.pos, {}};
}

}  // namespace

int32_t ParseIso8601Date(std::string_view text) {
  int64_t millis = Finish(text, DateElement(text, Attempt{0, {}}));
  return static_cast<int32_t>(joda::FloorDiv(millis, joda::kMillisPerDay));
}

int64_t ParseIso8601Timestamp(std::string_view text) {
  int64_t offset_time = 0, offset_date = 0;
  Attempt start{0, {}};
  Attempt time_only = Offset(text, TimeElement(text, Literal(text, start, 'T')), &offset_time);
  Attempt dated = Optional(DateElement(text, start), [&](const Attempt& a) {
    Attempt t = Optional(Literal(text, a, 'T'), [&](const Attempt& b) { return TimeElement(text, b); });
    return Offset(text, t, &offset_date);
  });
  bool use_time = time_only.ok() && (!dated.ok() || time_only.pos > dated.pos);
  int64_t millis = Finish(text, Best({use_time ? time_only : dated, use_time ? dated : time_only}));
  millis -= use_time ? offset_time : offset_date;
  return millis * 1000;
}

std::string FormatIso8601Date(int32_t days) {
  DateTimeFormatter f;
  f.AddNumber(Field::kYear, 4, 9);
  f.AddLiteral("-");
  f.AddNumber(Field::kMonthOfYear, 2, 2);
  f.AddLiteral("-");
  f.AddNumber(Field::kDayOfMonth, 2, 2);
  return f.Print(static_cast<int64_t>(days) * joda::kMillisPerDay);
}

std::string FormatIso8601Timestamp(int64_t micros, int precision) {
  int64_t millis = joda::FloorDiv(micros, 1000);
  int64_t year = joda::Get(Field::kYear, millis);
  char buf[96];
  // java.time's uuuu: at least four digits, '+' above 9999.
  std::snprintf(buf, sizeof(buf), "%s%04lld-%02lld-%02lldT%02lld:%02lld:%02lld",
                year > 9999 ? "+" : year < 0 ? "-" : "", static_cast<long long>(year < 0 ? -year : year),
                static_cast<long long>(joda::Get(Field::kMonthOfYear, millis)),
                static_cast<long long>(joda::Get(Field::kDayOfMonth, millis)),
                static_cast<long long>(joda::Get(Field::kHourOfDay, millis)),
                static_cast<long long>(joda::Get(Field::kMinuteOfHour, millis)),
                static_cast<long long>(joda::Get(Field::kSecondOfMinute, millis)));
  std::string out = buf;
  AppendSecondFraction(out, joda::FloorMod(micros, kMicrosPerSecond), precision);
  return out;
}

}  // namespace sluice::function
