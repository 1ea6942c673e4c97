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
// block's start. Only the first `columns` fields of a row are kept (the
// columns the reader needs); later fields are found but not stored.
//
// Row r keeps `columns + 2` slots: slot 0 is the row's start, slot i + 1 is
// one past the separator that ends field i (so it is also where field i + 1
// starts), and the last slot takes the fields that are not kept. Field i thus
// spans [slot[i], slot[i + 1] - 1).
class RowBounds {
 public:
  explicit RowBounds(size_t columns, size_t capacity);

  size_t columns() const { return columns_; }
  size_t capacity() const { return capacity_; }
  size_t rows() const { return rows_; }
  void Clear() { rows_ = 0; }

  uint32_t RowStart(size_t row) const { return slots_[row * stride_]; }
  // Fields found in the row; may be more or fewer than columns().
  uint32_t FieldCount(size_t row) const { return field_counts_[row]; }
  // Field i < columns() of a row with FieldCount(row) > i.
  uint32_t FieldStart(size_t row, size_t i) const { return slots_[row * stride_ + i]; }
  uint32_t FieldEnd(size_t row, size_t i) const { return slots_[row * stride_ + i + 1] - 1; }

  // Raw arrays for loops over many rows (slot(row, i) = slots()[row * stride() + i]).
  const uint32_t* slots() const { return slots_.data(); }
  size_t stride() const { return stride_; }
  const uint32_t* field_counts() const { return field_counts_.data(); }

 private:
  friend class CsvTokenizer;
  friend class detail::RowWriter;
  size_t columns_;
  size_t stride_;
  size_t capacity_;
  size_t rows_ = 0;
  std::vector<uint32_t> slots_;         // (capacity + 1) × stride: room for a partial row
  std::vector<uint32_t> field_counts_;  // capacity
};

// Why Tokenize returned.
enum class TokenizeStop {
  kFull,               // `rows` reached its capacity
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
// mask) and visits only the separator bits. When a quote is found that does
// not start a field, which the bit arithmetic cannot model, the row it is in
// is re-read by a byte-at-a-time parser with the exact semantics above.
// Stateless between calls: every call starts at a row start. Thread-compatible.
class CsvTokenizer {
 public:
  CsvTokenizer(const CsvOptions& options, size_t columns);

  // Appends to `rows` (until it holds `max_rows`, at most its capacity) the
  // rows of data[0, size) that start at or after `begin` (a row start) and
  // before `stop_at`. `data` must be readable up to size + 64 (CsvBlock's
  // padding). With at_eof, the data ends the input: a last line without
  // newline is a row.
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
