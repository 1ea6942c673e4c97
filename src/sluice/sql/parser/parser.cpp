#include "sluice/common/ascii_case.h"
#include "sluice/sql/parser/parser.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "sluice/sql/parser/lexer.h"
#include "sluice/sql/parser/parser_internal.h"

namespace sluice::sql {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Trino's reserved words: everything else may be used as an identifier
// (date, year, month, format, location, ...).
const std::set<std::string>& ReservedWords() {
  static const std::set<std::string> kWords = {
      "alter", "and", "as", "between", "by", "case", "cast", "constraint", "create", "cross",
      "cube", "current_date", "current_time", "current_timestamp", "current_user", "deallocate",
      "delete", "describe", "distinct", "drop", "else", "end", "escape", "except", "execute",
      "exists", "extract", "false", "for", "from", "full", "group", "grouping", "having", "in",
      "inner", "insert", "intersect", "into", "is", "join", "left", "like", "localtime",
      "localtimestamp", "natural", "normalize", "not", "null", "on", "or", "order", "outer",
      "prepare", "recursive", "right", "rollup", "select", "table", "then", "true", "uescape",
      "union", "unnest", "using", "values", "when", "where", "with"};
  return kWords;
}

}  // namespace

bool Parser::IsKeyword(const char* kw, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.type == TokenType::kIdentifier && EqualsIgnoreCase(t.text, kw);
}

bool Parser::IsOperator(const char* op, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.type == TokenType::kOperator && t.text == op;
}

bool Parser::AcceptKeyword(const char* kw) {
  if (!IsKeyword(kw)) return false;
  Next();
  return true;
}

bool Parser::AcceptOperator(const char* op) {
  if (!IsOperator(op)) return false;
  Next();
  return true;
}

void Parser::ExpectKeyword(const char* kw) {
  if (!AcceptKeyword(kw)) {
    Unexpected("'" + AsciiUpper(kw) + "'");
  }
}

void Parser::ExpectOperator(const char* op) {
  if (!AcceptOperator(op)) Unexpected(std::string("'") + op + "'");
}

void Parser::Unexpected(const std::string& expecting) const {
  const Token& t = Peek();
  if (t.type == TokenType::kEnd) {
    throw SluiceError(ErrorCode::kSyntaxError, "mismatched input '<EOF>'. Expecting: " + expecting,
                      t.position);
  }
  std::string text = t.type == TokenType::kString ? "'" + t.text + "'" : t.text;
  throw SluiceError(ErrorCode::kSyntaxError,
                    "mismatched input '" + text + "'. Expecting: " + expecting, t.position);
}

void Parser::ExpectEnd() {
  if (!AtEnd()) Unexpected("end of statement");
}

bool Parser::IsIdentifierStart(size_t ahead) const {
  const Token& t = Peek(ahead);
  if (t.type == TokenType::kQuotedIdentifier) return true;
  return t.type == TokenType::kIdentifier && !ReservedWords().count(AsciiLower(t.text));
}

Identifier Parser::ParseIdentifier() {
  const Token& t = Peek();
  if (!IsIdentifierStart()) Unexpected("an identifier");
  Identifier id;
  id.position = t.position;
  id.quoted = t.type == TokenType::kQuotedIdentifier;
  // Athena's names are case-insensitive: quoted names are folded too when
  // they reach the catalog; the parser keeps what was written for quoted ones.
  id.name = id.quoted ? t.text : AsciiLower(t.text);
  Next();
  return id;
}

QualifiedName Parser::ParseQualifiedName() {
  QualifiedName name;
  name.position = Peek().position;
  name.parts.push_back(ParseIdentifier());
  while (IsOperator(".") && IsIdentifierStart(1)) {
    Next();
    name.parts.push_back(ParseIdentifier());
  }
  return name;
}

std::string Parser::ParseStringLiteral() {
  if (Peek().type != TokenType::kString) Unexpected("a string literal");
  return Next().text;
}

std::string Parser::ParseTypeName() {
  // Trino and Hive type syntax: name [ '(' args ')' ] | array<...> | map<...>
  // | struct<...> | row(...) | double precision | timestamp(3) with time zone.
  const Token& first = Peek();
  if (first.type != TokenType::kIdentifier) Unexpected("a type name");
  std::string out = AsciiLower(Next().text);
  if (out == "double" && AcceptKeyword("precision")) out = "double precision";
  if (IsOperator("<")) {
    int depth = 0;
    do {
      const Token& t = Next();
      if (t.type == TokenType::kEnd) Unexpected("'>'");
      if (t.text == "<") ++depth;
      if (t.text == ">") --depth;
      out += t.type == TokenType::kIdentifier ? AsciiLower(t.text) : t.text;
    } while (depth > 0);
  } else if (IsOperator("(")) {
    int depth = 0;
    do {
      const Token& t = Next();
      if (t.type == TokenType::kEnd) Unexpected("')'");
      if (t.text == "(") ++depth;
      if (t.text == ")") --depth;
      if (t.type == TokenType::kIdentifier && !out.empty() && std::isalnum(static_cast<unsigned char>(out.back()))) {
        out += ' ';
      }
      out += t.type == TokenType::kIdentifier ? AsciiLower(t.text) : t.text;
    } while (depth > 0);
  }
  if ((out.rfind("timestamp", 0) == 0 || out.rfind("time", 0) == 0) && IsKeyword("with")) {
    Next();
    ExpectKeyword("time");
    ExpectKeyword("zone");
    out += " with time zone";
  }
  return out;
}

std::vector<StatementPtr> Parser::ParseScript() {
  std::vector<StatementPtr> out;
  while (!AtEnd()) {
    if (AcceptOperator(";")) continue;
    size_t start_token = pos_;
    auto stmt = ParseStatement();
    stmt->text = std::string(source_.substr(tokens_[start_token].offset,
                                            tokens_[pos_ > 0 ? pos_ - 1 : 0].end -
                                                tokens_[start_token].offset));
    out.push_back(std::move(stmt));
    if (!AtEnd() && !IsOperator(";")) Unexpected("';' or end of input");
  }
  return out;
}

std::vector<StatementPtr> ParseScript(std::string_view sql) {
  Parser parser(sql, Tokenize(sql));
  return parser.ParseScript();
}

StatementPtr ParseStatement(std::string_view sql) {
  Parser parser(sql, Tokenize(sql));
  while (parser.AcceptOperator(";")) {
  }
  if (parser.AtEnd()) {
    throw SluiceError(ErrorCode::kSyntaxError, "empty statement", SourcePosition{1, 1});
  }
  auto stmt = parser.ParseStatement();
  stmt->text = std::string(sql);
  while (parser.AcceptOperator(";")) {
  }
  parser.ExpectEnd();
  return stmt;
}

ExpressionPtr ParseExpression(std::string_view sql) {
  Parser parser(sql, Tokenize(sql));
  auto e = parser.ParseExpression();
  parser.ExpectEnd();
  return e;
}

}  // namespace sluice::sql
