#include "sluice/sql/parser/ast.h"

#include "sluice/sql/parser/keywords.h"

namespace sluice::sql {

namespace {

std::string Quote(const Identifier& id) {
  if (!id.quoted) return id.name;
  std::string out = "\"";
  for (char c : id.name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Join(const std::vector<ExpressionPtr>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += v[i]->ToString();
  }
  return s;
}

void Visit(const ExpressionPtr& e, const std::function<void(const Expression&)>& f) {
  if (e) f(*e);
}

}  // namespace

std::string QualifiedName::ToString() const {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? "." : "") + Quote(parts[i]);
  return s;
}

std::string Literal::ToString() const {
  switch (literal_kind) {
    case LiteralKind::kNull: return "NULL";
    case LiteralKind::kString: {
      std::string out = "'";
      for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
      return out + "'";
    }
    case LiteralKind::kTyped: return type_name + " '" + text + "'";
    default: return text;
  }
}

std::string ColumnRef::ToString() const {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? "." : "") + Quote(parts[i]);
  return s;
}

std::string FunctionCall::ToString() const {
  if (without_parentheses) return name.ToString();
  std::string s = name.ToString() + "(";
  if (is_star) {
    s += "*)";
  } else if (within_group && arguments.size() == 5) {
    // LISTAGG's own syntax (see the parser): x, separator, then the overflow.
    if (distinct) s += "DISTINCT ";
    s += arguments[0]->ToString() + ", " + arguments[1]->ToString() + " ON OVERFLOW ";
    s += arguments[2]->ToString() == "true" ? std::string("ERROR")
                                            : "TRUNCATE " + arguments[3]->ToString() +
                                                  (arguments[4]->ToString() == "true" ? " WITH COUNT" : " WITHOUT COUNT");
    s += ") WITHIN GROUP (ORDER BY " + OrderItemsToString(order_by) + ")";
  } else {
    if (distinct) s += "DISTINCT ";
    s += Join(arguments);
    if (!order_by.empty()) s += " ORDER BY " + OrderItemsToString(order_by);
    s += ")";
  }
  if (filter) s += " FILTER (WHERE " + filter->ToString() + ")";
  if (null_treatment != NullTreatment::kDefault) {
    s += null_treatment == NullTreatment::kIgnore ? " IGNORE NULLS" : " RESPECT NULLS";
  }
  if (window) {
    s += " OVER " + (window_is_name ? QuoteIdentifierIfNeeded(window->existing_window) : window->ToString());
  }
  return s;
}
void FunctionCall::ForEachChild(const std::function<void(const Expression&)>& f) const {
  for (const auto& a : arguments) f(*a);
  for (const auto& o : order_by) f(*o.expr);
  Visit(filter, f);
  if (window) window->ForEachExpression(f);
}

namespace {

std::string FrameBoundToString(const FrameBound& b) {
  switch (b.kind) {
    case FrameBoundKind::kUnboundedPreceding: return "UNBOUNDED PRECEDING";
    case FrameBoundKind::kPreceding: return b.offset->ToString() + " PRECEDING";
    case FrameBoundKind::kCurrentRow: return "CURRENT ROW";
    case FrameBoundKind::kFollowing: return b.offset->ToString() + " FOLLOWING";
    case FrameBoundKind::kUnboundedFollowing: return "UNBOUNDED FOLLOWING";
  }
  return "";
}

}  // namespace

std::string OrderItemsToString(const std::vector<OrderItem>& items) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) {
    const OrderItem& o = items[i];
    s += (i ? ", " : "") + o.expr->ToString();
    if (!o.ascending) s += " DESC";
    if (o.nulls_first) s += *o.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return s;
}

std::string WindowSpecification::ToString() const {
  std::string s;
  auto add = [&](const std::string& part) { s += (s.empty() ? "" : " ") + part; };
  if (!existing_window.empty()) add(QuoteIdentifierIfNeeded(existing_window));
  if (!partition_by.empty()) add("PARTITION BY " + Join(partition_by));
  if (!order_by.empty()) add("ORDER BY " + OrderItemsToString(order_by));
  if (frame) {
    static const char* kUnits[] = {"ROWS", "RANGE", "GROUPS"};
    std::string f = kUnits[static_cast<int>(frame->unit)];
    if (frame->end) {
      f += " BETWEEN " + FrameBoundToString(frame->start) + " AND " + FrameBoundToString(*frame->end);
    } else {
      f += " " + FrameBoundToString(frame->start);
    }
    add(f);
  }
  return "(" + s + ")";
}

