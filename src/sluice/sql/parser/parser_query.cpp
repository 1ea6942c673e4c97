// Queries: WITH, set operations, SELECT, FROM with joins and subqueries,
// ORDER BY, LIMIT/OFFSET, VALUES.
#include <set>

#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

// Words that end a relation or select item rather than naming an alias.
bool IsClauseWord(const Parser& p, size_t ahead = 0) {
  static const char* kWords[] = {"limit", "offset", "fetch", "window", "tablesample", "order",
                                 "group", "having", "where", "union", "except", "intersect",
                                 "join", "left", "right", "full", "inner", "cross", "on",
                                 "using", "natural", "from"};
  for (const char* w : kWords) {
    if (p.IsKeyword(w, ahead)) return true;
  }
  return false;
}

}  // namespace

bool Parser::IsQueryStart(size_t ahead) const {
  if (IsKeyword("select", ahead) || IsKeyword("with", ahead) || IsKeyword("values", ahead)) return true;
  return IsOperator("(", ahead) && IsQueryStart(ahead + 1);
}

std::unique_ptr<Query> Parser::ParseQuery() {
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
  if (IsKeyword("order") && IsKeyword("by", 1)) {
    Next();
    Next();
    do {
      OrderItem item;
      item.expr = ParseExpression();
      if (AcceptKeyword("desc")) item.ascending = false;
      else AcceptKeyword("asc");
      if (AcceptKeyword("nulls")) {
        if (AcceptKeyword("first")) item.nulls_first = true;
        else if (AcceptKeyword("last")) item.nulls_first = false;
        else Unexpected("'FIRST' or 'LAST'");
      }
      q->order_by.push_back(std::move(item));
    } while (AcceptOperator(","));
  }
  // OFFSET may come before or after LIMIT (Trino accepts OFFSET n LIMIT m).
  for (int i = 0; i < 2; ++i) {
    if (IsKeyword("offset") && !q->offset) {
      Next();
      q->offset = ParsePrimary();
      if (!AcceptKeyword("rows")) AcceptKeyword("row");
    } else if (IsKeyword("limit") && !q->limit) {
      Next();
      if (!AcceptKeyword("all")) q->limit = ParsePrimary();
    }
  }
  return q;
}

QueryBodyPtr Parser::ParseQueryBody() {
  // UNION and EXCEPT are left-associative; INTERSECT binds tighter.
  auto left = ParseQueryTerm();
  while (IsKeyword("union") || IsKeyword("except")) {
    auto op = std::make_unique<SetOperation>();
    op->position = Peek().position;
    op->op = IsKeyword("union") ? SetOperator::kUnion : SetOperator::kExcept;
    Next();
    if (AcceptKeyword("all")) op->all = true;
    else AcceptKeyword("distinct");
    op->left = std::move(left);
    op->right = ParseQueryTerm();
    left = std::move(op);
  }
  return left;
}

QueryBodyPtr Parser::ParseQueryTerm() {
  auto left = ParseQueryPrimary();
  while (IsKeyword("intersect")) {
    auto op = std::make_unique<SetOperation>();
    op->position = Next().position;
    op->op = SetOperator::kIntersect;
    if (AcceptKeyword("all")) op->all = true;
    else AcceptKeyword("distinct");
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
      std::vector<ExpressionPtr> row;
      if (AcceptOperator("(")) {
        do {
          row.push_back(ParseExpression());
        } while (AcceptOperator(","));
        ExpectOperator(")");
      } else {
        row.push_back(ParseExpression());
      }
      v->rows.push_back(std::move(row));
    } while (AcceptOperator(","));
    return v;
  }
  if (IsOperator("(")) {
    auto n = std::make_unique<NestedQueryBody>();
    n->position = Next().position;
    n->query = ParseQuery();
    ExpectOperator(")");
    return n;
  }
  Unexpected("'SELECT', 'VALUES', 'WITH' or '('");
}

