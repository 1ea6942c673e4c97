#include "sluice/types/value.h"

#include <charconv>
#include <cmath>

#include "sluice/types/binary_text.h"
#include "sluice/types/date.h"
#include "sluice/types/interval.h"
#include "sluice/types/timestamp_tz_text.h"

namespace sluice {

// Java's Double.toString layout (what Trino prints): plain notation with at
// least one fractional digit for 1e-3 <= |v| < 1e7, otherwise "d.dddE±n";
// digits are the shortest that round-trip.
namespace {

template <typename T>
std::string FormatJavaFloatingPoint(T v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // "-1.2345e+06"
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  size_t e = sci.find('e');
  std::string digits = sci.substr(0, 1) + (e > 2 ? sci.substr(2, e - 2) : "");
  int exponent = std::stoi(sci.substr(e + 1));
  const double a = std::fabs(static_cast<double>(v));
  if (a >= 1e-3 && a < 1e7) {
    std::string out;
    if (exponent >= 0) {
      std::string int_part = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
      while (int_part.size() < static_cast<size_t>(exponent + 1)) int_part += '0';
      std::string frac = digits.size() > static_cast<size_t>(exponent + 1) ? digits.substr(exponent + 1) : "0";
      out = int_part + "." + frac;
    } else {
      out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    }
    return sign + out;
  }
  std::string mantissa = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  return sign + mantissa + "E" + std::to_string(exponent);
}

}  // namespace

std::string FormatDouble(double v) { return FormatJavaFloatingPoint(v); }
std::string FormatReal(float v) { return FormatJavaFloatingPoint(v); }

std::string FormatVarbinary(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 3);
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string Value::ToSqlLiteral() const {
  if (is_null()) return ToString();
  if (type_.id() == TypeId::kVarchar) return "'" + string_value() + "'";
  if (type_.id() == TypeId::kVarbinary) return "X'" + HexEncode(string_value()) + "'";
  if (type_.id() == TypeId::kJson) return "JSON '" + string_value() + "'";
  return ToString();
}

std::string Value::ToString() const {
  if (is_null()) return "NULL";
  switch (type_.id()) {
    case TypeId::kBoolean: return int_value() ? "true" : "false";
    case TypeId::kTinyint:
    case TypeId::kSmallint:
    case TypeId::kInteger:
    case TypeId::kBigint: return std::to_string(int_value());
    case TypeId::kReal: {
      char buf[64];
      auto res = std::to_chars(buf, buf + sizeof(buf), static_cast<float>(double_value()));
      return std::string(buf, res.ptr);
    }
    case TypeId::kDouble: return FormatDouble(double_value());
    case TypeId::kVarchar: return string_value();
    case TypeId::kVarbinary: return FormatVarbinary(string_value());
    case TypeId::kJson: return string_value();
    case TypeId::kIntervalDayTime: return FormatIntervalDayTime(int_value());
    case TypeId::kIntervalYearMonth: return FormatIntervalYearMonth(static_cast<int32_t>(int_value()));
    case TypeId::kDate: return FormatDate(static_cast<int32_t>(int_value()));
    case TypeId::kTimestamp: return FormatTimestamp(int_value(), type_.precision());
    case TypeId::kTimestampTz: return FormatTimestampTz(int_value(), type_.precision());
    case TypeId::kDecimal: return FormatDecimal(decimal_value(), type_.scale());
    case TypeId::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i) out += ", ";
        out += children()[i].ToString();
      }
      return out + "]";
    }
    case TypeId::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i) out += ", ";
        out += children()[i].children()[0].ToString() + "=" + children()[i].children()[1].ToString();
      }
      return out + "}";
    }
    case TypeId::kRow: {
      std::string out = "{";
      const auto& names = type_.FieldNames();
      for (size_t i = 0; i < children().size(); ++i) {
        if (i) out += ", ";
        out += (names[i].empty() ? "field" + std::to_string(i) : names[i]) + "=" + children()[i].ToString();
      }
      return out + "}";
    }
    case TypeId::kInvalid: break;
  }
  return "NULL";
}

}  // namespace sluice
