#include "sluice/common/ascii_case.h"
#include "sluice/types/logical_type.h"

#include <algorithm>
#include <cctype>

#include "sluice/common/error.h"
#include "sluice/types/decimal.h"
#include "sluice/types/nested_type_parser.h"
#include "sluice/types/string_ref.h"

namespace sluice {

std::string LogicalType::ToString() const {
  switch (id_) {
    case TypeId::kInvalid: return "invalid";
    case TypeId::kBoolean: return "boolean";
    case TypeId::kTinyint: return "tinyint";
    case TypeId::kSmallint: return "smallint";
    case TypeId::kInteger: return "integer";
    case TypeId::kBigint: return "bigint";
    case TypeId::kReal: return "real";
    case TypeId::kDouble: return "double";
    case TypeId::kVarchar: return "varchar";
    case TypeId::kVarbinary: return "varbinary";
    case TypeId::kJson: return "json";
    case TypeId::kIntervalDayTime: return "interval day to second";
    case TypeId::kIntervalYearMonth: return "interval year to month";
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      const std::string zone = id_ == TypeId::kTimestampTz ? " with time zone" : "";
      if (IsAnyTimestamp()) return "timestamp(p)" + zone;
      return "timestamp(" + std::to_string(width_) + ")" + zone;
    }
    case TypeId::kDecimal:
      if (IsAnyDecimal()) return "decimal(p,s)";
      return "decimal(" + std::to_string(width_) + "," + std::to_string(scale_) + ")";
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kRow: return NestedTypeToString(*this);
  }
  return "invalid";
}

size_t LogicalType::PhysicalSize() const {
  switch (id_) {
    case TypeId::kBoolean:
    case TypeId::kTinyint: return 1;
    case TypeId::kSmallint: return 2;
    case TypeId::kInteger:
    case TypeId::kReal:
    case TypeId::kDate:
    case TypeId::kIntervalYearMonth: return 4;
    case TypeId::kBigint:
    case TypeId::kDouble:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime: return 8;
    case TypeId::kVarchar:
    case TypeId::kVarbinary:
    case TypeId::kJson: return sizeof(StringRef);
    case TypeId::kDecimal: return width_ <= kMaxShortDecimalPrecision ? 8 : 16;
    case TypeId::kArray:
    case TypeId::kMap: return sizeof(uint64_t);  // a ListEntry (vector/vector.h)
    case TypeId::kRow:  // only child vectors
    case TypeId::kInvalid: return 0;
  }
  return 0;
}

bool LogicalType::IsInteger() const {
  return id_ == TypeId::kTinyint || id_ == TypeId::kSmallint ||
         id_ == TypeId::kInteger || id_ == TypeId::kBigint;
}

bool LogicalType::IsFloatingPoint() const {
  return id_ == TypeId::kReal || id_ == TypeId::kDouble;
}

bool LogicalType::IsStringLike() const {
  return id_ == TypeId::kVarchar || id_ == TypeId::kVarbinary || id_ == TypeId::kJson;
}

bool LogicalType::IsNumeric() const { return IsInteger() || IsFloatingPoint() || IsDecimal(); }

LogicalType LogicalType::Decimal(int width, int scale) {
  if (width < 1 || width > kMaxDecimalPrecision) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "DECIMAL precision must be in range [1, 38]: " + std::to_string(width));
  }
  if (scale < 0 || scale > width) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "DECIMAL scale must be in range [0, precision (" + std::to_string(width) +
                          ")]: " + std::to_string(scale));
  }
  LogicalType t(TypeId::kDecimal);
  t.width_ = static_cast<uint8_t>(width);
  t.scale_ = static_cast<uint8_t>(scale);
  return t;
}

LogicalType LogicalType::Timestamp(int precision) {
  if (precision < 0 || precision > kMaxTimestampPrecision) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "TIMESTAMP precision must be in range [0, 12]: " + std::to_string(precision));
  }
  LogicalType t(TypeId::kTimestamp);
  t.width_ = static_cast<uint8_t>(precision);
  return t;
}

LogicalType LogicalType::TimestampTz(int precision) {
  if (precision < 0 || precision > kMaxTimestampPrecision) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "TIMESTAMP WITH TIME ZONE precision must be in range [0, 12]: " + std::to_string(precision));
  }
  LogicalType t(TypeId::kTimestampTz);
  t.width_ = static_cast<uint8_t>(precision);
  return t;
}

LogicalType LogicalType::DecimalFor(LogicalType integer) {
  switch (integer.id()) {
    case TypeId::kTinyint: return Decimal(3, 0);
    case TypeId::kSmallint: return Decimal(5, 0);
    case TypeId::kInteger: return Decimal(10, 0);
    case TypeId::kBigint: return Decimal(19, 0);
    default: return LogicalType();
  }
}

namespace {

// Rank in Trino's implicit numeric widening order.
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kTinyint: return 1;
    case TypeId::kSmallint: return 2;
    case TypeId::kInteger: return 3;
    case TypeId::kBigint: return 4;
    case TypeId::kReal: return 5;
    case TypeId::kDouble: return 6;
    default: return 0;
  }
}

// decimal, decimal(p) and decimal(p,s), spaces allowed around the numbers.
// Bare decimal is Hive's decimal(10,0).
LogicalType ParseDecimalParameters(const std::string& name, const std::string& raw) {
  const size_t open = name.find('(');
  if (open == std::string::npos) return LogicalType::Decimal(10, 0);
  int params[2] = {0, 0};
  int count = 0;
  size_t i = open + 1;
  auto skip_spaces = [&] {
    while (i < name.size() && std::isspace(static_cast<unsigned char>(name[i]))) ++i;
  };
  for (;;) {
    skip_spaces();
    const size_t start = i;
    int value = 0;
    while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) && value < 1000) {
      value = value * 10 + (name[i++] - '0');
    }
    if (i == start || count == 2) break;
    params[count++] = value;
    skip_spaces();
    if (i < name.size() && name[i] == ',') {
      ++i;
      continue;
    }
    if (i < name.size() && name[i] == ')' && i + 1 == name.size()) {
      return LogicalType::Decimal(params[0], count == 2 ? params[1] : 0);
    }
    break;
  }
  throw SluiceError(ErrorCode::kNotSupported, "malformed type '" + raw + "'; expected decimal(precision, scale)");
}

