#include "sluice/exec/row_sort.h"

#include <algorithm>
#include <numeric>

#include "sluice/vector/vector_operations.h"

namespace sluice::exec {

std::vector<uint32_t> SortRowIndexes(const DataChunk& rows, const std::vector<SortKey>& keys, size_t keep) {
  std::vector<uint32_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  auto less = [&](uint32_t a, uint32_t b) {
    for (const SortKey& k : keys) {
      const Vector& v = rows.column(k.column);
      bool an = v.IsNull(a), bn = v.IsNull(b);
      if (an || bn) {
        if (an == bn) continue;
        return an == k.nulls_first;
      }
      int c = CompareRows(v, a, v, b);
      if (c != 0) return k.ascending ? c < 0 : c > 0;
    }
    return false;
  };
  // A row's index breaks ties for the partial sort, which is not stable by itself.
  if (keep < order.size()) {
    auto stable_less = [&](uint32_t a, uint32_t b) { return less(a, b) || (!less(b, a) && a < b); };
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), stable_less);
    order.resize(keep);
  } else {
    std::stable_sort(order.begin(), order.end(), less);
  }
  return order;
}

}  // namespace sluice::exec
