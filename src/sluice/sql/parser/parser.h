#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "sluice/sql/parser/ast.h"

namespace sluice::sql {

// Parses statements separated by ';' (a trailing ';' is optional, empty
// statements are skipped). Throws SYNTAX_ERROR with the offending token's
// line and column.
std::vector<StatementPtr> ParseScript(std::string_view sql);

// Parses exactly one statement (an optional trailing ';' allowed).
StatementPtr ParseStatement(std::string_view sql);

// Parses one expression (used by tests and table properties).
ExpressionPtr ParseExpression(std::string_view sql);

}  // namespace sluice::sql
