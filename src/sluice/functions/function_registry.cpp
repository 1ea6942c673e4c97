#include "sluice/functions/function_registry.h"

#include <algorithm>
#include <limits>

#include "sluice/common/error.h"

namespace sluice::function {

// Declared here rather than in the header: only this list calls it.
void RegisterJsonFunctions(FunctionRegistry& registry);
void RegisterBinaryFunctions(FunctionRegistry& registry);

const FunctionRegistry& FunctionRegistry::Get() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    RegisterArithmeticFunctions(r);
    RegisterComparisonFunctions(r);
    RegisterStringFunctions(r);
    RegisterJsonFunctions(r);
    RegisterBinaryFunctions(r);
    RegisterMathFunctions(r);
    RegisterLikeFunctions(r);
    RegisterCountAggregates(r);
    RegisterSumAvgAggregates(r);
    RegisterMinMaxAggregates(r);
    // After the fixed-type overloads, which win ties (an untyped NULL).
    RegisterDecimalArithmeticFunctions(r);
    RegisterDecimalComparisonFunctions(r);
    RegisterDecimalMathFunctions(r);
    RegisterDecimalAggregates(r);
    RegisterRegexpFunctions(r);
    RegisterUrlFunctions(r);
    RegisterDateTimeFunctions(r);
    RegisterConditionalFunctions(r);
    RegisterBoolAggregates(r);
    RegisterArbitraryAggregates(r);
    RegisterVarianceAggregates(r);
    RegisterApproxDistinctAggregates(r);
    RegisterApproxPercentileAggregates(r);
    RegisterListaggAggregate(r);
    RegisterCovarianceAggregates(r);
    RegisterChecksumAggregate(r);
    RegisterRankingWindowFunctions(r);
    RegisterOffsetWindowFunctions(r);
    RegisterValueWindowFunctions(r);
    RegisterNestedConstructorFunctions(r);
    RegisterNestedComparisonFunctions(r);
    RegisterArrayFunctions(r);
    RegisterSequenceFunctions(r);
    RegisterMapFunctions(r);
    RegisterSplitFunctions(r);
    RegisterNestedAggregates(r);
    return r;
  }();
  return registry;
}

void FunctionRegistry::AddScalar(ScalarFunction f) { scalars_[f.name].push_back(std::move(f)); }

void FunctionRegistry::AddAggregate(AggregateFunction f) {
  aggregates_[f.name].push_back(std::move(f));
}

void FunctionRegistry::AddWindow(WindowFunction f) {
  const std::string name = f.name;
  windows_[name] = std::move(f);
}

namespace {

// Costs that rank decimal coercions as Trino does: an integer operation stays
// integer (widening integers costs at most 4), integers with a decimal meet
// in decimal, a decimal with a double in double.
constexpr int kIntegerToDecimalCost = 8;
constexpr int kDecimalToFloatingCost = 10;

// Whether decimal `to` holds every value of decimal `from`.
bool DecimalHolds(LogicalType to, LogicalType from) {
  return to.scale() >= from.scale() && to.width() - to.scale() >= from.width() - from.scale();
}

}  // namespace

LogicalType BindArgumentType(LogicalType from, LogicalType declared) {
  if (declared.IsAnyTimestamp()) {
    // The argument's precision (a date's is 0), with or without the zone the
    // declaration says.
    const int precision = from.IsTimestampKind() ? from.precision()
                          : from.id() == TypeId::kDate ? 0
                                                       : LogicalType::kDefaultTimestampPrecision;
    return declared.id() == TypeId::kTimestampTz ? LogicalType::TimestampTz(precision)
                                                 : LogicalType::Timestamp(precision);
  }
  if (!declared.IsAnyDecimal()) return declared;
  if (from.IsDecimal()) return from;
  if (from.IsInteger()) return LogicalType::DecimalFor(from);
  if (from.id() == TypeId::kInvalid) return LogicalType::Decimal(1, 0);  // untyped NULL
  return LogicalType();
}

std::optional<int> ImplicitCastCost(LogicalType from, LogicalType to) {
  if (from == to) return 0;
  if (from.id() == TypeId::kInvalid) return 1;  // untyped NULL
  if (to.IsDecimal()) {
    if (from.IsInteger()) {
      if (to.IsAnyDecimal() || DecimalHolds(to, LogicalType::DecimalFor(from))) return kIntegerToDecimalCost;
      return std::nullopt;
    }
    if (!from.IsDecimal()) return std::nullopt;
    if (to.IsAnyDecimal()) return 0;
    if (DecimalHolds(to, from)) return 1;
    return std::nullopt;
  }
  if (from.IsDecimal()) {
    if (to.IsFloatingPoint()) return kDecimalToFloatingCost + (to.id() == TypeId::kDouble ? 1 : 0);
    return std::nullopt;
  }
  if (from.IsNumeric() && to.IsNumeric()) {
    LogicalType common = CommonSuperType(from, to);
    if (common == to) return 1 + static_cast<int>(to.id()) - static_cast<int>(from.id());
    return std::nullopt;
  }
  if (to.IsTimestampKind()) {
    // A date and a timestamp also take a time zone (the session's), as in
    // Trino, but a time zone is never dropped.
    const int zone_cost = to.id() == TypeId::kTimestampTz && from.id() != TypeId::kTimestampTz ? 20 : 0;
    if (from.id() == TypeId::kDate) return 10 + zone_cost;
    if (!from.IsTimestampKind() || (from.id() == TypeId::kTimestampTz && to.id() == TypeId::kTimestamp)) {
      return std::nullopt;
    }
    // Timestamps widen to more fractional digits only, as in Trino.
    if (to.IsAnyTimestamp()) return zone_cost;
    if (from.precision() <= to.precision()) return 1 + zone_cost;
  }
  return std::nullopt;
}

