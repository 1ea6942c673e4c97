#pragma once

#include <cstddef>

#include "sluice/types/logical_type.h"
#include "sluice/vector/vector.h"

namespace sluice::function {

// Whether CAST(from AS to) exists at all (it may still fail per value).
bool CastExists(LogicalType from, LogicalType to);

// Converts `count` rows of `source` into `result` (already typed as the
// target). A value that does not convert throws INVALID_CAST_ARGUMENT naming
// the value and target type, or becomes NULL when `try_cast` (TRY_CAST).
void CastVector(const Vector& source, Vector& result, size_t count, bool try_cast);

// Copies `count` string-like values (varchar, varbinary) into a vector of
// another string-like type as they are, sharing their memory: what a cast to
// varbinary does, and what a scan does with a file's binary column read into
// a table's string column.
void ReinterpretStrings(const Vector& source, Vector& result, size_t count);

}  // namespace sluice::function
