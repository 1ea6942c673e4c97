#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sluice/types/time_zone.h"

namespace sluice {

// TIMESTAMP(p) WITH TIME ZONE as text, Trino's way: "2022-08-01 10:00:00.123
// Europe/Paris", "… +02:00", "… UTC".

// Trino's timestamp text followed by a zone id or offset (see FindZoneKey),
// or by nothing: then the date-time is in `default_zone`. The fraction is
// rounded half up to `precision` digits (values keep milliseconds). nullopt
// when the text or zone is not one, or the instant does not fit.
std::optional<int64_t> ParseTimestampTz(std::string_view text, int precision, ZoneKey default_zone);
// The local date-time in the value's zone with exactly `precision` fractional
// digits, a space and the zone's name.
std::string FormatTimestampTz(int64_t packed, int precision);
// Rounds a packed value's milliseconds to `precision` digits, half up as
// Trino's casts do (precision >= 3 unchanged).
int64_t RoundTimestampTz(int64_t packed, int precision);

}  // namespace sluice
