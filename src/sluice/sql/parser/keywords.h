#pragma once

#include <string>
#include <string_view>

namespace sluice::sql {

// Trino's reserved words (docs: "Keywords and identifiers"), lower case. Every
// other word, keywords such as date, year, format or location included, may be
// used as an unquoted identifier. The list follows Trino 4xx as used by Athena
// engine v3 (JSON_*, LISTAGG, SKIP and TRIM reserved; not the later AUTO and
// PRIMARY).
bool IsReservedWord(std::string_view lower_case_word);

// Whether `name` must be double-quoted to read back as the same identifier:
// it is reserved, empty, or not of the form [a-z_][a-z0-9_]*.
bool NeedsQuotes(std::string_view name);

// `name` as SQL: double-quoted (with "" escapes) when NeedsQuotes says so.
std::string QuoteIdentifierIfNeeded(std::string_view name);

}  // namespace sluice::sql
