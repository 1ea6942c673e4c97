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

// kLz4 and kSnappy each cover two layouts (the tools' framed format and
// Hadoop's block format), told apart by the decompressor from the first bytes.
enum class Compression { kNone, kGzip, kZstd, kBzip2, kLz4, kSnappy, kDeflate };

// By extension, case-insensitively: .gz .gzip, .zst .zstd, .bz2 .bzip2, .lz4,
// .snappy, .deflate.
Compression CompressionFromPath(const std::string& path);

// Bytes CompressionFromMagic looks at.
constexpr size_t kCompressionMagicBytes = 10;

// By the first bytes of the file: gzip 1f 8b, zstd 28 b5 2f fd, bzip2 "BZh",
// a block size digit and a block (or end of stream) magic, an LZ4 frame 04 22 4d 18 (legacy: 02 21 4c 18), the snappy framing
// format's stream identifier ff 06 00 00 "sNaPpY". kNone otherwise: zlib's
// 2-byte header and Hadoop's block formats are too weak a signature, so those
// go by extension only.
Compression CompressionFromMagic(const unsigned char* bytes, size_t size);

// Splits a file into ranges of about `target_bytes` (0: one split). A
// compressed file is one split: it can only be read from its start.
std::vector<CsvSplit> PlanSplits(const std::string& path, uint64_t file_size, uint64_t target_bytes);

}  // namespace sluice::csv
