#pragma once

#include <cstddef>
#include <string>

namespace sluice::csv {

// How a delimited text file is read (from the table's SerDe and properties).
// What to do with a row whose field count differs from the declared columns,
// and with a row that cannot be tokenized (a quote that never closes, a row
// longer than max_row_bytes).
enum class MalformedRows {
  kPad,    // Hive: missing fields are NULL, extra fields are ignored; an
           // untokenizable row is an error
  kError,  // HIVE_BAD_DATA naming file, line and the field counts
  kSkip,   // dropped and counted (QueryStatistics::rows_skipped); reading
           // resumes at the next physical line
};

struct CsvOptions {
  char delimiter = ',';
  char quote = '"';   // '\0' = no quoting (Hive LazySimpleSerDe)
  // '\0' = none. Otherwise the escape character makes the next character
  // literal: a delimiter, newline or quote after it does not end a field or a
  // quoted section. When decoding a value the escape is dropped before a quote,
  // escape, delimiter, '\n' or '\r' and kept before anything else (so that
  // "C:\Users" survives a table declared with escapeChar '\').
  // Inside quotes a doubled quote always stands for one quote.
  char escape = '\0';
  // A field equal to this is NULL (Hive's serialization.null.format). When not
  // set explicitly, an empty field is NULL in non-string columns and '' in
  // string columns; once set it applies to every column (e.g. '\N').
  std::string null_string;
  bool null_string_set = false;
  size_t skip_header_lines = 0;     // physical lines, at the start of each file
  size_t skip_footer_lines = 0;     // physical lines, at the end of each file
  bool error_on_bad_value = false;  // false: unparsable value → NULL (Hive)
  MalformedRows malformed_rows = MalformedRows::kPad;
  // A row longer than this is an error rather than unbounded memory; it is
  // almost always a quote that never closes.
  size_t max_row_bytes = size_t{128} << 20;
};

}  // namespace sluice::csv
