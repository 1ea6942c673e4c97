#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "sluice/types/logical_type.h"
#include "sluice/types/string_ref.h"
#include "sluice/types/value.h"
#include "sluice/vector/string_heap.h"

namespace sluice {

// Rows per batch: large enough to amortise per-batch work, small enough that a
// batch of a dozen columns stays in L2.
constexpr size_t kVectorSize = 2048;

// One bit per row, 1 = valid (non-NULL). An empty mask means "all valid", so
// columns without NULLs pay nothing.
class ValidityMask {
 public:
  bool AllValid() const { return bits_.empty(); }
  bool IsValid(size_t row) const {
    return bits_.empty() || (bits_[row >> 6] >> (row & 63)) & 1;
  }
  void SetInvalid(size_t row) {
    if (bits_.empty()) bits_.assign((capacity_ + 63) / 64, ~uint64_t{0});
    bits_[row >> 6] &= ~(uint64_t{1} << (row & 63));
  }
  void SetValid(size_t row) {
    if (!bits_.empty()) bits_[row >> 6] |= uint64_t{1} << (row & 63);
  }
  void Set(size_t row, bool valid) { valid ? SetValid(row) : SetInvalid(row); }
  void SetAllValid() { bits_.clear(); }
  void Resize(size_t capacity) {
    capacity_ = capacity;
    if (!bits_.empty()) bits_.resize((capacity + 63) / 64, ~uint64_t{0});
  }
  size_t CountInvalid(size_t count) const;
  const uint64_t* words() const { return bits_.empty() ? nullptr : bits_.data(); }

 private:
  size_t capacity_ = kVectorSize;
  std::vector<uint64_t> bits_;
};

// One row of an ARRAY or MAP vector: its elements are rows
// [offset, offset + length) of the vector's child. Rows may share or skip
// child rows (a constant array repeats one range); a NULL row's entry means
// nothing (readers check validity first).
struct ListEntry {
  uint32_t offset;
  uint32_t length;
};
static_assert(sizeof(ListEntry) == sizeof(uint64_t));

// A column of one batch: a flat buffer of `capacity` values of the type's
// physical representation plus a validity mask. VARCHAR values are StringRefs
// whose bytes live in heaps or buffers the vector keeps alive (`AddBuffer`).
// Nested types (the layout of DuckDB, Velox and Arrow): ARRAY and MAP hold a
// ListEntry per row and one child vector with the elements of all rows (a
// map's as ROW(key, value)), of which `list_size()` rows are in use; ROW
// holds no data of its own, one child vector per field, row-aligned with it.
// A Vector is owned by one thread at a time.
class Vector {
 public:
  explicit Vector(LogicalType type, size_t capacity = kVectorSize);

  const LogicalType& type() const { return type_; }
  size_t capacity() const { return capacity_; }

  // Mutable access drops the dictionary form: the caller may change values.
  template <typename T>
  T* data() {
    if (dictionary_) dictionary_.reset();
    return reinterpret_cast<T*>(data_.get());
  }
  template <typename T>
  const T* data() const { return reinterpret_cast<const T*>(data_.get()); }

  ValidityMask& validity() { return validity_; }
  const ValidityMask& validity() const { return validity_; }
  bool IsNull(size_t row) const { return !validity_.IsValid(row); }
  void SetNull(size_t row, bool is_null = true) { validity_.Set(row, !is_null); }

  // Copies `s` into this vector's own heap and stores it at `row`.
  void SetString(size_t row, std::string_view s) {
    data<StringRef>()[row] = heap().Add(s);
  }
  // The vector's own heap (created on first use).
  StringHeap& heap();
  // Keeps memory referenced by this vector's StringRefs alive.
  void AddBuffer(std::shared_ptr<void> buffer) { buffers_.push_back(std::move(buffer)); }
  // Shares all of `other`'s string memory (used when copying StringRefs over).
  void ShareBuffersOf(const Vector& other);

  Value GetValue(size_t row) const;
  void SetValue(size_t row, const Value& value);

  // Grows the buffer, keeping the first `count` values and their validity.
  void Reserve(size_t capacity, size_t count);
  // Drops values, validity and string memory; keeps the allocation.
  void Reset();

  // Copies rows [0,count) of `source` at positions `sel[i]` into this vector
  // starting at `offset`. With sel == nullptr copies rows 0..count-1. At
  // offset 0 a source's dictionary form is carried over.
  void CopyFrom(const Vector& source, const uint32_t* sel, size_t count, size_t offset);

  // The optional dictionary form, set by readers of dictionary-encoded data
  // after they filled the values: every valid row i holds entry
  // dictionary_codes()[i] of dictionary(), a vector of distinct values.
  // Values stay filled, so code that ignores the form reads the vector as
  // usual; consumers that know it (grouping) work on codes instead of
  // values. Any mutable access to the values drops it.
  const std::shared_ptr<const Vector>& dictionary() const { return dictionary_; }
  const uint32_t* dictionary_codes() const { return codes_.data(); }
  // Room for `capacity()` codes, to be filled before SetDictionary.
  uint32_t* MutableDictionaryCodes() {
    if (codes_.size() < capacity_) codes_.resize(capacity_);
    return codes_.data();
  }
  void SetDictionary(std::shared_ptr<const Vector> dictionary) { dictionary_ = std::move(dictionary); }

  // ---- Nested vectors ----
  // ARRAY/MAP: child 0 holds the elements; ROW: child i is field i.
  Vector& child(size_t i = 0) { return children_[i]; }
  const Vector& child(size_t i = 0) const { return children_[i]; }
  size_t ChildCount() const { return children_.size(); }
  // ARRAY/MAP: child rows in use; new elements go after them.
  size_t list_size() const { return list_size_; }
  // ARRAY/MAP: makes room for `n` more child rows, counts them as in use
  // and returns the first one's index.
  size_t GrowList(size_t n);
  // Sets rows [0,count) to row `row` of `source`; a list's rows share one
  // copy of its elements.
  void Broadcast(const Vector& source, size_t row, size_t count);

 private:
  void CopyValidityFrom(const Vector& source, const uint32_t* sel, size_t count, size_t offset);
  void CopyListFrom(const Vector& source, const uint32_t* sel, size_t count, size_t offset);

  LogicalType type_;
  size_t capacity_;
  std::unique_ptr<uint8_t[]> data_;
  ValidityMask validity_;
  std::shared_ptr<StringHeap> heap_;
  std::vector<std::shared_ptr<void>> buffers_;
  std::shared_ptr<const Vector> dictionary_;
  std::vector<uint32_t> codes_;
  std::vector<Vector> children_;
  size_t list_size_ = 0;
};

}  // namespace sluice
