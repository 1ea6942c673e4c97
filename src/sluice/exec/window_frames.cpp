#include "sluice/exec/window_frames.h"

#include <algorithm>

#include "sluice/common/error.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::exec {

namespace {

using planner::WindowBoundKind;
using planner::WindowFrameUnit;

[[noreturn]] void BadOffset() {
  throw SluiceError(ErrorCode::kInvalidWindowFrame, "Window frame offset value must not be negative or null");
}

// The runs of equal values of `columns`, within the runs of `outer` (one
// value per row: the begin of the row's run).
void MarkRuns(const DataChunk& rows, const std::vector<size_t>& columns, const std::vector<uint32_t>* outer,
              std::vector<uint32_t>& begin, std::vector<uint32_t>& end) {
  const size_t n = rows.size();
  begin.resize(n);
  end.resize(n);
  size_t start = 0;
  for (size_t i = 0; i < n; ++i) {
    bool same = i > 0 && (!outer || (*outer)[i] == (*outer)[i - 1]);
    for (size_t c = 0; same && c < columns.size(); ++c) {
      const Vector& v = rows.column(columns[c]);
      same = RowsEqual(v, i, v, i - 1);
    }
    if (!same) {
      std::fill(end.begin() + static_cast<std::ptrdiff_t>(start), end.begin() + static_cast<std::ptrdiff_t>(i),
                static_cast<uint32_t>(i));
      start = i;
    }
    begin[i] = static_cast<uint32_t>(start);
  }
  std::fill(end.begin() + static_cast<std::ptrdiff_t>(start), end.end(), static_cast<uint32_t>(n));
}

uint64_t Count(const DataChunk& rows, int column, size_t i) {
  const Vector& v = rows.column(static_cast<size_t>(column));
  if (v.IsNull(i) || v.data<int64_t>()[i] < 0) BadOffset();
  return static_cast<uint64_t>(v.data<int64_t>()[i]);
}

// ROWS: offsets count rows, clamped to the partition.
uint32_t RowsBound(const DataChunk& rows, const FrameBoundSpec& b, bool is_end, size_t i, uint64_t pb,
                   uint64_t pe) {
  switch (b.kind) {
    case WindowBoundKind::kUnboundedPreceding: return static_cast<uint32_t>(pb);
    case WindowBoundKind::kUnboundedFollowing: return static_cast<uint32_t>(pe);
    case WindowBoundKind::kCurrentRow: return static_cast<uint32_t>(is_end ? i + 1 : i);
    case WindowBoundKind::kPreceding: {
      const uint64_t n = Count(rows, b.offset_column, i);
      // Start: row i - n; end: just past it.
      if (n > i - pb) return static_cast<uint32_t>(pb);
      return static_cast<uint32_t>(i - n + (is_end ? 1 : 0));
    }
    case WindowBoundKind::kFollowing: {
      const uint64_t n = Count(rows, b.offset_column, i);
      if (n >= pe - i) return static_cast<uint32_t>(pe);
      return static_cast<uint32_t>(i + n + (is_end ? 1 : 0));
    }
  }
  return 0;
}

// GROUPS: offsets count peer groups. `group` numbers the bucket's peer
// groups; `group_begin` / `group_end` hold each one's rows.
uint32_t GroupsBound(const DataChunk& rows, const FrameBoundSpec& b, bool is_end, size_t i, uint64_t pb,
                     uint64_t pe, const std::vector<uint32_t>& group, const std::vector<uint32_t>& group_begin,
                     const std::vector<uint32_t>& group_end) {
  const uint64_t first = group[pb], last = group[pe - 1], g = group[i];
  switch (b.kind) {
    case WindowBoundKind::kUnboundedPreceding: return static_cast<uint32_t>(pb);
    case WindowBoundKind::kUnboundedFollowing: return static_cast<uint32_t>(pe);
    case WindowBoundKind::kCurrentRow: return is_end ? group_end[g] : group_begin[g];
    case WindowBoundKind::kPreceding: {
      const uint64_t n = Count(rows, b.offset_column, i);
      if (n > g - first) return is_end ? static_cast<uint32_t>(pb) : group_begin[first];
      return is_end ? group_end[g - n] : group_begin[g - n];
    }
    case WindowBoundKind::kFollowing: {
      const uint64_t n = Count(rows, b.offset_column, i);
      if (n > last - g) return is_end ? group_end[last] : static_cast<uint32_t>(pe);
      return is_end ? group_end[g + n] : group_begin[g + n];
    }
  }
  return 0;
}

// RANGE with an offset: the first row of the partition's non-NULL keys
// whose key is not before (start) or is after (end) the row's bound value.
// A row whose key is NULL has its NULL peers as the bound, as in Trino.
uint32_t RangeBound(const DataChunk& rows, const FrameSpec& frame, const FrameBoundSpec& b, bool is_end, size_t i,
                    uint64_t pb, uint64_t pe, const WindowSegments& segments) {
  switch (b.kind) {
    case WindowBoundKind::kUnboundedPreceding: return static_cast<uint32_t>(pb);
    case WindowBoundKind::kUnboundedFollowing: return static_cast<uint32_t>(pe);
    case WindowBoundKind::kCurrentRow: return is_end ? segments.peer_end[i] : segments.peer_begin[i];
    default: break;
  }
  const Vector& offset = rows.column(static_cast<size_t>(b.offset_column));
  if (offset.IsNull(i) || !(offset.data<double>()[i] >= 0)) BadOffset();
  const Vector& key = rows.column(static_cast<size_t>(b.key_column));
  if (key.IsNull(i)) return is_end ? segments.peer_end[i] : segments.peer_begin[i];
  const Vector& value = rows.column(static_cast<size_t>(b.value_column));
  // The partition's NULL keys sit at one end of it.
  uint64_t lo = pb, hi = pe;
  if (frame.nulls_first) {
    if (key.IsNull(pb)) lo = segments.peer_end[pb];
  } else if (key.IsNull(pe - 1)) {
    hi = segments.peer_begin[pe - 1];
  }
  const int direction = frame.ascending ? 1 : -1;
  auto past = [&](uint64_t j) {
    const int c = CompareRows(key, j, value, i) * direction;  // > 0: key j comes after the value
    return is_end ? c > 0 : c >= 0;
  };
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (past(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return static_cast<uint32_t>(lo);
}

}  // namespace

WindowSegments FindSegments(const DataChunk& rows, const std::vector<size_t>& partition_columns,
                            const std::vector<size_t>& order_columns) {
  WindowSegments s;
  MarkRuns(rows, partition_columns, nullptr, s.partition_begin, s.partition_end);
  MarkRuns(rows, order_columns, &s.partition_begin, s.peer_begin, s.peer_end);
  return s;
}

void ComputeFrames(const DataChunk& rows, const WindowSegments& segments, const FrameSpec& frame,
                   std::vector<uint32_t>& begin, std::vector<uint32_t>& end) {
  const size_t n = rows.size();
  begin.resize(n);
  end.resize(n);
  std::vector<uint32_t> group, group_begin, group_end;
  if (frame.unit == WindowFrameUnit::kGroups) {
    group.resize(n);
    for (size_t i = 0; i < n; ++i) {
      if (segments.peer_begin[i] == i) {
        group_begin.push_back(static_cast<uint32_t>(i));
        group_end.push_back(segments.peer_end[i]);
      }
      group[i] = static_cast<uint32_t>(group_begin.size() - 1);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const uint64_t pb = segments.partition_begin[i], pe = segments.partition_end[i];
    switch (frame.unit) {
      case WindowFrameUnit::kRows:
        begin[i] = RowsBound(rows, frame.start, false, i, pb, pe);
        end[i] = RowsBound(rows, frame.end, true, i, pb, pe);
        break;
      case WindowFrameUnit::kGroups:
        begin[i] = GroupsBound(rows, frame.start, false, i, pb, pe, group, group_begin, group_end);
        end[i] = GroupsBound(rows, frame.end, true, i, pb, pe, group, group_begin, group_end);
        break;
      case WindowFrameUnit::kRange:
        begin[i] = RangeBound(rows, frame, frame.start, false, i, pb, pe, segments);
        end[i] = RangeBound(rows, frame, frame.end, true, i, pb, pe, segments);
        break;
    }
  }
}

}  // namespace sluice::exec
