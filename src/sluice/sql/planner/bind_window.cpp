// Window functions: f(...) OVER (...) in the select list and ORDER BY,
// named windows (WINDOW w AS (...)), frames, and the LogicalWindow nodes they
// become. Window functions run after GROUP BY and HAVING and before the
// final projection, DISTINCT and ORDER BY, so their arguments and
// specifications may read group keys and aggregates. Checks and messages
// follow Trino's analyzer.
#include <algorithm>

#include "sluice/common/ascii_case.h"
#include "sluice/functions/function_registry.h"
#include "sluice/sql/planner/binder_internal.h"

namespace sluice::planner {

using function::FunctionRegistry;

namespace {

WindowBoundKind BoundKind(sql::FrameBoundKind kind) {
  switch (kind) {
    case sql::FrameBoundKind::kUnboundedPreceding: return WindowBoundKind::kUnboundedPreceding;
    case sql::FrameBoundKind::kPreceding: return WindowBoundKind::kPreceding;
    case sql::FrameBoundKind::kCurrentRow: return WindowBoundKind::kCurrentRow;
    case sql::FrameBoundKind::kFollowing: return WindowBoundKind::kFollowing;
    case sql::FrameBoundKind::kUnboundedFollowing: return WindowBoundKind::kUnboundedFollowing;
  }
  return WindowBoundKind::kCurrentRow;
}

// The order of frame bounds, for the start/end checks.
bool IsPreceding(WindowBoundKind k) {
  return k == WindowBoundKind::kUnboundedPreceding || k == WindowBoundKind::kPreceding;
}

bool IsWholeNumber(LogicalType t) {
  return t.IsInteger() || (t.IsDecimal() && t.scale() == 0) || t.id() == TypeId::kInvalid;
}

void RenumberWindowReferences(BoundExpression& e, const std::vector<size_t>& columns) {
  if (e.kind == ExpressionKind::kColumnRef && e.column_index >= kWindowColumn) {
    e.column_index = columns[e.column_index - kWindowColumn];
  }
  for (auto& c : e.children) RenumberWindowReferences(*c, columns);
}

}  // namespace

struct Binder::ResolvedWindow {
  const std::vector<sql::ExpressionPtr>* partition_by = nullptr;
  const std::vector<sql::OrderItem>* order_by = nullptr;
  const sql::WindowFrame* frame = nullptr;
  SourcePosition position;
};

Binder::ResolvedWindow Binder::ResolveWindow(const sql::WindowSpecification& spec, bool bare_name, size_t visible,
                                             const Block& block) {
  if (spec.existing_window.empty()) return {&spec.partition_by, &spec.order_by, spec.frame.get(), spec.position};
  size_t k = visible;
  if (block.named_windows) {
    for (size_t i = 0; i < visible && i < block.named_windows->size(); ++i) {
      if ((*block.named_windows)[i].name.name == spec.existing_window) k = i;
    }
  }
  if (k == visible) {
    Fail(ErrorCode::kInvalidWindowReference, "Cannot resolve WINDOW name " + spec.existing_window,
         spec.existing_position);
  }
  ResolvedWindow base = ResolveWindow(*(*block.named_windows)[k].specification, false, k, block);
  if (bare_name) return base;
  if (!spec.partition_by.empty()) {
    Fail(ErrorCode::kInvalidPartitionBy, "WINDOW specification with named WINDOW reference cannot specify PARTITION BY",
         spec.partition_by.front()->position);
  }
  if (!spec.order_by.empty() && !base.order_by->empty()) {
    Fail(ErrorCode::kInvalidOrderBy, "Cannot specify ORDER BY if referenced named WINDOW specifies ORDER BY",
         spec.order_by.front().expr->position);
  }
  if (base.frame) {
    Fail(ErrorCode::kInvalidWindowReference, "Cannot reference named WINDOW containing frame specification",
         spec.existing_position);
  }
  return {base.partition_by, spec.order_by.empty() ? base.order_by : &spec.order_by, spec.frame.get(),
          spec.position};
}

void Binder::CheckWindowClause(const Block& block) {
  if (!block.named_windows) return;
  const auto& windows = *block.named_windows;
  for (size_t i = 0; i < windows.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (windows[j].name.name == windows[i].name.name) {
        Fail(ErrorCode::kDuplicateWindowName, "WINDOW '" + windows[i].name.name + "' specified more than once",
             windows[i].name.position);
      }
    }
    ResolveWindow(*windows[i].specification, false, i, block);
  }
}

