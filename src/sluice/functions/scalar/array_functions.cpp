// Array functions (Trino's names and NULL rules), each a kernel over the
// list layout: entries per row, elements in one child vector.
//   cardinality(a)            elements; cardinality(map) entries
//   contains(a, x)            true if some element = x; NULL if not found
//                             but the array holds a NULL
//   array_position(a, x)      1-based first position of x, 0 if absent
//   array_distinct(a)         first occurrences, one NULL kept
//   array_remove(a, x)        without the elements = x (NULLs stay)
//   array_sort(a)             ascending, NULLs last
//   array_max(a) / array_min  NULL if the array holds a NULL or is empty
//   array_union/intersect/except(a, b)  distinct, in first-seen order
//   arrays_overlap(a, b)      some non-NULL element in both; NULL if none
//                             but either holds a NULL
//   concat(a, ...), a || b, a || x, x || a
//   slice(a, start, length)   start 1-based, negative from the end
//   reverse(a), flatten(aa), repeat(x, n), zip(a, ...)
//   array_join(a, sep [, null_replacement])
#include <algorithm>
#include <numeric>

#include "sluice/common/error.h"
#include "sluice/functions/cast.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/nested/list_builder.h"
#include "sluice/functions/nested/nested_binding.h"

namespace sluice::function {
namespace {

const ListEntry* Entries(const Vector& v) { return v.data<ListEntry>(); }

bool IsArray(const LogicalType& t) { return t.id() == TypeId::kArray; }

// The element type of an array argument; an untyped NULL is array(unknown).
LogicalType ElementOf(const LogicalType& t) { return IsArray(t) ? t.ElementType() : LogicalType(); }

// ---- cardinality ----

void CardinalityKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  PropagateNulls(args, count, result);
  const ListEntry* e = Entries(*args[0]);
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) out[i] = e[i].length;
}

BoundCall<ScalarFunction> BindCardinality(const std::vector<LogicalType>& args) {
  if (args.size() != 1 || !args[0].IsList()) ThrowUnexpectedParameters("cardinality", args, "cardinality(array(E)), cardinality(map(K,V))");
  return MakeBoundCall("", args, LogicalType::Bigint(), &CardinalityKernel);
}

// ---- (array(T), T) functions ----

// (array(T), T) with T the element type, an element that coerces to it, or
// the common type of both.
BoundCall<ScalarFunction> BindArrayAndElement(const char* name, const std::vector<LogicalType>& args,
                                              LogicalType return_type, ScalarKernel kernel) {
  if (args.size() != 2 || (!IsArray(args[0]) && args[0].id() != TypeId::kInvalid)) {
    ThrowUnexpectedParameters(name, args, std::string(name) + "(array(E), E)");
  }
  LogicalType element = CommonSuperType(ElementOf(args[0]), args[1]);
  if (ElementOf(args[0]).id() == TypeId::kInvalid) element = args[1];
  if (args[1].id() == TypeId::kInvalid) element = ElementOf(args[0]);
  if (element.id() == TypeId::kInvalid && !(ElementOf(args[0]).id() == TypeId::kInvalid && args[1].id() == TypeId::kInvalid)) {
    ThrowUnexpectedParameters(name, args, std::string(name) + "(array(E), E)");
  }
  if (return_type.id() == TypeId::kArray) return_type = LogicalType::Array(element);
  return MakeBoundCall(name, {LogicalType::Array(element), element}, return_type, kernel);
}

void ContainsKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& array = *args[0];
  const Vector& elements = array.child();
  uint8_t* out = result.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const ListEntry e = Entries(array)[i];
    bool found = false, saw_null = false;
    for (uint32_t k = 0; k < e.length && !found; ++k) {
      if (elements.IsNull(e.offset + k)) saw_null = true;
      else found = RowsEqual(elements, e.offset + k, *args[1], i);
    }
    if (!found && saw_null) result.SetNull(i);
    else out[i] = found;
  }
}

void ArrayPositionKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& array = *args[0];
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const ListEntry e = Entries(array)[i];
    out[i] = 0;
    for (uint32_t k = 0; k < e.length; ++k) {
      if (!array.child().IsNull(e.offset + k) && RowsEqual(array.child(), e.offset + k, *args[1], i)) {
        out[i] = k + 1;
        break;
      }
    }
  }
}

void ArrayRemoveKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& array = *args[0];
  ListBuilder out(count);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    const ListEntry e = Entries(array)[i];
    for (uint32_t k = 0; k < e.length; ++k) {
      const uint32_t r = e.offset + k;
      if (array.child().IsNull(r) || !RowsEqual(array.child(), r, *args[1], i)) out.Add(r);
    }
    out.EndRow(i);
  }
  out.Finish(array.child(), result);
}

// ---- single-array transformations ----

BoundCall<ScalarFunction> BindOneArray(const char* name, const std::vector<LogicalType>& args, ScalarKernel kernel,
                                       bool orderable = false, bool element_result = false) {
  if (args.size() != 1 || !IsArray(args[0])) ThrowUnexpectedParameters(name, args, std::string(name) + "(array(E))");
  if (orderable && !args[0].ElementType().IsOrderable()) {
    throw SluiceError(ErrorCode::kFunctionNotFound, std::string(name) + " requires an orderable element type, got " +
                                                        args[0].ElementType().ToString());
  }
  return MakeBoundCall(name, args, element_result ? args[0].ElementType() : args[0], kernel);
}

void ArrayDistinctKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& array = *args[0];
  ElementSet seen(array.child());
  ListBuilder out(count);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    const ListEntry e = Entries(array)[i];
    seen.Clear(e.length);
    for (uint32_t k = 0; k < e.length; ++k) {
      if (seen.Insert(e.offset + k)) out.Add(e.offset + k);
    }
    out.EndRow(i);
  }
  out.Finish(array.child(), result);
}

void ArraySortKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& array = *args[0];
  const Vector& elements = array.child();
  ListBuilder out(count);
  std::vector<uint32_t> order;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    const ListEntry e = Entries(array)[i];
    order.resize(e.length);
    std::iota(order.begin(), order.end(), e.offset);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return CompareWithNulls(elements, a, elements, b) < 0; });
    for (uint32_t r : order) out.Add(r);
    out.EndRow(i);
  }
  out.Finish(elements, result);
}

void ReverseKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& array = *args[0];
  ListBuilder out(count);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    const ListEntry e = Entries(array)[i];
    for (uint32_t k = e.length; k-- > 0;) out.Add(e.offset + k);
    out.EndRow(i);
  }
  out.Finish(array.child(), result);
}

template <bool kMax>
void ArrayExtremeKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& array = *args[0];
  const Vector& elements = array.child();
  std::vector<uint32_t> sel(count, kNullRow);
  for (size_t i = 0; i < count; ++i) {
    if (array.IsNull(i)) continue;
    const ListEntry e = Entries(array)[i];
    uint32_t best = kNullRow;
    for (uint32_t k = 0; k < e.length; ++k) {
      const uint32_t r = e.offset + k;
      if (elements.IsNull(r)) {
        best = kNullRow;
        break;
      }
      if (best == kNullRow) {
        best = r;
        continue;
      }
      const int c = CompareRows(elements, r, elements, best);
      if (kMax ? c > 0 : c < 0) best = r;
    }
    sel[i] = best;
  }
  GatherWithNulls(elements, sel.data(), count, result);
}

void FlattenKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& outer = *args[0];
  const Vector& inner = outer.child();
  ListBuilder out(count);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    const ListEntry e = Entries(outer)[i];
    for (uint32_t k = 0; k < e.length; ++k) {
      if (inner.IsNull(e.offset + k)) continue;  // a NULL inner array adds nothing
      const ListEntry ie = Entries(inner)[e.offset + k];
      for (uint32_t m = 0; m < ie.length; ++m) out.Add(ie.offset + m);
    }
    out.EndRow(i);
  }
  out.Finish(inner.child(), result);
}

BoundCall<ScalarFunction> BindFlatten(const std::vector<LogicalType>& args) {
  if (args.size() != 1 || !IsArray(args[0]) || !IsArray(args[0].ElementType())) {
    ThrowUnexpectedParameters("flatten", args, "flatten(array(array(E)))");
  }
  return MakeBoundCall("", args, args[0].ElementType(), &FlattenKernel);
}

