#include "sluice/formats/csv/csv_field_decoder.h"

namespace sluice::csv {

size_t FieldDecoder::Decode(const char* s, size_t n, char* out) const {
  size_t o = 0;
  size_t p = 0;
  bool in_quotes = false;
  if (quote_ != 0 && n != 0 && s[0] == quote_) {
    in_quotes = true;
    p = 1;
  }
  while (p < n) {
    const char c = s[p];
    if (escape_ != 0 && c == escape_ && p + 1 < n) {
      const char next = s[p + 1];
      if (!Escapable(next)) out[o++] = c;
      out[o++] = next;
      p += 2;
      continue;
    }
    if (in_quotes && c == quote_) {
      if (p + 1 < n && s[p + 1] == quote_) {
        out[o++] = c;
        p += 2;
      } else {
        in_quotes = false;  // the closing quote
        ++p;
      }
      continue;
    }
    out[o++] = c;
    ++p;
  }
  return o;
}

}  // namespace sluice::csv
