#include "sluice/catalog/sqlite_connection.h"

#include <sqlite3.h>

#include "sluice/common/error.h"

namespace sluice::catalog {

SqliteConnection::SqliteConnection(const std::string& path) {
  // NOMUTEX: the catalog's own mutex already serialises the connection, so
  // SQLite's per-call mutex would only add cost.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    // SQLite returns a handle even when opening fails; it carries the message.
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SluiceError(ErrorCode::kIoError, "cannot open catalog store " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

SqliteConnection::~SqliteConnection() {
  // Statements first: sqlite3_close refuses a connection with live statements.
  statements_.clear();
  sqlite3_close(db_);
}

void SqliteConnection::Exec(const std::string& sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);  // the same text is available from sqlite3_errmsg
  if (rc != SQLITE_OK) ThrowSqliteError(db_, rc, "running " + sql.substr(0, 200));
}

std::string SqliteConnection::QueryText(const std::string& sql) {
  SqliteStatement statement(db_, sql);
  return statement.Step() ? statement.ColumnText(0) : std::string();
}

StatementScope SqliteConnection::Prepare(std::string_view sql) {
  auto it = statements_.find(std::string(sql));
  if (it == statements_.end()) {
    it = statements_.emplace(std::string(sql), std::make_unique<SqliteStatement>(db_, sql)).first;
  }
  return StatementScope(*it->second);
}

int64_t SqliteConnection::Changes() const { return sqlite3_changes64(db_); }

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace sluice::catalog
