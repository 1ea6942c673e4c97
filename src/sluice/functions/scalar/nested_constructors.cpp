// Building and taking apart nested values:
//   ARRAY[a, ...]          array_constructor: the elements' common type
//   ROW(a, ...), (a, b)    row: anonymous fields
//   MAP(), MAP(keys, values)  keys must be distinct and not NULL, the arrays
//                          of equal length (Trino's errors)
//   a[i], m[k]             subscript: 1-based; out of range and missing keys
//                          fail as in Trino
//   element_at(a, i)       NULL instead of failing; i < 0 counts from the end
//   element_at(m, k)       NULL for a missing key
//   r.x, r[1]              field access (bound in the binder, which knows
//                          the field; see FieldAccessFunction)
#include <algorithm>
#include <cstring>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/nested/nested_binding.h"
#include "sluice/functions/nested_functions.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::function {
namespace {

// Row i's elements go to child rows [first + i*n, first + (i+1)*n): the
// arguments are stacked into one vector (row k*count + i is argument k's
// row i) and gathered from there in row order.
void ArrayConstructorKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const size_t n = args.size();
  const size_t first = result.GrowList(n * count);
  ListEntry* entries = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(first + i * n), static_cast<uint32_t>(n)};
  }
  if (n == 0) return;
  Vector& elements = result.child();
  if (n == 1) {
    elements.CopyFrom(*args[0], nullptr, count, first);
    return;
  }
  Vector stacked(elements.type(), n * count);
  for (size_t k = 0; k < n; ++k) stacked.CopyFrom(*args[k], nullptr, count, k * count);
  std::vector<uint32_t> sel(n * count);
  for (size_t i = 0; i < count; ++i) {
    for (size_t k = 0; k < n; ++k) sel[i * n + k] = static_cast<uint32_t>(k * count + i);
  }
  elements.CopyFrom(stacked, sel.data(), n * count, first);
}

BoundCall<ScalarFunction> BindArrayConstructor(const std::vector<LogicalType>& args) {
  const LogicalType element = CommonElementType(args, "All ARRAY elements");
  return MakeBoundCall("array_constructor", std::vector<LogicalType>(args.size(), element),
                       LogicalType::Array(element), &ArrayConstructorKernel, false);
}

void RowConstructorKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  for (size_t f = 0; f < args.size(); ++f) result.child(f).CopyFrom(*args[f], nullptr, count, 0);
}

BoundCall<ScalarFunction> BindRowConstructor(const std::vector<LogicalType>& args) {
  if (args.empty()) ThrowUnexpectedParameters("row", args, "row(T, ...)");
  return MakeBoundCall("row", args, LogicalType::Row(args, {}), &RowConstructorKernel, false);
}

// MAP(keys, values): the key and value arrays become the entries' fields.
void MapConstructorKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  if (args.empty()) {
    for (size_t i = 0; i < count; ++i) result.data<ListEntry>()[i] = ListEntry{0, 0};
    return;
  }
  const bool has_nulls = PropagateNulls(args, count, result);
  const Vector& keys = *args[0];
  const Vector& values = *args[1];
  const ListEntry* key_entries = keys.data<ListEntry>();
  const ListEntry* value_entries = values.data<ListEntry>();
  std::vector<uint32_t> key_sel, value_sel;
  ListEntry* entries = result.data<ListEntry>();
  const size_t first = result.list_size();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      entries[i] = ListEntry{static_cast<uint32_t>(first), 0};
      continue;
    }
    const ListEntry k = key_entries[i], v = value_entries[i];
    if (k.length != v.length) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Key and value arrays must be the same length");
    }
    entries[i] = ListEntry{static_cast<uint32_t>(first + key_sel.size()), k.length};
    for (uint32_t e = 0; e < k.length; ++e) {
      if (keys.child().IsNull(k.offset + e)) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument, "map key cannot be null");
      }
      for (uint32_t p = 0; p < e; ++p) {
        if (RowsEqual(keys.child(), k.offset + p, keys.child(), k.offset + e)) {
          throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                            "Duplicate map keys (" + keys.child().GetValue(k.offset + e).ToString() +
                                ") are not allowed");
        }
      }
      key_sel.push_back(k.offset + e);
      value_sel.push_back(v.offset + e);
    }
  }
  result.GrowList(key_sel.size());
  Vector& entry_rows = result.child();
  entry_rows.child(0).CopyFrom(keys.child(), key_sel.data(), key_sel.size(), first);
  entry_rows.child(1).CopyFrom(values.child(), value_sel.data(), value_sel.size(), first);
  for (size_t e = 0; e < key_sel.size(); ++e) entry_rows.SetNull(first + e, false);
}

