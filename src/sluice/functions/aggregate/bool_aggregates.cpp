// bool_and (alias every) and bool_or over BOOLEAN: TRUE when all (any) of the
// non-NULL inputs are TRUE; NULL for an empty or all-NULL group, as Trino.
#include <cstring>

#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

struct State {
  uint8_t value;
  uint8_t set;  // some non-NULL input seen
};

State& Get(uint8_t* s) { return *reinterpret_cast<State*>(s); }

void Init(uint8_t* s) { std::memset(s, 0, sizeof(State)); }

template <bool kAnd>
void Fold(State& st, uint8_t v) {
  st.value = st.set ? (kAnd ? (st.value && v) : (st.value || v)) : v != 0;
  st.set = 1;
}

template <bool kAnd>
void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  const uint8_t* v = arg->data<uint8_t>();
  const bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    Fold<kAnd>(Get(states[i]), v[i]);
  }
}

template <bool kAnd>
void UpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  const uint8_t* v = arg->data<uint8_t>();
  const bool all_valid = arg->validity().AllValid();
  State& st = Get(state);
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    Fold<kAnd>(st, v[i]);
  }
}

template <bool kAnd>
void Combine(const uint8_t* src, uint8_t* dst) {
  const State& s = *reinterpret_cast<const State*>(src);
  if (s.set) Fold<kAnd>(Get(dst), s.value);
}

void Finalize(const uint8_t* state, Vector& out, size_t row) {
  const State& s = *reinterpret_cast<const State*>(state);
  if (!s.set) out.SetNull(row); else out.data<uint8_t>()[row] = s.value;
}

template <bool kAnd>
AggregateFunction Make(const char* name) {
  AggregateFunction f;
  f.name = name;
  f.arg_types = {LogicalType::Boolean()};
  f.return_type = LogicalType::Boolean();
  f.state_size = sizeof(State);
  f.initialize = Init;
  f.update = Update<kAnd>;
  f.update_single = UpdateSingle<kAnd>;
  f.combine = Combine<kAnd>;
  f.finalize = Finalize;
  return f;
}

}  // namespace

void RegisterBoolAggregates(FunctionRegistry& r) {
  r.AddAggregate(Make<true>("bool_and"));
  r.AddAggregate(Make<true>("every"));
  r.AddAggregate(Make<false>("bool_or"));
}

}  // namespace sluice::function
