// CAST between the engine's types, with Trino's rules: numbers to integers
// round half away from zero and must fit; varchar parses strictly (surrounding
// spaces allowed); numbers and dates print canonically.
#include "sluice/functions/cast.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include <fast_float/fast_float.h>

#include "sluice/common/ascii_trim.h"
#include "sluice/common/error.h"
#include "sluice/functions/decimal_cast.h"
#include "sluice/functions/json_cast.h"
#include "sluice/functions/nested_cast.h"
#include "sluice/functions/timestamp_tz_cast.h"
#include "sluice/types/date.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/timestamp_tz_text.h"

namespace sluice::function {
namespace {

[[noreturn]] void CannotCast(const std::string& value, LogicalType to) {
  throw SluiceError(ErrorCode::kInvalidCast,
                    "Cannot cast '" + value + "' to " + to.ToString());
}

template <typename T>
bool ParseInteger(std::string_view s, T* out) {
  s = TrimBlanks(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto res = std::from_chars(s.data(), s.data() + s.size(), *out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size() && !s.empty();
}

template <typename T>
bool ParseFloat(std::string_view s, T* out) {
  s = TrimBlanks(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto res = fast_float::from_chars(s.data(), s.data() + s.size(), *out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size() && !s.empty();
}

bool ParseBoolean(std::string_view s, uint8_t* out) {
  s = TrimBlanks(s);
  auto eq = [&](const char* w) {
    size_t n = std::strlen(w);
    if (s.size() != n) return false;
    for (size_t i = 0; i < n; ++i) {
      if (std::tolower(static_cast<unsigned char>(s[i])) != w[i]) return false;
    }
    return true;
  };
  if (eq("true") || eq("1") || eq("t")) { *out = 1; return true; }
  if (eq("false") || eq("0") || eq("f")) { *out = 0; return true; }
  return false;
}

// Reads row i of an integer/real/double vector as double or int64.
template <typename T>
T ReadAs(const Vector& v, size_t i) {
  switch (v.type().id()) {
    case TypeId::kBoolean: return static_cast<T>(v.data<uint8_t>()[i]);
    case TypeId::kTinyint: return static_cast<T>(v.data<int8_t>()[i]);
    case TypeId::kSmallint: return static_cast<T>(v.data<int16_t>()[i]);
    case TypeId::kInteger: return static_cast<T>(v.data<int32_t>()[i]);
    case TypeId::kBigint: return static_cast<T>(v.data<int64_t>()[i]);
    case TypeId::kReal: return static_cast<T>(v.data<float>()[i]);
    case TypeId::kDouble: return static_cast<T>(v.data<double>()[i]);
    default: ThrowInternal("ReadAs on non-numeric vector");
  }
}

template <typename T>
void StoreInteger(Vector& result, size_t i, int64_t value, bool try_cast, const Vector& src) {
  if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max()) {
    if (try_cast) { result.SetNull(i); return; }
    throw SluiceError(ErrorCode::kNumericOverflow,
                      "Out of range for " + result.type().ToString() + ": " +
                          src.GetValue(i).ToString());
  }
  result.data<T>()[i] = static_cast<T>(value);
}

void StoreIntegerAny(Vector& result, size_t i, int64_t value, bool try_cast, const Vector& src) {
  switch (result.type().id()) {
    case TypeId::kTinyint: StoreInteger<int8_t>(result, i, value, try_cast, src); return;
    case TypeId::kSmallint: StoreInteger<int16_t>(result, i, value, try_cast, src); return;
    case TypeId::kInteger: StoreInteger<int32_t>(result, i, value, try_cast, src); return;
    case TypeId::kBigint: result.data<int64_t>()[i] = value; return;
    default: ThrowInternal("StoreIntegerAny on non-integer vector");
  }
}

void NumericToNumeric(const Vector& src, Vector& result, size_t i, bool try_cast) {
  LogicalType to = result.type();
  if (to.id() == TypeId::kBoolean) {
    result.data<uint8_t>()[i] = ReadAs<double>(src, i) != 0;
  } else if (to.id() == TypeId::kReal) {
    result.data<float>()[i] = ReadAs<float>(src, i);
  } else if (to.id() == TypeId::kDouble) {
    result.data<double>()[i] = ReadAs<double>(src, i);
  } else if (src.type().IsFloatingPoint()) {
    double d = std::round(ReadAs<double>(src, i));  // half away from zero
    if (!(d >= -9.223372036854775808e18 && d < 9.223372036854775808e18)) {
      if (try_cast) { result.SetNull(i); return; }
      throw SluiceError(ErrorCode::kNumericOverflow,
                        "Out of range for " + to.ToString() + ": " + src.GetValue(i).ToString());
    }
    StoreIntegerAny(result, i, static_cast<int64_t>(d), try_cast, src);
  } else {
    StoreIntegerAny(result, i, ReadAs<int64_t>(src, i), try_cast, src);
  }
}

// Parses a string into row i of result; false when it does not parse.
bool ParseInto(std::string_view s, Vector& result, size_t i) {
  switch (result.type().id()) {
    case TypeId::kBoolean: return ParseBoolean(s, &result.data<uint8_t>()[i]);
    case TypeId::kTinyint: return ParseInteger(s, &result.data<int8_t>()[i]);
    case TypeId::kSmallint: return ParseInteger(s, &result.data<int16_t>()[i]);
    case TypeId::kInteger: return ParseInteger(s, &result.data<int32_t>()[i]);
    case TypeId::kBigint: return ParseInteger(s, &result.data<int64_t>()[i]);
    case TypeId::kReal: return ParseFloat(s, &result.data<float>()[i]);
    case TypeId::kDouble: return ParseFloat(s, &result.data<double>()[i]);
    case TypeId::kDate: {
      auto d = ParseDate(s);
      if (d) result.data<int32_t>()[i] = *d;
      return d.has_value();
    }
    case TypeId::kTimestamp: {
      auto t = ParseTimestamp(s, result.type().precision());
      if (t) result.data<int64_t>()[i] = *t;
      return t.has_value();
    }
    case TypeId::kTimestampTz: {
      auto t = ParseTimestampTz(s, result.type().precision(), kSessionZoneKey);
      if (t) result.data<int64_t>()[i] = *t;
      return t.has_value();
    }
    default: return false;
  }
}

}  // namespace

void ReinterpretStrings(const Vector& source, Vector& result, size_t count) {
  std::memcpy(result.data<StringRef>(), source.data<StringRef>(), count * sizeof(StringRef));
  for (size_t i = 0; i < count; ++i) result.SetNull(i, source.IsNull(i));
  result.ShareBuffersOf(source);
}

bool CastExists(LogicalType from, LogicalType to) {
  if (from == to || from.id() == TypeId::kInvalid) return true;
  if (from.IsNested() || to.IsNested()) return NestedCastExists(from, to);
  // varbinary only from varchar (its UTF-8 bytes), as in Trino; the way back
  // is from_utf8, which says what happens to invalid bytes.
  if (from.id() == TypeId::kVarbinary || to.id() == TypeId::kVarbinary) {
    return from.id() == TypeId::kVarchar && to.id() == TypeId::kVarbinary;
  }
  // Intervals only to varchar (their text).
  const auto is_interval = [](LogicalType t) {
    return t.id() == TypeId::kIntervalDayTime || t.id() == TypeId::kIntervalYearMonth;
  };
  if (is_interval(from) || is_interval(to)) return to.id() == TypeId::kVarchar;
  // JSON to and from boolean, numbers and varchar, as in Trino.
  if (from.id() == TypeId::kJson || to.id() == TypeId::kJson) {
    const LogicalType other = from.id() == TypeId::kJson ? to : from;
    return other.IsNumeric() || other.id() == TypeId::kBoolean || other.id() == TypeId::kVarchar;
  }
  if (from.id() == TypeId::kVarchar || to.id() == TypeId::kVarchar) return true;
  bool from_num = from.IsNumeric() || from.id() == TypeId::kBoolean;
  bool to_num = to.IsNumeric() || to.id() == TypeId::kBoolean;
  if (from_num && to_num) return true;
  bool from_time = from.id() == TypeId::kDate || from.IsTimestampKind();
  bool to_time = to.id() == TypeId::kDate || to.IsTimestampKind();
  return from_time && to_time;
}

void CastVector(const Vector& source, Vector& result, size_t count, bool try_cast) {
  LogicalType from = source.type();
  LogicalType to = result.type();
  if (from.id() == TypeId::kInvalid) {  // untyped NULL literal
    for (size_t i = 0; i < count; ++i) result.SetNull(i);
    return;
  }
  if (!CastExists(from, to)) {
    throw SluiceError(ErrorCode::kTypeMismatch,
                      "Cannot cast " + from.ToString() + " to " + to.ToString());
  }
  if (from == to) {
    result.CopyFrom(source, nullptr, count, 0);
    return;
  }
  if (to.IsNested()) {
    CastNestedVector(source, result, count, try_cast);
    return;
  }
  if (from.id() == TypeId::kJson || to.id() == TypeId::kJson) {
    CastJsonVector(source, result, count, try_cast);
    return;
  }
  if (from.IsDecimal() || to.IsDecimal()) {
    CastDecimalVector(source, result, count, try_cast);
    return;
  }
  if (to.id() == TypeId::kVarbinary) {  // from varchar: the same bytes
    ReinterpretStrings(source, result, count);
    return;
  }
  const bool text = from.id() == TypeId::kVarchar || to.id() == TypeId::kVarchar;
  if (!text && (from.id() == TypeId::kTimestampTz || to.id() == TypeId::kTimestampTz)) {
    CastTimestampTzVector(source, result, count);
    return;
  }
  for (size_t i = 0; i < count; ++i) {
    if (source.IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    if (to.id() == TypeId::kVarchar) {
      result.SetString(i, source.GetValue(i).ToString());
    } else if (from.id() == TypeId::kVarchar) {
      std::string_view s = source.data<StringRef>()[i].view();
      if (!ParseInto(s, result, i)) {
        if (try_cast) result.SetNull(i);
        else CannotCast(std::string(s), to);
      }
    } else if (from.id() == TypeId::kDate && to.id() == TypeId::kTimestamp) {
      result.data<int64_t>()[i] = int64_t{source.data<int32_t>()[i]} * kMicrosPerDay;
    } else if (from.id() == TypeId::kTimestamp && to.id() == TypeId::kDate) {
      result.data<int32_t>()[i] = static_cast<int32_t>(FloorDivMicros(source.data<int64_t>()[i], kMicrosPerDay));
    } else if (from.id() == TypeId::kTimestamp && to.id() == TypeId::kTimestamp) {
      // Fewer digits round half up, as Trino; more keep the value.
      result.data<int64_t>()[i] = RoundTimestampMicros(source.data<int64_t>()[i], to.precision());
    } else {
      NumericToNumeric(source, result, i, try_cast);
    }
  }
}

}  // namespace sluice::function
