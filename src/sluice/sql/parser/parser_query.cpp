// Queries: WITH, set operations, SELECT, FROM with joins and subqueries,
// ORDER BY, OFFSET, LIMIT / FETCH FIRST, VALUES.
#include "sluice/common/ascii_case.h"
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

// Non-reserved words that end a select item or relation rather than name its
// alias (Trino resolves these the same way: SELECT a limit 1 has no alias).
bool IsClauseWord(const Parser& p, size_t ahead = 0) {
  static const char* kWords[] = {"limit", "offset", "fetch", "window", "tablesample", "match_recognize",
                                 "for"};
  for (const char* w : kWords) {
    if (p.PeekKeyword(w, ahead)) return true;
  }
  return false;
}

// A query with nothing but a body: its parentheses add no meaning.
bool IsPlain(const Query& q) { return q.with.empty() && q.order_by.empty() && !q.limit && !q.offset; }

}  // namespace

bool Parser::IsQueryStart(size_t ahead) const {
  // Any number of '(' then SELECT, WITH or VALUES (bounded: deeper input
  // fails on nesting anyway).
  for (int level = 0; level <= kMaxDepth && PeekOperator("(", ahead); ++level) ++ahead;
  return PeekKeyword("select", ahead) || PeekKeyword("with", ahead) || PeekKeyword("values", ahead);
}

std::unique_ptr<Query> Parser::ParseQuery() {
  DepthGuard guard(*this);
  auto q = std::make_unique<Query>();
  q->position = Peek().position;
  if (AcceptKeyword("with")) {
    AcceptKeyword("recursive");
    do {
      WithQuery w;
      w.position = Peek().position;
      w.name = ParseIdentifier().name;
      if (AcceptOperator("(")) {
        do {
          w.column_aliases.push_back(ParseIdentifier().name);
        } while (AcceptOperator(","));
        ExpectOperator(")");
      }
      ExpectKeyword("as");
      ExpectOperator("(");
      w.query = ParseQuery();
      ExpectOperator(")");
      q->with.push_back(std::move(w));
    } while (AcceptOperator(","));
  }
  q->body = ParseQueryBody();
  ParseOrderByLimit(*q);
  // "(SELECT ... LIMIT 1)" on its own is that query.
  if (q->body->kind == QueryBodyKind::kQuery && IsPlain(*q)) {
    auto inner = std::move(static_cast<NestedQueryBody&>(*q->body).query);
    inner->position = q->position;
    return inner;
  }
  return q;
}

void Parser::ParseOrderByLimit(Query& q) {
  // ORDER and GROUP are reserved: once seen, BY must follow.
  if (AcceptKeyword("order")) q.order_by = ParseOrderItems();
  auto integer = [&]() -> ExpressionPtr {
    auto lit = std::make_unique<Literal>();
    lit->position = Peek().position;
    lit->literal_kind = LiteralKind::kInteger;
    lit->text = std::to_string(ParseIntegerLiteral());
    return lit;
  };
  // Trino's order is OFFSET, then LIMIT or FETCH; LIMIT n OFFSET m (MySQL,
  // PostgreSQL) is accepted too.
  bool limited = false;
  for (int round = 0; round < 2; ++round) {
    if (!q.offset && AcceptKeyword("offset")) {
      q.offset = integer();
      if (!AcceptKeyword("rows")) AcceptKeyword("row");
    } else if (!limited && AcceptKeyword("limit")) {
      limited = true;
      if (!AcceptKeyword("all")) q.limit = integer();
    } else if (!limited && IsKeyword("fetch")) {
      SourcePosition at = Next().position;
      limited = true;
      if (!AcceptKeyword("first")) ExpectKeyword("next");
      if (Peek().type == TokenType::kInteger) {
        q.limit = integer();
      } else {
        auto one = std::make_unique<Literal>();  // FETCH FIRST ROW ONLY
        one->position = at;
        one->literal_kind = LiteralKind::kInteger;
        one->text = "1";
        q.limit = std::move(one);
      }
      if (!AcceptKeyword("rows")) ExpectKeyword("row");
      if (PeekKeyword("with") && PeekKeyword("ties", 1)) NotSupported("FETCH ... WITH TIES", at);
      ExpectKeyword("only");
    }
  }
}

