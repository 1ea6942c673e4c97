#include "sluice/sql/planner/decorrelator.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "sluice/common/error.h"
#include "sluice/expression/expression_executor.h"
#include "sluice/functions/function_registry.h"

namespace sluice::planner {

namespace {

bool ReadsDepth(const BoundExpression& e, uint32_t depth) {
  if (e.kind == ExpressionKind::kOuterRef) return e.depth == depth;
  for (const auto& c : e.children) {
    if (ReadsDepth(*c, depth)) return true;
  }
  return false;
}

// While decorrelating, a reference of depth 0 reads the outer plan (the
// subquery's references were all made one shallower first).
bool ReadsOuter(const BoundExpression& e) { return ReadsDepth(e, 0); }

// Calls f on every expression `op` holds (not its children's).
void ForEachExpression(LogicalOperator& op, const std::function<void(BoundExpressionPtr&)>& f) {
  switch (op.kind) {
    case LogicalKind::kFilter: f(static_cast<LogicalFilter&>(op).predicate); return;
    case LogicalKind::kProjection:
      for (auto& e : static_cast<LogicalProjection&>(op).exprs) f(e);
      return;
    case LogicalKind::kAggregate: {
      auto& agg = static_cast<LogicalAggregate&>(op);
      for (auto& g : agg.groups) f(g);
      for (auto& a : agg.aggregates) a.ForEachExpression(f);
      return;
    }
    case LogicalKind::kOrder:
      for (auto& k : static_cast<LogicalOrder&>(op).keys) f(k.expr);
      return;
    case LogicalKind::kWindow: {
      auto& window = static_cast<LogicalWindow&>(op);
      for (auto& e : window.partition_by) f(e);
      for (auto& k : window.order_by) f(k.expr);
      for (auto& w : window.functions) {
        for (auto& a : w.arguments) f(a);
        if (w.filter) f(w.filter);
        for (BoundFrameBound* b : {&w.frame.start, &w.frame.end}) {
          if (b->offset) f(b->offset);
          if (b->range_value) f(b->range_value);
          if (b->range_key) f(b->range_key);
        }
      }
      return;
    }
    case LogicalKind::kUnnest:
      for (auto& e : static_cast<LogicalUnnest&>(op).exprs) f(e);
      return;
    case LogicalKind::kJoin: {
      auto& join = static_cast<LogicalJoin&>(op);
      if (join.condition) f(join.condition);
      if (join.mark_comparison) f(join.mark_comparison);
      return;
    }
    case LogicalKind::kGet:
    case LogicalKind::kValues:
    case LogicalKind::kLimit:
    case LogicalKind::kUnion: return;
  }
}

bool NodeReads(LogicalOperator& op, uint32_t depth) {
  bool reads = false;
  ForEachExpression(op, [&](BoundExpressionPtr& e) { reads = reads || ReadsDepth(*e, depth); });
  return reads;
}
bool NodeReadsOuter(LogicalOperator& op) { return NodeReads(op, 0); }

bool SubtreeReads(LogicalOperator& op, uint32_t depth) {
  if (NodeReads(op, depth)) return true;
  for (auto& c : op.children) {
    if (SubtreeReads(*c, depth)) return true;
  }
  return false;
}
bool SubtreeReadsOuter(LogicalOperator& op) { return SubtreeReads(op, 0); }

void VisitAll(BoundExpression& e, const std::function<void(BoundExpression&)>& f) {
  f(e);
  for (auto& c : e.children) VisitAll(*c, f);
}

// Every outer reference in `op`'s subtree one level shallower.
void DecrementDepths(LogicalOperator& op) {
  ForEachExpression(op, [](BoundExpressionPtr& e) {
    VisitAll(*e, [](BoundExpression& x) {
      if (x.kind == ExpressionKind::kOuterRef) --x.depth;
    });
  });
  for (auto& c : op.children) DecrementDepths(*c);
}

void CollectOuterColumns(LogicalOperator& op, std::set<size_t>& columns) {
  ForEachExpression(op, [&](BoundExpressionPtr& e) {
    VisitAll(*e, [&](BoundExpression& x) {
      if (x.kind == ExpressionKind::kOuterRef && x.depth == 0) columns.insert(x.column_index);
    });
  });
  for (auto& c : op.children) CollectOuterColumns(*c, columns);
}

// Rewrites column references: local ones through `local`, depth-0 outer
// ones into local ones through `outer` (both return the new column index;
// without `outer` they stay).
void Remap(BoundExpression& e, const std::function<size_t(size_t)>& local,
           const std::function<size_t(size_t)>& outer) {
  if (e.kind == ExpressionKind::kColumnRef) {
    e.column_index = local(e.column_index);
  } else if (e.kind == ExpressionKind::kOuterRef && e.depth == 0 && outer) {
    e.kind = ExpressionKind::kColumnRef;
    e.depth = 0;
    e.column_index = outer(e.column_index);
  }
  for (auto& c : e.children) Remap(*c, local, outer);
}

size_t Same(size_t i) { return i; }

BoundExpressionPtr Ref(const LogicalOperator& op, size_t i) {
  return BoundExpression::ColumnRef(i, op.types[i], op.names[i]);
}

LogicalOperatorPtr Project(LogicalOperatorPtr child, std::vector<BoundExpressionPtr> exprs,
                           std::vector<std::string> names) {
  auto projection = std::make_unique<LogicalProjection>();
  for (size_t i = 0; i < exprs.size(); ++i) {
    projection->types.push_back(exprs[i]->type);
    projection->names.push_back(std::move(names[i]));
  }
  projection->exprs = std::move(exprs);
  projection->children.push_back(std::move(child));
  return projection;
}

// A projection of `child`'s columns `order` (indices).
LogicalOperatorPtr Reorder(LogicalOperatorPtr child, const std::vector<size_t>& order) {
  std::vector<BoundExpressionPtr> exprs;
  std::vector<std::string> names;
  for (size_t i : order) {
    exprs.push_back(Ref(*child, i));
    names.push_back(child->names[i]);
  }
  return Project(std::move(child), std::move(exprs), std::move(names));
}

std::vector<size_t> Range(size_t begin, size_t end) {
  std::vector<size_t> out;
  for (size_t i = begin; i < end; ++i) out.push_back(i);
  return out;
}

BoundExpressionPtr NullSafeEqual(BoundExpressionPtr a, BoundExpressionPtr b) {
  return CallFunction("is_not_distinct_from", std::move(a), std::move(b));
}

// CASE WHEN marker IS NULL THEN value ELSE e END: a column of a left
// join's right side that must read `value` on unmatched rows.
BoundExpressionPtr UnlessMatched(BoundExpressionPtr marker, const Value& value, BoundExpressionPtr e) {
  auto test = std::make_unique<BoundExpression>();
  test->kind = ExpressionKind::kIsNull;
  test->type = LogicalType::Boolean();
  test->children.push_back(std::move(marker));
  auto out = std::make_unique<BoundExpression>();
  out->kind = ExpressionKind::kCase;
  out->type = e->type;
  out->name = e->name;
  out->children.push_back(std::move(test));
  out->children.push_back(BoundExpression::Cast(BoundExpression::Constant(value), e->type));
  out->children.push_back(std::move(e));
  return out;
}

// `plan` with a constant TRUE column appended: NULL after a left join on
// the rows the right side did not match.
LogicalOperatorPtr WithMatchMarker(LogicalOperatorPtr plan) {
  std::vector<BoundExpressionPtr> exprs;
  std::vector<std::string> names;
  for (size_t i = 0; i < plan->types.size(); ++i) {
    exprs.push_back(Ref(*plan, i));
    names.push_back(plan->names[i]);
  }
  exprs.push_back(BoundExpression::Constant(Value::Boolean(true)));
  names.push_back("$matched");
  return Project(std::move(plan), std::move(exprs), std::move(names));
}

// What an aggregate gives over no rows (count: 0; most: NULL).
Value EmptyAggregateValue(const BoundAggregate& aggregate) {
  const function::AggregateFunction& f = aggregate.function;
  std::vector<uint64_t> state((f.state_size + 7) / 8 + 1);
  auto* bytes = reinterpret_cast<uint8_t*>(state.data());
  f.initialize(bytes);
  Vector out(f.return_type, 1);
  f.finalize(bytes, out, 0);
  if (f.destroy) f.destroy(bytes);
  return out.GetValue(0);
}

// Replaces column references by constants, for evaluating an expression
// over an aggregation's empty row.
BoundExpressionPtr WithConstants(const BoundExpression& e, const std::vector<Value>& row) {
  if (e.kind == ExpressionKind::kColumnRef) {
    auto c = BoundExpression::Constant(row[e.column_index]);
    c->type = e.type;
    return c;
  }
  auto copy = e.Copy();
  copy->children.clear();
  for (const auto& c : e.children) copy->children.push_back(WithConstants(*c, row));
  return copy;
}

void SplitAnd(BoundExpressionPtr e, std::vector<BoundExpressionPtr>& out) {
  if (e->kind == ExpressionKind::kAnd) {
    for (auto& c : e->children) SplitAnd(std::move(c), out);
  } else {
    out.push_back(std::move(e));
  }
}

bool ReadsLocal(const BoundExpression& e) {
  if (e.kind == ExpressionKind::kColumnRef) return true;
  for (const auto& c : e.children) {
    if (ReadsLocal(*c)) return true;
  }
  return false;
}

// `inner = outer` with one side reading only local columns and the other
// only outer ones: the local side's index (0 or 1), or nullopt.
std::optional<size_t> EquiKeySide(const BoundExpression& term) {
  if (term.kind != ExpressionKind::kFunction || term.function.name != "equal" || term.children.size() != 2) {
    return std::nullopt;
  }
  for (size_t side = 0; side < 2; ++side) {
    const BoundExpression& local = *term.children[side];
    const BoundExpression& other = *term.children[1 - side];
    if (ReadsLocal(local) && !ReadsOuter(local) && ReadsOuter(other) && !ReadsLocal(other)) return side;
  }
  return std::nullopt;
}

// ------------------------------------------------------------ pulling up

struct Pulled {
  std::vector<BoundExpressionPtr> conjuncts;  // over the plan's output and depth-0 references
  // Set below an aggregation without GROUP BY: the values of the plan's
  // first columns for an outer row that no group matches.
  std::optional<std::vector<Value>> empty_row;
};

// Moves the conjuncts that read the outer plan up to the top of `op`,
// which keeps its output columns first (it may add some after them).
// False when some reference sits where it cannot move from.
bool PullUp(LogicalOperatorPtr& op, Pulled& out) {
  if (!SubtreeReadsOuter(*op)) return true;
  switch (op->kind) {
    case LogicalKind::kFilter: {
      auto& filter = static_cast<LogicalFilter&>(*op);
      if (!PullUp(op->children[0], out) || out.empty_row) return false;
      std::vector<BoundExpressionPtr> terms, kept;
      SplitAnd(std::move(filter.predicate), terms);
      for (auto& t : terms) (ReadsOuter(*t) ? out.conjuncts : kept).push_back(std::move(t));
      if (kept.empty()) {
        LogicalOperatorPtr child = std::move(op->children[0]);
        op = std::move(child);
        return true;
      }
      filter.predicate = MakeAnd(std::move(kept));
      op->names = op->children[0]->names;
      op->types = op->children[0]->types;
      return true;
    }
    case LogicalKind::kProjection: {
      auto& projection = static_cast<LogicalProjection&>(*op);
      if (NodeReadsOuter(*op) || !PullUp(op->children[0], out)) return false;
      const LogicalOperator& child = *op->children[0];
      if (out.empty_row) {
        std::vector<Value> row;
        for (const auto& e : projection.exprs) {
          try {
            row.push_back(ExpressionExecutor::EvaluateConstant(*WithConstants(*e, *out.empty_row)));
          } catch (const SluiceError&) {
            return false;  // fails over no rows (1 / count(*)): leave it to unnesting
          }
        }
        out.empty_row = std::move(row);
      }
      // Pass the columns the pulled conjuncts read through.
      std::map<size_t, size_t> passed;
      for (auto& c : out.conjuncts) {
        Remap(*c, [&](size_t i) {
          auto [it, inserted] = passed.emplace(i, projection.exprs.size());
          if (inserted) {
            projection.exprs.push_back(Ref(child, i));
            op->names.push_back(child.names[i]);
            op->types.push_back(child.types[i]);
          }
          return it->second;
        }, nullptr);
      }
      return true;
    }
    case LogicalKind::kAggregate: {
      auto& agg = static_cast<LogicalAggregate&>(*op);
      if (!agg.grouping_sets.empty() || NodeReadsOuter(*op) || !PullUp(op->children[0], out) || out.empty_row) {
        return false;
      }
      const size_t groups = agg.groups.size(), aggregates = agg.aggregates.size();
      // Only `inner = outer` passes: each inner side becomes a group key.
      std::vector<size_t> sides;
      for (const auto& c : out.conjuncts) {
        auto side = EquiKeySide(*c);
        if (!side) return false;
        sides.push_back(*side);
      }
      const size_t keys = out.conjuncts.size();
      for (size_t k = 0; k < keys; ++k) {
        BoundExpressionPtr& local = out.conjuncts[k]->children[sides[k]];
        agg.groups.push_back(std::move(local));
        const LogicalType type = agg.groups.back()->type;
        local = BoundExpression::ColumnRef(groups + aggregates + k, type, "$key" + std::to_string(k));
      }
      // Output groups ++ keys ++ aggregates, reordered to groups ++ aggregates ++ keys.
      std::vector<std::string> names(op->names.begin(), op->names.begin() + groups);
      std::vector<LogicalType> types(op->types.begin(), op->types.begin() + groups);
      for (size_t k = 0; k < keys; ++k) {
        names.push_back("$key" + std::to_string(k));
        types.push_back(agg.groups[groups + k]->type);
      }
      names.insert(names.end(), op->names.begin() + groups, op->names.end());
      types.insert(types.end(), op->types.begin() + groups, op->types.end());
      op->names = std::move(names);
      op->types = std::move(types);
      std::vector<size_t> order = Range(0, groups);
      for (size_t a = 0; a < aggregates; ++a) order.push_back(groups + keys + a);
      for (size_t k = 0; k < keys; ++k) order.push_back(groups + k);
      if (groups == 0) {
        std::vector<Value> row;
        for (const auto& a : agg.aggregates) row.push_back(EmptyAggregateValue(a));
        out.empty_row = std::move(row);
      }
      op = Reorder(std::move(op), order);
      return true;
    }
    case LogicalKind::kOrder: {
      if (NodeReadsOuter(*op) || !PullUp(op->children[0], out)) return false;
      op->names = op->children[0]->names;
      op->types = op->children[0]->types;
      return true;
    }
    default:
      return false;
  }
}

// ------------------------------------------------------------ unnesting

// Pushes the dependence on the outer plan down a subquery: Push(op) is op
// computed for every value of the domain (the DISTINCT outer columns the
// subquery reads), its output op's columns followed by the domain's.
class Unnester {
 public:
  Unnester(const LogicalOperator& outer, std::vector<size_t> columns) : outer_(outer), columns_(std::move(columns)) {}

