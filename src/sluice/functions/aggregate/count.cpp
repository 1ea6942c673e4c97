// count(*), count(x) and count_if(b): never NULL, 0 for an empty group.
// count_if counts the rows where b is TRUE (NULL and FALSE do not count).
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
void UpdateIf(const Vector* arg, size_t count, uint8_t* const* states) {
  const uint8_t* v = arg->data<uint8_t>();
  const bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) Count(states[i]) += v[i] != 0 && (all_valid || !arg->IsNull(i));
}
void UpdateIfSingle(const Vector* arg, size_t count, uint8_t* state) {
  const uint8_t* v = arg->data<uint8_t>();
  const bool all_valid = arg->validity().AllValid();
  int64_t n = 0;
  for (size_t i = 0; i < count; ++i) n += v[i] != 0 && (all_valid || !arg->IsNull(i));
  Count(state) += n;
}
void Combine(const uint8_t* src, uint8_t* dst) {
  Count(dst) += *reinterpret_cast<const int64_t*>(src);
}
void Finalize(const uint8_t* s, Vector& out, size_t row) {
  out.data<int64_t>()[row] = *reinterpret_cast<const int64_t*>(s);
}

}  // namespace

void RegisterCountAggregates(FunctionRegistry& r) {
  auto make = [](std::vector<LogicalType> args, auto update, auto update_single,
                 const char* name = "count") {
    AggregateFunction f;
    f.name = name;
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
                   TypeId::kVarbinary, TypeId::kJson, TypeId::kIntervalDayTime,
                   TypeId::kIntervalYearMonth, TypeId::kDate, TypeId::kTimestamp, TypeId::kTimestampTz,
                   TypeId::kDecimal}) {
    r.AddAggregate(make({LogicalType::AnyParameters(t)}, UpdateValue, UpdateValueSingle));
  }
  r.AddAggregate(make({LogicalType::Boolean()}, UpdateIf, UpdateIfSingle, "count_if"));
}

}  // namespace sluice::function
