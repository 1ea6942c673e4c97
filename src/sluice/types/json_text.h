#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice {

// Small facts about JSON text that the JSON reader and the JSON functions
// share (RFC 8259).

// Whether `s` is exactly one JSON number: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
bool IsJsonNumber(std::string_view s);

// `s` without JSON whitespace (space, tab, CR, LF) at its end, or at both ends.
std::string_view TrimTrailingJsonSpace(std::string_view s);
std::string_view TrimJsonSpace(std::string_view s);

// Appends `s` as a JSON string, quotes included: '"' and '\\' escaped, \b \f
// \n \r \t as such, other control characters as \u00XX (upper-case hex, as
// DuckDB writes them). Valid UTF-8 is kept as is; each maximal ill-formed
// subsequence becomes U+FFFD, so the result is always valid UTF-8 JSON.
void AppendJsonString(std::string& out, std::string_view s);
// The same into dst, which has room for MaxJsonStringLength(s.size()) bytes;
// returns the end of what it wrote.
constexpr size_t MaxJsonStringLength(size_t n) { return 6 * n + 2; }
char* WriteJsonString(char* dst, std::string_view s);

}  // namespace sluice
