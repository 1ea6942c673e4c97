#include "sluice/exec/join_planner.h"

#include <optional>

#include "sluice/exec/operators/physical_hash_join.h"
#include "sluice/exec/operators/physical_projection.h"
#include "sluice/sql/planner/optimizer.h"

namespace sluice::exec {

namespace {

using planner::JoinType;

enum class Side { kNone, kLeft, kRight, kBoth };

// Which input columns (left: [0, left_width), right: the rest) `e` reads.
Side SideOf(const BoundExpression& e, size_t left_width) {
  if (e.kind == ExpressionKind::kColumnRef) return e.column_index < left_width ? Side::kLeft : Side::kRight;
  Side side = Side::kNone;
  for (const auto& c : e.children) {
    Side s = SideOf(*c, left_width);
    if (s == Side::kNone) continue;
    side = side == Side::kNone || side == s ? s : Side::kBoth;
  }
  return side;
}

// Adds `delta` to the index of every column `e` reads, or maps the columns
// of a swapped join (left i -> right_width + i, right j -> j).
void Shift(BoundExpression& e, long delta) {
  if (e.kind == ExpressionKind::kColumnRef) e.column_index = static_cast<size_t>(static_cast<long>(e.column_index) + delta);
  for (auto& c : e.children) Shift(*c, delta);
}
void Swap(BoundExpression& e, size_t left_width, size_t right_width) {
  if (e.kind == ExpressionKind::kColumnRef) {
    e.column_index = e.column_index < left_width ? right_width + e.column_index : e.column_index - left_width;
  }
  for (auto& c : e.children) Swap(*c, left_width, right_width);
}

// True when every value of `from` converts to `to` exactly (integers count
// as the decimal that holds them).
bool HoldsLosslessly(LogicalType from, LogicalType to) {
  if (!to.IsDecimal()) return true;
  if (from.IsInteger()) from = LogicalType::DecimalFor(from);
  if (!from.IsDecimal()) return false;
  return to.scale() >= from.scale() && to.width() - to.scale() >= from.width() - from.scale();
}

struct KeyPair {
  BoundExpressionPtr left, right;  // right's columns counted from 0
  bool null_safe = false;          // IS NOT DISTINCT FROM
};

// `left = right` (or IS NOT DISTINCT FROM) between the two sides, both of
// one type (decimals of different precision are cast to a common one that
// holds both exactly).
std::optional<KeyPair> AsKeyPair(const BoundExpression& term, size_t left_width) {
  if (term.kind != ExpressionKind::kFunction || term.children.size() != 2 ||
      (term.function.name != "equal" && term.function.name != "is_not_distinct_from")) {
    return std::nullopt;
  }
  const Side a = SideOf(*term.children[0], left_width);
  const Side b = SideOf(*term.children[1], left_width);
  KeyPair pair;
  if (a == Side::kLeft && b == Side::kRight) {
    pair = {term.children[0]->Copy(), term.children[1]->Copy()};
  } else if (a == Side::kRight && b == Side::kLeft) {
    pair = {term.children[1]->Copy(), term.children[0]->Copy()};
  } else {
    return std::nullopt;
  }
  pair.null_safe = term.function.name == "is_not_distinct_from";
  Shift(*pair.right, -static_cast<long>(left_width));
  if (pair.left->type != pair.right->type) {
    const LogicalType common = CommonSuperType(pair.left->type, pair.right->type);
    if (common.id() == TypeId::kInvalid || !HoldsLosslessly(pair.left->type, common) ||
        !HoldsLosslessly(pair.right->type, common)) {
      return std::nullopt;
    }
    pair.left = BoundExpression::Cast(std::move(pair.left), common);
    pair.right = BoundExpression::Cast(std::move(pair.right), common);
  }
  return pair;
}

// The input's key columns: plain column references are read in place,
// other key expressions are computed by a projection below the join.
std::unique_ptr<PhysicalOperator> WithKeyColumns(std::unique_ptr<PhysicalOperator> input,
                                                 std::vector<BoundExpressionPtr> keys,
                                                 std::vector<size_t>& key_columns) {
  const std::vector<LogicalType> types = input->types();
  std::vector<BoundExpressionPtr> computed;
  for (auto& k : keys) {
    if (k->kind == ExpressionKind::kColumnRef) {
      key_columns.push_back(k->column_index);
    } else {
      key_columns.push_back(types.size() + computed.size());
      computed.push_back(std::move(k));
    }
  }
  if (computed.empty()) return input;
  std::vector<BoundExpressionPtr> exprs;
  for (size_t c = 0; c < types.size(); ++c) exprs.push_back(BoundExpression::ColumnRef(c, types[c], ""));
  for (auto& k : computed) exprs.push_back(std::move(k));
  return ProjectOnto(std::move(input), std::move(exprs));
}

HashJoinType ToHashJoinType(JoinType t, bool swapped) {
  switch (t) {
    case JoinType::kInner: return HashJoinType::kInner;
    case JoinType::kLeft: return swapped ? HashJoinType::kRight : HashJoinType::kLeft;
    case JoinType::kRight: return swapped ? HashJoinType::kLeft : HashJoinType::kRight;
    case JoinType::kFull: return HashJoinType::kFull;
    case JoinType::kSemi: return HashJoinType::kSemi;
    case JoinType::kAnti: return HashJoinType::kAnti;
    case JoinType::kSingle: return HashJoinType::kSingle;
    case JoinType::kMark: return HashJoinType::kMark;
  }
  return HashJoinType::kInner;
}

}  // namespace

std::unique_ptr<PhysicalOperator> PlanHashJoin(const planner::LogicalJoin& join,
                                               std::unique_ptr<PhysicalOperator> left,
                                               std::unique_ptr<PhysicalOperator> right) {
  const size_t left_width = left->types().size();
  const size_t right_width = right->types().size();
  std::vector<const BoundExpression*> terms;
  if (join.condition) planner::SplitConjuncts(*join.condition, terms);
  std::vector<BoundExpressionPtr> left_keys, right_keys, residual;
  HashJoinSpec spec;
  auto add_key = [&](KeyPair pair) {
    left_keys.push_back(std::move(pair.left));
    right_keys.push_back(std::move(pair.right));
    spec.key_options.null_safe.push_back(pair.null_safe);
  };
  for (const BoundExpression* t : terms) {
    if (auto pair = AsKeyPair(*t, left_width)) {
      add_key(std::move(*pair));
    } else {
      residual.push_back(t->Copy());
    }
  }
  if (join.mark_comparison) {
    // x IN (...): the tested pair is the last key, the condition's keys
    // pick the group of right rows it is tested against.
    auto pair = AsKeyPair(*join.mark_comparison, left_width);
    SLUICE_CHECK(pair && residual.empty(), "a mark join's IN test needs equality keys only");
    add_key(std::move(*pair));
    spec.key_options.last_key_tested = true;
  }
  // Only inner and outer joins may build on their left side.
  const bool keeps_left_only = join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti ||
                               join.join_type == JoinType::kSingle || join.join_type == JoinType::kMark;
  const bool swapped = !keeps_left_only && left->EstimatedBytes() < right->EstimatedBytes();

  spec.type = ToHashJoinType(join.join_type, swapped);
  spec.probe_width = swapped ? right_width : left_width;
  spec.build_width = swapped ? left_width : right_width;
  auto probe = WithKeyColumns(swapped ? std::move(right) : std::move(left),
                              swapped ? std::move(right_keys) : std::move(left_keys), spec.probe_keys);
  auto build = WithKeyColumns(swapped ? std::move(left) : std::move(right),
                              swapped ? std::move(left_keys) : std::move(right_keys), spec.build_keys);
  spec.probe_types = probe->types();
  spec.build_types = build->types();
  if (!residual.empty()) {
    BoundExpressionPtr all = BoundExpression::Conjunction(std::move(residual));
    if (swapped) Swap(*all, left_width, right_width);
    spec.residual = std::move(all);
  }
  auto op = std::make_unique<PhysicalHashJoin>(std::move(spec));
  op->children.push_back(std::move(probe));
  op->children.push_back(std::move(build));
  if (!swapped) return op;
  // Back to the logical order: the left input's columns first.
  const std::vector<LogicalType> types = op->types();
  std::vector<BoundExpressionPtr> reorder;
  for (size_t c = 0; c < left_width; ++c) reorder.push_back(BoundExpression::ColumnRef(right_width + c, types[right_width + c], ""));
  for (size_t c = 0; c < right_width; ++c) reorder.push_back(BoundExpression::ColumnRef(c, types[c], ""));
  return ProjectOnto(std::move(op), std::move(reorder));
}

}  // namespace sluice::exec
