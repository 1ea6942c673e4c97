// Comparison operators between decimals of any precision and scale (and,
// through the AnyDecimal binding, integers). The binder does not cast both
// sides to a common decimal type, which could overflow for wide types: the
// kernel brings the side with the smaller scale up in 128 bits, and when that
// overflows, the value is beyond anything the other side can hold.
#include "sluice/functions/scalar/decimal_kernels.h"

namespace sluice::function {
namespace {

using decimal_kernels::IsWide;

struct Equal { static constexpr const char* kName = "equal"; static bool Test(int c) { return c == 0; } };
struct NotEqual { static constexpr const char* kName = "not_equal"; static bool Test(int c) { return c != 0; } };
struct LessThan { static constexpr const char* kName = "less_than"; static bool Test(int c) { return c < 0; } };
struct LessThanOrEqual { static constexpr const char* kName = "less_than_or_equal"; static bool Test(int c) { return c <= 0; } };
struct GreaterThan { static constexpr const char* kName = "greater_than"; static bool Test(int c) { return c > 0; } };
struct GreaterThanOrEqual { static constexpr const char* kName = "greater_than_or_equal"; static bool Test(int c) { return c >= 0; } };

// Three-way comparison of a * 10^-sa with b * 10^-sb; shift = sb - sa.
inline int Compare(Int128 a, Int128 b, int shift) {
  if (shift > 0) {
    Int128 scaled;
    if (!MultiplyByPowerOfTen(a, shift, &scaled)) return a < 0 ? -1 : 1;
    a = scaled;
  } else if (shift < 0) {
    Int128 scaled;
    if (!MultiplyByPowerOfTen(b, -shift, &scaled)) return b < 0 ? 1 : -1;
    b = scaled;
  }
  return (a > b) - (a < b);
}

template <typename Op, bool kWideA, bool kWideB>
void CompareLoop(const Vector& a, const Vector& b, size_t count, Vector& result, bool has_nulls) {
  const uint8_t* pa = a.data<uint8_t>();
  const uint8_t* pb = b.data<uint8_t>();
  uint8_t* out = result.data<uint8_t>();
  const int shift = b.type().scale() - a.type().scale();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = Op::Test(Compare(LoadDecimal(pa, i, kWideA), LoadDecimal(pb, i, kWideB), shift));
  }
}

template <typename Op>
void CompareKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& a = *args[0];
  const Vector& b = *args[1];
  switch (IsWide(a) * 2 + IsWide(b)) {
    case 0: return CompareLoop<Op, false, false>(a, b, count, result, has_nulls);
    case 1: return CompareLoop<Op, false, true>(a, b, count, result, has_nulls);
    case 2: return CompareLoop<Op, true, false>(a, b, count, result, has_nulls);
    default: return CompareLoop<Op, true, true>(a, b, count, result, has_nulls);
  }
}

template <typename Op>
void RegisterOp(FunctionRegistry& r) {
  const LogicalType d = LogicalType::AnyDecimal();
  r.AddScalar({Op::kName, {d, d}, LogicalType::Boolean(), CompareKernel<Op>});
}

// IS [NOT] DISTINCT FROM: equality where NULLs are values (never NULL).
template <bool kDistinct>
void NullSafeKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  CompareKernel<Equal>(args, count, result);
  FinishNullSafeEquality(args, count, kDistinct, result);
}

template <bool kDistinct>
void RegisterNullSafe(FunctionRegistry& r) {
  const LogicalType d = LogicalType::AnyDecimal();
  ScalarFunction f{kDistinct ? "is_distinct_from" : "is_not_distinct_from", {d, d}, LogicalType::Boolean(),
                   NullSafeKernel<kDistinct>};
  f.null_propagating = false;
  r.AddScalar(std::move(f));
}

}  // namespace

void RegisterDecimalComparisonFunctions(FunctionRegistry& r) {
  RegisterOp<Equal>(r);
  RegisterOp<NotEqual>(r);
  RegisterOp<LessThan>(r);
  RegisterOp<LessThanOrEqual>(r);
  RegisterOp<GreaterThan>(r);
  RegisterOp<GreaterThanOrEqual>(r);
  RegisterNullSafe<false>(r);
  RegisterNullSafe<true>(r);
}

}  // namespace sluice::function
