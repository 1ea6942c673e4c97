#pragma once

// Helpers shared by the parser tests: downcasts with checks, and the error a
// statement fails with.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/sql/parser/parser.h"

namespace sluice::sql::parser_testing {

template <typename T, typename Base>
const T& As(const Base& node) {
  const T* p = dynamic_cast<const T*>(&node);
  if (!p) throw std::runtime_error("unexpected node type");
  return *p;
}

// Parses one statement and keeps it alive until the test binary exits, so
// that references into it may outlive the full expression.
inline const Statement& Parsed(std::string_view sql) {
  static std::vector<StatementPtr> kept;
  kept.push_back(ParseStatement(sql));
  return *kept.back();
}

inline const Query& QueryOf(const Statement& stmt) {
  return *As<QueryStatement>(stmt).query;
}

inline const QuerySpecification& SelectOf(const Query& q) { return As<QuerySpecification>(*q.body); }

inline const QuerySpecification& SelectOf(const Statement& stmt) { return SelectOf(QueryOf(stmt)); }

// ToString of the one expression in "SELECT <sql>".
inline std::string Expr(std::string_view sql) { return ParseExpression(sql)->ToString(); }

// Parses a query and renders it back.
inline std::string Render(std::string_view sql) { return QueryOf(*ParseStatement(sql)).ToString(); }

// The error that parsing `sql` throws; fails the test when none is thrown.
inline SluiceError ErrorOf(std::string_view sql) {
  try {
    ParseScript(sql);
  } catch (const SluiceError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << sql;
  return SluiceError(ErrorCode::kInternal, "no error");
}

// "line:column: message", compact for EXPECT_EQ.
inline std::string Described(std::string_view sql) {
  SluiceError e = ErrorOf(sql);
  std::string out;
  if (e.position()) {
    out = std::to_string(e.position()->line) + ":" + std::to_string(e.position()->column) + ": ";
  }
  return out + e.message();
}

// The function call `sql` parses to (kept alive for the test's duration).
inline const FunctionCall& Call(std::string_view sql) {
  static std::vector<ExpressionPtr> kept;
  kept.push_back(ParseExpression(sql));
  return As<FunctionCall>(*kept.back());
}

}  // namespace sluice::sql::parser_testing
