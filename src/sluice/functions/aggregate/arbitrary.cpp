// arbitrary (alias any_value) for every type: some non-NULL input of the
// group (here the first one seen; after merging partial states, the first
// state's), NULL for an empty or all-NULL group. String states own a copy,
// so they never pin input batches; decimal states hold 128 bits.
#include <cstring>
#include <new>
#include <string>

#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar_function.h"
#include "sluice/types/decimal.h"
#include "sluice/types/string_ref.h"

namespace sluice::function {
namespace {

// Fixed-width values (decimals as Int128, copied with memcpy since states
// are only 8-byte aligned).
template <typename T>
struct State {
  T value;
  bool set;
};

template <typename T>
T Load(const Vector& v, size_t i) {
  if constexpr (std::is_same_v<T, Int128>) {
    return LoadDecimal(v.data<uint8_t>(), i, v.type().PhysicalSize() == 16);
  } else {
    return v.data<T>()[i];
  }
}

template <typename T>
void Store(Vector& v, size_t i, const T& x) {
  if constexpr (std::is_same_v<T, Int128>) {
    StoreDecimal(v.data<uint8_t>(), i, v.type().PhysicalSize() == 16, x);
  } else {
    v.data<T>()[i] = x;
  }
}

template <typename T>
void Init(uint8_t* s) { std::memset(s, 0, sizeof(State<T>)); }

template <typename T>
void Set(uint8_t* s, const T& v) {
  State<T> st;
  std::memcpy(&st, s, sizeof(st));
  if (st.set) return;
  st.value = v;
  st.set = true;
  std::memcpy(s, &st, sizeof(st));
}

template <typename T>
void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  const bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    Set<T>(states[i], Load<T>(*arg, i));
  }
}

template <typename T>
void UpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  const bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    Set<T>(state, Load<T>(*arg, i));
    return;
  }
}

template <typename T>
void Combine(const uint8_t* src, uint8_t* dst) {
  State<T> s;
  std::memcpy(&s, src, sizeof(s));
  if (s.set) Set<T>(dst, s.value);
}

template <typename T>
void Finalize(const uint8_t* state, Vector& out, size_t row) {
  State<T> s;
  std::memcpy(&s, state, sizeof(s));
  if (!s.set) out.SetNull(row); else Store<T>(out, row, s.value);
}

struct StringState {
  std::string value;
  bool set;
};

void InitString(uint8_t* s) { new (s) StringState{std::string(), false}; }
void DestroyString(uint8_t* s) { reinterpret_cast<StringState*>(s)->~StringState(); }

void UpdateString(const Vector* arg, size_t count, uint8_t* const* states) {
  const StringRef* v = arg->data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    auto* st = reinterpret_cast<StringState*>(states[i]);
    if (st->set || arg->IsNull(i)) continue;
    st->value.assign(v[i].view());
    st->set = true;
  }
}

void CombineString(const uint8_t* src, uint8_t* dst) {
  auto* s = reinterpret_cast<const StringState*>(src);
  auto* d = reinterpret_cast<StringState*>(dst);
  if (s->set && !d->set) {
    d->value = s->value;
    d->set = true;
  }
}

void FinalizeString(const uint8_t* state, Vector& out, size_t row) {
  auto* s = reinterpret_cast<const StringState*>(state);
  if (!s->set) out.SetNull(row); else out.SetString(row, s->value);
}

template <typename T>
void Add(FunctionRegistry& r, LogicalType t) {
  for (const char* name : {"arbitrary", "any_value"}) {
    AggregateFunction f;
    f.name = name;
    f.arg_types = {t};
    f.return_type = t;
    f.state_size = sizeof(State<T>);
    f.initialize = Init<T>;
    f.update = Update<T>;
    f.update_single = UpdateSingle<T>;
    f.combine = Combine<T>;
    f.finalize = Finalize<T>;
    if (t.IsAnyDecimal()) f.bind_return_type = FirstArgumentType;
    r.AddAggregate(f);
  }
}

}  // namespace

void RegisterArbitraryAggregates(FunctionRegistry& r) {
  Add<uint8_t>(r, LogicalType::Boolean());
  Add<int8_t>(r, LogicalType::Tinyint());
  Add<int16_t>(r, LogicalType::Smallint());
  Add<int32_t>(r, LogicalType::Integer());
  Add<int64_t>(r, LogicalType::Bigint());
  Add<float>(r, LogicalType::Real());
  Add<double>(r, LogicalType::Double());
  Add<int32_t>(r, LogicalType::Date());
  Add<int64_t>(r, LogicalType::AnyTimestamp());
  Add<int64_t>(r, LogicalType::AnyTimestampTz());
  Add<int64_t>(r, LogicalType::IntervalDayTime());
  Add<int32_t>(r, LogicalType::IntervalYearMonth());
  Add<Int128>(r, LogicalType::AnyDecimal());
  for (const char* name : {"arbitrary", "any_value"}) {
    for (LogicalType t : {LogicalType::Varchar(), LogicalType::Varbinary(), LogicalType::Json()}) {
      AggregateFunction s;
      s.name = name;
      s.arg_types = {t};
      s.return_type = t;
      s.state_size = sizeof(StringState);
      s.initialize = InitString;
      s.update = UpdateString;
      s.combine = CombineString;
      s.finalize = FinalizeString;
      s.destroy = DestroyString;
      r.AddAggregate(s);
    }
  }
}

}  // namespace sluice::function
