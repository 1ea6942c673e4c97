#include "sluice/formats/csv/csv_split.h"

#include <algorithm>
#include <cctype>

namespace sluice::csv {

Compression CompressionFromPath(const std::string& path) {
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  auto ends_with = [&](const char* s) {
    std::string suffix = s;
    return lower.size() >= suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".gz") || ends_with(".gzip")) return Compression::kGzip;
  if (ends_with(".zst") || ends_with(".zstd")) return Compression::kZstd;
  return Compression::kNone;
}

std::vector<CsvSplit> PlanSplits(const std::string& path, uint64_t file_size, uint64_t target_bytes) {
  std::vector<CsvSplit> out;
  if (CompressionFromPath(path) != Compression::kNone || target_bytes == 0 || file_size <= target_bytes) {
    out.push_back({path, 0, file_size, file_size});
    return out;
  }
  for (uint64_t s = 0; s < file_size; s += target_bytes) {
    out.push_back({path, s, std::min(file_size, s + target_bytes), file_size});
  }
  return out;
}

}  // namespace sluice::csv
