#include <gtest/gtest.h>

#include "parser_test_util.h"
#include "sql/parser/seed_sql.h"

namespace sluice::sql {
namespace {

using parser_testing::As;
using parser_testing::Described;
using parser_testing::ErrorOf;
using parser_testing::Parsed;
using parser_testing::QueryOf;
using parser_testing::SelectOf;

// The seed statements, exactly as users write them.
using test::kSeedCtas;

constexpr const char* kSeedSelect = R"(SELECT * FROM "sampledb"."elb_logs" limit 10;)";

TEST(StatementTest, SeedCtas) {
  const auto& ctas = As<CreateTableAsStatement>(Parsed(kSeedCtas));
  EXPECT_EQ(ctas.kind, StatementKind::kCreateTableAs);
  EXPECT_EQ(ctas.position.line, 1u);
  EXPECT_EQ(ctas.position.column, 1u);
  EXPECT_EQ(ctas.text, kSeedCtas);
  EXPECT_EQ(ctas.name.ToString(), "monthly_recurring_revenue");
  EXPECT_FALSE(ctas.if_not_exists);
  EXPECT_FALSE(ctas.with_no_data);
  ASSERT_EQ(ctas.properties.size(), 3u);
  EXPECT_EQ(ctas.properties[0].name, "format");
  EXPECT_EQ(ctas.properties[0].value->ToString(), "'Parquet'");
  EXPECT_EQ(ctas.properties[0].position.line, 2u);
  EXPECT_EQ(ctas.properties[1].name, "external_location");
  EXPECT_EQ(ctas.properties[2].name, "partitioned_by");
  EXPECT_EQ(ctas.properties[2].value->kind, ExpressionKind::kArray);
  EXPECT_EQ(ctas.properties[2].value->ToString(), "ARRAY['date']");
  EXPECT_EQ(ctas.properties[2].value->position.line, 4u);
  EXPECT_EQ(ctas.properties[2].value->position.column, 18u);

  const Query& q = *ctas.query;
  const auto& select = SelectOf(q);
  ASSERT_EQ(select.select_items.size(), 3u);
  EXPECT_EQ(select.select_items[0].expr->ToString(), "product_code");
  EXPECT_EQ(select.select_items[1].expr->ToString(), "sum(estimated_revenue)");
  EXPECT_EQ(select.select_items[1].alias, "revenue");
  EXPECT_EQ(select.select_items[2].expr->ToString(), "concat(year, '-', month, '-01')");
  EXPECT_EQ(select.select_items[2].alias, "date");
  ASSERT_EQ(select.from.size(), 1u);
  const auto& sub = As<SubqueryRelation>(*select.from[0]);
  EXPECT_EQ(sub.alias, "");
  EXPECT_EQ(sub.position.line, 5u);
  const auto& inner = SelectOf(*sub.query);
  EXPECT_EQ(inner.select_items.size(), 5u);
  const auto& table = As<TableRelation>(*inner.from[0]);
  ASSERT_EQ(table.name.parts.size(), 2u);
  EXPECT_EQ(table.name.parts[0].name, "awsmp");
  EXPECT_TRUE(table.name.parts[0].quoted);
  EXPECT_EQ(table.name.parts[1].name, "cas_daily_business_usage_by_instance_type");
  EXPECT_EQ(sub.query->order_by.size(), 3u);
  EXPECT_EQ(select.group_by.size(), 3u);
  EXPECT_EQ(q.order_by.size(), 3u);
  EXPECT_EQ(q.order_by[2].expr->ToString(), "product_code");
}

TEST(StatementTest, SeedSelect) {
  auto stmts = ParseScript(kSeedSelect);
  ASSERT_EQ(stmts.size(), 1u);
  EXPECT_EQ(stmts[0]->text, "SELECT * FROM \"sampledb\".\"elb_logs\" limit 10");
  const auto& q = QueryOf(*stmts[0]);
  EXPECT_TRUE(SelectOf(q).select_items[0].is_star);
  EXPECT_EQ(As<TableRelation>(*SelectOf(q).from[0]).name.ToString(), "\"sampledb\".\"elb_logs\"");
  ASSERT_NE(q.limit, nullptr);
  EXPECT_EQ(q.limit->ToString(), "10");
  // ParseStatement takes the trailing ';' too.
  EXPECT_EQ(ParseStatement(kSeedSelect)->text, "SELECT * FROM \"sampledb\".\"elb_logs\" limit 10");
}

TEST(StatementTest, ScriptsSplitOnSemicolons) {
  auto stmts = ParseScript("-- setup\nCREATE DATABASE d;\n\n;; USE d; SELECT 1 /* last */");
  ASSERT_EQ(stmts.size(), 3u);
  EXPECT_EQ(stmts[0]->kind, StatementKind::kCreateDatabase);
  EXPECT_EQ(stmts[0]->text, "CREATE DATABASE d");
  EXPECT_EQ(stmts[0]->position.line, 2u);
  EXPECT_EQ(stmts[1]->kind, StatementKind::kUse);
  EXPECT_EQ(stmts[1]->text, "USE d");
  EXPECT_EQ(stmts[1]->position.line, 4u);
  EXPECT_EQ(stmts[1]->position.column, 4u);
  EXPECT_EQ(stmts[2]->text, "SELECT 1");
  EXPECT_TRUE(ParseScript("").empty());
  EXPECT_TRUE(ParseScript(" ; -- nothing\n ;").empty());
  // A statement's text keeps inner comments and line breaks.
  auto multi = ParseScript("SELECT a, -- first\n  b FROM t;");
  EXPECT_EQ(multi[0]->text, "SELECT a, -- first\n  b FROM t");
  EXPECT_EQ(Described("SELECT 1 SELECT 2"), "1:10: mismatched input 'SELECT'. Expecting: "
                                            "'%', '*', '+', ',', '-', '/', ';', '<', '<=', '<>', '=', '>', '>=', "
                                            "'AND', 'AS', 'BETWEEN', 'EXCEPT', 'FETCH', 'FROM', 'GROUP', "
                                            "'HAVING', 'IN', 'INTERSECT', 'IS', 'LIKE', 'LIMIT', 'NOT', "
                                            "'OFFSET', 'OR', 'ORDER', 'UNION', 'WHERE', 'WINDOW', '[', '||', <EOF>");
}

TEST(StatementTest, ParseStatementWantsExactlyOne) {
  try {
    ParseStatement("SELECT 1; SELECT 2");
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.message(), "mismatched input 'SELECT'. Expecting: ';', <EOF>");
    EXPECT_EQ(e.position()->column, 11u);
  }
  try {
    ParseStatement("  -- only a comment");
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.message(), "Unexpected end of input; expecting '(', ';', 'CREATE', 'DESCRIBE', 'DROP', "
                           "'EXPLAIN', 'INSERT', 'MSCK', 'RESET', 'SELECT', 'SET', 'SHOW', 'USE', 'VALUES', 'WITH'");
  }
}

