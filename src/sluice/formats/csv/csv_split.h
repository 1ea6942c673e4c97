#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sluice::csv {

// A byte range of one file. Rows that start inside [start, end) belong to the
// split; the split starting at 0 also skips the BOM and the header lines.
struct CsvSplit {
  std::string path;
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t file_size = 0;
};

enum class Compression { kNone, kGzip, kZstd };

// By extension, case-insensitively (.gz, .gzip, .zst, .zstd).
Compression CompressionFromPath(const std::string& path);

// By the first bytes of the file (gzip 1f 8b, zstd 28 b5 2f fd); kNone when
// neither.
Compression CompressionFromMagic(const unsigned char* bytes, size_t size);

// Splits a file into ranges of about `target_bytes` (0: one split). A
// compressed file is one split: it can only be read from its start.
std::vector<CsvSplit> PlanSplits(const std::string& path, uint64_t file_size, uint64_t target_bytes);

}  // namespace sluice::csv
