#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sluice/vector/data_chunk.h"

namespace sluice::exec {

struct SortKey {
  size_t column = 0;        // input column to sort by
  bool ascending = true;
  bool nulls_first = false; // Trino's default: NULLS LAST for both directions
};

// The row order of ORDER BY and of window partitions: the indexes of the
// first min(keep, rows) rows of `rows` in key order. Stable: rows with equal
// keys keep their input order.
std::vector<uint32_t> SortRowIndexes(const DataChunk& rows, const std::vector<SortKey>& keys,
                                     size_t keep = SIZE_MAX);

}  // namespace sluice::exec
