// Expressions, by Trino's precedence (loosest first): OR, AND, NOT,
// predicates (comparison, IS, BETWEEN, IN, LIKE), ||, + -, * / %, unary,
// primaries.
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

template <typename T>
std::unique_ptr<T> Make(SourcePosition position) {
  auto e = std::make_unique<T>();
  e->position = position;
  return e;
}

ExpressionPtr MakeBinary(std::string op, ExpressionPtr left, ExpressionPtr right) {
  auto b = Make<BinaryExpression>(left->position);
  b->op = std::move(op);
  b->left = std::move(left);
  b->right = std::move(right);
  return b;
}

}  // namespace

ExpressionPtr Parser::ParseExpression() { return ParseOr(); }

ExpressionPtr Parser::ParseOr() {
  auto left = ParseAnd();
  while (AcceptKeyword("or")) left = MakeBinary("OR", std::move(left), ParseAnd());
  return left;
}

ExpressionPtr Parser::ParseAnd() {
  auto left = ParseNot();
  while (AcceptKeyword("and")) left = MakeBinary("AND", std::move(left), ParseNot());
  return left;
}

ExpressionPtr Parser::ParseNot() {
  if (IsKeyword("not")) {
    auto u = Make<UnaryExpression>(Next().position);
    u->op = UnaryOp::kNot;
    u->operand = ParseNot();
    return u;
  }
  return ParsePredicate();
}

