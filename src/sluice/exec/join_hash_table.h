#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "sluice/vector/data_chunk.h"

namespace sluice::exec {

// The build side of a hash join: every build row, indexed by its key
// columns in chains (bucket heads plus a next link per row; the row's hash
// is kept to skip most mismatches without comparing keys). Rows with a NULL
// key are kept for outer joins but are in no chain: NULL never matches.
// Without key columns every row is in the one chain (a nested-loop join).
// Read-only once built, except the matched flags, which probing threads set
// concurrently.
class JoinHashTable {
 public:
  static constexpr uint32_t kEnd = UINT32_MAX;

  JoinHashTable(DataChunk rows, std::vector<size_t> key_columns);

  const DataChunk& rows() const { return rows_; }
  size_t size() const { return rows_.size(); }
  const std::vector<size_t>& key_columns() const { return key_columns_; }

  // The first build row whose hash falls in `hash`'s bucket, then the next.
  uint32_t First(uint64_t hash) const { return heads_[hash & mask_]; }
  uint32_t Next(uint32_t row) const { return next_[row]; }
  // True when build row `row` has the same key as row `probe_row` of `probe`
  // (whose key columns are `probe_keys`, same types as ours).
  bool Matches(uint32_t row, uint64_t hash, const DataChunk& probe, const std::vector<size_t>& probe_keys,
               size_t probe_row) const;

  void MarkMatched(uint32_t row) { std::atomic_ref<uint8_t>(matched_[row]).store(1, std::memory_order_relaxed); }
  bool Matched(uint32_t row) const { return matched_[row] != 0; }

  size_t MemoryUsage() const;

 private:
  DataChunk rows_;
  std::vector<size_t> key_columns_;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> heads_;
  std::vector<uint32_t> next_;
  std::vector<uint8_t> matched_;
  size_t mask_ = 0;
};

// Hashes rows [0, count) of `chunk`'s `keys` columns the way the table
// does, and flags the rows whose key has a NULL (they match nothing).
void HashJoinKeys(const DataChunk& chunk, const std::vector<size_t>& keys, size_t count,
                  std::vector<uint64_t>& hashes, std::vector<uint8_t>& null_key);

}  // namespace sluice::exec