// ---- two arrays ----

// Both arrays' elements stacked into one vector (a's child first), so that
// set operations compare and pick across both with plain row numbers.
struct Stacked {
  Stacked(const Vector& a, const Vector& b)
      : values(a.child().type(), std::max<size_t>(a.list_size() + b.list_size(), 1)), b_offset(a.list_size()) {
    values.CopyFrom(a.child(), nullptr, a.list_size(), 0);
    values.CopyFrom(b.child(), nullptr, b.list_size(), a.list_size());
  }
  Vector values;
  size_t b_offset;
};

enum class SetOp { kUnion, kIntersect, kExcept };

template <SetOp kOp>
void ArraySetKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  Stacked s(*args[0], *args[1]);
  ElementSet seen(s.values), other(s.values);
  ListBuilder out(count);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    const ListEntry a = Entries(*args[0])[i];
    const ListEntry b = Entries(*args[1])[i];
    const uint32_t b_first = static_cast<uint32_t>(b.offset + s.b_offset);
    seen.Clear(a.length + b.length);
    if (kOp != SetOp::kUnion) {
      other.Clear(b.length);
      for (uint32_t k = 0; k < b.length; ++k) other.Insert(b_first + k);
    }
    for (uint32_t k = 0; k < a.length; ++k) {
      const uint32_t r = a.offset + k;
      const bool keep = kOp == SetOp::kUnion || (other.Contains(s.values, r) == (kOp == SetOp::kIntersect));
      if (keep && seen.Insert(r)) out.Add(r);
    }
    if (kOp == SetOp::kUnion) {
      for (uint32_t k = 0; k < b.length; ++k) {
        if (seen.Insert(b_first + k)) out.Add(b_first + k);
      }
    }
    out.EndRow(i);
  }
  out.Finish(s.values, result);
}

void ArraysOverlapKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  Stacked s(*args[0], *args[1]);
  ElementSet in_a(s.values);
  uint8_t* out = result.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const ListEntry a = Entries(*args[0])[i];
    const ListEntry b = Entries(*args[1])[i];
    in_a.Clear(a.length);
    bool saw_null = false, found = false;
    for (uint32_t k = 0; k < a.length; ++k) {
      if (s.values.IsNull(a.offset + k)) saw_null = true;
      else in_a.Insert(a.offset + k);
    }
    for (uint32_t k = 0; k < b.length && !found; ++k) {
      const uint32_t r = static_cast<uint32_t>(b.offset + s.b_offset + k);
      if (s.values.IsNull(r)) saw_null = true;
      else found = in_a.Contains(s.values, r);
    }
    if (!found && saw_null) result.SetNull(i);
    else out[i] = found;
  }
}

// (array(T), array(U)) cast to their common array type.
BoundCall<ScalarFunction> BindTwoArrays(const char* name, const std::vector<LogicalType>& args, ScalarKernel kernel,
                                        bool boolean_result = false) {
  if (args.size() != 2 || (!IsArray(args[0]) && args[0].id() != TypeId::kInvalid) ||
      (!IsArray(args[1]) && args[1].id() != TypeId::kInvalid)) {
    ThrowUnexpectedParameters(name, args, std::string(name) + "(array(E), array(E))");
  }
  LogicalType type = args[0].id() == TypeId::kInvalid ? args[1] : args[1].id() == TypeId::kInvalid ? args[0]
                                                                                                     : CommonSuperType(args[0], args[1]);
  if (type.id() == TypeId::kInvalid) type = LogicalType::Array(LogicalType());
  if (!IsArray(type)) ThrowUnexpectedParameters(name, args, std::string(name) + "(array(E), array(E))");
  return MakeBoundCall(name, {type, type}, boolean_result ? LogicalType::Boolean() : type, kernel);
}

// ---- concat ----

