#pragma once

#include <cstdint>
#include <vector>

#include "sluice/vector/vector.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::function {

// Builds a list result (ARRAY or MAP) whose rows pick elements out of one
// source vector: a kernel adds the source rows of each result row in order,
// then Finish copies them all into the result's child in one gather.
// Reused across batches by a kernel call (no per-row allocation).
class ListBuilder {
 public:
  explicit ListBuilder(size_t rows) : entries_(rows) {}

  void Add(uint32_t source_row) { picks_.push_back(source_row); }
  // Row `row` holds the elements added since the previous EndRow/NullRow.
  void EndRow(size_t row) {
    entries_[row] = ListEntry{static_cast<uint32_t>(row_start_), static_cast<uint32_t>(picks_.size() - row_start_)};
    row_start_ = picks_.size();
  }
  void NullRow(Vector& result, size_t row) {
    picks_.resize(row_start_);
    entries_[row] = ListEntry{static_cast<uint32_t>(row_start_), 0};
    result.SetNull(row);
  }
  size_t RowLength() const { return picks_.size() - row_start_; }

  // Writes rows [0, entries) of `result` with elements from `source`.
  void Finish(const Vector& source, Vector& result) {
    const size_t first = result.GrowList(picks_.size());
    result.child().CopyFrom(source, picks_.data(), picks_.size(), first);
    ListEntry* out = result.data<ListEntry>();
    for (size_t i = 0; i < entries_.size(); ++i) {
      out[i] = ListEntry{static_cast<uint32_t>(entries_[i].offset + first), entries_[i].length};
    }
  }

 private:
  std::vector<uint32_t> picks_;
  std::vector<ListEntry> entries_;
  size_t row_start_ = 0;
};

// A set of rows of one vector, by value (NULL equals NULL), cleared per
// list: open addressing over the rows' hashes, the table reused.
class ElementSet {
 public:
  explicit ElementSet(const Vector& values) : values_(values) {}

  void Clear(size_t expected) {
    size_t size = 16;
    while (size < expected * 2) size *= 2;
    if (slots_.size() != size) slots_.assign(size, kEmpty);
    else std::fill(slots_.begin(), slots_.end(), kEmpty);
  }
  // Inserts `row` unless an equal value is in; true when inserted.
  bool Insert(uint32_t row) { return Probe(values_, row, true); }
  // Whether a value equal to row `row` of `other` is in.
  bool Contains(const Vector& other, uint32_t row) { return Probe(other, row, false); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;

  bool Probe(const Vector& v, uint32_t row, bool insert) {
    const size_t mask = slots_.size() - 1;
    for (size_t pos = HashRow(v, row) & mask;; pos = (pos + 1) & mask) {
      if (slots_[pos] == kEmpty) {
        if (insert) slots_[pos] = row;
        return insert;
      }
      if (RowsEqual(values_, slots_[pos], v, row)) return !insert;
    }
  }

  const Vector& values_;
  std::vector<uint32_t> slots_;
};

}  // namespace sluice::function
