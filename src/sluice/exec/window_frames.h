#pragma once

// Where each row's partition, peer group and frame begin and end, in a
// bucket of rows already sorted by (PARTITION BY, ORDER BY). All positions
// are row indexes of the bucket; ends are exclusive.

#include <cstdint>
#include <vector>

#include "sluice/sql/planner/logical_operator.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::exec {

// A frame over the bucket's columns: offsets are BIGINT row or group counts
// (ROWS, GROUPS) or, for RANGE, a DOUBLE whose sign is checked, with the
// bound value and the key it is compared with (see BoundFrameBound).
struct FrameBoundSpec {
  planner::WindowBoundKind kind = planner::WindowBoundKind::kCurrentRow;
  int offset_column = -1;
  int value_column = -1;  // RANGE only
  int key_column = -1;    // RANGE only
};

struct FrameSpec {
  planner::WindowFrameUnit unit = planner::WindowFrameUnit::kRange;
  FrameBoundSpec start{planner::WindowBoundKind::kUnboundedPreceding};
  FrameBoundSpec end;
  bool ascending = true;     // of the one ORDER BY key, for RANGE offsets
  bool nulls_first = false;
};

struct WindowSegments {
  std::vector<uint32_t> partition_begin, partition_end;
  std::vector<uint32_t> peer_begin, peer_end;
};

// Partitions change where any of `partition_columns` changes from the row
// before, peer groups also where any of `order_columns` does (NULLs equal).
WindowSegments FindSegments(const DataChunk& rows, const std::vector<size_t>& partition_columns,
                            const std::vector<size_t>& order_columns);

// Each row's frame. Throws INVALID_WINDOW_FRAME for a NULL or negative offset.
void ComputeFrames(const DataChunk& rows, const WindowSegments& segments, const FrameSpec& frame,
                   std::vector<uint32_t>& begin, std::vector<uint32_t>& end);

}  // namespace sluice::exec
