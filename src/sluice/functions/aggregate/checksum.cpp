// checksum(x), as Trino computes it, so that the same rows give the same
// bytes in both: the sum (wrapping) of every row's xxHash64 times
// 0x9E3779B185EBCA87, a NULL row counting as that constant, as an 8-byte
// little-endian varbinary; NULL only without rows. Order-insensitive, so
// partial sums simply add. Each value is hashed as Trino hashes its type:
// XXH64 (seed 0) of the 8 little-endian bytes of a long (booleans as 0/1,
// integers, dates, timestamps in microseconds, intervals, short decimals
// unscaled), of a double's bits (-0.0 as 0.0, every NaN as Java's one), of
// a real's bits widened, and of the bytes of varchar, varbinary and json.
// Long decimals and nested values are not supported yet.
#include <xxhash.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

constexpr uint64_t kPrime64 = 0x9E3779B185EBCA87ULL;

struct ChecksumState {
  uint64_t sum;
  bool seen;
};

uint64_t HashLong(int64_t value) {
  uint8_t bytes[8];
  std::memcpy(bytes, &value, 8);  // little-endian, as Java's XxHash64.hash(long) reads it
  return XXH64(bytes, 8, 0);
}

// Java's doubleToLongBits and floatToIntBits: one NaN.
int64_t DoubleBits(double d) {
  if (d == 0) d = 0;  // -0.0 too
  if (std::isnan(d)) return 0x7ff8000000000000LL;
  return std::bit_cast<int64_t>(d);
}
int64_t RealBits(float f) {
  if (f == 0) f = 0;
  if (std::isnan(f)) return 0x7fc00000;
  return std::bit_cast<int32_t>(f);
}

template <TypeId kType>
uint64_t HashAt(const Vector& v, size_t row) {
  if constexpr (kType == TypeId::kBoolean) return HashLong(v.data<uint8_t>()[row] ? 1 : 0);
  if constexpr (kType == TypeId::kTinyint) return HashLong(v.data<int8_t>()[row]);
  if constexpr (kType == TypeId::kSmallint) return HashLong(v.data<int16_t>()[row]);
  if constexpr (kType == TypeId::kInteger || kType == TypeId::kDate || kType == TypeId::kIntervalYearMonth) {
    return HashLong(v.data<int32_t>()[row]);
  }
  if constexpr (kType == TypeId::kBigint || kType == TypeId::kTimestamp || kType == TypeId::kIntervalDayTime ||
                kType == TypeId::kDecimal) {
    return HashLong(v.data<int64_t>()[row]);
  }
  if constexpr (kType == TypeId::kReal) return HashLong(RealBits(v.data<float>()[row]));
  if constexpr (kType == TypeId::kDouble) return HashLong(DoubleBits(v.data<double>()[row]));
  if constexpr (kType == TypeId::kVarchar || kType == TypeId::kVarbinary || kType == TypeId::kJson) {
    const std::string_view s = v.data<StringRef>()[row].view();
    return XXH64(s.data(), s.size(), 0);
  }
}

template <TypeId kType>
uint64_t RowTerm(const Vector& v, size_t row) {
  return v.IsNull(row) ? kPrime64 : HashAt<kType>(v, row) * kPrime64;
}

template <TypeId kType>
void Update(const Vector* arg, size_t count, uint8_t* const* states) {
  for (size_t i = 0; i < count; ++i) {
    auto& s = *reinterpret_cast<ChecksumState*>(states[i]);
    s.sum += RowTerm<kType>(*arg, i);
    s.seen = true;
  }
}

template <TypeId kType>
void UpdateSingle(const Vector* arg, size_t count, uint8_t* state) {
  if (count == 0) return;
  auto& s = *reinterpret_cast<ChecksumState*>(state);
  for (size_t i = 0; i < count; ++i) s.sum += RowTerm<kType>(*arg, i);
  s.seen = true;
}

void Init(uint8_t* state) { std::memset(state, 0, sizeof(ChecksumState)); }

void Combine(const uint8_t* source, uint8_t* target) {
  const auto& a = *reinterpret_cast<const ChecksumState*>(source);
  auto& b = *reinterpret_cast<ChecksumState*>(target);
  b.sum += a.sum;
  b.seen = b.seen || a.seen;
}

void Finalize(const uint8_t* state, Vector& out, size_t row) {
  const auto& s = *reinterpret_cast<const ChecksumState*>(state);
  if (!s.seen) {
    out.SetNull(row);
    return;
  }
  char bytes[8];
  std::memcpy(bytes, &s.sum, 8);  // little-endian, as Trino's wrappedLongArray
  out.SetNull(row, false);
  out.SetString(row, std::string_view(bytes, 8));
}

template <TypeId kType>
void Configure(AggregateFunction& f) {
  f.update = &Update<kType>;
  f.update_single = &UpdateSingle<kType>;
}

BoundCall<AggregateFunction> BindChecksum(const std::vector<LogicalType>& args) {
  if (args.size() != 1 || args[0].id() == TypeId::kRow) ThrowUnexpectedParameters("checksum", args, "checksum(T)");
  LogicalType t = args[0].id() == TypeId::kInvalid ? LogicalType::Boolean() : args[0];
  AggregateFunction f;
  f.name = "checksum";
  f.arg_types = {t};
  f.return_type = LogicalType::Varbinary();
  f.state_size = sizeof(ChecksumState);
  f.initialize = &Init;
  f.combine = &Combine;
  f.finalize = &Finalize;
  switch (t.id()) {
    case TypeId::kBoolean: Configure<TypeId::kBoolean>(f); break;
    case TypeId::kTinyint: Configure<TypeId::kTinyint>(f); break;
    case TypeId::kSmallint: Configure<TypeId::kSmallint>(f); break;
    case TypeId::kInteger: Configure<TypeId::kInteger>(f); break;
    case TypeId::kBigint: Configure<TypeId::kBigint>(f); break;
    case TypeId::kReal: Configure<TypeId::kReal>(f); break;
    case TypeId::kDouble: Configure<TypeId::kDouble>(f); break;
    case TypeId::kVarchar: Configure<TypeId::kVarchar>(f); break;
    case TypeId::kDate: Configure<TypeId::kDate>(f); break;
    case TypeId::kTimestamp: Configure<TypeId::kTimestamp>(f); break;
    case TypeId::kVarbinary: Configure<TypeId::kVarbinary>(f); break;
    case TypeId::kJson: Configure<TypeId::kJson>(f); break;
    case TypeId::kIntervalDayTime: Configure<TypeId::kIntervalDayTime>(f); break;
    case TypeId::kIntervalYearMonth: Configure<TypeId::kIntervalYearMonth>(f); break;
    case TypeId::kDecimal:
      if (t.PhysicalSize() == sizeof(int64_t)) {
        Configure<TypeId::kDecimal>(f);
        break;
      }
      [[fallthrough]];
    default:
      throw SluiceError(ErrorCode::kNotSupported, "checksum(" + t.ToString() + ") is not supported yet");
  }
  return BoundCall<AggregateFunction>{f, f.arg_types};
}

}  // namespace

void RegisterChecksumAggregate(FunctionRegistry& registry) { registry.AddGenericAggregate("checksum", &BindChecksum); }

}  // namespace sluice::function
