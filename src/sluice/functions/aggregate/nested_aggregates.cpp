// Aggregates that build nested values (Trino's semantics):
//   array_agg(x)          every input, NULLs included; NULL for no rows
//   map_agg(k, v)         one entry per distinct non-NULL key (the first
//                         value seen for it)
//   histogram(x)          map(x, bigint) of counts of the non-NULL inputs
//   multimap_agg(k, v)    map(k, array(v)) of all values per key
//   max_by(x, y), min_by(x, y)   x of the row with the greatest / least
//                         non-NULL y
//   max_by(x, y, n), min_by(x, y, n)   array of the x of the n rows with
//                         the greatest / least non-NULL y, best first
// Several arguments reach the function as one ROW argument (the binder
// packs them), whose fields are the arguments. A state points to an owned
// Collected: the rows gathered so far in vectors of the argument's type,
// copied a batch's selected rows at a time.
#include <algorithm>
#include <cstring>
#include <memory>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/nested/nested_binding.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::function {
namespace {

// The values a group collected, and for keyed aggregates an index of the
// distinct keys (open addressing over rows of `keys`, grown at half load).
struct Collected {
  explicit Collected(const LogicalType& type) : values(type, 4) {}
  Vector values;
  size_t count = 0;
  std::vector<int64_t> counts;     // histogram: per distinct value
  std::vector<uint32_t> slots;     // key index: rows of `values` (or of field 0)
  size_t distinct = 0;
  int64_t limit = 0;               // max_by/min_by(x, y, n): n

  void Append(const Vector& source, const uint32_t* sel, size_t n) {
    values.CopyFrom(source, sel, n, count);
    count += n;
  }

  // The row of `key_source` row `row` among the distinct keys (field
  // `field` of the values when they are rows, else the values), adding it
  // with `add` when absent. Returns the key's position in the index order.
  template <typename Add>
  uint32_t FindOrAdd(const Vector& keys, const Vector& key_source, uint32_t row, const Add& add) {
    if (slots.empty() || distinct * 2 >= slots.size()) Rehash(keys);
    const size_t mask = slots.size() - 1;
    for (size_t pos = HashRow(key_source, row) & mask;; pos = (pos + 1) & mask) {
      if (slots[pos] == UINT32_MAX) {
        slots[pos] = add();
        ++distinct;
        return slots[pos];
      }
      if (RowsEqual(keys, slots[pos], key_source, row)) return slots[pos];
    }
  }

  void Rehash(const Vector& keys) {
    std::vector<uint32_t> old = std::move(slots);
    slots.assign(std::max<size_t>(16, old.size() * 2), UINT32_MAX);
    const size_t mask = slots.size() - 1;
    for (uint32_t r : old) {
      if (r == UINT32_MAX) continue;
      size_t pos = HashRow(keys, r) & mask;
      while (slots[pos] != UINT32_MAX) pos = (pos + 1) & mask;
      slots[pos] = r;
    }
  }
};

// The state is one pointer; the Collected is made on first input.
Collected*& Ptr(uint8_t* state) { return *reinterpret_cast<Collected**>(state); }
const Collected* Get(const uint8_t* state) { return *reinterpret_cast<Collected* const*>(state); }

void InitState(uint8_t* state) { Ptr(state) = nullptr; }
void DestroyState(uint8_t* state) {
  delete Ptr(state);
  Ptr(state) = nullptr;
}
Collected& Ensure(uint8_t* state, const LogicalType& type) {
  if (!Ptr(state)) Ptr(state) = new Collected(type);
  return *Ptr(state);
}

// ---- array_agg ----

void ArrayAggUpdate(const Vector* arg, size_t count, uint8_t* const* states) {
  for (size_t i = 0; i < count; ++i) {
    const uint32_t row = static_cast<uint32_t>(i);
    Ensure(states[i], arg->type()).Append(*arg, &row, 1);
  }
}
void ArrayAggUpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  if (count) Ensure(state, arg->type()).Append(*arg, nullptr, count);
}
void ArrayAggCombine(const uint8_t* source, uint8_t* target) {
  const Collected* s = Get(source);
  if (!s) return;
  Ensure(target, s->values.type()).Append(s->values, nullptr, s->count);
}
// Writes rows `sel` of the collected values as row `row` of the list `out`.
void FinalizeList(const Collected* c, const uint32_t* sel, size_t n, Vector& out, size_t row) {
  const size_t first = out.GrowList(n);
  out.child().CopyFrom(c->values, sel, n, first);
  out.data<ListEntry>()[row] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(n)};
  out.SetNull(row, false);
}
void ArrayAggFinalize(const uint8_t* state, Vector& out, size_t row) {
  const Collected* c = Get(state);
  if (!c || c->count == 0) {
    out.SetValue(row, Value::Null(out.type()));
    return;
  }
  FinalizeList(c, nullptr, c->count, out, row);
}

