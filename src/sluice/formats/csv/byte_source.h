#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "sluice/formats/csv/csv_split.h"
#include "sluice/storage/file_system.h"

namespace sluice::csv {

// Sequential bytes of a file from an offset: raw, or decompressed. One thread.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into out; returns 0 only at the end of the input.
  // One call is one (or, for compressed input, a few) storage reads, so the
  // source decides how much is worth fetching.
  virtual size_t Read(char* out, size_t n) = 0;
};

// Raw bytes from `start` in large positional reads. Reads go up to `soft_end`
// in blocks and in small steps beyond it (only the row straddling the end of a
// split is read past it), so the bytes scanned stay close to the split's size.
std::unique_ptr<ByteSource> OpenRawSource(std::shared_ptr<RandomAccessFile> file, uint64_t start,
                                          uint64_t soft_end);

// How `file` (named `path`) is compressed: by its name, else by its first
// bytes, since a compressed file may be named like a plain one (costs one
// small read).
Compression DetectCompression(RandomAccessFile& file, const std::string& path);

// The whole file through a streaming decompressor (or raw for kNone).
std::unique_ptr<ByteSource> OpenDecompressingSource(std::shared_ptr<RandomAccessFile> file,
                                                    Compression compression);

}  // namespace sluice::csv
