#pragma once

#include <cstddef>

#include "sluice/vector/vector.h"

namespace sluice::function {

// CAST between JSON and boolean, numbers and varchar (either direction), as
// CastVector does for the other types; see json_cast.cpp for the rules.
void CastJsonVector(const Vector& source, Vector& result, size_t count, bool try_cast);

}  // namespace sluice::function
