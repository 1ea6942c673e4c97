#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

#include "sluice/formats/csv/csv_options.h"

namespace sluice::csv {

// Turns a raw field as the tokenizer delimits it (quotes included) into its
// text: enclosing quotes removed, a doubled quote inside them made one, and an
// escape dropped before a quote, escape, delimiter, '\n' or '\r'. Text after a
// closing quote is kept ("ab"cd → abcd), as the tokenizer keeps it in the
// field. Thread-compatible.
class FieldDecoder {
 public:
  explicit FieldDecoder(const CsvOptions& options)
      : delimiter_(options.delimiter), quote_(options.quote),
        escape_(options.escape == options.quote ? '\0' : options.escape) {}

  char quote() const { return quote_; }
  char escape() const { return escape_; }

  // True when the field is quoted or may hold an escape, i.e. its raw bytes
  // are not its text.
  bool NeedsDecoding(const char* s, size_t n) const {
    return (quote_ != 0 && n != 0 && s[0] == quote_) ||
           (escape_ != 0 && std::memchr(s, escape_, n) != nullptr);
  }

  // The field's text without copying when that is possible (plain text, or a
  // quoted field with no quote or escape inside); false when Decode is needed.
  bool TryView(const char* s, size_t n, std::string_view* text) const {
    if (quote_ != 0 && n != 0 && s[0] == quote_) {
      if (n < 2 || s[n - 1] != quote_ || std::memchr(s + 1, quote_, n - 2) != nullptr ||
          (escape_ != 0 && std::memchr(s + 1, escape_, n - 2) != nullptr)) {
        return false;
      }
      *text = std::string_view(s + 1, n - 2);
      return true;
    }
    if (escape_ != 0 && std::memchr(s, escape_, n) != nullptr) return false;
    *text = std::string_view(s, n);
    return true;
  }

  // Writes the text of raw field s[0, n) to out (room for n bytes); returns its
  // length.
  size_t Decode(const char* s, size_t n, char* out) const;

 private:
  bool Escapable(char c) const {
    return c == quote_ || c == escape_ || c == delimiter_ || c == '\n' || c == '\r';
  }

  char delimiter_;
  char quote_;
  char escape_;
};

}  // namespace sluice::csv