// ---- map_agg, histogram, multimap_agg: keyed ----

// map_agg and multimap_agg collect (key, value) rows; map_agg keeps the
// first row of each key, multimap_agg every row with a non-NULL key.
template <bool kMulti>
void KeyedUpdate(const Vector* arg, size_t count, uint8_t* const* states) {
  const Vector& keys = arg->child(0);
  for (size_t i = 0; i < count; ++i) {
    if (keys.IsNull(i)) continue;
    const uint32_t row = static_cast<uint32_t>(i);
    Collected& c = Ensure(states[i], arg->type());
    if (kMulti) {
      c.Append(*arg, &row, 1);
      continue;
    }
    c.FindOrAdd(c.values.child(0), keys, row, [&] {
      c.Append(*arg, &row, 1);
      return static_cast<uint32_t>(c.count - 1);
    });
  }
}
template <bool kMulti>
void KeyedCombine(const uint8_t* source, uint8_t* target) {
  const Collected* s = Get(source);
  if (!s) return;
  std::vector<uint8_t*> states(s->count, target);
  KeyedUpdate<kMulti>(&s->values, s->count, states.data());
}
void MapAggFinalize(const uint8_t* state, Vector& out, size_t row) {
  const Collected* c = Get(state);
  if (!c || c->count == 0) {
    out.SetValue(row, Value::Null(out.type()));
    return;
  }
  // The collected rows are row(key, value): the map's entry layout.
  const size_t first = out.GrowList(c->count);
  Vector& entries = out.child();
  for (size_t f = 0; f < 2; ++f) entries.child(f).CopyFrom(c->values.child(f), nullptr, c->count, first);
  for (size_t r = 0; r < c->count; ++r) entries.SetNull(first + r, false);
  out.data<ListEntry>()[row] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(c->count)};
  out.SetNull(row, false);
}
void MultimapAggFinalize(const uint8_t* state, Vector& out, size_t row) {
  const Collected* c = Get(state);
  if (!c || c->count == 0) {
    out.SetValue(row, Value::Null(out.type()));
    return;
  }
  // Group the rows by key, keys in first-seen order.
  const Vector& keys = c->values.child(0);
  std::vector<uint32_t> key_rows;
  std::vector<std::vector<uint32_t>> groups;
  for (uint32_t r = 0; r < c->count; ++r) {
    size_t g = 0;
    while (g < key_rows.size() && !RowsEqual(keys, key_rows[g], keys, r)) ++g;
    if (g == key_rows.size()) {
      key_rows.push_back(r);
      groups.emplace_back();
    }
    groups[g].push_back(r);
  }
  const size_t first = out.GrowList(key_rows.size());
  Vector& entries = out.child();
  entries.child(0).CopyFrom(keys, key_rows.data(), key_rows.size(), first);
  Vector& value_lists = entries.child(1);
  for (size_t g = 0; g < groups.size(); ++g) {
    entries.SetNull(first + g, false);
    value_lists.SetNull(first + g, false);
    const size_t vfirst = value_lists.GrowList(groups[g].size());
    value_lists.child().CopyFrom(c->values.child(1), groups[g].data(), groups[g].size(), vfirst);
    value_lists.data<ListEntry>()[first + g] =
        ListEntry{static_cast<uint32_t>(vfirst), static_cast<uint32_t>(groups[g].size())};
  }
  out.data<ListEntry>()[row] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(key_rows.size())};
  out.SetNull(row, false);
}

