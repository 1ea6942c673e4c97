#include "sluice/formats/csv/csv_tokenizer.h"

#include <algorithm>
#include <bit>

#ifdef __AVX2__
#include <immintrin.h>
#endif

namespace sluice::csv {

RowBounds::RowBounds(size_t capacity)
    : capacity_(capacity), separators_(16 * capacity + 128), firsts_(capacity), counts_(capacity),
      starts_(capacity) {}

namespace detail {

// Writes separators and rows into a RowBounds. A local of the tokenizer
// loops, so its fields live in registers.
class RowWriter {
 public:
  RowWriter(RowBounds& out, size_t max_rows)
      : out_(&out), separators_(out.separators_.data()), capacity_(out.separators_.size()),
        firsts_(out.firsts_.data()), counts_(out.counts_.data()), starts_(out.starts_.data()),
        max_rows_(std::min(max_rows, out.capacity_)) {}

  void Begin(size_t row_start) {
    row_start_ = row_start;
    row_first_ = count_;
  }
  // Room for `more` separators written at count() onwards.
  void Reserve(size_t more) {
    if (count_ + more > capacity_) Grow(count_ + more);
  }
  uint32_t* separators() { return separators_; }
  size_t count() const { return count_; }
  void Advance(size_t n) { count_ += n; }
  void Push(size_t at) {
    Reserve(1);
    separators_[count_++] = static_cast<uint32_t>(at);
  }
  // Forgets the separators of the unfinished row.
  void RestartRow() { count_ = row_first_; }

  // The separator at index `idx`, at position `nl` (a '\n' or the end of the
  // data), ends the row. Blank lines ("" or "\r") are dropped.
  void EndRow(const char* data, size_t idx, size_t nl) {
    const size_t fields = idx - row_first_ + 1;
    const size_t last_start = fields == 1 ? row_start_ : separators_[idx - 1] + size_t{1};
    const bool cr = nl > last_start && data[nl - 1] == '\r';
    if (fields != 1 || nl - cr != row_start_) {
      if (cr) separators_[idx] = static_cast<uint32_t>(nl - 1);  // "\r\n": '\r' ends the field
      firsts_[rows_] = static_cast<uint32_t>(row_first_);
      counts_[rows_] = static_cast<uint32_t>(fields);
      starts_[rows_] = static_cast<uint32_t>(row_start_);
      ++rows_;
    }
    row_start_ = nl + 1;
    row_first_ = idx + 1;
  }

  bool full() const { return rows_ == max_rows_; }
  size_t row_start() const { return row_start_; }
  TokenizeResult Done(TokenizeStop stop, size_t next) {
    out_->rows_ = rows_;
    return {stop, next};
  }

 private:
  void Grow(size_t need) {
    out_->separators_.resize(std::max(need, 2 * capacity_));
    separators_ = out_->separators_.data();
    capacity_ = out_->separators_.size();
  }

  RowBounds* out_;
  uint32_t* separators_;
  size_t capacity_;
  uint32_t* firsts_;
  uint32_t* counts_;
  uint32_t* starts_;
  size_t max_rows_;
  size_t rows_ = 0;
  size_t count_ = 0;
  size_t row_start_ = 0;
  size_t row_first_ = 0;
};

}  // namespace detail

namespace {

using detail::RowWriter;

struct ScalarRow {
  enum Status { kRow, kNeedMore, kUnterminated } status;
  size_t end;  // the row's '\n', or the end of the data
};

// Reads one row from w.row_start() byte by byte; the reference semantics.
// Pushes the row's separators, the last one being its '\n' (or the end of
// the data).
ScalarRow ScanRowScalar(const char* data, size_t size, bool at_eof, char delimiter, char quote,
                        char escape, bool record_delimiters, RowWriter& w) {
  size_t p = w.row_start();
  for (;;) {
    // At the start of a field: only here does a quote open a quoted section.
    if (quote != 0 && p < size && data[p] == quote) {
      ++p;
      for (;;) {
        if (p >= size) return {at_eof ? ScalarRow::kUnterminated : ScalarRow::kNeedMore, 0};
        const char c = data[p];
        if (c == quote) {
          // Is it a doubled quote? The next byte decides.
          if (p + 1 >= size && !at_eof) return {ScalarRow::kNeedMore, 0};
          if (p + 1 < size && data[p + 1] == quote) {
            p += 2;
            continue;
          }
          ++p;
          break;
        }
        if (escape != 0 && c == escape) {
          if (p + 1 >= size && !at_eof) return {ScalarRow::kNeedMore, 0};
          p += 2;
          continue;
        }
        ++p;
      }
    }
    // Unquoted text, or text after a closing quote, up to a separator.
    for (;;) {
      if (p >= size) {
        if (!at_eof) return {ScalarRow::kNeedMore, 0};
        w.Push(size);
        return {ScalarRow::kRow, size};
      }
      const char c = data[p];
      if (c == delimiter) {
        if (record_delimiters) w.Push(p);
        ++p;
        break;
      }
      if (c == '\n') {
        w.Push(p);
        return {ScalarRow::kRow, p};
      }
      if (escape != 0 && c == escape) {
        if (p + 1 >= size && !at_eof) return {ScalarRow::kNeedMore, 0};
        p += 2;
        continue;
      }
      ++p;
    }
  }
}

#ifdef __AVX2__

inline uint64_t Match(__m256i lo, __m256i hi, __m256i needle) {
  const uint32_t a = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, needle)));
  const uint32_t b = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, needle)));
  return a | (uint64_t{b} << 32);
}

