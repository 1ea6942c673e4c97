// Internals of the window operator: partition and peer runs, frames of each
// unit, and aggregates over frames (running states and segment trees)
// against a direct computation over random frames.
#include <gtest/gtest.h>

#include <random>

#include "sluice/common/error.h"
#include "sluice/exec/window_aggregator.h"
#include "sluice/exec/window_frames.h"
#include "sluice/functions/function_registry.h"

namespace sluice::exec {
namespace {

using planner::WindowBoundKind;
using planner::WindowFrameUnit;

// Rows (partition, order key) already in window order; the offset column
// (BIGINT) holds `offset` on every row.
DataChunk WindowRows(const std::vector<int64_t>& partitions, const std::vector<int64_t>& keys, int64_t offset) {
  DataChunk c({LogicalType::Bigint(), LogicalType::Bigint(), LogicalType::Bigint()}, partitions.size());
  for (size_t i = 0; i < partitions.size(); ++i) {
    c.column(0).data<int64_t>()[i] = partitions[i];
    c.column(1).data<int64_t>()[i] = keys[i];
    c.column(2).data<int64_t>()[i] = offset;
  }
  c.SetSize(partitions.size());
  return c;
}

TEST(WindowFramesTest, PartitionsAndPeers) {
  DataChunk rows = WindowRows({1, 1, 1, 2, 2, 3}, {5, 5, 7, 5, 6, 6}, 0);
  WindowSegments s = FindSegments(rows, {0}, {1});
  EXPECT_EQ(s.partition_begin, (std::vector<uint32_t>{0, 0, 0, 3, 3, 5}));
  EXPECT_EQ(s.partition_end, (std::vector<uint32_t>{3, 3, 3, 5, 5, 6}));
  EXPECT_EQ(s.peer_begin, (std::vector<uint32_t>{0, 0, 2, 3, 4, 5}));
  EXPECT_EQ(s.peer_end, (std::vector<uint32_t>{2, 2, 3, 4, 5, 6}));
}

TEST(WindowFramesTest, RowsAndGroupsClampToThePartition) {
  DataChunk rows = WindowRows({1, 1, 1, 1, 2}, {1, 1, 2, 3, 1}, 1);
  WindowSegments s = FindSegments(rows, {0}, {1});
  FrameSpec rows_frame;
  rows_frame.unit = WindowFrameUnit::kRows;
  rows_frame.start = {WindowBoundKind::kPreceding, 2};
  rows_frame.end = {WindowBoundKind::kFollowing, 2};
  std::vector<uint32_t> begin, end;
  ComputeFrames(rows, s, rows_frame, begin, end);
  EXPECT_EQ(begin, (std::vector<uint32_t>{0, 0, 1, 2, 4}));
  EXPECT_EQ(end, (std::vector<uint32_t>{2, 3, 4, 4, 5}));

  FrameSpec groups = rows_frame;
  groups.unit = WindowFrameUnit::kGroups;  // 1 PRECEDING .. 1 FOLLOWING peer groups
  ComputeFrames(rows, s, groups, begin, end);
  EXPECT_EQ(begin, (std::vector<uint32_t>{0, 0, 0, 2, 4}));
  EXPECT_EQ(end, (std::vector<uint32_t>{3, 3, 4, 4, 5}));
}

TEST(WindowFramesTest, NegativeOffsetIsAnError) {
  DataChunk rows = WindowRows({1, 1}, {1, 2}, -1);
  WindowSegments s = FindSegments(rows, {0}, {1});
  FrameSpec frame;
  frame.unit = WindowFrameUnit::kRows;
  frame.start = {WindowBoundKind::kPreceding, 2};
  std::vector<uint32_t> begin, end;
  try {
    ComputeFrames(rows, s, frame, begin, end);
    FAIL() << "no error";
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidWindowFrame);
  }
}

// Random partitions and frames: every strategy (running states, segment
// trees, shared results) must give the sum and the min a loop gives.
TEST(WindowAggregatorTest, MatchesDirectComputationOverRandomFrames) {
  std::mt19937 random(7);
  const auto& registry = function::FunctionRegistry::Get();
  const auto sum = registry.BindAggregate("sum", {LogicalType::Bigint()}).function;
  const auto min = registry.BindAggregate("min", {LogicalType::Bigint()}).function;
  for (int round = 0; round < 50; ++round) {
    const size_t n = 1 + random() % 3000;
    Vector values(LogicalType::Bigint(), n);
    std::vector<uint32_t> partition_begin(n), frame_begin(n), frame_end(n);
    size_t start = 0;
    const bool running = round % 2 == 0;
    for (size_t i = 0; i < n; ++i) {
      if (i > 0 && random() % 100 == 0) start = i;
      partition_begin[i] = static_cast<uint32_t>(start);
      values.data<int64_t>()[i] = static_cast<int64_t>(random() % 1000) - 500;
      if (random() % 17 == 0) values.SetNull(i);
    }
    for (size_t i = 0; i < n; ++i) {
      size_t end = i + 1;
      while (end < n && partition_begin[end] == partition_begin[i]) ++end;
      const size_t pb = partition_begin[i];
      if (running) {  // UNBOUNDED PRECEDING .. k FOLLOWING
        frame_begin[i] = static_cast<uint32_t>(pb);
        frame_end[i] = static_cast<uint32_t>(std::min(end, i + 1 + round % 3));
      } else {  // any frame inside the partition, empty ones too
        const size_t a = pb + random() % (end - pb), b = pb + random() % (end - pb + 1);
        frame_begin[i] = static_cast<uint32_t>(a);
        frame_end[i] = static_cast<uint32_t>(b);
      }
    }
    WindowAggregateInput in;
    in.count = n;
    in.argument = &values;
    in.partition_begin = partition_begin.data();
    in.frame_begin = frame_begin.data();
    in.frame_end = frame_end.data();
    Vector sums(LogicalType::Bigint(), n), mins(LogicalType::Bigint(), n);
    AggregateOverFrames(sum, in, sums);
    AggregateOverFrames(min, in, mins);
    for (size_t i = 0; i < n; ++i) {
      int64_t s = 0, m = INT64_MAX;
      bool any = false;
      for (size_t j = frame_begin[i]; j < frame_end[i]; ++j) {
        if (values.IsNull(j)) continue;
        s += values.data<int64_t>()[j];
        m = std::min(m, values.data<int64_t>()[j]);
        any = true;
      }
      ASSERT_EQ(sums.IsNull(i), !any) << "round " << round << " row " << i;
      ASSERT_EQ(mins.IsNull(i), !any) << "round " << round << " row " << i;
      if (!any) continue;
      ASSERT_EQ(sums.data<int64_t>()[i], s) << "round " << round << " row " << i;
      ASSERT_EQ(mins.data<int64_t>()[i], m) << "round " << round << " row " << i;
    }
  }
}

}  // namespace
}  // namespace sluice::exec
