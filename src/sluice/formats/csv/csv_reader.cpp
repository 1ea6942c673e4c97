#include "sluice/formats/csv/csv_reader.h"

#include <immintrin.h>

#include <charconv>
#include <cstring>

#include <fast_float/fast_float.h>

#include "sluice/common/error.h"
#include "sluice/types/date.h"

namespace sluice::csv {

namespace {

constexpr size_t kBlockSize = 8 << 20;

// Returns the first position at or after p (before size) that may hold the
// delimiter, a newline or the escape character, scanning 32 bytes per step
// with AVX2 (the build's baseline). The caller's byte loop takes it from there.
inline size_t SkipPlainBytes(const char* data, size_t p, size_t size, char delim, char escape) {
  const __m256i d = _mm256_set1_epi8(delim);
  const __m256i nl = _mm256_set1_epi8('\n');
  const __m256i esc = _mm256_set1_epi8(escape ? escape : '\n');
  while (p + 32 <= size) {
    __m256i chunk = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + p));
    __m256i hit = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(chunk, d), _mm256_cmpeq_epi8(chunk, nl)),
                                  _mm256_cmpeq_epi8(chunk, esc));
    uint32_t mask = static_cast<uint32_t>(_mm256_movemask_epi8(hit));
    if (mask) return p + static_cast<size_t>(__builtin_ctz(mask));
    p += 32;
  }
  return p;
}

}  // namespace

// A block of input bytes; shared with the vectors whose strings point into it.
struct CsvReader::Block {
  std::unique_ptr<char[]> data;
  size_t size = 0;      // valid bytes
  size_t capacity = 0;
};

CsvReader::CsvReader(std::shared_ptr<RandomAccessFile> file, CsvSplit split, CsvOptions options,
                     std::vector<LogicalType> file_columns, std::vector<size_t> projection)
    : file_(std::move(file)), split_(std::move(split)), options_(std::move(options)),
      file_columns_(std::move(file_columns)) {
  output_of_.assign(file_columns_.size(), -1);
  for (size_t i = 0; i < projection.size(); ++i) {
    SLUICE_CHECK(projection[i] < file_columns_.size(), "projection out of range");
    output_of_[projection[i]] = static_cast<int>(i);
  }
  seen_.assign(projection.size(), 0);
  Compression c = CompressionFromPath(split_.path.empty() ? file_->path() : split_.path);
  compressed_ = c != Compression::kNone;
  if (split_.end == 0 && split_.file_size == 0) split_.end = split_.file_size = file_->Size();
  // A split that starts mid-file begins one byte early, so that a row starting
  // exactly at `start` (previous byte '\n') is recognised as ours.
  uint64_t begin = compressed_ || split_.start == 0 ? 0 : split_.start - 1;
  block_offset_ = begin;
  source_ = OpenByteSource(file_, begin, compressed_ ? 0 : split_.end, c);
}

CsvReader::~CsvReader() = default;

std::string CsvReader::Where() const {
  std::string where = file_->path();
  if (split_.start == 0 || compressed_) {
    where += ":" + std::to_string(line_);
  } else {
    where += " (byte " + std::to_string(block_offset_ + pos_) + ")";
  }
  return where;
}

