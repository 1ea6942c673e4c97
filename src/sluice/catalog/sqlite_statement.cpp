#include "sluice/catalog/sqlite_statement.h"

#include <sqlite3.h>

#include "sluice/common/error.h"

namespace sluice::catalog {

void ThrowSqliteError(sqlite3* db, int rc, std::string_view context) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  std::string message = "catalog store";
  if (file && *file) message += std::string(" ") + file;
  message += ": ";
  // After busy_timeout has run out the store is held by another writer; say
  // so rather than SQLite's terse "database is locked".
  if ((rc & 0xFF) == SQLITE_BUSY) {
    message += "timed out waiting for another connection (or process) to finish its catalog change";
  } else {
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  }
  message += " (";
  message += context;
  message += ")";
  throw SluiceError(ErrorCode::kIoError, message);
}

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql) : db_(db) {
  // PERSISTENT: the statement is cached for the connection's lifetime.
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "preparing " + std::string(sql));
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::BindText(int index, std::string_view text) {
  int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                             SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "binding a parameter");
}

void SqliteStatement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL: pass a non-null pointer.
  int rc = sqlite3_bind_blob(stmt_, index, bytes.empty() ? "" : bytes.data(),
                             static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "binding a parameter");
}

void SqliteStatement::BindInt64(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "binding a parameter");
}

bool SqliteStatement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  ThrowSqliteError(db_, rc, std::string("running ") + sqlite3_sql(stmt_));
}

void SqliteStatement::Run() {
  while (Step()) {
  }
  // Ready to be bound again (SQLite refuses binds on a stepped statement);
  // the bindings stay, sqlite3_changes is not affected.
  sqlite3_reset(stmt_);
}

void SqliteStatement::Reset() {
  // sqlite3_reset repeats the last step's error, which Step already reported.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t SqliteStatement::ColumnInt64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string SqliteStatement::ColumnText(int column) const {
  // column_blob before column_bytes, as SQLite documents, and no conversion
  // to text that could stop at a NUL byte.
  const void* data = sqlite3_column_blob(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (!data || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<size_t>(size));
}

StatementScope::StatementScope(SqliteStatement& statement) : statement_(statement) {
  // The cache hands out one statement per SQL text; borrowing it twice at
  // once (a loop over rows calling a helper that runs the same SQL) would
  // silently restart the outer loop.
  SLUICE_CHECK(!statement_.in_use(), "catalog statement borrowed twice");
  statement_.set_in_use(true);
}

StatementScope::~StatementScope() {
  statement_.Reset();
  statement_.set_in_use(false);
}

}  // namespace sluice::catalog
