#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sluice {

// SQL types the engine computes with. Each has one physical representation in
// a Vector (see PhysicalSize): BOOLEAN as uint8_t 0/1, integers as their width,
// REAL as float, DOUBLE as double, VARCHAR as StringRef, DATE as int32_t days
// since 1970-01-01, TIMESTAMP(p) as int64_t microseconds since the epoch (a
// local date-time, no zone; p is 0..12 fractional digits as in Trino, and
// values keep microsecond resolution also for p > 6), DECIMAL(p,s) as the unscaled integer (int64_t for p <= 18,
// __int128 beyond; see types/decimal.h), VARBINARY as StringRef (any bytes),
// JSON as StringRef holding one JSON value's text (canonical when it comes
// from json_parse: sorted keys, numbers as Java prints them), INTERVAL DAY
// TO SECOND as int64_t milliseconds and INTERVAL YEAR TO MONTH as int32_t
// months (Trino's representations; see types/interval.h), TIMESTAMP(p) WITH
// TIME ZONE as int64_t UTC milliseconds << 12 | zone key (Trino's short
// form: values keep milliseconds for every p; see types/time_zone.h).
// Nested types (see the nested section of LogicalType and vector/vector.h):
// ARRAY(T) and MAP(K,V) as a ListEntry per row into one child vector (a
// map's child is a ROW(key K, value V)); ROW(name T, ...) as one child
// vector per field and no data of its own.
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
  kDecimal,
  kVarbinary,
  kJson,
  kIntervalDayTime,
  kIntervalYearMonth,
  kTimestampTz,
  // Nested types.
  kArray,
  kMap,
  kRow,
};

struct NestedTypeInfo;

// A type is a small trivially copyable value: an id, decimal parameters
// and, for nested types, a pointer to their children, interned for the
// process (each distinct nested type exists once, immutable), so copies are
// plain copies and equality compares the pointer.
class LogicalType {
 public:
  LogicalType() = default;
  // A bare TIMESTAMP is Trino's timestamp(3).
  LogicalType(TypeId id)  // NOLINT: implicit by design
      : id_(id), width_(id == TypeId::kTimestamp || id == TypeId::kTimestampTz ? kDefaultTimestampPrecision : 0) {}

  // Trino's timestamp precisions (fractional digits of the second).
  static constexpr int kDefaultTimestampPrecision = 3;
  static constexpr int kMaxTimestampPrecision = 12;

  TypeId id() const { return id_; }
  // Parameters compare too: decimal(12,2) != decimal(38,2); nested types
  // compare their children and row field names (through interning).
  bool operator==(const LogicalType& other) const = default;

  // DECIMAL's precision (1..38) and scale (0..precision); 0 for other types.
  int width() const { return width_; }
  int scale() const { return scale_; }
  // TIMESTAMP's (and WITH TIME ZONE's) fractional digits of the second (0..12).
  int precision() const { return width_; }

  // Trino's spelling: "bigint", "varchar", "double", ...
  std::string ToString() const;
  // Bytes per value in a Vector's data buffer.
  size_t PhysicalSize() const;

  bool IsNumeric() const;
  bool IsInteger() const;
  bool IsFloatingPoint() const;
  // Values are StringRefs whose bytes a Vector keeps alive (varchar,
  // varbinary, json).
  bool IsStringLike() const;
  bool IsDecimal() const { return id_ == TypeId::kDecimal; }
  // The signature marker below: "any decimal(p,s)".
  bool IsAnyDecimal() const { return id_ == TypeId::kDecimal && width_ == 0; }

