#pragma once

#include <cstddef>

#include "sluice/types/logical_type.h"
#include "sluice/vector/vector.h"

namespace sluice::function {

// CastExists and CastVector for ARRAY, MAP and ROW types (cast.cpp calls
// these when either side is nested).
bool NestedCastExists(const LogicalType& from, const LogicalType& to);
void CastNestedVector(const Vector& source, Vector& result, size_t count, bool try_cast);

}  // namespace sluice::function
