#include <ctime>

#include "catalog/catalog_test_util.h"

namespace sluice::catalog {
namespace {

using TableTest = CatalogTest;

TEST_F(TableTest, CreateAndGetKeepsEveryField) {
  TableDef t;
  t.database = "Default";
  t.name = "Revenue";
  t.kind = TableKind::kManaged;
  t.columns = {{"Customer_ID", LogicalType::Bigint(), "bigint", "who"},
               {"amount", LogicalType::Double(), "double", ""},
               {"note", LogicalType::Varchar(), "varchar(20)", "free text"},
               {"paid", LogicalType::Boolean(), "boolean", ""},
               {"day", LogicalType::Date(), "date", ""},
               {"at", LogicalType::Timestamp(), "timestamp(3)", ""},
               {"small", LogicalType::Smallint(), "smallint", ""},
               {"tiny", LogicalType::Tinyint(), "tinyint", ""},
               {"i", LogicalType::Integer(), "int", ""},
               {"r", LogicalType::Real(), "float", ""}};
  t.partition_columns = {{"Year", LogicalType::Integer(), "int", "partition year"},
                         {"region", LogicalType::Varchar(), "string", ""}};
  t.location = "s3://lake/revenue/";
  t.format = "PARQUET";
  t.serde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
  t.serde_properties = {{"field.delim", ","}, {"serialization.format", ","}};
  t.table_properties = {{"parquet.compression", "SNAPPY"}, {"skip.header.line.count", "1"}};
  t.comment = "monthly revenue";
  t.created_at = 42;  // ignored: the catalog stamps it
  int64_t before = std::time(nullptr);
  catalog_->CreateTable(t, false);
  int64_t after = std::time(nullptr);

  auto got = catalog_->GetTable("DEFAULT", "revenue");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->database, "default");
  EXPECT_EQ(got->name, "revenue");
  EXPECT_EQ(got->kind, TableKind::kManaged);
  ASSERT_EQ(got->columns.size(), t.columns.size());
  EXPECT_EQ(got->columns[0].name, "customer_id");
  for (size_t i = 0; i < t.columns.size(); ++i) {
    EXPECT_EQ(got->columns[i].type, t.columns[i].type) << i;
    EXPECT_EQ(got->columns[i].type_text, t.columns[i].type_text) << i;
    EXPECT_EQ(got->columns[i].comment, t.columns[i].comment) << i;
  }
  ASSERT_EQ(got->partition_columns.size(), 2u);
  EXPECT_EQ(got->partition_columns[0].name, "year");
  EXPECT_EQ(got->partition_columns[0].type, LogicalType::Integer());
  EXPECT_EQ(got->partition_columns[0].comment, "partition year");
  EXPECT_EQ(got->partition_columns[1].name, "region");
  EXPECT_EQ(got->location, t.location);
  EXPECT_EQ(got->format, t.format);
  EXPECT_EQ(got->serde, t.serde);
  EXPECT_EQ(got->serde_properties, t.serde_properties);
  EXPECT_EQ(got->table_properties, t.table_properties);
  EXPECT_EQ(got->comment, t.comment);
  EXPECT_TRUE(got->view_sql.empty());
  EXPECT_GE(got->created_at, before);
  EXPECT_LE(got->created_at, after);
}

TEST_F(TableTest, ViewsAndOddTextSurvive) {
  TableDef v;
  v.database = "default";
  v.name = "v";
  v.view_sql = "SELECT 'it''s' AS x, \"quoted\" FROM t -- comment\n";
  v.columns = {{"x", LogicalType::Varchar(), "varchar", ""}};
  v.serde_properties = {{"field.delim", std::string("\x01", 1)}, {"escape.delim", "\\"}};
  v.comment = "Zürich 東京";
  catalog_->CreateTable(v, false);
  auto got = catalog_->GetTable("default", "V");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->view_sql, v.view_sql);
  EXPECT_EQ(got->serde_properties, v.serde_properties);
  EXPECT_EQ(got->comment, v.comment);
  EXPECT_EQ(got->kind, TableKind::kExternal);
}