OrderItem Parser::ParseOrderItem() {
  OrderItem item;
  item.expr = ParseExpression();
  if (AcceptKeyword("desc")) {
    item.ascending = false;
  } else {
    AcceptKeyword("asc");
  }
  if (AcceptKeyword("nulls")) {
    if (AcceptKeyword("first")) {
      item.nulls_first = true;
    } else if (AcceptKeyword("last")) {
      item.nulls_first = false;
    } else {
      Unexpected();
    }
  }
  return item;
}

QueryBodyPtr Parser::ParseQueryBody() {
  // UNION and EXCEPT are left-associative; INTERSECT binds tighter.
  auto left = ParseQueryTerm();
  while (IsKeyword("union") || IsKeyword("except")) {
    auto op = std::make_unique<SetOperation>();
    op->position = left->position;
    op->op = PeekKeyword("union") ? SetOperator::kUnion : SetOperator::kExcept;
    Next();
    if (AcceptKeyword("all")) {
      op->all = true;
    } else {
      AcceptKeyword("distinct");
    }
    op->left = std::move(left);
    op->right = ParseQueryTerm();
    left = std::move(op);
  }
  return left;
}

QueryBodyPtr Parser::ParseQueryTerm() {
  auto left = ParseQueryPrimary();
  while (IsKeyword("intersect")) {
    Next();
    auto op = std::make_unique<SetOperation>();
    op->position = left->position;
    op->op = SetOperator::kIntersect;
    if (AcceptKeyword("all")) {
      op->all = true;
    } else {
      AcceptKeyword("distinct");
    }
    op->left = std::move(left);
    op->right = ParseQueryPrimary();
    left = std::move(op);
  }
  return left;
}

QueryBodyPtr Parser::ParseQueryPrimary() {
  if (IsKeyword("select")) return ParseQuerySpecification();
  if (IsKeyword("values")) {
    auto v = std::make_unique<ValuesBody>();
    v->position = Next().position;
    do {
      // Each row is an expression; (a, b) and ROW(a, b) are rows of two
      // values, anything else a row of one.
      auto row = ParseExpression();
      std::vector<ExpressionPtr> values;
      auto* call = row->kind == ExpressionKind::kFunctionCall ? static_cast<FunctionCall*>(row.get()) : nullptr;
      if (call && call->name.parts.size() == 1 && !call->name.parts[0].quoted &&
          call->name.parts[0].name == "row" && !call->distinct && !call->is_star) {
        values = std::move(call->arguments);
      } else {
        values.push_back(std::move(row));
      }
      v->rows.push_back(std::move(values));
    } while (AcceptOperator(","));
    return v;
  }
  if (IsOperator("(")) {
    SourcePosition at = Next().position;
    auto inner = ParseQuery();
    ExpectOperator(")");
    // (SELECT ...) UNION ...: the parentheses only group.
    if (IsPlain(*inner)) return std::move(inner->body);
    auto n = std::make_unique<NestedQueryBody>();
    n->position = at;
    n->query = std::move(inner);
    return n;
  }
  Unexpected();
}

std::unique_ptr<QuerySpecification> Parser::ParseQuerySpecification() {
  auto s = std::make_unique<QuerySpecification>();
  s->position = Next().position;  // SELECT
  if (AcceptKeyword("distinct")) {
    s->distinct = true;
  } else {
    AcceptKeyword("all");
  }
  do {
    ParseSelectItem(*s);
  } while (AcceptOperator(","));
  if (AcceptKeyword("from")) {
    do {
      s->from.push_back(ParseRelation());
    } while (AcceptOperator(","));
  }
  if (AcceptKeyword("where")) s->where = ParseExpression();
  if (AcceptKeyword("group")) {
    ExpectKeyword("by");
    if (AcceptKeyword("distinct")) {
      s->group_by_distinct = true;
    } else {
      AcceptKeyword("all");
    }
    do {
      ParseGroupingElement(*s);
    } while (AcceptOperator(","));
  }
  if (AcceptKeyword("having")) s->having = ParseExpression();
  if (AcceptKeyword("window")) ParseWindowClause(*s);
  return s;
}

