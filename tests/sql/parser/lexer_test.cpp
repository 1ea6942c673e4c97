#include <gtest/gtest.h>

#include "sluice/sql/parser/lexer.h"
#include "parser_test_util.h"

namespace sluice::sql {
namespace {

using parser_testing::Described;
using parser_testing::ErrorOf;

std::vector<std::string> Texts(std::string_view sql) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(sql)) {
    if (t.type != TokenType::kEnd) out.push_back(t.text);
  }
  return out;
}

TEST(LexerTest, WordsKeepTheirSpellingAndPositions) {
  auto tokens = Tokenize("SELECT Foo\n  FROM\tbar");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].type, TokenType::kIdentifier);
  EXPECT_EQ(tokens[1].text, "Foo");  // the parser folds case, not the lexer
  EXPECT_EQ(tokens[1].position.line, 1u);
  EXPECT_EQ(tokens[1].position.column, 8u);
  EXPECT_EQ(tokens[2].position.line, 2u);
  EXPECT_EQ(tokens[2].position.column, 3u);
  EXPECT_EQ(tokens[3].position.column, 8u);  // a tab is one column
  EXPECT_EQ(tokens[4].type, TokenType::kEnd);
  EXPECT_EQ(tokens[4].position.column, 11u);
  EXPECT_EQ(tokens[4].offset, 21u);
}

TEST(LexerTest, ColumnsCountCharactersNotBytes) {
  auto tokens = Tokenize("'é' x");
  EXPECT_EQ(tokens[0].text, "é");
  EXPECT_EQ(tokens[1].position.column, 5u);
  auto words = Tokenize("café = 1");
  EXPECT_EQ(words[0].text, "café");
  EXPECT_EQ(words[1].position.column, 6u);
}

TEST(LexerTest, Numbers) {
  auto tokens = Tokenize("42 1.5 .5 1. 1e3 2.5E-2 7e+1");
  std::vector<TokenType> types;
  for (const auto& t : tokens) types.push_back(t.type);
  EXPECT_EQ(types, (std::vector<TokenType>{TokenType::kInteger, TokenType::kDecimal, TokenType::kDecimal,
                                           TokenType::kDecimal, TokenType::kDouble, TokenType::kDouble,
                                           TokenType::kDouble, TokenType::kEnd}));
  EXPECT_EQ(tokens[5].text, "2.5E-2");
  // "1e" is not an exponent: the lexer stops at 1 and then refuses the
  // identifier that starts with a digit, as Trino does.
  EXPECT_EQ(Described("SELECT 1e"),
            "1:8: identifiers must not start with a digit; surround the identifier with double quotes");
  EXPECT_EQ(Described("SELECT 123abc"),
            "1:8: identifiers must not start with a digit; surround the identifier with double quotes");
}

TEST(LexerTest, StringsAndQuotedIdentifiers) {
  auto tokens = Tokenize(R"('it''s' "a ""b""" `c d` '')");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].type, TokenType::kString);
  EXPECT_EQ(tokens[0].text, "it's");
  EXPECT_EQ(tokens[1].type, TokenType::kQuotedIdentifier);
  EXPECT_EQ(tokens[1].text, "a \"b\"");
  EXPECT_EQ(tokens[2].type, TokenType::kQuotedIdentifier);
  EXPECT_EQ(tokens[2].text, "c d");
  EXPECT_EQ(tokens[3].type, TokenType::kString);
  EXPECT_EQ(tokens[3].text, "");
  // Backslashes are ordinary characters in SQL strings.
  EXPECT_EQ(Texts(R"('a\tb\')"), (std::vector<std::string>{"a\\tb\\"}));
  // Strings may span lines; positions continue after them.
  auto multi = Tokenize("'a\nb' x");
  EXPECT_EQ(multi[0].text, "a\nb");
  EXPECT_EQ(multi[1].position.line, 2u);
  EXPECT_EQ(multi[1].position.column, 4u);
}

TEST(LexerTest, Operators) {
  EXPECT_EQ(Texts("a||b<>c!=d<=e>=f=>g<h>i"),
            (std::vector<std::string>{"a", "||", "b", "<>", "c", "!=", "d", "<=", "e", ">=", "f", "=>", "g", "<",
                                      "h", ">", "i"}));
  EXPECT_EQ(Texts("+-*/%=(),.;[]:"),
            (std::vector<std::string>{"+", "-", "*", "/", "%", "=", "(", ")", ",", ".", ";", "[", "]", ":"}));
  // "t.5" is not a decimal: a name, then .5 (Trino lexes it the same way).
  EXPECT_EQ(Texts("x.5"), (std::vector<std::string>{"x", ".5"}));
}

TEST(LexerTest, CommentsAreSkipped) {
  auto tokens = Tokenize("-- a comment\nSELECT /* one\ntwo */ 1 -- trailing");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].position.line, 2u);
  EXPECT_EQ(tokens[1].text, "1");
  EXPECT_EQ(tokens[1].position.line, 3u);
  EXPECT_EQ(tokens[1].position.column, 8u);
  // "--" inside a string is text; "-" "-" apart are two minus signs.
  EXPECT_EQ(Texts("'--x' - -1"), (std::vector<std::string>{"--x", "-", "-", "1"}));
  EXPECT_EQ(Texts("a/**/b"), (std::vector<std::string>{"a", "b"}));
}

TEST(LexerTest, Errors) {
  EXPECT_EQ(Described("SELECT 'abc"), "1:8: unterminated string literal");
  EXPECT_EQ(Described("SELECT\n  \"abc"), "2:3: unterminated quoted identifier");
  EXPECT_EQ(Described("SELECT `abc"), "1:8: unterminated quoted identifier");
  EXPECT_EQ(Described("SELECT 1 /* never closed"), "1:10: unterminated comment");
  EXPECT_EQ(Described("SELECT \"\""), "1:8: Zero-length delimited identifier not allowed");
  EXPECT_EQ(Described("SELECT a $ b"), "1:10: unexpected character '$'");
  EXPECT_EQ(Described("SELECT ?"), "1:8: unexpected character '?'");
  EXPECT_EQ(ErrorOf("SELECT 'x").code(), ErrorCode::kSyntaxError);
}

TEST(LexerTest, EmptyInputIsJustTheEnd) {
  auto tokens = Tokenize("  -- nothing\n ");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].type, TokenType::kEnd);
  EXPECT_EQ(tokens[0].position.line, 2u);
  EXPECT_EQ(tokens[0].position.column, 2u);
}

}  // namespace
}  // namespace sluice::sql
