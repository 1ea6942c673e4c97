#pragma once

// Shared by the offset and value window functions: each picks, per row, one
// source row of its argument (or none), then copies all picks at once.

#include <cstdint>
#include <vector>

#include "sluice/vector/vector.h"

namespace sluice::function {

constexpr uint32_t kNoRow = UINT32_MAX;

// out[i] = source[picks[i]] for i < picks.size(); NULL where picks[i] is
// kNoRow. Rewrites those picks (to row 0) on the way.
void GatherPicks(const Vector& source, std::vector<uint32_t>& picks, Vector& out);

// Where the non-NULL values of a column are, for IGNORE NULLS: the rows
// holding one, in order, and for each row i <= count the number of them
// before it (so rows [a, b) hold before[b] - before[a], the first being
// rows[before[a]]).
struct NonNullRows {
  std::vector<uint32_t> rows;
  std::vector<uint32_t> before;
};
NonNullRows FindNonNullRows(const Vector& v, size_t count);

}  // namespace sluice::function