// histogram: distinct values with a count each.
void HistogramUpdate(const Vector* arg, size_t count, uint8_t* const* states) {
  for (size_t i = 0; i < count; ++i) {
    if (arg->IsNull(i)) continue;
    const uint32_t row = static_cast<uint32_t>(i);
    Collected& c = Ensure(states[i], arg->type());
    const uint32_t at = c.FindOrAdd(c.values, *arg, row, [&] {
      c.Append(*arg, &row, 1);
      c.counts.push_back(0);
      return static_cast<uint32_t>(c.count - 1);
    });
    ++c.counts[at];
  }
}
void HistogramCombine(const uint8_t* source, uint8_t* target) {
  const Collected* s = Get(source);
  if (!s) return;
  for (uint32_t r = 0; r < s->count; ++r) {
    Collected& c = Ensure(target, s->values.type());
    const uint32_t at = c.FindOrAdd(c.values, s->values, r, [&] {
      c.Append(s->values, &r, 1);
      c.counts.push_back(0);
      return static_cast<uint32_t>(c.count - 1);
    });
    c.counts[at] += s->counts[r];
  }
}
void HistogramFinalize(const uint8_t* state, Vector& out, size_t row) {
  const Collected* c = Get(state);
  if (!c || c->count == 0) {
    out.SetValue(row, Value::Null(out.type()));
    return;
  }
  const size_t first = out.GrowList(c->count);
  Vector& entries = out.child();
  entries.child(0).CopyFrom(c->values, nullptr, c->count, first);
  for (size_t r = 0; r < c->count; ++r) {
    entries.SetNull(first + r, false);
    entries.child(1).SetNull(first + r, false);
    entries.child(1).data<int64_t>()[first + r] = c->counts[r];
  }
  out.data<ListEntry>()[row] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(c->count)};
  out.SetNull(row, false);
}

// ---- max_by / min_by ----

// The state keeps one row(x, y): the best so far.
template <bool kMax>
void ByUpdate(const Vector* arg, size_t count, uint8_t* const* states) {
  const Vector& y = arg->child(1);
  for (size_t i = 0; i < count; ++i) {
    if (y.IsNull(i)) continue;
    const uint32_t row = static_cast<uint32_t>(i);
    Collected& c = Ensure(states[i], arg->type());
    if (c.count == 0) {
      c.Append(*arg, &row, 1);
      continue;
    }
    const int cmp = CompareRows(y, i, c.values.child(1), 0);
    if (kMax ? cmp > 0 : cmp < 0) {
      c.values.Reset();
      c.count = 0;
      c.Append(*arg, &row, 1);
    }
  }
}
template <bool kMax>
void ByCombine(const uint8_t* source, uint8_t* target) {
  const Collected* s = Get(source);
  if (!s || s->count == 0) return;
  uint8_t* states[] = {target};
  ByUpdate<kMax>(&s->values, 1, states);
}
void ByFinalize(const uint8_t* state, Vector& out, size_t row) {
  const Collected* c = Get(state);
  if (!c || c->count == 0) {
    out.SetValue(row, Value::Null(out.type()));
    return;
  }
  const uint32_t first = 0;
  out.CopyFrom(c->values.child(0), &first, 1, row);
}

// ---- max_by / min_by with n ----

// The state keeps candidate rows(x, y, n); past 2n of them the best n stay
// (a sort every n rows: amortised O(log n) a row, and no heap to keep).
constexpr int64_t kMaxByLimit = 10000;  // Trino's MAX_NUMBER_OF_VALUES

