#include "sluice/formats/csv/csv_split.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "sluice/common/ascii_case.h"

namespace sluice::csv {

Compression CompressionFromPath(const std::string& path) {
  const std::string lower = AsciiLower(path);
  auto ends_with = [&](std::string_view suffix) {
    return lower.size() >= suffix.size() &&
           std::string_view(lower).substr(lower.size() - suffix.size()) == suffix;
  };
  if (ends_with(".gz") || ends_with(".gzip")) return Compression::kGzip;
  if (ends_with(".zst") || ends_with(".zstd")) return Compression::kZstd;
  if (ends_with(".bz2") || ends_with(".bzip2")) return Compression::kBzip2;
  if (ends_with(".lz4")) return Compression::kLz4;
  if (ends_with(".snappy")) return Compression::kSnappy;
  if (ends_with(".deflate")) return Compression::kDeflate;
  return Compression::kNone;
}

Compression CompressionFromMagic(const unsigned char* bytes, size_t size) {
  if (size >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) return Compression::kGzip;
  auto starts_with = [&](std::string_view magic) {
    return size >= magic.size() && std::memcmp(bytes, magic.data(), magic.size()) == 0;
  };
  if (starts_with("\x28\xb5\x2f\xfd")) return Compression::kZstd;
  // "BZh", the block size digit, then a block's or the end's 48-bit magic:
  // text could start with "BZh1", hardly with the rest.
  if (size >= 10 && starts_with("BZh") && bytes[3] >= '1' && bytes[3] <= '9' &&
      (std::memcmp(bytes + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||
       std::memcmp(bytes + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0)) {
    return Compression::kBzip2;
  }
  if (starts_with("\x04\x22\x4d\x18") || starts_with("\x02\x21\x4c\x18")) return Compression::kLz4;
  if (starts_with(std::string_view("\xff\x06\x00\x00sNaPpY", 10))) return Compression::kSnappy;
  return Compression::kNone;
}

std::vector<CsvSplit> PlanSplits(const std::string& path, uint64_t file_size, uint64_t target_bytes) {
  std::vector<CsvSplit> out;
  if (CompressionFromPath(path) != Compression::kNone || target_bytes == 0 || file_size <= target_bytes) {
    out.push_back({path, 0, file_size, file_size});
    return out;
  }
  // Equal parts of about target_bytes, so the last split is not a sliver.
  const uint64_t parts = (file_size + target_bytes - 1) / target_bytes;
  const uint64_t base = file_size / parts;
  const uint64_t extra = file_size % parts;
  uint64_t start = 0;
  for (uint64_t i = 0; i < parts; ++i) {
    uint64_t size = base + (i < extra ? 1 : 0);
    out.push_back({path, start, start + size, file_size});
    start += size;
  }
  return out;
}

}  // namespace sluice::csv
