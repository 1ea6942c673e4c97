// CREATE TABLE ... WITH (...) AS SELECT: Athena's CTAS with an atomic commit.
//
// 1. bind the query and check the properties;
// 2. write Parquet files under <location>/_sluice_staging/<query id>/;
// 3. publish them (rename into place) and write the manifest;
// 4. register the table and all its partitions in one catalog transaction.
// A failure at any step removes what earlier steps made visible.
#include <algorithm>

#include "sluice/common/ascii_case.h"
#include "sluice/catalog/catalog.h"
#include "sluice/common/error.h"
#include "sluice/exec/operators/physical_table_writer.h"
#include "sluice/exec/physical_planner.h"
#include "sluice/exec/pipeline_executor.h"
#include "sluice/exec/write_commit.h"
#include "sluice/main/file_table_functions.h"
#include "sluice/main/statement_context.h"
#include "sluice/sql/planner/binder.h"
#include "sluice/exec/table_write_options.h"
#include "sluice/sql/planner/optimizer.h"
#include "sluice/storage/file_system.h"

namespace sluice::main {

namespace {

struct CtasProperties {
  std::string format = "PARQUET";
  std::string location;
  std::vector<std::string> partitioned_by;
  parquet::Codec codec = parquet::Codec::kSnappy;
  int compression_level = 0;
};

parquet::Codec ParseCodec(const std::string& raw, const sql::Expression& at) {
  std::string c = AsciiUpper(raw);
  if (c == "SNAPPY") return parquet::Codec::kSnappy;
  if (c == "GZIP") return parquet::Codec::kGzip;
  if (c == "ZSTD") return parquet::Codec::kZstd;
  if (c == "LZ4" || c == "LZ4_RAW") return parquet::Codec::kLz4Raw;
  if (c == "NONE" || c == "UNCOMPRESSED") return parquet::Codec::kUncompressed;
  throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                    "Unsupported compression '" + raw + "'; use SNAPPY, GZIP, ZSTD, LZ4 or NONE",
                    at.position);
}

CtasProperties ReadProperties(planner::Binder& binder, const sql::CreateTableAsStatement& stmt) {
  CtasProperties p;
  const sql::Expression* level_at = nullptr;
  for (const auto& prop : stmt.properties) {
    std::string name = AsciiLower(prop.name);
    const sql::Expression& value = *prop.value;
    auto text = [&]() {
      Value v = binder.EvaluateConstant(value);
      if (v.type().id() != TypeId::kVarchar || v.is_null()) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          "Table property '" + name + "' must be a string", value.position);
      }
      return v.string_value();
    };
    if (name == "format") {
      p.format = AsciiUpper(text());
      if (p.format != "PARQUET") {
        throw SluiceError(ErrorCode::kNotSupported,
                          "CTAS format '" + p.format + "' is not supported yet; use 'PARQUET'",
                          value.position);
      }
    } else if (name == "external_location") {
      p.location = text();
    } else if (name == "partitioned_by") {
      if (value.kind != sql::ExpressionKind::kArray) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          "partitioned_by must be an ARRAY['column', ...]", value.position);
      }
      for (const auto& e : static_cast<const sql::ArrayConstructor&>(value).elements) {
        Value v = binder.EvaluateConstant(*e);
        if (v.type().id() != TypeId::kVarchar || v.is_null()) {
          throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                            "partitioned_by must list column names as strings", e->position);
        }
        p.partitioned_by.push_back(AsciiLower(v.string_value()));
      }
    } else if (name == "write_compression" || name == "parquet_compression") {
      p.codec = ParseCodec(text(), value);
    } else if (name == "compression_level") {
      Value v = binder.EvaluateConstant(value);
      if (!v.type().IsInteger() || v.is_null()) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          "compression_level must be an integer", value.position);
      }
      p.compression_level = static_cast<int>(v.int_value());
      level_at = &value;
    } else {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "Unknown table property '" + prop.name +
                            "'; supported: format, external_location, partitioned_by, "
                            "write_compression, parquet_compression, compression_level",
                        value.position);
    }
  }
  if (level_at) {
    // Athena's ranges: ZSTD 1-22 (and the negative fast levels); GZIP 1-9.
    const int level = p.compression_level;
    const bool ok = p.codec == parquet::Codec::kZstd   ? level >= -7 && level <= 22 && level != 0
                    : p.codec == parquet::Codec::kGzip ? level >= 1 && level <= 9
                                                       : false;
    if (!ok) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        p.codec == parquet::Codec::kZstd   ? "compression_level for ZSTD must be from 1 to 22 (or -7 to -1), got " + std::to_string(level)
                        : p.codec == parquet::Codec::kGzip ? "compression_level for GZIP must be from 1 to 9, got " + std::to_string(level)
                                                           : std::string("compression_level applies to ZSTD and GZIP only; set write_compression"),
                        level_at->position);
    }
  }
  return p;
}

}  // namespace

