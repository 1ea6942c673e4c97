#include "catalog/catalog_test_util.h"

namespace sluice::catalog {
namespace {

using DatabaseTest = CatalogTest;

TEST_F(DatabaseTest, DefaultDatabaseAlwaysExists) {
  auto db = catalog_->GetDatabase("default");
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->name, "default");
  ASSERT_EQ(catalog_->ListDatabases().size(), 1u);
  EXPECT_CATALOG_ERROR(catalog_->DropDatabase("DEFAULT", true, true), ErrorCode::kNotSupported,
                       "Cannot drop schema 'default'");
  Reopen();
  EXPECT_TRUE(catalog_->GetDatabase("default").has_value());
}

TEST_F(DatabaseTest, CreateGetListDrop) {
  DatabaseDef sales;
  sales.name = "Sales";
  sales.location = "s3://lake/sales";
  sales.comment = "sales data";
  sales.properties = {{"owner", "finance"}, {"Mixed.Case", "Value"}};
  catalog_->CreateDatabase(sales, false);
  catalog_->CreateDatabase({"archive", "", "", {}}, false);

  auto got = catalog_->GetDatabase("SALES");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->name, "sales");  // stored lower-cased
  EXPECT_EQ(got->location, "s3://lake/sales");
  EXPECT_EQ(got->comment, "sales data");
  // Property keys and values are data, kept as given.
  EXPECT_EQ(got->properties, (std::map<std::string, std::string>{{"owner", "finance"},
                                                                 {"Mixed.Case", "Value"}}));
  EXPECT_FALSE(catalog_->GetDatabase("nope").has_value());

  auto all = catalog_->ListDatabases();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "archive");
  EXPECT_EQ(all[1].name, "default");
  EXPECT_EQ(all[2].name, "sales");
  EXPECT_EQ(all[2].properties.size(), 2u);

  catalog_->DropDatabase("Sales", false, false);
  EXPECT_FALSE(catalog_->GetDatabase("sales").has_value());
  EXPECT_EQ(catalog_->ListDatabases().size(), 2u);
}

TEST_F(DatabaseTest, CreateExistingDatabase) {
  catalog_->CreateDatabase({"s", "loc1", "", {{"a", "1"}}}, false);
  EXPECT_CATALOG_ERROR(catalog_->CreateDatabase({"S", "", "", {}}, false),
                       ErrorCode::kSchemaAlreadyExists, "Schema 's' already exists");
  // IF NOT EXISTS leaves the existing one untouched.
  catalog_->CreateDatabase({"s", "loc2", "", {{"b", "2"}}}, true);
  auto got = catalog_->GetDatabase("s");
  EXPECT_EQ(got->location, "loc1");
  EXPECT_EQ(got->properties, (std::map<std::string, std::string>{{"a", "1"}}));
}

TEST_F(DatabaseTest, DropMissingDatabase) {
  EXPECT_CATALOG_ERROR(catalog_->DropDatabase("Ghost", false, false), ErrorCode::kSchemaNotFound,
                       "Schema 'ghost' does not exist");
  catalog_->DropDatabase("ghost", true, false);
}

TEST_F(DatabaseTest, DropNonEmptyDatabaseNeedsCascade) {
  catalog_->CreateDatabase({"s", "", "", {}}, false);
  for (int i = 0; i < 12; ++i) {
    catalog_->CreateTable(MakeTable("s", "t" + std::to_string(i + 10), {"dt"}), false);
  }
  catalog_->AddPartitions("s", "t10", {Part({"2022-08-01"})}, false);
  EXPECT_CATALOG_ERROR(
      catalog_->DropDatabase("s", false, false), ErrorCode::kNotSupported,
      "Cannot drop non-empty schema 's': it contains tables t10, t11, t12, t13, t14, t15, t16, "
      "t17, t18, t19 and 2 more (use DROP SCHEMA ... CASCADE)");
  EXPECT_EQ(catalog_->ListTables("s").size(), 12u);

  catalog_->DropDatabase("s", false, true);
  EXPECT_FALSE(catalog_->GetDatabase("s").has_value());
  EXPECT_FALSE(catalog_->GetTable("s", "t10").has_value());
  // Nothing of the old tables survives into a new database of the same name.
  catalog_->CreateDatabase({"s", "", "", {}}, false);
  EXPECT_TRUE(catalog_->ListTables("s").empty());
  catalog_->CreateTable(MakeTable("s", "t10", {"dt"}), false);
  EXPECT_TRUE(catalog_->ListPartitions("s", "t10").empty());
}

}  // namespace
}  // namespace sluice::catalog
