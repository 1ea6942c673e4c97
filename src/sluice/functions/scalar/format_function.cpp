// format(fmt, args...): Trino hands the arguments to java.util.Formatter as
// Java objects (integers as Long, double as Double, real as Float, decimal
// as BigDecimal, varchar as String, boolean, date as LocalDate, timestamp as
// LocalDateTime). This is the part of Java's Formatter those objects meet:
// %[index$][flags][width][.precision]conversion with the conversions
// b B s S d o x X f e E c % n and the flags - # + space 0 , (.
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar/utf8.h"
#include "sluice/types/date.h"
#include "sluice/types/decimal.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/value.h"

namespace sluice::function {
namespace {

struct Spec {
  int index = -1;  // explicit argument index (0-based), or -1
  bool left = false, alternate = false, plus = false, space = false, zero = false, group = false, paren = false;
  int width = -1, precision = -1;
  char conversion = 0;
};

[[noreturn]] void BadFormat(std::string_view format, const std::string& why) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Invalid format string: " + std::string(format) + " (" + why + ")");
}

// Java's LocalDateTime.toString: seconds only when not zero (or a fraction
// follows), the fraction in groups of three digits.
std::string LocalDateTimeText(int64_t micros) {
  const int64_t day = micros >= 0 ? micros / 86400000000LL : -((-micros + 86400000000LL - 1) / 86400000000LL);
  const int64_t rest = micros - day * 86400000000LL;
  const int64_t seconds = rest / 1000000, fraction = rest % 1000000;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%sT%02lld:%02lld", FormatDate(static_cast<int32_t>(day)).c_str(),
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60));
  std::string out = buf;
  if (seconds % 60 || fraction) {
    std::snprintf(buf, sizeof(buf), ":%02lld", static_cast<long long>(seconds % 60));
    out += buf;
  }
  if (fraction) {
    std::snprintf(buf, sizeof(buf), fraction % 1000 ? ".%06lld" : ".%03lld",
                  static_cast<long long>(fraction % 1000 ? fraction : fraction / 1000));
    out += buf;
  }
  return out;
}

// Object.toString of the Java object an argument becomes (%s).
std::string JavaText(const Value& v) {
  if (v.is_null()) return "null";
  switch (v.type().id()) {
    case TypeId::kVarchar: return v.string_value();
    case TypeId::kDate: return FormatDate(static_cast<int32_t>(v.int_value()));
    case TypeId::kTimestamp: return LocalDateTimeText(v.int_value());
    default: return v.ToString();
  }
}

