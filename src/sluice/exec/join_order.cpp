#include "sluice/exec/join_order.h"

#include <algorithm>
#include <cstdint>

#include "sluice/exec/join_planner.h"
#include "sluice/exec/operators/physical_projection.h"
#include "sluice/sql/planner/optimizer.h"

namespace sluice::exec {

namespace {

using planner::JoinType;
using planner::LogicalJoin;
using planner::LogicalKind;
using planner::LogicalOperator;

bool IsInner(const LogicalOperator& op) {
  return op.kind == LogicalKind::kJoin && static_cast<const LogicalJoin&>(op).join_type == JoinType::kInner;
}

// One relation of the tree: where its columns start in the tree's output.
struct Relation {
  const LogicalOperator* op = nullptr;
  size_t offset = 0;
  size_t width = 0;
  std::unique_ptr<PhysicalOperator> plan;
  double bytes = 0;
};

// A condition conjunct over the tree's output columns and the relations it reads.
struct Conjunct {
  BoundExpressionPtr expr;
  uint64_t relations = 0;  // bit i: reads relation i (trees are capped at 64)
};

void Shift(BoundExpression& e, size_t offset) {
  if (e.kind == ExpressionKind::kColumnRef) e.column_index += offset;
  for (auto& c : e.children) Shift(*c, offset);
}

// Collects the relations under inner joins, left to right, and the join
// conditions' conjuncts re-based onto the tree's output columns.
void Flatten(const LogicalOperator& op, size_t offset, std::vector<Relation>& relations,
             std::vector<Conjunct>& conjuncts) {
  if (!IsInner(op) || relations.size() >= 63) {
    relations.push_back({&op, offset, op.types.size(), nullptr, 0});
    return;
  }
  const auto& join = static_cast<const LogicalJoin&>(op);
  Flatten(*op.children[0], offset, relations, conjuncts);
  Flatten(*op.children[1], offset + op.children[0]->types.size(), relations, conjuncts);
  if (!join.condition) return;
  std::vector<const BoundExpression*> terms;
  planner::SplitConjuncts(*join.condition, terms);
  for (const BoundExpression* t : terms) {
    Conjunct c{t->Copy(), 0};
    Shift(*c.expr, offset);
    conjuncts.push_back(std::move(c));
  }
}

uint64_t RelationsRead(const BoundExpression& e, const std::vector<size_t>& relation_of_column) {
  if (e.kind == ExpressionKind::kColumnRef) return uint64_t{1} << relation_of_column[e.column_index];
  uint64_t read = 0;
  for (const auto& c : e.children) read |= RelationsRead(*c, relation_of_column);
  return read;
}

// Column references of the tree's output mapped to their place in the
// joined relations so far.
void Remap(BoundExpression& e, const std::vector<size_t>& position) {
  if (e.kind == ExpressionKind::kColumnRef) e.column_index = position[e.column_index];
  for (auto& c : e.children) Remap(*c, position);
}

}  // namespace

bool IsInnerJoinTree(const LogicalOperator& op) {
  return IsInner(op) && (IsInner(*op.children[0]) || IsInner(*op.children[1]));
}

std::unique_ptr<PhysicalOperator> PlanInnerJoins(const LogicalJoin& join, const PlanChild& plan_child) {
  std::vector<Relation> relations;
  std::vector<Conjunct> conjuncts;
  Flatten(join, 0, relations, conjuncts);
  std::vector<size_t> relation_of_column(join.types.size());
  for (size_t r = 0; r < relations.size(); ++r) {
    std::fill_n(relation_of_column.begin() + static_cast<long>(relations[r].offset), relations[r].width, r);
    relations[r].plan = plan_child(const_cast<LogicalOperator&>(*relations[r].op));
    relations[r].bytes = relations[r].plan->EstimatedBytes();
  }
  for (auto& c : conjuncts) c.relations = RelationsRead(*c.expr, relation_of_column);

  // The largest relation streams; ties go to the one written first.
  size_t first = 0;
  for (size_t r = 1; r < relations.size(); ++r) {
    if (relations[r].bytes > relations[first].bytes) first = r;
  }
  std::vector<size_t> position(join.types.size(), 0);  // tree column → column of `plan`
  size_t width = 0;
  auto place = [&](size_t r) {
    for (size_t c = 0; c < relations[r].width; ++c) position[relations[r].offset + c] = width + c;
    width += relations[r].width;
  };
  std::unique_ptr<PhysicalOperator> plan = std::move(relations[first].plan);
  uint64_t joined = uint64_t{1} << first;
  place(first);

  while (joined != (uint64_t{1} << relations.size()) - 1) {
    // The smallest relation a pending conjunct connects to what is joined;
    // without one, the smallest of all (a cross product).
    size_t next = relations.size();
    bool connected = false;
    for (size_t r = 0; r < relations.size(); ++r) {
      const uint64_t bit = uint64_t{1} << r;
      if (joined & bit) continue;
      bool connects = false;
      for (const auto& c : conjuncts) {
        if (c.expr && (c.relations & bit) && (c.relations & joined) && (c.relations & ~(joined | bit)) == 0) {
          connects = true;
        }
      }
      if (next == relations.size() || (connects && !connected) ||
          (connects == connected && relations[r].bytes < relations[next].bytes)) {
        next = r;
        connected = connects;
      }
    }
    const uint64_t bit = uint64_t{1} << next;
    place(next);
    // The conjuncts whose relations are all there now (constant ones at
    // the first join).
    std::vector<BoundExpressionPtr> terms;
    for (auto& c : conjuncts) {
      if (!c.expr || (c.relations & ~(joined | bit)) != 0) continue;
      Remap(*c.expr, position);
      terms.push_back(std::move(c.expr));
    }
    joined |= bit;
    LogicalJoin step;
    step.join_type = JoinType::kInner;
    if (!terms.empty()) step.condition = BoundExpression::Conjunction(std::move(terms));
    plan = PlanHashJoin(step, std::move(plan), std::move(relations[next].plan));
  }

  bool reordered = false;
  for (size_t c = 0; c < position.size(); ++c) reordered |= position[c] != c;
  if (!reordered) return plan;
  const std::vector<LogicalType> types = plan->types();
  std::vector<BoundExpressionPtr> exprs;
  for (size_t c = 0; c < position.size(); ++c) {
    exprs.push_back(BoundExpression::ColumnRef(position[c], types[position[c]], join.names[c]));
  }
  return ProjectOnto(std::move(plan), std::move(exprs));
}

}  // namespace sluice::exec