// concat(a1, ..., an): NULL if any array is NULL (Trino).
void ConcatKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  size_t total = 0;
  std::vector<size_t> base(args.size());
  for (size_t a = 0; a < args.size(); ++a) {
    base[a] = total;
    total += args[a]->list_size();
  }
  Vector stacked(result.child().type(), std::max<size_t>(total, 1));
  for (size_t a = 0; a < args.size(); ++a) stacked.CopyFrom(args[a]->child(), nullptr, args[a]->list_size(), base[a]);
  ListBuilder out(count);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    for (size_t a = 0; a < args.size(); ++a) {
      const ListEntry e = Entries(*args[a])[i];
      for (uint32_t k = 0; k < e.length; ++k) out.Add(static_cast<uint32_t>(base[a] + e.offset + k));
    }
    out.EndRow(i);
  }
  out.Finish(stacked, result);
}

// a || x and x || a: the element as a one-element array, then concat.
template <bool kElementFirst>
void AppendElementKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& array = *args[kElementFirst ? 1 : 0];
  const Vector& element = *args[kElementFirst ? 0 : 1];
  Vector single(array.type(), std::max<size_t>(count, 1));
  single.child().CopyFrom(element, nullptr, count, 0);
  single.GrowList(count);
  for (size_t i = 0; i < count; ++i) single.data<ListEntry>()[i] = ListEntry{static_cast<uint32_t>(i), 1};
  std::vector<const Vector*> parts = kElementFirst ? std::vector<const Vector*>{&single, &array}
                                                   : std::vector<const Vector*>{&array, &single};
  ConcatKernel(parts, count, result);
}

BoundCall<ScalarFunction> BindConcat(const std::vector<LogicalType>& args) {
  const bool all_arrays = std::all_of(args.begin(), args.end(), [](const LogicalType& t) {
    return IsArray(t) || t.id() == TypeId::kInvalid;
  });
  if (args.size() >= 2 && all_arrays) {
    LogicalType type;
    for (const auto& t : args) {
      if (t.id() == TypeId::kInvalid) continue;
      LogicalType next = type.id() == TypeId::kInvalid ? t : CommonSuperType(type, t);
      if (next.id() == TypeId::kInvalid) ThrowUnexpectedParameters("concat", args, "concat(array(E), ...)");
      type = next;
    }
    if (type.id() == TypeId::kInvalid) type = LogicalType::Array(LogicalType());
    return MakeBoundCall("", std::vector<LogicalType>(args.size(), type), type, &ConcatKernel);
  }
  if (args.size() == 2 && (IsArray(args[0]) || IsArray(args[1]))) {
    const bool element_first = !IsArray(args[0]);
    const LogicalType& array = args[element_first ? 1 : 0];
    const LogicalType& element = args[element_first ? 0 : 1];
    LogicalType e = element.id() == TypeId::kInvalid ? array.ElementType() : CommonSuperType(array.ElementType(), element);
    if (array.ElementType().id() == TypeId::kInvalid) e = element;
    if (e.id() == TypeId::kInvalid && element.id() != TypeId::kInvalid) {
      ThrowUnexpectedParameters("concat", args, "concat(array(E), E), concat(E, array(E))");
    }
    const LogicalType at = LogicalType::Array(e);
    if (element_first) return MakeBoundCall("", {e, at}, at, &AppendElementKernel<true>, false);
    return MakeBoundCall("", {at, e}, at, &AppendElementKernel<false>, false);
  }
  ThrowUnexpectedParameters("concat", args, "concat(array(E), ...), concat(varchar, ...)");
}

// ---- slice, repeat, zip ----

void SliceKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& array = *args[0];
  const int64_t* starts = args[1]->data<int64_t>();
  const int64_t* lengths = args[2]->data<int64_t>();
  ListBuilder out(count);
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    const ListEntry e = Entries(array)[i];
    const int64_t start = starts[i], length = lengths[i];
    if (start == 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "SQL array indices start at 1");
    if (length < 0) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "length must be greater than or equal to 0");
    }
    const int64_t from = start > 0 ? start - 1 : static_cast<int64_t>(e.length) + start;
    if (from >= 0 && from < e.length) {
      const int64_t to = std::min<int64_t>(e.length, from + length);
      for (int64_t k = from; k < to; ++k) out.Add(e.offset + static_cast<uint32_t>(k));
    }
    out.EndRow(i);
  }
  out.Finish(array.child(), result);
}

