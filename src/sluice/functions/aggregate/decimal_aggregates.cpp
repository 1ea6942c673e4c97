// sum, avg, min and max of DECIMAL, as Trino types them:
//   sum(decimal(p,s)) → decimal(38,s); avg, min, max → decimal(p,s).
// Sums accumulate in 128 bits; a total beyond 38 digits is
// NUMERIC_VALUE_OUT_OF_RANGE. avg rounds half up to the input's scale.
// Aggregate states are only 8-byte aligned, so 128-bit values are memcpy'd.
#include <cstring>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar_function.h"
#include "sluice/types/decimal.h"

namespace sluice::function {
namespace {

[[noreturn]] void Overflow() { throw SluiceError(ErrorCode::kNumericOverflow, "Decimal overflow"); }

inline Int128 Get(const uint8_t* p) {
  Int128 v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}
inline void Put(uint8_t* p, Int128 v) { std::memcpy(p, &v, sizeof(v)); }

// Layout of every state here: 16 bytes of Int128, then an int64_t count
// (sum, avg) or 0/1 "has a value" (min, max).
constexpr size_t kCountOffset = 16;
constexpr size_t kStateSize = 24;

int64_t& Count(uint8_t* s) { return *reinterpret_cast<int64_t*>(s + kCountOffset); }
int64_t Count(const uint8_t* s) { return *reinterpret_cast<const int64_t*>(s + kCountOffset); }

void Init(uint8_t* s) { std::memset(s, 0, kStateSize); }

void Accumulate(uint8_t* s, Int128 v, int64_t n) {
  Int128 sum;
  if (__builtin_add_overflow(Get(s), v, &sum)) Overflow();
  Put(s, sum);
  Count(s) += n;
}

template <bool kWide>
void UpdateSumLoop(const Vector* arg, size_t count, uint8_t* const* states) {
  const uint8_t* data = arg->data<uint8_t>();
  const bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    Accumulate(states[i], LoadDecimal(data, i, kWide), 1);
  }
}

void UpdateSum(const Vector* arg, size_t count, uint8_t* const* states) {
  if (arg->type().PhysicalSize() == 16) UpdateSumLoop<true>(arg, count, states);
  else UpdateSumLoop<false>(arg, count, states);
}

void CombineSum(const uint8_t* src, uint8_t* dst) { Accumulate(dst, Get(src), Count(src)); }

void FinalizeSum(const uint8_t* s, Vector& out, size_t row) {
  if (Count(s) == 0) {
    out.SetNull(row);
    return;
  }
  const Int128 sum = Get(s);
  if (!DecimalFits(sum, out.type().width())) Overflow();
  StoreDecimal(out.data<uint8_t>(), row, out.type().PhysicalSize() == 16, sum);
}

void FinalizeAvg(const uint8_t* s, Vector& out, size_t row) {
  if (Count(s) == 0) {
    out.SetNull(row);
    return;
  }
  StoreDecimal(out.data<uint8_t>(), row, out.type().PhysicalSize() == 16, DivideRoundHalfUp(Get(s), Count(s)));
}

template <bool kMax, bool kWide>
void UpdateExtremeLoop(const Vector* arg, size_t count, uint8_t* const* states) {
  const uint8_t* data = arg->data<uint8_t>();
  const bool all_valid = arg->validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    if (!all_valid && arg->IsNull(i)) continue;
    uint8_t* s = states[i];
    const Int128 v = LoadDecimal(data, i, kWide);
    if (Count(s) == 0 || (kMax ? Get(s) < v : v < Get(s))) {
      Put(s, v);
      Count(s) = 1;
    }
  }
}

template <bool kMax>
void UpdateExtreme(const Vector* arg, size_t count, uint8_t* const* states) {
  if (arg->type().PhysicalSize() == 16) UpdateExtremeLoop<kMax, true>(arg, count, states);
  else UpdateExtremeLoop<kMax, false>(arg, count, states);
}

template <bool kMax>
void CombineExtreme(const uint8_t* src, uint8_t* dst) {
  if (Count(src) == 0) return;
  if (Count(dst) == 0 || (kMax ? Get(dst) < Get(src) : Get(src) < Get(dst))) std::memcpy(dst, src, kStateSize);
}

void FinalizeExtreme(const uint8_t* s, Vector& out, size_t row) {
  if (Count(s) == 0) out.SetNull(row);
  else StoreDecimal(out.data<uint8_t>(), row, out.type().PhysicalSize() == 16, Get(s));
}

LogicalType SumType(const std::vector<LogicalType>& a) { return LogicalType::Decimal(kMaxDecimalPrecision, a[0].scale()); }
AggregateFunction Make(const char* name, void (*update)(const Vector*, size_t, uint8_t* const*),
                       void (*combine)(const uint8_t*, uint8_t*), void (*finalize)(const uint8_t*, Vector&, size_t),
                       LogicalType (*type)(const std::vector<LogicalType>&)) {
  AggregateFunction f;
  f.name = name;
  f.arg_types = {LogicalType::AnyDecimal()};
  f.return_type = LogicalType::AnyDecimal();
  f.state_size = kStateSize;
  f.initialize = Init;
  f.update = update;
  f.combine = combine;
  f.finalize = finalize;
  f.bind_return_type = type;
  return f;
}

}  // namespace

void RegisterDecimalAggregates(FunctionRegistry& r) {
  r.AddAggregate(Make("sum", UpdateSum, CombineSum, FinalizeSum, SumType));
  r.AddAggregate(Make("avg", UpdateSum, CombineSum, FinalizeAvg, FirstArgumentType));
  r.AddAggregate(Make("min", UpdateExtreme<false>, CombineExtreme<false>, FinalizeExtreme, FirstArgumentType));
  r.AddAggregate(Make("max", UpdateExtreme<true>, CombineExtreme<true>, FinalizeExtreme, FirstArgumentType));
}

}  // namespace sluice::function