void WindowSpecification::ForEachExpression(const std::function<void(const Expression&)>& f) const {
  for (const auto& p : partition_by) f(*p);
  for (const auto& o : order_by) f(*o.expr);
  if (frame) {
    Visit(frame->start.offset, f);
    if (frame->end) Visit(frame->end->offset, f);
  }
}

std::string Cast::ToString() const {
  return std::string(is_try ? "TRY_CAST(" : "CAST(") + operand->ToString() + " AS " + type_name + ")";
}
void Cast::ForEachChild(const std::function<void(const Expression&)>& f) const { f(*operand); }

std::string UnaryExpression::ToString() const {
  switch (op) {
    case UnaryOp::kMinus: return "(-" + operand->ToString() + ")";
    case UnaryOp::kPlus: return "(+" + operand->ToString() + ")";
    case UnaryOp::kNot: return "(NOT " + operand->ToString() + ")";
  }
  return "";
}
void UnaryExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  f(*operand);
}

std::string BinaryExpression::ToString() const {
  return "(" + left->ToString() + " " + op + " " + right->ToString() + ")";
}
void BinaryExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  f(*left);
  f(*right);
}

std::string IsNullExpression::ToString() const {
  return "(" + operand->ToString() + (negated ? " IS NOT NULL)" : " IS NULL)");
}
void IsNullExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  f(*operand);
}

std::string BetweenExpression::ToString() const {
  return "(" + operand->ToString() + (negated ? " NOT" : "") + " BETWEEN " + low->ToString() +
         " AND " + high->ToString() + ")";
}
void BetweenExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  f(*operand);
  f(*low);
  f(*high);
}

std::string InListExpression::ToString() const {
  return "(" + operand->ToString() + (negated ? " NOT IN (" : " IN (") + Join(items) + "))";
}
void InListExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  f(*operand);
  for (const auto& i : items) f(*i);
}

std::string LikeExpression::ToString() const {
  std::string s = "(" + operand->ToString() + (negated ? " NOT LIKE " : " LIKE ") + pattern->ToString();
  if (escape) s += " ESCAPE " + escape->ToString();
  return s + ")";
}
void LikeExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  f(*operand);
  f(*pattern);
  Visit(escape, f);
}

std::string CaseExpression::ToString() const {
  std::string s = "CASE";
  if (operand) s += " " + operand->ToString();
  for (const auto& w : when_clauses) {
    s += " WHEN " + w.condition->ToString() + " THEN " + w.result->ToString();
  }
  if (else_result) s += " ELSE " + else_result->ToString();
  return s + " END";
}
void CaseExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  Visit(operand, f);
  for (const auto& w : when_clauses) {
    f(*w.condition);
    f(*w.result);
  }
  Visit(else_result, f);
}

std::string ArrayConstructor::ToString() const { return "ARRAY[" + Join(elements) + "]"; }
void ArrayConstructor::ForEachChild(const std::function<void(const Expression&)>& f) const {
  for (const auto& e : elements) f(*e);
}

std::string SubscriptExpression::ToString() const {
  return base->ToString() + "[" + index->ToString() + "]";
}
void SubscriptExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  f(*base);
  f(*index);
}

std::string DereferenceExpression::ToString() const { return base->ToString() + "." + field.name; }
void DereferenceExpression::ForEachChild(const std::function<void(const Expression&)>& f) const { f(*base); }

std::string LambdaExpression::ToString() const {
  std::string s = "(";
  for (size_t i = 0; i < parameters.size(); ++i) s += (i ? ", " : "") + parameters[i].name;
  return s + ") -> " + body->ToString();
}
void LambdaExpression::ForEachChild(const std::function<void(const Expression&)>& f) const { f(*body); }

std::string IntervalLiteral::ToString() const {
  std::string s = std::string("INTERVAL ") + (negative ? "-" : "") + "'";
  for (char c : value) s += c == '\'' ? std::string("''") : std::string(1, c);
  s += "' " + start_field;
  if (!end_field.empty()) s += " TO " + end_field;
  return s;
}

std::string SubqueryExpression::ToString() const {
  std::string sql = query ? query->ToString() : "<subquery>";
  switch (kind) {
    case ExpressionKind::kExists: return "EXISTS (" + sql + ")";
    case ExpressionKind::kInSubquery:
      return "(" + operand->ToString() + (negated ? " NOT IN (" : " IN (") + sql + "))";
    case ExpressionKind::kQuantifiedComparison:
      return "(" + operand->ToString() + " " + op + (all ? " ALL (" : " ANY (") + sql + "))";
    default: return "(" + sql + ")";
  }
}
void SubqueryExpression::ForEachChild(const std::function<void(const Expression&)>& f) const {
  Visit(operand, f);
}

}  // namespace sluice::sql