BoundCall<ScalarFunction> BindSlice(const std::vector<LogicalType>& args) {
  if (args.size() != 3 || !IsArray(args[0]) || !IsIndexType(args[1]) || !IsIndexType(args[2])) {
    ThrowUnexpectedParameters("slice", args, "slice(array(E), bigint, bigint)");
  }
  return MakeBoundCall("", {args[0], LogicalType::Bigint(), LogicalType::Bigint()}, args[0], &SliceKernel);
}

constexpr int64_t kMaxRepeat = 10000;

void RepeatKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& counts = *args[1];
  ListBuilder out(count);
  for (size_t i = 0; i < count; ++i) {
    if (counts.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    const int64_t n = counts.data<int64_t>()[i];
    if (n < 0) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "count argument of repeat function must be greater than or equal to 0");
    }
    if (n > kMaxRepeat) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "count argument of repeat function must be less than or equal to 10000");
    }
    for (int64_t k = 0; k < n; ++k) out.Add(static_cast<uint32_t>(i));
    out.EndRow(i);
  }
  out.Finish(*args[0], result);
}

BoundCall<ScalarFunction> BindRepeat(const std::vector<LogicalType>& args) {
  if (args.size() != 2 || !IsIndexType(args[1])) ThrowUnexpectedParameters("repeat", args, "repeat(E, bigint)");
  return MakeBoundCall("", {args[0], LogicalType::Bigint()}, LogicalType::Array(args[0]), &RepeatKernel, false);
}

// zip(a, b, ...): row i of the result pairs the arrays' i-th elements,
// NULL past the end of the shorter ones.
void ZipKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  std::vector<std::vector<uint32_t>> sels(args.size());
  ListEntry* entries = result.data<ListEntry>();
  const size_t first = result.list_size();
  size_t total = 0;
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(first + total), 0};
    if (has_nulls && result.IsNull(i)) continue;
    uint32_t longest = 0;
    for (const Vector* a : args) longest = std::max(longest, Entries(*a)[i].length);
    for (size_t a = 0; a < args.size(); ++a) {
      const ListEntry e = Entries(*args[a])[i];
      for (uint32_t k = 0; k < longest; ++k) sels[a].push_back(k < e.length ? e.offset + k : kNullRow);
    }
    entries[i].length = longest;
    total += longest;
  }
  result.GrowList(total);
  Vector& rows = result.child();
  for (size_t a = 0; a < args.size(); ++a) {
    Vector field(rows.child(a).type(), std::max<size_t>(total, 1));
    GatherWithNulls(args[a]->child(), sels[a].data(), total, field);
    rows.child(a).CopyFrom(field, nullptr, total, first);
  }
  for (size_t r = 0; r < total; ++r) rows.SetNull(first + r, false);
}

BoundCall<ScalarFunction> BindZip(const std::vector<LogicalType>& args) {
  if (args.size() < 2 || !std::all_of(args.begin(), args.end(), IsArray)) {
    ThrowUnexpectedParameters("zip", args, "zip(array(T1), array(T2), ...)");
  }
  std::vector<LogicalType> fields;
  for (const auto& t : args) fields.push_back(t.ElementType());
  return MakeBoundCall("", args, LogicalType::Array(LogicalType::Row(fields, {})), &ZipKernel);
}

// ---- array_join ----

// Elements as text (cast to varchar once for the whole child), joined.
void ArrayJoinKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& array = *args[0];
  Vector text(LogicalType::Varchar(), std::max<size_t>(array.list_size(), 1));
  CastVector(array.child(), text, array.list_size(), false);
  const bool has_nulls = PropagateNulls(args, count, result);
  const bool replace_nulls = args.size() == 3;
  std::string joined;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const ListEntry e = Entries(array)[i];
    const std::string_view sep = args[1]->data<StringRef>()[i].view();
    joined.clear();
    bool first = true;
    for (uint32_t k = 0; k < e.length; ++k) {
      std::string_view piece;
      if (text.IsNull(e.offset + k)) {
        if (!replace_nulls) continue;
        piece = args[2]->data<StringRef>()[i].view();
      } else {
        piece = text.data<StringRef>()[e.offset + k].view();
      }
      if (!first) joined += sep;
      joined += piece;
      first = false;
    }
    result.SetString(i, joined);
  }
}

