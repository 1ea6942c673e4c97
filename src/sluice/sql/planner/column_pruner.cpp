#include "sluice/sql/planner/column_pruner.h"

#include <limits>

#include "sluice/common/error.h"

namespace sluice::planner {

namespace {

constexpr size_t kDropped = std::numeric_limits<size_t>::max();
using Mapping = std::vector<size_t>;  // old output index -> new, or kDropped

void MarkReferences(const BoundExpression& e, std::vector<bool>& required) {
  if (e.kind == ExpressionKind::kColumnRef) required[e.column_index] = true;
  for (const auto& c : e.children) MarkReferences(*c, required);
}

void Renumber(BoundExpression& e, const Mapping& mapping) {
  if (e.kind == ExpressionKind::kColumnRef) {
    SLUICE_CHECK(mapping[e.column_index] != kDropped, "pruned a column that is still referenced");
    e.column_index = mapping[e.column_index];
  }
  for (auto& c : e.children) Renumber(*c, mapping);
}

Mapping Identity(size_t n) {
  Mapping m(n);
  for (size_t i = 0; i < n; ++i) m[i] = i;
  return m;
}

// Keeps op's names and types at the positions `mapping` keeps.
void KeepOutputs(LogicalOperator& op, const Mapping& mapping) {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  for (size_t i = 0; i < mapping.size(); ++i) {
    if (mapping[i] == kDropped) continue;
    names.push_back(op.names[i]);
    types.push_back(op.types[i]);
  }
  op.names = std::move(names);
  op.types = std::move(types);
}

Mapping Prune(LogicalOperator& op, std::vector<bool> required);

// Prunes `child` to the required columns, then puts a projection on top when
// the child kept more (a union needs the same columns from every child).
void PruneExactly(LogicalOperatorPtr& child, const std::vector<bool>& required) {
  Mapping m = Prune(*child, required);
  size_t kept = 0, wanted = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    kept += m[i] != kDropped;
    wanted += required[i];
  }
  if (kept == wanted) return;
  auto projection = std::make_unique<LogicalProjection>();
  for (size_t i = 0; i < m.size(); ++i) {
    if (!required[i]) continue;
    const size_t at = m[i];
    projection->names.push_back(child->names[at]);
    projection->types.push_back(child->types[at]);
    projection->exprs.push_back(BoundExpression::ColumnRef(at, child->types[at], child->names[at]));
  }
  projection->children.push_back(std::move(child));
  child = std::move(projection);
}

Mapping Prune(LogicalOperator& op, std::vector<bool> required) {
  switch (op.kind) {
    case LogicalKind::kGet: {
      auto& get = static_cast<LogicalGet&>(op);
      Mapping m(op.names.size(), kDropped);
      std::vector<ScanColumn> columns;
      for (size_t i = 0; i < m.size(); ++i) {
        if (!required[i]) continue;
        m[i] = columns.size();
        columns.push_back(get.columns[i]);
      }
      get.columns = std::move(columns);
      KeepOutputs(op, m);
      return m;
    }
    case LogicalKind::kValues:
      return Identity(op.names.size());
    case LogicalKind::kFilter: {
      auto& filter = static_cast<LogicalFilter&>(op);
      MarkReferences(*filter.predicate, required);
      Mapping m = Prune(*op.children[0], required);
      Renumber(*filter.predicate, m);
      op.names = op.children[0]->names;
      op.types = op.children[0]->types;
      return m;
    }
    case LogicalKind::kProjection: {
      auto& projection = static_cast<LogicalProjection&>(op);
      Mapping m(projection.exprs.size(), kDropped);
      std::vector<BoundExpressionPtr> exprs;
      std::vector<bool> child_required(op.children[0]->names.size(), false);
      for (size_t i = 0; i < projection.exprs.size(); ++i) {
        if (!required[i]) continue;
        m[i] = exprs.size();
        MarkReferences(*projection.exprs[i], child_required);
        exprs.push_back(std::move(projection.exprs[i]));
      }
      Mapping child = Prune(*op.children[0], child_required);
      for (auto& e : exprs) Renumber(*e, child);
      projection.exprs = std::move(exprs);
      KeepOutputs(op, m);
      return m;
    }
    case LogicalKind::kAggregate: {
      auto& agg = static_cast<LogicalAggregate&>(op);
      const size_t groups = agg.groups.size();
      Mapping m = Identity(groups);
      std::vector<BoundAggregate> aggregates;
      for (size_t i = 0; i < agg.aggregates.size(); ++i) {
        if (!required[groups + i]) {
          m.push_back(kDropped);
          continue;
        }
        m.push_back(groups + aggregates.size());
        aggregates.push_back(std::move(agg.aggregates[i]));
      }
      if (!agg.grouping_sets.empty()) m.push_back(groups + aggregates.size());  // the set, kept
      agg.aggregates = std::move(aggregates);
      std::vector<bool> child_required(op.children[0]->names.size(), false);
      for (const auto& g : agg.groups) MarkReferences(*g, child_required);
      for (auto& a : agg.aggregates) {
        a.ForEachExpression([&](BoundExpressionPtr& e) { MarkReferences(*e, child_required); });
      }
      Mapping child = Prune(*op.children[0], child_required);
      for (auto& g : agg.groups) Renumber(*g, child);
      for (auto& a : agg.aggregates) a.ForEachExpression([&](BoundExpressionPtr& e) { Renumber(*e, child); });
      KeepOutputs(op, m);
      return m;
    }
    case LogicalKind::kWindow: {
      // Results nobody reads are dropped; the child keeps what the rest read.
      auto& window = static_cast<LogicalWindow&>(op);
      const size_t width = op.children[0]->names.size();
      std::vector<bool> child_required(required.begin(), required.begin() + static_cast<std::ptrdiff_t>(width));
      std::vector<BoundWindowFunction> kept;
      std::vector<size_t> kept_index(window.functions.size(), kDropped);
      for (size_t i = 0; i < window.functions.size(); ++i) {
        if (!required[width + i]) continue;
        kept_index[i] = kept.size();
        kept.push_back(std::move(window.functions[i]));
      }
      window.functions = std::move(kept);
      // Without results the node is dropped (DropEmptyWindows): its keys need nothing.
      std::vector<BoundExpression*> exprs;
      if (!window.functions.empty()) {
        for (auto& p : window.partition_by) exprs.push_back(p.get());
        for (auto& k : window.order_by) exprs.push_back(k.expr.get());
      }
      for (auto& f : window.functions) {
        for (auto& a : f.arguments) exprs.push_back(a.get());
        for (BoundFrameBound* b : {&f.frame.start, &f.frame.end}) {
          for (auto* e : {&b->offset, &b->range_value, &b->range_key}) {
            if (*e) exprs.push_back(e->get());
          }
        }
        if (f.filter) exprs.push_back(f.filter.get());
      }
      for (const BoundExpression* e : exprs) MarkReferences(*e, child_required);
      Mapping child = Prune(*op.children[0], child_required);
      for (BoundExpression* e : exprs) Renumber(*e, child);
      const size_t new_width = op.children[0]->names.size();
      Mapping m = child;
      for (size_t i = 0; i < kept_index.size(); ++i) {
        m.push_back(kept_index[i] == kDropped ? kDropped : new_width + kept_index[i]);
      }
      std::vector<std::string> names = op.children[0]->names;
      std::vector<LogicalType> types = op.children[0]->types;
      for (const auto& f : window.functions) {
        names.push_back(f.name);
        types.push_back(f.type);
      }
      op.names = std::move(names);
      op.types = std::move(types);
      return m;
    }
    case LogicalKind::kOrder: {
      auto& order = static_cast<LogicalOrder&>(op);
      for (const auto& k : order.keys) MarkReferences(*k.expr, required);
      Mapping m = Prune(*op.children[0], required);
      for (auto& k : order.keys) Renumber(*k.expr, m);
      op.names = op.children[0]->names;
      op.types = op.children[0]->types;
      return m;
    }
    case LogicalKind::kLimit: {
      Mapping m = Prune(*op.children[0], required);
      op.names = op.children[0]->names;
      op.types = op.children[0]->types;
      return m;
    }
    case LogicalKind::kJoin: {
      auto& join = static_cast<LogicalJoin&>(op);
      const size_t left_width = op.children[0]->names.size();
      const size_t right_width = op.children[1]->names.size();
      const bool is_mark = join.join_type == JoinType::kMark;
      const bool left_only = join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti || is_mark;
      std::vector<bool> both(left_width + right_width, false);
      for (size_t i = 0; i < required.size() && i < left_width + (left_only ? 0 : right_width); ++i) {
        both[i] = required[i];
      }
      if (join.condition) MarkReferences(*join.condition, both);
      if (join.mark_comparison) MarkReferences(*join.mark_comparison, both);
      Mapping left = Prune(*op.children[0], {both.begin(), both.begin() + left_width});
      Mapping right = Prune(*op.children[1], {both.begin() + left_width, both.end()});
      const size_t new_left_width = op.children[0]->names.size();
      Mapping combined = left;
      for (size_t r : right) combined.push_back(r == kDropped ? kDropped : new_left_width + r);
      if (join.condition) Renumber(*join.condition, combined);
      if (join.mark_comparison) Renumber(*join.mark_comparison, combined);
      std::vector<std::string> names = op.children[0]->names;
      std::vector<LogicalType> types = op.children[0]->types;
      if (!left_only) {
        names.insert(names.end(), op.children[1]->names.begin(), op.children[1]->names.end());
        types.insert(types.end(), op.children[1]->types.begin(), op.children[1]->types.end());
      } else {
        combined.resize(left_width);
      }
      if (is_mark) {  // the mark stays, after the left's columns
        combined.push_back(new_left_width);
        names.push_back(op.names.back());
        types.push_back(op.types.back());
      }
      op.names = std::move(names);
      op.types = std::move(types);
      return combined;
    }
    case LogicalKind::kUnnest: {
      // The child's columns the output or the expressions need; every
      // unnested column stays.
      auto& unnest = static_cast<LogicalUnnest&>(op);
      const size_t child_width = op.children[0]->names.size();
      std::vector<bool> child_required(required.begin(), required.begin() + child_width);
      for (const auto& e : unnest.exprs) MarkReferences(*e, child_required);
      Mapping m = Prune(*op.children[0], child_required);
      for (auto& e : unnest.exprs) Renumber(*e, m);
      const size_t new_width = op.children[0]->names.size();
      std::vector<std::string> names = op.children[0]->names;
      std::vector<LogicalType> types = op.children[0]->types;
      for (size_t i = child_width; i < op.names.size(); ++i) {
        m.push_back(new_width + (i - child_width));
        names.push_back(op.names[i]);
        types.push_back(op.types[i]);
      }
      op.names = std::move(names);
      op.types = std::move(types);
      return m;
    }
    case LogicalKind::kUnion: {
      for (auto& child : op.children) PruneExactly(child, required);
      Mapping m(required.size(), kDropped);
      size_t next = 0;
      for (size_t i = 0; i < required.size(); ++i) {
        if (required[i]) m[i] = next++;
      }
      KeepOutputs(op, m);
      return m;
    }
  }
  ThrowInternal("unknown logical operator");
}

// A window whose results were all pruned passes its input through: drop it.
void DropEmptyWindows(LogicalOperator& op) {
  for (auto& child : op.children) {
    while (child->kind == LogicalKind::kWindow && static_cast<LogicalWindow&>(*child).functions.empty()) {
      LogicalOperatorPtr input = std::move(child->children[0]);
      child = std::move(input);
    }
    DropEmptyWindows(*child);
  }
}

}  // namespace

void PruneColumns(LogicalOperator& root) {
  Prune(root, std::vector<bool>(root.names.size(), true));
  DropEmptyWindows(root);
}

}  // namespace sluice::planner