  LogicalOperatorPtr Push(LogicalOperatorPtr op) {
    if (!SubtreeReadsOuter(*op)) return MakeJoin(std::move(op), Domain(), JoinType::kInner, nullptr);
    switch (op->kind) {
      case LogicalKind::kFilter:
      case LogicalKind::kOrder: {
        op->children[0] = Push(std::move(op->children[0]));
        const size_t width = op->children[0]->types.size() - Width();
        ForEachExpression(*op, [&](BoundExpressionPtr& e) { ToDomain(*e, width); });
        op->names = op->children[0]->names;
        op->types = op->children[0]->types;
        return op;
      }
      case LogicalKind::kProjection: {
        auto& projection = static_cast<LogicalProjection&>(*op);
        op->children[0] = Push(std::move(op->children[0]));
        const size_t width = op->children[0]->types.size() - Width();
        for (auto& e : projection.exprs) ToDomain(*e, width);
        for (size_t j = 0; j < Width(); ++j) {
          projection.exprs.push_back(Ref(*op->children[0], width + j));
          op->names.push_back(op->children[0]->names[width + j]);
          op->types.push_back(op->children[0]->types[width + j]);
        }
        return op;
      }
      case LogicalKind::kAggregate: return PushAggregate(std::move(op));
      case LogicalKind::kJoin: return PushJoin(std::move(op));
      case LogicalKind::kUnion: {
        for (auto& c : op->children) c = Push(std::move(c));
        op->names = op->children[0]->names;
        op->types = op->children[0]->types;
        return op;
      }
      case LogicalKind::kUnnest: {
        // Lateral over its child: the domain columns come through the child
        // and go after the unnested ones.
        op->children[0] = Push(std::move(op->children[0]));
        const size_t width = op->children[0]->types.size() - Width();
        for (auto& e : static_cast<LogicalUnnest&>(*op).exprs) ToDomain(*e, width);
        const size_t added = op->types.size() - width;
        std::vector<std::string> names = op->children[0]->names;
        std::vector<LogicalType> types = op->children[0]->types;
        names.insert(names.end(), op->names.begin() + static_cast<long>(width), op->names.end());
        types.insert(types.end(), op->types.begin() + static_cast<long>(width), op->types.end());
        op->names = std::move(names);
        op->types = std::move(types);
        std::vector<size_t> order = Range(0, width);
        for (size_t u = 0; u < added; ++u) order.push_back(width + Width() + u);
        for (size_t j = 0; j < Width(); ++j) order.push_back(width + j);
        return Reorder(std::move(op), order);
      }
      case LogicalKind::kWindow:  // would need the domain in every PARTITION BY
      case LogicalKind::kLimit:
      case LogicalKind::kGet:
      case LogicalKind::kValues: break;
    }
    throw SluiceError(ErrorCode::kNotSupported, "Given correlated subquery is not supported");
  }

