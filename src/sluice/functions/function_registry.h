#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sluice/functions/aggregate_function.h"
#include "sluice/functions/scalar_function.h"
#include "sluice/functions/window_function.h"

namespace sluice::function {

// A resolved call: the overload and the type each argument must be cast to.
template <typename F>
struct BoundCall {
  F function;
  std::vector<LogicalType> arg_types;  // what each argument must be cast to
};

// A scalar function whose signature has type parameters (array(T),
// map(K,V), row(...)): `bind` checks the argument types and returns the
// types to cast them to, the return type and the kernel; it throws
// FUNCTION_NOT_FOUND or TYPE_MISMATCH with Trino's message when they do not
// fit.
using GenericScalarBind = BoundCall<ScalarFunction> (*)(const std::vector<LogicalType>& args);
// The same for aggregates (array_agg(T), map_agg(K, V), ...). Aggregates of
// several arguments get them packed into one ROW argument by the binder.
using GenericAggregateBind = BoundCall<AggregateFunction> (*)(const std::vector<LogicalType>& args);

// Every scalar, aggregate and window function, by lower-case name, with overloads.
// Built once (Get()), immutable afterwards, so readable from any thread.
class FunctionRegistry {
 public:
  static const FunctionRegistry& Get();

  void AddScalar(ScalarFunction f);
  void AddAggregate(AggregateFunction f);
  void AddWindow(WindowFunction f);
  void AddGenericScalar(const std::string& name, GenericScalarBind bind) { generic_scalars_[name] = bind; }
  void AddGenericAggregate(const std::string& name, GenericAggregateBind bind) { generic_aggregates_[name] = bind; }

  bool HasScalar(const std::string& name) const {
    return scalars_.count(name) > 0 || generic_scalars_.count(name) > 0;
  }
  bool HasAggregate(const std::string& name) const {
    return aggregates_.count(name) > 0 || generic_aggregates_.count(name) > 0;
  }
  bool HasWindow(const std::string& name) const { return windows_.count(name) > 0; }
  // The window function `name`, which must exist (HasWindow).
  const WindowFunction& GetWindow(const std::string& name) const { return windows_.at(name); }

  // Picks the overload reachable with the cheapest implicit coercions (Trino's
  // numeric widening; an untyped NULL fits anything); a generic binding of
  // the name when no fixed overload fits or a nested argument is given. Throws
  // FUNCTION_NOT_FOUND naming the function and the argument types when none fits.
  BoundCall<ScalarFunction> BindScalar(const std::string& name,
                                       const std::vector<LogicalType>& args) const;
  BoundCall<AggregateFunction> BindAggregate(const std::string& name,
                                             const std::vector<LogicalType>& args) const;
  // Through the function's own bind (see WindowBindFunction).
  BoundCall<WindowFunction> BindWindow(const std::string& name, const std::vector<LogicalType>& args) const;

 private:
  std::map<std::string, std::vector<ScalarFunction>> scalars_;
  std::map<std::string, GenericScalarBind> generic_scalars_;
  std::map<std::string, GenericAggregateBind> generic_aggregates_;
  std::map<std::string, std::vector<AggregateFunction>> aggregates_;
  std::map<std::string, WindowFunction> windows_;
};

// Cost of implicitly coercing `from` to `to`: 0 equal, >0 widening, nullopt
// impossible. `to` may be LogicalType::AnyDecimal().
std::optional<int> ImplicitCastCost(LogicalType from, LogicalType to);

// The concrete type an argument of type `from` takes for a `declared`
// signature type: itself, or for AnyDecimal the decimal it coerces to.
LogicalType BindArgumentType(LogicalType from, LogicalType declared);

// format(fmt, args...) for these argument types (the first varchar): built
// per call, since its arguments take any type. Throws NOT_SUPPORTED for a
// type Trino cannot format.
ScalarFunction FormatFunction(const std::vector<LogicalType>& args);

// One registration function per family file.
void RegisterArithmeticFunctions(FunctionRegistry& registry);
void RegisterComparisonFunctions(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);
void RegisterLikeFunctions(FunctionRegistry& registry);
void RegisterCountAggregates(FunctionRegistry& registry);
void RegisterSumAvgAggregates(FunctionRegistry& registry);
void RegisterMinMaxAggregates(FunctionRegistry& registry);
void RegisterDecimalArithmeticFunctions(FunctionRegistry& registry);
void RegisterDecimalComparisonFunctions(FunctionRegistry& registry);
void RegisterDecimalMathFunctions(FunctionRegistry& registry);
void RegisterDecimalAggregates(FunctionRegistry& registry);
void RegisterRegexpFunctions(FunctionRegistry& registry);
void RegisterUrlFunctions(FunctionRegistry& registry);
void RegisterDateTimeFunctions(FunctionRegistry& registry);
void RegisterConditionalFunctions(FunctionRegistry& registry);
void RegisterBoolAggregates(FunctionRegistry& registry);
void RegisterArbitraryAggregates(FunctionRegistry& registry);
void RegisterVarianceAggregates(FunctionRegistry& registry);
void RegisterApproxDistinctAggregates(FunctionRegistry& registry);
void RegisterApproxPercentileAggregates(FunctionRegistry& registry);
void RegisterListaggAggregate(FunctionRegistry& registry);
void RegisterCovarianceAggregates(FunctionRegistry& registry);
void RegisterChecksumAggregate(FunctionRegistry& registry);
void RegisterRankingWindowFunctions(FunctionRegistry& registry);
void RegisterOffsetWindowFunctions(FunctionRegistry& registry);
void RegisterValueWindowFunctions(FunctionRegistry& registry);
void RegisterNestedConstructorFunctions(FunctionRegistry& registry);
void RegisterNestedComparisonFunctions(FunctionRegistry& registry);
void RegisterArrayFunctions(FunctionRegistry& registry);
void RegisterSequenceFunctions(FunctionRegistry& registry);
void RegisterMapFunctions(FunctionRegistry& registry);
void RegisterSplitFunctions(FunctionRegistry& registry);
void RegisterNestedAggregates(FunctionRegistry& registry);

}  // namespace sluice::function
