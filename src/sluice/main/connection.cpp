#include <chrono>

#include "sluice/common/error.h"
#include "sluice/database.h"
#include "sluice/functions/statement_time.h"
#include "sluice/main/statement_context.h"
#include "sluice/sql/parser/parser.h"

namespace sluice {

Connection::Connection(Database& db) : db_(db) {}
Connection::~Connection() = default;

void Connection::Cancel() {
  if (QueryContext* q = running_.load()) q->Cancel();
}

namespace {

// Clears the running-statement pointer however the statement ends.
struct RunningGuard {
  std::atomic<QueryContext*>& slot;
  ~RunningGuard() { slot.store(nullptr); }
};

}  // namespace

QueryResult Connection::Run(const sql::Statement& stmt) {
  // A scan whose guess at a CSV split's first row was wrong asks for the
  // statement again (writes are staged, so a failed attempt left nothing);
  // each retry reads at least one more file unsplit.
  constexpr int kMaxRetries = 8;
  for (int attempt = 0;; ++attempt) {
    try {
      return RunOnce(stmt);
    } catch (const SluiceError& e) {
      if (e.code() != ErrorCode::kRetryStatement || attempt == kMaxRetries) throw;
    }
  }
}

QueryResult Connection::RunOnce(const sql::Statement& stmt) {
  QueryContext query(NewQueryId(), db_.options().threads);
  // One current_timestamp for the whole statement, taken as it starts.
  function::SetStatementStartMicros(std::chrono::duration_cast<std::chrono::microseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
  running_.store(&query);
  RunningGuard guard{running_};
  auto start = std::chrono::steady_clock::now();
  QueryResult result;
  query.SetSessionProperties(session_properties_);
  main::StatementContext ctx{db_, current_database_, query, session_properties_};
  switch (stmt.kind) {
    case sql::StatementKind::kQuery:
      result.statement_type = "SELECT";
      main::ExecuteQuery(ctx, *static_cast<const sql::QueryStatement&>(stmt).query, result);
      break;
    case sql::StatementKind::kExplain:
      result.statement_type = "EXPLAIN";
      main::ExecuteExplain(ctx, static_cast<const sql::ExplainStatement&>(stmt), result);
      break;
    case sql::StatementKind::kCreateTableAs:
      result.statement_type = "CREATE TABLE AS";
      main::ExecuteCreateTableAs(ctx, static_cast<const sql::CreateTableAsStatement&>(stmt), result);
      break;
    case sql::StatementKind::kShowSession:
    case sql::StatementKind::kShowDatabases:
    case sql::StatementKind::kShowTables:
    case sql::StatementKind::kShowPartitions:
    case sql::StatementKind::kShowColumns:
    case sql::StatementKind::kShowCreateTable:
    case sql::StatementKind::kDescribe:
      result.statement_type = "SHOW";
      main::ExecuteShow(ctx, stmt, result);
      break;
    default:
      main::ExecuteDdl(ctx, stmt, result);
      break;
  }
  const QueryStatistics& s = query.stats();
  result.stats.query_id = query.query_id();
  result.stats.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.stats.bytes_scanned = s.bytes_scanned;
  result.stats.files_scanned = s.files_scanned;
  result.stats.rows_read = s.rows_read;
  result.stats.rows_skipped = s.rows_skipped;
  result.stats.partitions_total = s.partitions_total;
  result.stats.partitions_scanned = s.partitions_scanned;
  result.stats.row_groups_total = s.row_groups_total;
  result.stats.row_groups_skipped = s.row_groups_skipped;
  result.stats.rows_written = s.rows_written;
  result.stats.files_written = s.files_written;
  result.stats.bytes_written = s.bytes_written;
  return result;
}

QueryResult Connection::Execute(std::string_view sql_text) {
  auto stmt = sql::ParseStatement(sql_text);
  return Run(*stmt);
}

void Connection::ExecuteScript(std::string_view sql_text,
                               const std::function<void(QueryResult&)>& on_result) {
  // Parse everything first: a syntax error anywhere runs nothing.
  auto statements = sql::ParseScript(sql_text);
  for (const auto& stmt : statements) {
    QueryResult r;
    try {
      r = Run(*stmt);
    } catch (const SluiceError& e) {
      // Errors without a position get the statement's, so the user can find it.
      if (!e.position()) throw SluiceError(e.code(), e.message(), stmt->position);
      throw;
    }
    on_result(r);
  }
}

}  // namespace sluice
