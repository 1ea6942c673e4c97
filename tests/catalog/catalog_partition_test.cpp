#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include "catalog/catalog_test_util.h"
#include "sluice/catalog/partition_path.h"

namespace sluice::catalog {
namespace {

using PartitionTest = CatalogTest;

std::vector<std::vector<std::string>> ValuesOf(const std::vector<PartitionDef>& parts) {
  std::vector<std::vector<std::string>> out;
  for (const auto& p : parts) out.push_back(p.values);
  return out;
}

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

TEST_F(PartitionTest, AddListDrop) {
  catalog_->CreateTable(MakeTable("default", "Sales", {"Year", "region"}), false);
  catalog_->AddPartitions("DEFAULT", "SALES",
                          {Part({"2022", "us"}), Part({"2021", "eu"}, "s3://elsewhere/p1"),
                           Part({"2022", "eu"})},
                          false);
  auto parts = catalog_->ListPartitions("default", "sales");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(ValuesOf(parts), (std::vector<std::vector<std::string>>{
                                 {"2021", "eu"}, {"2022", "eu"}, {"2022", "us"}}));
  EXPECT_EQ(parts[0].location, "s3://elsewhere/p1");
  // Without a location, Hive's default below the table root (escaped).
  EXPECT_EQ(parts[1].location, "s3://lake/Sales/year=2022/region=eu");
  EXPECT_GT(parts[0].created_at, 0);

  catalog_->DropPartitions("default", "Sales", {{"2022", "eu"}, {"2021", "eu"}}, false);
  EXPECT_EQ(ValuesOf(catalog_->ListPartitions("default", "sales")),
            (std::vector<std::vector<std::string>>{{"2022", "us"}}));
}

TEST_F(PartitionTest, ValuesAreCaseSensitiveAndKeptVerbatim) {
  catalog_->CreateTable(MakeTable("default", "t", {"k"}), false);
  std::vector<std::string> odd = {"A", "a", "a/b=c", "100%", "", std::string(kHiveDefaultPartition),
                                  std::string("nul\0byte", 8), "Zürich", "ab", "a!"};
  std::vector<PartitionDef> parts;
  for (const auto& v : odd) parts.push_back(Part({v}));
  catalog_->AddPartitions("default", "t", parts, false);
  auto listed = catalog_->ListPartitions("default", "t");
  std::sort(odd.begin(), odd.end());  // byte-wise, which is the catalog's order
  std::vector<std::vector<std::string>> expected;
  for (const auto& v : odd) expected.push_back({v});
  EXPECT_EQ(ValuesOf(listed), expected);
  for (const auto& p : listed) {
    if (p.values[0] == "a/b=c") {
      EXPECT_EQ(p.location, "s3://lake/t/k=a%2Fb%3Dc");
    }
  }
  catalog_->DropPartitions("default", "t", {{std::string("nul\0byte", 8)}, {"A"}}, false);
  EXPECT_EQ(catalog_->ListPartitions("default", "t").size(), odd.size() - 2);
}

TEST_F(PartitionTest, ExistingAndMissingPartitions) {
  catalog_->CreateTable(MakeTable("default", "t", {"dt", "h"}), false);
  catalog_->AddPartitions("default", "t", {Part({"2022-08-01", "1"}, "loc1")}, false);
  EXPECT_CATALOG_ERROR(
      catalog_->AddPartitions("default", "t",
                              {Part({"2022-08-02", "1"}), Part({"2022-08-01", "1"}, "loc2")}, false),
      ErrorCode::kPathAlreadyExists,
      "Partition 'dt=2022-08-01/h=1' of table 'default.t' already exists");
  // All or nothing: the new partition of the failed batch is not there.
  EXPECT_EQ(catalog_->ListPartitions("default", "t").size(), 1u);
  // A duplicate inside one batch is caught too.
  EXPECT_THROW(catalog_->AddPartitions("default", "t", {Part({"x", "1"}), Part({"x", "1"})}, false),
               SluiceError);

  catalog_->AddPartitions("default", "t",
                          {Part({"2022-08-02", "1"}), Part({"2022-08-01", "1"}, "loc2")}, true);
  auto parts = catalog_->ListPartitions("default", "t");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].location, "loc1");  // IF NOT EXISTS keeps the existing one

  EXPECT_CATALOG_ERROR(
      catalog_->DropPartitions("default", "t", {{"2022-08-02", "1"}, {"2030-01-01", "0"}}, false),
      ErrorCode::kTableNotFound, "Partition 'dt=2030-01-01/h=0' of table 'default.t' does not exist");
  EXPECT_EQ(catalog_->ListPartitions("default", "t").size(), 2u);  // nothing dropped
  catalog_->DropPartitions("default", "t", {{"2022-08-02", "1"}, {"2030-01-01", "0"}}, true);
  EXPECT_EQ(catalog_->ListPartitions("default", "t").size(), 1u);
}

