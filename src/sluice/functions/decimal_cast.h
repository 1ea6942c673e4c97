#pragma once

#include <cstddef>
#include <string>

#include "sluice/types/logical_type.h"
#include "sluice/vector/vector.h"

namespace sluice::function {

// CAST where the source or the target is DECIMAL (the other side numeric,
// boolean or varchar), with Trino's semantics: half-up rounding to the target
// scale, and INVALID_CAST_ARGUMENT (NULL under TRY_CAST) for values that do
// not fit or do not parse. NULL rows stay NULL.
void CastDecimalVector(const Vector& source, Vector& result, size_t count, bool try_cast);

// Trino's spelling of a type in error messages: "DECIMAL(12, 2)", "BIGINT".
std::string TypeNameForError(LogicalType type);

}  // namespace sluice::function