std::unique_ptr<QuerySpecification> Parser::ParseQuerySpecification() {
  auto s = std::make_unique<QuerySpecification>();
  s->position = Peek().position;
  ExpectKeyword("select");
  if (AcceptKeyword("distinct")) s->distinct = true;
  else AcceptKeyword("all");
  do {
    SelectItem item;
    item.position = Peek().position;
    if (AcceptOperator("*")) {
      item.is_star = true;
    } else if (IsIdentifierStart() && IsOperator(".", 1) && IsOperator("*", 2)) {
      item.is_star = true;
      item.star_qualifier = ParseIdentifier().name;
      Next();
      Next();
    } else {
      item.expr = ParseExpression();
      if (AcceptKeyword("as")) {
        item.alias = ParseIdentifier().name;
      } else if (IsIdentifierStart() && !IsClauseWord(*this)) {
        item.alias = ParseIdentifier().name;
      }
    }
    s->select_items.push_back(std::move(item));
  } while (AcceptOperator(","));
  if (AcceptKeyword("from")) {
    do {
      s->from.push_back(ParseRelation());
    } while (AcceptOperator(","));
  }
  if (AcceptKeyword("where")) s->where = ParseExpression();
  if (IsKeyword("group") && IsKeyword("by", 1)) {
    Next();
    Next();
    do {
      s->group_by.push_back(ParseExpression());
    } while (AcceptOperator(","));
  }
  if (AcceptKeyword("having")) s->having = ParseExpression();
  return s;
}

RelationPtr Parser::ParseRelation() {
  auto left = ParseRelationPrimary();
  for (;;) {
    SourcePosition at = Peek().position;
    JoinType type;
    if (IsKeyword("cross") && IsKeyword("join", 1)) {
      Next();
      Next();
      auto j = std::make_unique<JoinRelation>();
      j->position = at;
      j->join_type = JoinType::kCross;
      j->left = std::move(left);
      j->right = ParseRelationPrimary();
      left = std::move(j);
      continue;
    }
    if (AcceptKeyword("join")) {
      type = JoinType::kInner;
    } else if (IsKeyword("inner") && IsKeyword("join", 1)) {
      Next();
      Next();
      type = JoinType::kInner;
    } else if (IsKeyword("left") || IsKeyword("right") || IsKeyword("full")) {
      type = IsKeyword("left") ? JoinType::kLeft : IsKeyword("right") ? JoinType::kRight : JoinType::kFull;
      Next();
      AcceptKeyword("outer");
      ExpectKeyword("join");
    } else {
      return left;
    }
    auto j = std::make_unique<JoinRelation>();
    j->position = at;
    j->join_type = type;
    j->left = std::move(left);
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
      Unexpected("'ON' or 'USING'");
    }
    left = std::move(j);
  }
}

RelationPtr Parser::ParseRelationPrimary() {
  SourcePosition at = Peek().position;
  auto parse_alias = [&](std::string& alias, std::vector<std::string>* columns) {
    if (AcceptKeyword("as")) {
      alias = ParseIdentifier().name;
    } else if (IsIdentifierStart() && !IsClauseWord(*this)) {
      alias = ParseIdentifier().name;
    } else {
      return;
    }
    if (columns && AcceptOperator("(")) {
      do {
        columns->push_back(ParseIdentifier().name);
      } while (AcceptOperator(","));
      ExpectOperator(")");
    }
  };
  if (IsOperator("(")) {
    if (IsQueryStart(1)) {
      Next();
      auto s = std::make_unique<SubqueryRelation>();
      s->position = at;
      s->query = ParseQuery();
      ExpectOperator(")");
      parse_alias(s->alias, &s->column_aliases);
      return s;
    }
    Next();
    auto inner = ParseRelation();
    ExpectOperator(")");
    return inner;
  }
  auto t = std::make_unique<TableRelation>();
  t->position = at;
  t->name = ParseQualifiedName();
  parse_alias(t->alias, nullptr);
  return t;
}

}  // namespace sluice::sql
