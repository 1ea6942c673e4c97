// SELECT and EXPLAIN.
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

void ExecuteExplain(StatementContext& ctx, const sql::ExplainStatement& stmt, QueryResult& result) {
  if (stmt.statement->kind != sql::StatementKind::kQuery) {
    throw SluiceError(ErrorCode::kNotSupported, "EXPLAIN supports queries only", stmt.position);
  }
  const auto& query = *static_cast<const sql::QueryStatement&>(*stmt.statement).query;
  planner::Binder binder(ctx.db.catalog(), ctx.current_database);
  FileTableFunctions table_functions;
  binder.SetTableFunctions(&table_functions);
  planner::BoundQuery bound = binder.BindQuery(query);
  planner::Optimize(bound.plan, ctx.db.catalog());
  std::string text = "Logical plan:\n" + planner::RenderLogicalPlan(*bound.plan);
  auto physical = exec::CreatePhysicalPlan(ctx.query, *bound.plan);
  text += "Physical plan:\n" + exec::RenderPlan(*physical);
  std::vector<std::vector<std::string>> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    rows.push_back({text.substr(start, end - start)});
    start = end + 1;
  }
  SetTextResult(result, {"Query Plan"}, rows);
}

}  // namespace sluice::main
