#include "sluice/exec/operators/physical_filter.h"

#include "sluice/expression/expression_executor.h"

namespace sluice::exec {

namespace {
struct FilterState : LocalState {
  ExpressionExecutor executor;
  std::vector<uint32_t> sel;
};
}  // namespace

std::unique_ptr<LocalState> PhysicalFilter::InitLocalOperator(QueryContext&) {
  return std::make_unique<FilterState>();
}

OperatorResult PhysicalFilter::Execute(QueryContext&, DataChunk& input, DataChunk& out,
                                       LocalState& state) {
  auto& s = static_cast<FilterState&>(state);
  size_t n = s.executor.Select(*predicate_, input, s.sel);
  if (n == input.size()) {
    out.Append(input, nullptr, n);
  } else if (n > 0) {
    out.Append(input, s.sel.data(), n);
  }
  return OperatorResult::kNeedMoreInput;
}

}  // namespace sluice::exec