// The rows of c in best-first order (greatest y first for max_by); at most `keep`.
template <bool kMax>
std::vector<uint32_t> BestRows(const Collected& c, size_t keep) {
  std::vector<uint32_t> order(c.count);
  for (uint32_t r = 0; r < c.count; ++r) order[r] = r;
  const Vector& y = c.values.child(1);
  auto better = [&](uint32_t a, uint32_t b) {
    const int cmp = CompareRows(y, a, y, b);
    return kMax ? cmp > 0 : cmp < 0;
  };
  keep = std::min(keep, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(), better);
  order.resize(keep);
  return order;
}

template <bool kMax>
void KeepBest(Collected& c) {
  const size_t n = static_cast<size_t>(c.limit);
  if (c.count < 2 * n) return;
  const std::vector<uint32_t> best = BestRows<kMax>(c, n);
  Vector kept(c.values.type(), n);
  kept.CopyFrom(c.values, best.data(), best.size(), 0);
  c.values = std::move(kept);
  c.count = best.size();
}

[[noreturn]] void ThrowByLimit(const std::string& message) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, "third argument of max_by/min_by must be " + message);
}

template <bool kMax>
void ByNUpdate(const Vector* arg, size_t count, uint8_t* const* states) {
  const Vector& y = arg->child(1);
  const Vector& n = arg->child(2);
  for (size_t i = 0; i < count; ++i) {
    if (n.IsNull(i)) continue;
    Collected& c = Ensure(states[i], arg->type());
    if (c.limit == 0) {
      // As Trino: checked on a group's first row, whatever its y.
      const int64_t limit = n.data<int64_t>()[i];
      if (limit <= 0) ThrowByLimit("a positive integer");
      if (limit > kMaxByLimit) {
        ThrowByLimit("less than or equal to " + std::to_string(kMaxByLimit) + "; found " + std::to_string(limit));
      }
      c.limit = limit;
    }
    if (y.IsNull(i)) continue;
    const uint32_t row = static_cast<uint32_t>(i);
    c.Append(*arg, &row, 1);
    KeepBest<kMax>(c);
  }
}
template <bool kMax>
void ByNCombine(const uint8_t* source, uint8_t* target) {
  const Collected* s = Get(source);
  if (!s) return;
  Collected& c = Ensure(target, s->values.type());
  if (c.limit == 0) c.limit = s->limit;
  const std::vector<uint32_t> best = BestRows<kMax>(*s, static_cast<size_t>(s->limit));
  c.Append(s->values, best.data(), best.size());
  KeepBest<kMax>(c);
}
template <bool kMax>
void ByNFinalize(const uint8_t* state, Vector& out, size_t row) {
  const Collected* c = Get(state);
  if (!c || c->count == 0) {
    out.SetValue(row, Value::Null(out.type()));
    return;
  }
  const std::vector<uint32_t> best = BestRows<kMax>(*c, static_cast<size_t>(c->limit));
  const size_t first = out.GrowList(best.size());
  out.child().CopyFrom(c->values.child(0), best.data(), best.size(), first);
  out.data<ListEntry>()[row] = ListEntry{static_cast<uint32_t>(first), static_cast<uint32_t>(best.size())};
  out.SetNull(row, false);
}

AggregateFunction MakeAggregate(const char* name, const std::vector<LogicalType>& args, LogicalType result) {
  AggregateFunction f;
  f.name = name;
  f.arg_types = args;
  f.return_type = std::move(result);
  f.state_size = sizeof(Collected*);
  f.initialize = &InitState;
  f.destroy = &DestroyState;
  return f;
}

BoundCall<AggregateFunction> Bound(AggregateFunction f) {
  BoundCall<AggregateFunction> call;
  call.arg_types = f.arg_types;
  call.function = std::move(f);
  return call;
}

// Arguments packed into a row(field0, field1) by the binder.
bool IsPair(const std::vector<LogicalType>& args) {
  return args.size() == 1 && args[0].id() == TypeId::kRow && args[0].Children().size() == 2;
}

