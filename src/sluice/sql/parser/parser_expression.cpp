// Expressions, by Trino's precedence, loosest first:
//   OR < AND < NOT < predicates (comparison, IS, BETWEEN, IN, LIKE)
//   < || < + - < * / % < unary + - < postfix [ ] < primaries.
// Concatenation is the loosest value operator (Trino's valueExpression lists
// it last), so a || b + c is a || (b + c) and a || b = c is (a || b) = c.
#include "sluice/common/ascii_case.h"
#include "sluice/sql/parser/keywords.h"
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

// The height of `e`'s tree: stored in binary nodes, counted through the
// others (whose nesting the parser's depth guard bounds).
uint32_t HeightOf(const Expression& e) {
  if (e.kind == ExpressionKind::kBinary) return static_cast<const BinaryExpression&>(e).height;
  uint32_t h = 0;
  e.ForEachChild([&](const Expression& child) { h = std::max(h, HeightOf(child)); });
  return h + 1;
}

ExpressionPtr MakeBinary(std::string op, ExpressionPtr left, ExpressionPtr right) {
  const uint32_t height = 1 + std::max(HeightOf(*left), HeightOf(*right));
  if (height > Parser::kMaxExpressionHeight) {
    throw SluiceError(ErrorCode::kSyntaxError,
                      "Expression is too deeply nested (more than " + std::to_string(Parser::kMaxExpressionHeight) +
                          " levels of operators); a long list of alternatives fits in IN (...)",
                      right->position);
  }
  auto b = Make<BinaryExpression>(left->position);
  b->op = std::move(op);
  b->left = std::move(left);
  b->right = std::move(right);
  b->height = height;
  return b;
}

LiteralKind NumberKind(TokenType type) {
  return type == TokenType::kInteger   ? LiteralKind::kInteger
         : type == TokenType::kDecimal ? LiteralKind::kDecimal
                                       : LiteralKind::kDouble;
}

bool IsNumber(const Token& t) {
  return t.type == TokenType::kInteger || t.type == TokenType::kDecimal || t.type == TokenType::kDouble;
}

// Reserved words that Trino nevertheless accepts as a function name before
// '(' (LISTAGG's own syntax is parsed in ParseListaggArguments).
bool IsReservedFunctionName(const std::string& word) {
  return word == "grouping" || word == "normalize" || word == "listagg" || word.rfind("json_", 0) == 0;
}

}  // namespace

ExpressionPtr Parser::ParseExpression() {
  DepthGuard guard(*this);
  if (AtLambda()) return ParseLambda();
  return ParseOr();
}

std::vector<ExpressionPtr> Parser::ParseExpressionList() {
  std::vector<ExpressionPtr> out;
  do {
    out.push_back(ParseExpression());
  } while (AcceptOperator(","));
  return out;
}

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
  if (PeekKeyword("not")) {
    DepthGuard guard(*this);
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
    static const char* kComparisons[] = {"=", "<>", "<", "<=", ">", ">="};
    const char* comparison = PeekOperator("!=") ? "<>" : nullptr;  // one spelling in the tree
    for (const char* op : kComparisons) {
      if (IsOperator(op)) comparison = op;
    }
    if (comparison) {
      Next();
      const bool quantified = (PeekKeyword("all") || PeekKeyword("any") || PeekKeyword("some")) &&
                              PeekOperator("(", 1) && IsQueryStart(2) && ParenthesesHoldQuery(pos_ + 1);
      left = quantified ? ParseQuantifiedComparison(std::move(left), comparison)
                        : MakeBinary(comparison, std::move(left), ParseConcat());
      continue;
    }
    if (AcceptKeyword("is")) {
      bool negated = AcceptKeyword("not");
      if (AcceptKeyword("null")) {
        auto n = Make<IsNullExpression>(left->position);
        n->negated = negated;
        n->operand = std::move(left);
        left = std::move(n);
      } else if (AcceptKeyword("distinct")) {
        ExpectKeyword("from");
        std::string op = negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
        left = MakeBinary(std::move(op), std::move(left), ParseConcat());
      } else {
        Unexpected();
      }
      continue;
    }
    // After a value, NOT can only open NOT BETWEEN / NOT IN / NOT LIKE.
    bool negated = AcceptKeyword("not");
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
      left = ParseInPredicate(std::move(left), negated);
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
    if (negated) Unexpected();
    return left;
  }
}

