#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "sluice/sql/parser/ast.h"

namespace sluice::sql {

// The SQL front end: Trino's query dialect plus Athena's Hive DDL.
//
// Errors are SluiceError with the offending token's 1-based line and column:
// SYNTAX_ERROR with Trino's wording ("mismatched input 'FORM'. Expecting:
// ',', 'FROM', ..." or "Unexpected end of input; expecting ..."), or
// NOT_SUPPORTED for constructs recognised but not implemented yet (window
// functions, FILTER, NATURAL JOIN, UNNEST, FETCH ... WITH TIES).
// Thread-safety: the functions share no state.

// Parses statements separated by ';' (a trailing ';' is optional, empty
// statements are skipped). Each statement's `text` is its own source text,
// from its first token to its last.
std::vector<StatementPtr> ParseScript(std::string_view sql);

// Parses exactly one statement (an optional trailing ';' allowed). An empty
// input is a syntax error.
StatementPtr ParseStatement(std::string_view sql);

// Parses one expression, nothing after it.
ExpressionPtr ParseExpression(std::string_view sql);

}  // namespace sluice::sql