TEST(StatementTest, QueryStatements) {
  EXPECT_EQ(Parsed("SELECT 1").kind, StatementKind::kQuery);
  EXPECT_EQ(Parsed("WITH a AS (SELECT 1) SELECT * FROM a").kind, StatementKind::kQuery);
  EXPECT_EQ(Parsed("VALUES 1").kind, StatementKind::kQuery);
  EXPECT_EQ(Parsed("(SELECT 1)").kind, StatementKind::kQuery);
}

TEST(StatementTest, CreateDatabase) {
  const auto& s = As<CreateDatabaseStatement>(
      Parsed("CREATE DATABASE IF NOT EXISTS Sales COMMENT 'sales data' LOCATION 's3://b/sales/' "
             "WITH DBPROPERTIES ('creator'='me', 'team'='x')"));
  EXPECT_EQ(s.name, "sales");
  EXPECT_TRUE(s.if_not_exists);
  EXPECT_EQ(s.comment, "sales data");
  EXPECT_EQ(s.location, "s3://b/sales/");
  EXPECT_EQ(s.properties, (Properties{{"creator", "me"}, {"team", "x"}}));
  const auto& schema = As<CreateDatabaseStatement>(Parsed("create schema \"Mixed\""));
  EXPECT_EQ(schema.name, "Mixed");
  EXPECT_FALSE(schema.if_not_exists);
  EXPECT_EQ(Described("CREATE DATABASE IF EXISTS x"), "1:20: mismatched input 'EXISTS'. Expecting: 'NOT'");
}

