// variance / var_samp, var_pop, stddev / stddev_samp, stddev_pop over
// double (other numbers coerce to it), as in Trino: NULLs ignored; an empty
// group gives NULL, and so does one row for the sample forms.
// Welford's update per row and Chan's formula to merge partial states, so
// the result does not lose precision to cancellation as sum-of-squares does.
#include <cmath>
#include <cstring>

#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

struct Moments {
  int64_t n;
  double mean;
  double m2;  // sum of squared deviations from the mean
};

void Init(uint8_t* s) { std::memset(s, 0, sizeof(Moments)); }

inline void Add(Moments& m, double x) {
  ++m.n;
  const double delta = x - m.mean;
  m.mean += delta / static_cast<double>(m.n);
  m.m2 += delta * (x - m.mean);
}

void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  const double* v = arg->data<double>();
  const bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    Add(*reinterpret_cast<Moments*>(states[i]), v[i]);
  }
}

void UpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  const double* v = arg->data<double>();
  const ValidityMask& validity = arg->validity();
  Moments& m = *reinterpret_cast<Moments*>(state);
  for (size_t i = 0; i < count; ++i) {
    if (validity.IsValid(i)) Add(m, v[i]);
  }
}

void Combine(const uint8_t* source, uint8_t* target) {
  const auto& a = *reinterpret_cast<const Moments*>(source);
  auto& b = *reinterpret_cast<Moments*>(target);
  if (a.n == 0) return;
  if (b.n == 0) {
    b = a;
    return;
  }
  const double n = static_cast<double>(a.n + b.n);
  const double delta = a.mean - b.mean;
  b.mean += delta * static_cast<double>(a.n) / n;
  b.m2 += a.m2 + delta * delta * static_cast<double>(a.n) * static_cast<double>(b.n) / n;
  b.n += a.n;
}

template <bool kSample, bool kRoot>
void Finalize(const uint8_t* state, Vector& out, size_t row) {
  const auto& m = *reinterpret_cast<const Moments*>(state);
  const int64_t divisor = kSample ? m.n - 1 : m.n;
  if (divisor <= 0) {
    out.SetNull(row);
    return;
  }
  // Rounding can leave a tiny negative m2 for constant input.
  const double variance = std::max(0.0, m.m2) / static_cast<double>(divisor);
  out.data<double>()[row] = kRoot ? std::sqrt(variance) : variance;
}

template <bool kSample, bool kRoot>
AggregateFunction Make(const char* name) {
  AggregateFunction f;
  f.name = name;
  f.arg_types = {LogicalType::Double()};
  f.return_type = LogicalType::Double();
  f.state_size = sizeof(Moments);
  f.initialize = Init;
  f.update = Update;
  f.update_single = UpdateSingle;
  f.combine = Combine;
  f.finalize = Finalize<kSample, kRoot>;
  return f;
}

}  // namespace

void RegisterVarianceAggregates(FunctionRegistry& r) {
  r.AddAggregate(Make<true, false>("variance"));
  r.AddAggregate(Make<true, false>("var_samp"));
  r.AddAggregate(Make<false, false>("var_pop"));
  r.AddAggregate(Make<true, true>("stddev"));
  r.AddAggregate(Make<true, true>("stddev_samp"));
  r.AddAggregate(Make<false, true>("stddev_pop"));
}

}  // namespace sluice::function