 private:
  size_t Width() const { return columns_.size(); }

  // The domain: DISTINCT outer columns, from a copy of the outer plan.
  LogicalOperatorPtr Domain() const {
    auto agg = std::make_unique<LogicalAggregate>();
    for (size_t c : columns_) {
      agg->groups.push_back(Ref(outer_, c));
      agg->names.push_back(outer_.names[c]);
      agg->types.push_back(outer_.types[c]);
    }
    agg->children.push_back(CopyPlan(outer_));
    return agg;
  }

  // Outer references read the domain columns, found after `width` columns.
  void ToDomain(BoundExpression& e, size_t width) const {
    Remap(e, Same, [&](size_t c) {
      return width + static_cast<size_t>(std::find(columns_.begin(), columns_.end(), c) - columns_.begin());
    });
  }

  LogicalOperatorPtr PushAggregate(LogicalOperatorPtr op) {
    auto& agg = static_cast<LogicalAggregate&>(*op);
    op->children[0] = Push(std::move(op->children[0]));
    const LogicalOperator& child = *op->children[0];
    const size_t width = child.types.size() - Width();
    const size_t groups = agg.groups.size(), aggregates = agg.aggregates.size();
    if (groups == 0 && !agg.grouping_sets.empty()) {
      throw SluiceError(ErrorCode::kNotSupported, "Given correlated subquery is not supported");
    }
    for (auto& g : agg.groups) ToDomain(*g, width);
    for (auto& a : agg.aggregates) a.ForEachExpression([&](BoundExpressionPtr& e) { ToDomain(*e, width); });
    // Every grouping set groups by the domain too.
    for (auto& set : agg.grouping_sets) {
      for (size_t j = 0; j < Width(); ++j) set.push_back(groups + j);
    }
    // Group by the domain too: output groups ++ domain ++ aggregates (++ set).
    std::vector<std::string> names(op->names.begin(), op->names.begin() + groups);
    std::vector<LogicalType> types(op->types.begin(), op->types.begin() + groups);
    for (size_t j = 0; j < Width(); ++j) {
      agg.groups.push_back(Ref(child, width + j));
      names.push_back(child.names[width + j]);
      types.push_back(child.types[width + j]);
    }
    names.insert(names.end(), op->names.begin() + groups, op->names.end());
    types.insert(types.end(), op->types.begin() + groups, op->types.end());
    op->names = std::move(names);
    op->types = std::move(types);
    if (groups > 0) {
      const size_t after_groups = aggregates + (agg.grouping_sets.empty() ? 0 : 1);
      std::vector<size_t> order = Range(0, groups);
      for (size_t a = 0; a < after_groups; ++a) order.push_back(groups + Width() + a);
      for (size_t j = 0; j < Width(); ++j) order.push_back(groups + j);
      return Reorder(std::move(op), order);
    }
    // Without GROUP BY every domain value has its row, over no input rows
    // too: the domain LEFT JOIN the aggregation, unmatched rows taking the
    // aggregates' values over no rows.
    std::vector<Value> empty;
    for (const auto& a : agg.aggregates) empty.push_back(EmptyAggregateValue(a));
    auto right = WithMatchMarker(std::move(op));
    std::vector<BoundExpressionPtr> on;
    auto domain = Domain();
    for (size_t j = 0; j < Width(); ++j) {
      on.push_back(NullSafeEqual(Ref(*domain, j), BoundExpression::ColumnRef(Width() + j, right->types[j], "")));
    }
    auto join = MakeJoin(std::move(domain), std::move(right), JoinType::kLeft, MakeAnd(std::move(on)));
    const size_t first_aggregate = 2 * Width();
    const size_t marker = first_aggregate + aggregates;
    std::vector<BoundExpressionPtr> exprs;
    std::vector<std::string> out_names;
    for (size_t a = 0; a < aggregates; ++a) {
      auto value = Ref(*join, first_aggregate + a);
      if (!empty[a].is_null()) value = UnlessMatched(Ref(*join, marker), empty[a], std::move(value));
      exprs.push_back(std::move(value));
      out_names.push_back(join->names[first_aggregate + a]);
    }
    for (size_t j = 0; j < Width(); ++j) {
      exprs.push_back(Ref(*join, j));
      out_names.push_back(join->names[j]);
    }
    return Project(std::move(join), std::move(exprs), std::move(out_names));
  }

