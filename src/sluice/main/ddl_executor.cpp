// Catalog statements: CREATE/DROP DATABASE, CREATE [EXTERNAL] TABLE,
// DROP TABLE, USE.
#include <algorithm>
#include <filesystem>

#include "sluice/common/ascii_case.h"
#include "sluice/catalog/catalog.h"
#include "sluice/common/error.h"
#include "sluice/exec/table_scan_options.h"
#include "sluice/main/statement_context.h"
#include "sluice/sql/planner/binder.h"
#include "sluice/storage/file_system.h"

namespace sluice::main {

namespace {

// Local relative locations are made absolute, so a table means the same
// files whatever directory sluice later runs in.
std::string NormalizeLocation(const std::string& location) {
  if (location.find("://") != std::string::npos || location.empty()) return location;
  std::string abs = std::filesystem::absolute(location).lexically_normal().string();
  if (!location.empty() && location.back() == '/' && abs.back() != '/') abs += '/';
  return abs;
}

catalog::ColumnDef MakeColumn(const sql::ColumnDefinition& c) {
  catalog::ColumnDef col;
  col.name = AsciiLower(c.name);
  col.type_text = c.type_name;
  col.comment = c.comment;
  try {
    col.type = ParseTypeName(c.type_name);
    // The readers give nested columns as their JSON text.
    if (col.type.IsNested()) col.type = LogicalType::Varchar();
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), "column " + col.name + ": " + e.message(), c.position);
  }
  return col;
}

void CreateTable(StatementContext& ctx, const sql::CreateTableStatement& stmt, QueryResult& result) {
  planner::Binder binder(ctx.db.catalog(), ctx.current_database);
  auto [db, name] = binder.ResolveTableName(stmt.name);
  catalog::TableDef t;
  t.database = db;
  t.name = name;
  t.comment = stmt.comment;
  for (const auto& c : stmt.columns) t.columns.push_back(MakeColumn(c));
  for (const auto& c : stmt.partition_columns) t.partition_columns.push_back(MakeColumn(c));
  if (t.columns.empty()) {
    throw SluiceError(ErrorCode::kSyntaxError, "a table needs at least one column", stmt.position);
  }
  std::string stored = AsciiUpper(stmt.stored_as);
  if (stored.empty() || stored == "TEXTFILE") {
    t.format = "TEXTFILE";
  } else if (stored == "PARQUET" || stored == "JSONFILE" || stored == "ORC" || stored == "AVRO") {
    t.format = stored == "JSONFILE" ? "JSON" : stored;
  } else {
    t.format = stmt.stored_as;  // INPUTFORMAT classes are kept as written
  }
  if (stmt.row_format_serde.empty()) {
    if (t.format == "TEXTFILE") t.serde = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    if (t.format == "PARQUET") t.serde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
  } else {
    t.serde = stmt.row_format_serde;
  }
  // ROW FORMAT DELIMITED clauses are stored as Hive's SerDe properties.
  if (!stmt.fields_terminated_by.empty()) {
    t.serde_properties["field.delim"] = stmt.fields_terminated_by;
    t.serde_properties["serialization.format"] = stmt.fields_terminated_by;
  }
  if (!stmt.escaped_by.empty()) t.serde_properties["escape.delim"] = stmt.escaped_by;
  if (!stmt.collection_items_terminated_by.empty()) {
    t.serde_properties["collection.delim"] = stmt.collection_items_terminated_by;
  }
  if (!stmt.map_keys_terminated_by.empty()) t.serde_properties["mapkey.delim"] = stmt.map_keys_terminated_by;
  if (!stmt.lines_terminated_by.empty()) t.serde_properties["line.delim"] = stmt.lines_terminated_by;
  if (stmt.null_defined_as) t.serde_properties["serialization.null.format"] = *stmt.null_defined_as;
  for (const auto& [k, v] : stmt.serde_properties) t.serde_properties[k] = v;
  for (const auto& [k, v] : stmt.table_properties) t.table_properties[k] = v;
  if (stmt.external) {
    if (stmt.location.empty()) {
      throw SluiceError(ErrorCode::kSyntaxError,
                        "External table " + db + "." + name + " needs a LOCATION", stmt.position);
    }
    t.kind = catalog::TableKind::kExternal;
    t.location = NormalizeLocation(stmt.location);
  } else {
    t.kind = stmt.location.empty() ? catalog::TableKind::kManaged : catalog::TableKind::kExternal;
    t.location = stmt.location.empty()
                     ? JoinPath(JoinPath(ctx.db.options().warehouse, db), name)
                     : NormalizeLocation(stmt.location);
  }
  if (t.format == "TEXTFILE") {
    // Bad reader settings (an unknown property value, an unsupported line
    // terminator) fail the DDL rather than every later query.
    try {
      exec::MakeScanSpec(t);
    } catch (const SluiceError& e) {
      throw SluiceError(e.code(), e.message(), stmt.position);
    }
  }
  try {
    ctx.db.catalog().CreateTable(t, stmt.if_not_exists);
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), e.message(), stmt.name.position);
  }
  result.message = "CREATE TABLE";
}

