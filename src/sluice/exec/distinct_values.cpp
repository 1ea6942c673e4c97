#include "sluice/exec/distinct_values.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "sluice/types/time_zone.h"

namespace sluice::exec {

namespace {

template <typename T>
std::string EncodeFloat(T x) {
  if (x == 0) x = 0;  // -0.0 is 0.0
  if (std::isnan(x)) x = std::numeric_limits<T>::quiet_NaN();
  return std::string(reinterpret_cast<const char*>(&x), sizeof(T));
}

}  // namespace

bool DistinctValues::Insert(const Vector& v, size_t row) {
  switch (v.type().id()) {
    case TypeId::kVarchar:
    case TypeId::kVarbinary:
    case TypeId::kJson: return seen_.insert(std::string(v.data<StringRef>()[row].view())).second;
    case TypeId::kDouble: return seen_.insert(EncodeFloat(v.data<double>()[row])).second;
    case TypeId::kReal: return seen_.insert(EncodeFloat(v.data<float>()[row])).second;
    case TypeId::kTimestampTz: {
      // By instant, as Trino's DISTINCT (a value decoded after merging
      // partial states carries UTC).
      const int64_t instant = PackTimestampTz(TimestampTzMillis(v.data<int64_t>()[row]), kUtcZoneKey);
      return seen_.insert(std::string(reinterpret_cast<const char*>(&instant), sizeof(instant))).second;
    }
    default: {
      const size_t w = v.type().PhysicalSize();
      return seen_.insert(std::string(reinterpret_cast<const char*>(v.data<uint8_t>() + row * w), w)).second;
    }
  }
}

void DistinctValues::Decode(const std::string& value, Vector& v, size_t row) {
  v.SetNull(row, false);
  if (v.type().IsStringLike()) {
    v.SetString(row, value);
  } else {
    std::memcpy(v.data<uint8_t>() + row * v.type().PhysicalSize(), value.data(), value.size());
  }
}

size_t DistinctValues::MemoryUsage() const {
  size_t bytes = seen_.bucket_count() * sizeof(void*);
  for (const auto& s : seen_) bytes += sizeof(s) + 16 + (s.size() > 15 ? s.capacity() : 0);
  return bytes;
}

}  // namespace sluice::exec