  LogicalOperatorPtr PushJoin(LogicalOperatorPtr op) {
    auto& join = static_cast<LogicalJoin&>(*op);
    const JoinType type = join.join_type;
    const bool left_reads = SubtreeReadsOuter(*op->children[0]);
    const bool right_reads = SubtreeReadsOuter(*op->children[1]);
    bool push_left = true, push_right = right_reads;
    if (type == JoinType::kInner) push_left = left_reads || !right_reads;
    if (type == JoinType::kRight) push_left = left_reads, push_right = true;
    if (type == JoinType::kFull) push_left = push_right = true;
    const size_t left_width = op->children[0]->types.size();
    const size_t right_width = op->children[1]->types.size();
    LogicalOperatorPtr left = std::move(op->children[0]);
    LogicalOperatorPtr right = std::move(op->children[1]);
    if (push_left) left = Push(std::move(left));
    if (push_right) right = Push(std::move(right));
    const size_t new_left_width = left->types.size();
    // Domain columns: the left side's when it has them.
    const size_t domain_at = push_left ? left_width : new_left_width + right_width;
    auto remap = [&](BoundExpression& e) {
      Remap(e, [&](size_t i) { return i < left_width ? i : i - left_width + new_left_width; },
            [&](size_t c) {
              return domain_at +
                     static_cast<size_t>(std::find(columns_.begin(), columns_.end(), c) - columns_.begin());
            });
    };
    if (join.condition) remap(*join.condition);
    if (join.mark_comparison) remap(*join.mark_comparison);
    std::vector<BoundExpressionPtr> terms;
    if (join.condition) terms.push_back(std::move(join.condition));
    if (push_left && push_right) {
      for (size_t j = 0; j < Width(); ++j) {
        terms.push_back(NullSafeEqual(Ref(*left, left_width + j),
                                      BoundExpression::ColumnRef(new_left_width + right_width + j,
                                                                 right->types[right_width + j], "")));
      }
    }
    auto out = MakeJoin(std::move(left), std::move(right), type, MakeAnd(std::move(terms)),
                        std::move(join.mark_comparison));
    const bool semi = type == JoinType::kSemi || type == JoinType::kAnti;
    if (semi) return out;  // left ++ domain already
    if (type == JoinType::kMark) {
      std::vector<size_t> order = Range(0, left_width);
      order.push_back(new_left_width);
      for (size_t j = 0; j < Width(); ++j) order.push_back(left_width + j);
      return Reorder(std::move(out), order);
    }
    // left ++ [left's domain] ++ right ++ [right's domain] -> left ++ right ++ domain.
    std::vector<size_t> order = Range(0, left_width);
    for (size_t i = 0; i < right_width; ++i) order.push_back(new_left_width + i);
    const size_t right_domain = new_left_width + right_width;
    if (type != JoinType::kFull) {
      const bool from_right = type == JoinType::kRight || !push_left;
      for (size_t j = 0; j < Width(); ++j) order.push_back((from_right ? right_domain : left_width) + j);
      return Reorder(std::move(out), order);
    }
    // FULL: a row's domain is on whichever side it has (both agree when matched).
    std::vector<BoundExpressionPtr> exprs;
    std::vector<std::string> names;
    for (size_t i : order) {
      exprs.push_back(Ref(*out, i));
      names.push_back(out->names[i]);
    }
    for (size_t j = 0; j < Width(); ++j) {
      auto test = std::make_unique<BoundExpression>();
      test->kind = ExpressionKind::kIsNull;
      test->type = LogicalType::Boolean();
      test->children.push_back(Ref(*out, left_width + j));
      auto either = std::make_unique<BoundExpression>();
      either->kind = ExpressionKind::kCase;
      either->type = out->types[left_width + j];
      either->children.push_back(std::move(test));
      either->children.push_back(Ref(*out, right_domain + j));
      either->children.push_back(Ref(*out, left_width + j));
      exprs.push_back(std::move(either));
      names.push_back(out->names[left_width + j]);
    }
    return Project(std::move(out), std::move(exprs), std::move(names));
  }

