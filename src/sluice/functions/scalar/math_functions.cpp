// Math functions on integers and floating point with Trino's semantics
// (the DECIMAL overloads are in decimal_math.cpp; mod is the % operator, see
// the binder): rounding (round, truncate, floor, ceil, abs, sign),
// exponentials and logarithms, constants, random numbers, NaN/infinity
// tests, width_bucket and the bitwise functions.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <random>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

[[noreturn]] void InvalidArgument(const std::string& message) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, message);
}

// ---- kernel shapes -------------------------------------------------------

template <typename In, typename Out, Out (*F)(In)>
void UnaryKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const In* in = args[0]->data<In>();
  Out* out = result.data<Out>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = F(in[i]);
  }
}

template <typename A, typename B, typename Out, Out (*F)(A, B)>
void BinaryKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const A* a = args[0]->data<A>();
  const B* b = args[1]->data<B>();
  Out* out = result.data<Out>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = F(a[i], b[i]);
  }
}

// A function of no arguments, evaluated once per row (constants fold away;
// rand() must not).
template <typename Out, Out (*F)()>
void NullaryKernel(const std::vector<const Vector*>&, size_t count, Vector& result) {
  Out* out = result.data<Out>();
  for (size_t i = 0; i < count; ++i) out[i] = F();
}

void IdentityKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  result.CopyFrom(*args[0], nullptr, count, 0);
}

// ---- rounding --------------------------------------------------------------

// Half away from zero, as Trino's Math.round on the magnitude.
template <typename T>
T Round(T v) { return static_cast<T>(std::round(v)); }

template <typename T>
T RoundDigits(T v, int64_t digits) {
  if (!std::isfinite(v)) return v;
  double scale = std::pow(10.0, static_cast<double>(digits));
  double r = std::round(static_cast<double>(v) * scale) / scale;
  return static_cast<T>(std::isfinite(r) ? r : v);
}

// round(integer, d): d >= 0 keeps the value; d < 0 rounds half away from
// zero to a multiple of 10^-d. Overflow (of the result, or of 10^-d beyond
// bigint) is NUMERIC_VALUE_OUT_OF_RANGE, as in Trino.
template <typename T>
T RoundIntegerDigits(T value, int64_t digits) {
  if (digits >= 0) return value;
  const int64_t v = value;
  if (digits < -18) throw SluiceError(ErrorCode::kNumericOverflow, "numerical overflow: " + std::to_string(v));
  int64_t factor = 1;
  for (int64_t k = 0; k < -digits; ++k) factor *= 10;
  int64_t q = v / factor;
  const int64_t r = v % factor;
  if ((r < 0 ? -r : r) * 2 >= factor) q += v < 0 ? -1 : 1;
  int64_t rounded;
  if (__builtin_mul_overflow(q, factor, &rounded)) {
    throw SluiceError(ErrorCode::kNumericOverflow, "numerical overflow: " + std::to_string(v));
  }
  if (rounded < std::numeric_limits<T>::min() || rounded > std::numeric_limits<T>::max()) {
    throw SluiceError(ErrorCode::kNumericOverflow,
                      "Out of range for " + LogicalType(sizeof(T) == 1   ? TypeId::kTinyint
                                                        : sizeof(T) == 2 ? TypeId::kSmallint
                                                                         : TypeId::kInteger)
                                                .ToString() +
                          ": " + std::to_string(rounded));
  }
  return static_cast<T>(rounded);
}

template <typename T>
T Truncate(T v) { return std::trunc(v); }

// truncate(x, d): drops the digits after the d-th fraction digit (d < 0:
// zeroes integer digits) of x's shortest decimal form, as Trino's
// BigDecimal.valueOf(x).setScale(d, DOWN): truncate(0.29, 2) is 0.29, not the
// 0.28 that scaling the binary value would give.
template <typename T>
T TruncateDigits(T v, int64_t digits) {
  if (!std::isfinite(v) || digits > 400) return v;  // a double has no digits that far right
  if (digits == 0) return std::trunc(v);
  if (digits < -400) return T(0);
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string text(buf, res.ptr);  // "-1.2345e+06"
  const bool negative = text[0] == '-';
  if (negative) text.erase(0, 1);
  const size_t e = text.find('e');
  std::string mantissa = text.substr(0, 1) + (e > 2 ? text.substr(2, e - 2) : "");
  const int64_t exponent = std::stoll(text.substr(e + 1));
  // Digits kept: those left of the point (exponent + 1) plus `digits` more.
  const int64_t keep = exponent + 1 + digits;
  if (keep <= 0) return T(0);
  if (keep >= static_cast<int64_t>(mantissa.size())) return v;
  mantissa.resize(static_cast<size_t>(keep));
  std::string out = (negative ? "-" : "") + mantissa + "e" + std::to_string(exponent + 1 - keep);
  return static_cast<T>(std::strtod(out.c_str(), nullptr));
}