BoundWindowFrame Binder::BindFrame(const sql::WindowFrame* frame, const ResolvedWindow& window, Block& block,
                                   bool aggregated, const std::vector<BoundOrderKey>& order_by) {
  BoundWindowFrame out;  // Trino's default: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  if (!frame) return out;
  out.unit = frame->unit == sql::FrameUnit::kRows    ? WindowFrameUnit::kRows
             : frame->unit == sql::FrameUnit::kRange ? WindowFrameUnit::kRange
                                                     : WindowFrameUnit::kGroups;
  const WindowBoundKind start = BoundKind(frame->start.kind);
  const WindowBoundKind end = frame->end ? BoundKind(frame->end->kind) : WindowBoundKind::kCurrentRow;
  if (start == WindowBoundKind::kUnboundedFollowing) {
    Fail(ErrorCode::kInvalidWindowFrame, "Window frame start cannot be UNBOUNDED FOLLOWING", frame->position);
  }
  if (end == WindowBoundKind::kUnboundedPreceding) {
    Fail(ErrorCode::kInvalidWindowFrame, "Window frame end cannot be UNBOUNDED PRECEDING", frame->position);
  }
  if (start == WindowBoundKind::kCurrentRow && IsPreceding(end)) {
    Fail(ErrorCode::kInvalidWindowFrame, "Window frame starting from CURRENT ROW cannot end with PRECEDING",
         frame->position);
  }
  if (start == WindowBoundKind::kFollowing && IsPreceding(end)) {
    Fail(ErrorCode::kInvalidWindowFrame, "Window frame starting from FOLLOWING cannot end with PRECEDING",
         frame->position);
  }
  if (start == WindowBoundKind::kFollowing && end == WindowBoundKind::kCurrentRow) {
    Fail(ErrorCode::kInvalidWindowFrame, "Window frame starting from FOLLOWING cannot end with CURRENT ROW",
         frame->position);
  }
  static const char* kUnits[] = {"ROWS", "RANGE", "GROUPS"};
  const std::string unit = kUnits[static_cast<int>(frame->unit)];
  auto bind_bound = [&](const sql::FrameBound& bound, WindowBoundKind kind, const char* which) {
    BoundFrameBound b;
    b.kind = kind;
    if (!bound.offset) return b;
    const sql::Expression& at = *bound.offset;
    if (out.unit != WindowFrameUnit::kRows && order_by.empty()) {
      Fail(ErrorCode::kMissingOrderBy,
           "Window frame of type " + unit + " PRECEDING or FOLLOWING requires ORDER BY", window.position);
    }
    BoundExpressionPtr offset = BindNode(at, block, aggregated);
    if (out.unit != WindowFrameUnit::kRange) {
      if (!IsWholeNumber(offset->type)) {
        Fail(ErrorCode::kTypeMismatch, "Window frame " + unit + " " + which +
                                           " value type must be exact numeric type with scale 0 (actual " +
                                           offset->type.ToString() + ")", at.position);
      }
      b.offset = BoundExpression::Cast(std::move(offset), LogicalType::Bigint());
      return b;
    }
    if (order_by.size() != 1) {
      Fail(ErrorCode::kInvalidOrderBy,
           "Window frame of type RANGE PRECEDING or FOLLOWING requires single sort item in ORDER BY (actual: " +
               std::to_string(order_by.size()) + ")",
           window.order_by->front().expr->position);
    }
    const BoundOrderKey& key = order_by[0];
    const LogicalType key_type = key.expr->type;
    const bool datetime = key_type.id() == TypeId::kDate || key_type.id() == TypeId::kTimestamp;
    if (!key_type.IsNumeric() && !datetime) {
      Fail(ErrorCode::kTypeMismatch,
           "Window frame of type RANGE PRECEDING or FOLLOWING requires that sort item type be numeric, datetime "
           "or interval (actual: " + key_type.ToString() + ")",
           window.order_by->front().expr->position);
    }
    // Date and timestamp keys take INTERVAL offsets, which sluice does not have yet.
    if (datetime || !(offset->type.IsNumeric() || offset->type.id() == TypeId::kInvalid)) {
      Fail(ErrorCode::kTypeMismatch, "Window frame RANGE value type (" + offset->type.ToString() +
                                         ") not compatible with sort item type (" + key_type.ToString() + ")",
           at.position);
    }
    // As in Trino: the bound is key - offset or key + offset (by direction
    // and ordering), compared with the key in the result's type.
    const bool subtract = (kind == WindowBoundKind::kPreceding) == key.ascending;
    std::vector<BoundExpressionPtr> args;
    args.push_back(key.expr->Copy());
    args.push_back(offset->Copy());
    b.range_value = MakeScalarCall(subtract ? "subtract" : "add", std::move(args), at);
    b.range_key = BoundExpression::Cast(key.expr->Copy(), b.range_value->type);
    b.offset = BoundExpression::Cast(std::move(offset), LogicalType::Double());  // its sign is checked per row
    return b;
  };
  out.start = bind_bound(frame->start, start, "start");
  static const sql::FrameBound kCurrentRow;
  out.end = bind_bound(frame->end ? *frame->end : kCurrentRow, end, "end");
  return out;
}

