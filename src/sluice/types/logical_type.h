#pragma once

#include <cstdint>
#include <string>

namespace sluice {

// SQL types the engine computes with. Each has one physical representation in
// a Vector (see PhysicalSize): BOOLEAN as uint8_t 0/1, integers as their width,
// REAL as float, DOUBLE as double, VARCHAR as StringRef, DATE as int32_t days
// since 1970-01-01, TIMESTAMP as int64_t microseconds since the epoch (UTC,
// no zone).
enum class TypeId : uint8_t {
  kInvalid,
  kBoolean,
  kTinyint,
  kSmallint,
  kInteger,
  kBigint,
  kReal,
  kDouble,
  kVarchar,
  kDate,
  kTimestamp,
};

class LogicalType {
 public:
  constexpr LogicalType() = default;
  constexpr LogicalType(TypeId id) : id_(id) {}  // NOLINT: implicit by design

  constexpr TypeId id() const { return id_; }
  bool operator==(const LogicalType& other) const = default;

  // Trino's spelling: "bigint", "varchar", "double", ...
  std::string ToString() const;
  // Bytes per value in a Vector's data buffer.
  size_t PhysicalSize() const;

  bool IsNumeric() const;
  bool IsInteger() const;
  bool IsFloatingPoint() const;

  static LogicalType Boolean() { return TypeId::kBoolean; }
  static LogicalType Tinyint() { return TypeId::kTinyint; }
  static LogicalType Smallint() { return TypeId::kSmallint; }
  static LogicalType Integer() { return TypeId::kInteger; }
  static LogicalType Bigint() { return TypeId::kBigint; }
  static LogicalType Real() { return TypeId::kReal; }
  static LogicalType Double() { return TypeId::kDouble; }
  static LogicalType Varchar() { return TypeId::kVarchar; }
  static LogicalType Date() { return TypeId::kDate; }
  static LogicalType Timestamp() { return TypeId::kTimestamp; }

 private:
  TypeId id_ = TypeId::kInvalid;
};

// Parses a type name as written in Trino SQL or Hive DDL ("string", "int",
// "varchar(20)", "double", "timestamp(3)"). Throws SluiceError(kTypeMismatch)
// naming the unknown type.
LogicalType ParseTypeName(const std::string& name);

// The smallest type both sides can be implicitly coerced to (Trino's rules for
// numbers: tinyint < smallint < integer < bigint < real < double). Returns
// kInvalid when there is none.
LogicalType CommonSuperType(LogicalType a, LogicalType b);

}  // namespace sluice
