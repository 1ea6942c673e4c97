#pragma once

// The recursive-descent parser's state, shared by the files that implement
// its parts (expressions, queries, statements). Not part of the API.

#include <string>
#include <string_view>
#include <vector>

#include "sluice/sql/parser/ast.h"
#include "sluice/sql/parser/token.h"

namespace sluice::sql {

class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens)
      : source_(source), tokens_(std::move(tokens)) {}

  std::vector<StatementPtr> ParseScript();
  StatementPtr ParseStatement();
  ExpressionPtr ParseExpression();
  bool AtEnd() const { return Peek().type == TokenType::kEnd; }
  void ExpectEnd();

  // --- token helpers ---
  const Token& Peek(size_t ahead = 0) const {
    size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[i];
  }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  // Keyword test: an unquoted identifier equal (case-insensitively) to `kw`.
  bool IsKeyword(const char* kw, size_t ahead = 0) const;
  bool IsOperator(const char* op, size_t ahead = 0) const;
  bool AcceptKeyword(const char* kw);
  bool AcceptOperator(const char* op);
  void ExpectKeyword(const char* kw);
  void ExpectOperator(const char* op);
  [[noreturn]] void Unexpected(const std::string& expecting) const;

  // --- names ---
  bool IsIdentifierStart(size_t ahead = 0) const;  // unquoted non-reserved or quoted
  Identifier ParseIdentifier();
  QualifiedName ParseQualifiedName();
  std::string ParseStringLiteral();
  std::string ParseTypeName();  // normalised type text

  // --- queries (parser_query.cpp) ---
  std::unique_ptr<Query> ParseQuery();
  QueryBodyPtr ParseQueryBody();
  QueryBodyPtr ParseQueryTerm();
  QueryBodyPtr ParseQueryPrimary();
  std::unique_ptr<QuerySpecification> ParseQuerySpecification();
  RelationPtr ParseRelation();
  RelationPtr ParseRelationPrimary();
  bool IsQueryStart(size_t ahead = 0) const;

  // --- expressions (parser_expression.cpp) ---
  ExpressionPtr ParseOr();
  ExpressionPtr ParseAnd();
  ExpressionPtr ParseNot();
  ExpressionPtr ParsePredicate();
  ExpressionPtr ParseConcat();
  ExpressionPtr ParseAdditive();
  ExpressionPtr ParseMultiplicative();
  ExpressionPtr ParseUnary();
  ExpressionPtr ParsePrimary();

  // --- statements (parser_statement.cpp) ---
  StatementPtr ParseCreate();
  StatementPtr ParseDrop();
  StatementPtr ParseShow();
  StatementPtr ParseCreateExternalTable(bool external, SourcePosition start);
  Properties ParsePropertyList();

  std::string_view source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace sluice::sql
