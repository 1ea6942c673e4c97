// Map functions (Trino's semantics). A map vector is a list of
// ROW(key, value) entries, so most of these only re-point list entries:
//   map_keys(m), map_values(m)   arrays of the keys / values, entry order
//   map_entries(m)               array(row(K, V))
//   map_from_entries(a)          the inverse; NULL or duplicate keys fail
//   map_concat(m1, ...)          later maps win on equal keys
#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/nested/list_builder.h"
#include "sluice/functions/nested/nested_binding.h"

namespace sluice::function {
namespace {

// The result's rows reuse the argument's entries over one field of the
// entry rows (0 = keys, 1 = values) or the entry rows themselves.
template <int kField>
void MapPartKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& map = *args[0];
  const Vector& source = kField < 0 ? map.child() : map.child().child(kField);
  const size_t first = result.GrowList(map.list_size());
  result.child().CopyFrom(source, nullptr, map.list_size(), first);
  const ListEntry* from = map.data<ListEntry>();
  ListEntry* to = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    to[i] = ListEntry{static_cast<uint32_t>(from[i].offset + first), from[i].length};
    result.SetNull(i, map.IsNull(i));
  }
}

template <int kField>
BoundCall<ScalarFunction> BindMapPart(const std::vector<LogicalType>& args) {
  static const char* kNames[] = {"map_entries", "map_keys", "map_values"};
  const char* name = kNames[kField + 1];
  if (args.size() != 1 || args[0].id() != TypeId::kMap) {
    ThrowUnexpectedParameters(name, args, std::string(name) + "(map(K,V))");
  }
  const LogicalType& map = args[0];
  const LogicalType result =
      kField < 0 ? LogicalType::Array(LogicalType::Row({map.KeyType(), map.ValueType()}, {}))
                 : LogicalType::Array(kField == 0 ? map.KeyType() : map.ValueType());
  return MakeBoundCall(name, args, result, &MapPartKernel<kField>, false);
}

// Row type names differ (map entries are row(key, value), map_entries'
// elements anonymous): copy field by field.
void MapEntriesKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& map = *args[0];
  const size_t first = result.GrowList(map.list_size());
  Vector& rows = result.child();
  for (size_t f = 0; f < 2; ++f) rows.child(f).CopyFrom(map.child().child(f), nullptr, map.list_size(), first);
  for (size_t r = 0; r < map.list_size(); ++r) rows.SetNull(first + r, false);
  const ListEntry* from = map.data<ListEntry>();
  ListEntry* to = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    to[i] = ListEntry{static_cast<uint32_t>(from[i].offset + first), from[i].length};
    result.SetNull(i, map.IsNull(i));
  }
}

// Checks one map's keys (rows [first, first + n) of `keys`): not NULL, distinct.
void CheckKeys(const Vector& keys, uint32_t first, uint32_t n, ElementSet& seen) {
  seen.Clear(n);
  for (uint32_t k = 0; k < n; ++k) {
    if (keys.IsNull(first + k)) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "map key cannot be null");
    if (!seen.Insert(first + k)) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "Duplicate map keys (" + keys.GetValue(first + k).ToString() + ") are not allowed");
    }
  }
}

void MapFromEntriesKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const Vector& array = *args[0];
  const Vector& rows = array.child();
  const size_t first = result.GrowList(array.list_size());
  Vector& entries = result.child();
  for (size_t f = 0; f < 2; ++f) entries.child(f).CopyFrom(rows.child(f), nullptr, array.list_size(), first);
  for (size_t r = 0; r < array.list_size(); ++r) entries.SetNull(first + r, false);
  ElementSet seen(rows.child(0));
  const ListEntry* from = array.data<ListEntry>();
  ListEntry* to = result.data<ListEntry>();
  for (size_t i = 0; i < count; ++i) {
    to[i] = ListEntry{static_cast<uint32_t>(from[i].offset + first), from[i].length};
    if (array.IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    for (uint32_t k = 0; k < from[i].length; ++k) {
      if (rows.IsNull(from[i].offset + k)) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument, "map entry cannot be null");
      }
    }
    CheckKeys(rows.child(0), from[i].offset, from[i].length, seen);
  }
}

