#include "sluice/common/ascii_case.h"
#include "sluice/types/logical_type.h"

#include <algorithm>
#include <cctype>

#include "sluice/common/error.h"
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
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp: return "timestamp";
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
    case TypeId::kDate: return 4;
    case TypeId::kBigint:
    case TypeId::kDouble:
    case TypeId::kTimestamp: return 8;
    case TypeId::kVarchar: return sizeof(StringRef);
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

bool LogicalType::IsNumeric() const { return IsInteger() || IsFloatingPoint(); }

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

}  // namespace

LogicalType ParseTypeName(const std::string& raw) {
  std::string name = AsciiLower(raw);
  // Strip parameters such as varchar(20), char(3), timestamp(3): the engine
  // stores strings unbounded and timestamps at microsecond precision.
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
  if (base == "date") return LogicalType::Date();
  if (base == "timestamp") return LogicalType::Timestamp();
  throw SluiceError(ErrorCode::kNotSupported,
                    "unknown or unsupported type '" + raw +
                        "'; supported: boolean, tinyint, smallint, int, bigint, "
                        "float/real, double, string/varchar, char, date, timestamp");
}

LogicalType CommonSuperType(LogicalType a, LogicalType b) {
  if (a == b) return a;
  int ra = NumericRank(a.id());
  int rb = NumericRank(b.id());
  if (ra && rb) return ra > rb ? a : b;
  return LogicalType();
}

}  // namespace sluice
