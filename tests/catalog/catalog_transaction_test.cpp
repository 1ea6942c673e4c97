#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "catalog/catalog_test_util.h"
#include "sluice/catalog/sqlite_schema.h"

namespace sluice::catalog {
namespace {

using TransactionTest = CatalogTest;

struct Boom : std::runtime_error {
  Boom() : std::runtime_error("boom") {}
};

TEST_F(TransactionTest, CommitsTableAndPartitionsTogether) {
  catalog_->RunInTransaction([&] {
    catalog_->CreateTable(MakeTable("default", "ctas", {"dt"}), false);
    catalog_->AddPartitions("default", "ctas", {Part({"1"}), Part({"2"})}, false);
  });
  EXPECT_TRUE(catalog_->GetTable("default", "ctas").has_value());
  EXPECT_EQ(catalog_->ListPartitions("default", "ctas").size(), 2u);
}

TEST_F(TransactionTest, ThrowRollsBackEverythingAndRethrows) {
  catalog_->CreateTable(MakeTable("default", "kept", {"dt"}), false);
  EXPECT_THROW(catalog_->RunInTransaction([&] {
    catalog_->CreateDatabase({"newdb", "", "", {}}, false);
    catalog_->CreateTable(MakeTable("newdb", "ctas", {"dt"}), false);
    catalog_->AddPartitions("newdb", "ctas", {Part({"1"})}, false);
    catalog_->AddPartitions("default", "kept", {Part({"x"})}, false);
    catalog_->DropTable("default", "kept", false);
    // Visible inside the transaction to its own thread.
    EXPECT_TRUE(catalog_->GetTable("newdb", "ctas").has_value());
    EXPECT_FALSE(catalog_->GetTable("default", "kept").has_value());
    throw Boom();
  }),
               Boom);
  EXPECT_FALSE(catalog_->GetDatabase("newdb").has_value());
  ASSERT_TRUE(catalog_->GetTable("default", "kept").has_value());
  EXPECT_TRUE(catalog_->ListPartitions("default", "kept").empty());
  // The catalog is usable afterwards.
  catalog_->CreateDatabase({"newdb", "", "", {}}, false);
}

TEST_F(TransactionTest, NestedInnerFailureIsUndoneOuterCommits) {
  catalog_->RunInTransaction([&] {
    catalog_->CreateTable(MakeTable("default", "outer_t"), false);
    try {
      catalog_->RunInTransaction([&] {
        catalog_->CreateTable(MakeTable("default", "inner_t"), false);
        throw Boom();
      });
    } catch (const Boom&) {
    }
    EXPECT_FALSE(catalog_->GetTable("default", "inner_t").has_value());
    // A failed call undoes only its own partial work: the first two
    // partitions of this batch were inserted before the duplicate failed.
    catalog_->CreateTable(MakeTable("default", "p", {"k"}), false);
    EXPECT_THROW(catalog_->AddPartitions("default", "p", {Part({"a"}), Part({"b"}), Part({"a"})},
                                         false),
                 SluiceError);
    EXPECT_TRUE(catalog_->ListPartitions("default", "p").empty());
    catalog_->AddPartitions("default", "p", {Part({"c"})}, false);
    // Deeper nesting that succeeds.
    catalog_->RunInTransaction([&] {
      catalog_->RunInTransaction([&] { catalog_->CreateTable(MakeTable("default", "deep"), false); });
    });
  });
  EXPECT_EQ(catalog_->ListTables("default"), (std::vector<std::string>{"deep", "outer_t", "p"}));
  EXPECT_EQ(catalog_->ListPartitions("default", "p").size(), 1u);
}

TEST_F(TransactionTest, NestedSuccessIsUndoneByOuterFailure) {
  EXPECT_THROW(catalog_->RunInTransaction([&] {
    catalog_->RunInTransaction([&] { catalog_->CreateTable(MakeTable("default", "inner_t"), false); });
    EXPECT_TRUE(catalog_->GetTable("default", "inner_t").has_value());
    throw SluiceError(ErrorCode::kCancelled, "cancelled");
  }),
               SluiceError);
  EXPECT_FALSE(catalog_->GetTable("default", "inner_t").has_value());
}

TEST_F(TransactionTest, PersistsAcrossReopen) {
  catalog_->CreateDatabase({"Lake", "s3://lake", "c", {{"k", "v"}}}, false);
  TableDef t = MakeTable("lake", "events", {"dt"});
  t.table_properties = {{"has_encrypted_data", "false"}};
  catalog_->CreateTable(t, false);
  catalog_->AddPartitions("lake", "events", {Part({"2022-08-01"}), Part({"2022-08-02"})}, false);
  int64_t created = catalog_->GetTable("lake", "events")->created_at;
  Reopen();
  auto db = catalog_->GetDatabase("LAKE");
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->properties.at("k"), "v");
  auto got = catalog_->GetTable("lake", "EVENTS");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->created_at, created);
  EXPECT_EQ(got->columns.size(), 2u);
  EXPECT_EQ(got->table_properties, t.table_properties);
  EXPECT_EQ(catalog_->ListPartitions("lake", "events").size(), 2u);
}

