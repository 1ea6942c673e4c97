#include "sluice/functions/scalar/date_time_formatter.h"

#include <algorithm>
#include <cctype>

#include "sluice/common/error.h"

namespace sluice::function {

namespace {

using joda::Field;

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const kDayNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// The English name of a text field's value (Joda's default locale).
std::string TextOf(Field f, int64_t value, bool short_text) {
  std::string s;
  if (f == Field::kMonthOfYear) s = kMonthNames[value - 1];
  else if (f == Field::kDayOfWeek) s = kDayNames[value - 1];
  else return value == 0 ? "AM" : "PM";
  return short_text ? s.substr(0, 3) : s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct TextCandidate {
  std::string text;
  int64_t value;
};

// What Joda's text parser accepts for a field: each value's short and full
// name, as written, in lower case and in upper case.
std::vector<TextCandidate> MakeCandidates(Field f) {
  int64_t lo = f == Field::kHalfdayOfDay ? 0 : 1;
  int64_t hi = f == Field::kMonthOfYear ? 12 : f == Field::kDayOfWeek ? 7 : 1;
  std::vector<TextCandidate> out;
  for (int64_t v = lo; v <= hi; ++v) {
    for (bool short_text : {true, false}) {
      std::string name = TextOf(f, v, short_text);
      out.push_back({Lower(name), v});
      out.push_back({Upper(name), v});
      out.push_back({std::move(name), v});
    }
  }
  return out;
}

const std::vector<TextCandidate>& Candidates(Field f) {
  static const std::vector<TextCandidate> kMonths = MakeCandidates(Field::kMonthOfYear);
  static const std::vector<TextCandidate> kDays = MakeCandidates(Field::kDayOfWeek);
  static const std::vector<TextCandidate> kHalfdays = MakeCandidates(Field::kHalfdayOfDay);
  return f == Field::kMonthOfYear ? kMonths : f == Field::kDayOfWeek ? kDays : kHalfdays;
}

void AppendPadded(std::string& out, int64_t value, int digits) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  std::string s = std::to_string(value);
  if (static_cast<int>(s.size()) < digits) out.append(digits - s.size(), '0');
  out += s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string InvalidFormatMessage(std::string_view text, size_t error_pos) {
  std::string sample(text);
  size_t sample_len = error_pos + 32;
  if (text.size() > sample_len + 3) sample = std::string(text.substr(0, sample_len)) + "...";
  if (error_pos == 0) return "Invalid format: \"" + sample + "\"";
  if (error_pos >= text.size()) return "Invalid format: \"" + sample + "\" is too short";
  return "Invalid format: \"" + sample + "\" is malformed at \"" + sample.substr(error_pos) + "\"";
}

void DateTimeFormatter::AddLiteral(std::string text) {
  if (text.empty()) return;
  Element e;
  e.kind = Kind::kLiteral;
  e.literal = std::move(text);
  elements_.push_back(std::move(e));
}

void DateTimeFormatter::AddNumber(Field field, int min_digits, int max_digits, bool is_signed) {
  Element e;
  e.kind = Kind::kNumber;
  e.field = field;
  e.min_digits = min_digits;
  e.max_digits = std::max(min_digits, max_digits);
  e.is_signed = is_signed;
  elements_.push_back(e);
}

void DateTimeFormatter::AddText(Field field, bool short_text) {
  Element e;
  e.kind = Kind::kText;
  e.field = field;
  e.short_text = short_text;
  elements_.push_back(e);
}

void DateTimeFormatter::AddFraction(int min_digits, int max_digits) {
  Element e;
  e.kind = Kind::kFraction;
  e.min_digits = min_digits;
  e.max_digits = std::min(std::max(min_digits, max_digits), 18);
  elements_.push_back(e);
}

void DateTimeFormatter::AddTwoDigitYear(int pivot, bool lenient, Field field) {
  Element e;
  e.kind = Kind::kTwoDigitYear;
  e.field = field;
  e.pivot = pivot;
  e.lenient = lenient;
  elements_.push_back(e);
}

void DateTimeFormatter::AddOffset(bool with_colon) {
  Element e;
  e.kind = Kind::kOffset;
  e.short_text = !with_colon;
  elements_.push_back(e);
}

std::string DateTimeFormatter::Print(int64_t millis) const {
  std::string out;
  for (const Element& e : elements_) {
    switch (e.kind) {
      case Kind::kLiteral: out += e.literal; break;
      case Kind::kNumber: AppendPadded(out, joda::Get(e.field, millis), e.min_digits); break;
      case Kind::kText: out += TextOf(e.field, joda::Get(e.field, millis), e.short_text); break;
      case Kind::kOffset: out += e.short_text ? "+0000" : "+00:00"; break;
      case Kind::kTwoDigitYear: {
        int64_t year = joda::Get(e.field, millis);
        AppendPadded(out, (year < 0 ? -year : year) % 100, 2);
        break;
      }
      case Kind::kFraction: {
        int64_t ms = joda::Get(Field::kMillisOfSecond, millis);
        if (ms == 0) {
          out.append(e.min_digits, '0');
          break;
        }
        // Scale to max_digits digits, then drop trailing zeros down to min_digits.
        int64_t scaled = ms;
        for (int i = 0; i < e.max_digits; ++i) scaled *= 10;
        scaled /= 1000;
        std::string digits = std::to_string(scaled);
        digits.insert(0, e.max_digits - digits.size(), '0');
        while (static_cast<int>(digits.size()) > e.min_digits && digits.back() == '0') digits.pop_back();
        out += digits;
        break;
      }
    }
  }
  return out;
}

int64_t DateTimeFormatter::ParseElement(const Element& e, std::string_view text, size_t pos,
                                        joda::ParsedFields& out) {
  const int64_t fail = -1 - static_cast<int64_t>(pos);
  switch (e.kind) {
    case Kind::kLiteral: {
      if (text.size() - pos < e.literal.size()) return fail;
      for (size_t i = 0; i < e.literal.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[pos + i])) !=
            std::tolower(static_cast<unsigned char>(e.literal[i]))) {
          return fail;
        }
      }
      return static_cast<int64_t>(pos + e.literal.size());
    }
    case Kind::kNumber: {
      size_t limit = std::min<size_t>(e.max_digits, text.size() - pos);
      size_t len = 0;
      bool negative = false;
      size_t start = pos;
      if (e.is_signed && limit > 0 && (text[pos] == '-' || text[pos] == '+') && limit > 1 &&
          IsDigit(text[pos + 1])) {
        negative = text[pos] == '-';
        ++start;
        limit = std::min(limit, text.size() - start);
      }
      while (len < limit && IsDigit(text[start + len])) ++len;
      if (len == 0) return fail;
      int64_t value = 0;
      for (size_t i = 0; i < len; ++i) value = value * 10 + (text[start + i] - '0');
      out.Save(e.field, negative ? -value : value);
      return static_cast<int64_t>(start + len);
    }
    case Kind::kText: {
      // The longest match wins (Joda tries longer strings first).
      size_t best_len = 0;
      int64_t best = 0;
      for (const TextCandidate& c : Candidates(e.field)) {
        if (c.text.size() > best_len && text.substr(pos, c.text.size()) == c.text) {
          best_len = c.text.size();
          best = c.value;
        }
      }
      if (best_len == 0) return fail;
      out.Save(e.field, best);
      return static_cast<int64_t>(pos + best_len);
    }
    case Kind::kFraction: {
      size_t limit = std::min<size_t>(e.max_digits, text.size() - pos);
      size_t len = 0;
      int64_t value = 0, unit = 10000;  // tenths of a millisecond, as Joda
      while (len < limit && IsDigit(text[pos + len])) {
        unit /= 10;
        value += (text[pos + len] - '0') * unit;
        ++len;
      }
      if (len == 0) return fail;
      out.Save(Field::kMillisOfSecond, value / 10);
      return static_cast<int64_t>(pos + len);
    }
    case Kind::kOffset: {
      // Joda's TimeZoneOffset parser: "Z", or a sign, two-digit hours and
      // optionally minutes (a ':' then requires them).
      if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        out.SaveOffset(0);
        return static_cast<int64_t>(pos + 1);
      }
      auto two_digits = [&](size_t p) { return p + 1 < text.size() && IsDigit(text[p]) && IsDigit(text[p + 1]); };
      if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-') || !two_digits(pos + 1)) return fail;
      int64_t hours = (text[pos + 1] - '0') * 10 + (text[pos + 2] - '0');
      if (hours > 23) return fail;
      size_t p = pos + 3;
      int64_t minutes = 0;
      bool colon = p < text.size() && text[p] == ':';
      if (colon || two_digits(p)) {
        if (colon) ++p;
        if (!two_digits(p)) return -1 - static_cast<int64_t>(p);
        minutes = (text[p] - '0') * 10 + (text[p + 1] - '0');
        if (minutes > 59) return -1 - static_cast<int64_t>(p);
        p += 2;
      }
      out.SaveOffset((text[pos] == '-' ? -1 : 1) * (hours * 60 + minutes) * joda::kMillisPerMinute);
      return static_cast<int64_t>(p);
    }
    case Kind::kTwoDigitYear: {
      size_t avail = text.size() - pos;
      if (e.lenient) {
        // Joda's lenient form: a sign or other than two digits is the full year.
        size_t start = pos;
        bool negative = false, has_sign = false;
        if (avail > 0 && (text[pos] == '-' || text[pos] == '+')) {
          has_sign = true;
          negative = text[pos] == '-';
          ++start;
        }
        size_t len = 0;
        while (start + len < text.size() && IsDigit(text[start + len])) ++len;
        if (len == 0) return fail;
        if (has_sign || len != 2) {
          int64_t value = 0;
          for (size_t i = 0; i < len && i < 10; ++i) value = value * 10 + (text[start + i] - '0');
          out.Save(e.field, negative ? -value : value);
          return static_cast<int64_t>(start + len);
        }
      }
      if (avail < 2 || !IsDigit(text[pos]) || !IsDigit(text[pos + 1])) return fail;
      int64_t year = (text[pos] - '0') * 10 + (text[pos + 1] - '0');
      int64_t low = e.pivot - 50;
      int64_t t = low >= 0 ? low % 100 : 99 + ((low + 1) % 100);
      year += low + (year < t ? 100 : 0) - t;
      out.Save(e.field, year);
      return static_cast<int64_t>(pos + 2);
    }
  }
  return fail;
}

int64_t DateTimeFormatter::ParseInto(std::string_view text, size_t pos, joda::ParsedFields& out) const {
  for (const Element& e : elements_) {
    int64_t r = ParseElement(e, text, pos, out);
    if (r < 0) return r;
    pos = static_cast<size_t>(r);
  }
  return static_cast<int64_t>(pos);
}

int64_t DateTimeFormatter::Parse(std::string_view text) const {
  joda::ParsedFields fields;
  int64_t r = ParseInto(text, 0, fields);
  if (r < 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, InvalidFormatMessage(text, -(r + 1)));
  if (static_cast<size_t>(r) < text.size()) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument, InvalidFormatMessage(text, r));
  }
  return fields.ComputeMillis(text);
}

}  // namespace sluice::function