template <typename T>
T Floor(T v) { return std::floor(v); }
template <typename T>
T Ceil(T v) { return std::ceil(v); }

template <typename T>
T Sign(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    if (!(v > 0) && !(v < 0)) return v;  // ±0 and NaN are their own sign
  }
  return static_cast<T>(v > 0 ? 1 : v < 0 ? -1 : 0);
}

template <typename T>
void AbsKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  const T* in = args[0]->data<T>();
  T* out = result.data<T>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    if constexpr (std::is_integral_v<T>) {
      if (in[i] == std::numeric_limits<T>::min()) {
        throw SluiceError(ErrorCode::kNumericOverflow, "Value " + std::to_string(in[i]) + " is out of range for abs()");
      }
      out[i] = in[i] < 0 ? static_cast<T>(-in[i]) : in[i];
    } else {
      out[i] = std::fabs(in[i]);
    }
  }
}

// ---- exponentials, logarithms, angles (double, IEEE: ln(0) = -Infinity,
// sqrt(-1) = NaN) ------------------------------------------------------------

double Power(double x, double p) { return std::pow(x, p); }
double Sqrt(double x) { return std::sqrt(x); }
// glibc's cbrt can be an ulp off (cbrt(27) = 3.0000000000000004); Java's,
// and so Trino's, gives 3.0. Pick the neighbour whose cube is nearest x.
double Cbrt(double x) {
  const double r = std::cbrt(x);
  if (r == 0 || !std::isfinite(r)) return r;
  auto error = [x](double c) {
    const long double lc = c;
    return std::fabs(lc * lc * lc - static_cast<long double>(x));
  };
  double best = r;
  for (double c : {std::nextafter(r, -INFINITY), std::nextafter(r, INFINITY)}) {
    if (error(c) < error(best)) best = c;
  }
  return best;
}
double Exp(double x) { return std::exp(x); }
double Ln(double x) { return std::log(x); }
// Trino computes log2 and log(b, x) as quotients of natural logarithms.
double Log2(double x) { return std::log(x) / std::log(2.0); }
double Log10(double x) { return std::log10(x); }
double LogBase(double b, double x) { return std::log(x) / std::log(b); }
// Java's Math.toDegrees / toRadians constants, for the same last bits.
double Degrees(double r) { return r * 57.29577951308232; }
double Radians(double d) { return d * 0.017453292519943295; }

double Pi() { return std::numbers::pi; }
double E() { return std::numbers::e; }
double NaN() { return std::numeric_limits<double>::quiet_NaN(); }
double Infinity() { return std::numeric_limits<double>::infinity(); }

uint8_t IsNan(double x) { return std::isnan(x); }
uint8_t IsFinite(double x) { return std::isfinite(x); }
uint8_t IsInfinite(double x) { return std::isinf(x); }

// ---- random numbers ----------------------------------------------------------

std::mt19937_64& Rng() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

// 53 random bits: uniform in [0, 1), never 1.
double Random() { return static_cast<double>(Rng()() >> 11) * 0x1.0p-53; }

template <typename T>
T RandomBelow(T bound) {
  if (bound <= 0) InvalidArgument("bound must be positive");
  return static_cast<T>(std::uniform_int_distribution<int64_t>(0, static_cast<int64_t>(bound) - 1)(Rng()));
}

template <typename T>
T RandomBetween(T start, T stop) {
  if (start >= stop) InvalidArgument("start value must be less than stop value");
  return static_cast<T>(std::uniform_int_distribution<int64_t>(start, static_cast<int64_t>(stop) - 1)(Rng()));
}

