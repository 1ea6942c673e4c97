#pragma once

#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

struct SortKey {
  size_t column = 0;        // input column to sort by
  bool ascending = true;
  bool nulls_first = false; // Trino's default: NULLS LAST for both directions
};

// ORDER BY: collects all input (thread-locally, then merged), sorts a row
// permutation, and emits rows in order from one thread.
// In-memory only for now; external merge sort comes with memory limits.
class PhysicalOrder final : public PhysicalOperator {
 public:
  PhysicalOrder(std::vector<LogicalType> types, std::vector<SortKey> keys)
      : PhysicalOperator(std::move(types)), keys_(std::move(keys)) {}
  std::string Name() const override { return "Order"; }
  std::string Details() const override;
  bool IsSink() const override { return true; }
  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return false; }
  std::unique_ptr<GlobalState> InitGlobalSink(QueryContext& ctx) override;
  std::unique_ptr<LocalState> InitLocalSink(QueryContext& ctx, GlobalState& global) override;
  SinkResult Sink(QueryContext& ctx, DataChunk& input, GlobalState& global,
                  LocalState& local) override;
  void Combine(QueryContext& ctx, GlobalState& global, LocalState& local) override;
  void Finalize(QueryContext& ctx, GlobalState& global) override;
  std::unique_ptr<GlobalState> InitGlobalSource(QueryContext& ctx) override;
  SourceResult GetData(QueryContext& ctx, DataChunk& out, GlobalState& global,
                       LocalState& local) override;

 private:
  std::vector<SortKey> keys_;
};

}  // namespace sluice::exec
