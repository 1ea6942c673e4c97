#include "sluice/catalog/sqlite_schema.h"

#include <string>

#include "sluice/catalog/catalog.h"
#include "sluice/catalog/sqlite_connection.h"
#include "sluice/common/error.h"

namespace sluice::catalog {

namespace {

// Version 1. Names are stored lower-cased (NormalizeName). Child rows go with
// their parent through ON DELETE CASCADE, so dropping a database or table is
// one DELETE; every foreign key leads its child's primary or unique key, so
// the cascade is indexed. Property and column tables are WITHOUT ROWID: they
// are only ever read through their primary key.
//
// Partitions: `values_key` (see partition_key.h) makes the exact-values
// lookup of ADD/DROP PARTITION an index probe on UNIQUE(table_id,
// values_key), and lists a table's partitions in value order straight from
// that index. The values themselves are kept one row per key in
// `partition_values`, readable and ready for filtering on a single key.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE catalog_meta (
  name  TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE databases (
  db_id      INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  location   TEXT NOT NULL,
  comment    TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE database_properties (
  db_id INTEGER NOT NULL REFERENCES databases (db_id) ON DELETE CASCADE,
  name  TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (db_id, name)
) WITHOUT ROWID;

CREATE TABLE tables (
  table_id   INTEGER PRIMARY KEY,
  db_id      INTEGER NOT NULL REFERENCES databases (db_id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('EXTERNAL', 'MANAGED')),
  location   TEXT NOT NULL,
  format     TEXT NOT NULL,
  serde      TEXT NOT NULL,
  comment    TEXT NOT NULL,
  view_sql   TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (db_id, name)
);

-- Data columns (is_partition_key = 0) and partition keys (1), each in order.
CREATE TABLE columns (
  table_id         INTEGER NOT NULL REFERENCES tables (table_id) ON DELETE CASCADE,
  is_partition_key INTEGER NOT NULL CHECK (is_partition_key IN (0, 1)),
  position         INTEGER NOT NULL,
  name             TEXT NOT NULL,
  logical_type     TEXT NOT NULL,
  type_text        TEXT NOT NULL,
  comment          TEXT NOT NULL,
  PRIMARY KEY (table_id, is_partition_key, position)
) WITHOUT ROWID;

CREATE TABLE serde_properties (
  table_id INTEGER NOT NULL REFERENCES tables (table_id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (table_id, name)
) WITHOUT ROWID;

CREATE TABLE table_properties (
  table_id INTEGER NOT NULL REFERENCES tables (table_id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (table_id, name)
) WITHOUT ROWID;

CREATE TABLE partitions (
  partition_id INTEGER PRIMARY KEY,
  table_id     INTEGER NOT NULL REFERENCES tables (table_id) ON DELETE CASCADE,
  values_key   BLOB NOT NULL,
  location     TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  UNIQUE (table_id, values_key)
);

CREATE TABLE partition_values (
  partition_id INTEGER NOT NULL REFERENCES partitions (partition_id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  value        TEXT NOT NULL,
  PRIMARY KEY (partition_id, position)
) WITHOUT ROWID;
)sql";

bool HasMetaTable(SqliteConnection& connection) {
  return !connection
              .QueryText("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'catalog_meta'")
              .empty();
}

int64_t StoredVersion(SqliteConnection& connection) {
  std::string text =
      connection.QueryText("SELECT value FROM catalog_meta WHERE name = 'schema_version'");
  try {
    return std::stoll(text);
  } catch (const std::exception&) {
    throw SluiceError(ErrorCode::kIoError,
                      "catalog store has an unreadable schema_version '" + text + "'");
  }
}

void Migrate(SqliteConnection& connection, int64_t from) {
  // Future versions: `if (from < 2) { ALTER ...; }` one step per version,
  // then the version row below. Version 1 is the first.
  (void)connection;
  (void)from;
}

}  // namespace

void CreateOrMigrateSchema(SqliteConnection& connection, int64_t now) {
  // IMMEDIATE takes the write lock up front (waiting through busy_timeout), so
  // two processes creating the same new file serialise here.
  connection.Exec("BEGIN IMMEDIATE");
  try {
    if (!HasMetaTable(connection)) {
      connection.Exec(kSchemaV1);
      connection.Exec("INSERT INTO catalog_meta (name, value) VALUES ('schema_version', '1')");
    }
    int64_t version = StoredVersion(connection);
    if (version > kCatalogSchemaVersion) {
      throw SluiceError(ErrorCode::kIoError,
                        "catalog store was written by a newer sluice (schema version " +
                            std::to_string(version) + ", this build knows " +
                            std::to_string(kCatalogSchemaVersion) + ")");
    }
    if (version < kCatalogSchemaVersion) {
      Migrate(connection, version);
      connection.Exec("UPDATE catalog_meta SET value = '" + std::to_string(kCatalogSchemaVersion) +
                      "' WHERE name = 'schema_version'");
    }
    {
      // Re-created on every open, so `default` always exists.
      auto insert = connection.Prepare(
          "INSERT INTO databases (name, location, comment, created_at) "
          "VALUES (?, '', 'Default Hive database', ?) ON CONFLICT (name) DO NOTHING");
      insert->BindText(1, kDefaultDatabase);
      insert->BindInt64(2, now);
      insert->Run();
    }
    connection.Exec("COMMIT");
  } catch (...) {
    if (connection.InTransaction()) {
      try {
        connection.Exec("ROLLBACK");
      } catch (const SluiceError&) {
        // The original error is the one to report.
      }
    }
    throw;
  }
}

}  // namespace sluice::catalog
