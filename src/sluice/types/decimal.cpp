#include "sluice/types/decimal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace sluice {

namespace {

using UInt128 = unsigned __int128;

constexpr Int128 kInt128Max = static_cast<Int128>((UInt128{1} << 127) - 1);
constexpr Int128 kInt128Min = -kInt128Max - 1;
constexpr uint64_t kTenToThe19 = 10000000000000000000ULL;

constexpr std::array<Int128, 39> MakePowersOfTen() {
  std::array<Int128, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr std::array<Int128, 39> kDecimalPowersOfTen = MakePowersOfTen();

inline bool IsDigit(char c) { return static_cast<unsigned>(c - '0') <= 9; }

inline UInt128 Magnitude(Int128 v) { return v < 0 ? UInt128{0} - static_cast<UInt128>(v) : static_cast<UInt128>(v); }

// Appends `count` digits to `v` (which has room for them: the caller bounds
// the total by the precision). Chunks of 18 digits go through a uint64_t, so
// short decimals never touch 128-bit multiplication.
inline Int128 Accumulate(const char* p, int64_t count, Int128 v) {
  while (count > 0) {
    const int64_t chunk = std::min<int64_t>(count, 18);
    uint64_t x = 0;
    for (int64_t k = 0; k < chunk; ++k) x = x * 10 + static_cast<unsigned>(p[k] - '0');
    v = v == 0 ? static_cast<Int128>(x) : v * kDecimalPowersOfTen[chunk] + static_cast<Int128>(x);
    p += chunk;
    count -= chunk;
  }
  return v;
}

// 256-bit unsigned integers as four little-endian 64-bit limbs, for the one
// operation that needs them: dividing a * 10^k by b when a * 10^k overflows.
struct UInt256 {
  uint64_t limb[4] = {0, 0, 0, 0};
};

void MultiplySmall(UInt256& x, uint64_t m) {
  UInt128 carry = 0;
  for (uint64_t& l : x.limb) {
    const UInt128 product = static_cast<UInt128>(l) * m + carry;
    l = static_cast<uint64_t>(product);
    carry = product >> 64;
  }
}

}  // namespace

Int128 PowerOfTen(int k) { return kDecimalPowersOfTen[static_cast<size_t>(k)]; }

DecimalParseResult ParseDecimal(const char* s, size_t n, int precision, int scale, Int128* out) {
  size_t i = 0;
  bool negative = false;
  if (i < n && (s[i] == '-' || s[i] == '+')) {
    negative = s[i] == '-';
    ++i;
  }
  size_t a0 = i;  // integer digits [a0, a1)
  while (i < n && IsDigit(s[i])) ++i;
  const size_t a1 = i;
  size_t b0 = i, b1 = i;  // fraction digits [b0, b1)
  if (i < n && s[i] == '.') {
    b0 = ++i;
    while (i < n && IsDigit(s[i])) ++i;
    b1 = i;
  }
  if (a0 == a1 && b0 == b1) return DecimalParseResult::kInvalid;
  int64_t exponent = 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) {
      exponent_negative = s[i] == '-';
      ++i;
    }
    const size_t e0 = i;
    for (; i < n && IsDigit(s[i]); ++i) {
      // Saturates: any exponent this large over- or underflows every decimal.
      if (exponent < 1000000) exponent = exponent * 10 + (s[i] - '0');
    }
    if (i == e0) return DecimalParseResult::kInvalid;
    if (exponent_negative) exponent = -exponent;
  }
  if (i != n) return DecimalParseResult::kInvalid;

  // The digits form one sequence (integer part, then fraction) of which
  // `point` lie before the decimal point; leading zeros carry nothing.
  while (a0 < a1 && s[a0] == '0') ++a0;
  int64_t point = static_cast<int64_t>(a1 - a0) + exponent;
  if (a0 == a1) {
    while (b0 < b1 && s[b0] == '0') {
      ++b0;
      --point;
    }
  }
  const int64_t len_a = static_cast<int64_t>(a1 - a0);
  const int64_t total = len_a + static_cast<int64_t>(b1 - b0);
  if (total == 0) {
    *out = 0;
    return DecimalParseResult::kOk;
  }
  // The unscaled value is the first `keep` digits (zero-padded), rounded by
  // the next one.
  const int64_t keep = point + scale;
  if (keep > precision) return DecimalParseResult::kOverflow;
  if (keep < 0) {
    *out = 0;
    return DecimalParseResult::kOk;
  }
  const int64_t take = std::min(keep, total);
  const int64_t from_a = std::min(take, len_a);
  Int128 v = Accumulate(s + a0, from_a, 0);
  v = Accumulate(s + b0, take - from_a, v);
  if (keep > total) {
    v *= kDecimalPowersOfTen[keep - total];
  } else if (keep < total) {
    const char next = keep < len_a ? s[a0 + keep] : s[b0 + (keep - len_a)];
    if (next >= '5') ++v;
  }
  if (v >= kDecimalPowersOfTen[precision]) return DecimalParseResult::kOverflow;  // 99.995 → 100.00
  *out = negative ? -v : v;
  return DecimalParseResult::kOk;
}

