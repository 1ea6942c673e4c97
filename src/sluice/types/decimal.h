#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace sluice {

// DECIMAL(p,s) values are unscaled integers: 12.50 in decimal(12,2) is 1250.
// p <= 18 fits an int64_t (a Vector holds int64_t); wider ones are __int128.
// These helpers work on __int128 for both, so callers convert at the edges.
// (std::numeric_limits and the type traits do not know __int128 in strict
// C++20 mode, hence the hand-written bounds below.)
using Int128 = __int128;

constexpr int kMaxDecimalPrecision = 38;
constexpr int kMaxShortDecimalPrecision = 18;  // the widest stored as int64_t

// 10^k for 0 <= k <= 38.
Int128 PowerOfTen(int k);

// |v| < 10^precision.
inline bool DecimalFits(Int128 v, int precision) {
  const Int128 limit = PowerOfTen(precision);
  return v < limit && v > -limit;
}

enum class DecimalParseResult : uint8_t { kOk, kInvalid, kOverflow };

// Parses decimal text (optional sign, digits, optional '.' and fraction,
// optional exponent 'e'/'E'; no spaces) into an unscaled value of
// decimal(precision, scale). Extra fraction digits round half up (away from
// zero), as Trino's casts and Hive's readers do. kOverflow when the value
// needs more than precision - scale integer digits.
DecimalParseResult ParseDecimal(const char* s, size_t n, int precision, int scale, Int128* out);

// Trino's text: all `scale` fraction digits, a leading "0" before the point
// ("-0.05", "12.50", "100"). Writes at most kMaxDecimalTextLength bytes to
// `out` and returns the length.
constexpr size_t kMaxDecimalTextLength = 42;
size_t FormatDecimal(Int128 unscaled, int scale, char* out);
std::string FormatDecimal(Int128 unscaled, int scale);

// Decimal digits of an integer ("-170141183460469231731687303715884105728").
std::string Int128ToString(Int128 v);

// v / d rounded half away from zero; d != 0.
Int128 DivideRoundHalfUp(Int128 v, Int128 d);

// Changes the scale of `v` from `from_scale` to `to_scale`, rounding half up
// when digits are dropped. False when the result does not fit `precision`
// digits (or 128 bits on the way).
bool RescaleDecimal(Int128 v, int from_scale, int to_scale, int precision, Int128* out);

// v * 10^k, false when it leaves the range of 128-bit integers.
bool MultiplyByPowerOfTen(Int128 v, int k, Int128* out);

// a * b, false when it leaves the range of 128-bit integers.
bool MultiplyChecked(Int128 a, Int128 b, Int128* out);

// round_half_up(a * 10^k / b) for b != 0 and 0 <= k <= 76, exact even when
// a * 10^k does not fit 128 bits. False when the quotient does not fit.
bool DivideScaled(Int128 a, int k, Int128 b, Int128* out);

// The value nearest to a double or float, as Trino's casts compute it: the
// shortest text that round-trips, rounded half up to `scale`. nullopt for
// NaN, infinities and values that do not fit.
std::optional<Int128> DecimalFromDouble(double v, int precision, int scale);
std::optional<Int128> DecimalFromFloat(float v, int precision, int scale);

// The nearest double / float to the decimal value.
double DecimalToDouble(Int128 unscaled, int scale);
float DecimalToFloat(Int128 unscaled, int scale);

// Row access to a decimal column's buffer: int64_t for short decimals,
// Int128 for long ones. memcpy, so any alignment is fine.
inline Int128 LoadDecimal(const void* data, size_t row, bool wide) {
  if (wide) {
    Int128 v;
    std::memcpy(&v, static_cast<const uint8_t*>(data) + row * 16, 16);
    return v;
  }
  int64_t v;
  std::memcpy(&v, static_cast<const uint8_t*>(data) + row * 8, 8);
  return v;
}

inline void StoreDecimal(void* data, size_t row, bool wide, Int128 v) {
  if (wide) {
    std::memcpy(static_cast<uint8_t*>(data) + row * 16, &v, 16);
  } else {
    const int64_t narrow = static_cast<int64_t>(v);
    std::memcpy(static_cast<uint8_t*>(data) + row * 8, &narrow, 8);
  }
}

}  // namespace sluice
