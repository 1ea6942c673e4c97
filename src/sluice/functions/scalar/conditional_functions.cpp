// Kernels behind Trino's conditional expressions that the binder does not
// turn into CASE (see BindConditionalForm in binder.cpp):
//   greatest / least (x, ...)  NULL if any argument is NULL; a NaN loses to
//                              every number (it is returned only when all
//                              arguments are NaN), as Trino's comparison
//                              "unordered first/last" makes it.
//   nullif(a, b)               NULL when a = b, else a. The binder casts both
//                              to their common type and the result back.
// All arguments of one call have the same type (the binder casts them).
#include <cmath>
#include <cstring>

#include "sluice/functions/function_registry.h"
#include "sluice/types/decimal.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/time_zone.h"

namespace sluice::function {
namespace {

// Values as a kernel reads them: decimals widened to 128 bits.
template <typename T>
struct Access {
  static T Load(const Vector& v, size_t i) { return v.data<T>()[i]; }
  static void Store(Vector& v, size_t i, const T& x) { v.data<T>()[i] = x; }
};
template <>
struct Access<Int128> {
  static Int128 Load(const Vector& v, size_t i) {
    return LoadDecimal(v.data<uint8_t>(), i, v.type().PhysicalSize() == 16);
  }
  static void Store(Vector& v, size_t i, Int128 x) {
    StoreDecimal(v.data<uint8_t>(), i, v.type().PhysicalSize() == 16, x);
  }
};

// Whether `candidate` replaces `current` as the greatest (or least) so far.
template <typename T, bool kGreatest>
bool Replaces(const T& candidate, const T& current) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(current)) return true;
    if (std::isnan(candidate)) return false;
  }
  if constexpr (std::is_same_v<T, StringRef>) {
    int c = candidate.Compare(current);
    return kGreatest ? c > 0 : c < 0;
  } else {
    return kGreatest ? current < candidate : candidate < current;
  }
}

template <typename T, bool kGreatest>
void GreatestLeastKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    T best = Access<T>::Load(*args[0], i);
    for (size_t a = 1; a < args.size(); ++a) {
      T v = Access<T>::Load(*args[a], i);
      if (Replaces<T, kGreatest>(v, best)) best = v;
    }
    Access<T>::Store(result, i, best);
  }
  if constexpr (std::is_same_v<T, StringRef>) {
    for (const Vector* a : args) result.ShareBuffersOf(*a);
  }
}

template <typename T>
void NullIfKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& a = *args[0];
  const Vector& b = *args[1];
  for (size_t i = 0; i < count; ++i) {
    if (a.IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    T x = Access<T>::Load(a, i);
    if (!b.IsNull(i) && x == Access<T>::Load(b, i)) {  // NaN = NaN is false: NaN stays
      result.SetNull(i);
      continue;
    }
    Access<T>::Store(result, i, x);
  }
  if constexpr (std::is_same_v<T, StringRef>) result.ShareBuffersOf(a);
}

LogicalType FirstArgumentType(const std::vector<LogicalType>& args) { return args[0]; }

template <typename T>
void RegisterFor(FunctionRegistry& r, LogicalType t) {
  ScalarFunction greatest{"greatest", {t}, t, GreatestLeastKernel<T, true>, /*variadic=*/true};
  ScalarFunction least{"least", {t}, t, GreatestLeastKernel<T, false>, /*variadic=*/true};
  ScalarFunction nullif{"nullif", {t, t}, t, NullIfKernel<T>};
  nullif.null_propagating = false;
  for (ScalarFunction* f : {&greatest, &least, &nullif}) {
    // The decimal overloads keep the (common) decimal type of their arguments.
    if (t.IsAnyDecimal()) f->bind_return_type = FirstArgumentType;
    r.AddScalar(*f);
  }
}

}  // namespace

void RegisterConditionalFunctions(FunctionRegistry& r) {
  RegisterFor<uint8_t>(r, LogicalType::Boolean());
  RegisterFor<int8_t>(r, LogicalType::Tinyint());
  RegisterFor<int16_t>(r, LogicalType::Smallint());
  RegisterFor<int32_t>(r, LogicalType::Integer());
  RegisterFor<int64_t>(r, LogicalType::Bigint());
  RegisterFor<float>(r, LogicalType::Real());
  RegisterFor<double>(r, LogicalType::Double());
  RegisterFor<StringRef>(r, LogicalType::Varchar());
  RegisterFor<int32_t>(r, LogicalType::Date());
  RegisterFor<int64_t>(r, LogicalType::AnyTimestamp());
  RegisterFor<TimestampTzInstant>(r, LogicalType::AnyTimestampTz());
  RegisterFor<Int128>(r, LogicalType::AnyDecimal());
}

}  // namespace sluice::function
