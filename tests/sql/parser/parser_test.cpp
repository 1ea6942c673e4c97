#include <gtest/gtest.h>

#include "sluice/common/error.h"
#include "sluice/sql/parser/parser.h"
#include "sql/parser/seed_sql.h"

namespace sluice::sql {
namespace {

using test::kSeedCtas;

TEST(ParserTest, SeedCtasParsesUnchanged) {
  auto stmt = ParseStatement(kSeedCtas);
  ASSERT_EQ(stmt->kind, StatementKind::kCreateTableAs);
  auto& ctas = static_cast<CreateTableAsStatement&>(*stmt);
  EXPECT_EQ(ctas.name.ToString(), "monthly_recurring_revenue");
  ASSERT_EQ(ctas.properties.size(), 3u);
  EXPECT_EQ(ctas.properties[0].name, "format");
  EXPECT_EQ(ctas.properties[2].value->ToString(), "ARRAY['date']");
  auto& select = static_cast<QuerySpecification&>(*ctas.query->body);
  ASSERT_EQ(select.select_items.size(), 3u);
  EXPECT_EQ(select.select_items[2].alias, "date");
  EXPECT_EQ(select.select_items[1].expr->ToString(), "sum(estimated_revenue)");
  ASSERT_EQ(select.from.size(), 1u);
  ASSERT_EQ(select.from[0]->kind, RelationKind::kSubquery);
  auto& sub = static_cast<SubqueryRelation&>(*select.from[0]);
  EXPECT_EQ(sub.alias, "");
  EXPECT_EQ(sub.query->order_by.size(), 3u);
  auto& inner = static_cast<QuerySpecification&>(*sub.query->body);
  auto& table = static_cast<TableRelation&>(*inner.from[0]);
  EXPECT_EQ(table.name.ToString(), "\"awsmp\".\"cas_daily_business_usage_by_instance_type\"");
  EXPECT_EQ(select.group_by.size(), 3u);
  EXPECT_EQ(ctas.query->order_by.size(), 3u);
}

TEST(ParserTest, ScriptSplitsStatementsAndKeepsText) {
  auto stmts = ParseScript("SELECT * FROM \"sampledb\".\"elb_logs\" limit 10;; SELECT 1;");
  ASSERT_EQ(stmts.size(), 2u);
  EXPECT_EQ(stmts[0]->text, "SELECT * FROM \"sampledb\".\"elb_logs\" limit 10");
  auto& q = static_cast<QueryStatement&>(*stmts[0]);
  ASSERT_TRUE(q.query->limit);
  EXPECT_EQ(q.query->limit->ToString(), "10");
  EXPECT_EQ(stmts[1]->position.line, 1u);
}

TEST(ParserTest, Precedence) {
  EXPECT_EQ(ParseExpression("a OR b AND c")->ToString(), "(a OR (b AND c))");
  EXPECT_EQ(ParseExpression("-a * b")->ToString(), "((-a) * b)");
  EXPECT_EQ(ParseExpression("a || b = c")->ToString(), "((a || b) = c)");
  EXPECT_EQ(ParseExpression("1 + 2 * 3 - 4")->ToString(), "((1 + (2 * 3)) - 4)");
  EXPECT_EQ(ParseExpression("NOT a = b")->ToString(), "(NOT (a = b))");
  EXPECT_EQ(ParseExpression("x NOT BETWEEN 1 AND 2 AND y")->ToString(),
            "((x NOT BETWEEN 1 AND 2) AND y)");
}

TEST(ParserTest, NonReservedKeywordsAreIdentifiers) {
  auto e = ParseExpression("date = '2022-08-01' AND year > month");
  EXPECT_EQ(e->ToString(), "((date = '2022-08-01') AND (year > month))");
  auto typed = ParseExpression("DATE '2022-08-01'");
  EXPECT_EQ(static_cast<Literal&>(*typed).literal_kind, LiteralKind::kTyped);
}

TEST(ParserTest, ExternalTableDdl) {
  auto stmt = ParseStatement(R"(CREATE EXTERNAL TABLE IF NOT EXISTS db.t (
      a string COMMENT 'x', b decimal(10,2), c array<string>, d map<string,int>)
    PARTITIONED BY (dt string)
    ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' ESCAPED BY '\\' NULL DEFINED AS ''
    STORED AS TEXTFILE
    LOCATION 's3://b/p/'
    TBLPROPERTIES ('skip.header.line.count'='1'))");
  auto& t = static_cast<CreateTableStatement&>(*stmt);
  EXPECT_TRUE(t.external);
  EXPECT_TRUE(t.if_not_exists);
  ASSERT_EQ(t.columns.size(), 4u);
  EXPECT_EQ(t.columns[0].comment, "x");
  EXPECT_EQ(t.columns[1].type_name, "decimal(10,2)");
  EXPECT_EQ(t.columns[2].type_name, "array<string>");
  EXPECT_EQ(t.columns[3].type_name, "map<string,int>");
  EXPECT_EQ(t.partition_columns[0].name, "dt");
  EXPECT_EQ(t.fields_terminated_by, ",");
  EXPECT_EQ(t.escaped_by, "\\\\");
  ASSERT_TRUE(t.null_defined_as.has_value());
  EXPECT_EQ(t.stored_as, "textfile");
  EXPECT_EQ(t.location, "s3://b/p/");
  ASSERT_EQ(t.table_properties.size(), 1u);
  EXPECT_EQ(t.table_properties[0].second, "1");
}

TEST(ParserTest, SerdeDdl) {
  auto stmt = ParseStatement(R"(CREATE EXTERNAL TABLE t (a string)
    ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
    WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"')
    LOCATION '/x')");
  auto& t = static_cast<CreateTableStatement&>(*stmt);
  EXPECT_EQ(t.row_format_serde, "org.apache.hadoop.hive.serde2.OpenCSVSerde");
  ASSERT_EQ(t.serde_properties.size(), 2u);
  EXPECT_EQ(t.serde_properties[1].second, "\"");
}

TEST(ParserTest, QueryClauses) {
  auto stmt = ParseStatement(
      "WITH x AS (SELECT 1 AS a) SELECT DISTINCT t.a, count(DISTINCT b) c, * FROM x t "
      "LEFT JOIN y USING (a) WHERE a IN (1, 2) AND b NOT LIKE 'z%' GROUP BY 1 HAVING count(*) > 1 "
      "ORDER BY 1 DESC NULLS FIRST LIMIT 5 OFFSET 2");
  auto& q = *static_cast<QueryStatement&>(*stmt).query;
  EXPECT_EQ(q.with.size(), 1u);
  auto& s = static_cast<QuerySpecification&>(*q.body);
  EXPECT_TRUE(s.distinct);
  EXPECT_EQ(s.select_items[1].alias, "c");
  EXPECT_TRUE(s.select_items[2].is_star);
  EXPECT_EQ(s.from[0]->kind, RelationKind::kJoin);
  EXPECT_TRUE(q.order_by[0].nulls_first.value());
  EXPECT_FALSE(q.order_by[0].ascending);
  EXPECT_EQ(q.offset->ToString(), "2");
}

TEST(ParserTest, ErrorsCarryPositions) {
  try {
    ParseStatement("SELECT a\nFORM t");
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSyntaxError);
    ASSERT_TRUE(e.position().has_value());
    EXPECT_EQ(e.position()->line, 2u);
    EXPECT_EQ(e.position()->column, 6u);
    EXPECT_NE(e.message().find("mismatched input 't'"), std::string::npos) << e.message();
  }
  try {
    ParseStatement("SELECT 'abc");
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_NE(e.message().find("unterminated string literal"), std::string::npos);
    EXPECT_EQ(e.position()->column, 8u);
  }
  EXPECT_THROW(ParseStatement("SELECT 1 +"), SluiceError);
  EXPECT_THROW(ParseStatement("SELECT * FROM"), SluiceError);
}

TEST(ParserTest, CommentsAndQuotedIdentifiers) {
  auto stmt = ParseStatement("-- leading\nSELECT /* inline */ \"Mixed \"\"Case\"\"\" FROM t");
  auto& s = static_cast<QuerySpecification&>(*static_cast<QueryStatement&>(*stmt).query->body);
  auto& ref = static_cast<ColumnRef&>(*s.select_items[0].expr);
  EXPECT_EQ(ref.parts[0].name, "Mixed \"Case\"");
  EXPECT_TRUE(ref.parts[0].quoted);
}

}  // namespace
}  // namespace sluice::sql