BoundCall<ScalarFunction> BindArrayJoin(const std::vector<LogicalType>& args) {
  const auto is_text = [](const LogicalType& t) { return t.id() == TypeId::kVarchar || t.id() == TypeId::kInvalid; };
  if ((args.size() != 2 && args.size() != 3) || !IsArray(args[0]) || !is_text(args[1]) ||
      (args.size() == 3 && !is_text(args[2])) || args[0].ElementType().IsNested() ||
      !CastExists(args[0].ElementType(), LogicalType::Varchar())) {
    ThrowUnexpectedParameters("array_join", args, "array_join(array(E), varchar [, varchar])");
  }
  std::vector<LogicalType> types = args;
  for (size_t i = 1; i < types.size(); ++i) types[i] = LogicalType::Varchar();
  return MakeBoundCall("", types, LogicalType::Varchar(), &ArrayJoinKernel);
}

}  // namespace

void RegisterArrayFunctions(FunctionRegistry& registry) {
  registry.AddGenericScalar("cardinality", &BindCardinality);
  registry.AddGenericScalar("contains", [](const std::vector<LogicalType>& args) {
    return BindArrayAndElement("contains", args, LogicalType::Boolean(), &ContainsKernel);
  });
  registry.AddGenericScalar("array_position", [](const std::vector<LogicalType>& args) {
    return BindArrayAndElement("array_position", args, LogicalType::Bigint(), &ArrayPositionKernel);
  });
  registry.AddGenericScalar("array_remove", [](const std::vector<LogicalType>& args) {
    return BindArrayAndElement("array_remove", args, LogicalType::Array(LogicalType()), &ArrayRemoveKernel);
  });
  registry.AddGenericScalar("array_distinct", [](const std::vector<LogicalType>& args) {
    return BindOneArray("array_distinct", args, &ArrayDistinctKernel);
  });
  registry.AddGenericScalar("array_sort", [](const std::vector<LogicalType>& args) {
    return BindOneArray("array_sort", args, &ArraySortKernel, true);
  });
  registry.AddGenericScalar("reverse", [](const std::vector<LogicalType>& args) {
    return BindOneArray("reverse", args, &ReverseKernel);
  });
  registry.AddGenericScalar("array_max", [](const std::vector<LogicalType>& args) {
    return BindOneArray("array_max", args, &ArrayExtremeKernel<true>, true, true);
  });
  registry.AddGenericScalar("array_min", [](const std::vector<LogicalType>& args) {
    return BindOneArray("array_min", args, &ArrayExtremeKernel<false>, true, true);
  });
  registry.AddGenericScalar("flatten", &BindFlatten);
  registry.AddGenericScalar("array_union", [](const std::vector<LogicalType>& args) {
    return BindTwoArrays("array_union", args, &ArraySetKernel<SetOp::kUnion>);
  });
  registry.AddGenericScalar("array_intersect", [](const std::vector<LogicalType>& args) {
    return BindTwoArrays("array_intersect", args, &ArraySetKernel<SetOp::kIntersect>);
  });
  registry.AddGenericScalar("array_except", [](const std::vector<LogicalType>& args) {
    return BindTwoArrays("array_except", args, &ArraySetKernel<SetOp::kExcept>);
  });
  registry.AddGenericScalar("arrays_overlap", [](const std::vector<LogicalType>& args) {
    return BindTwoArrays("arrays_overlap", args, &ArraysOverlapKernel, true);
  });
  registry.AddGenericScalar("concat", &BindConcat);
  registry.AddGenericScalar("slice", &BindSlice);
  registry.AddGenericScalar("repeat", &BindRepeat);
  registry.AddGenericScalar("zip", &BindZip);
  registry.AddGenericScalar("array_join", &BindArrayJoin);
}

}  // namespace sluice::function