// Bit i = parity of the set bits at positions <= i: 1 inside a quoted section
// (from its opening quote up to, not including, its closing quote).
inline uint64_t PrefixXor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Bits of the bytes made literal by an escape byte before them. `carry` is 1
// when the previous chunk ended with an escape that applies to this chunk's
// first byte, and is updated for the next chunk. Escapes are rare, so a loop
// over them is cheap.
inline uint64_t EscapedBits(uint64_t escapes, uint64_t& carry) {
  uint64_t escaped = carry;
  escapes &= ~carry;  // an escaped escape escapes nothing
  carry = 0;
  while (escapes) {
    const unsigned i = static_cast<unsigned>(std::countr_zero(escapes));
    if (i == 63) {
      carry = 1;
      break;
    }
    escaped |= uint64_t{2} << i;
    escapes &= ~(uint64_t{3} << i);
  }
  return escaped;
}

#endif  // __AVX2__

}  // namespace

CsvTokenizer::CsvTokenizer(const CsvOptions& options, size_t columns)
    : delimiter_(options.delimiter), quote_(options.quote),
      // A doubled quote already escapes a quote.
      escape_(options.escape == options.quote ? '\0' : options.escape), columns_(columns) {}

TokenizeResult CsvTokenizer::Tokenize(const char* data, size_t begin, size_t size, bool at_eof,
                                      size_t stop_at, RowBounds& rows, size_t max_rows) const {
#ifdef __AVX2__
  if (!force_scalar_) {
    if (quote_ != 0) {
      return escape_ != 0 ? TokenizeSimd<true, true>(data, begin, size, at_eof, stop_at, rows, max_rows)
                          : TokenizeSimd<true, false>(data, begin, size, at_eof, stop_at, rows, max_rows);
    }
    return escape_ != 0 ? TokenizeSimd<false, true>(data, begin, size, at_eof, stop_at, rows, max_rows)
                        : TokenizeSimd<false, false>(data, begin, size, at_eof, stop_at, rows, max_rows);
  }
#endif
  return TokenizeScalar(data, begin, size, at_eof, stop_at, rows, max_rows);
}

TokenizeResult CsvTokenizer::TokenizeScalar(const char* data, size_t begin, size_t size, bool at_eof,
                                            size_t stop_at, RowBounds& rows, size_t max_rows) const {
  RowWriter w(rows, max_rows);
  w.Begin(begin);
  if (begin >= stop_at) return w.Done(TokenizeStop::kSplitEnd, begin);
  if (w.full()) return w.Done(TokenizeStop::kFull, begin);
  while (w.row_start() < size) {
    const size_t start = w.row_start();
    const ScalarRow r = ScanRowScalar(data, size, at_eof, delimiter_, quote_, escape_, columns_ > 0, w);
    if (r.status == ScalarRow::kNeedMore) return w.Done(TokenizeStop::kNeedMore, start);
    if (r.status == ScalarRow::kUnterminated) return w.Done(TokenizeStop::kUnterminatedQuote, start);
    w.EndRow(data, w.count() - 1, r.end);
    if (r.end >= size) break;
    if (w.row_start() >= stop_at) return w.Done(TokenizeStop::kSplitEnd, w.row_start());
    if (w.full()) return w.Done(TokenizeStop::kFull, w.row_start());
  }
  if (!at_eof) return w.Done(TokenizeStop::kNeedMore, std::min(w.row_start(), size));
  return w.Done(TokenizeStop::kEndOfData, size);
}