// After IN: "(list)" or "(query)". Both may start with '(': "x IN ((SELECT
// 1), 2)" vs "x IN ((SELECT 1) UNION (SELECT 2))".
ExpressionPtr Parser::ParseInPredicate(ExpressionPtr operand, bool negated) {
  ExpectOperator("(");
  SourcePosition at = operand->position;
  auto as_query = [&]() -> ExpressionPtr {
    auto query = ParseQuery();
    ExpectOperator(")");
    auto s = std::make_unique<SubqueryExpression>(ExpressionKind::kInSubquery);
    s->position = at;
    s->negated = negated;
    s->operand = std::move(operand);
    s->query = std::move(query);
    return s;
  };
  auto as_list = [&]() -> ExpressionPtr {
    auto items = ParseExpressionList();
    ExpectOperator(")");
    auto in = Make<InListExpression>(at);
    in->negated = negated;
    in->operand = std::move(operand);
    in->items = std::move(items);
    return in;
  };
  return IsQueryStart() && ParenthesesHoldQuery(pos_ - 1) ? as_query() : as_list();
}

// After a comparison operator, at ALL / ANY / SOME followed by a query.
ExpressionPtr Parser::ParseQuantifiedComparison(ExpressionPtr operand, const std::string& op) {
  DepthGuard guard(*this);
  auto s = std::make_unique<SubqueryExpression>(ExpressionKind::kQuantifiedComparison);
  s->position = operand->position;
  s->all = AsciiLower(Next().text) == "all";
  s->op = op;
  s->operand = std::move(operand);
  ExpectOperator("(");
  s->query = ParseQuery();
  ExpectOperator(")");
  return s;
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
    left = MakeBinary(std::move(op), std::move(left), ParseMultiplicative());
  }
  return left;
}

ExpressionPtr Parser::ParseMultiplicative() {
  auto left = ParseUnary();
  while (IsOperator("*") || IsOperator("/") || IsOperator("%")) {
    std::string op = Next().text;
    left = MakeBinary(std::move(op), std::move(left), ParseUnary());
  }
  return left;
}

ExpressionPtr Parser::ParseUnary() {
  if (PeekOperator("-") || PeekOperator("+")) {
    DepthGuard guard(*this);
    const Token& sign = Next();
    bool minus = sign.text == "-";
    // Fold a minus into a number, so that -9223372036854775808 (one more
    // than the largest positive BIGINT) is a literal, as in Trino.
    if (minus && IsNumber(Peek()) && !PeekOperator("[", 1)) {
      auto lit = Make<Literal>(sign.position);
      lit->literal_kind = NumberKind(Peek().type);
      lit->text = "-" + Next().text;
      return lit;
    }
    auto u = Make<UnaryExpression>(sign.position);
    u->op = minus ? UnaryOp::kMinus : UnaryOp::kPlus;
    u->operand = ParseUnary();
    return u;
  }
  return ParsePostfix();
}

ExpressionPtr Parser::ParsePostfix() {
  auto e = ParsePrimary();
  for (;;) {
    if (AcceptOperator("[")) {
      auto s = Make<SubscriptExpression>(e->position);
      s->base = std::move(e);
      s->index = ParseExpression();
      ExpectOperator("]");
      e = std::move(s);
    } else if (PeekOperator(".") && IsIdentifierStart(1)) {
      // A plain name ate its own dots, so this follows another expression
      // (or a parenthesised name): (r).x, a[1].x. Peeked silently, so that
      // messages do not offer '.' after every value.
      Next();
      auto d = Make<DereferenceExpression>(e->position);
      d->base = std::move(e);
      d->field = ParseIdentifier();
      e = std::move(d);
    } else if (PeekKeyword("at") && PeekKeyword("time", 1) && PeekKeyword("zone", 2)) {
      e = ParseAtTimeZone(std::move(e));
    } else {
      return e;
    }
  }
}

// At `x ->` or `(x, y) ->`: a lambda.
ExpressionPtr Parser::ParseLambda() {
  auto l = Make<LambdaExpression>(Peek().position);
  if (AcceptOperator("(")) {
    do {
      l->parameters.push_back(ParseIdentifier());
    } while (AcceptOperator(","));
    ExpectOperator(")");
  } else {
    l->parameters.push_back(ParseIdentifier());
  }
  ExpectOperator("->");
  l->body = ParseExpression();
  return l;
}

