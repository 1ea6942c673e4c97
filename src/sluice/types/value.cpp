#include "sluice/types/value.h"

#include <charconv>
#include <cmath>

#include "sluice/types/date.h"

namespace sluice {

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  return s;
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
    case TypeId::kDate: return FormatDate(static_cast<int32_t>(int_value()));
    case TypeId::kTimestamp: return FormatTimestamp(int_value());
    case TypeId::kInvalid: break;
  }
  return "NULL";
}

}  // namespace sluice