// uuid(): a random (version 4, variant 1) UUID in its text form, a new one
// per row. Trino's type is uuid; sluice has none, so it is varchar.
void UuidKernel(const std::vector<const Vector*>&, size_t count, Vector& result) {
  static constexpr char kHex[] = "0123456789abcdef";
  char text[36];
  for (size_t i = 0; i < count; ++i) {
    uint64_t halves[2] = {Rng()(), Rng()()};
    halves[0] = (halves[0] & ~0xF000ULL) | 0x4000ULL;                       // version 4
    halves[1] = (halves[1] & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
    size_t p = 0;
    for (int nibble = 0; nibble < 32; ++nibble) {
      if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) text[p++] = '-';
      const uint64_t half = halves[nibble / 16];
      text[p++] = kHex[(half >> (60 - 4 * (nibble % 16))) & 15];
    }
    result.SetString(i, std::string_view(text, sizeof(text)));
  }
}

// ---- width_bucket and bitwise -------------------------------------------------

// Trino's width_bucket(x, bound1, bound2, n): bucket 0 below the range, n + 1
// at or above it; bound1 > bound2 numbers the buckets downwards.
void WidthBucketKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const double* x = args[0]->data<double>();
  const double* b1 = args[1]->data<double>();
  const double* b2 = args[2]->data<double>();
  const int64_t* n = args[3]->data<int64_t>();
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    if (n[i] <= 0) InvalidArgument("bucketCount must be greater than 0");
    if (std::isnan(x[i])) InvalidArgument("operand must not be NaN");
    if (!std::isfinite(b1[i])) InvalidArgument("first bound must be finite");
    if (!std::isfinite(b2[i])) InvalidArgument("second bound must be finite");
    if (b1[i] == b2[i]) InvalidArgument("bounds cannot equal each other");
    const double lower = std::min(b1[i], b2[i]);
    const double upper = std::max(b1[i], b2[i]);
    int64_t bucket;
    if (x[i] < lower) {
      bucket = 0;
    } else if (x[i] >= upper) {
      if (n[i] == std::numeric_limits<int64_t>::max()) {
        throw SluiceError(ErrorCode::kNumericOverflow, "Bucket for value " + std::to_string(x[i]) + " is out of range");
      }
      bucket = n[i] + 1;
    } else {
      bucket = static_cast<int64_t>(static_cast<double>(n[i]) * (x[i] - lower) / (upper - lower) + 1);
    }
    if (b1[i] > b2[i]) bucket = n[i] - bucket + 1;
    out[i] = bucket;
  }
}

int64_t BitwiseAnd(int64_t a, int64_t b) { return a & b; }
int64_t BitwiseOr(int64_t a, int64_t b) { return a | b; }
int64_t BitwiseXor(int64_t a, int64_t b) { return a ^ b; }
int64_t BitwiseNot(int64_t a) { return ~a; }

// Registers name(t) → t (or t, bigint → t with digits) for one integer type.
template <typename T>
void RegisterIntegerOverloads(FunctionRegistry& r, LogicalType t) {
  const LogicalType b = LogicalType::Bigint();
  r.AddScalar({"round", {t}, t, IdentityKernel});
  r.AddScalar({"round", {t, b}, t, BinaryKernel<T, int64_t, T, RoundIntegerDigits<T>>});
  r.AddScalar({"abs", {t}, t, AbsKernel<T>});
  r.AddScalar({"sign", {t}, t, UnaryKernel<T, T, Sign<T>>});
  r.AddScalar({"random", {t}, t, UnaryKernel<T, T, RandomBelow<T>>});
  r.AddScalar({"rand", {t}, t, UnaryKernel<T, T, RandomBelow<T>>});
  r.AddScalar({"random", {t, t}, t, BinaryKernel<T, T, T, RandomBetween<T>>});
  r.AddScalar({"rand", {t, t}, t, BinaryKernel<T, T, T, RandomBetween<T>>});
}