size_t FormatDecimal(Int128 unscaled, int scale, char* out) {
  char digits[48];  // least significant first
  size_t count = 0;
  UInt128 u = Magnitude(unscaled);
  while (u >= kTenToThe19) {
    uint64_t low = static_cast<uint64_t>(u % kTenToThe19);
    u /= kTenToThe19;
    for (int k = 0; k < 19; ++k) {
      digits[count++] = static_cast<char>('0' + low % 10);
      low /= 10;
    }
  }
  uint64_t rest = static_cast<uint64_t>(u);
  do {
    digits[count++] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0);
  // Always a digit before the point: 0.05, not .05.
  while (count <= static_cast<size_t>(scale)) digits[count++] = '0';
  size_t n = 0;
  if (unscaled < 0) out[n++] = '-';
  for (size_t k = count; k-- > 0;) {
    out[n++] = digits[k];
    if (k == static_cast<size_t>(scale) && k != 0) out[n++] = '.';
  }
  return n;
}

std::string FormatDecimal(Int128 unscaled, int scale) {
  char buf[kMaxDecimalTextLength];
  return std::string(buf, FormatDecimal(unscaled, scale, buf));
}

std::string Int128ToString(Int128 v) { return FormatDecimal(v, 0); }

Int128 DivideRoundHalfUp(Int128 v, Int128 d) {
  const UInt128 uv = Magnitude(v), ud = Magnitude(d);
  UInt128 q = uv / ud;
  const UInt128 r = uv % ud;
  if (r >= ud - r) ++q;  // r >= d / 2, without computing 2r (it may overflow)
  const bool negative = (v < 0) != (d < 0);
  return negative ? -static_cast<Int128>(q) : static_cast<Int128>(q);
}

bool MultiplyByPowerOfTen(Int128 v, int k, Int128* out) {
  if (v == 0 || k == 0) {
    *out = v;
    return true;
  }
  if (k > kMaxDecimalPrecision || v == kInt128Min) return false;
  const Int128 p = kDecimalPowersOfTen[k];
  if (Magnitude(v) > static_cast<UInt128>(kInt128Max / p)) return false;
  *out = v * p;
  return true;
}

bool MultiplyChecked(Int128 a, Int128 b, Int128* out) {
  const UInt128 ua = Magnitude(a), ub = Magnitude(b);
  if (ua != 0 && ub > static_cast<UInt128>(kInt128Max) / ua) return false;
  const Int128 product = static_cast<Int128>(ua * ub);
  *out = (a < 0) != (b < 0) ? -product : product;
  return true;
}

bool RescaleDecimal(Int128 v, int from_scale, int to_scale, int precision, Int128* out) {
  Int128 r;
  if (to_scale >= from_scale) {
    if (!MultiplyByPowerOfTen(v, to_scale - from_scale, &r)) return false;
  } else {
    r = DivideRoundHalfUp(v, kDecimalPowersOfTen[from_scale - to_scale]);
  }
  if (!DecimalFits(r, precision)) return false;
  *out = r;
  return true;
}

