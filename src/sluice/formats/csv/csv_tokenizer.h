#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sluice/formats/csv/csv_options.h"

namespace sluice::csv {

namespace detail {
class RowWriter;
}  // namespace detail

// Field boundaries of a batch of rows in one block, as offsets from the
// block's start. The tokenizer writes the position of every separator
// (delimiter or row-ending newline) to one flat array, a chunk of input at a
// time without branches; a row is then the index of the separator that ends
// its field 0, its field count and its start. Field i of row r spans
// [separator i - 1 + 1 (or the row start for i = 0), separator i); for a row
// ending in "\r\n" the last separator is moved onto the '\r'.
class RowBounds {
 public:
  explicit RowBounds(size_t capacity);

  size_t capacity() const { return capacity_; }
  size_t rows() const { return rows_; }

  uint32_t RowStart(size_t row) const { return starts_[row]; }
  // Fields found in the row, however many columns the file declares.
  uint32_t FieldCount(size_t row) const { return counts_[row]; }
  // Field i < FieldCount(row).
  uint32_t FieldStart(size_t row, size_t i) const {
    return i == 0 ? starts_[row] : separators_[firsts_[row] + i - 1] + 1;
  }
  uint32_t FieldEnd(size_t row, size_t i) const { return separators_[firsts_[row] + i]; }

  // Drops the rows for which keep(row) is false, keeping the others in
  // order; their separators stay where they are. Returns the rows dropped.
  template <typename Keep>
  size_t KeepRows(Keep&& keep) {
    size_t kept = 0;
    for (size_t r = 0; r < rows_; ++r) {
      if (!keep(r)) continue;
      firsts_[kept] = firsts_[r];
      counts_[kept] = counts_[r];
      starts_[kept] = starts_[r];
      ++kept;
    }
    const size_t dropped = rows_ - kept;
    rows_ = kept;
    return dropped;
  }

  // Raw arrays for loops over many rows.
  const uint32_t* separators() const { return separators_.data(); }
  const uint32_t* firsts() const { return firsts_.data(); }
  const uint32_t* field_counts() const { return counts_.data(); }
  const uint32_t* row_starts() const { return starts_.data(); }

 private:
  friend class CsvTokenizer;
  friend class detail::RowWriter;
  size_t capacity_;
  size_t rows_ = 0;
  std::vector<uint32_t> separators_;  // grows with the fields of the batch
  std::vector<uint32_t> firsts_;
  std::vector<uint32_t> counts_;
  std::vector<uint32_t> starts_;
};

// Why Tokenize returned.
enum class TokenizeStop {
  kFull,               // `rows` holds max_rows rows
  kSplitEnd,           // the next row starts at or after stop_at
  kNeedMore,           // the data ends inside a row; call again with more
  kEndOfData,          // at_eof and every byte consumed
  kUnterminatedQuote,  // at_eof inside a quoted field that never closes
};

struct TokenizeResult {
  TokenizeStop stop;
  size_t next;  // where the next row starts (or the unfinished row, for kNeedMore/kUnterminatedQuote)
};

// Finds rows and fields. RFC 4180 when quoting is on: a quote at the start of
// a field opens a quoted section in which delimiters and newlines are text and
// a doubled quote is one quote; a quote anywhere else is plain text. Rows end
// at '\n'; a '\r' before it is dropped from the last field. Blank lines are
// skipped.
//
// The fast path classifies 64 bytes at a time with AVX2 (quotes, delimiters,
// newlines, escapes as bit masks; quoted sections by prefix XOR over the quote
// mask), stores every separator position without a branch per field, and
// cuts rows at the newline bits. When a quote is found that does not start a
// field, which the bit arithmetic cannot model, the row it is in is re-read by
// a byte-at-a-time parser with the exact semantics above. Stateless between
// calls: every call starts at a row start. Thread-compatible.
class CsvTokenizer {
 public:
  // `columns`: how many leading fields the reader needs. 0 (a count) lets
  // the tokenizer look at row ends only; FieldCount is then 1 for every row.
  CsvTokenizer(const CsvOptions& options, size_t columns);

  // Fills `rows` (replacing what it held) with up to `max_rows` (at most its
  // capacity) rows of data[0, size) that start at or after `begin` (a row
  // start) and before `stop_at`. `data` must be readable up to size + 64
  // (CsvBlock's padding). With at_eof, the data ends the input: a last line
  // without newline is a row.
  TokenizeResult Tokenize(const char* data, size_t begin, size_t size, bool at_eof, size_t stop_at,
                          RowBounds& rows, size_t max_rows) const;

  // Tests compare the SIMD path against the byte-at-a-time one.
  void ForceScalarForTesting(bool scalar) { force_scalar_ = scalar; }

 private:
  template <bool kQuoted, bool kEscaped>
  TokenizeResult TokenizeSimd(const char* data, size_t begin, size_t size, bool at_eof,
                              size_t stop_at, RowBounds& rows, size_t max_rows) const;
  TokenizeResult TokenizeScalar(const char* data, size_t begin, size_t size, bool at_eof,
                                size_t stop_at, RowBounds& rows, size_t max_rows) const;

  char delimiter_;
  char quote_;
  char escape_;
  size_t columns_;
  bool force_scalar_ = false;
};

}  // namespace sluice::csv
