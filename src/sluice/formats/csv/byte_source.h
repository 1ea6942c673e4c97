#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "sluice/formats/csv/csv_split.h"
#include "sluice/storage/file_system.h"

namespace sluice::csv {

// Sequential bytes of a file from an offset: raw, or decompressed.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes; 0 only at the end.
  virtual size_t Read(char* out, size_t n) = 0;
};

// Raw bytes from `start` in large positional reads, or a streaming
// decompressor over the whole file. Raw reads go in large blocks up to
// `soft_end` and in small steps beyond it (only the row straddling the end of
// a split is read past it), so bytes scanned stay close to the split's size.
std::unique_ptr<ByteSource> OpenByteSource(std::shared_ptr<RandomAccessFile> file, uint64_t start,
                                           uint64_t soft_end, Compression compression);

}  // namespace sluice::csv
