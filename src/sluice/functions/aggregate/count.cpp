// count(*) and count(x): never NULL, 0 for an empty group.
#include <cstring>

#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

void Init(uint8_t* s) { std::memset(s, 0, sizeof(int64_t)); }
int64_t& Count(uint8_t* s) { return *reinterpret_cast<int64_t*>(s); }

void UpdateStar(const Vector*, size_t count, uint8_t* const* states) {
  for (size_t i = 0; i < count; ++i) ++Count(states[i]);
}
void UpdateValue(const Vector* arg, size_t count, uint8_t* const* states) {
  if (arg->validity().AllValid()) {
    for (size_t i = 0; i < count; ++i) ++Count(states[i]);
  } else {
    for (size_t i = 0; i < count; ++i) Count(states[i]) += !arg->IsNull(i);
  }
}
void UpdateStarSingle(const Vector*, size_t count, uint8_t* state) {
  Count(state) += static_cast<int64_t>(count);
}
void UpdateValueSingle(const Vector* arg, size_t count, uint8_t* state) {
  Count(state) += static_cast<int64_t>(count - arg->validity().CountInvalid(count));
}
void Combine(const uint8_t* src, uint8_t* dst) {
  Count(dst) += *reinterpret_cast<const int64_t*>(src);
}
void Finalize(const uint8_t* s, Vector& out, size_t row) {
  out.data<int64_t>()[row] = *reinterpret_cast<const int64_t*>(s);
}

}  // namespace

void RegisterCountAggregates(FunctionRegistry& r) {
  auto make = [](std::vector<LogicalType> args, auto update, auto update_single) {
    AggregateFunction f;
    f.name = "count";
    f.arg_types = std::move(args);
    f.return_type = LogicalType::Bigint();
    f.state_size = sizeof(int64_t);
    f.initialize = Init;
    f.update = update;
    f.update_single = update_single;
    f.combine = Combine;
    f.finalize = Finalize;
    return f;
  };
  r.AddAggregate(make({}, UpdateStar, UpdateStarSingle));
  for (TypeId t : {TypeId::kBoolean, TypeId::kTinyint, TypeId::kSmallint, TypeId::kInteger,
                   TypeId::kBigint, TypeId::kReal, TypeId::kDouble, TypeId::kVarchar,
                   TypeId::kDate, TypeId::kTimestamp, TypeId::kDecimal}) {  // kDecimal: any decimal
    r.AddAggregate(make({LogicalType(t)}, UpdateValue, UpdateValueSingle));
  }
}

}  // namespace sluice::function
