#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sluice::csv {

// Where the rows of one split of a file began and ended, as its CsvReader
// reported them (CsvReader::first_row_offset / next_row_offset).
struct SplitRows {
  uint64_t start = 0, end = 0;  // the split's byte range
  uint64_t first_row = 0;       // CsvReader::kNoRowStart when it took no row
  uint64_t next_row = 0;
};

// Whether the splits of a file (in any order, covering it) read every row
// exactly once. Split 0 reads from the file's start, so its rows are right;
// by induction each later split must start exactly where the rows of the
// split before it ended (or take no row when those rows reach past it). A
// split that guessed its first row inside a quoted field breaks the chain.
bool SplitsAligned(std::vector<SplitRows> splits);

// Files (by path and size) found to need reading as one split, for the rest
// of the process's life. Thread-safe.
void RememberUnsplittable(const std::string& path, uint64_t size);
bool KnownUnsplittable(const std::string& path, uint64_t size);

}  // namespace sluice::csv