BoundCall<ScalarFunction> BindMapConstructor(const std::vector<LogicalType>& args) {
  if (args.empty()) {
    return MakeBoundCall("map", {}, LogicalType::Map(LogicalType(), LogicalType()), &MapConstructorKernel);
  }
  auto element_of = [](const LogicalType& t) { return t.id() == TypeId::kArray ? t.ElementType() : LogicalType(); };
  if (args.size() != 2 || (args[0].id() != TypeId::kArray && args[0].id() != TypeId::kInvalid) ||
      (args[1].id() != TypeId::kArray && args[1].id() != TypeId::kInvalid)) {
    ThrowUnexpectedParameters("map", args, "map(), map(array(K), array(V))");
  }
  const LogicalType key = element_of(args[0]), value = element_of(args[1]);
  if (!key.IsOrderable() && key.id() != TypeId::kInvalid) {
    throw SluiceError(ErrorCode::kTypeMismatch, "map key type must be comparable: " + key.ToString());
  }
  return MakeBoundCall("map", {LogicalType::Array(key), LogicalType::Array(value)}, LogicalType::Map(key, value),
                       &MapConstructorKernel);
}

// ---- Subscript and element_at ----

[[noreturn]] void ThrowIndexZero() {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, "SQL array indices start at 1");
}

template <bool kElementAt>
void ArraySubscriptKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& array = *args[0];
  const Vector& index = *args[1];
  const ListEntry* entries = array.data<ListEntry>();
  const int64_t* indexes = index.data<int64_t>();
  std::vector<uint32_t> sel(count);
  for (size_t i = 0; i < count; ++i) {
    sel[i] = kNullRow;
    if (array.IsNull(i) || index.IsNull(i)) continue;
    const ListEntry e = entries[i];
    const int64_t at = indexes[i];
    if (at == 0) ThrowIndexZero();
    if constexpr (kElementAt) {
      if (at > 0 && at <= e.length) sel[i] = e.offset + static_cast<uint32_t>(at - 1);
      if (at < 0 && -at <= e.length) sel[i] = e.offset + static_cast<uint32_t>(e.length + at);
    } else {
      if (at < 0) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Array subscript is negative: " + std::to_string(at));
      }
      if (at > e.length) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                          "Array subscript must be less than or equal to array length: " + std::to_string(at) +
                              " > " + std::to_string(e.length));
      }
      sel[i] = e.offset + static_cast<uint32_t>(at - 1);
    }
  }
  GatherWithNulls(array.child(), sel.data(), count, result);
}

template <bool kElementAt>
void MapSubscriptKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& map = *args[0];
  const Vector& key = *args[1];
  const Vector& keys = map.child().child(0);
  const ListEntry* entries = map.data<ListEntry>();
  std::vector<uint32_t> sel(count);
  for (size_t i = 0; i < count; ++i) {
    sel[i] = kNullRow;
    if (map.IsNull(i) || key.IsNull(i)) continue;
    const ListEntry e = entries[i];
    for (uint32_t k = 0; k < e.length; ++k) {
      if (RowsEqual(keys, e.offset + k, key, i)) {
        sel[i] = e.offset + k;
        break;
      }
    }
    if (!kElementAt && sel[i] == kNullRow) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Key not present in map: " + key.GetValue(i).ToString());
    }
  }
  GatherWithNulls(map.child().child(1), sel.data(), count, result);
}

template <bool kElementAt>
BoundCall<ScalarFunction> BindSubscript(const std::vector<LogicalType>& args) {
  const char* name = kElementAt ? "element_at" : "subscript";
  if (args.size() == 2 && args[0].id() == TypeId::kArray && IsIndexType(args[1])) {
    return MakeBoundCall(name, {args[0], LogicalType::Bigint()}, args[0].ElementType(),
                         &ArraySubscriptKernel<kElementAt>, false);
  }
  if (args.size() == 2 && args[0].id() == TypeId::kMap) {
    const LogicalType& key = args[0].KeyType();
    if (args[1] == key || args[1].id() == TypeId::kInvalid || CommonSuperType(args[1], key) == key) {
      return MakeBoundCall(name, {args[0], key}, args[0].ValueType(), &MapSubscriptKernel<kElementAt>, false);
    }
  }
  ThrowUnexpectedParameters(name, args, std::string(name) + "(array(E), bigint), " + name + "(map(K,V), K)");
}

// Field `index` of a row: the field's values, NULL where the row is NULL.
void FieldAccessKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& row = *args[0];
  const size_t index = static_cast<size_t>(args[1]->data<int64_t>()[0]);
  result.CopyFrom(row.child(index), nullptr, count, 0);
  if (row.validity().AllValid()) return;
  for (size_t i = 0; i < count; ++i) {
    if (row.IsNull(i)) result.SetNull(i);
  }
}

}  // namespace

ScalarFunction FieldAccessFunction(const LogicalType& row, size_t index) {
  ScalarFunction f;
  f.name = "$field";
  f.arg_types = {row, LogicalType::Bigint()};
  f.return_type = row.Children()[index];
  f.kernel = &FieldAccessKernel;
  f.null_propagating = false;
  return f;
}

void RegisterNestedConstructorFunctions(FunctionRegistry& registry) {
  registry.AddGenericScalar("array_constructor", &BindArrayConstructor);
  registry.AddGenericScalar("row", &BindRowConstructor);
  registry.AddGenericScalar("map", &BindMapConstructor);
  registry.AddGenericScalar("subscript", &BindSubscript<false>);
  registry.AddGenericScalar("element_at", &BindSubscript<true>);
}

}  // namespace sluice::function
