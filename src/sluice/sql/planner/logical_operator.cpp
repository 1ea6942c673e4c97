#include "sluice/sql/planner/logical_operator.h"

namespace sluice::planner {

namespace {

std::string Join(const std::vector<BoundExpressionPtr>& exprs) {
  std::string s;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i) s += ", ";
    s += exprs[i]->ToString();
  }
  return s;
}

std::string OrderKeys(const std::vector<BoundOrderKey>& keys) {
  std::string s;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) s += ", ";
    s += keys[i].expr->ToString() + (keys[i].ascending ? " ASC" : " DESC");
  }
  return s;
}

std::string BoundName(const BoundFrameBound& b) {
  switch (b.kind) {
    case WindowBoundKind::kUnboundedPreceding: return "UNBOUNDED PRECEDING";
    case WindowBoundKind::kPreceding: return b.offset->ToString() + " PRECEDING";
    case WindowBoundKind::kCurrentRow: return "CURRENT ROW";
    case WindowBoundKind::kFollowing: return b.offset->ToString() + " FOLLOWING";
    case WindowBoundKind::kUnboundedFollowing: return "UNBOUNDED FOLLOWING";
  }
  return "?";
}

std::string Describe(const LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kGet: {
      auto& g = static_cast<const LogicalGet&>(op);
      std::string s = "Scan " + g.table.database + "." + g.table.name + " [" + g.table.format + "]";
      if (!g.partition_filters.empty()) s += " partition filters: " + Join(g.partition_filters);
      if (!g.range_predicates.empty()) {
        s += " statistics filters: ";
        for (size_t i = 0; i < g.range_predicates.size(); ++i) {
          const RangePredicate& p = g.range_predicates[i];
          s += (i ? ", " : "") + p.ToString(g.table.columns[p.column].name);
        }
      }
      if (g.partitions_resolved) {
        s += " partitions: " + std::to_string(g.partitions.size()) + " of " +
             std::to_string(g.partitions_total);
      }
      return s;
    }
    case LogicalKind::kValues: return "Values";
    case LogicalKind::kFilter:
      return "Filter " + static_cast<const LogicalFilter&>(op).predicate->ToString();
    case LogicalKind::kProjection:
      return "Project " + Join(static_cast<const LogicalProjection&>(op).exprs);
    case LogicalKind::kAggregate: {
      auto& a = static_cast<const LogicalAggregate&>(op);
      std::string s = "Aggregate";
      if (!a.groups.empty()) s += " keys: " + Join(a.groups);
      for (size_t i = 0; i < a.aggregates.size(); ++i) {
        s += i ? ", " : " aggregates: ";
        s += a.aggregates[i].function.name + "(" +
             (a.aggregates[i].argument ? a.aggregates[i].argument->ToString() : "*");
        if (!a.aggregates[i].order_by.empty()) s += " ORDER BY " + OrderKeys(a.aggregates[i].order_by);
        s += ")";
        if (a.aggregates[i].filter) s += " FILTER (WHERE " + a.aggregates[i].filter->ToString() + ")";
      }
      if (!a.grouping_sets.empty()) {
        s += " grouping sets: ";
        for (size_t i = 0; i < a.grouping_sets.size(); ++i) {
          s += i ? ", (" : "(";
          for (size_t k = 0; k < a.grouping_sets[i].size(); ++k) {
            s += (k ? ", " : "") + a.groups[a.grouping_sets[i][k]]->ToString();
          }
          s += ")";
        }
      }
      return s;
    }
    case LogicalKind::kWindow: {
      auto& w = static_cast<const LogicalWindow&>(op);
      std::string s = "Window";
      if (!w.partition_by.empty()) s += " partition by: " + Join(w.partition_by);
      if (!w.order_by.empty()) s += " order by: " + OrderKeys(w.order_by);
      s += " functions: ";
      for (size_t i = 0; i < w.functions.size(); ++i) {
        s += (i ? ", " : "") + w.functions[i].name + " " + w.functions[i].frame.ToString();
      }
      return s;
    }
    case LogicalKind::kOrder:
      return "Order " + OrderKeys(static_cast<const LogicalOrder&>(op).keys);
    case LogicalKind::kLimit: {
      auto& l = static_cast<const LogicalLimit&>(op);
      return "Limit " + std::to_string(l.limit) + (l.offset ? " offset " + std::to_string(l.offset) : "");
    }
    case LogicalKind::kJoin: {
      auto& j = static_cast<const LogicalJoin&>(op);
      return JoinTypeName(j.join_type) + " Join" + (j.condition ? " on " + j.condition->ToString() : "") +
             (j.mark_comparison ? " testing " + j.mark_comparison->ToString() : "");
    }
    case LogicalKind::kUnion: return "Union All";
    case LogicalKind::kUnnest: {
      auto& u = static_cast<const LogicalUnnest&>(op);
      return "Unnest " + Join(u.exprs) + (u.ordinality ? " with ordinality" : "") + (u.left_outer ? " (left)" : "");
    }
  }
  return "?";
}

