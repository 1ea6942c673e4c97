// SHOW DATABASES / TABLES / PARTITIONS / COLUMNS, DESCRIBE.
#include <algorithm>

#include "sluice/common/ascii_case.h"
#include "sluice/catalog/catalog.h"
#include "sluice/catalog/partition_path.h"
#include "sluice/common/error.h"
#include "sluice/exec/table_scan_options.h"
#include "sluice/main/statement_context.h"
#include "sluice/sql/planner/binder.h"

namespace sluice::main {

namespace {

// SHOW ... LIKE patterns: Hive's '*' and '|' alternatives, SQL's '%' and '_'.
bool MatchesPattern(const std::string& name, const std::string& pattern) {
  if (pattern.empty()) return true;
  size_t start = 0;
  while (true) {
    size_t bar = pattern.find('|', start);
    std::string alt = AsciiLower(pattern.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    // Iterative glob with '*'/'%' and '_'.
    size_t n = 0, p = 0, star = std::string::npos, mark = 0;
    bool ok = true;
    while (n < name.size()) {
      if (p < alt.size() && (alt[p] == '_' || alt[p] == name[n])) { ++n; ++p; }
      else if (p < alt.size() && (alt[p] == '*' || alt[p] == '%')) { star = p++; mark = n; }
      else if (star != std::string::npos) { p = star + 1; n = ++mark; }
      else { ok = false; break; }
    }
    while (ok && p < alt.size() && (alt[p] == '*' || alt[p] == '%')) ++p;
    if (ok && p == alt.size()) return true;
    if (bar == std::string::npos) return false;
    start = bar + 1;
  }
}

catalog::TableDef GetTableOrThrow(StatementContext& ctx, const sql::QualifiedName& name) {
  planner::Binder binder(ctx.db.catalog(), ctx.current_database);
  auto [db, table] = binder.ResolveTableName(name);
  auto def = ctx.db.catalog().GetTable(db, table);
  if (!def) {
    throw SluiceError(ErrorCode::kTableNotFound, "Table '" + db + "." + table + "' does not exist",
                      name.position);
  }
  return *def;
}

}  // namespace

void ExecuteShow(StatementContext& ctx, const sql::Statement& stmt, QueryResult& result) {
  catalog::Catalog& catalog = ctx.db.catalog();
  std::vector<std::vector<std::string>> rows;
  switch (stmt.kind) {
    case sql::StatementKind::kShowSession: {
      const auto& s = static_cast<const sql::ShowSessionStatement&>(stmt);
      for (const auto& p : exec::SessionProperties()) {
        if (!MatchesPattern(p.name, s.pattern)) continue;
        auto set = ctx.session_properties.find(p.name);
        rows.push_back({p.name, set == ctx.session_properties.end() ? p.default_value : set->second,
                        p.default_value, p.is_count() ? "bigint" : "varchar", p.description});
      }
      SetTextResult(result, {"Name", "Value", "Default", "Type", "Description"}, rows);
      return;
    }
    case sql::StatementKind::kShowDatabases: {
      const auto& s = static_cast<const sql::ShowDatabasesStatement&>(stmt);
      for (const auto& db : catalog.ListDatabases()) {
        if (MatchesPattern(db.name, s.pattern)) rows.push_back({db.name});
      }
      SetTextResult(result, {"database_name"}, rows);
      return;
    }
    case sql::StatementKind::kShowTables: {
      const auto& s = static_cast<const sql::ShowTablesStatement&>(stmt);
      std::string db = s.database.empty() ? ctx.current_database : AsciiLower(s.database);
      if (!catalog.GetDatabase(db)) {
        throw SluiceError(ErrorCode::kSchemaNotFound, "Schema '" + db + "' does not exist", stmt.position);
      }
      for (const auto& t : catalog.ListTables(db)) {
        if (MatchesPattern(t, s.pattern)) rows.push_back({t});
      }
      SetTextResult(result, {"tab_name"}, rows);
      return;
    }
    case sql::StatementKind::kShowPartitions: {
      const auto& s = static_cast<const sql::ShowPartitionsStatement&>(stmt);
      catalog::TableDef t = GetTableOrThrow(ctx, s.name);
      std::vector<std::string> keys;
      for (const auto& c : t.partition_columns) keys.push_back(c.name);
      for (const auto& p : catalog.ListPartitions(t.database, t.name)) {
        rows.push_back({catalog::PartitionPath(keys, p.values)});
      }
      SetTextResult(result, {"partition"}, rows);
      return;
    }
    case sql::StatementKind::kShowColumns:
    case sql::StatementKind::kDescribe: {
      const sql::QualifiedName& name =
          stmt.kind == sql::StatementKind::kDescribe
              ? static_cast<const sql::DescribeStatement&>(stmt).name
              : static_cast<const sql::ShowColumnsStatement&>(stmt).name;
      catalog::TableDef t = GetTableOrThrow(ctx, name);
      if (stmt.kind == sql::StatementKind::kShowColumns) {
        for (const auto& c : t.columns) rows.push_back({c.name});
        for (const auto& c : t.partition_columns) rows.push_back({c.name});
        SetTextResult(result, {"field"}, rows);
        return;
      }
      for (const auto& c : t.columns) rows.push_back({c.name, c.type.ToString(), c.comment});
      for (const auto& c : t.partition_columns) {
        rows.push_back({c.name, c.type.ToString(), c.comment.empty() ? "partition key" : c.comment});
      }
      SetTextResult(result, {"col_name", "data_type", "comment"}, rows);
      return;
    }
    default:
      throw SluiceError(ErrorCode::kNotSupported, "SHOW form not supported yet", stmt.position);
  }
}

}  // namespace sluice::main
