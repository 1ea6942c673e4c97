#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "sluice/vector/data_chunk.h"

namespace sluice::exec {

// How a hash join compares its key columns.
struct JoinKeyOptions {
  // Per key: NULL equals NULL (IS NOT DISTINCT FROM); otherwise a NULL key
  // matches nothing. Empty: no key is null-safe.
  std::vector<bool> null_safe;
  // For a mark join that tests `x IN (...)`: the last key is the tested
  // value, the keys before it pick the group of build rows a probe row is
  // tested against (the correlation of a subquery). The table then also
  // indexes the groups, to tell an empty group and one holding a NULL.
  bool last_key_tested = false;
};

// The build side of a hash join: every build row, indexed by its key
// columns in chains (bucket heads plus a next link per row; the row's hash
// is kept to skip most mismatches without comparing keys). Rows with a NULL
// key are kept for outer joins but are in no chain: NULL never matches,
// except in null-safe keys. Without key columns every row is in the one
// chain (a nested-loop join). Read-only once built, except the matched
// flags, which probing threads set concurrently.
class JoinHashTable {
 public:
  static constexpr uint32_t kEnd = UINT32_MAX;

  JoinHashTable(DataChunk rows, std::vector<size_t> key_columns, JoinKeyOptions options = {});

  const DataChunk& rows() const { return rows_; }
  size_t size() const { return rows_.size(); }
  const std::vector<size_t>& key_columns() const { return key_columns_; }
  const JoinKeyOptions& options() const { return options_; }

  // The first build row whose hash falls in `hash`'s bucket, then the next.
  uint32_t First(uint64_t hash) const { return heads_[hash & mask_]; }
  uint32_t Next(uint32_t row) const { return next_[row]; }
  uint64_t HashOf(uint32_t row) const { return hashes_[row]; }

  // With last_key_tested: the group of build rows whose keys before the
  // last equal the probe row's (`group_hash` hashes those keys as
  // HashJoinKeys does). kNoGroup when there is none; else whether one of
  // the group's rows has a NULL tested value.
  enum class Group { kNone, kWithoutNull, kWithNull };
  Group FindGroup(uint64_t group_hash, const DataChunk& probe, const std::vector<size_t>& probe_keys,
                  size_t probe_row) const;

  void MarkMatched(uint32_t row) { std::atomic_ref<uint8_t>(matched_[row]).store(1, std::memory_order_relaxed); }
  bool Matched(uint32_t row) const { return matched_[row] != 0; }

  size_t MemoryUsage() const;

 private:
  void BuildGroups(const std::vector<uint8_t>& tested_null);
  bool SameGroup(uint32_t row, const DataChunk& other, const std::vector<size_t>& other_keys,
                 size_t other_row) const;

  DataChunk rows_;
  std::vector<size_t> key_columns_;
  JoinKeyOptions options_;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> heads_;
  std::vector<uint32_t> next_;
  std::vector<uint8_t> matched_;
  size_t mask_ = 0;
  // last_key_tested: one representative row per group, chained by the hash
  // of the group keys, with whether the group has a NULL tested value.
  std::vector<uint64_t> group_hashes_;
  std::vector<uint32_t> group_heads_;
  std::vector<uint32_t> group_next_;
  std::vector<uint8_t> group_has_null_;  // per representative row
  size_t group_mask_ = 0;
};

// Hashes rows [0, count) of `chunk`'s `keys` columns the way the table
// does, and flags the rows whose key has a NULL outside the null-safe keys
// (`null_safe` as in JoinKeyOptions; such rows match nothing).
void HashJoinKeys(const DataChunk& chunk, const std::vector<size_t>& keys, const std::vector<bool>& null_safe,
                  size_t count, std::vector<uint64_t>& hashes, std::vector<uint8_t>& null_key);

}  // namespace sluice::exec