  const LogicalOperator& outer_;
  std::vector<size_t> columns_;
};

}  // namespace

bool IsCorrelated(LogicalOperator& plan) { return SubtreeReads(plan, 1); }

BoundExpressionPtr CallFunction(const std::string& name, BoundExpressionPtr a, BoundExpressionPtr b) {
  auto call = function::FunctionRegistry::Get().BindScalar(name, {a->type, b->type});
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kFunction;
  e->type = call.function.return_type;
  e->function = call.function;
  e->name = name;
  e->children.push_back(BoundExpression::Cast(std::move(a), call.arg_types[0]));
  e->children.push_back(BoundExpression::Cast(std::move(b), call.arg_types[1]));
  return e;
}

LogicalOperatorPtr MakeJoin(LogicalOperatorPtr left, LogicalOperatorPtr right, JoinType type,
                            BoundExpressionPtr condition, BoundExpressionPtr mark_comparison) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = type;
  join->names = left->names;
  join->types = left->types;
  if (type == JoinType::kMark) {
    join->names.push_back("$mark");
    join->types.push_back(LogicalType::Boolean());
  } else if (type != JoinType::kSemi && type != JoinType::kAnti) {
    join->names.insert(join->names.end(), right->names.begin(), right->names.end());
    join->types.insert(join->types.end(), right->types.begin(), right->types.end());
  }
  join->condition = std::move(condition);
  join->mark_comparison = std::move(mark_comparison);
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  return join;
}

