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
      std::string s = "Aggregate keys: " + Join(a.groups) + " aggregates: ";
      for (size_t i = 0; i < a.aggregates.size(); ++i) {
        if (i) s += ", ";
        s += a.aggregates[i].function.name + "(" +
             (a.aggregates[i].argument ? a.aggregates[i].argument->ToString() : "*") + ")";
      }
      return s;
    }
    case LogicalKind::kOrder: {
      auto& o = static_cast<const LogicalOrder&>(op);
      std::string s = "Order ";
      for (size_t i = 0; i < o.keys.size(); ++i) {
        if (i) s += ", ";
        s += o.keys[i].expr->ToString() + (o.keys[i].ascending ? " ASC" : " DESC");
      }
      return s;
    }
    case LogicalKind::kLimit: {
      auto& l = static_cast<const LogicalLimit&>(op);
      return "Limit " + std::to_string(l.limit) + (l.offset ? " offset " + std::to_string(l.offset) : "");
    }
    case LogicalKind::kJoin: {
      auto& j = static_cast<const LogicalJoin&>(op);
      return JoinTypeName(j.join_type) + " Join" + (j.condition ? " on " + j.condition->ToString() : "");
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

std::string JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "Inner";
    case JoinType::kLeft: return "Left";
    case JoinType::kRight: return "Right";
    case JoinType::kFull: return "Full";
    case JoinType::kSemi: return "Semi";
    case JoinType::kAnti: return "Anti";
  }
  return "?";
}

std::string RenderLogicalPlan(const LogicalOperator& root) {
  std::string out;
  Render(root, 0, out);
  return out;
}

}  // namespace sluice::planner