// Whether a lambda starts here: `name ->` or `(name, ... ) ->`.
bool Parser::AtLambda() const {
  if (IsIdentifierStart() && PeekOperator("->", 1)) return true;
  if (!PeekOperator("(")) return false;
  for (size_t k = 1;; k += 2) {
    const Token& t = Peek(k);
    if (t.type != TokenType::kIdentifier && t.type != TokenType::kQuotedIdentifier) return false;
    if (PeekOperator(")", k + 1)) return PeekOperator("->", k + 2);
    if (!PeekOperator(",", k + 1)) return false;
  }
}

ExpressionPtr Parser::ParsePrimary() {
  const Token& t = Peek();
  SourcePosition at = t.position;
  if (t.type == TokenType::kString) {
    auto lit = Make<Literal>(at);
    lit->literal_kind = LiteralKind::kString;
    lit->text = Next().text;
    return lit;
  }
  if (IsNumber(t)) {
    auto lit = Make<Literal>(at);
    lit->literal_kind = NumberKind(t.type);
    lit->text = Next().text;
    return lit;
  }
  if (PeekOperator("(")) return ParseParenthesised();
  if (t.type == TokenType::kIdentifier) {
    if (auto special = TryParseSpecialForm()) return special;
    std::string word = AsciiLower(t.text);
    if (word == "null") {
      Next();
      return Make<Literal>(at);  // kNull
    }
    if (word == "true" || word == "false") {
      Next();
      auto lit = Make<Literal>(at);
      lit->literal_kind = LiteralKind::kBoolean;
      lit->text = word;
      return lit;
    }
    // A typed literal is any type name followed by a string: DATE '2022-08-01',
    // TIMESTAMP '...', DECIMAL '1.5', JSON '...'.
    if (Peek(1).type == TokenType::kString && !IsReservedWord(word)) {
      Next();
      auto lit = Make<Literal>(at);
      lit->literal_kind = LiteralKind::kTyped;
      lit->type_name = word;
      lit->text = Next().text;
      return lit;
    }
    if (word == "case") return ParseCase();
    if ((word == "cast" || word == "try_cast") && PeekOperator("(", 1)) {
      Next();
      Next();
      auto c = Make<Cast>(at);
      c->is_try = word == "try_cast";
      c->operand = ParseExpression();
      ExpectKeyword("as");
      c->type_name = ParseTypeName();
      ExpectOperator(")");
      return c;
    }
    if (word == "exists" && PeekOperator("(", 1)) {
      Next();
      Next();
      auto s = std::make_unique<SubqueryExpression>(ExpressionKind::kExists);
      s->position = at;
      s->query = ParseQuery();
      ExpectOperator(")");
      return s;
    }
    if (word == "array" && PeekOperator("[", 1)) {
      Next();
      Next();
      auto a = Make<ArrayConstructor>(at);
      if (!IsOperator("]")) a->elements = ParseExpressionList();
      ExpectOperator("]");
      return a;
    }
    if (IsReservedFunctionName(word) && PeekOperator("(", 1)) {
      QualifiedName name;
      name.position = at;
      name.parts.push_back(Identifier{word, false, at});
      Next();
      return ParseFunctionCall(std::move(name), at);
    }
  }
  if (!IsIdentifierStart()) {
    Expected("<expression>");
    Unexpected();
  }
  // A name: a function call when '(' follows, else a column reference.
  QualifiedName name = ParseQualifiedName();
  if (PeekOperator("(")) return ParseFunctionCall(std::move(name), at);
  auto ref = Make<ColumnRef>(at);
  ref->parts = std::move(name.parts);
  return ref;
}

// At '(': a scalar subquery, a parenthesised expression or a row (a, b).
ExpressionPtr Parser::ParseParenthesised() {
  SourcePosition at = Next().position;
  auto as_query = [&]() -> ExpressionPtr {
    auto s = std::make_unique<SubqueryExpression>(ExpressionKind::kSubquery);
    s->position = at;
    s->query = ParseQuery();
    ExpectOperator(")");
    return s;
  };
  auto as_expression = [&]() -> ExpressionPtr {
    auto e = ParseExpression();
    if (!IsOperator(",")) {
      ExpectOperator(")");
      return e;
    }
    // (a, b) is ROW(a, b) in Trino.
    auto row = Make<FunctionCall>(at);
    row->name.position = at;
    row->name.parts.push_back(Identifier{"row", false, at});
    row->arguments.push_back(std::move(e));
    while (AcceptOperator(",")) row->arguments.push_back(ParseExpression());
    ExpectOperator(")");
    return row;
  };
  return IsQueryStart() && ParenthesesHoldQuery(pos_ - 1) ? as_query() : as_expression();
}