LogicalOperatorPtr KeepColumns(LogicalOperatorPtr plan, size_t count) {
  if (plan->types.size() == count) return plan;
  return Reorder(std::move(plan), Range(0, count));
}

LogicalOperatorPtr CopyPlan(const LogicalOperator& plan) {
  LogicalOperatorPtr out;
  switch (plan.kind) {
    case LogicalKind::kGet: {
      const auto& g = static_cast<const LogicalGet&>(plan);
      auto copy = std::make_unique<LogicalGet>();
      copy->table = g.table;
      copy->columns = g.columns;
      for (const auto& f : g.partition_filters) copy->partition_filters.push_back(f->Copy());
      copy->range_predicates = g.range_predicates;
      copy->partitions_resolved = g.partitions_resolved;
      copy->partitions = g.partitions;
      copy->partitions_total = g.partitions_total;
      out = std::move(copy);
      break;
    }
    case LogicalKind::kValues: {
      auto copy = std::make_unique<LogicalValues>();
      copy->rows = static_cast<const LogicalValues&>(plan).rows;
      out = std::move(copy);
      break;
    }
    case LogicalKind::kFilter: {
      auto copy = std::make_unique<LogicalFilter>();
      copy->predicate = static_cast<const LogicalFilter&>(plan).predicate->Copy();
      out = std::move(copy);
      break;
    }
    case LogicalKind::kProjection: {
      auto copy = std::make_unique<LogicalProjection>();
      for (const auto& e : static_cast<const LogicalProjection&>(plan).exprs) copy->exprs.push_back(e->Copy());
      out = std::move(copy);
      break;
    }
    case LogicalKind::kAggregate: {
      const auto& a = static_cast<const LogicalAggregate&>(plan);
      auto copy = std::make_unique<LogicalAggregate>();
      for (const auto& g : a.groups) copy->groups.push_back(g->Copy());
      for (const auto& agg : a.aggregates) copy->aggregates.push_back(agg.Copy());
      copy->grouping_sets = a.grouping_sets;
      out = std::move(copy);
      break;
    }
    case LogicalKind::kOrder: {
      auto copy = std::make_unique<LogicalOrder>();
      for (const auto& k : static_cast<const LogicalOrder&>(plan).keys) {
        copy->keys.push_back({k.expr->Copy(), k.ascending, k.nulls_first});
      }
      out = std::move(copy);
      break;
    }
    case LogicalKind::kLimit: {
      const auto& l = static_cast<const LogicalLimit&>(plan);
      auto copy = std::make_unique<LogicalLimit>();
      copy->limit = l.limit;
      copy->offset = l.offset;
      out = std::move(copy);
      break;
    }
    case LogicalKind::kJoin: {
      const auto& j = static_cast<const LogicalJoin&>(plan);
      auto copy = std::make_unique<LogicalJoin>();
      copy->join_type = j.join_type;
      if (j.condition) copy->condition = j.condition->Copy();
      if (j.mark_comparison) copy->mark_comparison = j.mark_comparison->Copy();
      out = std::move(copy);
      break;
    }
    case LogicalKind::kUnion: out = std::make_unique<LogicalUnion>(); break;
    case LogicalKind::kWindow: {
      const auto& w = static_cast<const LogicalWindow&>(plan);
      auto copy = std::make_unique<LogicalWindow>();
      for (const auto& e : w.partition_by) copy->partition_by.push_back(e->Copy());
      for (const auto& k : w.order_by) copy->order_by.push_back({k.expr->Copy(), k.ascending, k.nulls_first});
      for (const auto& f : w.functions) copy->functions.push_back(f.Copy());
      out = std::move(copy);
      break;
    }
    case LogicalKind::kUnnest: {
      const auto& u = static_cast<const LogicalUnnest&>(plan);
      auto copy = std::make_unique<LogicalUnnest>();
      for (const auto& e : u.exprs) copy->exprs.push_back(e->Copy());
      copy->ordinality = u.ordinality;
      copy->left_outer = u.left_outer;
      out = std::move(copy);
      break;
    }
  }
  out->names = plan.names;
  out->types = plan.types;
  for (const auto& c : plan.children) out->children.push_back(CopyPlan(*c));
  return out;
}

