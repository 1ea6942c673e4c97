// Entry points, token tests, error reporting, names and type names.
#include "sluice/sql/parser/parser.h"

#include <algorithm>
#include <cctype>

#include "sluice/common/ascii_case.h"
#include "sluice/sql/parser/keywords.h"
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

// Quoted tokens first, then <things>, then <EOF>; alphabetical within each.
bool ExpectationBefore(const std::string& a, const std::string& b) {
  auto rank = [](const std::string& s) { return s == "<EOF>" ? 2 : s[0] == '<' ? 1 : 0; };
  return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
}

}  // namespace

Parser::Parser(std::string_view source, std::vector<Token> tokens)
    : source_(source), tokens_(std::move(tokens)), matching_(tokens_.size(), tokens_.size() - 1) {
  std::vector<size_t> open;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if (t.type != TokenType::kOperator) continue;
    if (t.text == "(" || t.text == "[") {
      open.push_back(i);
    } else if ((t.text == ")" || t.text == "]") && !open.empty()) {
      matching_[open.back()] = i;
      open.pop_back();
    }
  }
}

// ------------------------------------------------------------ token tests

bool Parser::PeekKeyword(std::string_view kw, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.type == TokenType::kIdentifier && EqualsIgnoreCase(t.text, kw);
}

bool Parser::PeekOperator(std::string_view op, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.type == TokenType::kOperator && t.text == op;
}

bool Parser::IsKeyword(std::string_view kw, size_t ahead) const {
  if (PeekKeyword(kw, ahead)) return true;
  if (ahead == 0) Expected("'" + AsciiUpper(std::string(kw)) + "'");
  return false;
}

bool Parser::IsOperator(std::string_view op, size_t ahead) const {
  if (PeekOperator(op, ahead)) return true;
  if (ahead == 0) Expected("'" + std::string(op) + "'");
  return false;
}

bool Parser::AcceptKeyword(std::string_view kw) {
  if (!IsKeyword(kw)) return false;
  Next();
  return true;
}

bool Parser::AcceptOperator(std::string_view op) {
  if (!IsOperator(op)) return false;
  Next();
  return true;
}

void Parser::ExpectKeyword(std::string_view kw) {
  if (!AcceptKeyword(kw)) Unexpected();
}

void Parser::ExpectOperator(std::string_view op) {
  if (!AcceptOperator(op)) Unexpected();
}

void Parser::Expected(std::string what) const {
  if (expected_at_ != pos_) {
    expected_at_ = pos_;
    expected_.clear();
  }
  if (std::find(expected_.begin(), expected_.end(), what) == expected_.end()) {
    expected_.push_back(std::move(what));
  }
}

void Parser::Unexpected(const std::string& fallback) const {
  std::vector<std::string> expected;
  if (expected_at_ == pos_) expected = expected_;
  std::sort(expected.begin(), expected.end(), ExpectationBefore);
  std::string list;
  for (size_t i = 0; i < expected.size(); ++i) list += (i ? ", " : "") + expected[i];
  if (list.empty()) list = fallback;
  const Token& t = Peek();
  std::string message;
  if (t.type == TokenType::kEnd) {
    message = "Unexpected end of input";
    if (!list.empty()) message += "; expecting " + list;
  } else {
    // The token as written, quotes and all.
    message = "mismatched input '" + std::string(source_.substr(t.offset, t.end - t.offset)) + "'";
    if (!list.empty()) message += ". Expecting: " + list;
  }
  throw SluiceError(ErrorCode::kSyntaxError, message, t.position);
}

void Parser::NotSupported(const std::string& what, SourcePosition at) const {
  throw SluiceError(ErrorCode::kNotSupported, what + ": not supported yet", at);
}

Parser::DepthGuard::DepthGuard(Parser& parser) : parser_(parser) {
  if (++parser_.depth_ > kMaxDepth) {
    --parser_.depth_;
    throw SluiceError(ErrorCode::kSyntaxError,
                      "Statement is too deeply nested (more than " + std::to_string(kMaxDepth) + " levels)",
                      parser_.Peek().position);
  }
}