TEST(StatementTest, DropDatabase) {
  const auto& s = As<DropDatabaseStatement>(Parsed("DROP SCHEMA IF EXISTS sales CASCADE"));
  EXPECT_EQ(s.name, "sales");
  EXPECT_TRUE(s.if_exists);
  EXPECT_TRUE(s.cascade);
  const auto& r = As<DropDatabaseStatement>(Parsed("DROP DATABASE sales RESTRICT"));
  EXPECT_FALSE(r.if_exists);
  EXPECT_FALSE(r.cascade);
}

TEST(StatementTest, CreateExternalTableDelimited) {
  const auto& t = As<CreateTableStatement>(Parsed(R"(CREATE EXTERNAL TABLE IF NOT EXISTS db.t (
      a string COMMENT 'x', `b` DECIMAL(10, 2), c array<string>, d map<string,int>,
      e struct<f:int, g:array<struct<h:string>>>, date date, timestamp timestamp, `order` bigint,
      v varchar(10), ch char(1))
    COMMENT 'a table'
    PARTITIONED BY (dt string COMMENT 'day', hr int)
    CLUSTERED BY (a, b) INTO 8 BUCKETS
    ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t' ESCAPED BY '\\'
      COLLECTION ITEMS TERMINATED BY '|' MAP KEYS TERMINATED BY ':' LINES TERMINATED BY '\n'
      NULL DEFINED AS ''
    STORED AS TEXTFILE
    LOCATION 's3://b/p/'
    TBLPROPERTIES ('skip.header.line.count'='1', 'has_encrypted_data'='false'))"));
  EXPECT_EQ(t.kind, StatementKind::kCreateTable);
  EXPECT_TRUE(t.external);
  EXPECT_TRUE(t.if_not_exists);
  EXPECT_EQ(t.name.ToString(), "db.t");
  ASSERT_EQ(t.columns.size(), 10u);
  EXPECT_EQ(t.columns[0].name, "a");
  EXPECT_EQ(t.columns[0].type_name, "string");
  EXPECT_EQ(t.columns[0].comment, "x");
  EXPECT_EQ(t.columns[0].position.line, 2u);
  EXPECT_EQ(t.columns[1].name, "b");
  EXPECT_EQ(t.columns[1].type_name, "decimal(10,2)");
  EXPECT_EQ(t.columns[2].type_name, "array<string>");
  EXPECT_EQ(t.columns[3].type_name, "map<string,int>");
  EXPECT_EQ(t.columns[4].type_name, "struct<f:int,g:array<struct<h:string>>>");
  EXPECT_EQ(t.columns[5].name, "date");
  EXPECT_EQ(t.columns[5].type_name, "date");
  EXPECT_EQ(t.columns[6].name, "timestamp");
  EXPECT_EQ(t.columns[7].name, "order");
  EXPECT_EQ(t.columns[8].type_name, "varchar(10)");
  EXPECT_EQ(t.columns[9].type_name, "char(1)");
  EXPECT_EQ(t.comment, "a table");
  ASSERT_EQ(t.partition_columns.size(), 2u);
  EXPECT_EQ(t.partition_columns[0].name, "dt");
  EXPECT_EQ(t.partition_columns[0].comment, "day");
  EXPECT_EQ(t.partition_columns[1].type_name, "int");
  EXPECT_EQ(t.clustered_by, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.buckets, 8);
  // Hive escapes stay as written; the reader interprets them.
  EXPECT_EQ(t.fields_terminated_by, "\\t");
  EXPECT_EQ(t.escaped_by, "\\\\");
  EXPECT_EQ(t.collection_items_terminated_by, "|");
  EXPECT_EQ(t.map_keys_terminated_by, ":");
  EXPECT_EQ(t.lines_terminated_by, "\\n");
  ASSERT_TRUE(t.null_defined_as.has_value());
  EXPECT_EQ(*t.null_defined_as, "");
  EXPECT_EQ(t.row_format_serde, "");
  EXPECT_EQ(t.stored_as, "textfile");
  EXPECT_EQ(t.location, "s3://b/p/");
  EXPECT_EQ(t.table_properties, (Properties{{"skip.header.line.count", "1"}, {"has_encrypted_data", "false"}}));
}