// One element of GROUP BY: ROLLUP (...), CUBE (...), GROUPING SETS (...)
// or an expression.
void Parser::ParseGroupingElement(QuerySpecification& select) {
  using Kind = GroupingElement::Kind;
  GroupingElement g;
  g.position = Peek().position;
  // A parenthesised list of expressions, possibly empty: (a, b), ().
  auto list = [&]() {
    std::vector<ExpressionPtr> items;
    ExpectOperator("(");
    if (!AcceptOperator(")")) {
      items = ParseExpressionList();
      ExpectOperator(")");
    }
    return items;
  };
  if ((PeekKeyword("rollup") || PeekKeyword("cube")) && PeekOperator("(", 1)) {
    g.kind = AsciiLower(Next().text) == "rollup" ? Kind::kRollup : Kind::kCube;
    g.sets.push_back(list());
  } else if (PeekKeyword("grouping") && PeekKeyword("sets", 1)) {
    Next();
    Next();
    g.kind = Kind::kSets;
    ExpectOperator("(");
    do {
      // (a, b) is a set; (a + b) * 2 an expression.
      const bool is_list = PeekOperator("(") && (PeekOperator(",", MatchingClose(pos_) - pos_ + 1) ||
                                                 PeekOperator(")", MatchingClose(pos_) - pos_ + 1));
      if (is_list) {
        g.sets.push_back(list());
      } else {
        g.sets.emplace_back();
        g.sets.back().push_back(ParseExpression());
      }
    } while (AcceptOperator(","));
    ExpectOperator(")");
  } else {
    select.group_by.push_back(ParseExpression());
    return;
  }
  select.grouping_elements.push_back(std::move(g));
}

void Parser::ParseSelectItem(QuerySpecification& select) {
  SelectItem item;
  item.position = Peek().position;
  if (AcceptOperator("*")) {
    item.is_star = true;
    select.select_items.push_back(std::move(item));
    return;
  }
  // t.* or db.t.*: names separated by dots, then ".*".
  size_t n = 0;
  while (IsIdentifierStart(n) && PeekOperator(".", n + 1)) {
    if (PeekOperator("*", n + 2)) {
      item.is_star = true;
      for (;;) {
        item.star_qualifier += ParseIdentifier().name;
        Next();  // .
        if (PeekOperator("*")) break;
        item.star_qualifier += '.';
      }
      Next();  // *
      select.select_items.push_back(std::move(item));
      return;
    }
    n += 2;
  }
  item.expr = ParseExpression();
  item.alias = ParseOptionalAlias(nullptr);
  select.select_items.push_back(std::move(item));
}

// [AS] alias [(column, ...)], or "" when no alias follows.
std::string Parser::ParseOptionalAlias(std::vector<std::string>* column_aliases) {
  std::string alias;
  if (AcceptKeyword("as")) {
    alias = ParseIdentifier().name;
  } else if (IsIdentifierStart() && !IsClauseWord(*this)) {
    alias = ParseIdentifier().name;
  } else {
    return alias;
  }
  if (column_aliases && AcceptOperator("(")) {
    do {
      column_aliases->push_back(ParseIdentifier().name);
    } while (AcceptOperator(","));
    ExpectOperator(")");
  }
  return alias;
}

RelationPtr Parser::ParseRelation() {
  auto left = ParseRelationPrimary();
  for (;;) {
    JoinType type;
    if (IsKeyword("cross")) {
      Next();
      ExpectKeyword("join");
      auto j = std::make_unique<JoinRelation>();
      j->position = left->position;
      j->join_type = JoinType::kCross;
      j->left = std::move(left);
      j->right = ParseRelationPrimary();
      left = std::move(j);
      continue;
    }
    if (AcceptKeyword("join")) {
      type = JoinType::kInner;
    } else if (AcceptKeyword("inner")) {
      ExpectKeyword("join");
      type = JoinType::kInner;
    } else if (IsKeyword("left") || IsKeyword("right") || IsKeyword("full")) {
      type = PeekKeyword("left") ? JoinType::kLeft : PeekKeyword("right") ? JoinType::kRight : JoinType::kFull;
      Next();
      AcceptKeyword("outer");
      ExpectKeyword("join");
    } else if (PeekKeyword("natural")) {
      NotSupported("NATURAL JOIN", Peek().position);
    } else {
      return left;
    }
    auto j = std::make_unique<JoinRelation>();
    j->position = left->position;
    j->join_type = type;
    j->left = std::move(left);
    // The right side may itself be a join only in parentheses.
    j->right = ParseRelationPrimary();
    if (AcceptKeyword("on")) {
      j->condition = ParseExpression();
    } else if (AcceptKeyword("using")) {
      ExpectOperator("(");
      do {
        j->using_columns.push_back(ParseIdentifier().name);
      } while (AcceptOperator(","));
      ExpectOperator(")");
    } else {
      Unexpected();
    }
    left = std::move(j);
  }
}

