// Comparison operators for every type. The binder casts both sides to a
// common type first, so kernels compare like with like.
#include <cstdint>
#include <type_traits>

#include "sluice/functions/function_registry.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/time_zone.h"

namespace sluice::function {
namespace {

struct Equal { static constexpr const char* kName = "equal";
  template <typename T> static bool Op(const T& a, const T& b) { return a == b; } };
struct NotEqual { static constexpr const char* kName = "not_equal";
  template <typename T> static bool Op(const T& a, const T& b) { return !(a == b); } };
struct LessThan { static constexpr const char* kName = "less_than";
  template <typename T> static bool Op(const T& a, const T& b) { return a < b; } };
struct LessThanOrEqual { static constexpr const char* kName = "less_than_or_equal";
  template <typename T> static bool Op(const T& a, const T& b) { return !(b < a); } };
struct GreaterThan { static constexpr const char* kName = "greater_than";
  template <typename T> static bool Op(const T& a, const T& b) { return b < a; } };
struct GreaterThanOrEqual { static constexpr const char* kName = "greater_than_or_equal";
  template <typename T> static bool Op(const T& a, const T& b) { return !(a < b); } };

template <typename Op, typename T>
void CompareKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const T* a = args[0]->data<T>();
  const T* b = args[1]->data<T>();
  uint8_t* out = result.data<uint8_t>();
  if (PropagateNulls(args, count, result)) {
    // A NULL row's value is undefined (for strings: a dangling view): skip it.
    for (size_t i = 0; i < count; ++i) {
      if (!result.IsNull(i)) out[i] = Op::template Op<T>(a[i], b[i]);
    }
    return;
  }
  for (size_t i = 0; i < count; ++i) out[i] = Op::template Op<T>(a[i], b[i]);
}

// IS [NOT] DISTINCT FROM: equality where NULLs are values (never NULL).
template <typename T, bool kDistinct>
void NullSafeKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  CompareKernel<Equal, T>(args, count, result);
  FinishNullSafeEquality(args, count, kDistinct, result);
}

template <typename Op>
void RegisterOp(FunctionRegistry& r) {
  auto add = [&](LogicalType t, ScalarKernel k) {
    r.AddScalar({Op::kName, {t, t}, LogicalType::Boolean(), k});
  };
  add(LogicalType::Boolean(), CompareKernel<Op, uint8_t>);
  add(LogicalType::Tinyint(), CompareKernel<Op, int8_t>);
  add(LogicalType::Smallint(), CompareKernel<Op, int16_t>);
  add(LogicalType::Integer(), CompareKernel<Op, int32_t>);
  add(LogicalType::Bigint(), CompareKernel<Op, int64_t>);
  add(LogicalType::Real(), CompareKernel<Op, float>);
  add(LogicalType::Double(), CompareKernel<Op, double>);
  add(LogicalType::Varchar(), CompareKernel<Op, StringRef>);
  add(LogicalType::Varbinary(), CompareKernel<Op, StringRef>);
  // JSON is comparable (by its text) but not orderable, as in Trino.
  if constexpr (std::is_same_v<Op, Equal> || std::is_same_v<Op, NotEqual>) {
    add(LogicalType::Json(), CompareKernel<Op, StringRef>);
  }
  add(LogicalType::Date(), CompareKernel<Op, int32_t>);
  add(LogicalType::AnyTimestamp(), CompareKernel<Op, int64_t>);
  add(LogicalType::AnyTimestampTz(), CompareKernel<Op, TimestampTzInstant>);
  add(LogicalType::IntervalDayTime(), CompareKernel<Op, int64_t>);
  add(LogicalType::IntervalYearMonth(), CompareKernel<Op, int32_t>);
}

template <bool kDistinct>
void RegisterNullSafe(FunctionRegistry& r) {
  const char* name = kDistinct ? "is_distinct_from" : "is_not_distinct_from";
  auto add = [&](LogicalType t, ScalarKernel k) {
    ScalarFunction f{name, {t, t}, LogicalType::Boolean(), k};
    f.null_propagating = false;
    r.AddScalar(std::move(f));
  };
  add(LogicalType::Boolean(), NullSafeKernel<uint8_t, kDistinct>);
  add(LogicalType::Tinyint(), NullSafeKernel<int8_t, kDistinct>);
  add(LogicalType::Smallint(), NullSafeKernel<int16_t, kDistinct>);
  add(LogicalType::Integer(), NullSafeKernel<int32_t, kDistinct>);
  add(LogicalType::Bigint(), NullSafeKernel<int64_t, kDistinct>);
  add(LogicalType::Real(), NullSafeKernel<float, kDistinct>);
  add(LogicalType::Double(), NullSafeKernel<double, kDistinct>);
  add(LogicalType::Varchar(), NullSafeKernel<StringRef, kDistinct>);
  add(LogicalType::Date(), NullSafeKernel<int32_t, kDistinct>);
  add(LogicalType::AnyTimestamp(), NullSafeKernel<int64_t, kDistinct>);
  add(LogicalType::AnyTimestampTz(), NullSafeKernel<TimestampTzInstant, kDistinct>);
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& r) {
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
