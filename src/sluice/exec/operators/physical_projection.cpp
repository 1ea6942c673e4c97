#include "sluice/exec/operators/physical_projection.h"

#include "sluice/expression/expression_executor.h"

namespace sluice::exec {

namespace {
struct ProjectionState : LocalState {
  ExpressionExecutor executor;
};
}  // namespace

namespace {

void CountColumnReads(const BoundExpression& e, std::vector<size_t>& reads) {
  if (e.kind == ExpressionKind::kColumnRef) {
    if (reads.size() <= e.column_index) reads.resize(e.column_index + 1);
    ++reads[e.column_index];
  }
  for (const auto& c : e.children) CountColumnReads(*c, reads);
}

}  // namespace

PhysicalProjection::PhysicalProjection(std::vector<LogicalType> types, std::vector<BoundExpressionPtr> exprs)
    : PhysicalOperator(std::move(types)), exprs_(std::move(exprs)) {
  std::vector<size_t> reads;
  for (const auto& e : exprs_) CountColumnReads(*e, reads);
  for (size_t i = 0; i < exprs_.size(); ++i) {
    const BoundExpression& e = *exprs_[i];
    moves_input_.push_back(e.kind == ExpressionKind::kColumnRef && reads[e.column_index] == 1 &&
                           e.type == types_[i]);
  }
}

std::string PhysicalProjection::Details() const {
  std::string s;
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (i) s += ", ";
    s += exprs_[i]->ToString();
  }
  return s;
}

std::unique_ptr<LocalState> PhysicalProjection::InitLocalOperator(QueryContext&) {
  return std::make_unique<ProjectionState>();
}

OperatorResult PhysicalProjection::Execute(QueryContext&, DataChunk& input, DataChunk& out,
                                           LocalState& state) {
  auto& s = static_cast<ProjectionState&>(state);
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (!moves_input_[i]) s.executor.Execute(*exprs_[i], input, out.column(i));
  }
  // After every computed column, since moving empties the input column.
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (!moves_input_[i]) continue;
    Vector& source = input.column(exprs_[i]->column_index);
    if (source.type() == out.column(i).type()) {
      std::swap(out.column(i), source);
    } else {
      s.executor.Execute(*exprs_[i], input, out.column(i));
    }
  }
  out.SetSize(input.size());
  return OperatorResult::kNeedMoreInput;
}

std::unique_ptr<PhysicalOperator> ProjectOnto(std::unique_ptr<PhysicalOperator> child,
                                              std::vector<BoundExpressionPtr> exprs) {
  std::vector<LogicalType> types;
  for (const auto& e : exprs) types.push_back(e->type);
  auto projection = std::make_unique<PhysicalProjection>(std::move(types), std::move(exprs));
  projection->children.push_back(std::move(child));
  return projection;
}

}  // namespace sluice::exec
