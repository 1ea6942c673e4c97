// The Binder's joins: JOIN ... ON / USING, CROSS JOIN and comma-separated
// FROM items.

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/sql/planner/binder_internal.h"
#include "sluice/sql/planner/decorrelator.h"

namespace sluice::planner {

namespace {

JoinType ToJoinType(sql::JoinType t) {
  switch (t) {
    case sql::JoinType::kInner:
    case sql::JoinType::kCross: return JoinType::kInner;
    case sql::JoinType::kLeft: return JoinType::kLeft;
    case sql::JoinType::kRight: return JoinType::kRight;
    case sql::JoinType::kFull: return JoinType::kFull;
  }
  return JoinType::kInner;
}

// The unqualified column `name` of one side of a USING join.
size_t UsingColumn(const BindScope& side, const std::string& name, const char* which,
                   const sql::Relation& at) {
  std::optional<size_t> found;
  try {
    found = const_cast<BindScope&>(side).TryResolve({name});
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), e.message(), at.position);
  }
  if (!found) {
    throw SluiceError(ErrorCode::kColumnNotFound,
                      "Column '" + name + "' is missing from " + which + " side of join", at.position);
  }
  return *found;
}

BoundExpressionPtr ColumnOf(const BindScope& scope, size_t index, size_t offset) {
  const BindScope::Column& c = scope.columns()[index];
  return BoundExpression::ColumnRef(offset + index, c.type, c.name);
}

BoundExpressionPtr CastTo(BoundExpressionPtr e, LogicalType type) {
  return e->type == type ? std::move(e) : BoundExpression::Cast(std::move(e), type);
}

}  // namespace

LogicalOperatorPtr Binder::CrossJoin(LogicalOperatorPtr left, LogicalOperatorPtr right) {
  auto join = std::make_unique<LogicalJoin>();
  join->names = left->names;
  join->types = left->types;
  join->names.insert(join->names.end(), right->names.begin(), right->names.end());
  join->types.insert(join->types.end(), right->types.begin(), right->types.end());
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  return join;
}