// The same for real (float) and double.
template <typename T>
void RegisterFloatOverloads(FunctionRegistry& r, LogicalType t) {
  const LogicalType b = LogicalType::Bigint();
  r.AddScalar({"round", {t}, t, UnaryKernel<T, T, Round<T>>});
  r.AddScalar({"round", {t, b}, t, BinaryKernel<T, int64_t, T, RoundDigits<T>>});
  r.AddScalar({"truncate", {t}, t, UnaryKernel<T, T, Truncate<T>>});
  r.AddScalar({"truncate", {t, b}, t, BinaryKernel<T, int64_t, T, TruncateDigits<T>>});
  r.AddScalar({"abs", {t}, t, AbsKernel<T>});
  r.AddScalar({"sign", {t}, t, UnaryKernel<T, T, Sign<T>>});
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& r) {
  const LogicalType d = LogicalType::Double();
  const LogicalType b = LogicalType::Bigint();
  const LogicalType boolean = LogicalType::Boolean();
  RegisterFloatOverloads<double>(r, d);
  RegisterFloatOverloads<float>(r, LogicalType::Real());
  RegisterIntegerOverloads<int8_t>(r, LogicalType::Tinyint());
  RegisterIntegerOverloads<int16_t>(r, LogicalType::Smallint());
  RegisterIntegerOverloads<int32_t>(r, LogicalType::Integer());
  RegisterIntegerOverloads<int64_t>(r, b);
  r.AddScalar({"floor", {d}, d, UnaryKernel<double, double, Floor<double>>});
  r.AddScalar({"ceil", {d}, d, UnaryKernel<double, double, Ceil<double>>});
  r.AddScalar({"ceiling", {d}, d, UnaryKernel<double, double, Ceil<double>>});

  r.AddScalar({"power", {d, d}, d, BinaryKernel<double, double, double, Power>});
  r.AddScalar({"pow", {d, d}, d, BinaryKernel<double, double, double, Power>});
  r.AddScalar({"sqrt", {d}, d, UnaryKernel<double, double, Sqrt>});
  r.AddScalar({"cbrt", {d}, d, UnaryKernel<double, double, Cbrt>});
  r.AddScalar({"exp", {d}, d, UnaryKernel<double, double, Exp>});
  r.AddScalar({"ln", {d}, d, UnaryKernel<double, double, Ln>});
  r.AddScalar({"log2", {d}, d, UnaryKernel<double, double, Log2>});
  r.AddScalar({"log10", {d}, d, UnaryKernel<double, double, Log10>});
  r.AddScalar({"log", {d, d}, d, BinaryKernel<double, double, double, LogBase>});
  r.AddScalar({"degrees", {d}, d, UnaryKernel<double, double, Degrees>});
  r.AddScalar({"radians", {d}, d, UnaryKernel<double, double, Radians>});

  r.AddScalar({"pi", {}, d, NullaryKernel<double, Pi>});
  r.AddScalar({"e", {}, d, NullaryKernel<double, E>});
  r.AddScalar({"nan", {}, d, NullaryKernel<double, NaN>});
  r.AddScalar({"infinity", {}, d, NullaryKernel<double, Infinity>});
  r.AddScalar({"random", {}, d, NullaryKernel<double, Random>});
  r.AddScalar({"rand", {}, d, NullaryKernel<double, Random>});
  r.AddScalar({"uuid", {}, LogicalType::Varchar(), UuidKernel});

  r.AddScalar({"is_nan", {d}, boolean, UnaryKernel<double, uint8_t, IsNan>});
  r.AddScalar({"is_finite", {d}, boolean, UnaryKernel<double, uint8_t, IsFinite>});
  r.AddScalar({"is_infinite", {d}, boolean, UnaryKernel<double, uint8_t, IsInfinite>});
  r.AddScalar({"width_bucket", {d, d, d, b}, b, WidthBucketKernel});

  r.AddScalar({"bitwise_and", {b, b}, b, BinaryKernel<int64_t, int64_t, int64_t, BitwiseAnd>});
  r.AddScalar({"bitwise_or", {b, b}, b, BinaryKernel<int64_t, int64_t, int64_t, BitwiseOr>});
  r.AddScalar({"bitwise_xor", {b, b}, b, BinaryKernel<int64_t, int64_t, int64_t, BitwiseXor>});
  r.AddScalar({"bitwise_not", {b}, b, UnaryKernel<int64_t, int64_t, BitwiseNot>});
}

}  // namespace sluice::function
