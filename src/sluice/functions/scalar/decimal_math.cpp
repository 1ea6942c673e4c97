// abs, round, floor and ceil on DECIMAL, with Trino's result types:
//   abs(decimal(p,s))          decimal(p,s)
//   round(decimal(p,s))        decimal(min(38, p - s + min(s,1)), 0), half up
//   round(decimal(p,s), d)     decimal(min(38, p + 1), s): the value rounded
//                              half up at d fraction digits (d < 0: tens, ...)
//   floor / ceil(decimal(p,s)) decimal(p - s + min(s,1), 0)
//   truncate(decimal(p,s))     decimal(max(1, p - s), 0), toward zero
//   truncate(decimal(p,s), d)  decimal(p,s): digits after the d-th fraction
//                              digit dropped (d < 0: integer digits zeroed)
//   sign(decimal(p,s))         decimal(1,0): -1, 0 or 1
#include <algorithm>

#include "sluice/functions/scalar/decimal_kernels.h"

namespace sluice::function {
namespace {

using decimal_kernels::Overflow;
using decimal_kernels::UnaryKernel;

LogicalType IntegralType(const std::vector<LogicalType>& a) {
  return LogicalType::Decimal(std::min(kMaxDecimalPrecision, a[0].width() - a[0].scale() + std::min(a[0].scale(), 1)), 0);
}

LogicalType TruncateType(const std::vector<LogicalType>& a) {
  return LogicalType::Decimal(std::max(1, a[0].width() - a[0].scale()), 0);
}

LogicalType SignType(const std::vector<LogicalType>&) { return LogicalType::Decimal(1, 0); }

LogicalType RoundDigitsType(const std::vector<LogicalType>& a) {
  return LogicalType::Decimal(std::min(kMaxDecimalPrecision, a[0].width() + 1), a[0].scale());
}

void AbsKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  UnaryKernel([](Int128 v, size_t) { return v < 0 ? -v : v; }, args, count, result);
}

void RoundKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Int128 unit = PowerOfTen(args[0]->type().scale());
  UnaryKernel([unit](Int128 v, size_t) { return DivideRoundHalfUp(v, unit); }, args, count, result);
}

// floor (kCeil false) or ceil (true) to an integral value.
template <bool kCeil>
void FloorCeilKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Int128 unit = PowerOfTen(args[0]->type().scale());
  UnaryKernel(
      [unit](Int128 v, size_t) {
        Int128 q = v / unit;  // toward zero
        const Int128 r = v % unit;
        if (kCeil && r > 0) ++q;
        if (!kCeil && r < 0) --q;
        return q;
      },
      args, count, result);
}

void RoundDigitsKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const int scale = args[0]->type().scale();
  const int precision = result.type().width();
  const int64_t* digits = args[1]->data<int64_t>();
  UnaryKernel(
      [=](Int128 v, size_t i) -> Int128 {
        const int64_t d = digits[i];
        if (d >= scale) return v;
        // Drop scale - d digits; beyond 38 every value rounds to 0 (compared
        // this way round so that a huge negative d cannot overflow).
        if (d < scale - kMaxDecimalPrecision) return 0;
        const Int128 unit = PowerOfTen(static_cast<int>(scale - d));
        Int128 r;
        if (!MultiplyByPowerOfTen(DivideRoundHalfUp(v, unit), static_cast<int>(scale - d), &r) ||
            !DecimalFits(r, precision)) {
          Overflow();
        }
        return r;
      },
      args, count, result);
}

void TruncateKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Int128 unit = PowerOfTen(args[0]->type().scale());
  UnaryKernel([unit](Int128 v, size_t) { return v / unit; }, args, count, result);
}

// The result keeps the input's type, so it always fits.
void TruncateDigitsKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const int scale = args[0]->type().scale();
  const int64_t* digits = args[1]->data<int64_t>();
  UnaryKernel(
      [=](Int128 v, size_t i) -> Int128 {
        const int64_t d = digits[i];
        if (d >= scale) return v;
        if (d < scale - kMaxDecimalPrecision) return 0;  // compared so a huge negative d cannot overflow
        const Int128 unit = PowerOfTen(static_cast<int>(scale - d));
        return v - v % unit;
      },
      args, count, result);
}

void SignKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  UnaryKernel([](Int128 v, size_t) -> Int128 { return v > 0 ? 1 : v < 0 ? -1 : 0; }, args, count, result);
}

}  // namespace

void RegisterDecimalMathFunctions(FunctionRegistry& r) {
  const LogicalType d = LogicalType::AnyDecimal();
  auto add = [&](const char* name, std::vector<LogicalType> args, ScalarKernel kernel, ReturnTypeFunction type) {
    ScalarFunction f{name, std::move(args), d, kernel};
    f.bind_return_type = type;
    r.AddScalar(f);
  };
  add("abs", {d}, AbsKernel, FirstArgumentType);
  add("round", {d}, RoundKernel, IntegralType);
  add("round", {d, LogicalType::Bigint()}, RoundDigitsKernel, RoundDigitsType);
  add("floor", {d}, FloorCeilKernel<false>, IntegralType);
  add("ceil", {d}, FloorCeilKernel<true>, IntegralType);
  add("ceiling", {d}, FloorCeilKernel<true>, IntegralType);
  add("truncate", {d}, TruncateKernel, TruncateType);
  add("truncate", {d, LogicalType::Bigint()}, TruncateDigitsKernel, FirstArgumentType);
  add("sign", {d}, SignKernel, SignType);
}

}  // namespace sluice::function
