#pragma once

#include <string_view>

namespace sluice {

// Small facts about JSON text that the JSON reader and the JSON functions
// share (RFC 8259).

// Whether `s` is exactly one JSON number: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
bool IsJsonNumber(std::string_view s);

// `s` without JSON whitespace (space, tab, CR, LF) at its end, or at both ends.
std::string_view TrimTrailingJsonSpace(std::string_view s);
std::string_view TrimJsonSpace(std::string_view s);

}  // namespace sluice
