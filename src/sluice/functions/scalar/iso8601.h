#pragma once

// ISO 8601 text as Trino's from_iso8601_date / from_iso8601_timestamp
// (Joda's ISODateTimeFormat parsers) read it and to_iso8601 writes it.
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::function {

// Calendar (2020-05-11, 2020-05, 2020), week (2020-W10, 2020-W10-1) and
// ordinal (2020-123) dates. Throws INVALID_FUNCTION_ARGUMENT.
int32_t ParseIso8601Date(std::string_view text);
// A date, optionally 'T' and a time (HH[:mm[:ss[.fff]]]) and an offset (Z,
// +01, +01:00, +0100); or 'T' and a time alone. Returns UTC microseconds:
// sluice has no TIMESTAMP WITH TIME ZONE, so an offset is applied.
int64_t ParseIso8601Timestamp(std::string_view text);

std::string FormatIso8601Date(int32_t days);
// 2020-05-11T11:15:05.055 with `precision` fractional digits.
std::string FormatIso8601Timestamp(int64_t micros, int precision);

}  // namespace sluice::function