LogicalOperatorPtr Binder::BindJoin(const sql::JoinRelation& relation, Block& block) {
  // Each side sees only its own relations (a LATERAL right side the left's
  // too); the condition sees both.
  Block left_block, right_block;
  LogicalOperatorPtr left = BindFrom(*relation.left, left_block);
  if (relation.right->kind == sql::RelationKind::kUnnest) {
    // A lateral UNNEST: CROSS JOIN, or [LEFT] JOIN ... ON true (Trino).
    const auto* on = relation.condition.get();
    const bool on_true = on && on->kind == sql::ExpressionKind::kLiteral &&
                         static_cast<const sql::Literal&>(*on).literal_kind == sql::LiteralKind::kBoolean &&
                         AsciiLower(static_cast<const sql::Literal&>(*on).text) == "true";
    const bool cross = relation.join_type == sql::JoinType::kCross ||
                       (relation.join_type == sql::JoinType::kInner && (!on || on_true));
    const bool left_join = relation.join_type == sql::JoinType::kLeft && on_true;
    if ((!cross && !left_join) || !relation.using_columns.empty()) {
      throw SluiceError(ErrorCode::kNotSupported,
                        "UNNEST on the right of a join must be CROSS JOIN UNNEST or [LEFT] JOIN UNNEST ... ON true",
                        relation.position);
    }
    for (const auto& c : left_block.scope.columns()) block.scope.Add(c);
    return BindUnnest(static_cast<const sql::UnnestRelation&>(*relation.right), std::move(left), left_block.scope,
                      left_join, block);
  }
  LogicalOperatorPtr right;
  const auto* lateral = relation.right->kind == sql::RelationKind::kSubquery &&
                                static_cast<const sql::SubqueryRelation&>(*relation.right).lateral
                            ? static_cast<const sql::SubqueryRelation*>(relation.right.get())
                            : nullptr;
  const JoinType type = ToJoinType(relation.join_type);
  if (lateral) {
    if (type == JoinType::kRight || type == JoinType::kFull || !relation.using_columns.empty()) {
      throw SluiceError(ErrorCode::kNotSupported,
                        "LATERAL is supported in CROSS, INNER and LEFT joins with ON, not in this join",
                        relation.right->position);
    }
    BoundQuery sub = BindLateral(*lateral, left_block);
    AddSubqueryColumns(*lateral, sub, right_block);
    right = std::move(sub.plan);
  } else {
    right = BindFrom(*relation.right, right_block);
  }
  const BindScope& left_scope = left_block.scope;
  const BindScope& right_scope = right_block.scope;
  const size_t left_width = left_scope.size();

  if (relation.using_columns.empty()) {
    Block both;
    for (const auto& c : left_scope.columns()) both.scope.Add(c);
    for (const auto& c : right_scope.columns()) both.scope.Add(c);
    BoundExpressionPtr condition;
    if (relation.condition) {
      condition = Bind(*relation.condition, both);
      if (condition->type.id() != TypeId::kBoolean) {
        throw SluiceError(ErrorCode::kTypeMismatch,
                          "JOIN ON clause must evaluate to a boolean: actual type " + condition->type.ToString(),
                          relation.condition->position);
      }
    }
    for (const auto& c : both.scope.columns()) block.scope.Add(c);
    if (!both.subqueries.empty()) {
      // Subqueries in ON: over every pair, then the condition as a filter.
      if (type != JoinType::kInner) {
        throw SluiceError(ErrorCode::kNotSupported, "Subqueries in the ON clause of an outer join are not supported",
                          relation.condition->position);
      }
      LogicalOperatorPtr plan = lateral ? PlanDependentJoin(std::move(left), std::move(right), type, nullptr)
                                        : CrossJoin(std::move(left), std::move(right));
      plan = PlanSubqueries(std::move(plan), both.subqueries, &condition, {});
      if (condition) plan = FilterOver(std::move(plan), std::move(condition));
      return KeepColumns(std::move(plan), both.scope.size());
    }
    if (lateral) return PlanDependentJoin(std::move(left), std::move(right), type, std::move(condition));
    LogicalOperatorPtr plan = CrossJoin(std::move(left), std::move(right));
    auto& join = static_cast<LogicalJoin&>(*plan);
    join.join_type = type;
    join.condition = std::move(condition);
    return plan;
  }
  LogicalOperatorPtr plan = CrossJoin(std::move(left), std::move(right));
  auto& join = static_cast<LogicalJoin&>(*plan);
  join.join_type = type;

  // USING (k, ...): the keys are equal after a cast to their common type;
  // the output is each key once (the non-NULL side's value, for outer
  // joins), then every column of both sides, whose keys are reachable only
  // as left.k and right.k.
  std::vector<std::pair<size_t, size_t>> keys;  // (left index, right index)
  std::vector<LogicalType> key_types;
  std::vector<BoundExpressionPtr> equalities;
  std::vector<std::string> names;
  for (const std::string& written : relation.using_columns) {
    const std::string name = AsciiLower(written);
    for (const auto& seen : names) {
      if (seen == name) {
        throw SluiceError(ErrorCode::kSyntaxError, "Column '" + name + "' appears multiple times in USING clause",
                          relation.position);
      }
    }
    names.push_back(name);
    const size_t l = UsingColumn(left_scope, name, "left", relation);
    const size_t r = UsingColumn(right_scope, name, "right", relation);
    const LogicalType lt = left_scope.columns()[l].type, rt = right_scope.columns()[r].type;
    LogicalType common = CommonSuperType(lt, rt);
    if (common.id() == TypeId::kInvalid) {
      throw SluiceError(ErrorCode::kTypeMismatch,
                        "Column '" + name + "' in USING clause has incompatible types: " + lt.ToString() +
                            " (left) and " + rt.ToString() + " (right)",
                        relation.position);
    }
    keys.emplace_back(l, r);
    key_types.push_back(common);
    sql::ColumnRef at;
    at.position = relation.position;
    equalities.push_back(MakeComparison("=", ColumnOf(left_scope, l, 0), ColumnOf(right_scope, r, left_width), at));
  }
  join.condition = BoundExpression::Conjunction(std::move(equalities));

  auto projection = std::make_unique<LogicalProjection>();
  for (size_t k = 0; k < keys.size(); ++k) {
    auto from_left = CastTo(ColumnOf(left_scope, keys[k].first, 0), key_types[k]);
    auto from_right = CastTo(ColumnOf(right_scope, keys[k].second, left_width), key_types[k]);
    BoundExpressionPtr merged;
    if (join.join_type == JoinType::kRight) {
      merged = std::move(from_right);
    } else if (join.join_type == JoinType::kFull) {
      // CASE WHEN left.k IS NOT NULL THEN left.k ELSE right.k END
      merged = std::make_unique<BoundExpression>();
      merged->kind = ExpressionKind::kCase;
      merged->type = key_types[k];
      auto test = std::make_unique<BoundExpression>();
      test->kind = ExpressionKind::kIsNotNull;
      test->type = LogicalType::Boolean();
      test->children.push_back(from_left->Copy());
      merged->children.push_back(std::move(test));
      merged->children.push_back(std::move(from_left));
      merged->children.push_back(std::move(from_right));
    } else {
      merged = std::move(from_left);
    }
    merged->name = names[k];
    projection->names.push_back(names[k]);
    projection->types.push_back(key_types[k]);
    projection->exprs.push_back(std::move(merged));
    block.scope.Add({"", "", names[k], key_types[k]});
  }
  auto add_side = [&](const BindScope& side, size_t offset, bool is_left) {
    for (size_t c = 0; c < side.size(); ++c) {
      BindScope::Column column = side.columns()[c];
      for (const auto& key : keys) {
        if ((is_left ? key.first : key.second) == c) column.qualified_only = true;
      }
      projection->names.push_back(column.name);
      projection->types.push_back(column.type);
      projection->exprs.push_back(ColumnOf(side, c, offset));
      block.scope.Add(std::move(column));
    }
  };
  add_side(left_scope, 0, true);
  add_side(right_scope, left_width, false);
  projection->children.push_back(std::move(plan));
  return projection;
}

}  // namespace sluice::planner
