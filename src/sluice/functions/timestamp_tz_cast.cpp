#include "sluice/functions/timestamp_tz_cast.h"

#include <algorithm>

#include "sluice/types/date.h"
#include "sluice/types/time_zone.h"
#include "sluice/types/timestamp_tz_text.h"

namespace sluice::function {

namespace {

// A local date-time (microseconds) in the session's zone, to `precision`
// digits (values keep milliseconds).
int64_t FromLocalMicros(int64_t micros, int precision) {
  const int64_t millis = FloorDivMicros(RoundTimestampMicros(micros, std::min(precision, 3)), 1000);
  return PackTimestampTz(LocalToUtcMillis(kSessionZoneKey, millis), kSessionZoneKey);
}

int64_t LocalMicros(int64_t packed) {
  return UtcToLocalMillis(TimestampTzZone(packed), TimestampTzMillis(packed)) * 1000;
}

}  // namespace

void CastTimestampTzVector(const Vector& source, Vector& result, size_t count) {
  const LogicalType from = source.type(), to = result.type();
  const int precision = to.precision();
  for (size_t i = 0; i < count; ++i) {
    if (source.IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    if (from.id() == TypeId::kTimestampTz) {
      const int64_t packed = source.data<int64_t>()[i];
      if (to.id() == TypeId::kTimestampTz) {
        result.data<int64_t>()[i] = RoundTimestampTz(packed, precision);
      } else if (to.id() == TypeId::kTimestamp) {
        result.data<int64_t>()[i] = RoundTimestampMicros(LocalMicros(packed), precision);
      } else {  // date
        result.data<int32_t>()[i] = static_cast<int32_t>(FloorDivMicros(LocalMicros(packed), kMicrosPerDay));
      }
    } else if (from.id() == TypeId::kTimestamp) {
      result.data<int64_t>()[i] = FromLocalMicros(source.data<int64_t>()[i], precision);
    } else {  // date
      result.data<int64_t>()[i] = FromLocalMicros(int64_t{source.data<int32_t>()[i]} * kMicrosPerDay, precision);
    }
  }
}

}  // namespace sluice::function
