#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/vector/vector.h"

namespace sluice::parquet {

// The buffers a column chunk reader decodes pages into. A scan opens a new
// reader per column chunk; fresh page-sized allocations would cost page
// faults and zeroing on every chunk, so readers hand theirs back when done
// and the next reader on the same thread takes them over.
struct PageScratch {
  std::shared_ptr<std::string> page;  // decompressed page (only when nothing else holds it)
  std::vector<uint32_t> defs, reps, indices;
  std::unique_ptr<Vector> values;     // decoded values, of one type
};

// Scratch for a reader of `type` values: recycled from this thread's pool
// (preferring one whose values have that type) or empty.
PageScratch AcquirePageScratch(const LogicalType& type);
// Returns scratch to this thread's pool; oversized buffers are dropped, and
// the pool keeps a few entries at most, so it holds little memory.
void ReleasePageScratch(PageScratch scratch);

}  // namespace sluice::parquet
