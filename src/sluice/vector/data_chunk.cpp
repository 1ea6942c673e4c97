#include "sluice/vector/data_chunk.h"

namespace sluice {

void DataChunk::Initialize(const std::vector<LogicalType>& types, size_t capacity) {
  columns_.clear();
  columns_.reserve(types.size());
  for (const auto& t : types) columns_.emplace_back(t, capacity);
  size_ = 0;
}

std::vector<LogicalType> DataChunk::Types() const {
  std::vector<LogicalType> types;
  for (const auto& c : columns_) types.push_back(c.type());
  return types;
}

void DataChunk::Reset() {
  for (auto& c : columns_) c.Reset();
  size_ = 0;
}

void DataChunk::Append(const DataChunk& other, const uint32_t* sel, size_t count) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    columns_[i].CopyFrom(other.columns_[i], sel, count, size_);
  }
  size_ += count;
}

std::string DataChunk::ToString() const {
  std::string out;
  for (size_t r = 0; r < size_; ++r) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (c) out += '|';
      out += columns_[c].GetValue(r).ToString();
    }
    out += '\n';
  }
  return out;
}

}  // namespace sluice
