#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sluice {

// A 16-byte string view as in Umbra/DuckDB/Velox: strings up to 12 bytes are
// stored inline; longer ones keep a 4-byte prefix inline (so most comparisons
// never chase the pointer) and point into memory that the owning Vector keeps
// alive (a StringHeap or a shared input buffer). Trivially copyable.
class StringRef {
 public:
  static constexpr uint32_t kInlineLength = 12;

  StringRef() { std::memset(this, 0, sizeof(*this)); }
  StringRef(const char* data, uint32_t size) {
    size_ = size;
    if (size <= kInlineLength) {
      std::memset(prefix_, 0, sizeof(prefix_) + sizeof(value_));
      if (size) std::memcpy(prefix_, data, size);
    } else {
      std::memcpy(prefix_, data, sizeof(prefix_));
      value_.ptr = data;
    }
  }
  explicit StringRef(std::string_view s)
      : StringRef(s.data(), static_cast<uint32_t>(s.size())) {}

  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool IsInlined() const { return size_ <= kInlineLength; }
  const char* data() const { return IsInlined() ? prefix_ : value_.ptr; }
  std::string_view view() const { return {data(), size_}; }
  std::string str() const { return std::string(data(), size_); }

  bool operator==(const StringRef& other) const {
    // Size and prefix in one 8-byte compare, then the rest.
    uint64_t a, b;
    std::memcpy(&a, this, 8);
    std::memcpy(&b, &other, 8);
    if (a != b) return false;
    if (IsInlined()) return std::memcmp(value_.inlined, other.value_.inlined, 8) == 0;
    return std::memcmp(value_.ptr, other.value_.ptr, size_) == 0;
  }
  bool operator!=(const StringRef& other) const { return !(*this == other); }
  int Compare(const StringRef& other) const {
    int c = std::memcmp(prefix_, other.prefix_, 4);
    if (c != 0) return c;
    return view().compare(other.view());
  }
  bool operator<(const StringRef& other) const { return Compare(other) < 0; }

 private:
  uint32_t size_;
  char prefix_[4];
  union {
    char inlined[8];
    const char* ptr;
  } value_;
};
static_assert(sizeof(StringRef) == 16);

}  // namespace sluice