TEST_F(TransactionTest, FileUsesWalAndRecordsItsSchemaVersion) {
  catalog_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  auto query = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  };
  EXPECT_EQ(query("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(query("SELECT value FROM catalog_meta WHERE name = 'schema_version'"),
            std::to_string(kCatalogSchemaVersion));
  // A file from a newer sluice is refused rather than misread.
  query("UPDATE catalog_meta SET value = '999' WHERE name = 'schema_version'");
  sqlite3_close(db);
  try {
    OpenSqliteCatalog(path_);
    ADD_FAILURE() << "opened a catalog of schema version 999";
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIoError);
    EXPECT_NE(e.message().find("newer sluice (schema version 999"), std::string::npos) << e.message();
  }
}

TEST_F(TransactionTest, InMemoryCatalog) {
  auto memory = OpenSqliteCatalog(":memory:");
  memory->CreateTable(MakeTable("default", "t", {"k"}), false);
  memory->AddPartitions("default", "t", {Part({"1"})}, false);
  EXPECT_EQ(memory->ListPartitions("default", "t").size(), 1u);
}

// Another thread's calls wait for the transaction and never see its
// uncommitted (here: rolled back) changes.
TEST_F(TransactionTest, OtherThreadsWaitForTheTransaction) {
  std::atomic<bool> created{false};
  std::optional<TableDef> seen;
  std::thread other([&] {
    while (!created) std::this_thread::yield();
    seen = catalog_->GetTable("default", "uncommitted");
  });
  EXPECT_THROW(catalog_->RunInTransaction([&] {
    catalog_->CreateTable(MakeTable("default", "uncommitted"), false);
    created = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    throw Boom();
  }),
               Boom);
  other.join();
  EXPECT_FALSE(seen.has_value());
}

TEST_F(TransactionTest, TwoThreadsShareOneCatalog) {
  constexpr int kTables = 40;
  auto work = [&](const std::string& prefix) {
    for (int i = 0; i < kTables; ++i) {
      std::string name = prefix + std::to_string(i);
      catalog_->RunInTransaction([&] {
        catalog_->CreateTable(MakeTable("default", name, {"k"}), false);
        catalog_->AddPartitions("default", name, {Part({"a"}), Part({"b"})}, false);
      });
      ASSERT_EQ(catalog_->ListPartitions("default", name).size(), 2u);
      catalog_->ListTables("default");
      catalog_->DropPartitions("default", name, {{"a"}}, false);
    }
  };
  std::thread a(work, "a");
  std::thread b(work, "b");
  a.join();
  b.join();
  auto tables = catalog_->ListTables("default");
  EXPECT_EQ(tables.size(), 2u * kTables);
  for (const auto& t : tables) EXPECT_EQ(catalog_->ListPartitions("default", t).size(), 1u) << t;
}

// Two catalogs on one file stand in for two processes: separate connections
// that meet only in SQLite's file locks and busy_timeout.
TEST_F(TransactionTest, TwoConnectionsOnOneFile) {
  auto second = OpenSqliteCatalog(path_);
  // A reader on another connection does not see an open transaction (WAL:
  // it reads the last commit without waiting).
  catalog_->RunInTransaction([&] {
    catalog_->CreateTable(MakeTable("default", "pending"), false);
    EXPECT_FALSE(second->GetTable("default", "pending").has_value());
  });
  EXPECT_TRUE(second->GetTable("default", "pending").has_value());

  constexpr int kTables = 25;
  auto work = [&](Catalog* c, const std::string& prefix) {
    for (int i = 0; i < kTables; ++i) {
      std::string name = prefix + std::to_string(i);
      c->RunInTransaction([&] {
        c->CreateTable(MakeTable("default", name, {"k"}), false);
        c->AddPartitions("default", name, {Part({"1"}), Part({"2"}), Part({"3"})}, false);
      });
    }
  };
  std::thread a(work, catalog_.get(), "x");
  std::thread b(work, second.get(), "y");
  a.join();
  b.join();
  EXPECT_EQ(catalog_->ListTables("default").size(), 2u * kTables + 1);
  EXPECT_EQ(second->ListPartitions("default", "x7").size(), 3u);
  EXPECT_EQ(catalog_->ListPartitions("default", "y7").size(), 3u);
}

}  // namespace
}  // namespace sluice::catalog
