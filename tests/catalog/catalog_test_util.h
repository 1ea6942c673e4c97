#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "sluice/catalog/catalog.h"
#include "sluice/common/error.h"

namespace sluice::catalog {

// A fresh directory per test, removed afterwards; the catalog file lives in a
// subdirectory so that opening also exercises creating it.
class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice-catalog-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    path_ = (dir_ / "meta" / "catalog.db").string();
    catalog_ = OpenSqliteCatalog(path_);
  }
  void TearDown() override {
    catalog_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Reopen() {
    catalog_.reset();
    catalog_ = OpenSqliteCatalog(path_);
  }

  static TableDef MakeTable(const std::string& db, const std::string& name,
                            std::vector<std::string> partition_keys = {}) {
    TableDef t;
    t.database = db;
    t.name = name;
    t.location = "s3://lake/" + name;
    t.format = "TEXTFILE";
    t.serde = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    t.columns = {{"id", LogicalType::Bigint(), "bigint", "the key"},
                 {"name", LogicalType::Varchar(), "string", ""}};
    for (const auto& k : partition_keys) {
      t.partition_columns.push_back({k, LogicalType::Varchar(), "string", ""});
    }
    return t;
  }

  static PartitionDef Part(std::vector<std::string> values, std::string location = "") {
    PartitionDef p;
    p.values = std::move(values);
    p.location = std::move(location);
    return p;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Catalog> catalog_;
};

// Runs `statement`, expecting a SluiceError with `code` and exactly `message`.
#define EXPECT_CATALOG_ERROR(statement, expected_code, expected_message)          \
  do {                                                                            \
    try {                                                                         \
      statement;                                                                  \
      ADD_FAILURE() << "no error from " #statement;                               \
    } catch (const ::sluice::SluiceError& e) {                                    \
      EXPECT_EQ(::sluice::ErrorCodeName(e.code()),                                \
                ::sluice::ErrorCodeName(expected_code));                          \
      EXPECT_EQ(e.message(), expected_message);                                   \
    }                                                                             \
  } while (0)

}  // namespace sluice::catalog
