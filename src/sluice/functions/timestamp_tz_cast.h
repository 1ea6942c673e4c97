#pragma once

#include <cstddef>

#include "sluice/vector/vector.h"

namespace sluice::function {

// CAST between TIMESTAMP(p) WITH TIME ZONE and timestamp, date or another
// precision, as Trino: a timestamp or date is a local date-time in the
// session's zone (UTC), and the way back is the local date-time in the
// value's own zone; fewer fractional digits round half up. NULL rows stay
// NULL. (Text goes through the varchar casts.)
void CastTimestampTzVector(const Vector& source, Vector& result, size_t count);

}  // namespace sluice::function
