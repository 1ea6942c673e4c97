#pragma once

#include <vector>

#include "sluice/catalog/catalog.h"
#include "sluice/types/value.h"

namespace sluice::planner {

// The typed values of a partition's keys (Hive's default partition is NULL).
// Throws HIVE_BAD_DATA when a value does not convert to its column type.
std::vector<Value> PartitionValues(const catalog::TableDef& table,
                                   const catalog::PartitionDef& partition);

}  // namespace sluice::planner