bool DivideScaled(Int128 a, int k, Int128 b, Int128* out) {
  Int128 scaled;
  if (MultiplyByPowerOfTen(a, k, &scaled)) {
    *out = DivideRoundHalfUp(scaled, b);
    return true;
  }
  // a * 10^k needs more than 127 bits: long division over 256 bits.
  UInt256 n;
  const UInt128 ua = Magnitude(a);
  n.limb[0] = static_cast<uint64_t>(ua);
  n.limb[1] = static_cast<uint64_t>(ua >> 64);
  for (int left = k; left > 0; left -= 19) {
    const int step = std::min(left, 19);
    MultiplySmall(n, static_cast<uint64_t>(kDecimalPowersOfTen[step]));
  }
  const UInt128 ub = Magnitude(b);
  UInt256 q;
  UInt128 r = 0;
  for (int bit = 255; bit >= 0; --bit) {
    // r < ub <= 2^127, so the shift cannot overflow.
    r = (r << 1) | ((n.limb[bit / 64] >> (bit % 64)) & 1);
    if (r >= ub) {
      r -= ub;
      q.limb[bit / 64] |= uint64_t{1} << (bit % 64);
    }
  }
  if (q.limb[2] != 0 || q.limb[3] != 0 || (q.limb[1] >> 63) != 0) return false;
  UInt128 uq = (static_cast<UInt128>(q.limb[1]) << 64) | q.limb[0];
  if (r >= ub - r) ++uq;
  if (uq > static_cast<UInt128>(kInt128Max)) return false;
  const Int128 quotient = static_cast<Int128>(uq);
  *out = (a < 0) != (b < 0) ? -quotient : quotient;
  return true;
}

namespace {

template <typename F>
std::optional<Int128> DecimalFromFloating(F v, int precision, int scale) {
  if (!std::isfinite(v)) return std::nullopt;
  // Shortest round-trip digits in plain notation: what Java's
  // BigDecimal.valueOf(double) starts from. 1e308 needs ~310 characters.
  char buf[512];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
  if (res.ec != std::errc()) return std::nullopt;
  Int128 out;
  if (ParseDecimal(buf, static_cast<size_t>(res.ptr - buf), precision, scale, &out) != DecimalParseResult::kOk) {
    return std::nullopt;
  }
  return out;
}

template <typename F>
F DecimalToFloating(Int128 unscaled, int scale) {
  char buf[kMaxDecimalTextLength];
  const size_t n = FormatDecimal(unscaled, scale, buf);
  F out = 0;
  std::from_chars(buf, buf + n, out);  // correctly rounded
  return out;
}

}  // namespace

std::optional<Int128> DecimalFromDouble(double v, int precision, int scale) {
  return DecimalFromFloating(v, precision, scale);
}

std::optional<Int128> DecimalFromFloat(float v, int precision, int scale) {
  return DecimalFromFloating(v, precision, scale);
}

double DecimalToDouble(Int128 unscaled, int scale) {
  // Both operands exact doubles: one IEEE division rounds correctly.
  static constexpr double kExact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  constexpr Int128 kExactMantissa = Int128{1} << 53;
  if (scale <= 22 && unscaled <= kExactMantissa && unscaled >= -kExactMantissa) {
    return static_cast<double>(static_cast<int64_t>(unscaled)) / kExact[scale];
  }
  return DecimalToFloating<double>(unscaled, scale);
}

float DecimalToFloat(Int128 unscaled, int scale) {
  static constexpr float kExact[] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
  constexpr Int128 kExactMantissa = Int128{1} << 24;
  if (scale <= 10 && unscaled <= kExactMantissa && unscaled >= -kExactMantissa) {
    return static_cast<float>(static_cast<int64_t>(unscaled)) / kExact[scale];
  }
  return DecimalToFloating<float>(unscaled, scale);
}

}  // namespace sluice