// timestamp and timestamp(p); bare timestamp is Trino's timestamp(3).
LogicalType ParseTimestampParameter(const std::string& name, const std::string& raw) {
  const size_t open = name.find('(');
  if (open == std::string::npos) return LogicalType::Timestamp();
  int precision = 0;
  size_t i = open + 1, digits = 0;
  while (i < name.size() && name[i] == ' ') ++i;
  for (; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) && digits < 3; ++i, ++digits) {
    precision = precision * 10 + (name[i] - '0');
  }
  while (i < name.size() && name[i] == ' ') ++i;
  if (digits == 0 || i + 1 != name.size() || name[i] != ')') {
    throw SluiceError(ErrorCode::kNotSupported, "malformed type '" + raw + "'; expected timestamp(precision)");
  }
  return LogicalType::Timestamp(precision);
}

LogicalType ParseFlatTypeName(const std::string& raw) {
  std::string name = AsciiLower(raw);
  constexpr std::string_view kWithTimeZone = " with time zone";
  if (name.size() > kWithTimeZone.size() && name.ends_with(kWithTimeZone)) {
    name.resize(name.size() - kWithTimeZone.size());
    std::string base = name.substr(0, name.find('('));
    while (!base.empty() && base.back() == ' ') base.pop_back();
    if (base != "timestamp") throw SluiceError(ErrorCode::kNotSupported, "unknown or unsupported type '" + raw + "'");
    return LogicalType::TimestampTz(ParseTimestampParameter(name, raw).precision());
  }
  // Strip parameters such as varchar(20), char(3): the engine stores strings
  // unbounded.
  std::string base = name.substr(0, name.find('('));
  while (!base.empty() && std::isspace(static_cast<unsigned char>(base.back()))) {
    base.pop_back();
  }
  if (base == "boolean" || base == "bool") return LogicalType::Boolean();
  if (base == "tinyint") return LogicalType::Tinyint();
  if (base == "smallint") return LogicalType::Smallint();
  if (base == "int" || base == "integer") return LogicalType::Integer();
  if (base == "bigint") return LogicalType::Bigint();
  if (base == "real" || base == "float") return LogicalType::Real();
  if (base == "double" || base == "double precision") return LogicalType::Double();
  if (base == "string" || base == "varchar" || base == "char") {
    return LogicalType::Varchar();
  }
  // Hive's binary is Trino's varbinary.
  if (base == "varbinary" || base == "binary") return LogicalType::Varbinary();
  if (base == "json") return LogicalType::Json();
  if (base == "interval day to second") return LogicalType::IntervalDayTime();
  if (base == "interval year to month") return LogicalType::IntervalYearMonth();
  if (base == "date") return LogicalType::Date();
  if (base == "timestamp") return ParseTimestampParameter(name, raw);
  if (base == "decimal" || base == "numeric") return ParseDecimalParameters(name, raw);
  throw SluiceError(ErrorCode::kNotSupported,
                    "unknown or unsupported type '" + raw +
                        "'; supported: boolean, tinyint, smallint, int, bigint, "
                        "float/real, double, string/varchar, char, varbinary/binary, json, date, timestamp, decimal(p,s), "
                        "interval day to second, interval year to month, array(t), map(k, v), row(name t, ...)");
}

}  // namespace

LogicalType ParseTypeName(const std::string& raw) {
  if (StartsNestedTypeName(raw)) return ParseNestedTypeName(raw, &ParseFlatTypeName);
  return ParseFlatTypeName(raw);
}

LogicalType CommonSuperType(LogicalType a, LogicalType b) {
  if (a == b) return a;
  if (a.IsNested() || b.IsNested()) return NestedCommonSuperType(a, b);
  // A date is coerced to timestamp(0), timestamps to the larger precision,
  // with a time zone when either has one.
  if (a.id() == TypeId::kDate || (a.id() == TypeId::kTimestamp && b.id() == TypeId::kTimestampTz)) std::swap(a, b);
  if (a.IsTimestampKind() && (b.IsTimestampKind() || b.id() == TypeId::kDate)) {
    const int precision = std::max(a.precision(), b.id() == TypeId::kDate ? 0 : b.precision());
    return a.id() == TypeId::kTimestampTz ? LogicalType::TimestampTz(precision) : LogicalType::Timestamp(precision);
  }
  if (a.IsDecimal() || b.IsDecimal()) {
    // Integers take part as the decimal that holds them.
    if (a.IsInteger()) a = LogicalType::DecimalFor(a);
    if (b.IsInteger()) b = LogicalType::DecimalFor(b);
    if (a.IsDecimal() && b.IsDecimal()) {
      const int scale = std::max(a.scale(), b.scale());
      const int integral = std::max(a.width() - a.scale(), b.width() - b.scale());
      return LogicalType::Decimal(std::min(kMaxDecimalPrecision, integral + scale), scale);
    }
    // decimal with real or double: the floating type.
    LogicalType other = a.IsDecimal() ? b : a;
    return other.IsFloatingPoint() ? other : LogicalType();
  }
  int ra = NumericRank(a.id());
  int rb = NumericRank(b.id());
  if (ra && rb) return ra > rb ? a : b;
  return LogicalType();
}

}  // namespace sluice
