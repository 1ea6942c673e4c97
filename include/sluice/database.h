#pragma once

// The embeddable sluice API: open a warehouse, connect, run SQL.
//
//   auto db = sluice::Database::Open({.warehouse = "./warehouse"});
//   auto conn = db->Connect();
//   sluice::QueryResult r = conn->Execute("SELECT 1");
//
// A Database is shared by any number of Connections (thread-safe); a
// Connection runs one statement at a time and holds session state (the
// current database).

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/vector/data_chunk.h"

namespace sluice {

namespace catalog { class Catalog; }
namespace sql { struct Statement; }
class QueryContext;

struct DatabaseOptions {
  std::string warehouse = "./warehouse";  // catalog + managed tables
  size_t threads = 0;                      // 0: one per core
  // Serves s3://bucket/key from <local_buckets>/bucket/key when set.
  std::string local_buckets;
};

// Statistics of one finished statement, as Athena reports them.
struct QueryStats {
  std::string query_id;
  double elapsed_seconds = 0;
  uint64_t bytes_scanned = 0;
  uint64_t files_scanned = 0;
  uint64_t rows_read = 0;
  uint64_t rows_skipped = 0;  // malformed input rows dropped ('sluice.csv.malformed_rows'='skip')
  uint64_t partitions_total = 0;
  uint64_t partitions_scanned = 0;
  uint64_t row_groups_total = 0;    // Parquet row groups of the files scanned
  uint64_t row_groups_skipped = 0;  // ...that statistics or the page index ruled out
  uint64_t rows_written = 0;
  uint64_t files_written = 0;
  uint64_t bytes_written = 0;
};

// The outcome of one statement: rows for queries (and SHOW/DESCRIBE), a
// short message for DDL and writes ("CREATE TABLE: 7236 rows").
struct QueryResult {
  std::string statement_type;  // "SELECT", "CREATE TABLE AS", "CREATE DATABASE", ...
  std::vector<std::string> column_names;
  std::vector<LogicalType> column_types;
  std::vector<DataChunk> chunks;
  std::string message;  // for statements without rows
  bool has_rows = false;
  QueryStats stats;

  size_t RowCount() const;
  Value GetValue(size_t column, size_t row) const;  // row across chunks (slow; for edges)
};

class Connection;

class Database {
 public:
  static std::unique_ptr<Database> Open(const DatabaseOptions& options);
  ~Database();
  std::unique_ptr<Connection> Connect();

  const DatabaseOptions& options() const { return options_; }
  catalog::Catalog& catalog() { return *catalog_; }

 private:
  explicit Database(DatabaseOptions options);
  DatabaseOptions options_;
  std::unique_ptr<catalog::Catalog> catalog_;
};

class Connection {
 public:
  explicit Connection(Database& db);
  ~Connection();

  // Runs one statement.
  QueryResult Execute(std::string_view sql);
  // Runs every statement of a script in order, calling `on_result` after each;
  // stops at the first error (thrown as SluiceError with the statement's
  // position in the script).
  void ExecuteScript(std::string_view sql, const std::function<void(QueryResult&)>& on_result);

  // Cancels the running statement (from any thread).
  void Cancel();

  const std::string& current_database() const { return current_database_; }

 private:
  QueryResult Run(const sql::Statement& statement);
  QueryResult RunOnce(const sql::Statement& statement);
  Database& db_;
  std::string current_database_ = "default";
  std::map<std::string, std::string> session_properties_;  // SET SESSION
  std::atomic<QueryContext*> running_{nullptr};
};

}  // namespace sluice
