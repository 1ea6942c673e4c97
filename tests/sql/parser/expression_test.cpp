#include <gtest/gtest.h>

#include "parser_test_util.h"

namespace sluice::sql {
namespace {

using parser_testing::As;
using parser_testing::Described;
using parser_testing::ErrorOf;
using parser_testing::Expr;

TEST(ExpressionTest, PrecedenceFollowsTrino) {
  EXPECT_EQ(Expr("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(Expr("a AND b OR c AND d"), "((a AND b) OR (c AND d))");
  EXPECT_EQ(Expr("NOT a AND b"), "((NOT a) AND b)");
  EXPECT_EQ(Expr("NOT a = b"), "(NOT (a = b))");
  EXPECT_EQ(Expr("NOT NOT a"), "(NOT (NOT a))");
  EXPECT_EQ(Expr("-a * b"), "((-a) * b)");
  EXPECT_EQ(Expr("- a.b * c"), "((-a.b) * c)");
  EXPECT_EQ(Expr("1 + 2 * 3 - 4"), "((1 + (2 * 3)) - 4)");
  EXPECT_EQ(Expr("a / b % c * d"), "(((a / b) % c) * d)");
  EXPECT_EQ(Expr("a - b - c"), "((a - b) - c)");
  // Concatenation binds looser than arithmetic and tighter than comparison.
  EXPECT_EQ(Expr("a || b = c"), "((a || b) = c)");
  EXPECT_EQ(Expr("a || b + c"), "(a || (b + c))");
  EXPECT_EQ(Expr("a + b || c"), "((a + b) || c)");
  EXPECT_EQ(Expr("a || b || c"), "((a || b) || c)");
  EXPECT_EQ(Expr("a = b AND c <> d"), "((a = b) AND (c <> d))");
  EXPECT_EQ(Expr("a < b + 1"), "(a < (b + 1))");
  EXPECT_EQ(Expr("x NOT BETWEEN 1 AND 2 AND y"), "((x NOT BETWEEN 1 AND 2) AND y)");
  EXPECT_EQ(Expr("x BETWEEN a + 1 AND b * 2"), "(x BETWEEN (a + 1) AND (b * 2))");
  EXPECT_EQ(Expr("a IS NULL OR b IS NOT NULL"), "((a IS NULL) OR (b IS NOT NULL))");
  EXPECT_EQ(Expr("a + 1 IS NULL"), "((a + 1) IS NULL)");
  EXPECT_EQ(Expr("(a + 1) * 2"), "((a + 1) * 2)");
  EXPECT_EQ(Expr("-(a + 1)"), "(-(a + 1))");
  EXPECT_EQ(Expr("+a"), "(+a)");
  EXPECT_EQ(Expr("-x[1]"), "(-x[1])");
}

TEST(ExpressionTest, Comparisons) {
  EXPECT_EQ(Expr("a = 1"), "(a = 1)");
  EXPECT_EQ(Expr("a <> 1"), "(a <> 1)");
  EXPECT_EQ(Expr("a != 1"), "(a <> 1)");  // one spelling in the tree
  EXPECT_EQ(Expr("a < 1"), "(a < 1)");
  EXPECT_EQ(Expr("a <= 1"), "(a <= 1)");
  EXPECT_EQ(Expr("a > 1"), "(a > 1)");
  EXPECT_EQ(Expr("a >= 1"), "(a >= 1)");
  EXPECT_EQ(Expr("a IS DISTINCT FROM b"), "(a IS DISTINCT FROM b)");
  EXPECT_EQ(Expr("a IS NOT DISTINCT FROM b + 1"), "(a IS NOT DISTINCT FROM (b + 1))");
}

TEST(ExpressionTest, Literals) {
  auto check = [](std::string_view sql, LiteralKind kind, std::string text) {
    auto e = ParseExpression(sql);
    ASSERT_EQ(e->kind, ExpressionKind::kLiteral) << sql;
    const auto& lit = As<Literal>(*e);
    EXPECT_EQ(lit.literal_kind, kind) << sql;
    EXPECT_EQ(lit.text, text) << sql;
  };
  check("42", LiteralKind::kInteger, "42");
  check("9223372036854775807", LiteralKind::kInteger, "9223372036854775807");
  check("-9223372036854775808", LiteralKind::kInteger, "-9223372036854775808");
  check("1.5", LiteralKind::kDecimal, "1.5");  // Trino: DECIMAL
  check(".5", LiteralKind::kDecimal, ".5");
  check("1e3", LiteralKind::kDouble, "1e3");   // Trino: DOUBLE
  check("-2.5E-1", LiteralKind::kDouble, "-2.5E-1");
  check("'it''s'", LiteralKind::kString, "it's");
  check("TRUE", LiteralKind::kBoolean, "true");
  check("false", LiteralKind::kBoolean, "false");
  check("NULL", LiteralKind::kNull, "");
  EXPECT_EQ(Expr("'it''s'"), "'it''s'");
  EXPECT_EQ(Expr("null"), "NULL");
  EXPECT_EQ(Expr("- 5"), "-5");
  EXPECT_EQ(Expr("2 - -1"), "(2 - -1)");
}

TEST(ExpressionTest, TypedLiterals) {
  auto e = ParseExpression("DATE '2022-08-01'");
  const auto& lit = As<Literal>(*e);
  EXPECT_EQ(lit.literal_kind, LiteralKind::kTyped);
  EXPECT_EQ(lit.type_name, "date");
  EXPECT_EQ(lit.text, "2022-08-01");
  EXPECT_EQ(lit.ToString(), "date '2022-08-01'");
  EXPECT_EQ(As<Literal>(*ParseExpression("TIMESTAMP '2022-08-01 10:00:00'")).type_name, "timestamp");
  EXPECT_EQ(As<Literal>(*ParseExpression("decimal '1.50'")).type_name, "decimal");
  EXPECT_EQ(As<Literal>(*ParseExpression("JSON '{}'")).type_name, "json");
  // Without a string, the same words are column names.
  EXPECT_EQ(ParseExpression("date")->kind, ExpressionKind::kColumnRef);
  EXPECT_EQ(Expr("date = DATE '2022-08-01'"), "(date = date '2022-08-01')");
}

TEST(ExpressionTest, IntervalLiterals) {
  auto e = ParseExpression("INTERVAL '7' DAY");
  const auto& i = As<IntervalLiteral>(*e);
  EXPECT_EQ(i.value, "7");
  EXPECT_FALSE(i.negative);
  EXPECT_EQ(i.start_field, "DAY");
  EXPECT_EQ(i.end_field, "");
  EXPECT_EQ(Expr("interval -'1-2' year to month"), "INTERVAL -'1-2' YEAR TO MONTH");
  EXPECT_EQ(Expr("current_date - interval '1' day"), "(current_date - INTERVAL '1' DAY)");
  EXPECT_EQ(ParseExpression("interval")->kind, ExpressionKind::kColumnRef);
  EXPECT_EQ(Described("SELECT INTERVAL '1' fortnight"), "1:21: mismatched input 'fortnight'. Expecting: <interval field>");
}

TEST(ExpressionTest, ColumnReferences) {
  auto e = ParseExpression("Catalog.\"DB\".t.Col");
  const auto& ref = As<ColumnRef>(*e);
  ASSERT_EQ(ref.parts.size(), 4u);
  EXPECT_EQ(ref.parts[0].name, "catalog");  // unquoted: folded
  EXPECT_FALSE(ref.parts[0].quoted);
  EXPECT_EQ(ref.parts[1].name, "DB");  // quoted: kept
  EXPECT_TRUE(ref.parts[1].quoted);
  EXPECT_EQ(ref.parts[3].name, "col");
  EXPECT_EQ(ref.parts[3].position.column, 16u);
  EXPECT_EQ(ref.ToString(), "catalog.\"DB\".t.col");
  EXPECT_EQ(Expr("`back quoted`"), "\"back quoted\"");
  EXPECT_EQ(Expr("\"a\"\"b\""), "\"a\"\"b\"");
}

TEST(ExpressionTest, NonReservedKeywordsAreNames) {
  // Trino reserves few words: these are all ordinary names.
  for (const char* word : {"date", "year", "month", "day", "format", "location", "data", "comment", "table_type",
                           "first", "last", "limit", "offset", "position", "substring", "interval", "row",
                           "array", "map", "filter", "over", "time", "timestamp", "zone", "if", "replace",
                           "partition", "partitions", "schema", "tables", "columns", "external", "analyze"}) {
    auto e = ParseExpression(word);
    ASSERT_EQ(e->kind, ExpressionKind::kColumnRef) << word;
    EXPECT_EQ(As<ColumnRef>(*e).parts[0].name, word);
  }
  // Reserved words need quotes.
  EXPECT_EQ(Described("SELECT from"), "1:8: mismatched input 'from'. Expecting: '*', 'ALL', 'DISTINCT', <expression>");
  EXPECT_EQ(ParseExpression("\"from\"")->kind, ExpressionKind::kColumnRef);
  EXPECT_EQ(Described("SELECT t.select FROM t"), "1:10: mismatched input 'select'. Expecting: <identifier>");
}

TEST(ExpressionTest, FunctionCalls) {
  EXPECT_EQ(Expr("SUM(estimated_revenue)"), "sum(estimated_revenue)");
  EXPECT_EQ(Expr("concat(year, '-', month, '-01')"), "concat(year, '-', month, '-01')");
  EXPECT_EQ(Expr("now()"), "now()");
  EXPECT_EQ(Expr("COUNT(*)"), "count(*)");
  EXPECT_EQ(Expr("count(DISTINCT x)"), "count(DISTINCT x)");
  EXPECT_EQ(Expr("count(ALL x)"), "count(x)");
  EXPECT_EQ(Expr("my_catalog.my_schema.f(1)"), "my_catalog.my_schema.f(1)");
  EXPECT_EQ(Expr("\"Quoted\"(x)"), "\"Quoted\"(x)");
  auto e = ParseExpression("count(DISTINCT a, b)");
  const auto& f = As<FunctionCall>(*e);
  EXPECT_TRUE(f.distinct);
  EXPECT_FALSE(f.is_star);
  ASSERT_EQ(f.arguments.size(), 2u);
  EXPECT_EQ(f.arguments[1]->position.column, 19u);
  EXPECT_TRUE(As<FunctionCall>(*ParseExpression("count(*)")).is_star);
  // Reserved words with a call syntax of their own.
  EXPECT_EQ(Expr("grouping(a, b)"), "grouping(a, b)");
  EXPECT_EQ(Expr("json_value(j, 'strict $.a')"), "json_value(j, 'strict $.a')");
  // if, coalesce, nullif, try are plain calls.
  EXPECT_EQ(Expr("if(a, 1, 2) + coalesce(b, 0)"), "(if(a, 1, 2) + coalesce(b, 0))");
}

TEST(ExpressionTest, SpecialForms) {
  EXPECT_EQ(Expr("CURRENT_DATE"), "current_date");
  auto e = ParseExpression("current_timestamp");
  const auto& f = As<FunctionCall>(*e);
  EXPECT_TRUE(f.without_parentheses);
  EXPECT_TRUE(f.arguments.empty());
  EXPECT_EQ(Expr("current_timestamp(3)"), "current_timestamp(3)");
  EXPECT_EQ(Expr("localtimestamp"), "localtimestamp");
  EXPECT_EQ(Expr("current_user"), "current_user");
  EXPECT_EQ(Expr("EXTRACT(YEAR FROM d)"), "year(d)");
  EXPECT_EQ(Expr("extract(day_of_week FROM d + 1)"), "day_of_week((d + 1))");
  EXPECT_EQ(Described("SELECT extract(fortnight FROM d)"), "1:16: Invalid EXTRACT field: fortnight");
  EXPECT_EQ(Expr("trim(s)"), "trim(s)");
  EXPECT_EQ(Expr("trim(s, 'x')"), "trim(s, 'x')");
  EXPECT_EQ(Expr("trim(FROM s)"), "trim(s)");
  EXPECT_EQ(Expr("trim('x' FROM s)"), "trim(s, 'x')");
  EXPECT_EQ(Expr("trim(BOTH FROM s)"), "trim(s)");
  EXPECT_EQ(Expr("trim(LEADING 'x' FROM s)"), "ltrim(s, 'x')");
  EXPECT_EQ(Expr("trim(trailing FROM s)"), "rtrim(s)");
  EXPECT_EQ(Expr("trim(leading)"), "trim(leading)");  // a column called leading
  EXPECT_EQ(Expr("position('a' IN s)"), "strpos(s, 'a')");
  EXPECT_EQ(Expr("position(a, b)"), "position(a, b)");
  EXPECT_EQ(Expr("substring(s FROM 2)"), "substring(s, 2)");
  EXPECT_EQ(Expr("substring(s FROM 2 FOR 3)"), "substring(s, 2, 3)");
  EXPECT_EQ(Expr("substring(s, 2, 3)"), "substring(s, 2, 3)");
}

TEST(ExpressionTest, Casts) {
  auto e = ParseExpression("CAST(x AS VARCHAR(20))");
  const auto& c = As<Cast>(*e);
  EXPECT_FALSE(c.is_try);
  EXPECT_EQ(c.type_name, "varchar(20)");
  EXPECT_EQ(c.ToString(), "CAST(x AS varchar(20))");
  EXPECT_TRUE(As<Cast>(*ParseExpression("try_cast(x AS bigint)")).is_try);
  auto type_of = [](std::string_view type) {
    return As<Cast>(*ParseExpression("CAST(x AS " + std::string(type) + ")")).type_name;
  };
  EXPECT_EQ(type_of("decimal(10, 2)"), "decimal(10,2)");
  EXPECT_EQ(type_of("DOUBLE"), "double");
  EXPECT_EQ(type_of("double precision"), "double precision");
  EXPECT_EQ(type_of("varchar"), "varchar");
  EXPECT_EQ(type_of("timestamp(3) with time zone"), "timestamp(3) with time zone");
  EXPECT_EQ(type_of("timestamp without time zone"), "timestamp");
  EXPECT_EQ(type_of("array(varchar)"), "array(varchar)");
  EXPECT_EQ(type_of("ROW(a INTEGER, b VARCHAR(3))"), "row(a integer,b varchar(3))");
  EXPECT_EQ(type_of("map(varchar, array(bigint))"), "map(varchar,array(bigint))");
  EXPECT_EQ(type_of("interval day to second"), "interval day to second");
  EXPECT_EQ(Described("SELECT CAST(x AS)"), "1:17: mismatched input ')'. Expecting: <type>");
  EXPECT_EQ(Described("SELECT CAST(x bigint)"),
            "1:15: mismatched input 'bigint'. Expecting: '%', '*', '+', '-', '.', '/', '<', '<=', '<>', '=', "
            "'>', '>=', 'AND', 'AS', 'BETWEEN', 'IN', 'IS', 'LIKE', 'NOT', 'OR', '[', '||'");
}

TEST(ExpressionTest, Predicates) {
  EXPECT_EQ(Expr("a IN (1, 2, 3)"), "(a IN (1, 2, 3))");
  EXPECT_EQ(Expr("a NOT IN ('x')"), "(a NOT IN ('x'))");
  EXPECT_EQ(Expr("a LIKE 'x%'"), "(a LIKE 'x%')");
  EXPECT_EQ(Expr("a NOT LIKE 'x!%' ESCAPE '!'"), "(a NOT LIKE 'x!%' ESCAPE '!')");
  EXPECT_EQ(Expr("a BETWEEN 1 AND 10"), "(a BETWEEN 1 AND 10)");
  auto e = ParseExpression("a NOT BETWEEN 1 AND 10");
  EXPECT_TRUE(As<BetweenExpression>(*e).negated);
  auto in = ParseExpression("x NOT IN (1, 2)");
  EXPECT_TRUE(As<InListExpression>(*in).negated);
  EXPECT_EQ(As<InListExpression>(*in).items.size(), 2u);
  auto like = ParseExpression("x LIKE 'a' ESCAPE '\\'");
  EXPECT_EQ(As<LikeExpression>(*like).escape->ToString(), "'\\'");
  EXPECT_EQ(Described("SELECT a NOT 1"), "1:14: mismatched input '1'. Expecting: 'BETWEEN', 'IN', 'LIKE'");
  EXPECT_EQ(Described("SELECT a IN ()"), "1:14: mismatched input ')'. Expecting: <expression>");
  EXPECT_EQ(Described("SELECT a IS 1"), "1:13: mismatched input '1'. Expecting: 'DISTINCT', 'NOT', 'NULL'");
}

TEST(ExpressionTest, CaseExpressions) {
  auto e = ParseExpression("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END");
  const auto& c = As<CaseExpression>(*e);
  EXPECT_EQ(c.operand, nullptr);
  EXPECT_EQ(c.when_clauses.size(), 2u);
  ASSERT_NE(c.else_result, nullptr);
  EXPECT_EQ(c.ToString(), "CASE WHEN (a > 1) THEN 'x' WHEN (a > 0) THEN 'y' ELSE 'z' END");
  auto simple = ParseExpression("case status when 1 then 'on' when 0 then 'off' end");
  const auto& s = As<CaseExpression>(*simple);
  ASSERT_NE(s.operand, nullptr);
  EXPECT_EQ(s.else_result, nullptr);
  EXPECT_EQ(s.ToString(), "CASE status WHEN 1 THEN 'on' WHEN 0 THEN 'off' END");
  EXPECT_EQ(Described("SELECT CASE END"), "1:13: mismatched input 'END'. Expecting: 'WHEN', <expression>");
  EXPECT_EQ(Described("SELECT CASE x ELSE 1 END"), "1:15: mismatched input 'ELSE'. Expecting: "
                                                   "'%', '*', '+', '-', '.', '/', '<', '<=', '<>', '=', '>', "
                                                   "'>=', 'AND', 'BETWEEN', 'IN', 'IS', 'LIKE', 'NOT', 'OR', 'WHEN', "
                                                   "'[', '||'");
  EXPECT_EQ(Described("SELECT CASE WHEN a THEN b"),
            "1:26: Unexpected end of input; expecting '%', '*', '+', '-', '.', '/', '<', '<=', '<>', '=', '>', "
            "'>=', 'AND', 'BETWEEN', 'ELSE', 'END', 'IN', 'IS', 'LIKE', 'NOT', 'OR', 'WHEN', '[', '||'");
}

TEST(ExpressionTest, ArraysAndSubscripts) {
  EXPECT_EQ(Expr("ARRAY['a', 'b']"), "ARRAY['a', 'b']");
  EXPECT_EQ(Expr("array[]"), "ARRAY[]");
  auto e = ParseExpression("ARRAY[1, 2][1]");
  const auto& s = As<SubscriptExpression>(*e);
  EXPECT_EQ(s.base->kind, ExpressionKind::kArray);
  EXPECT_EQ(s.index->ToString(), "1");
  EXPECT_EQ(Expr("m['k'][2] + 1"), "(m['k'][2] + 1)");
  EXPECT_EQ(Expr("(1, 'a')"), "row(1, 'a')");
  // Fields of expressions that are not plain names.
  EXPECT_EQ(As<DereferenceExpression>(*ParseExpression("a[1].x")).field.name, "x");
  EXPECT_EQ(Expr("(r).y.z"), "r.y.z");
}

TEST(ExpressionTest, Lambdas) {
  auto e = ParseExpression("transform(a, x -> x + 1)");
  const auto& f = As<FunctionCall>(*e);
  const auto& l = As<LambdaExpression>(*f.arguments[1]);
  ASSERT_EQ(l.parameters.size(), 1u);
  EXPECT_EQ(l.parameters[0].name, "x");
  EXPECT_EQ(l.body->ToString(), "(x + 1)");
  EXPECT_EQ(Expr("reduce(a, 0, (s, x) -> s + x, s -> s)"), "reduce(a, 0, (s, x) -> (s + x), (s) -> s)");
  // A parenthesised name list without an arrow is a row.
  EXPECT_EQ(Expr("(a, b)"), "row(a, b)");
}

TEST(ExpressionTest, Subqueries) {
  auto e = ParseExpression("(SELECT max(x) FROM t)");
  EXPECT_EQ(e->kind, ExpressionKind::kSubquery);
  EXPECT_EQ(e->ToString(), "(SELECT max(x) FROM t)");
  auto exists = ParseExpression("NOT EXISTS (SELECT 1 FROM t WHERE t.a = b)");
  const auto& u = As<UnaryExpression>(*exists);
  EXPECT_EQ(u.operand->kind, ExpressionKind::kExists);
  EXPECT_EQ(exists->ToString(), "(NOT EXISTS (SELECT 1 FROM t WHERE (t.a = b)))");
  auto in = ParseExpression("a NOT IN (SELECT b FROM t)");
  const auto& s = As<SubqueryExpression>(*in);
  EXPECT_EQ(s.kind, ExpressionKind::kInSubquery);
  EXPECT_TRUE(s.negated);
  EXPECT_EQ(s.operand->ToString(), "a");
  EXPECT_EQ(in->ToString(), "(a NOT IN (SELECT b FROM t))");
  // Parentheses that could open a subquery or an expression.
  EXPECT_EQ(Expr("((SELECT 1) + 1)"), "((SELECT 1) + 1)");
  EXPECT_EQ(ParseExpression("((SELECT 1))")->kind, ExpressionKind::kSubquery);
  EXPECT_EQ(Expr("x IN ((SELECT 1), 2)"), "(x IN ((SELECT 1), 2))");
  EXPECT_EQ(ParseExpression("x IN ((SELECT 1))")->kind, ExpressionKind::kInSubquery);
  EXPECT_EQ(Expr("(SELECT 1) * 2"), "((SELECT 1) * 2)");
}

TEST(ExpressionTest, QuantifiedComparisons) {
  auto e = ParseExpression("a + 1 >= ALL (SELECT b FROM t)");
  const auto& s = As<SubqueryExpression>(*e);
  EXPECT_EQ(s.kind, ExpressionKind::kQuantifiedComparison);
  EXPECT_EQ(s.op, ">=");
  EXPECT_TRUE(s.all);
  EXPECT_EQ(s.operand->ToString(), "(a + 1)");
  EXPECT_EQ(e->ToString(), "((a + 1) >= ALL (SELECT b FROM t))");
  // SOME is ANY; != is <>.
  EXPECT_EQ(Expr("a = SOME (SELECT b FROM t)"), "(a = ANY (SELECT b FROM t))");
  EXPECT_EQ(Expr("a != ANY (SELECT b FROM t) AND c"), "((a <> ANY (SELECT b FROM t)) AND c)");
  // Without a query in the parentheses, any(...) is a function call.
  EXPECT_EQ(Expr("a = any(b)"), "(a = any(b))");
}

TEST(ExpressionTest, ForEachChildVisitsDirectChildren) {
  auto e = ParseExpression("CASE x WHEN 1 THEN f(a, b) ELSE c[2] END");
  std::vector<std::string> children;
  e->ForEachChild([&](const Expression& c) { children.push_back(c.ToString()); });
  EXPECT_EQ(children, (std::vector<std::string>{"x", "1", "f(a, b)", "c[2]"}));
  children.clear();
  ParseExpression("a NOT LIKE b ESCAPE c")->ForEachChild([&](const Expression& c) {
    children.push_back(c.ToString());
  });
  EXPECT_EQ(children, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(ExpressionTest, PositionsAreFirstTokens) {
  auto e = ParseExpression("  a\n  + b * c");
  EXPECT_EQ(e->position.line, 1u);
  EXPECT_EQ(e->position.column, 3u);
  const auto& add = As<BinaryExpression>(*e);
  EXPECT_EQ(add.right->position.line, 2u);
  EXPECT_EQ(add.right->position.column, 5u);
  EXPECT_EQ(ParseExpression("x IS NULL")->position.column, 1u);
  EXPECT_EQ(ParseExpression(" -1")->position.column, 2u);
  EXPECT_EQ(ParseExpression("  CAST(a AS int)")->position.column, 3u);
}

}  // namespace
}  // namespace sluice::sql
