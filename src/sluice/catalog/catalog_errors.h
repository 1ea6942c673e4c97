#pragma once

// The catalog's user-facing errors, worded as Athena/Trino word them, in one
// place so that every Catalog implementation reports the same text.

#include <string>
#include <vector>

#include "sluice/common/error.h"

namespace sluice::catalog {

SluiceError SchemaNotFound(const std::string& db);
SluiceError SchemaAlreadyExists(const std::string& db);
SluiceError TableNotFound(const std::string& db, const std::string& table);
SluiceError TableAlreadyExists(const std::string& db, const std::string& table);
// `tables` are some or all of the tables in the schema; `total` counts them all.
SluiceError SchemaNotEmpty(const std::string& db, const std::vector<std::string>& tables, size_t total);
SluiceError CannotDropDefaultSchema();
SluiceError DuplicateColumn(const std::string& column);
SluiceError TableNotPartitioned(const std::string& db, const std::string& table);
SluiceError PartitionArity(const std::string& db, const std::string& table, size_t given,
                           const std::vector<std::string>& keys);
// `partition_name` is the Hive name "k1=v1/k2=v2".
SluiceError PartitionAlreadyExists(const std::string& db, const std::string& table,
                                   const std::string& partition_name);
SluiceError PartitionNotFound(const std::string& db, const std::string& table,
                              const std::string& partition_name);

}  // namespace sluice::catalog
