#pragma once

// The catalog: databases (Athena calls them schemas too), tables with their
// columns, storage format and SerDe settings, and the partitions of partitioned
// tables. The binder reads it, DDL and the write commit change it.
//
// The interface is storage-neutral so that a shared PostgreSQL store can
// implement it later; the embedded SQLite store lives in sqlite_catalog.h.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/types/logical_type.h"

namespace sluice::catalog {

struct ColumnDef {
  std::string name;
  LogicalType type;
  std::string type_text;  // the type as declared ("string", "varchar(20)"), for DESCRIBE/SHOW CREATE
  std::string comment;
};

// Managed tables keep their data under the warehouse and lose it on DROP;
// external tables only point at data someone else owns.
enum class TableKind { kExternal, kManaged };

struct PartitionDef {
  std::vector<std::string> values;  // in partition_columns order, as text (NULL = kHiveDefaultPartition)
  std::string location;             // empty on AddPartitions: <table location>/k1=v1/k2=v2
  int64_t created_at = 0;           // unix seconds, set by the catalog
};

struct TableDef {
  std::string database, name;
  TableKind kind = TableKind::kExternal;
  std::vector<ColumnDef> columns;            // data columns, file order
  std::vector<ColumnDef> partition_columns;  // Hive partition keys, in order
  std::string location;                      // URI or path of the table's root
  std::string format;                        // "TEXTFILE", "PARQUET", "JSON"
  std::string serde;                         // e.g. "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
  std::map<std::string, std::string> serde_properties;  // field.delim etc. from ROW FORMAT DELIMITED
  std::map<std::string, std::string> table_properties;  // TBLPROPERTIES
  std::string comment;
  std::string view_sql;  // non-empty for views
  int64_t created_at = 0;  // unix seconds, set by the catalog
  // Tables made by table functions (read_parquet) over Hive-partitioned
  // folders: their partitions as found by listing; not stored. Catalog
  // tables keep theirs in the catalog.
  std::vector<PartitionDef> listed_partitions;
};

struct DatabaseDef {
  std::string name, location, comment;
  std::map<std::string, std::string> properties;
};

// The database every catalog has and that cannot be dropped.
inline constexpr std::string_view kDefaultDatabase = "default";

// Database, table and column names are case-insensitive: the catalog stores
// and returns them lower-cased, as Athena (Hive metastore, Glue) does. Only
// ASCII letters are folded, so that the result does not depend on a locale.
std::string NormalizeName(std::string_view name);

// Thread-safe: any number of threads may call any method. Names passed in may
// be in any case. Errors are SluiceError with the Athena/Trino code and
// message: SCHEMA_NOT_FOUND "Schema 'x' does not exist", TABLE_NOT_FOUND
// "Table 'db.t' does not exist", TABLE_ALREADY_EXISTS, SCHEMA_ALREADY_EXISTS;
// failures of the store itself are IO_ERROR.
//
// The catalog holds metadata only. Dropping a managed table does not delete
// its files: the caller does that after the drop has committed, because file
// deletions cannot join the catalog's transaction and orphaned files are
// harmless where a table pointing at deleted files is not.
class Catalog {
 public:
  virtual ~Catalog() = default;

  // SCHEMA_ALREADY_EXISTS unless if_not_exists.
  virtual void CreateDatabase(const DatabaseDef& db, bool if_not_exists) = 0;
  virtual std::optional<DatabaseDef> GetDatabase(const std::string& name) = 0;
  // Sorted by name.
  virtual std::vector<DatabaseDef> ListDatabases() = 0;
  // SCHEMA_NOT_FOUND unless if_exists. A database with tables is dropped only
  // with cascade (which drops the tables and their partitions); otherwise the
  // error names the tables. `default` cannot be dropped.
  virtual void DropDatabase(const std::string& name, bool if_exists, bool cascade) = 0;

  // SCHEMA_NOT_FOUND, or TABLE_ALREADY_EXISTS unless if_not_exists.
  // Column names must be unique across data and partition columns.
  virtual void CreateTable(const TableDef& table, bool if_not_exists) = 0;
  // nullopt when the table or its database does not exist.
  virtual std::optional<TableDef> GetTable(const std::string& db, const std::string& name) = 0;
  // Sorted by name; SCHEMA_NOT_FOUND.
  virtual std::vector<std::string> ListTables(const std::string& db) = 0;
  // Also drops its partitions. TABLE_NOT_FOUND unless if_exists.
  virtual void DropTable(const std::string& db, const std::string& name, bool if_exists) = 0;

  // All or nothing. Each PartitionDef needs one value per partition column.
  // An existing partition is an error (HIVE_PATH_ALREADY_EXISTS) unless
  // if_not_exists, which keeps the existing one unchanged.
  virtual void AddPartitions(const std::string& db, const std::string& table,
                             const std::vector<PartitionDef>& parts, bool if_not_exists) = 0;
  // Sorted by values (byte-wise, key by key, like Hive's SHOW PARTITIONS).
  virtual std::vector<PartitionDef> ListPartitions(const std::string& db, const std::string& table) = 0;
  // All or nothing. A missing partition is an error unless if_exists.
  virtual void DropPartitions(const std::string& db, const std::string& table,
                              const std::vector<std::vector<std::string>>& values, bool if_exists) = 0;

  // Runs fn atomically: every change fn makes through `this` commits together
  // or not at all (fn throwing rolls back and rethrows). Calls may nest. Only
  // calls made on the calling thread join the transaction; other threads
  // (and processes) wait until it ends, so fn must not wait for another
  // thread that uses this catalog. Used to register a CTAS table and all its
  // partitions in one commit.
  virtual void RunInTransaction(const std::function<void()>& fn) = 0;
};

// The embedded store: a SQLite database file, created with its parent
// directories and schema on first open. Several processes may open the same
// file. See sqlite_catalog.h.
std::unique_ptr<Catalog> OpenSqliteCatalog(const std::string& path);

}  // namespace sluice::catalog
