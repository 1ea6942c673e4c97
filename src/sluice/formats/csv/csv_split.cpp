#include "sluice/formats/csv/csv_split.h"

#include <algorithm>
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
  return Compression::kNone;
}

Compression CompressionFromMagic(const unsigned char* bytes, size_t size) {
  if (size >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) return Compression::kGzip;
  if (size >= 4 && bytes[0] == 0x28 && bytes[1] == 0xb5 && bytes[2] == 0x2f && bytes[3] == 0xfd) {
    return Compression::kZstd;
  }
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
