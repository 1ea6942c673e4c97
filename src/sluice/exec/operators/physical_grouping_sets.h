#pragma once

#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

// GROUP BY ROLLUP / CUBE / GROUPING SETS in one pass: each input batch
// (the group keys, then the aggregates' arguments) comes out once per
// grouping set, with the keys outside the set NULL and the set's index
// (BIGINT) after the keys, so that one hash aggregate keyed by the keys and
// the set computes every set.
class PhysicalGroupingSets final : public PhysicalOperator {
 public:
  // `input_types`: key_count keys, then the rest; `sets`: key indices.
  PhysicalGroupingSets(const std::vector<LogicalType>& input_types, size_t key_count,
                       std::vector<std::vector<size_t>> sets);
  std::string Name() const override { return "GroupingSets"; }
  std::string Details() const override;
  double EstimatedBytes() const override { return children[0]->EstimatedBytes() * static_cast<double>(sets_.size()); }
  std::unique_ptr<LocalState> InitLocalOperator(QueryContext& ctx) override;
  OperatorResult Execute(QueryContext& ctx, DataChunk& input, DataChunk& out, LocalState& state) override;

 private:
  size_t key_count_;
  std::vector<std::vector<uint8_t>> in_set_;  // per set, per key
  std::vector<std::vector<size_t>> sets_;
};

}  // namespace sluice::exec
