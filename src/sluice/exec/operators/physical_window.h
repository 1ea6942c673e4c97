#pragma once

#include "sluice/exec/physical_operator.h"
#include "sluice/exec/row_sort.h"
#include "sluice/exec/window_frames.h"
#include "sluice/functions/aggregate_function.h"
#include "sluice/functions/window_function.h"

namespace sluice::exec {

// One window function over the operator's input columns.
struct WindowFunctionSpec {
  bool is_aggregate = false;
  function::AggregateFunction aggregate;
  function::WindowFunction window;
  std::vector<size_t> arguments;  // input columns
  int filter_column = -1;         // aggregates' FILTER
  bool ignore_nulls = false;
  FrameSpec frame;
  std::string name;
};

// Window functions that share PARTITION BY and ORDER BY. Output: the input
// columns, then one column per function.
//
// Sink: each worker hashes the PARTITION BY keys of its rows into one of
// kBuckets buckets (one bucket without PARTITION BY) and buffers them per
// bucket; Combine hands the buffers to the global state. Source (parallel):
// each worker takes whole buckets, sorts one by (partition keys, order keys),
// finds its partitions and peer groups, evaluates every function over the
// whole bucket, and emits it. A partition lies in one bucket, so buckets
// are independent and all cores sort and evaluate at once.
// In-memory; the buffered bytes are counted in one place (AccountBuffered)
// for the spilling that memory limits will bring.
class PhysicalWindow final : public PhysicalOperator {
 public:
  static constexpr size_t kBuckets = 64;
  PhysicalWindow(std::vector<LogicalType> types, std::vector<size_t> partition_columns,
                 std::vector<SortKey> order_keys, std::vector<WindowFunctionSpec> functions)
      : PhysicalOperator(std::move(types)), partition_columns_(std::move(partition_columns)),
        order_keys_(std::move(order_keys)), functions_(std::move(functions)) {}
  std::string Name() const override { return "Window"; }
  std::string Details() const override;
  bool IsSink() const override { return true; }
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalState> InitGlobalSink(QueryContext& ctx) override;
  std::unique_ptr<LocalState> InitLocalSink(QueryContext& ctx, GlobalState& global) override;
  SinkResult Sink(QueryContext& ctx, DataChunk& input, GlobalState& global, LocalState& local) override;
  void Combine(QueryContext& ctx, GlobalState& global, LocalState& local) override;
  std::unique_ptr<GlobalState> InitGlobalSource(QueryContext& ctx) override;
  std::unique_ptr<LocalState> InitLocalSource(QueryContext& ctx, GlobalState& global) override;
  SourceResult GetData(QueryContext& ctx, DataChunk& out, GlobalState& global, LocalState& local) override;

 private:
  // Sorts bucket `rows` into window order and computes every function's
  // column over it.
  void EvaluateBucket(DataChunk& rows, std::vector<Vector>& results) const;

  std::vector<size_t> partition_columns_;
  std::vector<SortKey> order_keys_;
  std::vector<WindowFunctionSpec> functions_;
};

}  // namespace sluice::exec