// Inserts ',' every three digits of the integral part of `digits`.
std::string Grouped(const std::string& digits) {
  const size_t end = digits.find('.') == std::string::npos ? digits.size() : digits.find('.');
  std::string out;
  for (size_t i = 0; i < end; ++i) {
    if (i > 0 && (end - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out + digits.substr(end);
}

// Sign, grouping, zero padding for a number whose magnitude is `digits`.
std::string Signed(bool negative, std::string digits, const Spec& s) {
  if (s.group) digits = Grouped(digits);
  std::string prefix = negative ? (s.paren ? "(" : "-") : s.plus ? "+" : s.space ? " " : "";
  const std::string suffix = negative && s.paren ? ")" : "";
  if (s.zero && s.width > 0) {
    const int pad = s.width - static_cast<int>(prefix.size() + digits.size() + suffix.size());
    if (pad > 0) digits.insert(0, static_cast<size_t>(pad), '0');
  }
  return prefix + digits + suffix;
}

// `digits` (a decimal without sign, "123.456" or "123") rounded half up to
// `precision` fractional digits, as BigDecimal.setScale(HALF_UP).
std::string RoundHalfUp(std::string digits, int precision) {
  size_t point = digits.find('.');
  if (point == std::string::npos) {
    point = digits.size();
    digits += '.';
  }
  std::string frac = digits.substr(point + 1);
  std::string whole = digits.substr(0, point);
  if (static_cast<int>(frac.size()) <= precision) {
    frac.append(static_cast<size_t>(precision) - frac.size(), '0');
  } else {
    const bool up = frac[static_cast<size_t>(precision)] >= '5';
    frac.resize(static_cast<size_t>(precision));
    if (up) {
      std::string all = whole + frac;
      int i = static_cast<int>(all.size()) - 1;
      for (; i >= 0 && all[static_cast<size_t>(i)] == '9'; --i) all[static_cast<size_t>(i)] = '0';
      if (i < 0) all.insert(0, "1"); else ++all[static_cast<size_t>(i)];
      whole = all.substr(0, all.size() - frac.size());
      frac = all.substr(whole.size());
    }
  }
  return precision > 0 ? whole + "." + frac : whole;
}

// The plain decimal digits Java's Formatter starts from: the shortest
// digits that round-trip for a double or float (not its exact binary
// value), the exact value of a decimal.
std::string PlainDigits(const Value& v, bool* negative) {
  if (v.type().IsDecimal()) {
    std::string text = FormatDecimal(v.decimal_value(), v.type().scale());
    *negative = text[0] == '-';
    return *negative ? text.substr(1) : text;
  }
  const double d = v.double_value();
  *negative = std::signbit(d);
  char buf[64];
  // A Float is printed as the double it widens to, as Java does.
  const auto res = std::to_chars(buf, buf + sizeof(buf), std::fabs(d), std::chars_format::fixed);
  return std::string(buf, res.ptr);
}

std::string FormatOne(const Spec& s, const Value& v, std::string_view format) {
  const char c = static_cast<char>(s.conversion | 0x20);  // lower case
  const bool upper = s.conversion >= 'A' && s.conversion <= 'Z';
  const TypeId id = v.type().id();
  auto mismatch = [&]() {
    BadFormat(format, std::string(1, s.conversion) + " != " + v.type().ToString());
  };
  std::string out;
  if (c == 'b') {
    out = v.is_null() ? "false" : id == TypeId::kBoolean ? (v.int_value() ? "true" : "false") : "true";
  } else if (c == 's') {
    out = JavaText(v);
  } else if (v.is_null()) {
    out = "null";
  } else if (c == 'd') {
    if (!v.type().IsInteger()) mismatch();
    const int64_t n = v.int_value();
    const uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
    out = Signed(n < 0, std::to_string(magnitude), s);
  } else if (c == 'x' || c == 'o') {
    if (!v.type().IsInteger()) mismatch();
    // Long.toHexString: negative numbers as their two's complement.
    char buf[32];
    std::snprintf(buf, sizeof(buf), c == 'x' ? "%llx" : "%llo", static_cast<unsigned long long>(v.int_value()));
    out = std::string(s.alternate ? (c == 'x' ? "0x" : "0") : "") + buf;
    if (s.zero && s.width > static_cast<int>(out.size())) out.insert(s.alternate && c == 'x' ? 2 : 0, s.width - out.size(), '0');
  } else if (c == 'f' || c == 'e') {
    if (!v.type().IsFloatingPoint() && !v.type().IsDecimal()) mismatch();
    if (v.type().IsFloatingPoint() && !std::isfinite(v.double_value())) {
      out = std::isnan(v.double_value()) ? "NaN" : v.double_value() > 0 ? (s.plus ? "+Infinity" : "Infinity") : "-Infinity";
    } else {
      bool negative = false;
      std::string digits = PlainDigits(v, &negative);
      const int precision = s.precision < 0 ? 6 : s.precision;
      if (c == 'f') {
        out = Signed(negative, RoundHalfUp(digits, precision), s);
      } else {
        // d.ddd…e±xx from the plain digits.
        std::string all;
        int exponent = 0;
        const size_t point = digits.find('.');
        const std::string whole = digits.substr(0, point), frac = point == std::string::npos ? "" : digits.substr(point + 1);
        all = whole + frac;
        size_t first = all.find_first_not_of('0');
        if (first == std::string::npos) {
          all = "0";
        } else {
          exponent = static_cast<int>(whole.size()) - 1 - static_cast<int>(first);
          all = all.substr(first);
        }
        std::string mantissa = RoundHalfUp(all.substr(0, 1) + "." + all.substr(1), precision);
        if (mantissa.size() > 1 && mantissa[1] != '.' && mantissa[0] == '1') {  // 9.99… rounded up to 10.0…
          ++exponent;
          mantissa = RoundHalfUp(mantissa.substr(0, 1) + "." + mantissa.substr(1, 1) + mantissa.substr(3), precision);
        }
        char buf[16];
        std::snprintf(buf, sizeof(buf), "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out = Signed(negative, mantissa + buf, s);
      }
    }
  } else if (c == 'c') {
    if (!v.type().IsInteger() || !utf8::IsValidCodePoint(v.int_value())) mismatch();
    utf8::AppendUtf8(out, static_cast<uint32_t>(v.int_value()));
  } else {
    BadFormat(format, "Conversion = '" + std::string(1, s.conversion) + "'");
  }
  if (s.precision >= 0 && (c == 's' || c == 'b')) {
    out = out.substr(0, utf8::ByteOffsetOfCodePoint(out, s.precision));
  }
  if (upper) {
    for (char& ch : out) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
    }
  }
  const int length = static_cast<int>(utf8::CodePointCount(out));
  if (s.width > length) {
    const std::string fill(static_cast<size_t>(s.width - length), ' ');
    out = s.left ? out + fill : fill + out;
  }
  return out;
}

std::string Format(std::string_view format, const std::vector<Value>& args) {
  std::string out;
  size_t next_arg = 0;
  for (size_t i = 0; i < format.size();) {
    if (format[i] != '%') {
      out += format[i++];
      continue;
    }
    const size_t start = i++;
    Spec s;
    auto number = [&]() {
      int n = 0;
      while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])) && n < 100000) {
        n = n * 10 + (format[i++] - '0');
      }
      return n;
    };
    // An argument index is digits followed by '$'.
    size_t probe = i;
    while (probe < format.size() && std::isdigit(static_cast<unsigned char>(format[probe]))) ++probe;
    if (probe > i && probe < format.size() && format[probe] == '$') {
      s.index = number() - 1;
      ++i;
      if (s.index < 0) BadFormat(format, "Illegal format argument index = 0");
    }
    for (bool flag = true; flag && i < format.size();) {
      switch (format[i]) {
        case '-': s.left = true; break;
        case '#': s.alternate = true; break;
        case '+': s.plus = true; break;
        case ' ': s.space = true; break;
        case '0': s.zero = true; break;
        case ',': s.group = true; break;
        case '(': s.paren = true; break;
        default: flag = false; continue;
      }
      ++i;
    }
    if (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) s.width = number();
    if (i < format.size() && format[i] == '.') {
      ++i;
      if (i >= format.size() || !std::isdigit(static_cast<unsigned char>(format[i]))) BadFormat(format, "Illegal precision");
      s.precision = number();
    }
    if (i >= format.size()) BadFormat(format, "Format specifier '" + std::string(format.substr(start)) + "'");
    s.conversion = format[i++];
    if ((s.left || s.zero) && s.width < 0) {
      BadFormat(format, "Missing format width: '" + std::string(format.substr(start, i - start)) + "'");
    }
    if (s.conversion == '%') {
      out += '%';
      continue;
    }
    if (s.conversion == 'n') {
      out += '\n';
      continue;
    }
    const size_t arg = s.index >= 0 ? static_cast<size_t>(s.index) : next_arg++;
    if (arg >= args.size()) {
      BadFormat(format, "Format specifier '" + std::string(format.substr(start, i - start)) + "'");
    }
    out += FormatOne(s, args[arg], format);
  }
  return out;
}

void FormatKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  std::vector<Value> values(args.size() - 1);
  for (size_t i = 0; i < count; ++i) {
    if (args[0]->IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    for (size_t a = 1; a < args.size(); ++a) values[a - 1] = args[a]->GetValue(i);
    result.SetString(i, Format(args[0]->data<StringRef>()[i].view(), values));
  }
}

}  // namespace

ScalarFunction FormatFunction(const std::vector<LogicalType>& args) {
  for (size_t a = 1; a < args.size(); ++a) {
    const TypeId id = args[a].id();
    const bool supported = args[a].IsNumeric() || id == TypeId::kBoolean || id == TypeId::kVarchar ||
                           id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kInvalid;
    if (!supported) {
      throw SluiceError(ErrorCode::kNotSupported, "Type not supported for formatting: " + args[a].ToString());
    }
  }
  ScalarFunction f{"format", args, LogicalType::Varchar(), FormatKernel};
  f.null_propagating = false;  // NULL arguments print as "null"
  return f;
}

}  // namespace sluice::function
