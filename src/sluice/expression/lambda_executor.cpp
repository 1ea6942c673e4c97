// Functions taking lambdas, vectorised: a lambda body runs once per batch
// over all elements of all rows (the elements flattened into parameter
// columns, the input columns the body reads repeated per element by a
// selection), never per row.
//   transform(a, x -> y)            filter(a, x -> b)
//   any_match / all_match / none_match(a, x -> b)
//   reduce(a, s0, (s, x) -> s, s -> r)  one batch per element position
//   transform_keys / transform_values / map_filter(m, (k, v) -> ...)
//   zip_with(a, b, (x, y) -> z)     the shorter array padded with NULLs
#include "sluice/expression/lambda_executor.h"

#include <algorithm>

#include "sluice/common/error.h"
#include "sluice/functions/cast.h"
#include "sluice/vector/vector_operations.h"

namespace sluice {

namespace {

// Marks the input columns `e` reads: column references, and parameters of
// enclosing lambdas (columns of the input too). `extra` counts parameter
// columns that lie after the input in the batch `e` runs on.
void CollectInputColumns(const BoundExpression& e, size_t input_width, size_t extra, std::vector<bool>& needed) {
  if (e.kind == ExpressionKind::kColumnRef) {
    needed[e.column_index] = true;
  } else if (e.kind == ExpressionKind::kLambdaParameter) {
    const size_t width = input_width + extra;
    if (e.column_index <= width && width - e.column_index < input_width) needed[width - e.column_index] = true;
  }
  for (size_t i = 0; i < e.children.size(); ++i) {
    const size_t arity = e.kind == ExpressionKind::kLambdaCall ? e.lambda_arity[i] : 0;
    CollectInputColumns(*e.children[i], input_width, extra + arity, needed);
  }
}

// The list arguments' elements flattened: for element j, `rows[j]` is its
// input row and `elements[j]` its child row.
struct Flattened {
  std::vector<uint32_t> rows;
  std::vector<uint32_t> elements;
  std::vector<ListEntry> ranges;  // per input row: its elements [offset, offset + length) of rows/elements
};

Flattened Flatten(const Vector& list, size_t count) {
  Flattened f;
  f.ranges.resize(count);
  const ListEntry* entries = list.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    const uint32_t length = list.IsNull(i) ? 0 : entries[i].length;
    f.ranges[i] = ListEntry{static_cast<uint32_t>(f.elements.size()), length};
    for (uint32_t k = 0; k < length; ++k) {
      f.rows.push_back(static_cast<uint32_t>(i));
      f.elements.push_back(entries[i].offset + k);
    }
  }
  return f;
}

}  // namespace

LambdaExecutor::LambdaExecutor(ExpressionExecutor& executor, const BoundExpression& call, const DataChunk& input)
    : executor_(executor), call_(call), input_(input) {}

// The batch body `body_index` runs on: the input's rows `rows` (only the
// columns it reads are filled) and then `params`, each rows.size() long.
Vector LambdaExecutor::RunBody(size_t body_index, const std::vector<uint32_t>& rows,
                               const std::vector<const Vector*>& params) {
  const BoundExpression& body = *call_.children[body_index];
  const size_t width = input_.ColumnCount();
  std::vector<bool> needed(width, false);
  CollectInputColumns(body, width, params.size(), needed);
  std::vector<LogicalType> types = input_.Types();
  for (const Vector* p : params) types.push_back(p->type());
  const size_t n = rows.size();
  DataChunk batch(types, std::max<size_t>(n, 1));
  for (size_t c = 0; c < width; ++c) {
    if (needed[c]) batch.column(c).CopyFrom(input_.column(c), rows.data(), n, 0);
  }
  for (size_t p = 0; p < params.size(); ++p) batch.column(width + p).CopyFrom(*params[p], nullptr, n, 0);
  batch.SetSize(n);
  Vector out(body.type, std::max(n, kVectorSize));
  executor_.Execute(body, batch, out);
  return out;
}

