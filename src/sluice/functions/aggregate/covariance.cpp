// Aggregates of two numbers (y, x), dependent first, over double (other
// numbers coerce to it), as in Trino: rows where y or x is NULL are ignored.
//   covar_pop(y, x)       population covariance; NULL without rows
//   covar_samp(y, x)      sample covariance; NULL for fewer than two rows
//   corr(y, x)            Pearson's coefficient; NULL when not finite
//                         (no rows, or a constant y or x)
//   regr_slope(y, x)      least-squares slope of y on x; NULL when not finite
//   regr_intercept(y, x)  its intercept; NULL when not finite
// The binder packs the two arguments into one row. Co-moments are updated
// per row with Welford's method and merged with Chan's formulas, so that
// large means do not cancel the digits that matter (as sums of products
// would).
#include <cmath>
#include <cstring>

#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

struct CoMoments {
  int64_t n;
  double mean_x, mean_y;
  double m2_x, m2_y;  // sums of squared deviations from the means
  double c_xy;        // sum of products of the deviations
};

void Init(uint8_t* s) { std::memset(s, 0, sizeof(CoMoments)); }

inline void Add(CoMoments& m, double y, double x) {
  ++m.n;
  const double n = static_cast<double>(m.n);
  const double dx = x - m.mean_x;
  const double dy = y - m.mean_y;
  m.mean_x += dx / n;
  m.mean_y += dy / n;
  m.m2_x += dx * (x - m.mean_x);
  m.m2_y += dy * (y - m.mean_y);
  m.c_xy += dx * (y - m.mean_y);
}

template <typename StateAt>
void UpdateRows(const Vector* arg, size_t count, const StateAt& state_at) {
  const Vector& y = arg->child(0);
  const Vector& x = arg->child(1);
  const double* ys = y.data<double>();
  const double* xs = x.data<double>();
  const bool all_valid = arg->validity().AllValid() && y.validity().AllValid() && x.validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && (arg->IsNull(i) || y.IsNull(i) || x.IsNull(i))) continue;
    Add(state_at(i), ys[i], xs[i]);
  }
}

void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  UpdateRows(arg, count, [&](size_t i) -> CoMoments& { return *reinterpret_cast<CoMoments*>(states[i]); });
}

void UpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  CoMoments& m = *reinterpret_cast<CoMoments*>(state);
  UpdateRows(arg, count, [&](size_t) -> CoMoments& { return m; });
}

void Combine(const uint8_t* source, uint8_t* target) {
  const auto& a = *reinterpret_cast<const CoMoments*>(source);
  auto& b = *reinterpret_cast<CoMoments*>(target);
  if (a.n == 0) return;
  if (b.n == 0) {
    b = a;
    return;
  }
  const double na = static_cast<double>(a.n), nb = static_cast<double>(b.n), n = na + nb;
  const double dx = a.mean_x - b.mean_x;
  const double dy = a.mean_y - b.mean_y;
  b.m2_x += a.m2_x + dx * dx * na * nb / n;
  b.m2_y += a.m2_y + dy * dy * na * nb / n;
  b.c_xy += a.c_xy + dx * dy * na * nb / n;
  b.mean_x += dx * na / n;
  b.mean_y += dy * na / n;
  b.n += a.n;
}

enum class Statistic { kCovarPop, kCovarSamp, kCorr, kSlope, kIntercept };

template <Statistic kWhat>
void Finalize(const uint8_t* state, Vector& out, size_t row) {
  const auto& m = *reinterpret_cast<const CoMoments*>(state);
  const double n = static_cast<double>(m.n);
  double result = NAN;
  switch (kWhat) {
    case Statistic::kCovarPop: result = m.n > 0 ? m.c_xy / n : NAN; break;
    case Statistic::kCovarSamp: result = m.n > 1 ? m.c_xy / (n - 1) : NAN; break;
    case Statistic::kCorr: result = m.c_xy / std::sqrt(m.m2_x * m.m2_y); break;
    case Statistic::kSlope: result = m.c_xy / m.m2_x; break;
    case Statistic::kIntercept: result = m.mean_y - m.c_xy / m.m2_x * m.mean_x; break;
  }
  // Trino: covariances of enough rows are written as they are (NaN or
  // infinite inputs included); the others are NULL unless finite.
  const bool covariance = kWhat == Statistic::kCovarPop || kWhat == Statistic::kCovarSamp;
  const bool defined = covariance ? m.n > (kWhat == Statistic::kCovarSamp ? 1 : 0) : std::isfinite(result);
  if (!defined) {
    out.SetNull(row);
    return;
  }
  out.SetNull(row, false);
  out.data<double>()[row] = result;
}

