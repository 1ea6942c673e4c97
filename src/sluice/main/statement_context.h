#pragma once

#include <map>
#include <string>

#include "sluice/common/query_context.h"
#include "sluice/database.h"
#include "sluice/sql/parser/ast.h"

namespace sluice::main {

// What a statement executor needs: the database, the session's current
// database and the running statement's context.
struct StatementContext {
  Database& db;
  std::string& current_database;
  QueryContext& query;
  std::map<std::string, std::string>& session_properties;  // SET SESSION changes them
};

// Executors, one per statement family. Each fills `result`.
void ExecuteQuery(StatementContext& ctx, const sql::Query& query, QueryResult& result);
void ExecuteExplain(StatementContext& ctx, const sql::ExplainStatement& stmt, QueryResult& result);
void ExecuteCreateTableAs(StatementContext& ctx, const sql::CreateTableAsStatement& stmt,
                          QueryResult& result);
void ExecuteDdl(StatementContext& ctx, const sql::Statement& stmt, QueryResult& result);
void ExecuteShow(StatementContext& ctx, const sql::Statement& stmt, QueryResult& result);

// Builds a one-chunk varchar result (SHOW, DESCRIBE, EXPLAIN).
void SetTextResult(QueryResult& result, const std::vector<std::string>& names,
                   const std::vector<std::vector<std::string>>& rows);

}  // namespace sluice::main
