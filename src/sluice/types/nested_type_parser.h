#pragma once

#include <string>

#include "sluice/types/logical_type.h"

namespace sluice {

// The nested parts of logical_type.cpp's entry points, kept in
// nested_type.cpp.

// Trino's spelling of an ARRAY, MAP or ROW: array(varchar),
// map(varchar, bigint), row(x bigint, y varchar).
std::string NestedTypeToString(const LogicalType& t);

// Whether `name` starts with array/map/row/struct followed by '(' or '<'.
bool StartsNestedTypeName(const std::string& name);

// Parses a nested type name; flat types inside go to `parse_flat`.
LogicalType ParseNestedTypeName(const std::string& name, LogicalType (*parse_flat)(const std::string&));

// CommonSuperType of two nested types: child by child; kInvalid when none.
LogicalType NestedCommonSuperType(const LogicalType& a, const LogicalType& b);

}  // namespace sluice