LogicalOperatorPtr PlanDependentJoin(LogicalOperatorPtr outer, LogicalOperatorPtr sub, JoinType type,
                                     BoundExpressionPtr condition, BoundExpressionPtr mark_comparison) {
  const size_t outer_width = outer->types.size();
  const size_t sub_width = sub->types.size();
  DecrementDepths(*sub);
  const bool keeps_sub_columns = type == JoinType::kInner || type == JoinType::kLeft || type == JoinType::kSingle;
  if (!SubtreeReadsOuter(*sub)) {
    return MakeJoin(std::move(outer), std::move(sub), type, std::move(condition), std::move(mark_comparison));
  }
  std::vector<BoundExpressionPtr> terms;
  if (condition) terms.push_back(std::move(condition));

  // Pulling up, on a copy: a shape it cannot handle leaves the original
  // for unnesting.
  LogicalOperatorPtr pulled_plan = CopyPlan(*sub);
  Pulled pulled;
  bool pullable = PullUp(pulled_plan, pulled) && !SubtreeReadsOuter(*pulled_plan);
  if (pulled.empty_row && (type == JoinType::kSemi || type == JoinType::kAnti || type == JoinType::kMark)) {
    pullable = false;  // EXISTS over an aggregation without GROUP BY: always a row
  }
  if (pullable && mark_comparison) {
    for (const auto& c : pulled.conjuncts) pullable = pullable && EquiKeySide(*c).has_value();
  }
  if (pullable) {
    if (pulled.empty_row && type == JoinType::kInner) type = JoinType::kLeft;  // always one row
    bool marked = false;
    if (pulled.empty_row) {
      for (const Value& v : *pulled.empty_row) marked = marked || !v.is_null();
    }
    if (marked) pulled_plan = WithMatchMarker(std::move(pulled_plan));
    for (auto& c : pulled.conjuncts) {
      Remap(*c, [&](size_t i) { return outer_width + i; }, Same);
      terms.push_back(std::move(c));
    }
    const size_t pulled_width = pulled_plan->types.size();
    auto join = MakeJoin(std::move(outer), std::move(pulled_plan), type, MakeAnd(std::move(terms)),
                         std::move(mark_comparison));
    if (!keeps_sub_columns) return join;
    if (!marked) return KeepColumns(std::move(join), outer_width + sub_width);
    std::vector<BoundExpressionPtr> exprs;
    std::vector<std::string> names;
    for (size_t i = 0; i < outer_width + sub_width; ++i) {
      auto value = Ref(*join, i);
      const Value& empty = i < outer_width ? Value() : (*pulled.empty_row)[i - outer_width];
      if (!empty.is_null()) value = UnlessMatched(Ref(*join, outer_width + pulled_width - 1), empty, std::move(value));
      exprs.push_back(std::move(value));
      names.push_back(join->names[i]);
    }
    return Project(std::move(join), std::move(exprs), std::move(names));
  }

  std::set<size_t> read;
  CollectOuterColumns(*sub, read);
  std::vector<size_t> columns(read.begin(), read.end());
  Unnester unnester(*outer, columns);
  LogicalOperatorPtr unnested = unnester.Push(std::move(sub));
  for (size_t j = 0; j < columns.size(); ++j) {
    terms.push_back(NullSafeEqual(Ref(*outer, columns[j]),
                                  BoundExpression::ColumnRef(outer_width + sub_width + j,
                                                             unnested->types[sub_width + j], "")));
  }
  auto join = MakeJoin(std::move(outer), std::move(unnested), type, MakeAnd(std::move(terms)),
                       std::move(mark_comparison));
  if (!keeps_sub_columns) return join;
  return KeepColumns(std::move(join), outer_width + sub_width);
}

}  // namespace sluice::planner