ExpressionPtr Parser::ParsePredicate() {
  auto left = ParseConcat();
  for (;;) {
    static const char* kComparisons[] = {"=", "<>", "!=", "<", "<=", ">", ">="};
    bool matched = false;
    for (const char* op : kComparisons) {
      if (IsOperator(op)) {
        Next();
        left = MakeBinary(op == std::string("!=") ? "<>" : op, std::move(left), ParseConcat());
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (IsKeyword("is")) {
      Next();
      auto n = Make<IsNullExpression>(left->position);
      n->negated = AcceptKeyword("not");
      ExpectKeyword("null");
      n->operand = std::move(left);
      left = std::move(n);
      continue;
    }
    bool negated = false;
    if (IsKeyword("not") && (IsKeyword("between", 1) || IsKeyword("in", 1) || IsKeyword("like", 1))) {
      Next();
      negated = true;
    }
    if (AcceptKeyword("between")) {
      auto b = Make<BetweenExpression>(left->position);
      b->negated = negated;
      b->operand = std::move(left);
      b->low = ParseConcat();
      ExpectKeyword("and");
      b->high = ParseConcat();
      left = std::move(b);
      continue;
    }
    if (AcceptKeyword("in")) {
      ExpectOperator("(");
      if (IsQueryStart()) {
        auto s = std::make_unique<SubqueryExpression>(ExpressionKind::kInSubquery);
        s->position = left->position;
        s->negated = negated;
        s->operand = std::move(left);
        s->query = ParseQuery();
        ExpectOperator(")");
        left = std::move(s);
        continue;
      }
      auto in = Make<InListExpression>(left->position);
      in->negated = negated;
      in->operand = std::move(left);
      do {
        in->items.push_back(ParseExpression());
      } while (AcceptOperator(","));
      ExpectOperator(")");
      left = std::move(in);
      continue;
    }
    if (AcceptKeyword("like")) {
      auto l = Make<LikeExpression>(left->position);
      l->negated = negated;
      l->operand = std::move(left);
      l->pattern = ParseConcat();
      if (AcceptKeyword("escape")) l->escape = ParseConcat();
      left = std::move(l);
      continue;
    }
    if (negated) Unexpected("'BETWEEN', 'IN' or 'LIKE'");
    return left;
  }
}

ExpressionPtr Parser::ParseConcat() {
  auto left = ParseAdditive();
  while (AcceptOperator("||")) left = MakeBinary("||", std::move(left), ParseAdditive());
  return left;
}

ExpressionPtr Parser::ParseAdditive() {
  auto left = ParseMultiplicative();
  while (IsOperator("+") || IsOperator("-")) {
    std::string op = Next().text;
    left = MakeBinary(op, std::move(left), ParseMultiplicative());
  }
  return left;
}

ExpressionPtr Parser::ParseMultiplicative() {
  auto left = ParseUnary();
  while (IsOperator("*") || IsOperator("/") || IsOperator("%")) {
    std::string op = Next().text;
    left = MakeBinary(op, std::move(left), ParseUnary());
  }
  return left;
}

ExpressionPtr Parser::ParseUnary() {
  if (IsOperator("-") || IsOperator("+")) {
    const Token& t = Next();
    // Fold a sign into a numeric literal, so -9223372036854775808 parses.
    const Token& n = Peek();
    if (t.text == "-" && (n.type == TokenType::kInteger || n.type == TokenType::kDecimal ||
                          n.type == TokenType::kDouble)) {
      auto lit = Make<Literal>(t.position);
      lit->literal_kind = n.type == TokenType::kInteger ? LiteralKind::kInteger
                          : n.type == TokenType::kDecimal ? LiteralKind::kDecimal
                                                           : LiteralKind::kDouble;
      lit->text = "-" + Next().text;
      return lit;
    }
    auto u = Make<UnaryExpression>(t.position);
    u->op = t.text == "-" ? UnaryOp::kMinus : UnaryOp::kPlus;
    u->operand = ParseUnary();
    return u;
  }
  return ParsePrimary();
}

ExpressionPtr Parser::ParsePrimary() {
  const Token& t = Peek();
  SourcePosition at = t.position;
  switch (t.type) {
    case TokenType::kString: {
      auto lit = Make<Literal>(at);
      lit->literal_kind = LiteralKind::kString;
      lit->text = Next().text;
      return lit;
    }
    case TokenType::kInteger:
    case TokenType::kDecimal:
    case TokenType::kDouble: {
      auto lit = Make<Literal>(at);
      lit->literal_kind = t.type == TokenType::kInteger ? LiteralKind::kInteger
                          : t.type == TokenType::kDecimal ? LiteralKind::kDecimal
                                                           : LiteralKind::kDouble;
      lit->text = Next().text;
      return lit;
    }
    case TokenType::kOperator:
      if (t.text == "(") {
        Next();
        if (IsQueryStart()) {
          auto s = std::make_unique<SubqueryExpression>(ExpressionKind::kSubquery);
          s->position = at;
          s->query = ParseQuery();
          ExpectOperator(")");
          return s;
        }
        auto e = ParseExpression();
        ExpectOperator(")");
        return e;
      }
      Unexpected("an expression");
    case TokenType::kEnd:
      Unexpected("an expression");
    default:
      break;
  }
  if (t.type == TokenType::kIdentifier) {
    if (IsKeyword("null")) {
      Next();
      auto lit = Make<Literal>(at);
      lit->literal_kind = LiteralKind::kNull;
      return lit;
    }
    if (IsKeyword("true") || IsKeyword("false")) {
      auto lit = Make<Literal>(at);
      lit->literal_kind = LiteralKind::kBoolean;
      lit->text = IsKeyword("true") ? "true" : "false";
      Next();
      return lit;
    }
    // Typed literals: DATE '2022-08-01', TIMESTAMP '...'.
    static const char* kTyped[] = {"date", "timestamp", "time", "decimal", "real", "double", "bigint",
                                   "integer", "smallint", "tinyint", "varchar", "char", "boolean"};
    for (const char* type : kTyped) {
      if (IsKeyword(type) && Peek(1).type == TokenType::kString) {
        Next();
        auto lit = Make<Literal>(at);
        lit->literal_kind = LiteralKind::kTyped;
        lit->type_name = type;
        lit->text = Next().text;
        return lit;
      }
    }
    if (IsKeyword("cast") || IsKeyword("try_cast")) {
      auto c = Make<Cast>(at);
      c->is_try = IsKeyword("try_cast");
      Next();
      ExpectOperator("(");
      c->operand = ParseExpression();
      ExpectKeyword("as");
      c->type_name = ParseTypeName();
      ExpectOperator(")");
      return c;
    }
    if (IsKeyword("case")) {
      Next();
      auto c = Make<CaseExpression>(at);
      if (!IsKeyword("when")) c->operand = ParseExpression();
      while (AcceptKeyword("when")) {
        WhenClause w;
        w.condition = ParseExpression();
        ExpectKeyword("then");
        w.result = ParseExpression();
        c->when_clauses.push_back(std::move(w));
      }
      if (c->when_clauses.empty()) Unexpected("'WHEN'");
      if (AcceptKeyword("else")) c->else_result = ParseExpression();
      ExpectKeyword("end");
      return c;
    }
    if (IsKeyword("exists") && IsOperator("(", 1)) {
      Next();
      Next();
      auto s = std::make_unique<SubqueryExpression>(ExpressionKind::kExists);
      s->position = at;
      s->query = ParseQuery();
      ExpectOperator(")");
      return s;
    }
    if (IsKeyword("array") && IsOperator("[", 1)) {
      Next();
      Next();
      auto a = Make<ArrayConstructor>(at);
      if (!IsOperator("]")) {
        do {
          a->elements.push_back(ParseExpression());
        } while (AcceptOperator(","));
      }
      ExpectOperator("]");
      return a;
    }
  }
  if (!IsIdentifierStart()) Unexpected("an expression");
  // A name: a function call when '(' follows, else a column reference.
  QualifiedName name = ParseQualifiedName();
  if (AcceptOperator("(")) {
    auto f = Make<FunctionCall>(at);
    f->name = std::move(name);
    if (AcceptOperator("*")) {
      f->is_star = true;
    } else if (!IsOperator(")")) {
      if (AcceptKeyword("distinct")) f->distinct = true;
      else AcceptKeyword("all");
      do {
        f->arguments.push_back(ParseExpression());
      } while (AcceptOperator(","));
    }
    ExpectOperator(")");
    return f;
  }
  auto ref = Make<ColumnRef>(at);
  ref->parts = std::move(name.parts);
  return ref;
}

}  // namespace sluice::sql