void DropTable(StatementContext& ctx, const sql::DropTableStatement& stmt, QueryResult& result) {
  planner::Binder binder(ctx.db.catalog(), ctx.current_database);
  auto [db, name] = binder.ResolveTableName(stmt.name);
  auto table = ctx.db.catalog().GetTable(db, name);
  try {
    ctx.db.catalog().DropTable(db, name, stmt.if_exists);
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), e.message(), stmt.name.position);
  }
  // A managed table's data goes with it; an external table's data stays.
  if (table && table->kind == catalog::TableKind::kManaged) {
    FileSystemFor(table->location)->DeletePrefix(table->location);
  }
  result.message = "DROP TABLE";
}

}  // namespace

void ExecuteDdl(StatementContext& ctx, const sql::Statement& stmt, QueryResult& result) {
  catalog::Catalog& catalog = ctx.db.catalog();
  switch (stmt.kind) {
    case sql::StatementKind::kCreateDatabase: {
      const auto& s = static_cast<const sql::CreateDatabaseStatement&>(stmt);
      result.statement_type = "CREATE DATABASE";
      catalog::DatabaseDef db;
      db.name = AsciiLower(s.name);
      db.comment = s.comment;
      db.location = NormalizeLocation(s.location);
      for (const auto& [k, v] : s.properties) db.properties[k] = v;
      try {
        catalog.CreateDatabase(db, s.if_not_exists);
      } catch (const SluiceError& e) {
        throw SluiceError(e.code(), e.message(), stmt.position);
      }
      result.message = "CREATE DATABASE";
      return;
    }
    case sql::StatementKind::kDropDatabase: {
      const auto& s = static_cast<const sql::DropDatabaseStatement&>(stmt);
      result.statement_type = "DROP DATABASE";
      try {
        catalog.DropDatabase(AsciiLower(s.name), s.if_exists, s.cascade);
      } catch (const SluiceError& e) {
        throw SluiceError(e.code(), e.message(), stmt.position);
      }
      if (ctx.current_database == AsciiLower(s.name)) ctx.current_database = "default";
      result.message = "DROP DATABASE";
      return;
    }
    case sql::StatementKind::kCreateTable:
      result.statement_type = "CREATE TABLE";
      CreateTable(ctx, static_cast<const sql::CreateTableStatement&>(stmt), result);
      return;
    case sql::StatementKind::kDropTable:
      result.statement_type = "DROP TABLE";
      DropTable(ctx, static_cast<const sql::DropTableStatement&>(stmt), result);
      return;
    case sql::StatementKind::kSetSession: {
      const auto& s = static_cast<const sql::SetSessionStatement&>(stmt);
      planner::Binder binder(ctx.db.catalog(), ctx.current_database);
      const Value v = binder.EvaluateConstant(*s.value);
      const std::string value = v.type().id() == TypeId::kVarchar && !v.is_null() ? v.string_value() : v.ToString();
      try {
        exec::ValidateSessionProperty(s.name, value);
      } catch (const SluiceError& e) {
        throw SluiceError(e.code(), e.message(), stmt.position);
      }
      ctx.session_properties[s.name] = value;
      result.message = "SET SESSION";
      return;
    }
    case sql::StatementKind::kResetSession: {
      const auto& s = static_cast<const sql::ResetSessionStatement&>(stmt);
      const auto& known = exec::SessionProperties();
      if (std::none_of(known.begin(), known.end(), [&](const auto& p) { return p.name == s.name; })) {
        throw SluiceError(ErrorCode::kInvalidSessionProperty, "Session property " + s.name + " does not exist",
                          stmt.position);
      }
      ctx.session_properties.erase(s.name);
      result.message = "RESET SESSION";
      return;
    }
    case sql::StatementKind::kUse: {
      const auto& s = static_cast<const sql::UseStatement&>(stmt);
      std::string db = AsciiLower(s.database);
      if (!catalog.GetDatabase(db)) {
        throw SluiceError(ErrorCode::kSchemaNotFound, "Schema '" + db + "' does not exist", stmt.position);
      }
      ctx.current_database = db;
      result.statement_type = "USE";
      result.message = "USE";
      return;
    }
    default:
      throw SluiceError(ErrorCode::kNotSupported, "this statement is not supported yet", stmt.position);
  }
}

}  // namespace sluice::main
