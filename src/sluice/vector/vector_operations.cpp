#include "sluice/vector/vector_operations.h"

#include <cmath>
#include <cstring>

#include <xxhash.h>

#include "sluice/common/error.h"
#include "sluice/types/decimal.h"

namespace sluice {

namespace {

constexpr uint64_t kNullHash = 0x9e3779b97f4a7c15ULL;

inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline uint64_t Combine(uint64_t a, uint64_t b) { return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2)); }

// The hash of one non-NULL value, per physical representation.
template <typename T>
inline uint64_t HashFixedAt(const T* data, size_t i) {
  uint64_t bits = 0;
  std::memcpy(&bits, &data[i], sizeof(T));
  return Mix(bits);
}
// Long decimals: both halves, so values differing only above 2^64 differ.
inline uint64_t HashLongDecimalAt(const uint8_t* data, size_t i) {
  uint64_t halves[2];
  std::memcpy(halves, data + i * 16, 16);
  return Mix(halves[0] ^ Mix(halves[1] + 0x632be59bd9b4e019ULL));
}
inline uint64_t HashStringAt(const StringRef* data, size_t i) { return XXH3_64bits(data[i].data(), data[i].size()); }

template <typename T>
void HashFixed(const Vector& v, size_t count, uint64_t* hashes, bool combine) {
  const T* data = v.data<T>();
  bool all_valid = v.validity().AllValid();
  for (size_t i = 0; i < count; ++i) {
    uint64_t h = (all_valid || !v.IsNull(i)) ? HashFixedAt(data, i) : kNullHash;
    hashes[i] = combine ? Combine(hashes[i], h) : h;
  }
}

template <typename T>
int CompareNumbers(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    bool an = std::isnan(a), bn = std::isnan(b);
    if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  }
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

void HashVector(const Vector& v, size_t count, uint64_t* hashes, bool combine) {
  switch (v.type().PhysicalSize()) {
    case 1: return HashFixed<uint8_t>(v, count, hashes, combine);
    case 2: return HashFixed<uint16_t>(v, count, hashes, combine);
    case 4: return HashFixed<uint32_t>(v, count, hashes, combine);
    case 8: return HashFixed<uint64_t>(v, count, hashes, combine);
    case 16: {
      if (v.type().id() != TypeId::kDecimal) break;  // a StringRef is 16 bytes too
      const uint8_t* data = v.data<uint8_t>();
      for (size_t i = 0; i < count; ++i) {
        uint64_t h = v.IsNull(i) ? kNullHash : HashLongDecimalAt(data, i);
        hashes[i] = combine ? Combine(hashes[i], h) : h;
      }
      return;
    }
    default: break;
  }
  SLUICE_CHECK(v.type().IsStringLike(), "unhashable type");
  const StringRef* data = v.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    uint64_t h = v.IsNull(i) ? kNullHash : HashStringAt(data, i);
    hashes[i] = combine ? Combine(hashes[i], h) : h;
  }
}

uint64_t HashRow(const Vector& v, size_t row) {
  if (v.IsNull(row)) return kNullHash;
  switch (v.type().PhysicalSize()) {
    case 1: return HashFixedAt(v.data<uint8_t>(), row);
    case 2: return HashFixedAt(v.data<uint16_t>(), row);
    case 4: return HashFixedAt(v.data<uint32_t>(), row);
    case 8: return HashFixedAt(v.data<uint64_t>(), row);
    case 16:
      if (v.type().id() == TypeId::kDecimal) return HashLongDecimalAt(v.data<uint8_t>(), row);
      break;
    default: break;
  }
  SLUICE_CHECK(v.type().IsStringLike(), "unhashable type");
  return HashStringAt(v.data<StringRef>(), row);
}

bool RowsEqual(const Vector& a, size_t i, const Vector& b, size_t j) {
  bool an = a.IsNull(i), bn = b.IsNull(j);
  if (an || bn) return an == bn;
  switch (a.type().id()) {
    case TypeId::kVarchar:
    case TypeId::kVarbinary:
    case TypeId::kJson: return a.data<StringRef>()[i] == b.data<StringRef>()[j];
    case TypeId::kReal: return CompareNumbers(a.data<float>()[i], b.data<float>()[j]) == 0;
    case TypeId::kDouble: return CompareNumbers(a.data<double>()[i], b.data<double>()[j]) == 0;
    default: {
      size_t w = a.type().PhysicalSize();
      return std::memcmp(a.data<uint8_t>() + i * w, b.data<uint8_t>() + j * w, w) == 0;
    }
  }
}

int CompareRows(const Vector& a, size_t i, const Vector& b, size_t j) {
  switch (a.type().id()) {
    case TypeId::kBoolean: return CompareNumbers(a.data<uint8_t>()[i], b.data<uint8_t>()[j]);
    case TypeId::kTinyint: return CompareNumbers(a.data<int8_t>()[i], b.data<int8_t>()[j]);
    case TypeId::kSmallint: return CompareNumbers(a.data<int16_t>()[i], b.data<int16_t>()[j]);
    case TypeId::kInteger:
    case TypeId::kDate:
    case TypeId::kIntervalYearMonth: return CompareNumbers(a.data<int32_t>()[i], b.data<int32_t>()[j]);
    case TypeId::kBigint:
    case TypeId::kTimestamp:
    case TypeId::kIntervalDayTime: return CompareNumbers(a.data<int64_t>()[i], b.data<int64_t>()[j]);
    case TypeId::kReal: return CompareNumbers(a.data<float>()[i], b.data<float>()[j]);
    case TypeId::kDouble: return CompareNumbers(a.data<double>()[i], b.data<double>()[j]);
    case TypeId::kVarchar:
    case TypeId::kVarbinary:
    case TypeId::kJson: {  // not orderable in SQL; a total order for internal use
      int c = a.data<StringRef>()[i].Compare(b.data<StringRef>()[j]);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeId::kDecimal: {
      // Both sides have the same type, hence the same scale.
      const bool wide = a.type().PhysicalSize() == 16;
      return CompareNumbers(LoadDecimal(a.data<uint8_t>(), i, wide), LoadDecimal(b.data<uint8_t>(), j, wide));
    }
    case TypeId::kInvalid: break;
  }
  ThrowInternal("CompareRows on invalid type");
}

}  // namespace sluice
