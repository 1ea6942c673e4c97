// Binding of the functions that take lambdas. Their signatures have type
// parameters that the non-lambda arguments fix; a lambda's parameters take
// those types and its body is bound with them in scope (they shadow
// columns), then the function's return type follows from the body's:
//   transform(array(T), T -> U) -> array(U)
//   filter(array(T), T -> boolean) -> array(T)
//   any_match / all_match / none_match(array(T), T -> boolean) -> boolean
//   reduce(array(T), S, (S, T) -> S, S -> R) -> R
//   transform_keys(map(K,V), (K, V) -> K2) -> map(K2, V)
//   transform_values(map(K,V), (K, V) -> V2) -> map(K, V2)
//   map_filter(map(K,V), (K, V) -> boolean) -> map(K, V)
//   zip_with(array(T), array(U), (T, U) -> R) -> array(R)
#include <set>

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/sql/planner/binder_internal.h"

namespace sluice::planner {

namespace {

// Where a function's lambdas sit among its arguments, and their arities.
struct LambdaSignature {
  size_t arguments;
  std::vector<size_t> lambda_positions;
};

const std::map<std::string, LambdaSignature>& Signatures() {
  static const std::map<std::string, LambdaSignature> kSignatures = {
      {"transform", {2, {1}}},        {"filter", {2, {1}}},           {"any_match", {2, {1}}},
      {"all_match", {2, {1}}},        {"none_match", {2, {1}}},       {"reduce", {4, {2, 3}}},
      {"transform_keys", {2, {1}}},   {"transform_values", {2, {1}}}, {"map_filter", {2, {1}}},
      {"zip_with", {3, {2}}},
  };
  return kSignatures;
}

}  // namespace

bool IsLambdaFunction(const std::string& name) { return Signatures().count(name) > 0; }

BoundExpressionPtr Binder::TryBindLambdaParameter(const std::string& name) const {
  size_t after = 0;  // parameters of inner lambdas, after the one found in the batch
  for (size_t s = lambda_scopes_.size(); s-- > 0;) {
    const LambdaScope& scope = lambda_scopes_[s];
    for (size_t p = 0; p < scope.names.size(); ++p) {
      if (scope.names[p] != name) continue;
      auto e = std::make_unique<BoundExpression>();
      e->kind = ExpressionKind::kLambdaParameter;
      e->type = scope.types[p];
      e->name = name;
      e->column_index = after + (scope.names.size() - p);
      return e;
    }
    after += scope.names.size();
  }
  return nullptr;
}

BoundExpressionPtr Binder::BindLambdaBody(const sql::Expression& lambda, const std::vector<LogicalType>& param_types,
                                          Block& block, bool aggregated) {
  if (lambda.kind != sql::ExpressionKind::kLambda) {
    Fail(ErrorCode::kTypeMismatch, "Expected a lambda expression, got " + lambda.ToString(), lambda);
  }
  const auto& l = static_cast<const sql::LambdaExpression&>(lambda);
  if (l.parameters.size() != param_types.size()) {
    Fail(ErrorCode::kTypeMismatch,
         "Expected a lambda that takes " + std::to_string(param_types.size()) + " argument(s) but got " +
             std::to_string(l.parameters.size()),
         lambda);
  }
  LambdaScope scope;
  for (size_t p = 0; p < l.parameters.size(); ++p) {
    scope.names.push_back(AsciiLower(l.parameters[p].name));
    // A parameter of unknown type (from an array of NULLs) binds as an
    // untyped NULL does: it fits any argument.
    scope.types.push_back(param_types[p]);
  }
  lambda_scopes_.push_back(std::move(scope));
  BoundExpressionPtr body;
  try {
    body = BindNode(*l.body, block, aggregated);
  } catch (...) {
    lambda_scopes_.pop_back();
    throw;
  }
  lambda_scopes_.pop_back();
  return body;
}

BoundExpressionPtr Binder::BindLambdaCall(const std::string& name, const sql::FunctionCall& call, Block& block,
                                          bool aggregated) {
  const LambdaSignature& sig = Signatures().at(name);
  if (call.arguments.size() != sig.arguments) {
    Fail(ErrorCode::kFunctionNotFound,
         "Function '" + name + "' takes " + std::to_string(sig.arguments) + " arguments, got " +
             std::to_string(call.arguments.size()),
         call);
  }
  std::vector<BoundExpressionPtr> args(sig.arguments);
  for (size_t i = 0; i < sig.arguments; ++i) {
    const bool is_lambda = std::find(sig.lambda_positions.begin(), sig.lambda_positions.end(), i) !=
                           sig.lambda_positions.end();
    if (!is_lambda) args[i] = BindNode(*call.arguments[i], block, aggregated);
  }
  auto expect = [&](size_t i, TypeId id, const char* what) {
    if (args[i]->type.id() == TypeId::kInvalid) {
      // An untyped NULL argument: a NULL of the expected kind.
      args[i] = BoundExpression::Cast(std::move(args[i]), id == TypeId::kMap
                                                              ? LogicalType::Map(LogicalType(), LogicalType())
                                                              : LogicalType::Array(LogicalType()));
    }
    if (args[i]->type.id() != id) {
      Fail(ErrorCode::kFunctionNotFound,
           "Unexpected parameters for function " + name + ": argument " + std::to_string(i + 1) + " must be " + what +
               ", got " + args[i]->type.ToString(),
           call);
    }
  };
  auto element = [](const LogicalType& array) { return array.ElementType(); };
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kLambdaCall;
  e->function.name = name;
  e->name = call.ToString();
  auto require_boolean = [&](const BoundExpressionPtr& body) {
    if (body->type.id() != TypeId::kBoolean) {
      Fail(ErrorCode::kTypeMismatch, "Lambda of " + name + " must return boolean, got " + body->type.ToString(), call);
    }
  };
  if (name == "reduce") {
    expect(0, TypeId::kArray, "an array");
    const LogicalType t = element(args[0]->type);
    LogicalType s = args[1]->type.id() == TypeId::kInvalid ? t : args[1]->type;
    auto input = BindLambdaBody(*call.arguments[2], {s, t}, block, aggregated);
    if (input->type != s) {
      // The state takes the type both the initial value and the step give.
      const LogicalType common = CommonSuperType(s, input->type);
      if (common.id() == TypeId::kInvalid) {
        Fail(ErrorCode::kTypeMismatch, "reduce: the lambda returns " + input->type.ToString() +
                                           " for a state of type " + s.ToString(), call);
      }
      s = common;
      input = BoundExpression::Cast(BindLambdaBody(*call.arguments[2], {s, t}, block, aggregated), s);
    }
    args[1] = BoundExpression::Cast(std::move(args[1]), s);
    auto output = BindLambdaBody(*call.arguments[3], {s}, block, aggregated);
    e->type = output->type;
    args[2] = std::move(input);
    args[3] = std::move(output);
    e->lambda_arity = {0, 0, 2, 1};
  } else if (name == "zip_with") {
    expect(0, TypeId::kArray, "an array");
    expect(1, TypeId::kArray, "an array");
    auto body = BindLambdaBody(*call.arguments[2], {element(args[0]->type), element(args[1]->type)}, block, aggregated);
    e->type = LogicalType::Array(body->type);
    args[2] = std::move(body);
    e->lambda_arity = {0, 0, 2};
  } else if (name == "transform_keys" || name == "transform_values" || name == "map_filter") {
    expect(0, TypeId::kMap, "a map");
    const LogicalType map = args[0]->type;
    auto body = BindLambdaBody(*call.arguments[1], {map.KeyType(), map.ValueType()}, block, aggregated);
    if (name == "map_filter") {
      require_boolean(body);
      e->type = map;
    } else if (name == "transform_keys") {
      e->type = LogicalType::Map(body->type, map.ValueType());
    } else {
      e->type = LogicalType::Map(map.KeyType(), body->type);
    }
    args[1] = std::move(body);
    e->lambda_arity = {0, 2};
  } else {
    expect(0, TypeId::kArray, "an array");
    auto body = BindLambdaBody(*call.arguments[1], {element(args[0]->type)}, block, aggregated);
    if (name == "transform") {
      e->type = LogicalType::Array(body->type);
    } else {
      require_boolean(body);
      e->type = name == "filter" ? args[0]->type : LogicalType::Boolean();
    }
    args[1] = std::move(body);
    e->lambda_arity = {0, 1};
  }
  if (name == "filter") e->type = args[0]->type;
  e->children = std::move(args);
  return e;
}

}  // namespace sluice::planner