// ------------------------------------------------------------ lookahead


bool Parser::HasKeywordInside(size_t open, std::string_view kw) const {
  size_t close = MatchingClose(open);
  for (size_t i = open + 1; i < close; ++i) {
    const Token& t = tokens_[i];
    if (t.type == TokenType::kOperator && (t.text == "(" || t.text == "[")) {
      i = MatchingClose(i);
    } else if (t.type == TokenType::kIdentifier && EqualsIgnoreCase(t.text, kw)) {
      return true;
    }
  }
  return false;
}

bool Parser::ParenthesesHoldQuery(size_t open) const {
  // Deeper than kMaxDepth fails anyway; the bound keeps this loop short.
  for (int level = 0; level <= kMaxDepth; ++level, ++open) {
    // "(SELECT", "(WITH", "(VALUES": a query.
    if (!(tokens_[open + 1].type == TokenType::kOperator && tokens_[open + 1].text == "(")) return true;
    // "((...) x": what follows the inner group decides; "((...))" is
    // whatever the inner group is.
    size_t after = MatchingClose(open + 1) + 1;
    if (after >= tokens_.size()) return true;
    const Token& t = tokens_[after];
    if (t.type == TokenType::kOperator && t.text == ")") continue;
    for (const char* kw : {"union", "except", "intersect", "order", "limit", "offset", "fetch"}) {
      if (t.type == TokenType::kIdentifier && EqualsIgnoreCase(t.text, kw)) return true;
    }
    return false;
  }
  return true;
}

// ------------------------------------------------------------------ names

bool Parser::IsIdentifierStart(size_t ahead) const {
  const Token& t = Peek(ahead);
  if (t.type == TokenType::kQuotedIdentifier) return true;
  return t.type == TokenType::kIdentifier && !IsReservedWord(AsciiLower(t.text));
}

Identifier Parser::ParseIdentifier() {
  if (!IsIdentifierStart()) {
    Expected("<identifier>");
    Unexpected();
  }
  const Token& t = Next();
  Identifier id;
  id.position = t.position;
  id.quoted = t.type == TokenType::kQuotedIdentifier;
  // Trino folds unquoted names to lower case; quoted ones keep what was
  // written (the catalog is case-insensitive, so the binder folds them too).
  id.name = id.quoted ? t.text : AsciiLower(t.text);
  return id;
}

QualifiedName Parser::ParseQualifiedName() {
  QualifiedName name;
  name.position = Peek().position;
  name.parts.push_back(ParseIdentifier());
  while (AcceptOperator(".")) name.parts.push_back(ParseIdentifier());
  return name;
}

QualifiedName Parser::ParseTableName() {
  QualifiedName name = ParseQualifiedName();
  if (name.parts.size() > 3) {
    throw SluiceError(ErrorCode::kSyntaxError, "Too many dots in table name: " + name.ToString(), name.position);
  }
  return name;
}

std::string Parser::ParseSchemaName() {
  QualifiedName name = ParseQualifiedName();
  if (name.parts.size() > 2) {
    throw SluiceError(ErrorCode::kSyntaxError, "Too many dots in schema name: " + name.ToString(), name.position);
  }
  // sluice has one catalog, so the schema is what counts.
  return name.parts.back().name;
}

std::string Parser::ParseStringLiteral() {
  if (Peek().type != TokenType::kString) {
    Expected("<string>");
    Unexpected();
  }
  return Next().text;
}

int64_t Parser::ParseIntegerLiteral() {
  if (Peek().type != TokenType::kInteger) {
    Expected("<integer>");
    Unexpected();
  }
  const Token& t = Peek();
  try {
    int64_t v = std::stoll(t.text);
    Next();
    return v;
  } catch (const std::exception&) {
    throw SluiceError(ErrorCode::kSyntaxError, "Invalid numeric literal: " + t.text, t.position);
  }
}

