#pragma once

// Joda-Time DateTimeFormat patterns (yyyy-MM-dd HH:mm:ss.SSS, 'quoted'
// text) as Trino's format_datetime and parse_datetime read them.
#include <string_view>

#include "sluice/functions/scalar/date_time_formatter.h"

namespace sluice::function {

// Whether the pattern has a time zone letter (z, Z) outside quotes, which
// format_datetime rejects for TIMESTAMP as Trino does.
bool JodaPatternHasZone(std::string_view pattern);

// Throws INVALID_FUNCTION_ARGUMENT for Joda's errors ("Illegal pattern
// component: Q", "Invalid pattern specification") and NOT_SUPPORTED for the
// letters sluice lacks (zone names z and ZZZ, eras, centuries). Z and ZZ
// offsets parse into UTC.
DateTimeFormatter CompileJodaPattern(std::string_view pattern);

}  // namespace sluice::function
