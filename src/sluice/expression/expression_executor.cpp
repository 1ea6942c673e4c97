#include "sluice/expression/expression_executor.h"

#include "sluice/common/error.h"
#include "sluice/expression/lambda_executor.h"
#include "sluice/functions/cast.h"

namespace sluice {

namespace {

void FillConstant(const Value& value, size_t count, Vector& result) {
  if (value.is_null()) {
    for (size_t i = 0; i < count; ++i) result.SetNull(i);
    return;
  }
  if (value.type().IsNested()) {
    Vector one(value.type(), 1);
    one.SetValue(0, value);
    result.Broadcast(one, 0, count);
    return;
  }
  result.SetValue(0, value);
  size_t width = result.type().PhysicalSize();
  uint8_t* base = result.data<uint8_t>();
  for (size_t i = 1; i < count; ++i) std::memcpy(base + i * width, base, width);
}

// Three-valued AND/OR over boolean vectors: for AND, FALSE dominates NULL; for
// OR, TRUE dominates NULL.
void CombineLogical(bool is_and, const Vector& rhs, size_t count, Vector& acc) {
  uint8_t* a = acc.data<uint8_t>();
  const uint8_t* b = rhs.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    bool a_null = acc.IsNull(i), b_null = rhs.IsNull(i);
    if (is_and) {
      if ((!a_null && !a[i]) || (!b_null && !b[i])) { a[i] = 0; acc.SetNull(i, false); }
      else if (a_null || b_null) acc.SetNull(i);
      else a[i] = 1;
    } else {
      if ((!a_null && a[i]) || (!b_null && b[i])) { a[i] = 1; acc.SetNull(i, false); }
      else if (a_null || b_null) acc.SetNull(i);
      else a[i] = 0;
    }
  }
}

}  // namespace

void ExpressionExecutor::Execute(const BoundExpression& expr, const DataChunk& input,
                                 Vector& result) {
  const size_t count = input.size();
  result.Reset();
  if (result.capacity() < count) result.Reserve(count, 0);
  switch (expr.kind) {
    case ExpressionKind::kColumnRef:
      result.CopyFrom(input.column(expr.column_index), nullptr, count, 0);
      return;
    case ExpressionKind::kConstant:
      FillConstant(expr.constant, count, result);
      return;
    case ExpressionKind::kFunction: {
      std::vector<Vector> args;
      args.reserve(expr.children.size());
      std::vector<const Vector*> arg_ptrs;
      for (const auto& child : expr.children) {
        args.emplace_back(child->type, std::max(count, kVectorSize));
        Execute(*child, input, args.back());
      }
      for (const auto& a : args) arg_ptrs.push_back(&a);
      expr.function.kernel(arg_ptrs, count, result);
      return;
    }
    case ExpressionKind::kCast: {
      Vector source(expr.children[0]->type, std::max(count, kVectorSize));
      Execute(*expr.children[0], input, source);
      function::CastVector(source, result, count, expr.try_cast);
      return;
    }
    case ExpressionKind::kAnd:
    case ExpressionKind::kOr: {
      Execute(*expr.children[0], input, result);
      Vector rhs(LogicalType::Boolean(), std::max(count, kVectorSize));
      for (size_t c = 1; c < expr.children.size(); ++c) {
        Execute(*expr.children[c], input, rhs);
        CombineLogical(expr.kind == ExpressionKind::kAnd, rhs, count, result);
      }
      return;
    }
    case ExpressionKind::kNot: {
      Execute(*expr.children[0], input, result);
      uint8_t* v = result.data<uint8_t>();
      for (size_t i = 0; i < count; ++i) v[i] = !v[i];
      return;
    }
    case ExpressionKind::kIsNull:
    case ExpressionKind::kIsNotNull: {
      Vector child(expr.children[0]->type, std::max(count, kVectorSize));
      Execute(*expr.children[0], input, child);
      uint8_t* v = result.data<uint8_t>();
      bool want_null = expr.kind == ExpressionKind::kIsNull;
      for (size_t i = 0; i < count; ++i) v[i] = child.IsNull(i) == want_null;
      return;
    }
    case ExpressionKind::kCase:
      ExecuteCase(expr, input, result);
      return;
    case ExpressionKind::kTry:
      ExecuteTry(expr, input, result);
      return;
    case ExpressionKind::kOuterRef:
      break;  // the planner replaces every one
    case ExpressionKind::kLambdaCall:
      LambdaExecutor(*this, expr, input).Execute(count, result);
      return;
    case ExpressionKind::kLambdaParameter:
      result.CopyFrom(input.column(input.ColumnCount() - expr.column_index), nullptr, count, 0);
      return;
  }
  ThrowInternal("unknown expression kind");
}

