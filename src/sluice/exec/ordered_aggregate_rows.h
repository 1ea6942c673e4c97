#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sluice/exec/row_sort.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::exec {

// The input rows of an aggregate with ORDER BY (array_agg(x ORDER BY y),
// listagg ... WITHIN GROUP (ORDER BY y)) for one hash table: each row's
// group, argument and sort keys, buffered until every row is in, since the
// function must see a group's rows in key order and partial states cannot be
// combined in order. Feed then sorts all rows once, by group and keys, and
// hands them to the function in batches. One thread at a time.
class OrderedAggregateRows {
 public:
  // `keys`: the sort keys' directions; their `column` is ignored (the keys
  // are given to Append in this order).
  OrderedAggregateRows(const LogicalType& arg_type, const std::vector<LogicalType>& key_types,
                       const std::vector<SortKey>& keys);

  // Appends rows sel[0..count) (rows 0..count-1 when sel is null) of `arg`
  // and `keys`; row sel[i] belongs to group groups[i].
  void Append(const Vector& arg, const std::vector<const Vector*>& keys, const uint32_t* sel, size_t count,
              const uint32_t* groups);
  // Appends every row of `other`, its group g becoming group targets[g].
  void Merge(const OrderedAggregateRows& other, const uint32_t* targets);
  // Renumbers the groups of every row: g becomes targets[g] (when another
  // table takes these rows over whole).
  void RemapGroups(const uint32_t* targets) { RemapGroups(0, targets); }
  // Sorts the rows and calls `feed` with batches of at most kVectorSize
  // arguments in group-then-key order (ties keep their arrival order), with
  // each row's group. Call once, after every Append and Merge.
  void Feed(const std::function<void(const Vector& args, size_t count, const uint32_t* groups)>& feed);
  size_t MemoryUsage() const;

 private:
  void RemapGroups(size_t from_row, const uint32_t* targets);

  static constexpr size_t kGroupColumn = 0, kArgColumn = 1, kFirstKeyColumn = 2;
  DataChunk rows_;              // group (bigint), argument, keys
  std::vector<SortKey> order_;  // the group, then the keys
};

}  // namespace sluice::exec
