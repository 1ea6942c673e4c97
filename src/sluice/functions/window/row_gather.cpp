#include "sluice/functions/window/row_gather.h"

namespace sluice::function {

void GatherPicks(const Vector& source, std::vector<uint32_t>& picks, Vector& out) {
  std::vector<uint32_t> missing;
  for (size_t i = 0; i < picks.size(); ++i) {
    if (picks[i] != kNoRow) continue;
    missing.push_back(static_cast<uint32_t>(i));
    picks[i] = 0;
  }
  out.CopyFrom(source, picks.data(), picks.size(), 0);
  for (uint32_t i : missing) out.SetNull(i);
}

NonNullRows FindNonNullRows(const Vector& v, size_t count) {
  NonNullRows index;
  index.before.resize(count + 1);
  uint32_t seen = 0;
  for (size_t i = 0; i < count; ++i) {
    index.before[i] = seen;
    if (v.IsNull(i)) continue;
    index.rows.push_back(static_cast<uint32_t>(i));
    ++seen;
  }
  index.before[count] = seen;
  return index;
}

}  // namespace sluice::function
