#include "sluice/types/range_predicate.h"

#include <cmath>

namespace sluice {

int CompareValues(const Value& a, const Value& b) {
  const LogicalType& t = a.type();
  if (t.IsDecimal()) {
    const Int128 x = a.decimal_value(), y = b.decimal_value();
    return x < y ? -1 : x > y;
  }
  if (t.IsFloatingPoint()) {
    const double x = a.double_value(), y = b.double_value();
    return x < y ? -1 : x > y;
  }
  if (t.IsStringLike()) {
    // Byte order, as Parquet orders strings (and as VARCHAR compares).
    const std::string& x = a.string_value();
    const std::string& y = b.string_value();
    return x.compare(y) < 0 ? -1 : x.compare(y) > 0;
  }
  const int64_t x = a.int_value(), y = b.int_value();
  return x < y ? -1 : x > y;
}

namespace {

// Whether two values compare by CompareValues: integers of any width
// together, REAL with DOUBLE, decimals of one scale, otherwise one type.
bool Comparable(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return false;
  const LogicalType& x = a.type();
  const LogicalType& y = b.type();
  if (x.IsInteger() && y.IsInteger()) return true;
  if (x.IsFloatingPoint() && y.IsFloatingPoint()) return true;
  if (x.IsDecimal() && y.IsDecimal()) return x.scale() == y.scale();
  return x == y;
}

}  // namespace

bool RangePredicate::MayMatch(const Value& min, const Value& max, int64_t null_count, int64_t rows) const {
  const bool counts_known = null_count >= 0 && rows >= 0;
  if (op == Op::kIsNull) return !counts_known || null_count > 0;
  const bool all_null = counts_known && null_count == rows;
  if (op == Op::kIsNotNull) return !all_null;
  if (all_null) return false;  // comparisons are never true for NULL
  if (min.is_null() || max.is_null() || !Comparable(min, max)) return true;
  auto comparable = [&](const Value& v) { return Comparable(v, min); };
  // NaN bounds say nothing usable.
  if (min.type().IsFloatingPoint() && (std::isnan(min.double_value()) || std::isnan(max.double_value()))) {
    return true;
  }
  switch (op) {
    case Op::kIn:
      for (const Value& v : values) {
        if (!comparable(v)) return true;
        if (CompareValues(v, min) >= 0 && CompareValues(v, max) <= 0) return true;
      }
      return false;
    default: break;
  }
  if (values.size() != 1 || !comparable(values[0])) return true;
  const Value& v = values[0];
  switch (op) {
    case Op::kEqual: return CompareValues(v, min) >= 0 && CompareValues(v, max) <= 0;
    case Op::kLess: return CompareValues(min, v) < 0;
    case Op::kLessEqual: return CompareValues(min, v) <= 0;
    case Op::kGreater: return CompareValues(max, v) > 0;
    case Op::kGreaterEqual: return CompareValues(max, v) >= 0;
    default: return true;
  }
}

std::string RangePredicate::ToString(const std::string& column_name) const {
  auto literal = [](const Value& v) { return v.ToSqlLiteral(); };
  switch (op) {
    case Op::kIsNull: return column_name + " IS NULL";
    case Op::kIsNotNull: return column_name + " IS NOT NULL";
    case Op::kIn: {
      std::string s = column_name + " IN (";
      for (size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + literal(values[i]);
      return s + ")";
    }
    default: break;
  }
  const char* sym = op == Op::kEqual ? " = " : op == Op::kLess ? " < " : op == Op::kLessEqual ? " <= "
                    : op == Op::kGreater ? " > " : " >= ";
  return column_name + sym + (values.empty() ? "?" : literal(values[0]));
}

}  // namespace sluice
