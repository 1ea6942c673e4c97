#pragma once

#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

// UNION ALL: no work of its own. The pipeline builder runs each child as a
// pipeline into the sink above, so the children's rows stream through the
// same operators without being buffered.
class PhysicalUnion final : public PhysicalOperator {
 public:
  explicit PhysicalUnion(std::vector<LogicalType> types) : PhysicalOperator(std::move(types)) {}
  std::string Name() const override { return "UnionAll"; }
  bool IsUnion() const override { return true; }
};

}  // namespace sluice::exec
