#pragma once

#include <string_view>
#include <vector>

#include "sluice/sql/parser/token.h"

namespace sluice::sql {

// Splits SQL text into tokens, tracking 1-based line and column. Comments
// (-- and /* */) are skipped. Throws SYNTAX_ERROR for unterminated strings,
// quoted identifiers and comments, and for characters SQL does not use.
std::vector<Token> Tokenize(std::string_view sql);

}  // namespace sluice::sql
