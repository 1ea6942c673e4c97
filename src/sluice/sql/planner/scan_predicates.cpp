#include "sluice/sql/planner/scan_predicates.h"

#include <map>
#include <optional>

#include "sluice/common/error.h"
#include "sluice/functions/cast.h"
#include "sluice/vector/vector.h"

namespace sluice::planner {

namespace {

using Op = RangePredicate::Op;

// The data column a side of a comparison reads: a column reference, maybe
// under a widening cast among integers or to DOUBLE from REAL (casts that
// keep the order of values, so the stored min/max still bound them).
std::optional<size_t> DataColumn(const BoundExpression& e, const LogicalGet& get) {
  const BoundExpression* c = &e;
  if (c->kind == ExpressionKind::kCast && !c->try_cast) {
    const LogicalType& from = c->children[0]->type;
    const LogicalType& to = c->type;
    const bool widening = (from.IsInteger() && to.IsInteger() && from.PhysicalSize() <= to.PhysicalSize()) ||
                          (from.id() == TypeId::kReal && to.id() == TypeId::kDouble);
    if (!widening) return std::nullopt;
    c = c->children[0].get();
  }
  if (c->kind != ExpressionKind::kColumnRef || c->column_index >= get.columns.size()) return std::nullopt;
  const ScanColumn& sc = get.columns[c->column_index];
  if (sc.is_partition) return std::nullopt;
  return sc.index;
}

// The value of a constant, or of CAST(constant AS t) as the binder writes
// for literals that meet a column of a wider type (`id > 100` with a bigint
// id): folded here, so the statistics can use it.
std::optional<Value> ConstantValue(const BoundExpression& e) {
  if (e.kind == ExpressionKind::kConstant) return e.constant;
  if (e.kind != ExpressionKind::kCast || e.try_cast || e.children.size() != 1) return std::nullopt;
  auto inner = ConstantValue(*e.children[0]);
  if (!inner || inner->is_null()) return std::nullopt;
  if (!function::CastExists(inner->type(), e.type)) return std::nullopt;
  try {
    Vector source(inner->type(), 1), result(e.type, 1);
    source.SetValue(0, *inner);
    function::CastVector(source, result, 1, false);
    return result.GetValue(0);
  } catch (const SluiceError&) {
    return std::nullopt;  // fails at run time too, with the executor's message
  }
}

bool UsableConstant(const Value& value, const LogicalType& column_type) {
  if (value.is_null()) return false;
  const LogicalType& t = value.type();
  // Same family as the column, so min/max compare with it directly.
  if (t.IsDecimal() || column_type.IsDecimal()) return t == column_type;
  if (t.IsInteger()) return column_type.IsInteger();
  if (t.IsFloatingPoint()) return column_type.IsFloatingPoint();
  return t == column_type;
}

std::optional<Op> ComparisonOp(const std::string& name, bool flipped) {
  static const std::map<std::string, std::pair<Op, Op>> kOps = {
      {"equal", {Op::kEqual, Op::kEqual}},
      {"less_than", {Op::kLess, Op::kGreater}},
      {"less_than_or_equal", {Op::kLessEqual, Op::kGreaterEqual}},
      {"greater_than", {Op::kGreater, Op::kLess}},
      {"greater_than_or_equal", {Op::kGreaterEqual, Op::kLessEqual}},
  };
  auto it = kOps.find(name);
  if (it == kOps.end()) return std::nullopt;
  return flipped ? it->second.second : it->second.first;
}

std::optional<RangePredicate> FromComparison(const BoundExpression& e, const LogicalGet& get) {
  if (e.kind != ExpressionKind::kFunction || e.children.size() != 2) return std::nullopt;
  for (int flipped = 0; flipped < 2; ++flipped) {
    const BoundExpression& col = *e.children[flipped];
    const BoundExpression& constant = *e.children[1 - flipped];
    auto column = DataColumn(col, get);
    if (!column) continue;
    const LogicalType& type = get.table.columns[*column].type;
    auto value = ConstantValue(constant);
    if (!value || !UsableConstant(*value, type)) continue;
    auto op = ComparisonOp(e.function.name, flipped);
    if (!op) return std::nullopt;
    RangePredicate p;
    p.column = *column;
    p.op = *op;
    p.values.push_back(std::move(*value));
    return p;
  }
  return std::nullopt;
}

std::optional<RangePredicate> FromTerm(const BoundExpression& e, const LogicalGet& get) {
  switch (e.kind) {
    case ExpressionKind::kIsNull:
    case ExpressionKind::kIsNotNull: {
      auto column = DataColumn(*e.children[0], get);
      if (!column) return std::nullopt;
      RangePredicate p;
      p.column = *column;
      p.op = e.kind == ExpressionKind::kIsNull ? Op::kIsNull : Op::kIsNotNull;
      return p;
    }
    case ExpressionKind::kOr: {
      // x = a OR x = b ... (how IN lists bind): one IN predicate.
      RangePredicate in;
      in.op = Op::kIn;
      for (size_t i = 0; i < e.children.size(); ++i) {
        auto p = FromComparison(*e.children[i], get);
        if (!p || p->op != Op::kEqual || (i > 0 && p->column != in.column)) return std::nullopt;
        in.column = p->column;
        in.values.push_back(p->values[0]);
      }
      if (in.values.empty()) return std::nullopt;
      return in;
    }
    default: return FromComparison(e, get);
  }
}

}  // namespace

std::vector<RangePredicate> ExtractRangePredicates(const std::vector<const BoundExpression*>& conjuncts,
                                                   const LogicalGet& get) {
  std::vector<RangePredicate> out;
  for (const BoundExpression* t : conjuncts) {
    if (auto p = FromTerm(*t, get)) out.push_back(std::move(*p));
  }
  return out;
}

}  // namespace sluice::planner