BoundCall<ScalarFunction> BindMapFromEntries(const std::vector<LogicalType>& args) {
  if (args.size() != 1 || args[0].id() != TypeId::kArray || args[0].ElementType().id() != TypeId::kRow ||
      args[0].ElementType().Children().size() != 2) {
    ThrowUnexpectedParameters("map_from_entries", args, "map_from_entries(array(row(K,V)))");
  }
  const auto& fields = args[0].ElementType().Children();
  return MakeBoundCall("map_from_entries", args, LogicalType::Map(fields[0], fields[1]), &MapFromEntriesKernel);
}

// map_concat: all maps' entries stacked; per row, the last entry of each
// key wins, in the order keys first appear.
void MapConcatKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  size_t total = 0;
  std::vector<size_t> base(args.size());
  for (size_t a = 0; a < args.size(); ++a) {
    base[a] = total;
    total += args[a]->list_size();
  }
  Vector stacked(result.child().type(), std::max<size_t>(total, 1));
  for (size_t a = 0; a < args.size(); ++a) stacked.CopyFrom(args[a]->child(), nullptr, args[a]->list_size(), base[a]);
  const Vector& keys = stacked.child(0);
  ListBuilder out(count);
  std::vector<uint32_t> rows;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) {
      out.NullRow(result, i);
      continue;
    }
    rows.clear();
    for (size_t a = 0; a < args.size(); ++a) {
      const ListEntry e = args[a]->data<ListEntry>()[i];
      for (uint32_t k = 0; k < e.length; ++k) {
        const uint32_t r = static_cast<uint32_t>(base[a] + e.offset + k);
        bool replaced = false;
        for (uint32_t& kept : rows) {
          if (RowsEqual(keys, kept, keys, r)) {
            kept = r;
            replaced = true;
            break;
          }
        }
        if (!replaced) rows.push_back(r);
      }
    }
    for (uint32_t r : rows) out.Add(r);
    out.EndRow(i);
  }
  out.Finish(stacked, result);
}

BoundCall<ScalarFunction> BindMapConcat(const std::vector<LogicalType>& args) {
  LogicalType type;
  for (const auto& t : args) {
    if (t.id() == TypeId::kInvalid) continue;
    if (t.id() != TypeId::kMap) ThrowUnexpectedParameters("map_concat", args, "map_concat(map(K,V), ...)");
    LogicalType next = type.id() == TypeId::kInvalid ? t : CommonSuperType(type, t);
    if (next.id() == TypeId::kInvalid) ThrowUnexpectedParameters("map_concat", args, "map_concat(map(K,V), ...)");
    type = next;
  }
  if (args.empty() || type.id() == TypeId::kInvalid) {
    ThrowUnexpectedParameters("map_concat", args, "map_concat(map(K,V), ...)");
  }
  return MakeBoundCall("map_concat", std::vector<LogicalType>(args.size(), type), type, &MapConcatKernel);
}

}  // namespace

void RegisterMapFunctions(FunctionRegistry& registry) {
  registry.AddGenericScalar("map_keys", &BindMapPart<0>);
  registry.AddGenericScalar("map_values", &BindMapPart<1>);
  registry.AddGenericScalar("map_entries", [](const std::vector<LogicalType>& args) {
    BoundCall<ScalarFunction> call = BindMapPart<-1>(args);
    call.function.kernel = &MapEntriesKernel;
    return call;
  });
  registry.AddGenericScalar("map_from_entries", &BindMapFromEntries);
  registry.AddGenericScalar("map_concat", &BindMapConcat);
}

}  // namespace sluice::function
