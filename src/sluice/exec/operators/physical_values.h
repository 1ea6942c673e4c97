#pragma once

#include <algorithm>

#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

// A source of fixed rows (SELECT without FROM, VALUES).
class PhysicalValues final : public PhysicalOperator {
 public:
  PhysicalValues(std::vector<LogicalType> types, std::vector<std::vector<Value>> rows)
      : PhysicalOperator(std::move(types)), rows_(std::move(rows)) {}
  double EstimatedBytes() const override { return 8.0 * rows_.size() * std::max<size_t>(types_.size(), 1); }
  std::string Name() const override { return "Values"; }
  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return false; }
  SourceResult GetData(QueryContext& ctx, DataChunk& out, GlobalState& global,
                       LocalState& local) override;

 private:
  std::vector<std::vector<Value>> rows_;
};

}  // namespace sluice::exec
