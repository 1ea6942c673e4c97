#include "sluice/vector/vector_operations.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <xxhash.h>

#include "sluice/common/error.h"
#include "sluice/types/decimal.h"
#include "sluice/types/time_zone.h"

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

// Nested values hash their parts in order; an array's length is mixed in so
// that [[1], []] and [[], [1]] differ.
uint64_t HashNestedRow(const Vector& v, size_t row) {
  if (v.IsNull(row)) return kNullHash;
  if (v.type().id() == TypeId::kRow) {
    uint64_t h = Mix(v.ChildCount());
    for (size_t f = 0; f < v.ChildCount(); ++f) h = Combine(h, HashRow(v.child(f), row));
    return h;
  }
  const ListEntry e = v.data<ListEntry>()[row];
  uint64_t h = Mix(e.length + 0x51ed270b27a1ULL);
  for (uint32_t k = 0; k < e.length; ++k) h = Combine(h, HashRow(v.child(), e.offset + k));
  return h;
}

// A timestamp with time zone hashes its instant: the same instant in two
// zones is one value to GROUP BY, DISTINCT and joins, as in Trino.
uint64_t HashInstantAt(const int64_t* data, size_t i) {
  const int64_t millis = TimestampTzMillis(data[i]);
  return HashFixedAt(&millis, 0);
}

}  // namespace

void GatherWithNulls(const Vector& source, uint32_t* sel, size_t count, Vector& result) {
  uint32_t any = kNullRow;
  for (size_t i = 0; i < count && any == kNullRow; ++i) any = sel[i];
  if (any == kNullRow) {
    for (size_t i = 0; i < count; ++i) result.SetValue(i, Value::Null(result.type()));
    return;
  }
  // NULL rows copy a real row (so nested parts stay well formed), then are
  // marked NULL, which every reader checks first.
  std::vector<uint32_t> null_rows;
  for (size_t i = 0; i < count; ++i) {
    if (sel[i] == kNullRow) {
      sel[i] = any;
      null_rows.push_back(static_cast<uint32_t>(i));
    }
  }
  result.CopyFrom(source, sel, count, 0);
  for (uint32_t i : null_rows) result.SetNull(i);
}

void HashVector(const Vector& v, size_t count, uint64_t* hashes, bool combine) {
  if (v.type().id() == TypeId::kTimestampTz) {
    const int64_t* data = v.data<int64_t>();
    for (size_t i = 0; i < count; ++i) {
      const uint64_t h = v.IsNull(i) ? kNullHash : HashInstantAt(data, i);
      hashes[i] = combine ? Combine(hashes[i], h) : h;
    }
    return;
  }
  if (v.type().IsNested()) {
    for (size_t i = 0; i < count; ++i) {
      const uint64_t h = HashNestedRow(v, i);
      hashes[i] = combine ? Combine(hashes[i], h) : h;
    }
    return;
  }
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
  if (v.type().IsNested()) return HashNestedRow(v, row);
  if (v.type().id() == TypeId::kTimestampTz) return HashInstantAt(v.data<int64_t>(), row);
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
    case TypeId::kArray:
    case TypeId::kMap: {
      const ListEntry ea = a.data<ListEntry>()[i], eb = b.data<ListEntry>()[j];
      if (ea.length != eb.length) return false;
      for (uint32_t k = 0; k < ea.length; ++k) {
        if (!RowsEqual(a.child(), ea.offset + k, b.child(), eb.offset + k)) return false;
      }
      return true;
    }
    case TypeId::kRow:
      for (size_t f = 0; f < a.ChildCount(); ++f) {
        if (!RowsEqual(a.child(f), i, b.child(f), j)) return false;
      }
      return true;
    case TypeId::kVarchar:
    case TypeId::kVarbinary:
    case TypeId::kJson: return a.data<StringRef>()[i] == b.data<StringRef>()[j];
    case TypeId::kReal: return CompareNumbers(a.data<float>()[i], b.data<float>()[j]) == 0;
    case TypeId::kDouble: return CompareNumbers(a.data<double>()[i], b.data<double>()[j]) == 0;
    case TypeId::kTimestampTz:
      return TimestampTzMillis(a.data<int64_t>()[i]) == TimestampTzMillis(b.data<int64_t>()[j]);
    default: {
      size_t w = a.type().PhysicalSize();
      return std::memcmp(a.data<uint8_t>() + i * w, b.data<uint8_t>() + j * w, w) == 0;
    }
  }
}

