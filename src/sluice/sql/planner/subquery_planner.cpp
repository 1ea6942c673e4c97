#include "sluice/sql/planner/subquery_planner.h"

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/sql/planner/decorrelator.h"

namespace sluice::planner {

namespace {

using function::FunctionRegistry;

bool IsPlaceholder(const BoundExpression& e, size_t id) {
  return e.kind == ExpressionKind::kColumnRef && e.column_index == kPlaceholderBase + id;
}

// A copy of `e` with the subquery's value (ColumnRef(kSubqueryValue)) read
// from `value`.
BoundExpressionPtr WithValue(const BoundExpression& e, const BoundExpression& value) {
  if (e.kind == ExpressionKind::kColumnRef && e.column_index == kSubqueryValue) return value.Copy();
  auto copy = e.Copy();
  for (size_t i = 0; i < e.children.size(); ++i) copy->children[i] = WithValue(*e.children[i], value);
  return copy;
}

bool HasPlaceholder(const BoundExpression& e) {
  if (e.kind == ExpressionKind::kColumnRef && e.column_index >= kPlaceholderBase) return true;
  for (const auto& c : e.children) {
    if (HasPlaceholder(*c)) return true;
  }
  return false;
}

bool ReadsValue(const BoundExpression& e) {
  if (e.kind == ExpressionKind::kColumnRef && e.column_index == kSubqueryValue) return true;
  for (const auto& c : e.children) {
    if (ReadsValue(*c)) return true;
  }
  return false;
}

// EXISTS ignores the select list, ORDER BY and a LIMIT above zero; under
// LIMIT 0 there are no rows.
LogicalOperatorPtr StripForExists(LogicalOperatorPtr plan) {
  for (;;) {
    if (plan->kind == LogicalKind::kProjection || plan->kind == LogicalKind::kOrder) {
      plan = std::move(plan->children[0]);
    } else if (plan->kind == LogicalKind::kLimit && static_cast<LogicalLimit&>(*plan).offset == 0) {
      if (static_cast<LogicalLimit&>(*plan).limit == 0) {
        auto none = std::make_unique<LogicalValues>();
        none->names = plan->names;
        none->types = plan->types;
        return none;
      }
      plan = std::move(plan->children[0]);
    } else {
      return plan;
    }
  }
}

LogicalOperatorPtr LimitOne(LogicalOperatorPtr plan) {
  auto limit = std::make_unique<LogicalLimit>();
  limit->limit = 1;
  limit->names = plan->names;
  limit->types = plan->types;
  limit->children.push_back(std::move(plan));
  return limit;
}

BoundExpressionPtr Logical(ExpressionKind kind, BoundExpressionPtr a, BoundExpressionPtr b = nullptr) {
  auto e = std::make_unique<BoundExpression>();
  e->kind = kind;
  e->type = LogicalType::Boolean();
  e->children.push_back(std::move(a));
  if (b) e->children.push_back(std::move(b));
  return e;
}

BoundExpressionPtr Bool(bool v) { return BoundExpression::Constant(Value::Boolean(v)); }
BoundExpressionPtr NullBool() { return BoundExpression::Constant(Value::Null(LogicalType::Boolean())); }

// x <op> ALL|ANY (subquery) from the subquery's min, max, count(*) and
// count(value) (columns `at` .. at + 3 of `plan`), three-valued:
//   ANY: FALSE over no rows; NULL for a NULL x; TRUE when some non-NULL
//        value satisfies the comparison; else NULL when a value is NULL,
//        else FALSE.
//   ALL: TRUE over no rows; NULL for a NULL x; FALSE when some non-NULL
//        value fails it; else NULL when a value is NULL, else TRUE.
// Some value satisfies x < y when x < max; fails it when x >= min; and so
// on; = ALL and <> ANY look for a value other than x (x <> min OR x <> max).
BoundExpressionPtr QuantifiedTest(const BoundSubquery& sq, const LogicalOperator& plan, size_t at) {
  auto column = [&](size_t i) { return BoundExpression::ColumnRef(at + i, plan.types[at + i], plan.names[at + i]); };
  auto compare = [&](size_t extreme) { return WithValue(*sq.comparison, *column(extreme)); };
  const bool use_min = sq.op == ">" || sq.op == ">=";  // ANY; ALL takes the other one
  BoundExpressionPtr decisive;  // ANY: some value satisfies; ALL: some value fails
  if (sq.op == "=" || sq.op == "<>") {
    decisive = Logical(ExpressionKind::kOr, compare(0), compare(1));
  } else if (!sq.all) {
    decisive = compare(use_min ? 0 : 1);
  } else {
    decisive = Logical(ExpressionKind::kNot, compare(use_min ? 1 : 0));
  }
  const BoundExpression* x = nullptr;
  for (const auto& c : sq.comparison->children) {
    if (!ReadsValue(*c)) x = c.get();
  }
  SLUICE_CHECK(x != nullptr, "quantified comparison without its operand");
  auto zero = [] { return BoundExpression::Constant(Value::Bigint(0)); };
  auto test = std::make_unique<BoundExpression>();
  test->kind = ExpressionKind::kCase;
  test->type = LogicalType::Boolean();
  test->name = "quantified";
  auto add = [&](BoundExpressionPtr when, BoundExpressionPtr then) {
    test->children.push_back(std::move(when));
    test->children.push_back(std::move(then));
  };
  add(CallFunction("equal", column(2), zero()), Bool(sq.all));
  add(Logical(ExpressionKind::kIsNull, x->Copy()), NullBool());
  add(Logical(ExpressionKind::kAnd, CallFunction("greater_than", column(3), zero()), std::move(decisive)), Bool(!sq.all));
  add(CallFunction("less_than", column(3), column(2)), NullBool());
  test->children.push_back(Bool(sq.all));
  return test;
}

// The subquery's min, max, count(*) and count of its value.
LogicalOperatorPtr QuantifierAggregates(LogicalOperatorPtr sub) {
  const auto& registry = FunctionRegistry::Get();
  const LogicalType type = sub->types[0];
  auto agg = std::make_unique<LogicalAggregate>();
  auto add = [&](const std::string& name, bool with_argument) {
    std::vector<LogicalType> args;
    if (with_argument) args.push_back(type);
    auto bound = registry.BindAggregate(name, args);
    BoundAggregate a;
    a.function = bound.function;
    if (with_argument) {
      a.argument = BoundExpression::Cast(BoundExpression::ColumnRef(0, type, sub->names[0]), bound.arg_types[0]);
    }
    agg->names.push_back("$" + name);
    agg->types.push_back(bound.function.return_type);
    agg->aggregates.push_back(std::move(a));
  };
  add("min", true);
  add("max", true);
  add("count", false);
  add("count", true);
  agg->children.push_back(std::move(sub));
  return agg;
}

}  // namespace

void ResolvePlaceholders(BoundExpression& e, const PlaceholderColumns& columns) {
  if (e.kind == ExpressionKind::kColumnRef && e.column_index >= kPlaceholderBase) {
    auto it = columns.find(e.column_index - kPlaceholderBase);
    SLUICE_CHECK(it != columns.end(), "a subquery's placeholder without its column");
    e.column_index = it->second;
  }
  for (auto& c : e.children) ResolvePlaceholders(*c, columns);
}

LogicalOperatorPtr JoinSubqueries(LogicalOperatorPtr plan, std::vector<BoundSubquery> subqueries,
                                  BoundExpressionPtr* filter, PlaceholderColumns& columns) {
  std::vector<BoundExpressionPtr> conjuncts;
  if (filter && *filter) {
    std::vector<BoundExpressionPtr> pending;
    pending.push_back(std::move(*filter));
    while (!pending.empty()) {
      BoundExpressionPtr e = std::move(pending.back());
      pending.pop_back();
      if (e->kind == ExpressionKind::kAnd) {
        for (auto it = e->children.rbegin(); it != e->children.rend(); ++it) pending.push_back(std::move(*it));
      } else {
        conjuncts.push_back(std::move(e));
      }
    }
  }
  // Conjuncts without a subquery filter first: a correlated subquery's
  // domain (the outer rows' distinct correlation values) is computed from
  // `plan`, which WHERE's join equalities must already restrict (else FROM
  // a, b, c WHERE ... decorrelates over the cross product).
  if (!subqueries.empty()) {
    std::vector<BoundExpressionPtr> plain;
    for (auto it = conjuncts.begin(); it != conjuncts.end();) {
      if (HasPlaceholder(**it)) {
        ++it;
      } else {
        plain.push_back(std::move(*it));
        it = conjuncts.erase(it);
      }
    }
    if (!plain.empty()) plan = FilterOver(std::move(plan), MakeAnd(std::move(plain)));
  }
  // The conjunct that is exactly this subquery's test (or its negation).
  auto take_conjunct = [&](size_t id, bool negated) {
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      const BoundExpression& c = *conjuncts[i];
      const bool match = negated ? c.kind == ExpressionKind::kNot && IsPlaceholder(*c.children[0], id)
                                 : IsPlaceholder(c, id);
      if (match) {
        conjuncts.erase(conjuncts.begin() + static_cast<long>(i));
        return true;
      }
    }
    return false;
  };
  for (BoundSubquery& sq : subqueries) {
    if (sq.comparison) ResolvePlaceholders(*sq.comparison, columns);
    const size_t width = plan->types.size();
    try {
      switch (sq.kind) {
        case BoundSubquery::Kind::kExists: {
          LogicalOperatorPtr sub = StripForExists(std::move(sq.plan));
          if (!IsCorrelated(*sub)) sub = LimitOne(std::move(sub));
          if (take_conjunct(sq.placeholder, false)) {
            plan = PlanDependentJoin(std::move(plan), std::move(sub), JoinType::kSemi, nullptr);
          } else if (take_conjunct(sq.placeholder, true)) {
            plan = PlanDependentJoin(std::move(plan), std::move(sub), JoinType::kAnti, nullptr);
          } else {
            plan = PlanDependentJoin(std::move(plan), std::move(sub), JoinType::kMark, nullptr);
            columns[sq.placeholder] = width;
          }
          break;
        }
        case BoundSubquery::Kind::kIn: {
          auto value = BoundExpression::ColumnRef(width, sq.plan->types[0], sq.plan->names[0]);
          auto comparison = WithValue(*sq.comparison, *value);
          if (take_conjunct(sq.placeholder, false)) {
            plan = PlanDependentJoin(std::move(plan), std::move(sq.plan), JoinType::kSemi, std::move(comparison));
          } else {
            plan = PlanDependentJoin(std::move(plan), std::move(sq.plan), JoinType::kMark, nullptr,
                                     std::move(comparison));
            columns[sq.placeholder] = width;
          }
          break;
        }
        case BoundSubquery::Kind::kScalar:
          plan = PlanDependentJoin(std::move(plan), std::move(sq.plan), JoinType::kSingle, nullptr);
          columns[sq.placeholder] = width;
          break;
        case BoundSubquery::Kind::kQuantified: {
          plan = PlanDependentJoin(std::move(plan), QuantifierAggregates(std::move(sq.plan)), JoinType::kSingle,
                                   nullptr);
          auto projection = std::make_unique<LogicalProjection>();
          for (size_t i = 0; i < plan->types.size(); ++i) {
            projection->exprs.push_back(BoundExpression::ColumnRef(i, plan->types[i], plan->names[i]));
          }
          projection->exprs.push_back(QuantifiedTest(sq, *plan, width));
          projection->names = plan->names;
          projection->names.push_back("$quantified");
          projection->types = plan->types;
          projection->types.push_back(LogicalType::Boolean());
          projection->children.push_back(std::move(plan));
          plan = std::move(projection);
          columns[sq.placeholder] = width + 4;
          break;
        }
      }
    } catch (const SluiceError& e) {
      if (e.position()) throw;
      throw SluiceError(e.code(), e.message(), sq.position);
    }
  }
  if (filter) {
    for (auto& c : conjuncts) ResolvePlaceholders(*c, columns);
    *filter = MakeAnd(std::move(conjuncts));
  }
  return plan;
}

}  // namespace sluice::planner
