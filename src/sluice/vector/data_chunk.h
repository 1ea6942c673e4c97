#pragma once

#include <string>
#include <vector>

#include "sluice/vector/vector.h"

namespace sluice {

// A batch of rows: one Vector per column, all holding `size()` rows.
class DataChunk {
 public:
  DataChunk() = default;
  explicit DataChunk(const std::vector<LogicalType>& types, size_t capacity = kVectorSize) {
    Initialize(types, capacity);
  }
  void Initialize(const std::vector<LogicalType>& types, size_t capacity = kVectorSize);

  size_t ColumnCount() const { return columns_.size(); }
  size_t size() const { return size_; }
  void SetSize(size_t size) { size_ = size; }
  Vector& column(size_t i) { return columns_[i]; }
  const Vector& column(size_t i) const { return columns_[i]; }
  std::vector<LogicalType> Types() const;

  // Resets every column (validity, string memory) and the size to 0.
  void Reset();
  // Appends rows `sel[0..count)` (or 0..count-1) of `other`, growing as needed.
  void Append(const DataChunk& other, const uint32_t* sel, size_t count);
  // Replaces column i by `v` (same number of rows).
  void SetColumn(size_t i, Vector v) { columns_[i] = std::move(v); }
  void AddColumn(Vector v) { columns_.push_back(std::move(v)); }

  std::string ToString() const;  // for tests and debugging

 private:
  std::vector<Vector> columns_;
  size_t size_ = 0;
};

}  // namespace sluice
