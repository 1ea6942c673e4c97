#include "sluice/exec/join_hash_table.h"

#include <bit>

#include "sluice/common/error.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::exec {

void HashJoinKeys(const DataChunk& chunk, const std::vector<size_t>& keys, size_t count,
                  std::vector<uint64_t>& hashes, std::vector<uint8_t>& null_key) {
  hashes.assign(count, 0);
  null_key.assign(count, 0);
  for (size_t k = 0; k < keys.size(); ++k) {
    const Vector& v = chunk.column(keys[k]);
    HashVector(v, count, hashes.data(), k > 0);
    if (v.validity().AllValid()) continue;
    for (size_t i = 0; i < count; ++i) null_key[i] |= v.IsNull(i);
  }
}

JoinHashTable::JoinHashTable(DataChunk rows, std::vector<size_t> key_columns)
    : rows_(std::move(rows)), key_columns_(std::move(key_columns)) {
  const size_t n = rows_.size();
  SLUICE_CHECK(n < kEnd, "hash join build side over 4 billion rows");
  std::vector<uint8_t> null_key;
  HashJoinKeys(rows_, key_columns_, n, hashes_, null_key);
  const size_t buckets = key_columns_.empty() ? 1 : std::bit_ceil(std::max<size_t>(2 * n, 16));
  heads_.assign(buckets, kEnd);
  next_.assign(n, kEnd);
  matched_.assign(n, 0);
  mask_ = buckets - 1;
  // Inserted back to front so that each chain lists rows in input order.
  for (size_t i = n; i-- > 0;) {
    if (null_key[i]) continue;
    uint32_t& head = heads_[hashes_[i] & mask_];
    next_[i] = head;
    head = static_cast<uint32_t>(i);
  }
}

bool JoinHashTable::Matches(uint32_t row, uint64_t hash, const DataChunk& probe,
                            const std::vector<size_t>& probe_keys, size_t probe_row) const {
  if (hashes_[row] != hash) return false;
  for (size_t k = 0; k < key_columns_.size(); ++k) {
    if (!RowsEqual(rows_.column(key_columns_[k]), row, probe.column(probe_keys[k]), probe_row)) return false;
  }
  return true;
}

size_t JoinHashTable::MemoryUsage() const {
  size_t bytes = hashes_.capacity() * 8 + (heads_.capacity() + next_.capacity()) * 4 + matched_.capacity();
  for (size_t c = 0; c < rows_.ColumnCount(); ++c) {
    bytes += rows_.column(c).capacity() * rows_.column(c).type().PhysicalSize();
  }
  return bytes;
}

}  // namespace sluice::exec
