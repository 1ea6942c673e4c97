#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sluice/formats/csv/csv_field_decoder.h"
#include "sluice/formats/csv/csv_options.h"
#include "sluice/formats/csv/csv_tokenizer.h"
#include "sluice/types/logical_type.h"
#include "sluice/vector/vector.h"

namespace sluice::csv {

// Text → typed value, straight from the input bytes. The functions accept
// exactly the canonical text (no spaces); CsvColumnParser retries with spaces
// trimmed. Integers are range-checked: out of range is not a value.
bool ParseBoolean(const char* s, size_t n, uint8_t* out);  // true/false, any case
bool ParseInt8(const char* s, size_t n, int8_t* out);
bool ParseInt16(const char* s, size_t n, int16_t* out);
bool ParseInt32(const char* s, size_t n, int32_t* out);
bool ParseInt64(const char* s, size_t n, int64_t* out);
bool ParseFloat(const char* s, size_t n, float* out);     // fast_float; NaN, Infinity
bool ParseDouble(const char* s, size_t n, double* out);

// The same for text followed by at least 8 readable bytes (any field inside a
// CsvBlock, thanks to its padding): digits are converted 8 at a time.
bool ParseInt8Padded(const char* s, size_t n, int8_t* out);
bool ParseInt16Padded(const char* s, size_t n, int16_t* out);
bool ParseInt32Padded(const char* s, size_t n, int32_t* out);
bool ParseInt64Padded(const char* s, size_t n, int64_t* out);
bool ParseDoublePadded(const char* s, size_t n, double* out);

// Converts one file column of a batch of tokenized rows into a typed vector,
// a column at a time so the type dispatch happens once per batch. A missing
// field (short row), an empty field in a non-string column and a field equal
// to the null string are NULL. VARCHAR values point into the input block
// unless they must be decoded (quotes doubled, escapes), which goes to the
// vector's heap; the caller keeps the block alive. Thread-compatible.
class CsvColumnParser {
 public:
  static constexpr size_t kNoBadValue = ~size_t{0};

  CsvColumnParser(const CsvOptions& options, LogicalType type, size_t field);

  // Parses the field of rows [0, rows.rows()) of `block` into rows
  // [offset, offset + rows.rows()) of `out`. An unparsable value is NULL; with
  // error_on_bad_value parsing stops there and its row index is returned.
  // Returns kNoBadValue otherwise.
  size_t Parse(const char* block, const RowBounds& rows, Vector& out, size_t offset);

  // For error messages: the decoded text of the field in `row`, and what is
  // wrong with it ("is not a valid integer", "is out of range for tinyint").
  std::string FieldText(const char* block, const RowBounds& rows, size_t row) const;
  std::string Complaint(std::string_view text) const;

  LogicalType type() const { return type_; }
  size_t field() const { return field_; }

 private:
  enum class Outcome { kValue, kNull, kBad };

  template <typename T, bool (*kParse)(const char*, size_t, T*)>
  size_t ParseFixed(const char* block, const RowBounds& rows, Vector& out, size_t offset);
  // The column loop for any parser `parse(s, n, T*) -> bool` (a lambda, so
  // it inlines): ParseFixed's, or one carrying a decimal's precision/scale.
  template <typename T, typename ParseFn>
  size_t ParseColumn(const char* block, const RowBounds& rows, Vector& out, size_t offset, const ParseFn& parse);
  template <typename T, typename ParseFn>
  Outcome ParseSlow(const char* s, size_t n, T* value, const ParseFn& parse);
  template <typename T>
  size_t ParseDecimalColumn(const char* block, const RowBounds& rows, Vector& out, size_t offset);
  size_t ParseVarchar(const char* block, const RowBounds& rows, Vector& out, size_t offset);
  bool IsNullString(std::string_view text) const {
    return null_string_set_ && text == null_string_;
  }

  LogicalType type_;
  size_t field_;
  FieldDecoder decoder_;
  std::string null_string_;
  bool null_string_set_;
  bool error_on_bad_value_;
  std::string scratch_;  // decoded text of quoted or escaped non-string fields, padded
};

}  // namespace sluice::csv
