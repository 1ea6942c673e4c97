#include "sluice/expression/bound_expression.h"

namespace sluice {

std::unique_ptr<BoundExpression> BoundExpression::Copy() const {
  auto out = std::make_unique<BoundExpression>();
  out->kind = kind;
  out->type = type;
  out->name = name;
  out->column_index = column_index;
  out->constant = constant;
  out->function = function;
  out->try_cast = try_cast;
  out->depth = depth;
  for (const auto& c : children) out->children.push_back(c->Copy());
  out->lambda_arity = lambda_arity;
  return out;
}

std::string BoundExpression::ToString() const {
  auto join = [&](const char* sep) {
    std::string s;
    for (size_t i = 0; i < children.size(); ++i) {
      if (i) s += sep;
      s += children[i]->ToString();
    }
    return s;
  };
  switch (kind) {
    case ExpressionKind::kColumnRef: return name.empty() ? "#" + std::to_string(column_index) : name;
    case ExpressionKind::kConstant: return constant.ToSqlLiteral();
    case ExpressionKind::kFunction: return function.name + "(" + join(", ") + ")";
    case ExpressionKind::kCast:
      return std::string(try_cast ? "TRY_CAST(" : "CAST(") + children[0]->ToString() + " AS " +
             type.ToString() + ")";
    case ExpressionKind::kAnd: return "(" + join(" AND ") + ")";
    case ExpressionKind::kOr: return "(" + join(" OR ") + ")";
    case ExpressionKind::kNot: return "(NOT " + children[0]->ToString() + ")";
    case ExpressionKind::kIsNull: return "(" + children[0]->ToString() + " IS NULL)";
    case ExpressionKind::kIsNotNull: return "(" + children[0]->ToString() + " IS NOT NULL)";
    case ExpressionKind::kCase: return "CASE(" + join(", ") + ")";
    case ExpressionKind::kTry: return "try(" + children[0]->ToString() + ")";
    case ExpressionKind::kOuterRef: return name.empty() ? "outer#" + std::to_string(column_index) : name;
    case ExpressionKind::kLambdaCall: return function.name + "(" + join(", ") + ")";
    case ExpressionKind::kLambdaParameter: return name;
  }
  return name;
}

bool BoundExpression::IsConstant() const {
  if (kind == ExpressionKind::kColumnRef || kind == ExpressionKind::kOuterRef ||
      kind == ExpressionKind::kLambdaParameter) {
    return false;
  }
  for (const auto& c : children) {
    if (!c->IsConstant()) return false;
  }
  return true;
}

// rand(), random() and uuid() are the only functions whose value changes per
// call (ScalarFunction has no determinism flag).
bool BoundExpression::IsDeterministic() const {
  if (kind == ExpressionKind::kFunction &&
      (function.name == "rand" || function.name == "random" || function.name == "uuid")) {
    return false;
  }
  for (const auto& c : children) {
    if (!c->IsDeterministic()) return false;
  }
  return true;
}

std::unique_ptr<BoundExpression> BoundExpression::ColumnRef(size_t index, LogicalType type,
                                                            std::string name) {
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kColumnRef;
  e->column_index = index;
  e->type = type;
  e->name = std::move(name);
  return e;
}

std::unique_ptr<BoundExpression> BoundExpression::OuterRef(uint32_t depth, size_t index, LogicalType type,
                                                           std::string name) {
  auto e = ColumnRef(index, type, std::move(name));
  e->kind = ExpressionKind::kOuterRef;
  e->depth = depth;
  return e;
}

std::unique_ptr<BoundExpression> BoundExpression::Constant(Value value) {
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kConstant;
  e->type = value.type();
  e->constant = std::move(value);
  return e;
}

std::unique_ptr<BoundExpression> BoundExpression::Cast(std::unique_ptr<BoundExpression> child,
                                                       LogicalType target, bool try_cast) {
  if (child->type == target && !try_cast) return child;
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kCast;
  e->type = target;
  e->try_cast = try_cast;
  e->name = child->name;
  e->children.push_back(std::move(child));
  return e;
}

std::unique_ptr<BoundExpression> BoundExpression::Conjunction(std::vector<std::unique_ptr<BoundExpression>> terms) {
  if (terms.size() == 1) return std::move(terms[0]);
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kAnd;
  e->type = LogicalType::Boolean();
  e->children = std::move(terms);
  return e;
}

}  // namespace sluice
