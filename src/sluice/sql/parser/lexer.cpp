#include "sluice/sql/parser/lexer.h"

#include <cctype>

namespace sluice::sql {

namespace {

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> Run() {
    std::vector<Token> out;
    for (;;) {
      SkipSpaceAndComments();
      Token t;
      t.position = {line_, col_};
      t.offset = pos_;
      if (pos_ >= s_.size()) {
        t.type = TokenType::kEnd;
        t.end = pos_;
        out.push_back(t);
        return out;
      }
      char c = s_[pos_];
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
        size_t start = pos_;
        while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_' ||
                                    static_cast<unsigned char>(s_[pos_]) >= 0x80)) {
          Advance();
        }
        t.type = TokenType::kIdentifier;
        t.text = std::string(s_.substr(start, pos_ - start));
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '.' && pos_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
        LexNumber(t);
      } else if (c == '\'') {
        t.type = TokenType::kString;
        t.text = LexQuoted('\'', "string literal", t.position);
      } else if (c == '"' || c == '`') {
        t.type = TokenType::kQuotedIdentifier;
        t.text = LexQuoted(c, "quoted identifier", t.position);
        if (t.text.empty()) {
          throw SluiceError(ErrorCode::kSyntaxError, "Zero-length delimited identifier not allowed", t.position);
        }
      } else {
        LexOperator(t);
      }
      t.end = pos_;
      out.push_back(std::move(t));
    }
  }

 private:
  void Advance() {
    if (s_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(s_[pos_]) & 0xC0) != 0x80) {
      ++col_;  // columns count characters, not UTF-8 continuation bytes
    }
    ++pos_;
  }

  void SkipSpaceAndComments() {
    for (;;) {
      while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) Advance();
      if (s_.substr(pos_, 2) == "--") {
        while (pos_ < s_.size() && s_[pos_] != '\n') Advance();
      } else if (s_.substr(pos_, 2) == "/*") {
        SourcePosition start{line_, col_};
        Advance();
        Advance();
        while (pos_ < s_.size() && s_.substr(pos_, 2) != "*/") Advance();
        if (pos_ >= s_.size()) throw SluiceError(ErrorCode::kSyntaxError, "unterminated comment", start);
        Advance();
        Advance();
      } else {
        return;
      }
    }
  }

  void LexNumber(Token& t) {
    size_t start = pos_;
    bool dot = false, exp = false;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        Advance();
      } else if (c == '.' && !dot && !exp) {
        dot = true;
        Advance();
      } else if ((c == 'e' || c == 'E') && !exp) {
        size_t look = pos_ + 1;
        if (look < s_.size() && (s_[look] == '+' || s_[look] == '-')) ++look;
        if (look >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[look]))) break;
        exp = true;
        while (pos_ < look) Advance();
      } else {
        break;
      }
    }
    t.text = std::string(s_.substr(start, pos_ - start));
    t.type = exp ? TokenType::kDouble : (dot ? TokenType::kDecimal : TokenType::kInteger);
    if (pos_ < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) {
      throw SluiceError(ErrorCode::kSyntaxError,
                        "identifiers must not start with a digit; surround the identifier with double "
                        "quotes",
                        t.position);
    }
  }

  std::string LexQuoted(char quote, const char* what, SourcePosition start) {
    std::string out;
    Advance();  // opening quote
    for (;;) {
      if (pos_ >= s_.size()) {
        throw SluiceError(ErrorCode::kSyntaxError, std::string("unterminated ") + what, start);
      }
      char c = s_[pos_];
      if (c == quote) {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == quote) {
          out += quote;  // doubled quote
          Advance();
          Advance();
          continue;
        }
        Advance();
        return out;
      }
      out += c;
      Advance();
    }
  }

  // Operators are one or two characters; the token's text is a slice of the
  // source (built in one go: GCC 12 warns falsely on small-string assigns).
  // ':' only appears in Hive's struct<name:type>; '=>' in named arguments;
  // '->' in lambdas.
  void LexOperator(Token& t) {
    static constexpr std::string_view kTwo[] = {"||", "<>", "!=", "<=", ">=", "=>", "->"};
    t.type = TokenType::kOperator;
    size_t length = 1;
    for (std::string_view op : kTwo) {
      if (s_.substr(pos_, 2) == op) length = 2;
    }
    if (length == 1 && std::string_view("+-*/%=<>(),.;[]:").find(s_[pos_]) == std::string_view::npos) {
      throw SluiceError(ErrorCode::kSyntaxError, std::string("unexpected character '") + s_[pos_] + "'",
                        t.position);
    }
    t.text = std::string(s_.substr(pos_, length));
    for (size_t i = 0; i < length; ++i) Advance();
  }

  std::string_view s_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  uint32_t col_ = 1;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view sql) { return Lexer(sql).Run(); }

}  // namespace sluice::sql
