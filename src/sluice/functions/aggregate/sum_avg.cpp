// sum and avg. Integer sums are bigint and overflow is an error (Trino);
// floating sums are double. avg always returns double for these inputs.
// NULL inputs are ignored; an all-NULL or empty group gives NULL.
#include <cstring>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

template <typename Acc>
struct SumState {
  Acc sum;
  int64_t count;
};

template <typename Acc>
void Init(uint8_t* s) { std::memset(s, 0, sizeof(SumState<Acc>)); }

template <typename In, typename Acc>
void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  const In* v = arg->data<In>();
  bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    auto* st = reinterpret_cast<SumState<Acc>*>(states[i]);
    if constexpr (std::is_integral_v<Acc>) {
      if (__builtin_add_overflow(st->sum, static_cast<Acc>(v[i]), &st->sum)) {
        throw SluiceError(ErrorCode::kNumericOverflow, "bigint addition overflow in sum");
      }
    } else {
      st->sum += static_cast<Acc>(v[i]);
    }
    ++st->count;
  }
}

template <typename In, typename Acc>
void UpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  const In* v = arg->data<In>();
  const ValidityMask& validity = arg->validity();
  auto* st = reinterpret_cast<SumState<Acc>*>(state);
  Acc sum = 0;
  if constexpr (std::is_integral_v<Acc>) {
    for (size_t i = 0; i < count; ++i) {
      const Acc x = validity.IsValid(i) ? static_cast<Acc>(v[i]) : 0;
      if (__builtin_add_overflow(sum, x, &sum)) {
        throw SluiceError(ErrorCode::kNumericOverflow, "bigint addition overflow in sum");
      }
    }
    if (__builtin_add_overflow(st->sum, sum, &st->sum)) {
      throw SluiceError(ErrorCode::kNumericOverflow, "bigint addition overflow in sum");
    }
  } else {
    // Summed in row order, as the per-row update does, so that results do
    // not depend on which path ran.
    sum = st->sum;
    for (size_t i = 0; i < count; ++i) {
      if (validity.IsValid(i)) sum += static_cast<Acc>(v[i]);
    }
    st->sum = sum;
  }
  st->count += static_cast<int64_t>(count - validity.CountInvalid(count));
}

template <typename Acc>
void Combine(const uint8_t* src, uint8_t* dst) {
  auto* s = reinterpret_cast<const SumState<Acc>*>(src);
  auto* d = reinterpret_cast<SumState<Acc>*>(dst);
  if constexpr (std::is_integral_v<Acc>) {
    if (__builtin_add_overflow(d->sum, s->sum, &d->sum)) {
      throw SluiceError(ErrorCode::kNumericOverflow, "bigint addition overflow in sum");
    }
  } else {
    d->sum += s->sum;
  }
  d->count += s->count;
}

template <typename Acc>
void FinalizeSum(const uint8_t* state, Vector& out, size_t row) {
  auto* s = reinterpret_cast<const SumState<Acc>*>(state);
  if (s->count == 0) {
    out.SetNull(row);
    return;
  }
  out.data<Acc>()[row] = s->sum;
}

template <typename Acc>
void FinalizeAvg(const uint8_t* state, Vector& out, size_t row) {
  auto* s = reinterpret_cast<const SumState<Acc>*>(state);
  if (s->count == 0) {
    out.SetNull(row);
    return;
  }
  out.data<double>()[row] = static_cast<double>(s->sum) / static_cast<double>(s->count);
}

template <typename In, typename Acc>
AggregateFunction Make(const char* name, LogicalType in, LogicalType ret, bool avg) {
  AggregateFunction f;
  f.name = name;
  f.arg_types = {in};
  f.return_type = ret;
  f.state_size = sizeof(SumState<Acc>);
  f.initialize = Init<Acc>;
  f.update = Update<In, Acc>;
  f.update_single = UpdateSingle<In, Acc>;
  f.combine = Combine<Acc>;
  f.finalize = avg ? FinalizeAvg<Acc> : FinalizeSum<Acc>;
  return f;
}

}  // namespace

void RegisterSumAvgAggregates(FunctionRegistry& r) {
  const LogicalType big = LogicalType::Bigint();
  const LogicalType dbl = LogicalType::Double();
  r.AddAggregate(Make<int8_t, int64_t>("sum", LogicalType::Tinyint(), big, false));
  r.AddAggregate(Make<int16_t, int64_t>("sum", LogicalType::Smallint(), big, false));
  r.AddAggregate(Make<int32_t, int64_t>("sum", LogicalType::Integer(), big, false));
  r.AddAggregate(Make<int64_t, int64_t>("sum", big, big, false));
  r.AddAggregate(Make<float, double>("sum", LogicalType::Real(), LogicalType::Double(), false));
  r.AddAggregate(Make<double, double>("sum", dbl, dbl, false));
  r.AddAggregate(Make<int8_t, int64_t>("avg", LogicalType::Tinyint(), dbl, true));
  r.AddAggregate(Make<int16_t, int64_t>("avg", LogicalType::Smallint(), dbl, true));
  r.AddAggregate(Make<int32_t, int64_t>("avg", LogicalType::Integer(), dbl, true));
  r.AddAggregate(Make<int64_t, int64_t>("avg", big, dbl, true));
  r.AddAggregate(Make<float, double>("avg", LogicalType::Real(), dbl, true));
  r.AddAggregate(Make<double, double>("avg", dbl, dbl, true));
}

}  // namespace sluice::function
