#include "sluice/formats/csv/split_alignment.h"

#include <algorithm>
#include <mutex>
#include <set>

#include "sluice/formats/csv/csv_reader.h"

namespace sluice::csv {

bool SplitsAligned(std::vector<SplitRows> splits) {
  std::sort(splits.begin(), splits.end(), [](const SplitRows& a, const SplitRows& b) { return a.start < b.start; });
  if (splits.empty()) return true;
  // The first row start at or after the current split, as the (correct)
  // splits before it found it.
  uint64_t expected = splits[0].next_row;
  for (size_t i = 1; i < splits.size(); ++i) {
    const SplitRows& s = splits[i];
    if (expected >= s.end) {
      // The rows before reach past this split: it must have taken none.
      if (s.first_row != CsvReader::kNoRowStart && s.first_row < s.end) return false;
      continue;
    }
    if (s.first_row != expected) return false;
    expected = s.next_row;
  }
  return true;
}

namespace {

std::mutex& UnsplittableMutex() {
  static std::mutex mutex;
  return mutex;
}
std::set<std::pair<std::string, uint64_t>>& Unsplittable() {
  static std::set<std::pair<std::string, uint64_t>> files;
  return files;
}

}  // namespace

void RememberUnsplittable(const std::string& path, uint64_t size) {
  std::lock_guard<std::mutex> lock(UnsplittableMutex());
  Unsplittable().insert({path, size});
}

bool KnownUnsplittable(const std::string& path, uint64_t size) {
  std::lock_guard<std::mutex> lock(UnsplittableMutex());
  return Unsplittable().count({path, size}) > 0;
}

}  // namespace sluice::csv
