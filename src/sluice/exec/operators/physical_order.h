#pragma once

#include "sluice/exec/physical_operator.h"
#include "sluice/exec/row_sort.h"

namespace sluice::exec {

// ORDER BY: collects all input (thread-locally, then merged), sorts a row
// permutation, and emits rows in order from one thread. Under a LIMIT it is
// a top-N: with `keep` set, each thread's rows are cut back to the first
// `keep` whenever they reach twice that (at least kVectorSize), so memory is
// bounded by the limit, not the input.
// In-memory only for now; external merge sort comes with memory limits.
class PhysicalOrder final : public PhysicalOperator {
 public:
  static constexpr size_t kKeepAll = SIZE_MAX;
  PhysicalOrder(std::vector<LogicalType> types, std::vector<SortKey> keys, size_t keep = kKeepAll)
      : PhysicalOperator(std::move(types)), keys_(std::move(keys)), keep_(keep) {}
  std::string Name() const override { return keep_ == kKeepAll ? "Order" : "TopN"; }
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
  size_t keep_;
};

}  // namespace sluice::exec