// Trino and Hive type syntax, as normalised lower-case text without blanks
// around punctuation: bigint, varchar(20), decimal(10,2), double precision,
// timestamp(3) with time zone, interval day to second, array(varchar),
// row(a int,b varchar), array<string>, map<string,int>, struct<a:int,b:string>.
std::string Parser::ParseTypeName() {
  if (Peek().type != TokenType::kIdentifier) {
    Expected("<type>");
    Unexpected();
  }
  std::string out = AsciiLower(Next().text);
  auto append = [&](const Token& t) {
    bool word = t.type == TokenType::kIdentifier || t.type == TokenType::kQuotedIdentifier ||
                t.type == TokenType::kInteger;
    // Words inside row(...) are separated by a blank: row(a int,b varchar).
    char last = out.empty() ? '(' : out.back();
    if (word && (std::isalnum(static_cast<unsigned char>(last)) || last == '_' || last == ')')) {
      out += ' ';
    }
    out += t.type == TokenType::kIdentifier ? AsciiLower(t.text) : t.text;
  };
  // Consumes a balanced group opened by the current token.
  auto group = [&](std::string_view open, std::string_view close) {
    int depth = 0;
    do {
      const Token& t = Peek();
      if (t.type == TokenType::kEnd) {
        Expected("'" + std::string(close) + "'");
        Unexpected();
      }
      if (t.type == TokenType::kOperator && t.text == open) ++depth;
      if (t.type == TokenType::kOperator && t.text == close) --depth;
      append(Next());
    } while (depth > 0);
  };
  if (out == "double" && PeekKeyword("precision")) {
    Next();
    out += " precision";
  } else if (out == "interval") {
    static const char* kFields[] = {"year", "month", "day", "hour", "minute", "second"};
    for (int part = 0; part < 2; ++part) {
      bool found = false;
      for (const char* f : kFields) {
        if (PeekKeyword(f)) {
          out += std::string(" ") + f;
          Next();
          found = true;
          break;
        }
      }
      if (!found) {
        Expected("<interval field>");
        Unexpected();
      }
      if (part == 0 && !PeekKeyword("to")) break;
      if (part == 0) {
        Next();
        out += " to";
      }
    }
  }
  if (PeekOperator("<")) {
    group("<", ">");
  } else if (PeekOperator("(")) {
    group("(", ")");
  }
  if ((out.rfind("timestamp", 0) == 0 || out.rfind("time", 0) == 0) &&
      (PeekKeyword("with") || PeekKeyword("without")) && PeekKeyword("time", 1)) {
    bool with = PeekKeyword("with");
    Next();
    Next();
    ExpectKeyword("zone");
    if (with) out += " with time zone";  // "without time zone" is the default
  }
  return out;
}

// ------------------------------------------------------------ entry points

std::vector<StatementPtr> Parser::ParseScript() {
  std::vector<StatementPtr> out;
  for (;;) {
    while (AcceptOperator(";")) {
    }
    if (AtEnd()) return out;
    out.push_back(ParseStatement());
    if (!AtEnd() && !IsOperator(";")) {
      Expected("<EOF>");
      Unexpected();
    }
  }
}

StatementPtr Parser::ParseSingleStatement() {
  while (AcceptOperator(";")) {
  }
  auto stmt = ParseStatement();
  while (AcceptOperator(";")) {
  }
  if (!AtEnd()) {
    Expected("<EOF>");
    Unexpected();
  }
  return stmt;
}

ExpressionPtr Parser::ParseStandaloneExpression() {
  auto e = ParseExpression();
  if (!AtEnd()) {
    Expected("<EOF>");
    Unexpected();
  }
  return e;
}

std::vector<StatementPtr> ParseScript(std::string_view sql) {
  Parser parser(sql, Tokenize(sql));
  return parser.ParseScript();
}

StatementPtr ParseStatement(std::string_view sql) {
  Parser parser(sql, Tokenize(sql));
  return parser.ParseSingleStatement();
}

ExpressionPtr ParseExpression(std::string_view sql) {
  Parser parser(sql, Tokenize(sql));
  return parser.ParseStandaloneExpression();
}

}  // namespace sluice::sql
