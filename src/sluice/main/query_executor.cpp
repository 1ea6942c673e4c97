// SELECT and EXPLAIN.
#include <chrono>
#include <cstdio>

#include "sluice/common/ascii_case.h"
#include "sluice/common/format_bytes.h"
#include "sluice/exec/operators/physical_result_collector.h"
#include "sluice/exec/physical_planner.h"
#include "sluice/exec/pipeline_executor.h"
#include "sluice/main/file_table_functions.h"
#include "sluice/main/statement_context.h"
#include "sluice/sql/planner/binder.h"
#include "sluice/sql/planner/optimizer.h"

namespace sluice::main {

void SetTextResult(QueryResult& result, const std::vector<std::string>& names,
                   const std::vector<std::vector<std::string>>& rows) {
  result.has_rows = true;
  result.column_names = names;
  result.column_types.assign(names.size(), LogicalType::Varchar());
  DataChunk chunk(result.column_types, std::max(rows.size(), kVectorSize));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < names.size(); ++c) chunk.column(c).SetString(r, rows[r][c]);
  }
  chunk.SetSize(rows.size());
  result.chunks.clear();
  result.chunks.push_back(std::move(chunk));
}

void ExecuteQuery(StatementContext& ctx, const sql::Query& query, QueryResult& result) {
  planner::Binder binder(ctx.db.catalog(), ctx.current_database);
  FileTableFunctions table_functions;
  binder.SetTableFunctions(&table_functions);
  planner::BoundQuery bound = binder.BindQuery(query);
  planner::Optimize(bound.plan, ctx.db.catalog());
  auto physical = exec::CreatePhysicalPlan(ctx.query, *bound.plan);
  auto collector = std::make_unique<exec::PhysicalResultCollector>(bound.types, bound.names);
  collector->children.push_back(std::move(physical));
  exec::ExecutePlan(ctx.query, *collector);
  exec::CollectedResult collected = collector->TakeResult();
  result.has_rows = true;
  result.column_names = std::move(collected.names);
  result.column_types = std::move(collected.types);
  result.chunks = std::move(collected.chunks);
}

namespace {

// EXPLAIN's (TYPE x, FORMAT y) options: which plans to show.
struct ExplainOptions {
  bool logical = true;
  bool physical = true;
  bool validate = false;
};

ExplainOptions ReadExplainOptions(const sql::ExplainStatement& stmt) {
  ExplainOptions o;
  for (const auto& [name, written] : stmt.options) {
    const std::string value = AsciiLower(written);
    if (name == "format") {
      if (value != "text") {
        throw SluiceError(ErrorCode::kNotSupported,
                          "EXPLAIN format " + AsciiUpper(value) + " is not supported; use FORMAT TEXT",
                          stmt.position);
      }
    } else if (value == "logical") {
      o.physical = false;
    } else if (value == "distributed") {
      o.logical = false;
    } else if (value == "validate") {
      o.validate = true;
    } else {
      throw SluiceError(ErrorCode::kNotSupported,
                        "EXPLAIN type " + AsciiUpper(value) + " is not supported; use LOGICAL, DISTRIBUTED or VALIDATE",
                        stmt.position);
    }
  }
  if (stmt.analyze && (!o.logical || !o.physical || o.validate)) {
    throw SluiceError(ErrorCode::kNotSupported, "EXPLAIN ANALYZE does not take a TYPE", stmt.position);
  }
  return o;
}

std::vector<std::vector<std::string>> Lines(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    rows.push_back({text.substr(start, end - start)});
    start = end + 1;
  }
  return rows;
}

}  // namespace

// EXPLAIN shows the optimised logical plan (pushed filters, pruned
// partitions) and the physical plan with estimated sizes; EXPLAIN ANALYZE
// runs the query, drops its rows, and shows what each operator did.
void ExecuteExplain(StatementContext& ctx, const sql::ExplainStatement& stmt, QueryResult& result) {
  if (stmt.statement->kind != sql::StatementKind::kQuery) {
    throw SluiceError(ErrorCode::kNotSupported, "EXPLAIN supports queries only", stmt.position);
  }
  const ExplainOptions options = ReadExplainOptions(stmt);
  const auto& query = *static_cast<const sql::QueryStatement&>(*stmt.statement).query;
  planner::Binder binder(ctx.db.catalog(), ctx.current_database);
  FileTableFunctions table_functions;
  binder.SetTableFunctions(&table_functions);
  planner::BoundQuery bound = binder.BindQuery(query);
  if (options.validate) {
    result.has_rows = true;
    result.column_names = {"Valid"};
    result.column_types = {LogicalType::Boolean()};
    DataChunk chunk(result.column_types, 1);
    chunk.column(0).SetValue(0, Value::Boolean(true));
    chunk.SetSize(1);
    result.chunks.clear();
    result.chunks.push_back(std::move(chunk));
    return;
  }
  planner::Optimize(bound.plan, ctx.db.catalog());
  std::string text;
  if (options.logical && !stmt.analyze) text += "Logical plan:\n" + planner::RenderLogicalPlan(*bound.plan);
  auto physical = exec::CreatePhysicalPlan(ctx.query, *bound.plan);
  if (stmt.analyze) {
    auto collector = std::make_unique<exec::PhysicalResultCollector>(bound.types, bound.names);
    collector->children.push_back(std::move(physical));
    ctx.query.SetProfiling(true);
    const auto start = std::chrono::steady_clock::now();
    exec::ExecutePlan(ctx.query, *collector);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const QueryStatistics& stats = ctx.query.stats();
    char summary[160];
    std::snprintf(summary, sizeof(summary), "Query: %.3f s elapsed, %s scanned in %llu files, %llu rows read\n",
                  seconds, FormatBytes(stats.bytes_scanned.load()).c_str(),
                  static_cast<unsigned long long>(stats.files_scanned.load()),
                  static_cast<unsigned long long>(stats.rows_read.load()));
    text += summary;
    text += "Physical plan (rows, bytes and thread time per operator):\n" + exec::RenderPlan(*collector, true);
  } else if (options.physical) {
    text += "Physical plan:\n" + exec::RenderPlan(*physical);
  }
  SetTextResult(result, {"Query Plan"}, Lines(text));
}

}  // namespace sluice::main
