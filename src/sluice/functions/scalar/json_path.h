#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sluice::function {

// The JSONPath subset Trino's json_extract family accepts: "$" followed by
// ".key", "[\"key\"]" (with \" and \\ escapes) or "[index]" steps. As in
// Trino, a step is a name: on an object it selects the member of that name,
// on an array (when it is a non-negative integer) the element at that index.
// Throws SluiceError(INVALID_FUNCTION_ARGUMENT) "Invalid JSON path: '...'".
std::vector<std::string> ParseJsonPath(std::string_view path);

// The steps as an RFC 6901 JSON Pointer ("/a/0"), for simdjson's at_pointer.
std::string JsonPointerFor(const std::vector<std::string>& steps);

}  // namespace sluice::function
