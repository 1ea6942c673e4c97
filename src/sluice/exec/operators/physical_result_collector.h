#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

// Materialised query output, in order when the plan's last source is ordered.
struct CollectedResult {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<DataChunk> chunks;
  size_t RowCount() const;
};

// The root sink of a query: keeps every batch it receives.
class PhysicalResultCollector final : public PhysicalOperator {
 public:
  PhysicalResultCollector(std::vector<LogicalType> types, std::vector<std::string> names)
      : PhysicalOperator(std::move(types)), names_(std::move(names)) {}
  std::string Name() const override { return "Output"; }
  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalState> InitGlobalSink(QueryContext& ctx) override;
  std::unique_ptr<LocalState> InitLocalSink(QueryContext& ctx, GlobalState& global) override;
  SinkResult Sink(QueryContext& ctx, DataChunk& input, GlobalState& global,
                  LocalState& local) override;
  void Combine(QueryContext& ctx, GlobalState& global, LocalState& local) override;

  // Moves the result out after execution.
  CollectedResult TakeResult();

 private:
  std::vector<std::string> names_;
};

}  // namespace sluice::exec
