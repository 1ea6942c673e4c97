#include "sluice/formats/parquet/page_scratch.h"

#include <deque>

namespace sluice::parquet {

namespace {

// Enough for the column chunks of one wide row group; buffers above the
// byte limit are not worth keeping.
constexpr size_t kMaxPooled = 32;
constexpr size_t kMaxPooledBytes = size_t{8} << 20;

std::deque<PageScratch>& Pool() {
  thread_local std::deque<PageScratch> pool;
  return pool;
}

template <typename T>
void DropIfLarge(std::vector<T>& v) {
  if (v.capacity() * sizeof(T) > kMaxPooledBytes) std::vector<T>().swap(v);
}

}  // namespace

PageScratch AcquirePageScratch(const LogicalType& type) {
  auto& pool = Pool();
  // Readers are opened and closed in column order, so the front usually fits.
  for (auto it = pool.begin(); it != pool.end(); ++it) {
    if (it->values && it->values->type() == type) {
      PageScratch s = std::move(*it);
      pool.erase(it);
      return s;
    }
  }
  if (pool.empty()) return PageScratch{};
  PageScratch s = std::move(pool.front());
  pool.pop_front();
  s.values.reset();
  return s;
}

void ReleasePageScratch(PageScratch scratch) {
  auto& pool = Pool();
  if (pool.size() >= kMaxPooled) return;
  if (scratch.page && (scratch.page.use_count() > 1 || scratch.page->capacity() > kMaxPooledBytes)) {
    scratch.page.reset();
  }
  DropIfLarge(scratch.defs);
  DropIfLarge(scratch.reps);
  DropIfLarge(scratch.indices);
  if (scratch.values) {
    if (scratch.values->capacity() * scratch.values->type().PhysicalSize() > kMaxPooledBytes) {
      scratch.values.reset();
    } else {
      scratch.values->Reset();  // drops the string memory it pinned
    }
  }
  pool.push_back(std::move(scratch));
}

}  // namespace sluice::parquet