namespace {

std::string Signature(const std::string& name, const std::vector<LogicalType>& args) {
  std::string s = name + "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) s += ", ";
    s += args[i].id() == TypeId::kInvalid ? "unknown" : args[i].ToString();
  }
  return s + ")";
}

template <typename F>
BoundCall<F> Resolve(const std::map<std::string, std::vector<F>>& table, const std::string& name,
                     const std::vector<LogicalType>& args, bool variadic_allowed) {
  auto it = table.find(name);
  if (it == table.end()) {
    throw SluiceError(ErrorCode::kFunctionNotFound, "Function '" + name + "' not registered");
  }
  const F* best = nullptr;
  std::vector<LogicalType> best_types;
  int best_cost = std::numeric_limits<int>::max();
  for (const F& f : it->second) {
    std::vector<LogicalType> target = f.arg_types;
    bool variadic = false;
    if constexpr (std::is_same_v<F, ScalarFunction>) variadic = f.variadic;
    if (variadic && variadic_allowed && !target.empty() && args.size() >= target.size()) {
      while (target.size() < args.size()) target.push_back(target.back());
    }
    if (target.size() != args.size()) continue;
    int cost = 0;
    bool ok = true;
    for (size_t i = 0; i < args.size() && ok; ++i) {
      auto c = ImplicitCastCost(args[i], target[i]);
      if (!c) ok = false; else cost += *c;
      if (ok) target[i] = BindArgumentType(args[i], target[i]);
    }
    if (ok && cost < best_cost) {
      best = &f;
      best_cost = cost;
      best_types = std::move(target);
    }
  }
  if (!best) {
    std::string candidates;
    for (const F& f : it->second) {
      candidates += "\n  " + Signature(name, f.arg_types);
      if constexpr (std::is_same_v<F, ScalarFunction>) {
        if (f.variadic) candidates += " (last argument repeats)";
      }
    }
    throw SluiceError(ErrorCode::kFunctionNotFound,
                      "Unexpected parameters " + Signature(name, args).substr(name.size()) +
                          " for function " + name + ". Expected:" + candidates);
  }
  BoundCall<F> bound{*best, best_types};
  if (bound.function.bind_return_type) bound.function.return_type = bound.function.bind_return_type(bound.arg_types);
  // A timestamp of any precision returned is that of the first such argument
  // (Trino's timestamp(p) type variable).
  if (bound.function.return_type.IsAnyTimestamp()) {
    const std::vector<LogicalType>& declared = best->arg_types;
    for (size_t i = 0; i < bound.arg_types.size(); ++i) {
      if (declared[std::min(i, declared.size() - 1)].IsAnyTimestamp()) {
        const int precision = bound.arg_types[i].precision();
        bound.function.return_type = bound.function.return_type.id() == TypeId::kTimestampTz
                                         ? LogicalType::TimestampTz(precision)
                                         : LogicalType::Timestamp(precision);
        break;
      }
    }
  }
  return bound;
}

}  // namespace

BoundCall<ScalarFunction> FunctionRegistry::BindScalar(const std::string& name,
                                                      const std::vector<LogicalType>& args) const {
  auto generic = generic_scalars_.find(name);
  if (generic == generic_scalars_.end()) return Resolve(scalars_, name, args, true);
  const bool nested = std::any_of(args.begin(), args.end(), [](const LogicalType& t) { return t.IsNested(); });
  if (!nested && scalars_.count(name)) return Resolve(scalars_, name, args, true);
  BoundCall<ScalarFunction> bound = generic->second(args);
  bound.function.name = name;
  return bound;
}

BoundCall<AggregateFunction> FunctionRegistry::BindAggregate(
    const std::string& name, const std::vector<LogicalType>& args) const {
  auto generic = generic_aggregates_.find(name);
  if (generic != generic_aggregates_.end()) return generic->second(args);
  return Resolve(aggregates_, name, args, false);
}

BoundCall<WindowFunction> FunctionRegistry::BindWindow(const std::string& name,
                                                      const std::vector<LogicalType>& args) const {
  auto it = windows_.find(name);
  if (it == windows_.end()) {
    throw SluiceError(ErrorCode::kFunctionNotFound, "Function '" + name + "' not registered");
  }
  BoundCall<WindowFunction> bound{it->second, {}};
  bound.function.return_type = bound.function.bind(name, args, bound.arg_types);
  return bound;
}

void ThrowUnexpectedParameters(const std::string& name, const std::vector<LogicalType>& args,
                               const std::string& expected) {
  throw SluiceError(ErrorCode::kFunctionNotFound, "Unexpected parameters " +
                                                      Signature(name, args).substr(name.size()) +
                                                      " for function " + name + ". Expected: " + expected);
}

bool PropagateNulls(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool any = false;
  for (const Vector* a : args) {
    if (a->validity().AllValid()) continue;
    for (size_t i = 0; i < count; ++i) {
      if (a->IsNull(i)) {
        result.SetNull(i);
        any = true;
      }
    }
  }
  return any;
}

void FinishNullSafeEquality(const std::vector<const Vector*>& args, size_t count, bool distinct,
                            Vector& result) {
  uint8_t* out = result.data<uint8_t>();
  const Vector& a = *args[0];
  const Vector& b = *args[1];
  if (!a.validity().AllValid() || !b.validity().AllValid()) {
    for (size_t i = 0; i < count; ++i) {
      const bool a_null = a.IsNull(i), b_null = b.IsNull(i);
      if (a_null || b_null) out[i] = a_null == b_null;
    }
    result.validity().SetAllValid();
  }
  if (distinct) {
    for (size_t i = 0; i < count; ++i) out[i] = !out[i];
  }
}

}  // namespace sluice::function
