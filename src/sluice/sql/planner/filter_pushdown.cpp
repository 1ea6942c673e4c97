#include "sluice/sql/planner/filter_pushdown.h"

#include <algorithm>
#include <functional>

#include "sluice/sql/planner/optimizer.h"

namespace sluice::planner {

namespace {

using Conjuncts = std::vector<BoundExpressionPtr>;

enum Reads : unsigned { kNothing = 0, kLeft = 1, kRight = 2, kBoth = 3 };

// Which side of a join (left: columns below `left_width`) `e` reads.
unsigned SidesRead(const BoundExpression& e, size_t left_width) {
  if (e.kind == ExpressionKind::kColumnRef) return e.column_index < left_width ? kLeft : kRight;
  unsigned sides = kNothing;
  for (const auto& c : e.children) sides |= SidesRead(*c, left_width);
  return sides;
}

void Split(BoundExpressionPtr e, Conjuncts& out) {
  if (e->kind == ExpressionKind::kAnd) {
    for (auto& c : e->children) Split(std::move(c), out);
  } else {
    out.push_back(std::move(e));
  }
}

// Replaces each column reference i by a copy of exprs[i].
BoundExpressionPtr Substitute(const BoundExpression& e, const std::vector<const BoundExpression*>& exprs) {
  if (e.kind == ExpressionKind::kColumnRef) return exprs[e.column_index]->Copy();
  auto copy = std::make_unique<BoundExpression>();
  copy->kind = e.kind;
  copy->type = e.type;
  copy->name = e.name;
  copy->column_index = e.column_index;
  copy->constant = e.constant;
  copy->function = e.function;
  copy->try_cast = e.try_cast;
  copy->depth = e.depth;
  for (const auto& c : e.children) copy->children.push_back(Substitute(*c, exprs));
  return copy;
}

void Shift(BoundExpression& e, size_t left_width) {
  if (e.kind == ExpressionKind::kColumnRef) e.column_index -= left_width;
  for (auto& c : e.children) Shift(*c, left_width);
}

// A conjunct that may move below an operator: it reads a column and gives
// the same answer however often it is evaluated.
bool Movable(const BoundExpression& e) { return !e.IsConstant() && e.IsDeterministic(); }

void PushDown(LogicalOperatorPtr& op, Conjuncts conjuncts);

// Puts the conjuncts that could not move further in a filter over `op`.
void FilterAbove(LogicalOperatorPtr& op, Conjuncts conjuncts) {
  if (conjuncts.empty()) return;
  op = FilterOver(std::move(op), MakeAnd(std::move(conjuncts)));
}

// Pushes `conjuncts` (over op's output) into op's only child when `can_move`
// allows, rewriting each with `rewrite`; the others stay above op.
template <typename CanMove, typename Rewrite>
void PushThrough(LogicalOperatorPtr& op, Conjuncts conjuncts, CanMove can_move, Rewrite rewrite) {
  Conjuncts below, above;
  for (auto& c : conjuncts) {
    if (Movable(*c) && can_move(*c)) {
      below.push_back(rewrite(*c));
    } else {
      above.push_back(std::move(c));
    }
  }
  PushDown(op->children[0], std::move(below));
  FilterAbove(op, std::move(above));
}

void PushIntoJoin(LogicalOperatorPtr& op, Conjuncts conjuncts) {
  auto& join = static_cast<LogicalJoin&>(*op);
  const size_t left_width = op->children[0]->names.size();
  const JoinType type = join.join_type;
  // Where the rows a conjunct tests survive unchanged: a side whose rows are
  // never padded with NULLs by the join.
  const bool left_kept = type == JoinType::kInner || type == JoinType::kLeft || type == JoinType::kSemi ||
                         type == JoinType::kAnti || type == JoinType::kSingle || type == JoinType::kMark;
  const bool right_kept = type == JoinType::kInner || type == JoinType::kRight;
  Conjuncts left, right, above, condition;
  auto route = [&](BoundExpressionPtr c, bool in_condition) {
    const unsigned sides = SidesRead(*c, left_width);
    if (!Movable(*c)) {
      (in_condition ? condition : above).push_back(std::move(c));
    } else if (sides == kLeft && (in_condition ? type == JoinType::kInner || type == JoinType::kRight ||
                                                     type == JoinType::kSemi
                                               : left_kept)) {
      left.push_back(std::move(c));
    } else if (sides == kRight && (in_condition ? type != JoinType::kRight && type != JoinType::kFull
                                                : right_kept)) {
      Shift(*c, left_width);
      right.push_back(std::move(c));
    } else if (in_condition || type == JoinType::kInner) {
      condition.push_back(std::move(c));
    } else {
      above.push_back(std::move(c));
    }
  };
  for (auto& c : conjuncts) route(std::move(c), false);
  if (join.condition) {
    Conjuncts own;
    Split(std::move(join.condition), own);
    for (auto& c : own) route(std::move(c), true);
  }
  join.condition = MakeAnd(std::move(condition));
  PushDown(op->children[0], std::move(left));
  PushDown(op->children[1], std::move(right));
  FilterAbove(op, std::move(above));
}

void PushDown(LogicalOperatorPtr& op, Conjuncts conjuncts) {
  switch (op->kind) {
    case LogicalKind::kFilter: {
      Split(std::move(static_cast<LogicalFilter&>(*op).predicate), conjuncts);
      LogicalOperatorPtr child = std::move(op->children[0]);
      op = std::move(child);
      PushDown(op, std::move(conjuncts));
      return;
    }
    case LogicalKind::kProjection: {
      const auto& projection = static_cast<LogicalProjection&>(*op);
      std::vector<const BoundExpression*> exprs;
      for (const auto& e : projection.exprs) exprs.push_back(e.get());
      auto reads_deterministic = [&](const BoundExpression& c) {
        std::vector<bool> used(exprs.size(), false);
        std::function<void(const BoundExpression&)> mark = [&](const BoundExpression& e) {
          if (e.kind == ExpressionKind::kColumnRef) used[e.column_index] = true;
          for (const auto& child : e.children) mark(*child);
        };
        mark(c);
        for (size_t i = 0; i < exprs.size(); ++i) {
          if (used[i] && !exprs[i]->IsDeterministic()) return false;
        }
        return true;
      };
      PushThrough(op, std::move(conjuncts), reads_deterministic,
                  [&](const BoundExpression& c) { return Substitute(c, exprs); });
      return;
    }
    case LogicalKind::kOrder:
      PushThrough(op, std::move(conjuncts), [](const BoundExpression&) { return true; },
                  [](const BoundExpression& c) { return c.Copy(); });
      return;
    case LogicalKind::kAggregate: {
      // Only conjuncts on group keys: they keep or drop whole groups. With
      // grouping sets only keys in every set (elsewhere a NULL may stand
      // for "all values").
      const auto& agg = static_cast<LogicalAggregate&>(*op);
      std::vector<const BoundExpression*> groups;
      for (const auto& g : agg.groups) groups.push_back(g.get());
      auto in_every_set = [&](size_t g) {
        for (const auto& set : agg.grouping_sets) {
          if (std::find(set.begin(), set.end(), g) == set.end()) return false;
        }
        return true;
      };
      auto on_keys = [&](const BoundExpression& c) {
        std::function<bool(const BoundExpression&)> keys_only = [&](const BoundExpression& e) {
          if (e.kind == ExpressionKind::kColumnRef) {
            return e.column_index < groups.size() && groups[e.column_index]->IsDeterministic() &&
                   in_every_set(e.column_index);
          }
          for (const auto& child : e.children) {
            if (!keys_only(*child)) return false;
          }
          return true;
        };
        return keys_only(c);
      };
      PushThrough(op, std::move(conjuncts), on_keys, [&](const BoundExpression& c) { return Substitute(c, groups); });
      return;
    }
    case LogicalKind::kWindow: {
      // Only conjuncts on PARTITION BY columns: they keep or drop whole
      // partitions, so every remaining row sees the same window.
      const auto& window = static_cast<LogicalWindow&>(*op);
      std::vector<bool> partition_column(op->children[0]->names.size(), false);
      for (const auto& p : window.partition_by) {
        if (p->kind == ExpressionKind::kColumnRef) partition_column[p->column_index] = true;
      }
      std::function<bool(const BoundExpression&)> on_partition = [&](const BoundExpression& e) {
        if (e.kind == ExpressionKind::kColumnRef) {
          return e.column_index < partition_column.size() && partition_column[e.column_index];
        }
        for (const auto& child : e.children) {
          if (!on_partition(*child)) return false;
        }
        return true;
      };
      PushThrough(op, std::move(conjuncts), on_partition, [](const BoundExpression& c) { return c.Copy(); });
      return;
    }
    case LogicalKind::kUnion: {
      Conjuncts above;
      std::vector<Conjuncts> per_child(op->children.size());
      for (auto& c : conjuncts) {
        if (!Movable(*c)) {
          above.push_back(std::move(c));
          continue;
        }
        for (auto& copies : per_child) copies.push_back(c->Copy());
      }
      for (size_t i = 0; i < op->children.size(); ++i) PushDown(op->children[i], std::move(per_child[i]));
      FilterAbove(op, std::move(above));
      return;
    }
    case LogicalKind::kJoin:
      PushIntoJoin(op, std::move(conjuncts));
      return;
    case LogicalKind::kUnnest:
    case LogicalKind::kLimit:  // a filter below a limit would let other rows in
    case LogicalKind::kGet:
    case LogicalKind::kValues:
      for (auto& child : op->children) PushDown(child, {});
      FilterAbove(op, std::move(conjuncts));
      return;
  }
}

}  // namespace

void PushDownFilters(LogicalOperatorPtr& plan) { PushDown(plan, {}); }

}  // namespace sluice::planner