void CsvReader::BadValue(size_t column, std::string_view value, const std::string& why) const {
  std::string name = column < column_names_.size() ? " (" + column_names_[column] + ")" : "";
  throw SluiceError(ErrorCode::kBadData,
                    Where() + ": column " + std::to_string(column + 1) + name + ": " + why + " '" +
                        std::string(value.substr(0, 200)) + "' is not a valid " +
                        file_columns_[column].ToString() +
                        "; set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
}

// Moves the unparsed tail [keep_from, size) to a new block and appends more
// input. Returns false when the source is exhausted (nothing appended).
bool CsvReader::Refill(size_t keep_from) {
  size_t keep = block_ ? block_->size - keep_from : 0;
  auto next = std::make_shared<Block>();
  next->capacity = std::max(kBlockSize, keep * 2);
  next->data.reset(new char[next->capacity]);
  if (keep) std::memcpy(next->data.get(), block_->data.get() + keep_from, keep);
  next->size = keep;
  if (block_) block_offset_ += keep_from;
  // One read: the source decides how much is worth fetching (a whole block
  // inside the split, small steps past its end).
  size_t got = 0;
  if (!source_done_) {
    got = source_->Read(next->data.get() + next->size, next->capacity - next->size);
    if (got == 0) source_done_ = true;
    next->size += got;
  }
  block_ = std::move(next);
  pos_ = 0;
  return got > 0;
}

void CsvReader::StoreField(DataChunk& out, size_t row, size_t column, const char* data, size_t size,
                           bool needs_unescape) {
  int oc = output_of_[column];
  if (oc < 0) return;
  seen_[oc] = 1;
  Vector& v = out.column(static_cast<size_t>(oc));
  std::string_view text(data, size);
  if (options_.null_string_set && text == options_.null_string) {
    v.SetNull(row);
    return;
  }
  const LogicalType type = file_columns_[column];
  if (type.id() == TypeId::kVarchar) {
    v.SetNull(row, false);
    if (needs_unescape) {
      std::string clean;
      clean.reserve(size);
      for (size_t i = 0; i < size; ++i) {
        char c = data[i];
        if (options_.escape && c == options_.escape && i + 1 < size) {
          clean += data[++i];
        } else if (options_.quote && c == options_.quote && i + 1 < size && data[i + 1] == options_.quote) {
          clean += c;
          ++i;
        } else {
          clean += c;
        }
      }
      v.SetString(row, clean);
    } else {
      if (attached_ != block_.get()) {
        // First string of this chunk from this block: keep the block alive.
        v.AddBuffer(block_);
        for (size_t c = 0; c < out.ColumnCount(); ++c) {
          if (&out.column(c) != &v && out.column(c).type().id() == TypeId::kVarchar) {
            out.column(c).AddBuffer(block_);
          }
        }
        attached_ = block_.get();
      }
      v.data<StringRef>()[row] = StringRef(data, static_cast<uint32_t>(size));
    }
    return;
  }
  if (size == 0) {  // empty non-string field: NULL (Athena's OpenCSVSerde would fail)
    v.SetNull(row);
    return;
  }
  bool ok;
  const char* end = data + size;
  auto parse_int = [&](auto* dst) {
    const char* b = data;
    if (*b == '+' && size > 1) ++b;
    auto r = std::from_chars(b, end, *dst);
    return r.ec == std::errc() && r.ptr == end;
  };
  switch (type.id()) {
    case TypeId::kBoolean: {
      uint8_t* dst = &v.data<uint8_t>()[row];
      ok = true;
      if (size == 4 && strncasecmp(data, "true", 4) == 0) *dst = 1;
      else if (size == 5 && strncasecmp(data, "false", 5) == 0) *dst = 0;
      else ok = false;
      break;
    }
    case TypeId::kTinyint: ok = parse_int(&v.data<int8_t>()[row]); break;
    case TypeId::kSmallint: ok = parse_int(&v.data<int16_t>()[row]); break;
    case TypeId::kInteger: ok = parse_int(&v.data<int32_t>()[row]); break;
    case TypeId::kBigint: ok = parse_int(&v.data<int64_t>()[row]); break;
    case TypeId::kReal: {
      auto r = fast_float::from_chars(data + (*data == '+' && size > 1), end, v.data<float>()[row]);
      ok = r.ec == std::errc() && r.ptr == end;
      break;
    }
    case TypeId::kDouble: {
      auto r = fast_float::from_chars(data + (*data == '+' && size > 1), end, v.data<double>()[row]);
      ok = r.ec == std::errc() && r.ptr == end;
      break;
    }
    case TypeId::kDate: {
      auto d = ParseDate(text);
      ok = d.has_value();
      if (ok) v.data<int32_t>()[row] = *d;
      break;
    }
    case TypeId::kTimestamp: {
      auto t = ParseTimestamp(text);
      ok = t.has_value();
      if (ok) v.data<int64_t>()[row] = *t;
      break;
    }
    default:
      ok = false;
  }
  if (ok) {
    v.SetNull(row, false);
  } else if (options_.error_on_bad_value) {
    BadValue(column, text, "value");
  } else {
    v.SetNull(row);
  }
}

bool CsvReader::ParseRow(DataChunk* out, size_t row, bool* blank) {
  const char* data = block_->data.get();
  const size_t size = block_->size;
  const char delim = options_.delimiter;
  const char quote = options_.quote;
  const char escape = options_.escape;
  size_t p = pos_;
  size_t column = 0;
  uint64_t lines = 0;
  *blank = false;
  if (out) std::fill(seen_.begin(), seen_.end(), 0);
  for (;;) {
    size_t start = p;
    bool needs_unescape = false;
    const char* field;
    size_t field_size;
    if (quote && p < size && data[p] == quote) {
      // Quoted field: up to the closing quote; "" and escape+char are literal.
      ++p;
      size_t content = p;
      for (;;) {
        if (p >= size) {
          if (!source_done_) return false;
          pos_ = start;
          throw SluiceError(ErrorCode::kBadData,
                            Where() + ": column " + std::to_string(column + 1) +
                                ": unterminated quoted field (a quote character opens a field that "
                                "never closes); set TBLPROPERTIES ('sluice.csv.quote'='') if quotes "
                                "are plain text in this file");
        }
        char c = data[p];
        if (escape && c == escape) {
          if (p + 1 >= size && !source_done_) return false;
          needs_unescape = true;
          p += 2;
          continue;
        }
        if (c == quote) {
          if (p + 1 >= size && !source_done_) return false;
          if (p + 1 < size && data[p + 1] == quote) {
            needs_unescape = true;
            p += 2;
            continue;
          }
          break;
        }
        if (c == '\n') ++lines;
        ++p;
      }
      field = data + content;
      field_size = p - content;
      ++p;  // closing quote
      // Text after the closing quote up to the delimiter is malformed; keep it out.
      while (p < size && data[p] != delim && data[p] != '\n' && data[p] != '\r') ++p;
    } else {
      // Unquoted: up to the delimiter or the end of the line. 32 bytes at a
      // time while no byte of interest is in sight.
      p = SkipPlainBytes(data, p, size, delim, escape);
      while (p < size) {
        char c = data[p];
        if (c == delim || c == '\n') break;
        if (escape && c == escape && p + 1 < size) {
          needs_unescape = true;
          ++p;
        }
        ++p;
      }
      if (p >= size && !source_done_) return false;
      size_t end = p;
      if (end > start && data[end - 1] == '\r' && (p >= size || data[p] == '\n')) --end;
      field = data + start;
      field_size = end - start;
    }
    if (p >= size && !source_done_) return false;
    field_index_ = column;
    if (out && column < file_columns_.size()) {
      StoreField(*out, row, column, field, field_size, needs_unescape);
    }
    if (p < size && data[p] == delim) {
      ++p;
      ++column;
      continue;
    }
    // End of the row: '\n', '\r\n' or the end of the input.
    if (p < size && data[p] == '\r') ++p;
    if (p < size && data[p] == '\n') ++p;
    *blank = column == 0 && field_size == 0 && start == pos_ &&
             !(quote && start < size && data[start] == quote);
    break;
  }
  if (out && !*blank) {
    // Fewer fields than columns: the rest are NULL (Hive).
    for (size_t c = 0; c < seen_.size(); ++c) {
      if (!seen_[c]) out->column(c).SetNull(row);
    }
  }
  line_ += lines + 1;
  pos_ = p;
  return true;
}

bool CsvReader::Next(DataChunk& out) {
  out.SetSize(0);
  attached_ = nullptr;
  if (finished_) return false;
  if (!started_) {
    started_ = true;
    Refill(0);
    if (!compressed_ && split_.start > 0) {
      // Skip to the first row that starts at or after split.start.
      for (;;) {
        const char* nl = static_cast<const char*>(
            std::memchr(block_->data.get() + pos_, '\n', block_->size - pos_));
        if (nl) {
          pos_ = static_cast<size_t>(nl - block_->data.get()) + 1;
          break;
        }
        if (!Refill(block_->size)) {
          finished_ = true;
          return false;
        }
      }
    } else {
      if (block_->size >= 3 && std::memcmp(block_->data.get(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
      for (size_t i = 0; i < options_.skip_header_lines; ++i) {
        bool blank;
        while (pos_ < block_->size && !ParseRow(nullptr, 0, &blank)) {
          if (!Refill(pos_) && source_done_) continue;
        }
      }
    }
  }
  size_t rows = 0;
  while (rows < kVectorSize) {
    if (pos_ >= block_->size) {
      if (source_done_ || !Refill(pos_)) {
        finished_ = pos_ >= block_->size;
        if (finished_) break;
      }
    }
    // Rows that start at or after the split's end belong to the next split.
    if (!compressed_ && block_offset_ + pos_ >= split_.end) {
      finished_ = true;
      break;
    }
    bool blank;
    size_t row_start = pos_;
    if (!ParseRow(&out, rows, &blank)) {
      pos_ = row_start;
      if (!Refill(row_start) && !source_done_) continue;
      // The source is now exhausted or more bytes arrived: parse again.
      attached_ = nullptr;
      continue;
    }
    if (!blank) ++rows;
  }
  out.SetSize(rows);
  rows_read_ += rows;
  return rows > 0;
}

}  // namespace sluice::csv
