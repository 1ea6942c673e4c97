// Math functions: round (half away from zero, as Trino), abs, floor, ceil.
#include <cmath>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

double RoundTo(double v, int64_t digits) {
  if (!std::isfinite(v)) return v;
  double scale = std::pow(10.0, static_cast<double>(digits));
  double r = std::round(v * scale) / scale;
  return std::isfinite(r) ? r : v;
}

template <typename T>
void RoundKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  PropagateNulls(args, count, result);
  const T* in = args[0]->data<T>();
  T* out = result.data<T>();
  for (size_t i = 0; i < count; ++i) out[i] = static_cast<T>(std::round(in[i]));
}

template <typename T>
void RoundDigitsKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  PropagateNulls(args, count, result);
  const T* in = args[0]->data<T>();
  const int64_t* digits = args[1]->data<int64_t>();
  T* out = result.data<T>();
  for (size_t i = 0; i < count; ++i) out[i] = static_cast<T>(RoundTo(in[i], digits[i]));
}

template <typename T>
void IdentityKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  result.CopyFrom(*args[0], nullptr, count, 0);
}

template <typename T, T (*F)(T)>
void UnaryFloatKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  PropagateNulls(args, count, result);
  const T* in = args[0]->data<T>();
  T* out = result.data<T>();
  for (size_t i = 0; i < count; ++i) out[i] = F(in[i]);
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
        throw SluiceError(ErrorCode::kNumericOverflow, "Value -" + std::to_string(in[i]) + " is out of range for abs()");
      }
      out[i] = in[i] < 0 ? static_cast<T>(-in[i]) : in[i];
    } else {
      out[i] = std::fabs(in[i]);
    }
  }
}

double Floor(double v) { return std::floor(v); }
double Ceil(double v) { return std::ceil(v); }

}  // namespace

void RegisterMathFunctions(FunctionRegistry& r) {
  const LogicalType d = LogicalType::Double();
  const LogicalType f = LogicalType::Real();
  const LogicalType b = LogicalType::Bigint();
  r.AddScalar({"round", {d}, d, RoundKernel<double>});
  r.AddScalar({"round", {f}, f, RoundKernel<float>});
  r.AddScalar({"round", {d, b}, d, RoundDigitsKernel<double>});
  r.AddScalar({"round", {f, b}, f, RoundDigitsKernel<float>});
  for (LogicalType t : {LogicalType::Tinyint(), LogicalType::Smallint(), LogicalType::Integer(), b}) {
    r.AddScalar({"round", {t}, t, IdentityKernel<int64_t>});
  }
  r.AddScalar({"floor", {d}, d, UnaryFloatKernel<double, Floor>});
  r.AddScalar({"ceil", {d}, d, UnaryFloatKernel<double, Ceil>});
  r.AddScalar({"ceiling", {d}, d, UnaryFloatKernel<double, Ceil>});
  r.AddScalar({"abs", {LogicalType::Tinyint()}, LogicalType::Tinyint(), AbsKernel<int8_t>});
  r.AddScalar({"abs", {LogicalType::Smallint()}, LogicalType::Smallint(), AbsKernel<int16_t>});
  r.AddScalar({"abs", {LogicalType::Integer()}, LogicalType::Integer(), AbsKernel<int32_t>});
  r.AddScalar({"abs", {b}, b, AbsKernel<int64_t>});
  r.AddScalar({"abs", {f}, f, AbsKernel<float>});
  r.AddScalar({"abs", {d}, d, AbsKernel<double>});
}

}  // namespace sluice::function