TEST_F(TableTest, ErrorsFollowTrino) {
  EXPECT_CATALOG_ERROR(catalog_->CreateTable(MakeTable("Nowhere", "t"), false),
                       ErrorCode::kSchemaNotFound, "Schema 'nowhere' does not exist");
  EXPECT_CATALOG_ERROR(catalog_->CreateTable(MakeTable("nowhere", "t"), true),
                       ErrorCode::kSchemaNotFound, "Schema 'nowhere' does not exist");
  catalog_->CreateTable(MakeTable("default", "t"), false);
  EXPECT_CATALOG_ERROR(catalog_->CreateTable(MakeTable("default", "T"), false),
                       ErrorCode::kTableAlreadyExists, "Table 'default.t' already exists");
  TableDef other = MakeTable("default", "t");
  other.location = "elsewhere";
  catalog_->CreateTable(other, true);  // IF NOT EXISTS: a no-op
  EXPECT_EQ(catalog_->GetTable("default", "t")->location, "s3://lake/t");

  EXPECT_CATALOG_ERROR(catalog_->DropTable("default", "Ghost", false), ErrorCode::kTableNotFound,
                       "Table 'default.ghost' does not exist");
  EXPECT_CATALOG_ERROR(catalog_->DropTable("nowhere", "t", false), ErrorCode::kTableNotFound,
                       "Table 'nowhere.t' does not exist");
  catalog_->DropTable("default", "ghost", true);
  catalog_->DropTable("nowhere", "t", true);
  EXPECT_CATALOG_ERROR(catalog_->ListTables("nowhere"), ErrorCode::kSchemaNotFound,
                       "Schema 'nowhere' does not exist");
  EXPECT_FALSE(catalog_->GetTable("nowhere", "t").has_value());
}

TEST_F(TableTest, DuplicateColumnNamesIgnoringCase) {
  TableDef t = MakeTable("default", "t");
  t.columns.push_back({"ID", LogicalType::Bigint(), "bigint", ""});
  EXPECT_CATALOG_ERROR(catalog_->CreateTable(t, false), ErrorCode::kAmbiguousName,
                       "Column name 'id' specified more than once");
  TableDef p = MakeTable("default", "p", {"Name"});
  EXPECT_CATALOG_ERROR(catalog_->CreateTable(p, false), ErrorCode::kAmbiguousName,
                       "Column name 'name' specified more than once");
  EXPECT_FALSE(catalog_->GetTable("default", "t").has_value());
}

TEST_F(TableTest, ListAndDrop) {
  catalog_->CreateDatabase({"s", "", "", {}}, false);
  catalog_->CreateTable(MakeTable("s", "Zeta"), false);
  catalog_->CreateTable(MakeTable("S", "alpha"), false);
  catalog_->CreateTable(MakeTable("s", "mid"), false);
  catalog_->CreateTable(MakeTable("default", "other"), false);
  EXPECT_EQ(catalog_->ListTables("S"), (std::vector<std::string>{"alpha", "mid", "zeta"}));
  catalog_->DropTable("s", "MID", false);
  EXPECT_EQ(catalog_->ListTables("s"), (std::vector<std::string>{"alpha", "zeta"}));
  EXPECT_FALSE(catalog_->GetTable("s", "mid").has_value());
  EXPECT_EQ(catalog_->ListTables("default"), (std::vector<std::string>{"other"}));
  // The same name can be used again, with a new definition.
  TableDef again = MakeTable("s", "mid");
  again.columns.resize(1);
  catalog_->CreateTable(again, false);
  EXPECT_EQ(catalog_->GetTable("s", "mid")->columns.size(), 1u);
}

TEST_F(TableTest, DropTableDropsItsPartitions) {
  catalog_->CreateTable(MakeTable("default", "t", {"dt"}), false);
  catalog_->AddPartitions("default", "t", {Part({"1"}), Part({"2"})}, false);
  catalog_->DropTable("default", "t", false);
  EXPECT_CATALOG_ERROR(catalog_->ListPartitions("default", "t"), ErrorCode::kTableNotFound,
                       "Table 'default.t' does not exist");
  catalog_->CreateTable(MakeTable("default", "t", {"dt"}), false);
  EXPECT_TRUE(catalog_->ListPartitions("default", "t").empty());
  catalog_->AddPartitions("default", "t", {Part({"1"})}, false);  // no leftover conflicts
}

}  // namespace
}  // namespace sluice::catalog
