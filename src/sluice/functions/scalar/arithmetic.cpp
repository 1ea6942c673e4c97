// Arithmetic on numbers with Trino's semantics: integer results keep the
// operand type and overflow is an error; integer division truncates toward
// zero and division by zero is an error; floating point follows IEEE.
#include <cmath>
#include <cstdint>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

[[noreturn]] void Overflow(const char* op, LogicalType type) {
  throw SluiceError(ErrorCode::kNumericOverflow,
                    std::string(type.ToString()) + " " + op + " overflow");
}

struct Add {
  static constexpr const char* kName = "add";
  template <typename T> static T Int(T a, T b, LogicalType t) {
    T r;
    if (__builtin_add_overflow(a, b, &r)) Overflow("addition", t);
    return r;
  }
  template <typename T> static T Float(T a, T b) { return a + b; }
};
struct Subtract {
  static constexpr const char* kName = "subtract";
  template <typename T> static T Int(T a, T b, LogicalType t) {
    T r;
    if (__builtin_sub_overflow(a, b, &r)) Overflow("subtraction", t);
    return r;
  }
  template <typename T> static T Float(T a, T b) { return a - b; }
};
struct Multiply {
  static constexpr const char* kName = "multiply";
  template <typename T> static T Int(T a, T b, LogicalType t) {
    T r;
    if (__builtin_mul_overflow(a, b, &r)) Overflow("multiplication", t);
    return r;
  }
  template <typename T> static T Float(T a, T b) { return a * b; }
};
struct Divide {
  static constexpr const char* kName = "divide";
  template <typename T> static T Int(T a, T b, LogicalType t) {
    if (b == 0) throw SluiceError(ErrorCode::kDivisionByZero, "Division by zero");
    T r;
    // MIN / -1 is the one integer division that overflows.
    if (b == -1) {
      if (__builtin_sub_overflow(T{0}, a, &r)) Overflow("division", t);
      return r;
    }
    return a / b;
  }
  template <typename T> static T Float(T a, T b) { return a / b; }
};
struct Modulus {
  static constexpr const char* kName = "modulus";
  template <typename T> static T Int(T a, T b, LogicalType) {
    if (b == 0) throw SluiceError(ErrorCode::kDivisionByZero, "Division by zero");
    if (b == -1) return 0;
    return a % b;
  }
  template <typename T> static T Float(T a, T b) { return std::fmod(a, b); }
};

template <typename Op, typename T>
void BinaryKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const T* a = args[0]->data<T>();
  const T* b = args[1]->data<T>();
  T* out = result.data<T>();
  bool has_nulls = PropagateNulls(args, count, result);
  LogicalType type = result.type();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    if constexpr (std::is_floating_point_v<T>) {
      out[i] = Op::template Float<T>(a[i], b[i]);
    } else {
      out[i] = Op::template Int<T>(a[i], b[i], type);
    }
  }
}

template <typename T>
void NegateKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const T* a = args[0]->data<T>();
  T* out = result.data<T>();
  bool has_nulls = PropagateNulls(args, count, result);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    if constexpr (std::is_floating_point_v<T>) {
      out[i] = -a[i];
    } else {
      if (a[i] == std::numeric_limits<T>::min()) Overflow("negation", result.type());
      out[i] = static_cast<T>(-a[i]);
    }
  }
}

template <typename Op>
void RegisterOp(FunctionRegistry& r) {
  auto add = [&](LogicalType t, ScalarKernel k) { r.AddScalar({Op::kName, {t, t}, t, k}); };
  add(LogicalType::Tinyint(), BinaryKernel<Op, int8_t>);
  add(LogicalType::Smallint(), BinaryKernel<Op, int16_t>);
  add(LogicalType::Integer(), BinaryKernel<Op, int32_t>);
  add(LogicalType::Bigint(), BinaryKernel<Op, int64_t>);
  add(LogicalType::Real(), BinaryKernel<Op, float>);
  add(LogicalType::Double(), BinaryKernel<Op, double>);
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& r) {
  RegisterOp<Add>(r);
  RegisterOp<Subtract>(r);
  RegisterOp<Multiply>(r);
  RegisterOp<Divide>(r);
  RegisterOp<Modulus>(r);
  auto neg = [&](LogicalType t, ScalarKernel k) { r.AddScalar({"negate", {t}, t, k}); };
  neg(LogicalType::Tinyint(), NegateKernel<int8_t>);
  neg(LogicalType::Smallint(), NegateKernel<int16_t>);
  neg(LogicalType::Integer(), NegateKernel<int32_t>);
  neg(LogicalType::Bigint(), NegateKernel<int64_t>);
  neg(LogicalType::Real(), NegateKernel<float>);
  neg(LogicalType::Double(), NegateKernel<double>);
}

}  // namespace sluice::function