TEST_F(PartitionTest, ShapeErrors) {
  catalog_->CreateTable(MakeTable("default", "t", {"a", "b"}), false);
  catalog_->CreateTable(MakeTable("default", "flat"), false);
  EXPECT_CATALOG_ERROR(catalog_->AddPartitions("default", "t", {Part({"1"})}, false),
                       ErrorCode::kTypeMismatch,
                       "Partition of table 'default.t' has 1 value(s) but the table has 2 "
                       "partition key(s): a, b");
  EXPECT_THROW(catalog_->DropPartitions("default", "t", {{"1", "2", "3"}}, true), SluiceError);
  EXPECT_CATALOG_ERROR(catalog_->AddPartitions("default", "flat", {Part({"1"})}, false),
                       ErrorCode::kNotSupported, "Table 'default.flat' is not partitioned");
  EXPECT_TRUE(catalog_->ListPartitions("default", "flat").empty());
  EXPECT_CATALOG_ERROR(catalog_->AddPartitions("default", "ghost", {Part({"1"})}, false),
                       ErrorCode::kTableNotFound, "Table 'default.ghost' does not exist");
  EXPECT_CATALOG_ERROR(catalog_->ListPartitions("nowhere", "t"), ErrorCode::kTableNotFound,
                       "Table 'nowhere.t' does not exist");
  EXPECT_CATALOG_ERROR(catalog_->DropPartitions("default", "ghost", {{"1", "2"}}, true),
                       ErrorCode::kTableNotFound, "Table 'default.ghost' does not exist");
}

TEST_F(PartitionTest, TenThousandPartitionsInOneCall) {
  catalog_->CreateTable(MakeTable("default", "big", {"dt", "h"}), false);
  std::vector<PartitionDef> parts;
  for (int day = 0; day < 10000 / 24 + 1 && parts.size() < 10000; ++day) {
    for (int h = 0; h < 24 && parts.size() < 10000; ++h) {
      char dt[16];
      std::snprintf(dt, sizeof(dt), "d%05d", day);
      parts.push_back(Part({dt, std::to_string(h)}));
    }
  }
  std::shuffle(parts.begin(), parts.end(), std::mt19937(7));
  auto start = std::chrono::steady_clock::now();
  catalog_->AddPartitions("default", "big", parts, false);
  double add_ms = MillisSince(start);

  start = std::chrono::steady_clock::now();
  auto listed = catalog_->ListPartitions("default", "big");
  double list_ms = MillisSince(start);
  ASSERT_EQ(listed.size(), 10000u);
  EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end(),
                             [](const auto& a, const auto& b) { return a.values < b.values; }));
  EXPECT_EQ(listed[0].values, (std::vector<std::string>{"d00000", "0"}));
  EXPECT_EQ(listed[1].values, (std::vector<std::string>{"d00000", "1"}));
  EXPECT_EQ(listed[2].values, (std::vector<std::string>{"d00000", "10"}));

  std::vector<std::vector<std::string>> to_drop;
  for (size_t i = 0; i < 5000; ++i) to_drop.push_back(parts[i].values);
  start = std::chrono::steady_clock::now();
  catalog_->DropPartitions("default", "big", to_drop, false);
  double drop_ms = MillisSince(start);
  EXPECT_EQ(catalog_->ListPartitions("default", "big").size(), 5000u);

  start = std::chrono::steady_clock::now();
  catalog_->DropTable("default", "big", false);
  double drop_table_ms = MillisSince(start);
  std::printf("[ timing ] add 10000 partitions: %.1f ms, list: %.1f ms, drop 5000: %.1f ms, "
              "drop table with 5000: %.1f ms\n",
              add_ms, list_ms, drop_ms, drop_table_ms);
  // The timings are printed, not asserted: speed is measured in bench/,
  // and a loaded machine (an ASan build beside other jobs) takes seconds.
}

// Athena-scale tables: adding, listing (one indexed range scan) and dropping
// 100,000 partitions.
TEST_F(PartitionTest, HundredThousandPartitionsList) {
  catalog_->CreateTable(MakeTable("default", "huge", {"n"}), false);
  std::vector<PartitionDef> parts;
  parts.reserve(100000);
  for (int i = 0; i < 100000; ++i) parts.push_back(Part({std::to_string(i)}));
  auto start = std::chrono::steady_clock::now();
  catalog_->AddPartitions("default", "huge", parts, false);
  double add_ms = MillisSince(start);
  start = std::chrono::steady_clock::now();
  auto listed = catalog_->ListPartitions("default", "huge");
  double list_ms = MillisSince(start);
  ASSERT_EQ(listed.size(), 100000u);
  EXPECT_EQ(listed[1].values[0], "1");
  EXPECT_EQ(listed[2].values[0], "10");  // text order, as Hive lists them
  start = std::chrono::steady_clock::now();
  catalog_->DropTable("default", "huge", false);
  double drop_ms = MillisSince(start);
  std::printf("[ timing ] add 100000 partitions: %.1f ms, list: %.1f ms, drop table: %.1f ms\n",
              add_ms, list_ms, drop_ms);
}

}  // namespace
}  // namespace sluice::catalog
