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
      return JoinTypeName(j.join_type) + " Join" + (j.condition ? " on " + j.condition->ToString() : "") +
             (j.mark_comparison ? " testing " + j.mark_comparison->ToString() : "");
    }
    case LogicalKind::kUnion: return "Union All";
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
    case JoinType::kSingle: return "Single";
    case JoinType::kMark: return "Mark";
  }
  return "?";
}

BoundExpressionPtr MakeAnd(std::vector<BoundExpressionPtr> terms) {
  if (terms.empty()) return nullptr;
  if (terms.size() == 1) return std::move(terms[0]);
  auto e = std::make_unique<BoundExpression>();
  e->kind = ExpressionKind::kAnd;
  e->type = LogicalType::Boolean();
  e->children = std::move(terms);
  return e;
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
