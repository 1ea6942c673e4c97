#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace sluice::json {

// How a JSON Lines file is read (from the table's SerDe and properties).
struct JsonOptions {
  // Keys match column names ignoring ASCII case (openx's case.insensitive,
  // always on for the hcatalog SerDe). Column names are lower case in the
  // catalog, so with exact matching only lower-case keys (or mapping.*) match.
  bool case_insensitive = true;
  // Lower-case column name → the JSON key it reads (openx mapping.<column>).
  std::map<std::string, std::string> key_mapping;
  // A malformed line (not JSON, not an object) becomes a row of NULLs, as in
  // Athena, instead of failing the query (openx ignore.malformed.json).
  bool ignore_malformed = false;
  bool error_on_bad_value = false;  // false: unconvertible value → NULL (Hive)
  // A longer line is an error rather than unbounded memory.
  size_t max_row_bytes = size_t{128} << 20;
};

}  // namespace sluice::json
