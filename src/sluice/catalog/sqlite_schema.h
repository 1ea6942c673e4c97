#pragma once

// The relational schema of the SQLite catalog store and its migrations.

#include <cstdint>

namespace sluice::catalog {

class SqliteConnection;

// Bumped by every change to the schema, with a migration step from the
// previous version in sqlite_schema.cpp.
inline constexpr int64_t kCatalogSchemaVersion = 1;

// Creates the schema in an empty file, migrates an older one to
// kCatalogSchemaVersion, and ensures the `default` database exists. Runs in
// its own write transaction, so that processes opening a new file at the same
// time do not race. Throws SluiceError(kIoError) for a file written by a
// newer sluice.
void CreateOrMigrateSchema(SqliteConnection& connection, int64_t now);

}  // namespace sluice::catalog