namespace {

// A gather of `source` rows `sel` into a new vector.
Vector Gather(const Vector& source, const std::vector<uint32_t>& sel) {
  Vector out(source.type(), std::max<size_t>(sel.size(), 1));
  out.CopyFrom(source, sel.data(), sel.size(), 0);
  return out;
}

// A list result whose row i holds values[ranges[i]], NULL where `list` is.
void ListFromRanges(const Vector& list, const std::vector<ListEntry>& ranges, const Vector& values, size_t n,
                    size_t count, Vector& result) {
  const size_t first = result.GrowList(n);
  result.child().CopyFrom(values, nullptr, n, first);
  ListEntry* out = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    out[i] = ListEntry{static_cast<uint32_t>(ranges[i].offset + first), ranges[i].length};
    result.SetNull(i, list.IsNull(i));
  }
}

// Keeps the elements whose `keep` value is TRUE.
void FilterList(const Vector& list, const Flattened& f, const Vector& keep, size_t count, Vector& result) {
  std::vector<uint32_t> kept;
  ListEntry* out = result.data<ListEntry>();
  const size_t first = result.list_size();
  const uint8_t* k = keep.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    out[i] = ListEntry{static_cast<uint32_t>(first + kept.size()), 0};
    result.SetNull(i, list.IsNull(i));
    for (uint32_t j = f.ranges[i].offset; j < f.ranges[i].offset + f.ranges[i].length; ++j) {
      if (!keep.IsNull(j) && k[j]) kept.push_back(f.elements[j]);
    }
    out[i].length = static_cast<uint32_t>(first + kept.size() - out[i].offset);
  }
  result.GrowList(kept.size());
  result.child().CopyFrom(list.child(), kept.data(), kept.size(), first);
}

}  // namespace

void LambdaExecutor::Execute(size_t count, Vector& result) {
  const std::string& name = call_.function.name;
  Vector first(call_.children[0]->type, std::max(count, kVectorSize));
  executor_.Execute(*call_.children[0], input_, first);
  if (name == "zip_with") return ZipWith(first, count, result);
  if (name == "reduce") return Reduce(first, count, result);
  const bool is_map = first.type().id() == TypeId::kMap;
  const Flattened f = Flatten(first, count);
  const size_t n = f.elements.size();
  std::vector<Vector> params;
  if (is_map) {
    params.push_back(Gather(first.child().child(0), f.elements));
    params.push_back(Gather(first.child().child(1), f.elements));
  } else {
    params.push_back(Gather(first.child(), f.elements));
  }
  std::vector<const Vector*> param_ptrs;
  for (const auto& p : params) param_ptrs.push_back(&p);
  Vector value = RunBody(1, f.rows, param_ptrs);

  if (name == "transform") return ListFromRanges(first, f.ranges, value, n, count, result);
  if (name == "filter" || name == "map_filter") return FilterList(first, f, value, count, result);
  if (name == "transform_values" || name == "transform_keys") {
    const bool keys = name == "transform_keys";
    const size_t start = result.GrowList(n);
    Vector& entries = result.child();
    entries.child(0).CopyFrom(keys ? value : params[0], nullptr, n, start);
    entries.child(1).CopyFrom(keys ? params[1] : value, nullptr, n, start);
    for (size_t j = 0; j < n; ++j) entries.SetNull(start + j, false);
    ListEntry* out = result.data<ListEntry>();
    for (size_t i = 0; i < count; ++i) {
      out[i] = ListEntry{static_cast<uint32_t>(f.ranges[i].offset + start), f.ranges[i].length};
      result.SetNull(i, first.IsNull(i));
      if (!keys) continue;
      // New keys must stay distinct and not NULL (Trino's errors).
      for (uint32_t a = 0; a < f.ranges[i].length; ++a) {
        const uint32_t r = out[i].offset + a;
        if (entries.child(0).IsNull(r)) {
          throw SluiceError(ErrorCode::kInvalidFunctionArgument, "map key cannot be null");
        }
        for (uint32_t b = 0; b < a; ++b) {
          if (RowsEqual(entries.child(0), out[i].offset + b, entries.child(0), r)) {
            throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                              "Duplicate keys (" + entries.child(0).GetValue(r).ToString() + ") are not allowed");
          }
        }
      }
    }
    return;
  }
  // any_match / all_match / none_match: the deciding value wins, else
  // NULL when a predicate was NULL.
  const bool any = name == "any_match";
  const bool none = name == "none_match";
  const uint8_t* v = value.data<uint8_t>();
  uint8_t* out = result.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    if (first.IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    bool decided = false, saw_null = false;
    for (uint32_t j = f.ranges[i].offset; j < f.ranges[i].offset + f.ranges[i].length && !decided; ++j) {
      if (value.IsNull(j)) saw_null = true;
      else decided = (v[j] != 0) == (any || none);
    }
    if (decided) out[i] = any;
    else if (saw_null) result.SetNull(i);
    else out[i] = !any;
  }
}