ExpressionPtr Parser::ParseCase() {
  auto c = Make<CaseExpression>(Next().position);  // CASE
  if (!IsKeyword("when")) c->operand = ParseExpression();
  while (AcceptKeyword("when")) {
    WhenClause w;
    w.condition = ParseExpression();
    ExpectKeyword("then");
    w.result = ParseExpression();
    c->when_clauses.push_back(std::move(w));
  }
  if (c->when_clauses.empty()) Unexpected();
  if (AcceptKeyword("else")) c->else_result = ParseExpression();
  ExpectKeyword("end");
  return c;
}

// At '(' after a function name.
ExpressionPtr Parser::ParseFunctionCall(QualifiedName name, SourcePosition at) {
  auto f = Make<FunctionCall>(at);
  f->name = std::move(name);
  const bool listagg = f->name.parts.size() == 1 && !f->name.parts[0].quoted && f->name.parts[0].name == "listagg";
  ExpectOperator("(");
  if (AcceptOperator("*")) {
    f->is_star = true;
  } else if (!IsOperator(")")) {
    if (AcceptKeyword("distinct")) {
      f->distinct = true;
    } else {
      AcceptKeyword("all");
    }
    if (listagg) {
      ParseListaggArguments(*f);
      return f;
    }
    f->arguments = ParseExpressionList();
    if (AcceptKeyword("order")) f->order_by = ParseOrderItems();
  }
  ExpectOperator(")");
  ParseCallSuffixes(*f);
  return f;
}

// After "BY": item, item, ...
std::vector<OrderItem> Parser::ParseOrderItems() {
  ExpectKeyword("by");
  std::vector<OrderItem> items;
  do {
    items.push_back(ParseOrderItem());
  } while (AcceptOperator(","));
  return items;
}

// Trino's grammar, and its reading as a call with synthetic arguments:
//   LISTAGG([DISTINCT] x [, 'sep'] [ON OVERFLOW ERROR | ON OVERFLOW TRUNCATE
//     ['filler'] WITH|WITHOUT COUNT]) WITHIN GROUP (ORDER BY ...) [FILTER (...)]
//   → listagg(x, 'sep' (default ''), overflow_error (default true),
//             'filler' (default '...'), with_count (default false) ORDER BY ...)
void Parser::ParseListaggArguments(FunctionCall& f) {
  auto literal = [&](LiteralKind kind, std::string text) {
    auto lit = Make<Literal>(Peek().position);
    lit->literal_kind = kind;
    lit->text = std::move(text);
    return lit;
  };
  f.arguments.push_back(ParseExpression());
  f.arguments.push_back(literal(LiteralKind::kString, AcceptOperator(",") ? ParseStringLiteral() : ""));
  bool overflow_error = true, with_count = false;
  std::string filler = "...";
  if (AcceptKeyword("on")) {
    ExpectKeyword("overflow");
    if (!AcceptKeyword("error")) {
      ExpectKeyword("truncate");
      overflow_error = false;
      if (Peek().type == TokenType::kString) filler = Next().text;
      if (!AcceptKeyword("without")) {
        ExpectKeyword("with");
        with_count = true;
      }
      ExpectKeyword("count");
    }
  }
  f.arguments.push_back(literal(LiteralKind::kBoolean, overflow_error ? "true" : "false"));
  f.arguments.push_back(literal(LiteralKind::kString, filler));
  f.arguments.push_back(literal(LiteralKind::kBoolean, with_count ? "true" : "false"));
  ExpectOperator(")");
  ExpectKeyword("within");
  ExpectKeyword("group");
  ExpectOperator("(");
  ExpectKeyword("order");
  f.order_by = ParseOrderItems();
  ExpectOperator(")");
  f.within_group = true;
  ParseCallSuffixes(f);
}

}  // namespace sluice::sql
