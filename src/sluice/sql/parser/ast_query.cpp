// SQL rendering of queries, relations and query bodies. The output is not the
// original text but parses back to an equal tree (the tests check that), which
// is what EXPLAIN output and error messages need.
#include "sluice/sql/parser/ast.h"
#include "sluice/sql/parser/keywords.h"

namespace sluice::sql {

namespace {

std::string JoinExpressions(const std::vector<ExpressionPtr>& items) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i]->ToString();
  return s;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + QuoteIdentifierIfNeeded(names[i]);
  return s;
}

// "db.t" as stored in SelectItem::star_qualifier, each part quoted if needed.
std::string DottedName(const std::string& dotted) {
  std::string s;
  size_t start = 0;
  for (;;) {
    size_t dot = dotted.find('.', start);
    s += QuoteIdentifierIfNeeded(dotted.substr(start, dot - start));
    if (dot == std::string::npos) return s;
    s += '.';
    start = dot + 1;
  }
}

std::string AliasSuffix(const std::string& alias, const std::vector<std::string>* columns) {
  if (alias.empty()) return "";
  std::string s = " AS " + QuoteIdentifierIfNeeded(alias);
  if (columns && !columns->empty()) s += " (" + JoinNames(*columns) + ")";
  return s;
}

std::string RelationToString(const Relation& relation);

std::string JoinToString(const JoinRelation& j) {
  static const char* kNames[] = {"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"};
  std::string right = RelationToString(*j.right);
  // Joins nest to the left by default; a join on the right was parenthesised.
  if (j.right->kind == RelationKind::kJoin) right = "(" + right + ")";
  std::string s = RelationToString(*j.left) + " " + kNames[static_cast<int>(j.join_type)] + " " + right;
  if (j.condition) s += " ON " + j.condition->ToString();
  if (!j.using_columns.empty()) s += " USING (" + JoinNames(j.using_columns) + ")";
  return s;
}

std::string RelationToString(const Relation& relation) {
  switch (relation.kind) {
    case RelationKind::kTable: {
      const auto& t = static_cast<const TableRelation&>(relation);
      return t.name.ToString() + AliasSuffix(t.alias, nullptr);
    }
    case RelationKind::kSubquery: {
      const auto& s = static_cast<const SubqueryRelation&>(relation);
      return std::string(s.lateral ? "LATERAL " : "") + "(" + s.query->ToString() + ")" +
             AliasSuffix(s.alias, &s.column_aliases);
    }
    case RelationKind::kJoin:
      return JoinToString(static_cast<const JoinRelation&>(relation));
    case RelationKind::kTableFunction: {
      const auto& f = static_cast<const TableFunctionRelation&>(relation);
      std::string s = f.name.ToString() + "(";
      for (size_t i = 0; i < f.arguments.size(); ++i) {
        if (i) s += ", ";
        if (!f.arguments[i].name.empty()) s += f.arguments[i].name + " => ";
        s += f.arguments[i].value->ToString();
      }
      return s + ")" + AliasSuffix(f.alias, &f.column_aliases);
    }
    case RelationKind::kUnnest: {
      const auto& u = static_cast<const UnnestRelation&>(relation);
      std::string s = "UNNEST(";
      for (size_t i = 0; i < u.expressions.size(); ++i) s += (i ? ", " : "") + u.expressions[i]->ToString();
      return s + ")" + (u.with_ordinality ? " WITH ORDINALITY" : "") + AliasSuffix(u.alias, &u.column_aliases);
    }
  }
  return "";
}

std::string BodyToString(const QueryBody& body);

std::string SelectToString(const QuerySpecification& q) {
  std::string s = q.distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < q.select_items.size(); ++i) {
    const SelectItem& item = q.select_items[i];
    if (i) s += ", ";
    if (item.is_star) {
      s += item.star_qualifier.empty() ? "*" : DottedName(item.star_qualifier) + ".*";
    } else {
      s += item.expr->ToString();
      if (!item.alias.empty()) s += " AS " + QuoteIdentifierIfNeeded(item.alias);
    }
  }
  for (size_t i = 0; i < q.from.size(); ++i) s += (i ? ", " : " FROM ") + RelationToString(*q.from[i]);
  if (q.where) s += " WHERE " + q.where->ToString();
  if (!q.group_by.empty() || !q.grouping_elements.empty()) {
    s += q.group_by_distinct ? " GROUP BY DISTINCT " : " GROUP BY ";
    s += JoinExpressions(q.group_by);
    for (size_t i = 0; i < q.grouping_elements.size(); ++i) {
      const GroupingElement& g = q.grouping_elements[i];
      static const char* kNames[] = {"ROLLUP (", "CUBE (", "GROUPING SETS ("};
      s += std::string(i || !q.group_by.empty() ? ", " : "") + kNames[static_cast<int>(g.kind)];
      for (size_t k = 0; k < g.sets.size(); ++k) {
        if (g.kind == GroupingElement::Kind::kSets) {
          s += (k ? ", (" : "(") + JoinExpressions(g.sets[k]) + ")";
        } else {
          s += JoinExpressions(g.sets[k]);
        }
      }
      s += ")";
    }
  }
  if (q.having) s += " HAVING " + q.having->ToString();
  for (size_t i = 0; i < q.windows.size(); ++i) {
    s += (i ? ", " : " WINDOW ") + QuoteIdentifierIfNeeded(q.windows[i].name.name) + " AS " +
         q.windows[i].specification->ToString();
  }
  return s;
}

std::string BodyToString(const QueryBody& body) {
  switch (body.kind) {
    case QueryBodyKind::kSelect:
      return SelectToString(static_cast<const QuerySpecification&>(body));
    case QueryBodyKind::kSetOperation: {
      const auto& op = static_cast<const SetOperation&>(body);
      static const char* kNames[] = {" UNION ", " INTERSECT ", " EXCEPT "};
      // Parenthesise nested set operations so the tree's shape survives.
      auto operand = [](const QueryBody& b) {
        std::string s = BodyToString(b);
        return b.kind == QueryBodyKind::kSetOperation ? "(" + s + ")" : s;
      };
      return operand(*op.left) + kNames[static_cast<int>(op.op)] + (op.all ? "ALL " : "") +
             operand(*op.right);
    }
    case QueryBodyKind::kValues: {
      const auto& v = static_cast<const ValuesBody&>(body);
      std::string s = "VALUES ";
      for (size_t i = 0; i < v.rows.size(); ++i) s += (i ? ", (" : "(") + JoinExpressions(v.rows[i]) + ")";
      return s;
    }
    case QueryBodyKind::kQuery:
      return "(" + static_cast<const NestedQueryBody&>(body).query->ToString() + ")";
  }
  return "";
}

}  // namespace

std::string Query::ToString() const {
  std::string s;
  for (size_t i = 0; i < with.size(); ++i) {
    const WithQuery& w = with[i];
    s += (i ? ", " : "WITH ") + QuoteIdentifierIfNeeded(w.name);
    if (!w.column_aliases.empty()) s += " (" + JoinNames(w.column_aliases) + ")";
    s += " AS (" + w.query->ToString() + ")";
  }
  if (!with.empty()) s += " ";
  s += BodyToString(*body);
  if (!order_by.empty()) s += " ORDER BY " + OrderItemsToString(order_by);
  if (offset) s += " OFFSET " + offset->ToString();
  if (limit) s += " LIMIT " + limit->ToString();
  return s;
}

}  // namespace sluice::sql
