// min and max for every type. String states own a copy of the current
// extreme, so they never pin the input batches' memory.
#include <cstring>
#include <new>
#include <string>

#include "sluice/functions/function_registry.h"
#include "sluice/types/string_ref.h"

namespace sluice::function {
namespace {

template <typename T>
struct State {
  T value;
  bool set;
};

struct StringState {
  std::string value;
  bool set;
};

template <typename T, bool kMax>
bool Better(const T& candidate, const T& current) {
  if constexpr (kMax) return current < candidate;
  else return candidate < current;
}

template <typename T>
void Init(uint8_t* s) { new (s) State<T>{T{}, false}; }

template <typename T, bool kMax>
void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  const T* v = arg->data<T>();
  bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    auto* st = reinterpret_cast<State<T>*>(states[i]);
    if (!st->set || Better<T, kMax>(v[i], st->value)) {
      st->value = v[i];
      st->set = true;
    }
  }
}

template <typename T, bool kMax>
void Combine(const uint8_t* src, uint8_t* dst) {
  auto* s = reinterpret_cast<const State<T>*>(src);
  auto* d = reinterpret_cast<State<T>*>(dst);
  if (s->set && (!d->set || Better<T, kMax>(s->value, d->value))) *d = *s;
}

template <typename T>
void Finalize(const uint8_t* state, Vector& out, size_t row) {
  auto* s = reinterpret_cast<const State<T>*>(state);
  if (!s->set) out.SetNull(row); else out.data<T>()[row] = s->value;
}

void InitString(uint8_t* s) { new (s) StringState{std::string(), false}; }
void DestroyString(uint8_t* s) { reinterpret_cast<StringState*>(s)->~StringState(); }

template <bool kMax>
void UpdateString(const Vector* arg, size_t count, uint8_t* const* states) {
  const StringRef* v = arg->data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (arg->IsNull(i)) continue;
    auto* st = reinterpret_cast<StringState*>(states[i]);
    std::string_view cand = v[i].view();
    if (!st->set || (kMax ? std::string_view(st->value) < cand : cand < std::string_view(st->value))) {
      st->value.assign(cand);
      st->set = true;
    }
  }
}

template <bool kMax>
void CombineString(const uint8_t* src, uint8_t* dst) {
  auto* s = reinterpret_cast<const StringState*>(src);
  auto* d = reinterpret_cast<StringState*>(dst);
  if (s->set && (!d->set || (kMax ? d->value < s->value : s->value < d->value))) {
    d->value = s->value;
    d->set = true;
  }
}

void FinalizeString(const uint8_t* state, Vector& out, size_t row) {
  auto* s = reinterpret_cast<const StringState*>(state);
  if (!s->set) out.SetNull(row); else out.SetString(row, s->value);
}

template <typename T, bool kMax>
AggregateFunction Make(LogicalType t) {
  AggregateFunction f;
  f.name = kMax ? "max" : "min";
  f.arg_types = {t};
  f.return_type = t;
  f.state_size = sizeof(State<T>);
  f.initialize = Init<T>;
  f.update = Update<T, kMax>;
  f.combine = Combine<T, kMax>;
  f.finalize = Finalize<T>;
  return f;
}

template <bool kMax>
void RegisterAll(FunctionRegistry& r) {
  r.AddAggregate(Make<uint8_t, kMax>(LogicalType::Boolean()));
  r.AddAggregate(Make<int8_t, kMax>(LogicalType::Tinyint()));
  r.AddAggregate(Make<int16_t, kMax>(LogicalType::Smallint()));
  r.AddAggregate(Make<int32_t, kMax>(LogicalType::Integer()));
  r.AddAggregate(Make<int64_t, kMax>(LogicalType::Bigint()));
  r.AddAggregate(Make<float, kMax>(LogicalType::Real()));
  r.AddAggregate(Make<double, kMax>(LogicalType::Double()));
  r.AddAggregate(Make<int32_t, kMax>(LogicalType::Date()));
  r.AddAggregate(Make<int64_t, kMax>(LogicalType::AnyTimestamp()));
  // Packed with the zone in the low bits: ordered by instant.
  r.AddAggregate(Make<int64_t, kMax>(LogicalType::AnyTimestampTz()));
  r.AddAggregate(Make<int64_t, kMax>(LogicalType::IntervalDayTime()));
  r.AddAggregate(Make<int32_t, kMax>(LogicalType::IntervalYearMonth()));
  // Strings and binaries both order by their bytes.
  for (LogicalType t : {LogicalType::Varchar(), LogicalType::Varbinary()}) {
    AggregateFunction s;
    s.name = kMax ? "max" : "min";
    s.arg_types = {t};
    s.return_type = t;
    s.state_size = sizeof(StringState);
    s.initialize = InitString;
    s.update = UpdateString<kMax>;
    s.combine = CombineString<kMax>;
    s.finalize = FinalizeString;
    s.destroy = DestroyString;
    r.AddAggregate(s);
  }
}

}  // namespace

void RegisterMinMaxAggregates(FunctionRegistry& r) {
  RegisterAll<false>(r);
  RegisterAll<true>(r);
}

}  // namespace sluice::function
