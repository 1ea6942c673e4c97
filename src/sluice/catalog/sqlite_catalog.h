#pragma once

// The embedded catalog store: one SQLite database file (schema in
// sqlite_schema.cpp).
//
// Settings, chosen for a file that several sluice processes (CLI, service,
// scheduler) may open at once:
// - WAL journal: readers never block the writer nor the writer readers.
// - synchronous=FULL: the WAL is fsynced at every commit. A catalog commit
//   is the commit point of a CTAS or INSERT (its files are already published
//   when the table and partitions are registered), so a commit that was
//   reported must survive a power loss, not only a process crash as NORMAL
//   guarantees. Catalog commits are few and batched (10,000 partitions are
//   one commit, one fsync), so FULL costs nothing measurable.
// - busy_timeout: a process waits up to kBusyTimeoutMs for another one's
//   write transaction instead of failing at once.
// - foreign_keys=ON: drops cascade to columns, properties and partitions.
//
// Thread-safe: one connection behind a recursive mutex. A transaction holds
// the mutex from BEGIN to COMMIT, so that other threads' calls cannot slip
// into it; calls made by the transaction's own thread re-enter the mutex and
// nest as savepoints.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sluice/catalog/catalog.h"

namespace sluice::catalog {

class SqliteConnection;

class SqliteCatalog final : public Catalog {
 public:
  static constexpr int kBusyTimeoutMs = 30'000;

  // Opens `path`, creating the file, its parent directories and the schema
  // when missing. ":memory:" gives a private in-memory catalog (tests).
  explicit SqliteCatalog(const std::string& path);
  ~SqliteCatalog() override;

  void CreateDatabase(const DatabaseDef& db, bool if_not_exists) override;
  std::optional<DatabaseDef> GetDatabase(const std::string& name) override;
  std::vector<DatabaseDef> ListDatabases() override;
  void DropDatabase(const std::string& name, bool if_exists, bool cascade) override;

  void CreateTable(const TableDef& table, bool if_not_exists) override;
  std::optional<TableDef> GetTable(const std::string& db, const std::string& name) override;
  std::vector<std::string> ListTables(const std::string& db) override;
  void DropTable(const std::string& db, const std::string& name, bool if_exists) override;

  void AddPartitions(const std::string& db, const std::string& table,
                     const std::vector<PartitionDef>& parts, bool if_not_exists) override;
  std::vector<PartitionDef> ListPartitions(const std::string& db, const std::string& table) override;
  void DropPartitions(const std::string& db, const std::string& table,
                      const std::vector<std::vector<std::string>>& values, bool if_exists) override;

  void RunInTransaction(const std::function<void()>& fn) override;

 private:
  class Transaction;
  // What partition DDL needs of a table.
  struct PartitionedTable {
    int64_t table_id = 0;
    std::string location;
    std::vector<std::string> keys;  // partition column names, in order
  };

  std::optional<int64_t> FindDatabaseId(const std::string& name);
  std::vector<ColumnDef> LoadColumns(int64_t table_id, bool partition_keys);
  std::map<std::string, std::string> LoadProperties(const char* sql, int64_t id);
  // TABLE_NOT_FOUND when missing; `db` and `table` already normalised.
  PartitionedTable ResolvePartitionedTable(const std::string& db, const std::string& table);

  std::recursive_mutex mu_;
  std::unique_ptr<SqliteConnection> connection_;
  // Open transactions on the connection (outermost + savepoints). Only the
  // thread holding mu_ touches it.
  int depth_ = 0;
};

}  // namespace sluice::catalog
