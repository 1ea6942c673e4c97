#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sluice/exec/distinct_values.h"
#include "sluice/exec/ordered_aggregate_rows.h"
#include "sluice/functions/aggregate_function.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::exec {

// One aggregate of a GROUP BY: the function and the input column it reads
// (-1 for count(*)).
struct AggregateSpec {
  function::AggregateFunction function;
  int arg_column = -1;
  // count(DISTINCT x) and the like: each group feeds every distinct value
  // to the function once (see DistinctValues).
  bool distinct = false;
  // FILTER (WHERE ...): a BOOLEAN input column; only rows where it is TRUE
  // reach the aggregate. -1 when none.
  int filter_column = -1;
  // ORDER BY inside the call: the input columns and directions the
  // function's rows are sorted by (see OrderedAggregateRows); empty: any order.
  std::vector<SortKey> order{};
};

// Groups rows by key and keeps one row of aggregate states per group.
// Open addressing with linear probing over (hash, group id) slots; keys are
// stored column-wise with their strings copied into the table's own heaps (so
// the table never pins input batches); states live in fixed blocks so their
// addresses never move (string states own heap memory). One thread at a time.
class AggregateHashTable {
 public:
  AggregateHashTable(std::vector<LogicalType> key_types, const std::vector<AggregateSpec>* aggs);
  ~AggregateHashTable();
  AggregateHashTable(const AggregateHashTable&) = delete;
  AggregateHashTable& operator=(const AggregateHashTable&) = delete;

  // Adds a batch: `input` columns [0, key count) are the keys; aggregates
  // read their arg_column.
  void AddChunk(const DataChunk& input);
  // Creates the groups of `keys`' rows (the key columns only) that do not
  // exist yet, their states as over no rows.
  void AddGroups(const DataChunk& keys);
  // Moves every group of `other` into this table, combining states.
  void Merge(AggregateHashTable& other);
  // Feeds the rows of the aggregates with ORDER BY to their functions, in
  // order. Once, after the last AddChunk and Merge, before Emit.
  void FeedOrderedRows();

  size_t group_count() const { return group_count_; }
  // Writes groups [start, start+n): keys, then each aggregate's final value.
  void Emit(size_t start, size_t n, DataChunk& out) const;
  size_t MemoryUsage() const;

 private:
  struct Slot {
    uint64_t hash;
    uint32_t group;  // kEmpty when unused
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;
  static constexpr size_t kGroupsPerBlock = 4096;

  // groups_[i]: the group of row i of `input`'s key columns (created when new).
  void FindGroups(const DataChunk& input);
  // Finds or creates the group for each row i of `keys` (rows offset..offset+count).
  void FindOrCreate(const std::vector<const Vector*>& keys, size_t offset, size_t count,
                    const uint64_t* hashes, uint32_t* groups);
  // The same for a single key column in dictionary form: each dictionary
  // entry is looked up once, then rows map code -> group.
  void FindOrCreateByCode(const Vector& key, size_t count, uint32_t* groups);
  uint32_t NewGroup(const std::vector<const Vector*>& keys, size_t row, uint64_t hash);
  // Feeds `count` rows of `arg` (null for count(*)), row i to group
  // groups[i], to aggregate a.
  void UpdateAggregate(size_t a, const Vector* arg, size_t count, const uint32_t* groups);
  // An ordered aggregate's update: rows sel[0..count) of `input` (all rows
  // when sel is null), of groups groups[0..count), into its buffer.
  void BufferOrdered(size_t a, const DataChunk& input, const uint32_t* sel, size_t count, const uint32_t* groups);
  // A DISTINCT aggregate's update: only rows whose value is new to their
  // group reach the function.
  void UpdateDistinct(size_t a, const Vector& arg, size_t count, const uint32_t* groups);
  // Feeds `n` values gathered in distinct_batch_ to aggregate a's states.
  void FlushDistinctBatch(size_t a, size_t n);
  // distinct_batch_, emptied, for values of `type`.
  Vector& DistinctBatch(const LogicalType& type);
  void Grow();
  uint8_t* State(uint32_t group) const {
    return state_blocks_[group / kGroupsPerBlock].get() + (group % kGroupsPerBlock) * state_row_size_;
  }

  std::vector<LogicalType> key_types_;
  const std::vector<AggregateSpec>* aggs_;
  std::vector<size_t> state_offsets_;
  size_t state_row_size_ = 0;
  std::vector<Vector> keys_;
  std::vector<uint64_t> group_hashes_;
  std::vector<std::unique_ptr<uint8_t[]>> state_blocks_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t group_count_ = 0;
  // The groups of the entries of the last dictionary seen (kEmpty: not yet).
  std::shared_ptr<const Vector> coded_by_;
  std::vector<uint32_t> code_groups_;
  // Per DISTINCT aggregate (by index into aggs_), each group's values.
  std::vector<std::vector<DistinctValues>> distinct_;
  std::unique_ptr<Vector> distinct_batch_;
  std::vector<uint32_t> distinct_sel_;  // rows whose value is new to their group
  // Per aggregate with ORDER BY, its buffered rows (created with the first).
  std::vector<std::unique_ptr<OrderedAggregateRows>> ordered_;
  // FILTER: the rows an aggregate keeps, their groups and argument values.
  std::vector<uint32_t> filter_sel_;
  std::vector<uint32_t> filter_groups_;
  std::unique_ptr<Vector> filter_batch_;
  // Scratch reused across batches.
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> groups_;
  std::vector<uint8_t*> state_ptrs_;
};

}  // namespace sluice::exec