BoundCall<AggregateFunction> BindArrayAgg(const std::vector<LogicalType>& args) {
  if (args.size() != 1 || IsPair(args)) ThrowUnexpectedParameters("array_agg", args, "array_agg(T)");
  const LogicalType t = args[0].id() == TypeId::kInvalid ? LogicalType::Varchar() : args[0];
  AggregateFunction f = MakeAggregate("array_agg", {t}, LogicalType::Array(t));
  f.update = &ArrayAggUpdate;
  f.update_single = &ArrayAggUpdateSingle;
  f.combine = &ArrayAggCombine;
  f.finalize = &ArrayAggFinalize;
  return Bound(std::move(f));
}

template <bool kMulti>
BoundCall<AggregateFunction> BindMapAgg(const std::vector<LogicalType>& args) {
  const char* name = kMulti ? "multimap_agg" : "map_agg";
  if (!IsPair(args)) ThrowUnexpectedParameters(name, args, std::string(name) + "(K, V)");
  const LogicalType& key = args[0].Children()[0];
  const LogicalType& value = args[0].Children()[1];
  if (!key.IsOrderable()) throw SluiceError(ErrorCode::kTypeMismatch, std::string(name) + " key type must be comparable");
  const LogicalType packed = LogicalType::Row({key, value}, {"key", "value"});
  AggregateFunction f = MakeAggregate(name, {packed}, LogicalType::Map(key, kMulti ? LogicalType::Array(value) : value));
  f.update = &KeyedUpdate<kMulti>;
  f.combine = &KeyedCombine<kMulti>;
  f.finalize = kMulti ? &MultimapAggFinalize : &MapAggFinalize;
  return Bound(std::move(f));
}

BoundCall<AggregateFunction> BindHistogram(const std::vector<LogicalType>& args) {
  if (args.size() != 1 || IsPair(args) || args[0].id() == TypeId::kInvalid) {
    ThrowUnexpectedParameters("histogram", args, "histogram(T)");
  }
  AggregateFunction f = MakeAggregate("histogram", args, LogicalType::Map(args[0], LogicalType::Bigint()));
  f.update = &HistogramUpdate;
  f.combine = &HistogramCombine;
  f.finalize = &HistogramFinalize;
  return Bound(std::move(f));
}

template <bool kMax>
BoundCall<AggregateFunction> BindBy(const std::vector<LogicalType>& args) {
  const char* name = kMax ? "max_by" : "min_by";
  const bool packed = args.size() == 1 && args[0].id() == TypeId::kRow;
  const std::vector<LogicalType>& fields = packed ? args[0].Children() : args;
  const std::string expected = std::string(name) + "(T, orderable U [, bigint n])";
  if (!packed || fields.size() < 2 || fields.size() > 3 || !fields[1].IsOrderable()) {
    ThrowUnexpectedParameters(name, fields, expected);
  }
  if (fields.size() == 2) {
    AggregateFunction f = MakeAggregate(name, args, fields[0]);
    f.update = &ByUpdate<kMax>;
    f.combine = &ByCombine<kMax>;
    f.finalize = &ByFinalize;
    return Bound(std::move(f));
  }
  if (!fields[2].IsInteger() && fields[2].id() != TypeId::kInvalid) ThrowUnexpectedParameters(name, fields, expected);
  const LogicalType packed_type = LogicalType::Row({fields[0], fields[1], LogicalType::Bigint()}, {"", "", ""});
  AggregateFunction f = MakeAggregate(name, {packed_type}, LogicalType::Array(fields[0]));
  f.update = &ByNUpdate<kMax>;
  f.combine = &ByNCombine<kMax>;
  f.finalize = &ByNFinalize<kMax>;
  return Bound(std::move(f));
}

}  // namespace

void RegisterNestedAggregates(FunctionRegistry& registry) {
  registry.AddGenericAggregate("array_agg", &BindArrayAgg);
  registry.AddGenericAggregate("map_agg", &BindMapAgg<false>);
  registry.AddGenericAggregate("multimap_agg", &BindMapAgg<true>);
  registry.AddGenericAggregate("histogram", &BindHistogram);
  registry.AddGenericAggregate("max_by", &BindBy<true>);
  registry.AddGenericAggregate("min_by", &BindBy<false>);
}

}  // namespace sluice::function