template <bool kQuoted, bool kEscaped>
TokenizeResult CsvTokenizer::TokenizeSimd(const char* data, size_t begin, size_t size, bool at_eof,
                                          size_t stop_at, RowBounds& rows, size_t max_rows) const {
#ifdef __AVX2__
  RowWriter w(rows, max_rows);
  w.Begin(begin);
  if (begin >= stop_at) return w.Done(TokenizeStop::kSplitEnd, begin);
  if (w.full()) return w.Done(TokenizeStop::kFull, begin);

  const __m256i delimiter = _mm256_set1_epi8(delimiter_);
  const __m256i newline = _mm256_set1_epi8('\n');
  const __m256i quote = _mm256_set1_epi8(quote_);
  const __m256i escape = _mm256_set1_epi8(escape_);
  // A count needs row ends only.
  const uint64_t keep_delimiters = columns_ > 0 ? ~uint64_t{0} : 0;
  // State carried from one 64-byte chunk to the next.
  uint64_t inside_carry = 0;    // all ones when the chunk starts inside quotes
  uint64_t escape_carry = 0;    // 1 when the chunk's first byte is escaped
  uint64_t boundary_carry = 1;  // 1 when a quote at the chunk's first byte starts a field
  size_t pos = begin;
  while (pos < size) {
    const size_t avail = size - pos;
    const uint64_t valid = avail >= 64 ? ~uint64_t{0} : (uint64_t{1} << avail) - 1;
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + pos));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + pos + 32));
    uint64_t delims = Match(lo, hi, delimiter) & valid;
    uint64_t newlines = Match(lo, hi, newline) & valid;
    uint64_t escaped = 0;
    if constexpr (kEscaped) {
      const uint64_t escapes = Match(lo, hi, escape) & valid;
      if (escapes | escape_carry) {
        escaped = EscapedBits(escapes, escape_carry);
        delims &= ~escaped;
        newlines &= ~escaped;
      }
    }
    uint64_t inside = 0;
    uint64_t stray = 0;  // quotes that open a section but do not start a field
    if constexpr (kQuoted) {
      const uint64_t quotes = Match(lo, hi, quote) & valid & ~escaped;
      inside = PrefixXor(quotes) ^ inside_carry;
      inside_carry = static_cast<uint64_t>(static_cast<int64_t>(inside) >> 63);
      // An opening quote is legitimate after a separator, at the row start, or
      // right after a closing quote (a doubled quote inside a section).
      const uint64_t boundary = delims | newlines | quotes;
      stray = quotes & inside & ~((boundary << 1) | boundary_carry);
      boundary_carry = boundary >> 63;
    }
    uint64_t seps = ((delims & keep_delimiters) | newlines) & ~inside;
    // Bits from a stray quote on are wrong; the row is re-read below.
    if (stray) seps &= (stray & (0 - stray)) - 1;

    // Every separator's position, four stores a step and no branch per
    // field; stores past the last separator land in reserved slack.
    w.Reserve(64 + 4);
    uint32_t* out = w.separators() + w.count();
    const size_t n = static_cast<size_t>(std::popcount(seps));
    const uint32_t base = static_cast<uint32_t>(pos);
    uint64_t m = seps;
    for (size_t i = 0; i < n; i += 4) {
      out[i] = base + static_cast<uint32_t>(std::countr_zero(m));
      m &= m - 1;
      out[i + 1] = base + static_cast<uint32_t>(std::countr_zero(m));
      m &= m - 1;
      out[i + 2] = base + static_cast<uint32_t>(std::countr_zero(m));
      m &= m - 1;
      out[i + 3] = base + static_cast<uint32_t>(std::countr_zero(m));
      m &= m - 1;
    }
    // Rows end at the newline separators.
    for (uint64_t ends = seps & newlines; ends != 0; ends &= ends - 1) {
      const unsigned bit = static_cast<unsigned>(std::countr_zero(ends));
      const size_t idx = w.count() + static_cast<size_t>(std::popcount(seps & ((uint64_t{1} << bit) - 1)));
      w.EndRow(data, idx, pos + bit);
      if (w.row_start() >= stop_at) return w.Done(TokenizeStop::kSplitEnd, w.row_start());
      if (w.full()) return w.Done(TokenizeStop::kFull, w.row_start());
    }
    w.Advance(n);

    if (stray) {
      // A quote inside a field is text (RFC 4180); the byte parser reads the
      // row it is in, and the chunk loop resumes at the next row start.
      const size_t start = w.row_start();
      w.RestartRow();
      RowWriter scalar = w;
      const ScalarRow r =
          ScanRowScalar(data, size, at_eof, delimiter_, quote_, escape_, columns_ > 0, scalar);
      w = scalar;
      if (r.status == ScalarRow::kNeedMore) return w.Done(TokenizeStop::kNeedMore, start);
      if (r.status == ScalarRow::kUnterminated) {
        return w.Done(TokenizeStop::kUnterminatedQuote, start);
      }
      w.EndRow(data, w.count() - 1, r.end);
      if (r.end >= size) return w.Done(TokenizeStop::kEndOfData, size);
      if (w.row_start() >= stop_at) return w.Done(TokenizeStop::kSplitEnd, w.row_start());
      if (w.full()) return w.Done(TokenizeStop::kFull, w.row_start());
      pos = w.row_start();
      inside_carry = 0;
      escape_carry = 0;
      boundary_carry = 1;
      continue;
    }
    pos += 64;
  }
  const size_t start = std::min(w.row_start(), size);
  if (!at_eof) return w.Done(TokenizeStop::kNeedMore, start);
  if (inside_carry) return w.Done(TokenizeStop::kUnterminatedQuote, start);
  // A last line without newline.
  if (w.row_start() < size) {
    w.Push(size);
    w.EndRow(data, w.count() - 1, size);
  }
  return w.Done(TokenizeStop::kEndOfData, size);
#else
  return TokenizeScalar(data, begin, size, at_eof, stop_at, rows, max_rows);
#endif
}

}  // namespace sluice::csv