bool IsNumberOrNull(const LogicalType& t) { return t.IsNumeric() || t.id() == TypeId::kInvalid; }

template <Statistic kWhat>
BoundCall<AggregateFunction> Bind(const std::vector<LogicalType>& args) {
  static const char* kNames[] = {"covar_pop", "covar_samp", "corr", "regr_slope", "regr_intercept"};
  const char* name = kNames[static_cast<int>(kWhat)];
  const bool pair = args.size() == 1 && args[0].id() == TypeId::kRow && args[0].Children().size() == 2;
  const std::vector<LogicalType>& types = pair ? args[0].Children() : args;
  if (!pair || !IsNumberOrNull(types[0]) || !IsNumberOrNull(types[1])) {
    ThrowUnexpectedParameters(name, types, std::string(name) + "(double, double)");
  }
  AggregateFunction f;
  f.name = name;
  f.arg_types = {LogicalType::Row({LogicalType::Double(), LogicalType::Double()}, {"", ""})};
  f.return_type = LogicalType::Double();
  f.state_size = sizeof(CoMoments);
  f.initialize = &Init;
  f.update = &Update;
  f.update_single = &UpdateSingle;
  f.combine = &Combine;
  f.finalize = &Finalize<kWhat>;
  return BoundCall<AggregateFunction>{f, f.arg_types};
}

// ---- geometric_mean(x): exp of the mean of ln(x), as Trino computes it
// (a negative value makes it NaN, a zero 0) ----

struct LogSum {
  int64_t n;
  double log_sum;
};

void LogSumInit(uint8_t* s) { std::memset(s, 0, sizeof(LogSum)); }

template <typename StateAt>
void AddLogs(const Vector* arg, size_t count, const StateAt& state_at) {
  const double* v = arg->data<double>();
  for (size_t i = 0; i < count; ++i) {
    if (arg->IsNull(i)) continue;
    LogSum& s = state_at(i);
    ++s.n;
    s.log_sum += std::log(v[i]);
  }
}

void LogSumUpdate(const Vector* arg, size_t count, uint8_t* const* states) {
  AddLogs(arg, count, [&](size_t i) -> LogSum& { return *reinterpret_cast<LogSum*>(states[i]); });
}

void LogSumUpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  LogSum& s = *reinterpret_cast<LogSum*>(state);
  AddLogs(arg, count, [&](size_t) -> LogSum& { return s; });
}

void LogSumCombine(const uint8_t* source, uint8_t* target) {
  const auto& a = *reinterpret_cast<const LogSum*>(source);
  auto& b = *reinterpret_cast<LogSum*>(target);
  b.n += a.n;
  b.log_sum += a.log_sum;
}

void GeometricMeanFinalize(const uint8_t* state, Vector& out, size_t row) {
  const auto& s = *reinterpret_cast<const LogSum*>(state);
  if (s.n == 0) {
    out.SetNull(row);
    return;
  }
  out.SetNull(row, false);
  out.data<double>()[row] = std::exp(s.log_sum / static_cast<double>(s.n));
}

AggregateFunction GeometricMean() {
  AggregateFunction f;
  f.name = "geometric_mean";
  f.arg_types = {LogicalType::Double()};
  f.return_type = LogicalType::Double();
  f.state_size = sizeof(LogSum);
  f.initialize = &LogSumInit;
  f.update = &LogSumUpdate;
  f.update_single = &LogSumUpdateSingle;
  f.combine = &LogSumCombine;
  f.finalize = &GeometricMeanFinalize;
  return f;
}

}  // namespace

void RegisterCovarianceAggregates(FunctionRegistry& registry) {
  registry.AddGenericAggregate("covar_pop", &Bind<Statistic::kCovarPop>);
  registry.AddGenericAggregate("covar_samp", &Bind<Statistic::kCovarSamp>);
  registry.AddGenericAggregate("corr", &Bind<Statistic::kCorr>);
  registry.AddGenericAggregate("regr_slope", &Bind<Statistic::kSlope>);
  registry.AddGenericAggregate("regr_intercept", &Bind<Statistic::kIntercept>);
  registry.AddAggregate(GeometricMean());
}

}  // namespace sluice::function
