#pragma once

// Thin RAII wrappers over the SQLite C API for the catalog's store: a
// prepared statement that owns its sqlite3_stmt, and a scope that hands one
// out and resets it on exit. Errors become SluiceError(kIoError) naming the
// catalog file.
//
// Not thread-safe: the owner serialises use of the connection.

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace sluice::catalog {

// Throws SluiceError(kIoError) for SQLite result code `rc` on `db`, with the
// connection's message and `context` (what was being done).
[[noreturn]] void ThrowSqliteError(sqlite3* db, int rc, std::string_view context);

class SqliteStatement {
 public:
  // Prepares `sql` (one statement) for repeated use.
  SqliteStatement(sqlite3* db, std::string_view sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters are 1-based, as in SQLite. Text and blobs are copied.
  void BindText(int index, std::string_view text);
  void BindBlob(int index, std::string_view bytes);
  void BindInt64(int index, int64_t value);

  // Advances to the next row: true when one is ready, false when done.
  bool Step();
  // Runs a statement to completion, ignoring rows, and rewinds it so that it
  // can be bound and run again.
  void Run();
  // Back to the start with all parameters cleared. Also ends the statement's
  // implicit read transaction, which an unfinished SELECT would keep open.
  void Reset();

  // Columns of the current row are 0-based.
  int64_t ColumnInt64(int column) const;
  std::string ColumnText(int column) const;  // also reads blobs, NUL bytes included

  bool in_use() const { return in_use_; }
  void set_in_use(bool in_use) { in_use_ = in_use; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool in_use_ = false;
};

// Borrows a cached statement for one use and resets it when the scope ends,
// so that no half-read SELECT holds a snapshot open between calls.
class StatementScope {
 public:
  explicit StatementScope(SqliteStatement& statement);
  ~StatementScope();
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

  SqliteStatement* operator->() { return &statement_; }

 private:
  SqliteStatement& statement_;
};

}  // namespace sluice::catalog