void ExecuteCreateTableAs(StatementContext& ctx, const sql::CreateTableAsStatement& stmt,
                          QueryResult& result) {
  catalog::Catalog& catalog = ctx.db.catalog();
  planner::Binder binder(catalog, ctx.current_database);
  FileTableFunctions table_functions;
  binder.SetTableFunctions(&table_functions);
  auto [db_name, table_name] = binder.ResolveTableName(stmt.name);
  result.message = "CREATE TABLE";
  if (!catalog.GetDatabase(db_name)) {
    throw SluiceError(ErrorCode::kSchemaNotFound, "Schema '" + db_name + "' does not exist",
                      stmt.name.position);
  }
  if (catalog.GetTable(db_name, table_name)) {
    if (stmt.if_not_exists) return;
    throw SluiceError(ErrorCode::kTableAlreadyExists,
                      "Table '" + db_name + "." + table_name + "' already exists", stmt.name.position);
  }
  CtasProperties props = ReadProperties(binder, stmt);
  planner::BoundQuery bound = binder.BindQuery(*stmt.query);

  // Partition columns must be the last columns of the SELECT, in order (Athena).
  const size_t n_cols = bound.names.size();
  const size_t n_parts = props.partitioned_by.size();
  if (n_parts >= n_cols && n_parts > 0) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "partitioned_by lists " + std::to_string(n_parts) +
                          " columns but the query has only " + std::to_string(n_cols) +
                          "; at least one column must be a data column",
                      stmt.position);
  }
  for (size_t i = 0; i < n_parts; ++i) {
    const std::string& want = props.partitioned_by[i];
    const std::string& have = bound.names[n_cols - n_parts + i];
    if (want != have) {
      bool present = std::find(bound.names.begin(), bound.names.end(), want) != bound.names.end();
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        present ? "Partition column '" + want +
                                      "' must be among the last columns of the SELECT, in the order "
                                      "of partitioned_by (Athena requires this); found '" + have +
                                      "' in its place"
                                : "Partition column '" + want + "' is not a column of the query",
                        stmt.position);
    }
  }
  for (size_t i = 0; i < n_cols; ++i) {
    // Parquet has no interval (its INTERVAL is not what Trino writes
    // either): Trino and Athena refuse such columns too.
    const TypeId id = bound.types[i].id();
    if (id == TypeId::kIntervalDayTime || id == TypeId::kIntervalYearMonth) {
      throw SluiceError(ErrorCode::kNotSupported,
                        "Column '" + bound.names[i] + "' has type " + bound.types[i].ToString() +
                            ", which Parquet cannot store; cast it to a number or varchar",
                        stmt.position);
    }
    for (size_t j = i + 1; j < n_cols; ++j) {
      if (bound.names[i] == bound.names[j]) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          "Column name '" + bound.names[i] + "' appears twice; give one an alias",
                          stmt.position);
      }
    }
  }

  catalog::TableDef table;
  table.database = db_name;
  table.name = table_name;
  table.format = "PARQUET";
  table.serde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
  if (props.location.empty()) {
    table.kind = catalog::TableKind::kManaged;
    table.location = JoinPath(JoinPath(ctx.db.options().warehouse, db_name), table_name);
  } else {
    table.kind = catalog::TableKind::kExternal;
    table.location = props.location;
  }
  for (size_t i = 0; i < n_cols; ++i) {
    catalog::ColumnDef col{bound.names[i], bound.types[i], bound.types[i].ToString(), ""};
    (i < n_cols - n_parts ? table.columns : table.partition_columns).push_back(col);
  }

  exec::CheckLocationEmpty(table.location);
  if (stmt.with_no_data) {
    catalog.CreateTable(table, false);
    result.message = "CREATE TABLE: 0 rows";
    return;
  }

  planner::Optimize(bound.plan, catalog);
  exec::TableWriteSpec spec;
  spec.staging_dir = exec::StagingDirectory(table.location, ctx.query.query_id());
  spec.file_prefix = ctx.query.query_id();
  for (size_t i = 0; i < n_cols - n_parts; ++i) {
    spec.column_names.push_back(bound.names[i]);
    spec.data_columns.push_back(i);
  }
  for (size_t i = n_cols - n_parts; i < n_cols; ++i) {
    spec.partition_names.push_back(bound.names[i]);
    spec.partition_columns.push_back(i);
  }
  spec.writer_options = exec::ParquetWriterOptions(ctx.query.session_properties());
  spec.writer_options.codec = props.codec;
  spec.writer_options.compression_level = props.compression_level;
  spec.memory_budget_per_worker =
      exec::WriteBufferMemoryPerWorker(ctx.query.session_properties(), ctx.query.threads());

  auto writer = std::make_unique<exec::PhysicalTableWriter>(bound.types, spec);
  writer->children.push_back(exec::CreatePhysicalPlan(ctx.query, *bound.plan));
  std::vector<std::string> published;
  try {
    exec::ExecutePlan(ctx.query, *writer);
    std::vector<exec::WrittenFile> files = writer->TakeWrittenFiles();
    writer.reset();  // closes nothing left open; frees buffers
    published = exec::PublishFiles(table.location, ctx.query.query_id(), files);
    std::vector<catalog::PartitionDef> partitions;
    if (n_parts > 0) {
      std::map<std::vector<std::string>, std::string> seen;
      for (const auto& f : files) {
        std::string dir = f.relative_path.substr(0, f.relative_path.rfind('/'));
        seen.emplace(f.partition_values, JoinPath(table.location, dir));
      }
      for (auto& [values, location] : seen) partitions.push_back({values, location, 0});
    }
    catalog.RunInTransaction([&] {
      catalog.CreateTable(table, false);
      if (!partitions.empty()) catalog.AddPartitions(db_name, table_name, partitions, false);
    });
  } catch (...) {
    writer.reset();  // aborts files still open
    exec::UnpublishFiles(published);
    exec::DiscardStaging(spec.staging_dir);
    throw;
  }
  exec::DiscardStaging(spec.staging_dir);
  result.message = "CREATE TABLE: " + std::to_string(ctx.query.stats().rows_written.load()) + " rows";
}

}  // namespace sluice::main
