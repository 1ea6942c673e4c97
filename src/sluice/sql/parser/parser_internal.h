#pragma once

// The recursive-descent parser's state, shared by the files that implement
// its parts (names and types, expressions, special forms, queries, statements,
// DDL). Not part of the API: include parser.h instead.
//
// Error messages follow Trino's "mismatched input 'x'. Expecting: ..." form.
// To list what would have been accepted, every test of the current token made
// through IsKeyword / IsOperator / Accept* / Expect* / Expected records the
// alternative it looked for, keyed by the token's index; moving past the token
// forgets the list. Probes that merely choose between alternatives (and whose
// words the message should not list) use the silent PeekKeyword / PeekOperator.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/sql/parser/ast.h"
#include "sluice/sql/parser/token.h"

namespace sluice::sql {

// A new AST node of type T at `position`.
template <typename T>
std::unique_ptr<T> Make(SourcePosition position) {
  auto e = std::make_unique<T>();
  e->position = position;
  return e;
}

class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens);

  // --- entry points (parser.cpp) ---
  std::vector<StatementPtr> ParseScript();
  StatementPtr ParseSingleStatement();  // one statement, optional ';', then the end
  ExpressionPtr ParseStandaloneExpression();

  // --- tokens (parser.cpp) ---
  bool AtEnd() const { return Peek().type == TokenType::kEnd; }
  const Token& Peek(size_t ahead = 0) const {
    size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[i];
  }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  // Silent probes: an unquoted word equal (case-insensitively) to `kw`, an
  // operator token equal to `op`.
  bool PeekKeyword(std::string_view kw, size_t ahead = 0) const;
  bool PeekOperator(std::string_view op, size_t ahead = 0) const;
  // Recording tests (record only when ahead == 0).
  bool IsKeyword(std::string_view kw, size_t ahead = 0) const;
  bool IsOperator(std::string_view op, size_t ahead = 0) const;
  bool AcceptKeyword(std::string_view kw);
  bool AcceptOperator(std::string_view op);
  void ExpectKeyword(std::string_view kw);
  void ExpectOperator(std::string_view op);
  // Records a non-token alternative for the current token: "<expression>",
  // "<identifier>", "<string>", "<integer>", "<type>", "<EOF>".
  void Expected(std::string what) const;
  // Throws SYNTAX_ERROR at the current token, listing the recorded
  // alternatives (or `fallback` when none were recorded here).
  [[noreturn]] void Unexpected(const std::string& fallback = "") const;
  // A recognised construct that sluice does not implement yet: NOT_SUPPORTED
  // "<what>: not supported yet" rather than a confusing syntax error.
  [[noreturn]] void NotSupported(const std::string& what, SourcePosition at) const;

  // Where one token of lookahead cannot decide, the parser scans ahead over
  // balanced brackets instead of backtracking (backtracking is exponential
  // on nested input). Both take the index of an opening '(' or '['.
  size_t MatchingClose(size_t open) const { return matching_[open]; }
  // Whether the keyword occurs inside the brackets opened at `open`, outside
  // any deeper brackets: POSITION(a IN b), SUBSTRING(s FROM 2).
  bool HasKeywordInside(size_t open, std::string_view kw) const;
  // Given '(' at `open` followed by something IsQueryStart accepts: whether
  // the parentheses hold a query, "((SELECT 1) UNION ...)", or an expression
  // or relation that starts with one, "((SELECT 1) + 1)".
  bool ParenthesesHoldQuery(size_t open) const;

  // Limits recursion, so that absurdly nested input fails with an error
  // rather than overflowing the stack. One per nesting level.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& parser);
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };
  static constexpr int kMaxDepth = 256;
  // The tallest expression tree a statement may hold (see BinaryExpression).
  static constexpr uint32_t kMaxExpressionHeight = 1000;  // binds in 8 MiB of stack under ASan too

  // --- names and types (parser.cpp) ---
  bool IsIdentifierStart(size_t ahead = 0) const;  // silent: quoted, or unquoted non-reserved
  Identifier ParseIdentifier();
  QualifiedName ParseQualifiedName();
  QualifiedName ParseTableName();  // [[catalog.]schema.]table
  std::string ParseSchemaName();   // [catalog.]schema; the schema's name
  std::string ParseStringLiteral();
  int64_t ParseIntegerLiteral();
  std::string ParseTypeName();  // normalised type text

  // --- queries (parser_query.cpp) ---
  bool IsQueryStart(size_t ahead = 0) const;  // silent
  std::unique_ptr<Query> ParseQuery();
  QueryBodyPtr ParseQueryBody();
  QueryBodyPtr ParseQueryTerm();
  QueryBodyPtr ParseQueryPrimary();
  std::unique_ptr<QuerySpecification> ParseQuerySpecification();
  void ParseSelectItem(QuerySpecification& select);
  void ParseGroupingElement(QuerySpecification& select);
  void ParseOrderByLimit(Query& q);
  OrderItem ParseOrderItem();  // expr [ASC|DESC] [NULLS FIRST|LAST]
  std::vector<OrderItem> ParseOrderItems();  // after ORDER: BY item, ...
  RelationPtr ParseRelation();
  RelationPtr ParseRelationPrimary();
  std::unique_ptr<TableFunctionRelation> ParseTableFunction(QualifiedName name, SourcePosition at);
  std::string ParseOptionalAlias(std::vector<std::string>* column_aliases);

  // --- expressions (parser_expression.cpp) ---
  ExpressionPtr ParseExpression();
  ExpressionPtr ParseOr();
  ExpressionPtr ParseAnd();
  ExpressionPtr ParseNot();
  ExpressionPtr ParsePredicate();
  ExpressionPtr ParseInPredicate(ExpressionPtr operand, bool negated);
  ExpressionPtr ParseQuantifiedComparison(ExpressionPtr operand, const std::string& op);
  ExpressionPtr ParseConcat();  // Trino's valueExpression: ||, then + -, * / %, unary
  ExpressionPtr ParseAdditive();
  ExpressionPtr ParseMultiplicative();
  ExpressionPtr ParseUnary();
  ExpressionPtr ParsePostfix();
  ExpressionPtr ParseLambda();
  bool AtLambda() const;
  ExpressionPtr ParsePrimary();
  ExpressionPtr ParseParenthesised();
  ExpressionPtr ParseCase();
  ExpressionPtr ParseFunctionCall(QualifiedName name, SourcePosition at);
  // After LISTAGG's '(' and DISTINCT: up to and including its suffixes.
  void ParseListaggArguments(FunctionCall& f);
  std::vector<ExpressionPtr> ParseExpressionList();  // a, b, c (at least one)
  // FILTER (WHERE ...), IGNORE|RESPECT NULLS and OVER after a call's ')'.
  void ParseCallSuffixes(FunctionCall& f);

  // --- windows (parser_window.cpp) ---
  // At '(': the window specification up to and including ')'.
  std::unique_ptr<WindowSpecification> ParseWindowSpecification();
  std::unique_ptr<WindowFrame> ParseWindowFrame();
  FrameBound ParseFrameBound();
  void ParseWindowClause(QuerySpecification& select);  // after WINDOW

  // --- special forms (parser_special_form.cpp) ---
  // Returns null when the current token does not start one.
  ExpressionPtr TryParseSpecialForm();
  ExpressionPtr ParseCurrentTime();
  // After `x`, at AT TIME ZONE: at_timezone(x, zone).
  ExpressionPtr ParseAtTimeZone(ExpressionPtr operand);
  ExpressionPtr ParseExtract();
  ExpressionPtr ParseTrim();
  ExpressionPtr ParseInterval();

  // --- statements (parser_statement.cpp) ---
  StatementPtr ParseStatement();  // also records the statement's text
  StatementPtr ParseStatementBody();
  StatementPtr ParseExplain();
  StatementPtr ParseInsert();
  StatementPtr ParseShow();
  StatementPtr ParseDescribe();

  // --- DDL (parser_ddl.cpp) ---
  StatementPtr ParseCreate();
  StatementPtr ParseCreateDatabase(SourcePosition at);
  StatementPtr ParseCreateTableAs(SourcePosition at, bool if_not_exists, QualifiedName name);
  StatementPtr ParseCreateTable(SourcePosition at, bool external, bool if_not_exists, QualifiedName name);
  void ParseRowFormat(CreateTableStatement& s);
  void ParseStoredAs(CreateTableStatement& s);
  std::vector<ColumnDefinition> ParseColumnDefinitions();
  StatementPtr ParseDrop();
  Properties ParsePropertyList();  // ('k' = 'v', ...)
  bool AcceptIfNotExists();
  bool AcceptIfExists();

 private:
  std::string_view source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  // For each '(' or '[' token, the index of its closing bracket (or of the
  // end token when unbalanced); computed once so lookahead stays linear.
  std::vector<size_t> matching_;
  // What the tests of token `expected_at_` looked for (see the file comment).
  mutable size_t expected_at_ = 0;
  mutable std::vector<std::string> expected_;
};

}  // namespace sluice::sql