// Element position k of every row at once: the rows that still have an
// element there feed (state, element) to the input lambda.
void LambdaExecutor::Reduce(const Vector& array, size_t count, Vector& result) {
  Vector state(call_.children[1]->type, std::max(count, kVectorSize));
  executor_.Execute(*call_.children[1], input_, state);
  const ListEntry* entries = array.data<ListEntry>();
  uint32_t longest = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!array.IsNull(i)) longest = std::max(longest, entries[i].length);
  }
  for (uint32_t k = 0; k < longest; ++k) {
    std::vector<uint32_t> rows, elements;
    for (size_t i = 0; i < count; ++i) {
      if (!array.IsNull(i) && entries[i].length > k) {
        rows.push_back(static_cast<uint32_t>(i));
        elements.push_back(entries[i].offset + k);
      }
    }
    Vector states = Gather(state, rows);
    Vector items = Gather(array.child(), elements);
    Vector next = RunBody(2, rows, {&states, &items});
    // Scatter back: the next state of row rows[j] is next[j].
    Vector merged(state.type(), std::max(count, kVectorSize));
    std::vector<uint32_t> sel(count);
    for (size_t i = 0; i < count; ++i) sel[i] = static_cast<uint32_t>(i);
    Vector both(state.type(), std::max<size_t>(count + rows.size(), 1));
    both.CopyFrom(state, nullptr, count, 0);
    both.CopyFrom(next, nullptr, rows.size(), count);
    for (size_t j = 0; j < rows.size(); ++j) sel[rows[j]] = static_cast<uint32_t>(count + j);
    merged.CopyFrom(both, sel.data(), count, 0);
    state = std::move(merged);
  }
  std::vector<uint32_t> all(count);
  for (size_t i = 0; i < count; ++i) all[i] = static_cast<uint32_t>(i);
  Vector out = RunBody(3, all, {&state});
  result.CopyFrom(out, nullptr, count, 0);
  for (size_t i = 0; i < count; ++i) {
    if (array.IsNull(i)) result.SetNull(i);
  }
}

void LambdaExecutor::ZipWith(const Vector& left, size_t count, Vector& result) {
  Vector right(call_.children[1]->type, std::max(count, kVectorSize));
  executor_.Execute(*call_.children[1], input_, right);
  std::vector<uint32_t> rows, left_sel, right_sel;
  std::vector<ListEntry> ranges(count);
  const ListEntry* a = left.data<ListEntry>();
  const ListEntry* b = right.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    ranges[i] = ListEntry{static_cast<uint32_t>(rows.size()), 0};
    if (left.IsNull(i) || right.IsNull(i)) continue;
    const uint32_t n = std::max(a[i].length, b[i].length);
    for (uint32_t k = 0; k < n; ++k) {
      rows.push_back(static_cast<uint32_t>(i));
      left_sel.push_back(k < a[i].length ? a[i].offset + k : kNullRow);
      right_sel.push_back(k < b[i].length ? b[i].offset + k : kNullRow);
    }
    ranges[i].length = n;
  }
  Vector x(left.child().type(), std::max<size_t>(rows.size(), 1));
  Vector y(right.child().type(), std::max<size_t>(rows.size(), 1));
  GatherWithNulls(left.child(), left_sel.data(), rows.size(), x);
  GatherWithNulls(right.child(), right_sel.data(), rows.size(), y);
  Vector value = RunBody(2, rows, {&x, &y});
  ListFromRanges(left, ranges, value, rows.size(), count, result);
  for (size_t i = 0; i < count; ++i) {
    if (right.IsNull(i)) result.SetNull(i);
  }
}

}  // namespace sluice
