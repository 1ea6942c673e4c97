// + - * / % and unary minus on DECIMAL, with Trino's result types:
//   +, -  decimal(min(38, 1 + max(s1,s2) + max(p1-s1, p2-s2)), max(s1,s2))
//   *     decimal(min(38, p1+p2), s1+s2)
//   /     decimal(min(38, p1 + s2 + max(0, s2-s1)), max(s1,s2)), rounded half up
//   %     decimal(min(38, min(p1-s1, p2-s2) + max(s1,s2)), max(s1,s2))
// A result that does not fit its type is NUMERIC_VALUE_OUT_OF_RANGE, never
// wrapped or rounded away. Integers take part as decimal(10,0) and the like
// (the registry's AnyDecimal binding).
#include <algorithm>

#include "sluice/functions/scalar/decimal_kernels.h"

namespace sluice::function {
namespace {

using decimal_kernels::BinaryKernel;
using decimal_kernels::DivisionByZero;
using decimal_kernels::Overflow;

LogicalType AddType(const std::vector<LogicalType>& a) {
  const int scale = std::max(a[0].scale(), a[1].scale());
  const int integral = std::max(a[0].width() - a[0].scale(), a[1].width() - a[1].scale());
  return LogicalType::Decimal(std::min(kMaxDecimalPrecision, 1 + scale + integral), scale);
}

LogicalType MultiplyType(const std::vector<LogicalType>& a) {
  return LogicalType::Decimal(std::min(kMaxDecimalPrecision, a[0].width() + a[1].width()),
                              a[0].scale() + a[1].scale());
}

LogicalType DivideType(const std::vector<LogicalType>& a) {
  const int s1 = a[0].scale(), s2 = a[1].scale();
  return LogicalType::Decimal(std::min(kMaxDecimalPrecision, a[0].width() + s2 + std::max(0, s2 - s1)),
                              std::max(s1, s2));
}

LogicalType ModulusType(const std::vector<LogicalType>& a) {
  const int scale = std::max(a[0].scale(), a[1].scale());
  const int integral = std::min(a[0].width() - a[0].scale(), a[1].width() - a[1].scale());
  return LogicalType::Decimal(std::min(kMaxDecimalPrecision, integral + scale), scale);
}

// Both operands brought to the result's scale (for + - %).
struct Aligned {
  Aligned(const Vector& a, const Vector& b, const Vector& result, int scale)
      : shift_a(scale - a.type().scale()), shift_b(scale - b.type().scale()), precision(result.type().width()) {}
  void Align(Int128& a, Int128& b) const {
    if (shift_a != 0 && !MultiplyByPowerOfTen(a, shift_a, &a)) Overflow();
    if (shift_b != 0 && !MultiplyByPowerOfTen(b, shift_b, &b)) Overflow();
  }
  Int128 Check(Int128 v) const {
    if (!DecimalFits(v, precision)) Overflow();
    return v;
  }
  int shift_a, shift_b, precision;
};

void AddKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  struct Op : Aligned {
    using Aligned::Aligned;
    Int128 operator()(Int128 a, Int128 b) const {
      Align(a, b);
      Int128 r;
      if (__builtin_add_overflow(a, b, &r)) Overflow();  // aligned values may exceed 10^38
      return Check(r);
    }
  };
  BinaryKernel(Op(*args[0], *args[1], result, result.type().scale()), args, count, result);
}

void SubtractKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  struct Op : Aligned {
    using Aligned::Aligned;
    Int128 operator()(Int128 a, Int128 b) const {
      Align(a, b);
      Int128 r;
      if (__builtin_sub_overflow(a, b, &r)) Overflow();
      return Check(r);
    }
  };
  BinaryKernel(Op(*args[0], *args[1], result, result.type().scale()), args, count, result);
}

void MultiplyKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  // The result's scale is s1 + s2: the product of the unscaled values.
  struct Op {
    int precision;
    Int128 operator()(Int128 a, Int128 b) const {
      Int128 r;
      if (!MultiplyChecked(a, b, &r) || !DecimalFits(r, precision)) Overflow();
      return r;
    }
  };
  BinaryKernel(Op{result.type().width()}, args, count, result);
}

void DivideKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  // a / 10^s1 ÷ b / 10^s2 = (a * 10^(s - s1 + s2) / b) / 10^s.
  struct Op {
    int shift, precision;
    Int128 operator()(Int128 a, Int128 b) const {
      if (b == 0) DivisionByZero();
      Int128 r;
      if (!DivideScaled(a, shift, b, &r) || !DecimalFits(r, precision)) Overflow();
      return r;
    }
  };
  const int shift = result.type().scale() - args[0]->type().scale() + args[1]->type().scale();
  BinaryKernel(Op{shift, result.type().width()}, args, count, result);
}

void ModulusKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  struct Op : Aligned {
    using Aligned::Aligned;
    Int128 operator()(Int128 a, Int128 b) const {
      Align(a, b);
      if (b == 0) DivisionByZero();
      return Check(a % b);  // the dividend's sign, as Trino
    }
  };
  BinaryKernel(Op(*args[0], *args[1], result, result.type().scale()), args, count, result);
}

void NegateKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  // |v| < 10^38 < 2^127: negation cannot overflow.
  decimal_kernels::UnaryKernel([](Int128 v, size_t) { return -v; }, args, count, result);
}

}  // namespace

void RegisterDecimalArithmeticFunctions(FunctionRegistry& r) {
  const LogicalType d = LogicalType::AnyDecimal();
  auto add = [&](const char* name, ScalarKernel kernel, ReturnTypeFunction type) {
    ScalarFunction f{name, {d, d}, d, kernel};
    f.bind_return_type = type;
    r.AddScalar(f);
  };
  add("add", AddKernel, AddType);
  add("subtract", SubtractKernel, AddType);
  add("multiply", MultiplyKernel, MultiplyType);
  add("divide", DivideKernel, DivideType);
  add("modulus", ModulusKernel, ModulusType);
  ScalarFunction neg{"negate", {d}, d, NegateKernel};
  neg.bind_return_type = FirstArgumentType;
  r.AddScalar(neg);
}

}  // namespace sluice::function
