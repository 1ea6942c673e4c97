#pragma once

#include <string>

#include "sluice/common/error.h"

namespace sluice::sql {

enum class TokenType {
  kIdentifier,        // unquoted word (keywords too; the parser decides)
  kQuotedIdentifier,  // "x" or `x`
  kString,            // 'x'
  kInteger,
  kDecimal,           // 1.5
  kDouble,            // 1e3
  kOperator,          // + - * / % || = <> != < <= > >= => ( ) , . ; [ ] :
  kEnd,
};

struct Token {
  TokenType type = TokenType::kEnd;
  std::string text;   // identifiers as written; strings unescaped
  SourcePosition position;
  size_t offset = 0;  // byte offset of the token in the source
  size_t end = 0;     // byte offset just past it
};

}  // namespace sluice::sql
