#pragma once

// Aggregates over window frames: the one place the window operator uses
// the AggregateFunction interface (state_size, initialize, update, combine,
// finalize, destroy).

#include <cstdint>

#include "sluice/functions/aggregate_function.h"
#include "sluice/vector/vector.h"

namespace sluice::exec {

struct WindowAggregateInput {
  size_t count = 0;                      // rows of the bucket, in window order
  const Vector* argument = nullptr;      // null for count(*)
  const Vector* filter = nullptr;        // FILTER (WHERE ...): rows not TRUE are left out; may be null
  const uint32_t* partition_begin = nullptr;
  const uint32_t* frame_begin = nullptr;
  const uint32_t* frame_end = nullptr;
};

// Writes the aggregate of each row's frame into out[0, count). Every row
// gets a leaf state, updated by one batch call. A partition whose frames all
// start at its first row and end no earlier than the row before's grows one
// running state (one combine per row entering); other partitions query a
// segment tree of combined leaves (O(log n) combines per row). Rows whose
// frame equals the row before's share its result, so a whole-partition
// frame is finalized once.
void AggregateOverFrames(const function::AggregateFunction& f, const WindowAggregateInput& input, Vector& out);

}  // namespace sluice::exec
