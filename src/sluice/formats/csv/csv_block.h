#pragma once

#include <cstddef>
#include <cstring>
#include <memory>

namespace sluice::csv {

// A block of input bytes. VARCHAR values point straight into it, so the
// vectors holding them share its ownership (Vector::AddBuffer). The bytes past
// `size` are zeroed padding: SIMD code may load a whole 64-byte chunk at any
// position below `size`.
struct CsvBlock {
  static constexpr size_t kPadding = 64;

  explicit CsvBlock(size_t capacity)
      : data(std::make_unique_for_overwrite<char[]>(capacity + kPadding)), capacity(capacity) {
    ZeroPadding();
  }
  void ZeroPadding() { std::memset(data.get() + size, 0, kPadding); }

  std::unique_ptr<char[]> data;
  size_t size = 0;
  size_t capacity;
};

}  // namespace sluice::csv