RelationPtr Parser::ParseRelationPrimary() {
  DepthGuard guard(*this);
  SourcePosition at = Peek().position;
  if (IsOperator("(")) {
    auto as_subquery = [&]() -> RelationPtr {
      Next();
      auto s = std::make_unique<SubqueryRelation>();
      s->position = at;
      s->query = ParseQuery();
      ExpectOperator(")");
      s->alias = ParseOptionalAlias(&s->column_aliases);
      return s;
    };
    auto as_relation = [&]() -> RelationPtr {
      Next();
      auto inner = ParseRelation();
      ExpectOperator(")");
      return inner;
    };
    // "((SELECT ...) x JOIN y ON ...)" starts like "((SELECT ...))".
    return IsQueryStart(1) && ParenthesesHoldQuery(pos_) ? as_subquery() : as_relation();
  }
  if (PeekKeyword("lateral") && PeekOperator("(", 1) && IsQueryStart(2)) {
    Next();
    Next();
    auto s = std::make_unique<SubqueryRelation>();
    s->position = at;
    s->lateral = true;
    s->query = ParseQuery();
    ExpectOperator(")");
    s->alias = ParseOptionalAlias(&s->column_aliases);
    return s;
  }
  if (PeekKeyword("unnest") && PeekOperator("(", 1)) {
    Next();
    Next();
    auto u = std::make_unique<UnnestRelation>();
    u->position = at;
    u->expressions = ParseExpressionList();
    ExpectOperator(")");
    if (AcceptKeyword("with")) {
      ExpectKeyword("ordinality");
      u->with_ordinality = true;
    }
    u->alias = ParseOptionalAlias(&u->column_aliases);
    return u;
  }
  if (PeekKeyword("lateral") && PeekOperator("(", 1)) NotSupported("LATERAL in FROM", at);
  if (PeekKeyword("table") && PeekOperator("(", 1)) {
    // Trino's TABLE(function(...)).
    Next();
    Next();
    auto f = ParseTableFunction(ParseTableName(), at);
    ExpectOperator(")");
    f->alias = ParseOptionalAlias(&f->column_aliases);
    return f;
  }
  QualifiedName name = ParseTableName();
  if (PeekOperator("(")) {
    auto f = ParseTableFunction(std::move(name), at);
    f->alias = ParseOptionalAlias(&f->column_aliases);
    return f;
  }
  auto t = std::make_unique<TableRelation>();
  t->position = at;
  t->name = std::move(name);
  t->alias = ParseOptionalAlias(nullptr);
  return t;
}

// At '(' after a table function's name.
std::unique_ptr<TableFunctionRelation> Parser::ParseTableFunction(QualifiedName name, SourcePosition at) {
  auto f = std::make_unique<TableFunctionRelation>();
  f->position = at;
  f->name = std::move(name);
  ExpectOperator("(");
  if (!IsOperator(")")) {
    do {
      TableFunctionArgument arg;
      arg.position = Peek().position;
      if (IsIdentifierStart() && PeekOperator("=>", 1)) {
        arg.name = AsciiLower(ParseIdentifier().name);
        ExpectOperator("=>");
      }
      arg.value = ParseExpression();
      f->arguments.push_back(std::move(arg));
    } while (AcceptOperator(","));
  }
  ExpectOperator(")");
  return f;
}

}  // namespace sluice::sql
