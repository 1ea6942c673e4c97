#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sluice/formats/parquet/parquet_metadata.h"
#include "sluice/types/logical_type.h"

namespace sluice::parquet {

// How a leaf's stored values become the engine's values.
enum class LeafConversion {
  kIdentity,        // same bytes (INT32→INTEGER, DOUBLE, BYTE_ARRAY→VARCHAR, ...)
  kNarrowInt,       // INT32 → TINYINT / SMALLINT
  kUnsigned32,      // INT32 holding UINT8/16/32 → SMALLINT/INTEGER/BIGINT
  kUnsigned64,      // INT64 holding UINT64 → DECIMAL(20,0)
  kDecimal,         // INT32/INT64/big-endian bytes → DECIMAL(p,s), range-checked
  kTimestampScale,  // INT64 millis/nanos → TIMESTAMP micros
  kTimeText,        // INT32/INT64 TIME → 'HH:MM:SS[.ffffff]'
  kUuidText,        // FIXED_LEN_BYTE_ARRAY(16) UUID → canonical text
  kFloat16,         // FIXED_LEN_BYTE_ARRAY(2) half float → REAL
};

// One primitive column of the file (a leaf of the schema tree).
struct LeafColumn {
  const SchemaElement* element = nullptr;
  std::vector<std::string> path;
  int max_def = 0, max_rep = 0;
  LogicalType type;  // engine type of its values; kInvalid when unreadable
  LeafConversion conversion = LeafConversion::kIdentity;
  // kTimestampScale / kTimeText: stored units per microsecond, as a ratio.
  int64_t multiply = 1, divide = 1;
  std::string unsupported;  // why it cannot be read, when type is kInvalid
};

// One top-level field: what a table column maps to.
struct FileColumn {
  std::string name;
  LogicalType type;      // nested fields read as VARCHAR JSON text
  bool nested = false;   // a group or a repeated field
  size_t schema_index = 0;                // of the field's element
  size_t first_leaf = 0, leaf_count = 0;  // its leaves, in file order
  std::string unsupported;
};

struct FileSchema {
  std::vector<LeafColumn> leaves;
  std::vector<FileColumn> columns;
};

// Walks the flattened schema tree (depth-first, children counted by
// num_children). A malformed tree calls `corrupt`, which must throw.
FileSchema BuildFileSchema(const std::vector<SchemaElement>& schema,
                           const std::function<void(const std::string&)>& corrupt);

}  // namespace sluice::parquet
