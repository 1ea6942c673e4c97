#pragma once

// Loops shared by the decimal function families. A decimal vector holds
// int64_t (p <= 18) or Int128 values; the loops are instantiated for each
// combination of widths, so the per-row code has no width branches.
#include <string>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/types/decimal.h"

namespace sluice::function::decimal_kernels {

inline bool IsWide(const Vector& v) { return v.type().PhysicalSize() == 16; }

[[noreturn]] inline void Overflow() {
  throw SluiceError(ErrorCode::kNumericOverflow, "Decimal overflow");
}

[[noreturn]] inline void DivisionByZero() {
  throw SluiceError(ErrorCode::kDivisionByZero, "Division by zero");
}

template <bool kWideA, bool kWideB, bool kWideOut, typename Op>
void BinaryLoop(const Op& op, const Vector& a, const Vector& b, size_t count, Vector& result, bool has_nulls) {
  const uint8_t* pa = a.data<uint8_t>();
  const uint8_t* pb = b.data<uint8_t>();
  uint8_t* out = result.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    StoreDecimal(out, i, kWideOut, op(LoadDecimal(pa, i, kWideA), LoadDecimal(pb, i, kWideB)));
  }
}

// result[i] = op(a[i], b[i]) for decimal a, b and result; NULL in, NULL out.
template <typename Op>
void BinaryKernel(const Op& op, const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& a = *args[0];
  const Vector& b = *args[1];
  switch (IsWide(a) * 4 + IsWide(b) * 2 + IsWide(result)) {
    case 0: return BinaryLoop<false, false, false>(op, a, b, count, result, has_nulls);
    case 1: return BinaryLoop<false, false, true>(op, a, b, count, result, has_nulls);
    case 2: return BinaryLoop<false, true, false>(op, a, b, count, result, has_nulls);
    case 3: return BinaryLoop<false, true, true>(op, a, b, count, result, has_nulls);
    case 4: return BinaryLoop<true, false, false>(op, a, b, count, result, has_nulls);
    case 5: return BinaryLoop<true, false, true>(op, a, b, count, result, has_nulls);
    case 6: return BinaryLoop<true, true, false>(op, a, b, count, result, has_nulls);
    default: return BinaryLoop<true, true, true>(op, a, b, count, result, has_nulls);
  }
}

template <bool kWideIn, bool kWideOut, typename Op>
void UnaryLoop(const Op& op, const Vector& in, size_t count, Vector& result, bool has_nulls) {
  const uint8_t* p = in.data<uint8_t>();
  uint8_t* out = result.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    StoreDecimal(out, i, kWideOut, op(LoadDecimal(p, i, kWideIn), i));
  }
}

// result[i] = op(in[i], i) for a decimal first argument and decimal result
// (`i` lets the op read further arguments).
template <typename Op>
void UnaryKernel(const Op& op, const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& in = *args[0];
  switch (IsWide(in) * 2 + IsWide(result)) {
    case 0: return UnaryLoop<false, false>(op, in, count, result, has_nulls);
    case 1: return UnaryLoop<false, true>(op, in, count, result, has_nulls);
    case 2: return UnaryLoop<true, false>(op, in, count, result, has_nulls);
    default: return UnaryLoop<true, true>(op, in, count, result, has_nulls);
  }
}

}  // namespace sluice::function::decimal_kernels