BoundExpressionPtr Binder::BindWindowFunction(const sql::FunctionCall& call, Block& block, bool aggregated) {
  const std::string name = AsciiLower(call.name.parts.back().name);
  const std::string text = call.ToString();
  if (!block.windows_allowed) {
    const std::string clause = block.clause ? block.clause : "";
    if (clause == "HAVING clause") {
      Fail(ErrorCode::kNestedWindow, "HAVING clause cannot contain window functions or row pattern measures",
           call.position);
    }
    Fail(ErrorCode::kExpressionNotScalar,
         (clause.empty() ? std::string("This clause") : clause) +
             " cannot contain aggregations, window functions or grouping operations: [" + text + "]",
         call.position);
  }
  if (block.in_window || block.in_aggregate_argument) {
    Fail(ErrorCode::kNestedWindow,
         block.in_window ? "Cannot nest window functions or row pattern measures inside window specification"
                         : "Cannot nest window functions inside aggregation",
         call.position);
  }
  const auto& registry = FunctionRegistry::Get();
  const bool is_window = registry.HasWindow(name);
  if (!is_window && !registry.HasAggregate(name)) {
    if (registry.HasScalar(name)) Fail(ErrorCode::kFunctionNotWindow, "Not a window function: " + name, call.position);
    Fail(ErrorCode::kFunctionNotFound, "Function '" + name + "' not registered", call.position);
  }
  if (call.distinct) {
    Fail(ErrorCode::kNotSupported, "DISTINCT in window function parameters not yet supported: " + text,
         call.position);
  }
  if (!call.order_by.empty()) {
    // Trino (before 465, and Athena) has no ordered aggregates over windows
    // either; the window's own ORDER BY and frame order the rows.
    Fail(ErrorCode::kNotSupported, "ORDER BY in a window aggregate is not supported: " + text, call.position);
  }
  if (call.filter && is_window) {
    Fail(ErrorCode::kFunctionNotAggregate, "Filter is only valid for aggregation functions", call.position);
  }
  if (call.null_treatment != sql::NullTreatment::kDefault &&
      !(is_window && registry.GetWindow(name).null_treatment)) {
    Fail(ErrorCode::kNullTreatmentNotAllowed, "Cannot specify null treatment clause for " + name + " function",
         call.position);
  }

  auto it = std::find(block.window_keys.begin(), block.window_keys.end(), text);
  if (it != block.window_keys.end()) {
    const WindowCall& seen = block.windows[static_cast<size_t>(it - block.window_keys.begin())];
    return BoundExpression::ColumnRef(kWindowColumn + static_cast<size_t>(it - block.window_keys.begin()),
                                      seen.function.type, text);
  }

  const size_t visible = block.named_windows ? block.named_windows->size() : 0;
  const ResolvedWindow window = ResolveWindow(*call.window, call.window_is_name, visible, block);
  WindowCall w;
  block.in_window = true;
  for (const auto& p : *window.partition_by) w.partition_by.push_back(BindNode(*p, block, aggregated));
  for (const auto& o : *window.order_by) {
    BoundOrderKey key;
    key.expr = BindNode(*o.expr, block, aggregated);
    key.ascending = o.ascending;
    key.nulls_first = o.nulls_first.value_or(false);
    w.order_by.push_back(std::move(key));
  }
  BoundWindowFunction& f = w.function;
  f.name = text;
  f.ignore_nulls = call.null_treatment == sql::NullTreatment::kIgnore;
  f.frame = BindFrame(window.frame, window, block, aggregated, w.order_by);
  std::vector<LogicalType> types;
  for (const auto& a : call.arguments) {
    f.arguments.push_back(BindNode(*a, block, aggregated));
    types.push_back(f.arguments.back()->type);
  }
  if (call.filter) {
    f.filter = BindNode(*call.filter, block, aggregated);
    if (f.filter->type.id() != TypeId::kBoolean && f.filter->type.id() != TypeId::kInvalid) {
      Fail(ErrorCode::kTypeMismatch, "Filter expression must evaluate to a boolean: actual type " +
                                         f.filter->type.ToString(), call.filter->position);
    }
    f.filter = BoundExpression::Cast(std::move(f.filter), LogicalType::Boolean());
  }
  block.in_window = false;

  std::vector<LogicalType> cast_to;
  try {
    if (is_window) {
      auto bound = registry.BindWindow(name, types);
      f.window = bound.function;
      f.type = bound.function.return_type;
      cast_to = bound.arg_types;
    } else {
      if (!call.is_star && call.arguments.size() != 1) {
        if (call.arguments.empty() || !TakesPackedArguments(name)) {
          Fail(ErrorCode::kFunctionNotFound, "aggregate " + name + " takes one argument", call.position);
        }
        // Several arguments reach the aggregate as the fields of one row.
        auto packed = MakeScalarCall("row", std::move(f.arguments), call);
        f.arguments.clear();
        types = {packed->type};
        f.arguments.push_back(std::move(packed));
      }
      auto bound = registry.BindAggregate(name, types);
      f.is_aggregate = true;
      f.aggregate = bound.function;
      f.type = bound.function.return_type;
      cast_to = bound.arg_types;
    }
  } catch (const SluiceError& e) {
    if (e.position()) throw;
    throw SluiceError(e.code(), e.message(), call.position);
  }
  for (size_t i = 0; i < f.arguments.size(); ++i) {
    f.arguments[i] = BoundExpression::Cast(std::move(f.arguments[i]), cast_to[i]);
  }

  for (const auto& p : w.partition_by) w.sort_key += p->ToString() + ",";
  w.sort_key += "|";
  for (const auto& o : w.order_by) {
    w.sort_key += o.expr->ToString() + (o.ascending ? " ASC" : " DESC") + (o.nulls_first ? " NF," : " NL,");
  }
  const LogicalType type = f.type;
  block.window_keys.push_back(text);
  block.windows.push_back(std::move(w));
  return BoundExpression::ColumnRef(kWindowColumn + block.windows.size() - 1, type, text);
}

LogicalOperatorPtr Binder::PlanWindows(LogicalOperatorPtr plan, Block& block, std::vector<BoundExpressionPtr>& exprs) {
  if (block.windows.empty()) return plan;
  std::vector<size_t> columns(block.windows.size());
  std::vector<bool> placed(block.windows.size(), false);
  for (size_t i = 0; i < block.windows.size(); ++i) {
    if (placed[i]) continue;
    auto node = std::make_unique<LogicalWindow>();
    node->names = plan->names;
    node->types = plan->types;
    node->partition_by = std::move(block.windows[i].partition_by);
    node->order_by = std::move(block.windows[i].order_by);
    for (size_t j = i; j < block.windows.size(); ++j) {
      if (placed[j] || block.windows[j].sort_key != block.windows[i].sort_key) continue;
      placed[j] = true;
      columns[j] = node->names.size();
      BoundWindowFunction& f = block.windows[j].function;
      node->names.push_back(f.name);
      node->types.push_back(f.type);
      node->functions.push_back(std::move(f));
    }
    node->children.push_back(std::move(plan));
    plan = std::move(node);
  }
  for (auto& e : exprs) RenumberWindowReferences(*e, columns);
  return plan;
}

}  // namespace sluice::planner
