// The Binder's subqueries in expressions (scalar, EXISTS, IN, quantified
// comparisons), references to enclosing queries' columns, and LATERAL
// relations. Planning them into joins is subquery_planner's and
// decorrelator's.

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/sql/planner/binder_internal.h"
#include "sluice/sql/planner/decorrelator.h"

namespace sluice::planner {

namespace {

// Restores the binder's outer frames when a subquery's binding ends.
template <typename Frames>
struct FramePush {
  FramePush(Frames& frames, typename Frames::value_type frame) : frames_(frames) { frames_.push_back(frame); }
  ~FramePush() { frames_.pop_back(); }
  Frames& frames_;
};

}  // namespace

BoundExpressionPtr Binder::ResolveOuterColumn(const std::vector<std::string>& parts, const sql::Expression& at) {
  for (size_t f = outer_frames_.size(); f-- > 0;) {
    const OuterFrame& frame = outer_frames_[f];
    std::optional<size_t> index;
    try {
      index = frame.block->scope.TryResolve(parts);
    } catch (const SluiceError& e) {
      throw SluiceError(e.code(), e.message(), at.position);
    }
    if (!index) continue;
    const uint32_t depth = static_cast<uint32_t>(outer_frames_.size() - f);
    const BindScope::Column& column = frame.block->scope.columns()[*index];
    if (!frame.aggregated) return BoundExpression::OuterRef(depth, *index, column.type, parts.back());
    // After aggregation the enclosing query has its group keys only.
    const auto& groups = frame.block->groups;
    for (size_t g = 0; g < groups.size(); ++g) {
      if (groups[g]->kind == ExpressionKind::kColumnRef && groups[g]->column_index == *index) {
        return BoundExpression::OuterRef(depth, g, column.type, parts.back());
      }
    }
    throw SluiceError(ErrorCode::kSyntaxError,
                      "Subquery uses '" + at.ToString() + "' which must appear in GROUP BY clause", at.position);
  }
  return nullptr;
}

BoundExpressionPtr Binder::BindSubquery(const sql::SubqueryExpression& expr, Block& block, bool aggregated) {
  BoundSubquery sq;
  sq.position = expr.position;
  sq.placeholder = next_placeholder_++;
  // The tested value belongs to this block: bound before the subquery.
  BoundExpressionPtr operand;
  if (expr.operand) operand = BindNode(*expr.operand, block, aggregated);
  BoundQuery sub;
  {
    FramePush push(outer_frames_, OuterFrame{&block, aggregated && !block.in_aggregate_argument});
    sub = BindQueryBody(*expr.query, true);
  }
  if (expr.kind != sql::ExpressionKind::kExists && sub.types.size() != 1) {
    throw SluiceError(ErrorCode::kNotSupported,
                      "Multiple columns returned by subquery are not yet supported. Found " +
                          std::to_string(sub.types.size()),
                      expr.position);
  }
  LogicalType type = LogicalType::Boolean();
  bool negated = false;
  switch (expr.kind) {
    case sql::ExpressionKind::kExists: sq.kind = BoundSubquery::Kind::kExists; break;
    case sql::ExpressionKind::kSubquery:
      sq.kind = BoundSubquery::Kind::kScalar;
      type = sub.types[0];
      break;
    case sql::ExpressionKind::kInSubquery:
    case sql::ExpressionKind::kQuantifiedComparison: {
      // x = ANY (...) is x IN (...), and x <> ALL (...) is x NOT IN (...).
      const bool is_in = expr.kind == sql::ExpressionKind::kInSubquery || (expr.op == "=" && !expr.all) ||
                         (expr.op == "<>" && expr.all);
      negated = expr.kind == sql::ExpressionKind::kInSubquery ? expr.negated : expr.all;
      sq.kind = is_in ? BoundSubquery::Kind::kIn : BoundSubquery::Kind::kQuantified;
      sq.op = expr.op;
      sq.all = expr.all;
      // = ALL and <> ANY look for a value that differs from x.
      const std::string op = is_in ? "=" : (expr.op == "=" || expr.op == "<>") ? "<>" : expr.op;
      auto value = BoundExpression::ColumnRef(kSubqueryValue, sub.types[0], sub.names[0]);
      sq.comparison = MakeComparison(op, std::move(operand), std::move(value), expr);
      if (!is_in) negated = false;
      break;
    }
    default: ThrowInternal("not a subquery expression");
  }
  sq.plan = std::move(sub.plan);
  auto placeholder = BoundExpression::ColumnRef(kPlaceholderBase + sq.placeholder, type, expr.ToString());
  (aggregated && !block.in_aggregate_argument ? block.subqueries_after_aggregation : block.subqueries)
      .push_back(std::move(sq));
  if (!negated) return placeholder;
  auto n = std::make_unique<BoundExpression>();
  n->kind = ExpressionKind::kNot;
  n->type = LogicalType::Boolean();
  n->children.push_back(std::move(placeholder));
  return n;
}

LogicalOperatorPtr Binder::PlanSubqueries(LogicalOperatorPtr plan, std::vector<BoundSubquery>& subqueries,
                                          BoundExpressionPtr* filter, const std::vector<BoundExpression*>& exprs,
                                          PlaceholderColumns columns) {
  if (subqueries.empty() && columns.empty()) return plan;
  plan = JoinSubqueries(std::move(plan), std::move(subqueries), filter, columns);
  subqueries.clear();
  for (BoundExpression* e : exprs) {
    if (e) ResolvePlaceholders(*e, columns);
  }
  return plan;
}

BoundQuery Binder::BindLateral(const sql::SubqueryRelation& relation, Block& left) {
  FramePush push(outer_frames_, OuterFrame{&left, false});
  return BindQueryBody(*relation.query, true);
}

LogicalOperatorPtr Binder::BindFromList(const std::vector<sql::RelationPtr>& from, Block& block) {
  // FROM a, b, ...: cross joins, which WHERE's equalities turn into
  // equi-joins (see PushFiltersIntoJoins). Each item sees only itself, a
  // LATERAL one the items before it too.
  LogicalOperatorPtr plan;
  for (const auto& item : from) {
    if (item->kind == sql::RelationKind::kUnnest && plan) {
      // FROM t, UNNEST(t.a): lateral, over everything before it.
      const BindScope left_scope = block.scope;
      plan = BindUnnest(static_cast<const sql::UnnestRelation&>(*item), std::move(plan), left_scope, false, block);
      continue;
    }
    Block item_block;
    LogicalOperatorPtr relation;
    const bool lateral = plan && item->kind == sql::RelationKind::kSubquery &&
                         static_cast<const sql::SubqueryRelation&>(*item).lateral;
    if (lateral) {
      const auto& s = static_cast<const sql::SubqueryRelation&>(*item);
      BoundQuery sub = BindLateral(s, block);
      AddSubqueryColumns(s, sub, item_block);
      plan = PlanDependentJoin(std::move(plan), std::move(sub.plan), JoinType::kInner, nullptr);
    } else {
      relation = BindFrom(*item, item_block);
      plan = plan ? CrossJoin(std::move(plan), std::move(relation)) : std::move(relation);
    }
    for (const auto& c : item_block.scope.columns()) block.scope.Add(c);
  }
  return plan;
}

}  // namespace sluice::planner
