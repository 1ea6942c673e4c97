#include "sluice/sql/parser/keywords.h"

#include <algorithm>
#include <iterator>

namespace sluice::sql {

namespace {

// Sorted, for binary search.
constexpr std::string_view kReserved[] = {
    "alter", "and", "as", "between", "by", "case", "cast", "constraint", "create", "cross", "cube",
    "current_catalog", "current_date", "current_path", "current_role", "current_schema",
    "current_time", "current_timestamp", "current_user", "deallocate", "delete", "describe",
    "distinct", "drop", "else", "end", "escape", "except", "execute", "exists", "extract", "false",
    "for", "from", "full", "group", "grouping", "having", "in", "inner", "insert", "intersect",
    "into", "is", "join", "json_array", "json_exists", "json_object", "json_query", "json_table",
    "json_value", "left", "like", "listagg", "localtime", "localtimestamp", "natural", "normalize",
    "not", "null", "on", "or", "order", "outer", "prepare", "recursive", "right", "rollup",
    "select", "skip", "table", "then", "trim", "true", "uescape", "union", "unnest", "using",
    "values", "when", "where", "with"};

}  // namespace

bool IsReservedWord(std::string_view word) {
  return std::binary_search(std::begin(kReserved), std::end(kReserved), word);
}

bool NeedsQuotes(std::string_view name) {
  if (name.empty() || IsReservedWord(name)) return true;
  if (!(name[0] == '_' || (name[0] >= 'a' && name[0] <= 'z'))) return true;
  return !std::all_of(name.begin(), name.end(), [](char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

std::string QuoteIdentifierIfNeeded(std::string_view name) {
  if (!NeedsQuotes(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace sluice::sql
