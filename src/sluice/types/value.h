#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sluice/types/decimal.h"
#include "sluice/types/logical_type.h"

namespace sluice {

// A single typed SQL value, possibly NULL. Used for constants, partition
// values and row-at-a-time edges (results, tests); never in inner loops.
class Value {
 public:
  Value() = default;  // untyped NULL
  static Value Null(LogicalType type) { Value v; v.type_ = type; return v; }
  static Value Boolean(bool b) { return Value(LogicalType::Boolean(), int64_t{b}); }
  static Value Integer(LogicalType type, int64_t v) { return Value(type, v); }
  static Value Bigint(int64_t v) { return Value(LogicalType::Bigint(), v); }
  static Value Double(double v) { return Value(LogicalType::Double(), v); }
  static Value Real(float v) { return Value(LogicalType::Real(), double{v}); }
  static Value Varchar(std::string s) { return Value(LogicalType::Varchar(), std::move(s)); }
  static Value Varbinary(std::string bytes) { return Value(LogicalType::Varbinary(), std::move(bytes)); }
  static Value Json(std::string text) { return Value(LogicalType::Json(), std::move(text)); }
  static Value IntervalDayTime(int64_t millis) { return Value(LogicalType::IntervalDayTime(), millis); }
  static Value IntervalYearMonth(int32_t months) { return Value(LogicalType::IntervalYearMonth(), int64_t{months}); }
  static Value Date(int32_t days) { return Value(LogicalType::Date(), int64_t{days}); }
  // `type` is a timestamp(p); micros are expected rounded to p digits.
  static Value Timestamp(int64_t micros, LogicalType type = LogicalType::Timestamp()) { return Value(type, micros); }
  // `packed` as types/time_zone.h packs it; `type` a timestamp(p) with time zone.
  static Value TimestampTz(int64_t packed, LogicalType type) { return Value(type, packed); }
  // `unscaled` in units of 10^-scale of `type` (a decimal(p,s)).
  static Value Decimal(LogicalType type, Int128 unscaled) { return Value(type, unscaled); }
  // Nested values hold their parts as Values: an array its elements, a row
  // its fields, a map its entries as ROW(key, value) values (the layout of a
  // map vector).
  static Value Array(LogicalType type, std::vector<Value> elements) { return Value(type, Children{std::move(elements)}); }
  static Value Map(LogicalType type, std::vector<Value> entries) { return Value(type, Children{std::move(entries)}); }
  static Value Row(LogicalType type, std::vector<Value> fields) { return Value(type, Children{std::move(fields)}); }

  const LogicalType& type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }

  // Accessors by physical class: integers, booleans, dates, timestamps and
  // intervals are
  // int64; real and double are double; varchar, varbinary and json are string;
  // decimal is the unscaled Int128 whatever its width.
  int64_t int_value() const { return std::get<int64_t>(data_); }
  Int128 decimal_value() const { return std::get<Int128>(data_); }
  double double_value() const { return std::get<double>(data_); }
  const std::string& string_value() const { return std::get<std::string>(data_); }
  // Elements, entries or fields of a nested value.
  const std::vector<Value>& children() const { return std::get<Children>(data_).values; }

  // Trino's text rendering: NULL as "NULL", dates ISO, doubles shortest
  // round-trip, decimals with all their scale digits ("12.50"), varbinary as
  // lower-case hex pairs separated by spaces ("61 62 63"), as Trino's CLI; arrays
  // "[1, 2]", maps "{a=1, b=2}", rows "{x=1, y=foo}" (anonymous fields as
  // field0, field1, ...).
  std::string ToString() const;
  // As SQL text where that differs: 'text' for varchar, X'0AFF' for
  // varbinary, JSON '...' for json; otherwise ToString().
  std::string ToSqlLiteral() const;

  bool operator==(const Value& other) const {
    return type_ == other.type_ && data_ == other.data_;
  }

 private:
  struct Children {
    std::vector<Value> values;
    bool operator==(const Children& other) const { return values == other.values; }
  };

  template <typename T>
  Value(LogicalType type, T v) : type_(type), data_(std::move(v)) {}

  LogicalType type_;
  std::variant<std::monostate, int64_t, double, std::string, Int128, Children> data_;
};

// Shortest text that round-trips, in Trino's style ("1.0E10" aside: we print
// plain decimal notation up to 1e16, scientific beyond).
std::string FormatDouble(double v);
// The same for REAL, as Java's Float.toString (shortest float digits).
std::string FormatReal(float v);

// Trino's CLI rendering of varbinary: "61 62 63" ("" for no bytes).
std::string FormatVarbinary(std::string_view bytes);

}  // namespace sluice
