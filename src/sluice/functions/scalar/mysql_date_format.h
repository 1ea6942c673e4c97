#pragma once

// MySQL-style format strings (%Y-%m-%d) as Trino's date_format and
// date_parse read them: Trino's own specifier table, built on Joda-Time.
#include <string_view>

#include "sluice/functions/scalar/date_time_formatter.h"

namespace sluice::function {

// Throws INVALID_FUNCTION_ARGUMENT for the specifiers Trino rejects
// ("%D not supported in date format string") and for an empty format.
DateTimeFormatter CompileMySqlFormat(std::string_view format);

}  // namespace sluice::function
