#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "sluice/types/string_ref.h"

namespace sluice {

// Append-only arena for string bytes. StringRefs into it stay valid for the
// heap's lifetime; heaps are shared (shared_ptr) by every Vector that holds
// such a reference, so strings can move between operators without copying.
// Not thread-safe: one writer at a time.
class StringHeap {
 public:
  explicit StringHeap(size_t block_size = 64 * 1024) : block_size_(block_size) {}

  // Copies the bytes (if not short enough to inline) and returns a view.
  StringRef Add(std::string_view s) {
    if (s.size() <= StringRef::kInlineLength) return StringRef(s);
    char* dst = Allocate(s.size());
    std::memcpy(dst, s.data(), s.size());
    return StringRef(dst, static_cast<uint32_t>(s.size()));
  }

  // Uninitialised bytes the caller fills before building a StringRef.
  char* Allocate(size_t n) {
    if (remaining_ < n) NewBlock(n);
    char* p = cursor_;
    cursor_ += n;
    remaining_ -= n;
    bytes_used_ += n;
    return p;
  }

  size_t bytes_used() const { return bytes_used_; }
  size_t bytes_reserved() const { return bytes_reserved_; }

 private:
  void NewBlock(size_t at_least) {
    size_t size = at_least > block_size_ ? at_least : block_size_;
    blocks_.emplace_back(new char[size]);
    cursor_ = blocks_.back().get();
    remaining_ = size;
    bytes_reserved_ += size;
  }

  size_t block_size_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cursor_ = nullptr;
  size_t remaining_ = 0;
  size_t bytes_used_ = 0;
  size_t bytes_reserved_ = 0;
};

}  // namespace sluice
