#pragma once

#include <algorithm>

#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

// LIMIT / OFFSET: a sink that stops its pipeline once enough rows arrived, and
// the source of exactly those rows. Fed by an ordered source it keeps order.
class PhysicalLimit final : public PhysicalOperator {
 public:
  PhysicalLimit(std::vector<LogicalType> types, int64_t limit, int64_t offset)
      : PhysicalOperator(std::move(types)), limit_(limit), offset_(offset) {}
  std::string Name() const override { return "Limit"; }
  std::string Details() const override;
  double EstimatedBytes() const override {
    const double child = children[0]->EstimatedBytes();
    if (limit_ < 0) return child;
    return std::min(child, 8.0 * static_cast<double>(limit_) * std::max<size_t>(types_.size(), 1));
  }
  bool IsSink() const override { return true; }
  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return false; }
  std::unique_ptr<GlobalState> InitGlobalSink(QueryContext& ctx) override;
  SinkResult Sink(QueryContext& ctx, DataChunk& input, GlobalState& global,
                  LocalState& local) override;
  std::unique_ptr<GlobalState> InitGlobalSource(QueryContext& ctx) override;
  SourceResult GetData(QueryContext& ctx, DataChunk& out, GlobalState& global,
                       LocalState& local) override;

 private:
  int64_t limit_;   // -1: no limit
  int64_t offset_;
};

}  // namespace sluice::exec