// Evaluates each THEN only on the rows its WHEN selects (so a branch that
// would fail on other rows, like 1/x, is never run there).
void ExpressionExecutor::ExecuteCase(const BoundExpression& expr, const DataChunk& input,
                                     Vector& result) {
  const size_t count = input.size();
  std::vector<uint8_t> done(count, 0);
  std::vector<uint32_t> sel;
  Vector cond(LogicalType::Boolean(), std::max(count, kVectorSize));
  size_t pairs = (expr.children.size() - 1) / 2;
  auto run_branch = [&](const BoundExpression& value_expr, const std::vector<uint32_t>& rows) {
    if (rows.empty()) return;
    DataChunk sub(input.Types(), rows.size());
    sub.Append(input, rows.data(), rows.size());
    Vector value(expr.type, std::max(rows.size(), kVectorSize));
    Execute(value_expr, sub, value);
    for (size_t k = 0; k < rows.size(); ++k) {
      uint32_t r = rows[k];
      if (expr.type.IsNested()) {
        const uint32_t from = static_cast<uint32_t>(k);
        result.CopyFrom(value, &from, 1, r);
      } else if (value.IsNull(k)) {
        result.SetNull(r);
      } else {
        result.SetNull(r, false);
        std::memcpy(result.data<uint8_t>() + r * expr.type.PhysicalSize(),
                    value.data<uint8_t>() + k * expr.type.PhysicalSize(), expr.type.PhysicalSize());
      }
    }
    if (expr.type.IsStringLike()) result.ShareBuffersOf(value);
  };
  for (size_t p = 0; p < pairs; ++p) {
    Execute(*expr.children[2 * p], input, cond);
    sel.clear();
    const uint8_t* c = cond.data<uint8_t>();
    for (size_t i = 0; i < count; ++i) {
      if (!done[i] && !cond.IsNull(i) && c[i]) {
        sel.push_back(static_cast<uint32_t>(i));
        done[i] = 1;
      }
    }
    run_branch(*expr.children[2 * p + 1], sel);
  }
  sel.clear();
  for (size_t i = 0; i < count; ++i) {
    if (!done[i]) sel.push_back(static_cast<uint32_t>(i));
  }
  run_branch(*expr.children.back(), sel);
}

namespace {

// The errors Trino's TRY turns into NULL.
bool TryCatches(ErrorCode code) {
  return code == ErrorCode::kDivisionByZero || code == ErrorCode::kInvalidCast ||
         code == ErrorCode::kNumericOverflow || code == ErrorCode::kInvalidFunctionArgument;
}

}  // namespace

// The whole batch at once; only when that fails, row by row, so that the
// rows that fail become NULL and the others keep their values.
void ExpressionExecutor::ExecuteTry(const BoundExpression& expr, const DataChunk& input, Vector& result) {
  try {
    Execute(*expr.children[0], input, result);
    return;
  } catch (const SluiceError& e) {
    if (!TryCatches(e.code())) throw;
  }
  const size_t count = input.size();
  const size_t width = expr.type.PhysicalSize();
  result.Reset();
  DataChunk row(input.Types(), 1);
  Vector value(expr.type, kVectorSize);
  for (size_t r = 0; r < count; ++r) {
    row.Reset();
    const uint32_t index = static_cast<uint32_t>(r);
    row.Append(input, &index, 1);
    try {
      Execute(*expr.children[0], row, value);
    } catch (const SluiceError& e) {
      if (!TryCatches(e.code())) throw;
      result.SetNull(r);
      continue;
    }
    if (value.IsNull(0)) {
      result.SetNull(r);
      continue;
    }
    result.SetNull(r, false);
    std::memcpy(result.data<uint8_t>() + r * width, value.data<uint8_t>(), width);
    if (expr.type.IsStringLike()) result.ShareBuffersOf(value);
  }
}

size_t ExpressionExecutor::Select(const BoundExpression& predicate, const DataChunk& input,
                                  std::vector<uint32_t>& sel) {
  Vector mask(LogicalType::Boolean(), std::max(input.size(), kVectorSize));
  Execute(predicate, input, mask);
  sel.resize(input.size());
  const uint8_t* m = mask.data<uint8_t>();
  size_t n = 0;
  if (mask.validity().AllValid()) {
    for (size_t i = 0; i < input.size(); ++i) {
      sel[n] = static_cast<uint32_t>(i);
      n += m[i] != 0;
    }
  } else {
    for (size_t i = 0; i < input.size(); ++i) {
      sel[n] = static_cast<uint32_t>(i);
      n += (m[i] != 0) & mask.validity().IsValid(i);
    }
  }
  sel.resize(n);
  return n;
}

Value ExpressionExecutor::EvaluateConstant(const BoundExpression& expr) {
  DataChunk one;
  one.SetSize(1);
  Vector out(expr.type, kVectorSize);
  ExpressionExecutor executor;
  executor.Execute(expr, one, out);
  return out.GetValue(0);
}

}  // namespace sluice
