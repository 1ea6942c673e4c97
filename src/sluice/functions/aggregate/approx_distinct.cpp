// approx_distinct(x): a HyperLogLog sketch per group, with Trino's default
// standard error of 2.3% (2^11 one-byte registers, 1.04 / sqrt(2048)).
// Values hash as grouping hashes them (HashVector), so equal values of any
// type count once; NULLs are ignored and an empty group gives 0. Sketches
// of partial aggregates merge by taking each register's maximum.
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

#include "sluice/functions/function_registry.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::function {
namespace {

constexpr int kIndexBits = 11;
constexpr size_t kRegisters = size_t{1} << kIndexBits;

void Init(uint8_t* s) { std::memset(s, 0, kRegisters); }

// The register a hash selects, and the position of the first 1 bit of the
// remaining bits (1-based, as HyperLogLog counts leading zeros).
inline void Add(uint8_t* registers, uint64_t hash) {
  const size_t index = hash >> (64 - kIndexBits);
  const uint64_t rest = (hash << kIndexBits) | (uint64_t{1} << (kIndexBits - 1));  // never all zero
  const auto rank = static_cast<uint8_t>(std::countl_zero(rest) + 1);
  if (rank > registers[index]) registers[index] = rank;
}

// Calls add(i, hash) for each non-NULL row of the batch; the hashes are
// scratch reused across calls on one thread.
template <typename Add>
void ForEachHash(const Vector* arg, size_t count, const Add& add) {
  thread_local std::vector<uint64_t> hashes;
  if (hashes.size() < count) hashes.resize(count);
  HashVector(*arg, count, hashes.data(), false);
  const bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (all_valid || !arg->IsNull(i)) add(i, hashes[i]);
  }
}

void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  ForEachHash(arg, count, [&](size_t i, uint64_t h) { Add(states[i], h); });
}

void UpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  ForEachHash(arg, count, [&](size_t, uint64_t h) { Add(state, h); });
}

void Combine(const uint8_t* source, uint8_t* target) {
  for (size_t i = 0; i < kRegisters; ++i) target[i] = std::max(target[i], source[i]);
}

// The raw HyperLogLog estimate, with linear counting for small
// cardinalities, where the raw estimate is biased (Flajolet et al. 2007).
void Finalize(const uint8_t* state, Vector& out, size_t row) {
  const double m = static_cast<double>(kRegisters);
  double sum = 0;
  size_t zeros = 0;
  for (size_t i = 0; i < kRegisters; ++i) {
    sum += std::ldexp(1.0, -state[i]);
    zeros += state[i] == 0;
  }
  const double alpha = 0.7213 / (1 + 1.079 / m);
  double estimate = alpha * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / static_cast<double>(zeros));
  out.data<int64_t>()[row] = std::llround(estimate);
}

}  // namespace

void RegisterApproxDistinctAggregates(FunctionRegistry& r) {
  for (TypeId t : {TypeId::kBoolean, TypeId::kTinyint, TypeId::kSmallint, TypeId::kInteger, TypeId::kBigint,
                   TypeId::kReal, TypeId::kDouble, TypeId::kVarchar, TypeId::kDate, TypeId::kTimestamp, TypeId::kTimestampTz,
                   TypeId::kDecimal, TypeId::kVarbinary, TypeId::kJson,
                   TypeId::kIntervalDayTime, TypeId::kIntervalYearMonth}) {
    AggregateFunction f;
    f.name = "approx_distinct";
    f.arg_types = {LogicalType::AnyParameters(t)};
    f.return_type = LogicalType::Bigint();
    f.state_size = kRegisters;
    f.initialize = Init;
    f.update = Update;
    f.update_single = UpdateSingle;
    f.combine = Combine;
    f.finalize = Finalize;
    r.AddAggregate(f);
  }
}

}  // namespace sluice::function
