#pragma once

#include <cstddef>

#include "sluice/functions/scalar_function.h"

namespace sluice::function {

// r.x and r[1]: field `index` of a row. The call's arguments are the row and
// the index as a BIGINT constant.
ScalarFunction FieldAccessFunction(const LogicalType& row, size_t index);

}  // namespace sluice::function