namespace {

// equal[k] &= (a[a_rows[k]] == b[b_rows[k]]), NULL equal to NULL only.
template <typename T, typename Equal>
void EqualPairs(const Vector& av, const uint32_t* a_rows, const Vector& bv, const uint32_t* b_rows, size_t count,
                uint8_t* equal, Equal eq) {
  const T* a = av.data<T>();
  const T* b = bv.data<T>();
  if (av.validity().AllValid() && bv.validity().AllValid()) {
    for (size_t k = 0; k < count; ++k) equal[k] &= static_cast<uint8_t>(eq(a[a_rows[k]], b[b_rows[k]]));
    return;
  }
  for (size_t k = 0; k < count; ++k) {
    const bool an = av.IsNull(a_rows[k]), bn = bv.IsNull(b_rows[k]);
    equal[k] &= static_cast<uint8_t>(an || bn ? an && bn : eq(a[a_rows[k]], b[b_rows[k]]));
  }
}

}  // namespace

void RowsEqualPairs(const Vector& a, const uint32_t* a_rows, const Vector& b, const uint32_t* b_rows,
                    size_t count, uint8_t* equal) {
  const auto same = [](auto x, auto y) { return x == y; };
  const auto same_number = [](auto x, auto y) { return CompareNumbers(x, y) == 0; };
  switch (a.type().id()) {
    case TypeId::kVarchar:
    case TypeId::kVarbinary:
    case TypeId::kJson: return EqualPairs<StringRef>(a, a_rows, b, b_rows, count, equal, same);
    case TypeId::kReal: return EqualPairs<float>(a, a_rows, b, b_rows, count, equal, same_number);
    case TypeId::kDouble: return EqualPairs<double>(a, a_rows, b, b_rows, count, equal, same_number);
    case TypeId::kTimestampTz:  // equal by instant, whatever the zones: RowsEqual
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kRow: break;
    default:
      switch (a.type().PhysicalSize()) {
        case 1: return EqualPairs<uint8_t>(a, a_rows, b, b_rows, count, equal, same);
        case 2: return EqualPairs<uint16_t>(a, a_rows, b, b_rows, count, equal, same);
        case 4: return EqualPairs<uint32_t>(a, a_rows, b, b_rows, count, equal, same);
        case 8: return EqualPairs<uint64_t>(a, a_rows, b, b_rows, count, equal, same);
        default: break;
      }
  }
  for (size_t k = 0; k < count; ++k) equal[k] &= static_cast<uint8_t>(RowsEqual(a, a_rows[k], b, b_rows[k]));
}

int CompareWithNulls(const Vector& a, size_t i, const Vector& b, size_t j) {
  const bool an = a.IsNull(i), bn = b.IsNull(j);
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  return CompareRows(a, i, b, j);
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
    case TypeId::kTimestampTz:  // by instant, as Trino orders them
      return CompareNumbers(TimestampTzMillis(a.data<int64_t>()[i]), TimestampTzMillis(b.data<int64_t>()[j]));
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
    case TypeId::kArray: {
      // Lexicographic, as Trino orders arrays; NULL elements last.
      const ListEntry ea = a.data<ListEntry>()[i], eb = b.data<ListEntry>()[j];
      for (uint32_t k = 0; k < std::min(ea.length, eb.length); ++k) {
        const int c = CompareWithNulls(a.child(), ea.offset + k, b.child(), eb.offset + k);
        if (c) return c;
      }
      return CompareNumbers(ea.length, eb.length);
    }
    case TypeId::kRow:
      for (size_t f = 0; f < a.ChildCount(); ++f) {
        const int c = CompareWithNulls(a.child(f), i, b.child(f), j);
        if (c) return c;
      }
      return 0;
    case TypeId::kMap: break;  // not orderable: the binder refuses
    case TypeId::kInvalid: break;
  }
  ThrowInternal("CompareRows on an unorderable type");
}

}  // namespace sluice