TEST(StatementTest, CreateExternalTableSerde) {
  const auto& t = As<CreateTableStatement>(Parsed(R"(CREATE EXTERNAL TABLE elb_logs (request_timestamp string)
    ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
    WITH SERDEPROPERTIES ('serialization.format' = '1', 'input.regex' = '([^ ]*) ([^ ]*)')
    STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
    OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
    LOCATION 's3://athena-examples/elb/plaintext')"));
  EXPECT_EQ(t.row_format_serde, "org.apache.hadoop.hive.serde2.RegexSerDe");
  ASSERT_EQ(t.serde_properties.size(), 2u);
  EXPECT_EQ(t.serde_properties[1].second, "([^ ]*) ([^ ]*)");
  EXPECT_EQ(t.input_format, "org.apache.hadoop.mapred.TextInputFormat");
  EXPECT_EQ(t.output_format, "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
  EXPECT_EQ(t.stored_as, "textfile");
  EXPECT_FALSE(t.null_defined_as.has_value());

  const auto& p = As<CreateTableStatement>(Parsed(
      "CREATE EXTERNAL TABLE p (a int) STORED AS INPUTFORMAT "
      "'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat' OUTPUTFORMAT "
      "'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat' LOCATION '/x'"));
  EXPECT_EQ(p.stored_as, "parquet");
  const auto& other = As<CreateTableStatement>(
      Parsed("CREATE EXTERNAL TABLE o (a int) STORED AS INPUTFORMAT 'my.In' OUTPUTFORMAT 'my.Out'"));
  EXPECT_EQ(other.stored_as, "INPUTFORMAT 'my.In' OUTPUTFORMAT 'my.Out'");
  for (const char* format : {"PARQUET", "JSONFILE", "ORC", "AVRO", "TextFile"}) {
    const auto& s = As<CreateTableStatement>(
        Parsed(std::string("CREATE EXTERNAL TABLE f (a int) STORED AS ") + format + " LOCATION '/x'"));
    std::string lower = format;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(s.stored_as, lower);
  }
}

TEST(StatementTest, CreateTableWithColumns) {
  const auto& t = As<CreateTableStatement>(
      Parsed("CREATE TABLE IF NOT EXISTS t (a int, b varchar(3)) PARTITIONED BY (c string) STORED AS PARQUET"));
  EXPECT_FALSE(t.external);
  EXPECT_TRUE(t.if_not_exists);
  EXPECT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.stored_as, "parquet");
  EXPECT_EQ(t.location, "");
  EXPECT_EQ(Described("CREATE EXTERNAL TABLE t AS SELECT 1"), "1:25: mismatched input 'AS'. Expecting: '(', '.'");
  EXPECT_EQ(Described("CREATE TABLE t (a)"), "1:18: mismatched input ')'. Expecting: <type>");
  EXPECT_EQ(Described("CREATE TABLE t (a int) STORED AS 'x'"), "1:34: mismatched input ''x''. Expecting: 'INPUTFORMAT', <identifier>");
  EXPECT_EQ(Described("CREATE TABLE t (a int) CLUSTERED BY (a) INTO x BUCKETS"),
            "1:46: mismatched input 'x'. Expecting: <integer>");
}

TEST(StatementTest, CreateTableAs) {
  const auto& s = As<CreateTableAsStatement>(
      Parsed("CREATE TABLE IF NOT EXISTS db.t WITH (format = 'PARQUET', bucket_count = 4, is_external = true, "
             "\"write_compression\" = 'ZSTD', bucketed_by = ARRAY['a', 'b']) AS (SELECT a, b FROM src) WITH NO DATA"));
  EXPECT_TRUE(s.if_not_exists);
  EXPECT_EQ(s.name.ToString(), "db.t");
  ASSERT_EQ(s.properties.size(), 5u);
  EXPECT_EQ(s.properties[1].value->ToString(), "4");
  EXPECT_EQ(s.properties[2].value->ToString(), "true");
  EXPECT_EQ(s.properties[3].name, "write_compression");
  EXPECT_EQ(s.properties[4].value->ToString(), "ARRAY['a', 'b']");
  EXPECT_TRUE(s.with_no_data);
  // "AS (SELECT ...)" is the same query as "AS SELECT ...".
  EXPECT_EQ(s.query->body->kind, QueryBodyKind::kSelect);
  EXPECT_EQ(s.query->ToString(), "SELECT a, b FROM src");

  const auto& plain = As<CreateTableAsStatement>(Parsed("CREATE TABLE t AS SELECT 1 AS x WITH DATA"));
  EXPECT_TRUE(plain.properties.empty());
  EXPECT_FALSE(plain.with_no_data);
  const auto& with = As<CreateTableAsStatement>(Parsed("CREATE TABLE t AS WITH a AS (SELECT 1) SELECT * FROM a"));
  EXPECT_EQ(with.query->with.size(), 1u);
  const auto& set = As<CreateTableAsStatement>(Parsed("CREATE TABLE t AS (SELECT 1) UNION ALL (SELECT 2)"));
  EXPECT_EQ(set.query->body->kind, QueryBodyKind::kSetOperation);
  EXPECT_EQ(Described("CREATE TABLE t WITH (format 'PARQUET') AS SELECT 1"),
            "1:29: mismatched input ''PARQUET''. Expecting: '='");
  EXPECT_EQ(Described("CREATE TABLE t SELECT 1"), "1:16: mismatched input 'SELECT'. Expecting: '(', '.', 'AS', 'WITH'");
}

TEST(StatementTest, Insert) {
  const auto& s = As<InsertStatement>(Parsed("INSERT INTO db.t (a, \"B\") SELECT x, y FROM u"));
  EXPECT_EQ(s.name.ToString(), "db.t");
  EXPECT_EQ(s.columns, (std::vector<std::string>{"a", "B"}));
  EXPECT_EQ(SelectOf(*s.query).select_items.size(), 2u);
  const auto& values = As<InsertStatement>(Parsed("INSERT INTO t VALUES (1, 'a'), (2, 'b')"));
  EXPECT_TRUE(values.columns.empty());
  EXPECT_EQ(As<ValuesBody>(*values.query->body).rows.size(), 2u);
  const auto& paren = As<InsertStatement>(Parsed("INSERT INTO t (SELECT 1)"));
  EXPECT_TRUE(paren.columns.empty());
  EXPECT_EQ(paren.query->body->kind, QueryBodyKind::kSelect);
  EXPECT_EQ(Described("INSERT t SELECT 1"), "1:8: mismatched input 't'. Expecting: 'INTO'");
}

TEST(StatementTest, Drop) {
  const auto& t = As<DropTableStatement>(Parsed("DROP TABLE IF EXISTS db.t"));
  EXPECT_EQ(t.kind, StatementKind::kDropTable);
  EXPECT_TRUE(t.if_exists);
  EXPECT_EQ(t.name.ToString(), "db.t");
  EXPECT_EQ(t.name.position.column, 22u);
  const auto& v = As<DropTableStatement>(Parsed("DROP VIEW v"));
  EXPECT_EQ(v.kind, StatementKind::kDropView);
  EXPECT_FALSE(v.if_exists);
  EXPECT_EQ(Described("DROP INDEX i"), "1:6: mismatched input 'INDEX'. Expecting: 'DATABASE', 'SCHEMA', 'TABLE', 'VIEW'");
}

TEST(StatementTest, Show) {
  const auto& dbs = As<ShowDatabasesStatement>(Parsed("SHOW DATABASES LIKE 'sa%'"));
  EXPECT_EQ(dbs.kind, StatementKind::kShowDatabases);
  EXPECT_EQ(dbs.pattern, "sa%");
  EXPECT_EQ(As<ShowDatabasesStatement>(Parsed("SHOW SCHEMAS")).pattern, "");
  const auto& tables = As<ShowTablesStatement>(Parsed("SHOW TABLES IN sampledb 'elb*'"));
  EXPECT_EQ(tables.database, "sampledb");
  EXPECT_EQ(tables.pattern, "elb*");
  const auto& like = As<ShowTablesStatement>(Parsed("SHOW TABLES FROM \"Db\" LIKE 'x'"));
  EXPECT_EQ(like.database, "Db");
  EXPECT_EQ(like.pattern, "x");
  EXPECT_EQ(As<ShowTablesStatement>(Parsed("SHOW TABLES")).database, "");
  const auto& partitions = As<ShowPartitionsStatement>(Parsed("SHOW PARTITIONS db.t"));
  EXPECT_EQ(partitions.kind, StatementKind::kShowPartitions);
  EXPECT_EQ(partitions.name.ToString(), "db.t");
  const auto& columns = As<ShowColumnsStatement>(Parsed("SHOW COLUMNS FROM t"));
  EXPECT_EQ(columns.kind, StatementKind::kShowColumns);
  EXPECT_EQ(columns.name.ToString(), "t");
  EXPECT_EQ(As<ShowColumnsStatement>(Parsed("SHOW COLUMNS IN t IN db")).name.ToString(), "db.t");
  const auto& create = As<ShowCreateTableStatement>(Parsed("SHOW CREATE TABLE db.t"));
  EXPECT_EQ(create.kind, StatementKind::kShowCreateTable);
  EXPECT_EQ(Described("SHOW COLUMNS t"), "1:14: mismatched input 't'. Expecting: 'FROM', 'IN'");
  EXPECT_EQ(Described("SHOW FUNCTIONS"),
            "1:6: mismatched input 'FUNCTIONS'. Expecting: 'COLUMNS', 'CREATE', 'DATABASES', 'PARTITIONS', "
            "'SCHEMAS', 'SESSION', 'TABLES'");
}

TEST(StatementTest, DescribeUseMsck) {
  const auto& d = As<DescribeStatement>(Parsed("DESCRIBE FORMATTED db.t"));
  EXPECT_EQ(d.kind, StatementKind::kDescribe);
  EXPECT_TRUE(d.formatted);
  EXPECT_EQ(d.name.ToString(), "db.t");
  EXPECT_FALSE(As<DescribeStatement>(Parsed("DESCRIBE t")).formatted);
  EXPECT_FALSE(As<DescribeStatement>(Parsed("describe extended t")).formatted);
  EXPECT_EQ(As<DescribeStatement>(Parsed("DESCRIBE formatted")).name.ToString(), "formatted");
  EXPECT_EQ(As<DescribeStatement>(Parsed("DESC t")).name.ToString(), "t");
  EXPECT_EQ(As<UseStatement>(Parsed("USE sampledb")).database, "sampledb");
  EXPECT_EQ(As<UseStatement>(Parsed("USE awsdatacatalog.Sampledb")).database, "sampledb");
  const auto& m = As<MsckRepairStatement>(Parsed("MSCK REPAIR TABLE db.t"));
  EXPECT_EQ(m.kind, StatementKind::kMsckRepair);
  EXPECT_EQ(m.name.ToString(), "db.t");
  EXPECT_EQ(Described("MSCK TABLE t"), "1:6: mismatched input 'TABLE'. Expecting: 'REPAIR'");
}

TEST(StatementTest, NamesHaveAtMostThreeParts) {
  EXPECT_EQ(As<TableRelation>(*SelectOf(Parsed("SELECT * FROM awsdatacatalog.sampledb.elb_logs")).from[0])
                .name.parts.size(),
            3u);
  EXPECT_EQ(Described("SELECT * FROM a.b.c.d"), "1:15: Too many dots in table name: a.b.c.d");
  EXPECT_EQ(Described("DROP TABLE a.b.c.d"), "1:12: Too many dots in table name: a.b.c.d");
  EXPECT_EQ(Described("CREATE DATABASE a.b.c"), "1:17: Too many dots in schema name: a.b.c");
  EXPECT_EQ(As<CreateDatabaseStatement>(Parsed("CREATE DATABASE awsdatacatalog.x")).name, "x");
  // Column references may be longer (a field of a struct column).
  EXPECT_EQ(ParseExpression("a.b.c.d.e")->ToString(), "a.b.c.d.e");
}

TEST(StatementTest, Explain) {
  const auto& e = As<ExplainStatement>(Parsed("EXPLAIN SELECT 1"));
  EXPECT_FALSE(e.analyze);
  ASSERT_NE(e.statement, nullptr);
  EXPECT_EQ(e.statement->kind, StatementKind::kQuery);
  EXPECT_EQ(e.statement->text, "SELECT 1");
  EXPECT_EQ(e.statement->position.column, 9u);
  const auto& a = As<ExplainStatement>(Parsed("EXPLAIN ANALYZE VERBOSE SELECT 1"));
  EXPECT_TRUE(a.analyze);
  EXPECT_TRUE(a.verbose);
  const auto& o = As<ExplainStatement>(Parsed("EXPLAIN (TYPE LOGICAL, FORMAT JSON) SELECT 1"));
  EXPECT_EQ(o.options, (Properties{{"type", "logical"}, {"format", "json"}}));
  const auto& paren = As<ExplainStatement>(Parsed("EXPLAIN (SELECT 1)"));
  EXPECT_TRUE(paren.options.empty());
  EXPECT_EQ(paren.statement->kind, StatementKind::kQuery);
  const auto& ctas = As<ExplainStatement>(Parsed("EXPLAIN CREATE TABLE t AS SELECT 1"));
  EXPECT_EQ(ctas.statement->kind, StatementKind::kCreateTableAs);
}

}  // namespace
}  // namespace sluice::sql

namespace sluice::sql {
namespace {

TEST(SessionStatementTest, SetResetShow) {
  const auto& set = parser_testing::As<SetSessionStatement>(parser_testing::Parsed("SET SESSION Sluice.CSV.bad_value = 'error'"));
  EXPECT_EQ(set.name, "sluice.csv.bad_value");
  EXPECT_EQ(set.value->ToString(), "'error'");
  const auto& reset = parser_testing::As<ResetSessionStatement>(parser_testing::Parsed("reset session a.b"));
  EXPECT_EQ(reset.name, "a.b");
  const auto& show = parser_testing::As<ShowSessionStatement>(parser_testing::Parsed("SHOW SESSION LIKE 'sluice%'"));
  EXPECT_EQ(show.pattern, "sluice%");
  EXPECT_EQ(parser_testing::As<ShowSessionStatement>(parser_testing::Parsed("SHOW SESSION")).pattern, "");
  EXPECT_NE(parser_testing::ErrorOf("SET SESSION x 'y'").message().find("'='"), std::string::npos);
}

}  // namespace
}  // namespace sluice::sql
