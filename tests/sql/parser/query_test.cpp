#include <gtest/gtest.h>

#include "parser_test_util.h"

namespace sluice::sql {
namespace {

using parser_testing::As;
using parser_testing::Described;
using parser_testing::Parsed;
using parser_testing::QueryOf;
using parser_testing::Render;
using parser_testing::SelectOf;

TEST(QueryTest, SelectList) {
  auto stmt = ParseStatement("SELECT DISTINCT a, b AS x, c y, \"Z\" AS \"Mixed\", t.*, db.t.*, *, 1 + 2 FROM t");
  const auto& s = SelectOf(*stmt);
  EXPECT_TRUE(s.distinct);
  ASSERT_EQ(s.select_items.size(), 8u);
  EXPECT_EQ(s.select_items[0].alias, "");
  EXPECT_EQ(s.select_items[1].alias, "x");
  EXPECT_EQ(s.select_items[2].alias, "y");
  EXPECT_EQ(s.select_items[3].alias, "Mixed");
  EXPECT_TRUE(s.select_items[4].is_star);
  EXPECT_EQ(s.select_items[4].star_qualifier, "t");
  EXPECT_EQ(s.select_items[4].expr, nullptr);
  EXPECT_EQ(s.select_items[5].star_qualifier, "db.t");
  EXPECT_TRUE(s.select_items[6].is_star);
  EXPECT_EQ(s.select_items[6].star_qualifier, "");
  EXPECT_EQ(s.select_items[7].expr->ToString(), "(1 + 2)");
  EXPECT_EQ(s.select_items[7].position.column, 65u);
  EXPECT_FALSE(SelectOf(Parsed("SELECT ALL a FROM t")).distinct);
}

TEST(QueryTest, TableFunctionsInFrom) {
  const auto& s = SelectOf(Parsed("SELECT * FROM read_csv('s3://b/*.csv', delimiter => ';', header => true) t (a, b)"));
  const auto& f = As<TableFunctionRelation>(*s.from[0]);
  EXPECT_EQ(f.name.ToString(), "read_csv");
  ASSERT_EQ(f.arguments.size(), 3u);
  EXPECT_EQ(f.arguments[0].name, "");
  EXPECT_EQ(f.arguments[1].name, "delimiter");
  EXPECT_EQ(f.arguments[2].value->ToString(), "true");
  EXPECT_EQ(f.alias, "t");
  EXPECT_EQ(f.column_aliases, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Render("SELECT * FROM TABLE(read_csv('x', Sep => ','))"),
            "SELECT * FROM read_csv('x', sep => ',')");
  EXPECT_EQ(Render("SELECT * FROM read_csv() r"), "SELECT * FROM read_csv() AS r");
}

TEST(QueryTest, UnnestInFrom) {
  const auto& s = SelectOf(Parsed("SELECT * FROM UNNEST(ARRAY[1], m) WITH ORDINALITY AS t (x, k, v, n)"));
  const auto& u = As<UnnestRelation>(*s.from[0]);
  EXPECT_EQ(u.expressions.size(), 2u);
  EXPECT_TRUE(u.with_ordinality);
  EXPECT_EQ(u.alias, "t");
  EXPECT_EQ(u.column_aliases.size(), 4u);
  EXPECT_EQ(Render("SELECT x FROM t CROSS JOIN UNNEST(t.a) u (x)"),
            "SELECT x FROM t CROSS JOIN UNNEST(t.a) AS u (x)");
  EXPECT_EQ(Render("SELECT x FROM t LEFT JOIN UNNEST(a) WITH ORDINALITY u (x, n) ON true"),
            "SELECT x FROM t LEFT JOIN UNNEST(a) WITH ORDINALITY AS u (x, n) ON true");
}

TEST(QueryTest, SelectWithoutFrom) {
  const auto& s = SelectOf(Parsed("SELECT 1, 'a'"));
  EXPECT_TRUE(s.from.empty());
  EXPECT_EQ(s.select_items.size(), 2u);
}

TEST(QueryTest, AliasesMayBeNonReservedKeywords) {
  const auto& s = SelectOf(Parsed("SELECT a date, b AS year, c format FROM t"));
  EXPECT_EQ(s.select_items[0].alias, "date");
  EXPECT_EQ(s.select_items[1].alias, "year");
  EXPECT_EQ(s.select_items[2].alias, "format");
  // LIMIT, OFFSET and FETCH end a select item instead of naming it.
  const auto& q = QueryOf(Parsed("SELECT a limit 5"));
  EXPECT_EQ(SelectOf(q).select_items[0].alias, "");
  EXPECT_EQ(q.limit->ToString(), "5");
}

TEST(QueryTest, Clauses) {
  auto stmt = ParseStatement(
      "SELECT a, count(*) FROM t WHERE b > 1 AND c IS NOT NULL GROUP BY a, 2 HAVING count(*) > 1 "
      "ORDER BY 2 DESC NULLS FIRST, a ASC, b NULLS LAST LIMIT 5 OFFSET 2");
  const auto& q = QueryOf(*stmt);
  const auto& s = SelectOf(q);
  EXPECT_EQ(s.where->ToString(), "((b > 1) AND (c IS NOT NULL))");
  ASSERT_EQ(s.group_by.size(), 2u);
  EXPECT_EQ(s.group_by[1]->ToString(), "2");
  EXPECT_EQ(s.having->ToString(), "(count(*) > 1)");
  ASSERT_EQ(q.order_by.size(), 3u);
  EXPECT_FALSE(q.order_by[0].ascending);
  EXPECT_EQ(q.order_by[0].nulls_first, std::optional<bool>(true));
  EXPECT_TRUE(q.order_by[1].ascending);
  EXPECT_FALSE(q.order_by[1].nulls_first.has_value());
  EXPECT_EQ(q.order_by[2].nulls_first, std::optional<bool>(false));
  EXPECT_EQ(q.limit->ToString(), "5");
  EXPECT_EQ(q.offset->ToString(), "2");
  EXPECT_EQ(QueryOf(Parsed("SELECT a FROM t GROUP BY ALL a")).ToString(), "SELECT a FROM t GROUP BY a");
}

TEST(QueryTest, LimitOffsetFetch) {
  EXPECT_EQ(Render("SELECT a FROM t OFFSET 2 ROWS LIMIT 3"), "SELECT a FROM t OFFSET 2 LIMIT 3");
  EXPECT_EQ(Render("SELECT a FROM t LIMIT 3 OFFSET 2"), "SELECT a FROM t OFFSET 2 LIMIT 3");
  EXPECT_EQ(Render("SELECT a FROM t LIMIT ALL"), "SELECT a FROM t");
  EXPECT_EQ(Render("SELECT a FROM t FETCH FIRST 3 ROWS ONLY"), "SELECT a FROM t LIMIT 3");
  EXPECT_EQ(Render("SELECT a FROM t OFFSET 1 ROW FETCH NEXT ROW ONLY"), "SELECT a FROM t OFFSET 1 LIMIT 1");
  EXPECT_EQ(Described("SELECT a FROM t LIMIT x"), "1:23: mismatched input 'x'. Expecting: 'ALL', <integer>");
  EXPECT_EQ(Described("SELECT a FROM t LIMIT -1"), "1:23: mismatched input '-'. Expecting: 'ALL', <integer>");
  EXPECT_EQ(Described("SELECT a FROM t LIMIT 1 LIMIT 2"), "1:25: mismatched input 'LIMIT'. Expecting: ';', 'OFFSET', <EOF>");
  EXPECT_EQ(Described("SELECT a FROM t LIMIT 99999999999999999999"),
            "1:23: Invalid numeric literal: 99999999999999999999");
  auto e = parser_testing::ErrorOf("SELECT a FROM t ORDER BY a FETCH FIRST 1 ROWS WITH TIES");
  EXPECT_EQ(e.code(), ErrorCode::kNotSupported);
}

TEST(QueryTest, TableNamesAndAliases) {
  auto stmt = ParseStatement("SELECT 1 FROM a, db.t AS x, \"Cat\".\"DB\".\"T\" y, `b` z");
  const auto& s = SelectOf(*stmt);
  ASSERT_EQ(s.from.size(), 4u);
  const auto& a = As<TableRelation>(*s.from[0]);
  EXPECT_EQ(a.name.ToString(), "a");
  EXPECT_EQ(a.alias, "");
  EXPECT_EQ(a.position.column, 15u);
  const auto& t = As<TableRelation>(*s.from[1]);
  ASSERT_EQ(t.name.parts.size(), 2u);
  EXPECT_EQ(t.name.parts[0].name, "db");
  EXPECT_EQ(t.alias, "x");
  const auto& q = As<TableRelation>(*s.from[2]);
  ASSERT_EQ(q.name.parts.size(), 3u);
  EXPECT_EQ(q.name.parts[2].name, "T");
  EXPECT_TRUE(q.name.parts[2].quoted);
  EXPECT_EQ(q.name.position.column, 29u);
  EXPECT_EQ(q.alias, "y");
  EXPECT_EQ(As<TableRelation>(*s.from[3]).alias, "z");
}

TEST(QueryTest, Joins) {
  auto stmt = ParseStatement(
      "SELECT * FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id, k) RIGHT JOIN d ON true "
      "FULL JOIN e ON false INNER JOIN f ON 1 = 1 CROSS JOIN g LEFT JOIN h ON x");
  const auto& s = SelectOf(*stmt);
  ASSERT_EQ(s.from.size(), 1u);
  // Joins nest to the left: (((((( a ⋈ b) ⟕ c) ⟖ d) ⟗ e) ⋈ f) × g) ⟕ h
  std::vector<JoinType> types;
  const Relation* r = s.from[0].get();
  while (r->kind == RelationKind::kJoin) {
    const auto& j = As<JoinRelation>(*r);
    types.push_back(j.join_type);
    EXPECT_EQ(j.position.column, 15u);  // the first token of the whole join
    r = j.left.get();
  }
  EXPECT_EQ(types, (std::vector<JoinType>{JoinType::kLeft, JoinType::kCross, JoinType::kInner, JoinType::kFull,
                                          JoinType::kRight, JoinType::kLeft, JoinType::kInner}));
  const auto& left_using = As<JoinRelation>(*As<JoinRelation>(*As<JoinRelation>(*As<JoinRelation>(
                                                 *As<JoinRelation>(*As<JoinRelation>(*s.from[0]).left).left)
                                                                                      .left)
                                                                   .left)
                                                .left);
  EXPECT_EQ(left_using.using_columns, (std::vector<std::string>{"id", "k"}));
  EXPECT_EQ(left_using.condition, nullptr);
  EXPECT_EQ(Described("SELECT * FROM a JOIN b"), "1:23: Unexpected end of input; expecting '.', 'AS', 'ON', 'USING'");
  EXPECT_EQ(Described("SELECT * FROM a LEFT b ON x"), "1:22: mismatched input 'b'. Expecting: 'JOIN', 'OUTER'");
  EXPECT_EQ(parser_testing::ErrorOf("SELECT * FROM a NATURAL JOIN b").code(), ErrorCode::kNotSupported);
}

TEST(QueryTest, ParenthesisedJoins) {
  const auto& s = SelectOf(Parsed("SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y"));
  const auto& j = As<JoinRelation>(*s.from[0]);
  EXPECT_EQ(j.right->kind, RelationKind::kJoin);
  EXPECT_EQ(Render("SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y"),
            "SELECT * FROM a JOIN (b JOIN c ON (b.x = c.x)) ON (a.y = b.y)");
  // A join whose first operand is a parenthesised subquery.
  EXPECT_EQ(Render("SELECT * FROM ((SELECT 1 AS x) s JOIN t ON s.x = t.x)"),
            "SELECT * FROM (SELECT 1 AS x) AS s JOIN t ON (s.x = t.x)");
}

TEST(QueryTest, SubqueriesInFrom) {
  auto stmt = ParseStatement("SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 3) AS s (x), (SELECT b FROM u) v, "
                             "(SELECT c FROM w)");
  const auto& s = SelectOf(*stmt);
  ASSERT_EQ(s.from.size(), 3u);
  const auto& first = As<SubqueryRelation>(*s.from[0]);
  EXPECT_EQ(first.alias, "s");
  EXPECT_EQ(first.column_aliases, (std::vector<std::string>{"x"}));
  EXPECT_EQ(first.query->order_by.size(), 1u);
  EXPECT_EQ(first.query->limit->ToString(), "3");
  EXPECT_EQ(first.position.column, 15u);
  EXPECT_EQ(As<SubqueryRelation>(*s.from[1]).alias, "v");
  EXPECT_EQ(As<SubqueryRelation>(*s.from[2]).alias, "");  // Trino allows no alias
  // Double parentheses are the same subquery.
  const auto& nested = SelectOf(Parsed("SELECT * FROM ((SELECT 1)) x"));
  EXPECT_EQ(As<SubqueryRelation>(*nested.from[0]).query->body->kind, QueryBodyKind::kSelect);
}

TEST(QueryTest, WithClause) {
  auto stmt = ParseStatement("WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT y FROM b");
  const auto& q = QueryOf(*stmt);
  ASSERT_EQ(q.with.size(), 2u);
  EXPECT_EQ(q.with[0].name, "a");
  EXPECT_EQ(q.with[1].name, "b");
  EXPECT_EQ(q.with[1].column_aliases, (std::vector<std::string>{"y"}));
  EXPECT_EQ(q.with[1].position.column, 28u);
  EXPECT_EQ(As<TableRelation>(*SelectOf(q).from[0]).name.ToString(), "b");
  // WITH inside a subquery.
  const auto& s = SelectOf(Parsed("SELECT * FROM (WITH c AS (SELECT 1) SELECT * FROM c)"));
  EXPECT_EQ(As<SubqueryRelation>(*s.from[0]).query->with.size(), 1u);
  EXPECT_EQ(Described("WITH a (SELECT 1) SELECT 1"), "1:9: mismatched input 'SELECT'. Expecting: <identifier>");
  EXPECT_EQ(Described("WITH a AS SELECT 1"), "1:11: mismatched input 'SELECT'. Expecting: '('");
}

TEST(QueryTest, SetOperations) {
  const auto& q = QueryOf(Parsed("SELECT 1 UNION SELECT 2 UNION ALL SELECT 3 ORDER BY 1 LIMIT 2"));
  const auto& top = As<SetOperation>(*q.body);
  EXPECT_EQ(top.op, SetOperator::kUnion);
  EXPECT_TRUE(top.all);
  const auto& left = As<SetOperation>(*top.left);
  EXPECT_FALSE(left.all);
  EXPECT_EQ(left.position.column, 1u);
  EXPECT_EQ(q.order_by.size(), 1u);  // ORDER BY and LIMIT belong to the whole
  EXPECT_EQ(q.limit->ToString(), "2");
  // INTERSECT binds tighter than UNION and EXCEPT.
  EXPECT_EQ(Render("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"), "SELECT 1 UNION (SELECT 2 INTERSECT SELECT 3)");
  EXPECT_EQ(Render("SELECT 1 EXCEPT DISTINCT SELECT 2 EXCEPT SELECT 3"),
            "(SELECT 1 EXCEPT SELECT 2) EXCEPT SELECT 3");
  EXPECT_EQ(Render("SELECT 1 INTERSECT ALL SELECT 2"), "SELECT 1 INTERSECT ALL SELECT 2");
  // Parentheses group; a limited operand keeps its own clauses.
  EXPECT_EQ(Render("(SELECT 1 UNION SELECT 2) UNION (SELECT 3 ORDER BY 1 LIMIT 1)"),
            "(SELECT 1 UNION SELECT 2) UNION (SELECT 3 ORDER BY 1 LIMIT 1)");
  EXPECT_EQ(Render("SELECT 1 UNION (SELECT 2 UNION SELECT 3)"), "SELECT 1 UNION (SELECT 2 UNION SELECT 3)");
  const auto& nested = QueryOf(Parsed("SELECT 1 UNION (SELECT 2 LIMIT 1)"));
  EXPECT_EQ(As<SetOperation>(*nested.body).right->kind, QueryBodyKind::kQuery);
}

TEST(QueryTest, ParenthesesAroundAWholeQueryFold) {
  const auto& q = QueryOf(Parsed("((SELECT a FROM t))"));
  EXPECT_EQ(q.body->kind, QueryBodyKind::kSelect);
  const auto& limited = QueryOf(Parsed("(SELECT a FROM t ORDER BY a LIMIT 1)"));
  EXPECT_EQ(limited.body->kind, QueryBodyKind::kSelect);
  EXPECT_EQ(limited.limit->ToString(), "1");
  // An outer LIMIT over an inner one keeps both.
  const auto& both = QueryOf(Parsed("(SELECT a FROM t LIMIT 5) LIMIT 1"));
  EXPECT_EQ(both.body->kind, QueryBodyKind::kQuery);
  EXPECT_EQ(both.limit->ToString(), "1");
  EXPECT_EQ(both.ToString(), "(SELECT a FROM t LIMIT 5) LIMIT 1");
  // An outer LIMIT over a plain query moves onto it.
  const auto& moved = QueryOf(Parsed("(SELECT a FROM t) LIMIT 1"));
  EXPECT_EQ(moved.body->kind, QueryBodyKind::kSelect);
}

TEST(QueryTest, Values) {
  const auto& q = QueryOf(Parsed("VALUES (1, 'a'), (2, 'b'), (3, NULL)"));
  const auto& v = As<ValuesBody>(*q.body);
  ASSERT_EQ(v.rows.size(), 3u);
  ASSERT_EQ(v.rows[2].size(), 2u);
  EXPECT_EQ(v.rows[2][1]->ToString(), "NULL");
  const auto& single = As<ValuesBody>(*QueryOf(Parsed("VALUES 1, 2, (3)")).body);
  ASSERT_EQ(single.rows.size(), 3u);
  EXPECT_EQ(single.rows[2].size(), 1u);
  const auto& explicit_rows = As<ValuesBody>(*QueryOf(Parsed("VALUES ROW(1, 2)")).body);
  EXPECT_EQ(explicit_rows.rows[0].size(), 2u);
  EXPECT_EQ(Render("SELECT * FROM (VALUES (1, 'a')) AS t (x, y)"), "SELECT * FROM (VALUES (1, 'a')) AS t (x, y)");
  EXPECT_EQ(Render("VALUES 1 UNION ALL VALUES 2 ORDER BY 1"), "VALUES (1) UNION ALL VALUES (2) ORDER BY 1");
}

TEST(QueryTest, NamesThatNeedQuotesAreQuotedWhenRendered) {
  EXPECT_EQ(Render("SELECT a AS \"from\", b AS \"Mixed Case\", c AS date FROM t AS \"select\""),
            "SELECT a AS \"from\", b AS \"Mixed Case\", c AS date FROM t AS \"select\"");
}

// Rendering a parsed query and parsing the rendering gives the same tree
// (compared through a second rendering).
TEST(QueryTest, RoundTrip) {
  const char* queries[] = {
      "SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') as date FROM ("
      "SELECT year, month, day, product_code, estimated_revenue FROM \"awsmp\".\"cas_daily_business_usage\" "
      "ORDER BY year, month, day) GROUP BY year, month, product_code ORDER BY year, month, product_code",
      "SELECT * FROM \"sampledb\".\"elb_logs\" limit 10",
      "WITH x (a, b) AS (SELECT 1, 2), y AS (VALUES (3, 4)) SELECT * FROM x CROSS JOIN y ORDER BY 1 DESC NULLS LAST",
      "SELECT DISTINCT t.*, u.b FROM t LEFT JOIN u ON t.a = u.a AND u.c IN (1, 2) WHERE NOT EXISTS "
      "(SELECT 1 FROM v WHERE v.a = t.a) AND t.d NOT IN (SELECT d FROM w) GROUP BY 1, 2 HAVING count(*) > 0",
      "SELECT CASE WHEN a BETWEEN 1 AND 2 THEN 'x' ELSE CAST(a AS varchar) END, try_cast(b AS decimal(10,2)), "
      "-a * b, a || b = c, x IS DISTINCT FROM y, m['k'], ARRAY[1, 2][1], current_date - INTERVAL '1' DAY, "
      "DATE '2022-08-01', 1e3, 1.5, .5, 'it''s', NULL, TRUE FROM t",
      "SELECT a FROM t UNION SELECT b FROM u INTERSECT SELECT c FROM v EXCEPT ALL (SELECT d FROM w LIMIT 1)",
      "SELECT a LIKE 'x!%' ESCAPE '!', extract(year FROM d), trim(BOTH 'x' FROM s), position('a' IN s), "
      "(SELECT max(x) FROM t), (1, 2) FROM t OFFSET 5 LIMIT 10",
      "SELECT \"Quoted\".\"Col\", `back`, count(DISTINCT x) FROM \"My Table\" AS \"T\" JOIN (SELECT 1) s USING (c)",
      "SELECT * FROM t, LATERAL (SELECT u.b FROM u WHERE u.a = t.a) x (b) CROSS JOIN LATERAL (SELECT 1) y "
      "WHERE t.a > ALL (SELECT c FROM v) AND t.b <= SOME (SELECT c FROM v)",
      "SELECT a, grouping(a, b) FROM t GROUP BY DISTINCT a, ROLLUP (b, c), CUBE (d), "
      "GROUPING SETS ((a, b), (c), (), d + 1, (d + 1) * 2)",
      "SELECT a FROM t GROUP BY ALL ROLLUP (a) HAVING count(*) > 1",
  };
  for (const char* sql : queries) {
    std::string once = Render(sql);
    EXPECT_EQ(Render(once), once) << sql;
  }
}

}  // namespace
}  // namespace sluice::sql
