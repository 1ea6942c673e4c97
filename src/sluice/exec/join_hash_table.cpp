#include "sluice/exec/join_hash_table.h"

#include <bit>

#include "sluice/common/error.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::exec {

void HashJoinKeys(const DataChunk& chunk, const std::vector<size_t>& keys, const std::vector<bool>& null_safe,
                  size_t count, std::vector<uint64_t>& hashes, std::vector<uint8_t>& null_key) {
  hashes.assign(count, 0);
  null_key.assign(count, 0);
  for (size_t k = 0; k < keys.size(); ++k) {
    const Vector& v = chunk.column(keys[k]);
    HashVector(v, count, hashes.data(), k > 0);
    if (v.validity().AllValid() || (k < null_safe.size() && null_safe[k])) continue;
    for (size_t i = 0; i < count; ++i) null_key[i] |= v.IsNull(i);
  }
}

namespace {

size_t BucketsFor(size_t rows) { return std::bit_ceil(std::max<size_t>(2 * rows, 16)); }

}  // namespace

JoinHashTable::JoinHashTable(DataChunk rows, std::vector<size_t> key_columns, JoinKeyOptions options)
    : rows_(std::move(rows)), key_columns_(std::move(key_columns)), options_(std::move(options)) {
  const size_t n = rows_.size();
  SLUICE_CHECK(n < kEnd, "hash join build side over 4 billion rows");
  SLUICE_CHECK(!options_.last_key_tested || !key_columns_.empty(), "a tested key needs a key");
  std::vector<uint8_t> null_key;
  HashJoinKeys(rows_, key_columns_, options_.null_safe, n, hashes_, null_key);
  const size_t buckets = key_columns_.empty() ? 1 : BucketsFor(n);
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
  if (options_.last_key_tested) {
    const Vector& tested = rows_.column(key_columns_.back());
    std::vector<uint8_t> tested_null(n, 0);
    for (size_t i = 0; i < n && !tested.validity().AllValid(); ++i) tested_null[i] = tested.IsNull(i);
    BuildGroups(tested_null);
  }
}

bool JoinHashTable::SameGroup(uint32_t row, const DataChunk& other, const std::vector<size_t>& other_keys,
                              size_t other_row) const {
  for (size_t k = 0; k + 1 < key_columns_.size(); ++k) {
    if (!RowsEqual(rows_.column(key_columns_[k]), row, other.column(other_keys[k]), other_row)) return false;
  }
  return true;
}

void JoinHashTable::BuildGroups(const std::vector<uint8_t>& tested_null) {
  const size_t n = rows_.size();
  const std::vector<size_t> group_keys(key_columns_.begin(), key_columns_.end() - 1);
  std::vector<uint8_t> no_group;
  HashJoinKeys(rows_, group_keys, options_.null_safe, n, group_hashes_, no_group);
  const size_t buckets = BucketsFor(n);
  group_heads_.assign(buckets, kEnd);
  group_next_.assign(n, kEnd);
  group_has_null_.assign(n, 0);
  group_mask_ = buckets - 1;
  for (size_t i = 0; i < n; ++i) {
    if (no_group[i]) continue;
    uint32_t& head = group_heads_[group_hashes_[i] & group_mask_];
    uint32_t representative = head;
    while (representative != kEnd && (group_hashes_[representative] != group_hashes_[i] ||
                                      !SameGroup(representative, rows_, key_columns_, i))) {
      representative = group_next_[representative];
    }
    if (representative == kEnd) {
      representative = static_cast<uint32_t>(i);
      group_next_[i] = head;
      head = representative;
    }
    group_has_null_[representative] |= tested_null[i];
  }
}

JoinHashTable::Group JoinHashTable::FindGroup(uint64_t group_hash, const DataChunk& probe,
                                              const std::vector<size_t>& probe_keys, size_t probe_row) const {
  for (uint32_t r = group_heads_[group_hash & group_mask_]; r != kEnd; r = group_next_[r]) {
    if (group_hashes_[r] == group_hash && SameGroup(r, probe, probe_keys, probe_row)) {
      return group_has_null_[r] ? Group::kWithNull : Group::kWithoutNull;
    }
  }
  return Group::kNone;
}

size_t JoinHashTable::MemoryUsage() const {
  size_t bytes = hashes_.capacity() * 8 + (heads_.capacity() + next_.capacity()) * 4 + matched_.capacity() +
                 group_hashes_.capacity() * 8 + (group_heads_.capacity() + group_next_.capacity()) * 4 +
                 group_has_null_.capacity();
  for (size_t c = 0; c < rows_.ColumnCount(); ++c) {
    bytes += rows_.column(c).capacity() * rows_.column(c).type().PhysicalSize();
  }
  return bytes;
}

}  // namespace sluice::exec
