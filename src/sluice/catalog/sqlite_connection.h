#pragma once

// One SQLite connection with a cache of prepared statements, for the
// catalog's store.
//
// Not thread-safe: SqliteCatalog serialises all use behind its mutex (the
// connection is opened in SQLite's multi-thread mode, which requires that).

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sluice/catalog/sqlite_statement.h"

struct sqlite3;

namespace sluice::catalog {

class SqliteConnection {
 public:
  // Opens or creates the database file. Throws SluiceError(kIoError).
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs one or more statements whose rows, if any, are not needed.
  void Exec(const std::string& sql);
  // The first column of the first row of `sql` as text ("" when no row).
  std::string QueryText(const std::string& sql);

  // The statement for `sql`, prepared on first use and cached by its text;
  // reset when the returned scope ends.
  StatementScope Prepare(std::string_view sql);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t Changes() const;
  // False in autocommit mode, i.e. when no transaction is open. SQLite may
  // roll a transaction back by itself after some errors (disk full, I/O).
  bool InTransaction() const;

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

}  // namespace sluice::catalog