void Render(const LogicalOperator& op, int depth, std::string& out) {
  out += std::string(static_cast<size_t>(depth) * 2, ' ') + "- " + Describe(op) + "\n";
  for (const auto& c : op.children) Render(*c, depth + 1, out);
}

}  // namespace

std::string BoundWindowFrame::ToString() const {
  static const char* kUnits[] = {"ROWS", "RANGE", "GROUPS"};
  return std::string(kUnits[static_cast<int>(unit)]) + " BETWEEN " + BoundName(start) + " AND " + BoundName(end);
}

std::string JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "Inner";
    case JoinType::kLeft: return "Left";
    case JoinType::kRight: return "Right";
    case JoinType::kFull: return "Full";
    case JoinType::kSemi: return "Semi";
    case JoinType::kAnti: return "Anti";
    case JoinType::kSingle: return "Single";
    case JoinType::kMark: return "Mark";
  }
  return "?";
}

BoundWindowFunction BoundWindowFunction::Copy() const {
  auto copy_expr = [](const BoundExpressionPtr& e) { return e ? e->Copy() : nullptr; };
  auto copy_bound = [&](const BoundFrameBound& b) {
    return BoundFrameBound{b.kind, copy_expr(b.offset), copy_expr(b.range_value), copy_expr(b.range_key)};
  };
  BoundWindowFunction f;
  f.is_aggregate = is_aggregate;
  f.aggregate = aggregate;
  f.window = window;
  for (const auto& a : arguments) f.arguments.push_back(a->Copy());
  f.filter = copy_expr(filter);
  f.ignore_nulls = ignore_nulls;
  f.frame.unit = frame.unit;
  f.frame.start = copy_bound(frame.start);
  f.frame.end = copy_bound(frame.end);
  f.type = type;
  f.name = name;
  return f;
}

BoundAggregate BoundAggregate::Copy() const {
  BoundAggregate a;
  a.function = function;
  a.argument = argument ? argument->Copy() : nullptr;
  a.distinct = distinct;
  a.filter = filter ? filter->Copy() : nullptr;
  for (const auto& k : order_by) a.order_by.push_back({k.expr->Copy(), k.ascending, k.nulls_first});
  return a;
}

void BoundAggregate::ForEachExpression(const std::function<void(BoundExpressionPtr&)>& f) {
  if (argument) f(argument);
  if (filter) f(filter);
  for (auto& k : order_by) f(k.expr);
}

BoundExpressionPtr MakeAnd(std::vector<BoundExpressionPtr> terms) {
  return terms.empty() ? nullptr : BoundExpression::Conjunction(std::move(terms));
}

LogicalOperatorPtr FilterOver(LogicalOperatorPtr plan, BoundExpressionPtr predicate) {
  auto filter = std::make_unique<LogicalFilter>();
  filter->names = plan->names;
  filter->types = plan->types;
  filter->predicate = std::move(predicate);
  filter->children.push_back(std::move(plan));
  return filter;
}

std::string RenderLogicalPlan(const LogicalOperator& root) {
  std::string out;
  Render(root, 0, out);
  return out;
}

}  // namespace sluice::planner
