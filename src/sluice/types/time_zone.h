#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

// Time zones of TIMESTAMP WITH TIME ZONE. A value is Trino's short form: the
// instant's UTC milliseconds shifted left by 12 bits, a zone key in the low
// bits. Keys are 0 for UTC, then one per whole-minute offset from -14:00 to
// +14:00, then the zone ids of the system's tz database in name order; they
// live only inside one process (files hold UTC instants or text).
using ZoneKey = uint16_t;
constexpr ZoneKey kUtcZoneKey = 0;
constexpr int kZoneKeyBits = 12;

inline int64_t PackTimestampTz(int64_t utc_millis, ZoneKey zone) {
  return static_cast<int64_t>(static_cast<uint64_t>(utc_millis) << kZoneKeyBits) | zone;
}
inline int64_t TimestampTzMillis(int64_t packed) { return packed >> kZoneKeyBits; }
inline ZoneKey TimestampTzZone(int64_t packed) { return static_cast<ZoneKey>(packed & ((1 << kZoneKeyBits) - 1)); }
// Whether UTC milliseconds fit the packed form (about ±71,000 years).
inline bool TimestampTzMillisFit(int64_t millis) {
  return millis >= (INT64_MIN >> kZoneKeyBits) && millis <= (INT64_MAX >> kZoneKeyBits);
}

// A packed value seen by its instant alone: Trino compares and orders
// timestamps with time zone by instant (kernels read the packed column as
// these).
struct TimestampTzInstant {
  int64_t packed;
  bool operator==(const TimestampTzInstant& o) const { return TimestampTzMillis(packed) == TimestampTzMillis(o.packed); }
  bool operator<(const TimestampTzInstant& o) const { return TimestampTzMillis(packed) < TimestampTzMillis(o.packed); }
};

// The key of a zone id as Trino reads one, ignoring case: a tz database id
// ("Europe/Paris", "US/Eastern"), UTC and its aliases ("Z", "GMT", "Etc/UTC",
// "+00:00"), or an offset "+02:00", "-0830", "+5", optionally after
// "UTC"/"GMT"/"UT". nullopt when it is none of these.
std::optional<ZoneKey> FindZoneKey(std::string_view id);
// FindZoneKey or INVALID_FUNCTION_ARGUMENT "Time zone not supported: <id>"
// (Trino's message).
ZoneKey ZoneKeyOrThrow(std::string_view id);
// The key of a fixed offset in minutes (UTC for 0); nullopt beyond ±14:00.
std::optional<ZoneKey> OffsetZoneKey(int64_t offset_minutes);
// Trino's spelling of a key's zone: "UTC", "+02:00", "Europe/Paris".
std::string_view ZoneName(ZoneKey key);

// The zone's offset from UTC, in seconds, at an instant.
int64_t ZoneOffsetSeconds(ZoneKey key, int64_t utc_seconds);
// The UTC instant of a local date-time in the zone, as java.time resolves
// one: a time in a daylight-saving gap moves forward by the gap's length, one
// in an overlap takes the earlier instant (the offset before the change).
int64_t LocalToUtcSeconds(ZoneKey key, int64_t local_seconds);

// The same in milliseconds (the packed values' unit).
inline int64_t UtcToLocalMillis(ZoneKey key, int64_t utc_millis) {
  const int64_t seconds = utc_millis >= 0 ? utc_millis / 1000 : -((-(utc_millis + 1)) / 1000) - 1;
  return utc_millis + ZoneOffsetSeconds(key, seconds) * 1000;
}
int64_t LocalToUtcMillis(ZoneKey key, int64_t local_millis);

// The session's zone: Athena runs every query in UTC.
constexpr ZoneKey kSessionZoneKey = kUtcZoneKey;

}  // namespace sluice
