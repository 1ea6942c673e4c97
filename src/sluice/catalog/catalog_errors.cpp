#include "sluice/catalog/catalog_errors.h"

namespace sluice::catalog {

namespace {

std::string Qualified(const std::string& db, const std::string& table) {
  return "'" + db + "." + table + "'";
}

}  // namespace

SluiceError SchemaNotFound(const std::string& db) {
  return SluiceError(ErrorCode::kSchemaNotFound, "Schema '" + db + "' does not exist");
}

SluiceError SchemaAlreadyExists(const std::string& db) {
  return SluiceError(ErrorCode::kSchemaAlreadyExists, "Schema '" + db + "' already exists");
}

SluiceError TableNotFound(const std::string& db, const std::string& table) {
  return SluiceError(ErrorCode::kTableNotFound, "Table " + Qualified(db, table) + " does not exist");
}

SluiceError TableAlreadyExists(const std::string& db, const std::string& table) {
  return SluiceError(ErrorCode::kTableAlreadyExists,
                     "Table " + Qualified(db, table) + " already exists");
}

// There is no SCHEMA_NOT_EMPTY code (Trino has one) in ErrorCode yet; the
// statement is refused, so NOT_SUPPORTED is the nearest user error.
SluiceError SchemaNotEmpty(const std::string& db, const std::vector<std::string>& tables,
                           size_t total) {
  std::string list;
  for (const auto& t : tables) {
    if (!list.empty()) list += ", ";
    list += t;
  }
  if (total > tables.size()) list += " and " + std::to_string(total - tables.size()) + " more";
  return SluiceError(ErrorCode::kNotSupported, "Cannot drop non-empty schema '" + db +
                                                   "': it contains tables " + list +
                                                   " (use DROP SCHEMA ... CASCADE)");
}

SluiceError CannotDropDefaultSchema() {
  return SluiceError(ErrorCode::kNotSupported, "Cannot drop schema 'default'");
}

SluiceError DuplicateColumn(const std::string& column) {
  return SluiceError(ErrorCode::kAmbiguousName,
                     "Column name '" + column + "' specified more than once");
}

SluiceError TableNotPartitioned(const std::string& db, const std::string& table) {
  return SluiceError(ErrorCode::kNotSupported,
                     "Table " + Qualified(db, table) + " is not partitioned");
}

SluiceError PartitionArity(const std::string& db, const std::string& table, size_t given,
                           const std::vector<std::string>& keys) {
  std::string list;
  for (const auto& k : keys) {
    if (!list.empty()) list += ", ";
    list += k;
  }
  return SluiceError(ErrorCode::kTypeMismatch,
                     "Partition of table " + Qualified(db, table) + " has " + std::to_string(given) +
                         " value(s) but the table has " + std::to_string(keys.size()) +
                         " partition key(s): " + list);
}

// Hive reports these as AlreadyExistsException / "Partition not found"; the
// nearest codes we have are the path one (a partition is a directory) and
// the not-found one of the object that contains it.
SluiceError PartitionAlreadyExists(const std::string& db, const std::string& table,
                                   const std::string& partition_name) {
  return SluiceError(ErrorCode::kPathAlreadyExists, "Partition '" + partition_name +
                                                        "' of table " + Qualified(db, table) +
                                                        " already exists");
}

SluiceError PartitionNotFound(const std::string& db, const std::string& table,
                              const std::string& partition_name) {
  return SluiceError(ErrorCode::kTableNotFound, "Partition '" + partition_name + "' of table " +
                                                    Qualified(db, table) + " does not exist");
}

}  // namespace sluice::catalog
