#include "sluice/formats/csv/block_stream.h"

#include <immintrin.h>

#include <algorithm>
#include <bit>

namespace sluice::csv {

namespace {

constexpr size_t kMaxSpares = 2;

// Blocks no vector refers to any more, left by finished streams of this
// thread. A scan reads split after split on the same workers; reusing their
// blocks spares faulting in fresh pages for every split.
constexpr size_t kMaxPooled = 3;
thread_local std::vector<std::shared_ptr<CsvBlock>> tl_free_blocks;

}  // namespace

BlockStream::BlockStream(std::unique_ptr<ByteSource> source, uint64_t first_offset, size_t block_size,
                         bool count_lines)
    : source_(std::move(source)), block_size_(block_size), count_lines_(count_lines),
      block_(std::make_shared<CsvBlock>(0)), offset_(first_offset) {}

BlockStream::~BlockStream() {
  spares_.push_back(std::move(block_));
  for (auto& b : spares_) {
    if (tl_free_blocks.size() < kMaxPooled && b && b.use_count() == 1 && b->capacity == block_size_ &&
        block_size_ == kDefaultBlockSize) {
      tl_free_blocks.push_back(std::move(b));
    }
  }
}

std::shared_ptr<CsvBlock> BlockStream::TakeBlock(size_t capacity) {
  for (auto it = spares_.begin(); it != spares_.end(); ++it) {
    // use_count() == 1: no vector refers to the block any more, and none can
    // start to, since only holders can copy the pointer.
    if ((*it).use_count() == 1 && (*it)->capacity >= capacity) {
      std::shared_ptr<CsvBlock> b = std::move(*it);
      spares_.erase(it);
      b->size = 0;
      return b;
    }
  }
  if (!tl_free_blocks.empty() && tl_free_blocks.back()->capacity >= capacity) {
    std::shared_ptr<CsvBlock> b = std::move(tl_free_blocks.back());
    tl_free_blocks.pop_back();
    b->size = 0;
    return b;
  }
  return std::make_shared<CsvBlock>(capacity);
}

size_t BlockStream::Advance(size_t keep_from) {
  CsvBlock& current = *block_;
  if (!at_eof_ && current.capacity - current.size >= std::max<size_t>(current.capacity / 4, 1)) {
    // Room left (a short read: the end of a split, or a decompressor's
    // output): append rather than copy the unfinished row again.
    const size_t got = source_->Read(current.data.get() + current.size, current.capacity - current.size);
    if (got == 0) at_eof_ = true;
    current.size += got;
    current.ZeroPadding();
    return keep_from;
  }
  const size_t keep = block_->size - keep_from;
  std::shared_ptr<CsvBlock> next = TakeBlock(std::max(block_size_, keep * 2));
  std::memcpy(next->data.get(), block_->data.get() + keep_from, keep);
  next->size = keep;
  if (count_lines_) lines_before_ += CountNewlines(block_->data.get(), keep_from);
  offset_ += keep_from;
  size_t got = 0;
  if (!at_eof_) {
    got = source_->Read(next->data.get() + keep, next->capacity - keep);
    if (got == 0) at_eof_ = true;
  }
  next->size += got;
  next->ZeroPadding();
  if (block_->capacity > 0) {
    spares_.insert(spares_.begin(), std::move(block_));
    if (spares_.size() > kMaxSpares) spares_.pop_back();
  }
  block_ = std::move(next);
  return 0;
}

uint64_t CountNewlines(const char* data, size_t size) {
  uint64_t count = 0;
  size_t i = 0;
#ifdef __AVX2__
  const __m256i nl = _mm256_set1_epi8('\n');
  for (; i + 32 <= size; i += 32) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
    count += std::popcount(static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl))));
  }
#endif
  for (; i < size; ++i) count += data[i] == '\n';
  return count;
}

}  // namespace sluice::csv
