#include "sluice/types/timestamp_tz_text.h"

#include <algorithm>

#include "sluice/types/date.h"

namespace sluice {

std::optional<int64_t> ParseTimestampTz(std::string_view text, int precision, ZoneKey default_zone) {
  const auto parts = ParseTimestampText(text, true);
  if (!parts) return std::nullopt;
  ZoneKey zone = default_zone;
  if (!parts->zone.empty()) {
    const auto key = FindZoneKey(parts->zone);
    if (!key) return std::nullopt;
    zone = *key;
  }
  const int64_t local_millis = TimestampTextMicros(*parts, std::min(precision, 3)) / 1000;
  const int64_t utc_millis = LocalToUtcMillis(zone, local_millis);
  if (!TimestampTzMillisFit(utc_millis)) return std::nullopt;
  return PackTimestampTz(utc_millis, zone);
}

std::string FormatTimestampTz(int64_t packed, int precision) {
  const ZoneKey zone = TimestampTzZone(packed);
  std::string out = FormatTimestamp(UtcToLocalMillis(zone, TimestampTzMillis(packed)) * 1000, precision);
  out += ' ';
  out += ZoneName(zone);
  return out;
}

int64_t RoundTimestampTz(int64_t packed, int precision) {
  if (precision >= 3) return packed;
  const int64_t millis = RoundTimestampMicros(TimestampTzMillis(packed) * 1000, precision) / 1000;
  return PackTimestampTz(millis, TimestampTzZone(packed));
}

}  // namespace sluice