  static LogicalType Boolean() { return TypeId::kBoolean; }
  static LogicalType Tinyint() { return TypeId::kTinyint; }
  static LogicalType Smallint() { return TypeId::kSmallint; }
  static LogicalType Integer() { return TypeId::kInteger; }
  static LogicalType Bigint() { return TypeId::kBigint; }
  static LogicalType Real() { return TypeId::kReal; }
  static LogicalType Double() { return TypeId::kDouble; }
  static LogicalType Varchar() { return TypeId::kVarchar; }
  static LogicalType Varbinary() { return TypeId::kVarbinary; }
  static LogicalType Json() { return TypeId::kJson; }
  static LogicalType IntervalDayTime() { return TypeId::kIntervalDayTime; }
  static LogicalType IntervalYearMonth() { return TypeId::kIntervalYearMonth; }
  static LogicalType Date() { return TypeId::kDate; }
  // Throws SluiceError unless 0 <= precision <= 12.
  static LogicalType Timestamp(int precision = kDefaultTimestampPrecision);
  static LogicalType TimestampTz(int precision = kDefaultTimestampPrecision);
  // In function signatures only: matches a timestamp of any precision (and
  // a date, as timestamp(0)); the bound argument keeps its own precision.
  static LogicalType AnyTimestamp(TypeId id = TypeId::kTimestamp) {
    LogicalType t(id);
    t.width_ = kAnyPrecision;
    return t;
  }
  static LogicalType AnyTimestampTz() { return AnyTimestamp(TypeId::kTimestampTz); }
  bool IsTimestampKind() const { return id_ == TypeId::kTimestamp || id_ == TypeId::kTimestampTz; }
  bool IsAnyTimestamp() const { return IsTimestampKind() && width_ == kAnyPrecision; }
  // In signatures: `id` with any parameters (any decimal, any timestamp
  // precision); other types as they are.
  static LogicalType AnyParameters(TypeId id) {
    if (id == TypeId::kDecimal) return AnyDecimal();
    if (id == TypeId::kTimestamp || id == TypeId::kTimestampTz) return AnyTimestamp(id);
    return id;
  }
  // Throws SluiceError naming the bad parameter unless 1 <= width <= 38 and
  // 0 <= scale <= width.
  static LogicalType Decimal(int width, int scale);
  // In function signatures only: matches every decimal (and what coerces to
  // one); the bound argument keeps its own parameters.
  static LogicalType AnyDecimal() {
    LogicalType t(TypeId::kDecimal);
    return t;
  }
  // The decimal an integer type widens to without loss: tinyint → (3,0),
  // smallint → (5,0), integer → (10,0), bigint → (19,0). Others: kInvalid.
  static LogicalType DecimalFor(LogicalType integer);

  // ---- Nested types (nested_type.cpp) ----
  bool IsNested() const { return id_ == TypeId::kArray || id_ == TypeId::kMap || id_ == TypeId::kRow; }
  // ARRAY and MAP: a ListEntry per row into one child vector.
  bool IsList() const { return id_ == TypeId::kArray || id_ == TypeId::kMap; }
  static LogicalType Array(LogicalType element);
  static LogicalType Map(LogicalType key, LogicalType value);
  // Fields with an empty name are anonymous (ROW(1, 'a')).
  static LogicalType Row(std::vector<LogicalType> types, std::vector<std::string> names);
  // The one type an array stores; a map's key/value.
  const LogicalType& ElementType() const;
  const LogicalType& KeyType() const;
  const LogicalType& ValueType() const;
  // ROW: its fields. ARRAY: one child (the element); MAP: key and value.
  const std::vector<LogicalType>& Children() const;
  const std::vector<std::string>& FieldNames() const;
  // The type of the child vector of a list: an array's element, a map's
  // ROW(key K, value V) entries.
  LogicalType ListChildType() const;
  // Whether values of this type can be ordered (no maps anywhere inside)
  // and compared for equality.
  bool IsOrderable() const;

 private:
  static LogicalType MakeNested(TypeId id, std::vector<LogicalType> children, std::vector<std::string> names,
                                LogicalType list_child);

  static constexpr uint8_t kAnyPrecision = 0xff;

  TypeId id_ = TypeId::kInvalid;
  uint8_t width_ = 0;  // decimal and timestamp precision
  uint8_t scale_ = 0;
  const NestedTypeInfo* nested_ = nullptr;
};

// The children of a nested type, immutable once built.
struct NestedTypeInfo {
  std::vector<LogicalType> children;
  std::vector<std::string> names;  // ROW field names ("" = anonymous)
  LogicalType list_child;          // ARRAY: element; MAP: row(key, value)
};

// Parses a type name as written in Trino SQL or Hive DDL ("string", "int",
// "varchar(20)", "double", "timestamp(3)", "array(varchar)", "array<string>",
// "map(varchar, bigint)", "row(x bigint, y varchar)", "struct<a:int>"). Throws SluiceError(kTypeMismatch)
// naming the unknown type.
LogicalType ParseTypeName(const std::string& name);

// The smallest type both sides can be implicitly coerced to (Trino's rules for
// numbers: tinyint < smallint < integer < bigint < real < double; integers
// widen to decimal, decimal to real and double; two decimals meet at
// decimal(max(p1-s1,p2-s2)+max(s1,s2), max(s1,s2)), precision capped at 38;
// timestamps meet at the larger precision, a date with a timestamp(p) at
// timestamp(p), and with a timestamp with time zone at one with time zone).
// Returns kInvalid when there is none.
LogicalType CommonSuperType(LogicalType a, LogicalType b);

}  // namespace sluice
