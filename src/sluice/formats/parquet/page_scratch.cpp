#include "sluice/formats/parquet/page_scratch.h"

#include <deque>

namespace sluice::parquet {

namespace {

// Enough for the column chunks of one wide row group; buffers above the
// byte limit are not worth keeping, and a thread keeps kMaxThreadBytes at most.
constexpr size_t kMaxPooled = 32;
constexpr size_t kMaxPooledBytes = size_t{8} << 20;
constexpr size_t kMaxThreadBytes = size_t{64} << 20;

struct Pool {
  std::deque<PageScratch> entries;
  std::deque<size_t> sizes;  // bytes each entry holds
  size_t bytes = 0;
};

Pool& ThisThreadsPool() {
  thread_local Pool pool;
  return pool;
}

size_t Bytes(const PageScratch& s) {
  size_t n = (s.page ? s.page->capacity() : 0) +
             (s.defs.capacity() + s.reps.capacity() + s.indices.capacity()) * sizeof(uint32_t);
  if (s.values) n += s.values->capacity() * s.values->type().PhysicalSize();
  return n;
}

template <typename T>
void DropIfLarge(std::vector<T>& v) {
  if (v.capacity() * sizeof(T) > kMaxPooledBytes) std::vector<T>().swap(v);
}

}  // namespace

PageScratch AcquirePageScratch(const LogicalType& type) {
  Pool& pool = ThisThreadsPool();
  if (pool.entries.empty()) return PageScratch{};
  // Readers are opened and closed in column order, so the front usually fits.
  size_t pick = 0;
  while (pick < pool.entries.size() &&
         !(pool.entries[pick].values && pool.entries[pick].values->type() == type)) {
    ++pick;
  }
  const bool typed = pick < pool.entries.size();
  if (!typed) pick = 0;
  PageScratch s = std::move(pool.entries[pick]);
  pool.bytes -= pool.sizes[pick];
  pool.entries.erase(pool.entries.begin() + static_cast<std::ptrdiff_t>(pick));
  pool.sizes.erase(pool.sizes.begin() + static_cast<std::ptrdiff_t>(pick));
  if (!typed) s.values.reset();
  return s;
}

void ReleasePageScratch(PageScratch scratch) {
  Pool& pool = ThisThreadsPool();
  if (pool.entries.size() >= kMaxPooled) return;
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
  const size_t bytes = Bytes(scratch);
  if (pool.bytes + bytes > kMaxThreadBytes) return;
  pool.bytes += bytes;
  pool.sizes.push_back(bytes);
  pool.entries.push_back(std::move(scratch));
}

}  // namespace sluice::parquet
