#include "sluice/formats/csv/csv_reader.h"

#include <algorithm>
#include <cstring>

#include "sluice/common/error.h"

namespace sluice::csv {

namespace {

// A split that starts this close to the file's start may start inside the
// header lines, so its reader looks where they end.
constexpr uint64_t kHeaderProbeBytes = 64 << 10;
// Row starts a split that begins mid-file passes over because they look
// like the inside of a quoted field, before it takes one anyway.
constexpr size_t kMaxSkippedCandidates = 8;
// Values quoted in error messages are cut to this length.
constexpr size_t kMaxQuotedValue = 200;

size_t NeededColumns(const std::vector<size_t>& projection) {
  size_t needed = 0;
  for (size_t p : projection) needed = std::max(needed, p + 1);
  return needed;
}

std::string Printable(char c) {
  if (c == '\t') return "'\\t'";
  if (c == '\n') return "'\\n'";
  if (c == '\r') return "'\\r'";
  if (c == '\0') return "none";
  return std::string("'") + c + "'";
}

// Length of the valid UTF-8 sequence at s[0, n), 0 when there is none.
size_t Utf8Length(const unsigned char* s, size_t n) {
  const unsigned char c = s[0];
  const size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                  : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len == 0 || len > n) return 0;
  for (size_t i = 1; i < len; ++i) {
    if ((s[i] & 0xC0) != 0x80) return 0;
  }
  // Overlong forms, surrogates and code points past U+10FFFF.
  if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
      (c == 0xF4 && s[1] > 0x8F)) {
    return 0;
  }
  return len;
}

// A value as error messages quote it: cut short, and with control bytes and
// bytes that are not UTF-8 (binary junk) as \xNN, so the message stays
// printable text.
std::string ShownValue(const std::string& text) {
  const size_t n = std::min(text.size(), kMaxQuotedValue);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  for (size_t i = 0; i < n;) {
    const size_t len = Utf8Length(s + i, n - i);
    if (len == 0 || s[i] < 0x20 || s[i] == 0x7F) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += {'\\', 'x', kHex[s[i] >> 4], kHex[s[i] & 15]};
      ++i;
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  return text.size() > n ? out + "..." : out;
}

void ValidateOptions(const CsvOptions& o) {
  auto bad = [](const std::string& what) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument, "CSV options: " + what);
  };
  if (o.delimiter == '\n' || o.delimiter == '\r' || o.delimiter == '\0') {
    bad("the delimiter cannot be " + Printable(o.delimiter));
  }
  if (o.quote == '\n' || o.quote == '\r') bad("the quote cannot be " + Printable(o.quote));
  if (o.escape == '\n' || o.escape == '\r') bad("the escape cannot be " + Printable(o.escape));
  if (o.quote != '\0' && o.quote == o.delimiter) {
    bad("the quote and the delimiter are both " + Printable(o.delimiter));
  }
  if (o.escape != '\0' && o.escape == o.delimiter) {
    bad("the escape and the delimiter are both " + Printable(o.delimiter));
  }
}

}  // namespace

CsvReader::CsvReader(std::shared_ptr<RandomAccessFile> file, CsvSplit split, CsvOptions options,
                     std::vector<LogicalType> file_columns, std::vector<size_t> projection)
    : file_(std::move(file)), split_(std::move(split)), options_(std::move(options)),
      file_columns_(std::move(file_columns)), projection_(std::move(projection)),
      // Checking field counts needs every field of a row, even for count(*).
      tokenizer_(options_, options_.malformed_rows == MalformedRows::kPad
                               ? NeededColumns(projection_)
                               : std::max(NeededColumns(projection_), file_columns_.size())),
      rows_(kVectorSize) {
  ValidateOptions(options_);
  // Positions in a block are 32-bit, and a block grows to at most twice the
  // row it must hold.
  options_.max_row_bytes = std::min<size_t>(options_.max_row_bytes, size_t{1} << 30);
  parsers_.reserve(projection_.size());
  for (size_t p : projection_) {
    SLUICE_CHECK(p < file_columns_.size(), "CSV projection out of range");
    parsers_.emplace_back(options_, file_columns_[p], p);
  }
  if (split_.path.empty()) split_.path = file_->path();
  // A default split (no end, no size) means the whole file.
  const bool whole_file = split_.end == 0 && split_.file_size == 0;
  if (split_.file_size == 0) split_.file_size = file_->Size();
  if (whole_file) split_.end = split_.file_size;
}

CsvReader::~CsvReader() = default;

void CsvReader::Start() {
  started_ = true;
  compression_ = DetectCompression(*file_, split_.path);
  if (compression_ != Compression::kNone) {
    StartCompressed();
  } else {
    StartRaw();
  }
}

void CsvReader::StartCompressed() {
  // Only the split at 0 reads a compressed file: it cannot be entered midway.
  if (split_.start > 0) {
    finished_ = true;
    return;
  }
  // Lines are counted as blocks go by, since finding a line later would mean
  // decompressing again.
  input_ = std::make_unique<BlockStream>(OpenDecompressingSource(file_, compression_), 0,
                                         block_size_, /*count_lines=*/true);
  pos_ = input_->Advance(0);
  SkipFileHead();
  first_row_offset_ = input_->offset() + pos_;
}

void CsvReader::StartRaw() {
  uint64_t begin = split_.start;
  if (begin > 0 && options_.skip_header_lines > 0 && begin <= kHeaderProbeBytes) {
    begin = std::max(begin, HeaderEnd());
  }
  if (begin >= split_.end) {
    finished_ = true;
    return;
  }
  stop_at_ = split_.end;
  // A later split looks from one byte early: a '\n' right before `start`
  // means a row starts exactly there. With an escape character it reads a
  // little more before, to see whether that '\n' is escaped.
  const uint64_t seek_from = begin > 0 ? begin - 1 : 0;
  const uint64_t lookback = options_.escape != '\0' ? std::min<uint64_t>(seek_from, 64) : 0;
  const uint64_t first = seek_from - lookback;
  input_ = std::make_unique<BlockStream>(OpenRawSource(file_, first, split_.end), first, block_size_);
  input_->Advance(0);
  // The first read of a tiny test block may end before the lookback does.
  while (input_->size() <= lookback && !input_->at_eof()) input_->Advance(0);
  pos_ = lookback;
  if (begin == 0) {
    SkipFileHead();
  } else if (!SeekFirstRow()) {
    finished_ = true;
    return;
  }
  first_row_offset_ = input_->offset() + pos_;
}

void CsvReader::SkipFileHead() {
  // A first block shorter than a BOM (tiny test blocks) must not hide one.
  while (input_->size() < 3 && !input_->at_eof()) input_->Advance(0);
  if (input_->size() >= 3 && std::memcmp(input_->data(), "\xEF\xBB\xBF", 3) == 0) {
    pos_ = 3;
    // The row after the BOM belongs to this split even when the split ends
    // inside the BOM: later splits only find rows after a '\n'.
    if (options_.skip_header_lines == 0) stop_at_ = std::max<uint64_t>(stop_at_, 4);
  }
  // Header lines are physical lines, as Hive counts them.
  for (size_t skipped = 0; skipped < options_.skip_header_lines;) {
    const char* data = input_->data();
    const void* nl = std::memchr(data + pos_, '\n', input_->size() - pos_);
    if (nl != nullptr) {
      pos_ = static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
      ++skipped;
    } else if (input_->at_eof()) {
      pos_ = input_->size();
      return;
    } else {
      pos_ = input_->Advance(input_->size());
    }
  }
}

bool CsvReader::LooksInsideQuotes(size_t line) const {
  // The tail of a quoted field that began on an earlier line holds an odd
  // number of quotes (doubled ones, then the closing one) before any quote
  // that opens a field of its own, and the last of them ends the field
  // ('three",'). Plain text with quotes in it ('5" screen', 'it''s "fine"')
  // mostly fails one of the two.
  const char quote = options_.quote;
  if (quote == '\0') return false;
  const char* data = input_->data();
  const size_t size = input_->size();
  const void* nl = line < size ? std::memchr(data + line, '\n', size - line) : nullptr;
  const size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) : size;
  size_t quotes = 0;
  bool last_ends_field = false;
  for (size_t i = line; i < end; ++i) {
    if (data[i] != quote) continue;
    if (i == line || data[i - 1] == options_.delimiter) break;  // a field opens quoted
    ++quotes;
    const char next = i + 1 < end ? data[i + 1] : '\n';
    last_ends_field = next == options_.delimiter || next == '\n' || next == '\r';
  }
  return quotes % 2 == 1 && last_ends_field;
}

bool CsvReader::SeekFirstRow() {
  // As the tokenizer sees it: a quote doubles as its own escape.
  const char escape = options_.escape != options_.quote ? options_.escape : '\0';
  size_t candidates = 0;
  for (;;) {
    const char* data = input_->data();
    const size_t size = input_->size();
    while (pos_ < size) {
      const void* found = std::memchr(data + pos_, '\n', size - pos_);
      if (found == nullptr) break;
      const size_t nl = static_cast<size_t>(static_cast<const char*>(found) - data);
      pos_ = nl + 1;
      // An escaped newline (odd run of escapes before it) does not end a row;
      // a run reaching back before this block is taken as even.
      size_t run = 0;
      while (escape != '\0' && run < nl && data[nl - 1 - run] == escape) ++run;
      if (run % 2 == 0 && (++candidates > kMaxSkippedCandidates || !LooksInsideQuotes(pos_))) return true;
    }
    // No newline up to the split's end: no row starts in the split.
    if (input_->at_eof() || input_->offset() + size >= stop_at_) return false;
    pos_ = input_->Advance(size);
  }
}

uint64_t CsvReader::HeaderEnd() const {
  std::vector<char> buffer(static_cast<size_t>(std::min<uint64_t>(kHeaderProbeBytes, split_.file_size)));
  uint64_t offset = 0;
  size_t lines = 0;
  while (offset < split_.file_size) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(buffer.size(), split_.file_size - offset));
    file_->ReadAt(offset, n, buffer.data());
    for (size_t i = 0; i < n; ++i) {
      if (buffer[i] == '\n' && ++lines == options_.skip_header_lines) return offset + i + 1;
    }
    offset += n;
  }
  return split_.file_size;
}

size_t CsvReader::StopAt() const {
  if (stop_at_ == UINT64_MAX) return SIZE_MAX;
  return stop_at_ > input_->offset() ? static_cast<size_t>(stop_at_ - input_->offset()) : 0;
}

bool CsvReader::Next(DataChunk& out) {
  out.Reset();
  if (!started_) Start();
  SLUICE_CHECK(out.ColumnCount() == parsers_.size(), "CSV output chunk has the wrong column count");
  size_t capacity = kVectorSize;
  for (size_t i = 0; i < out.ColumnCount(); ++i) {
    SLUICE_CHECK(out.column(i).type() == parsers_[i].type(), "CSV output chunk has the wrong types");
    capacity = std::min(capacity, out.column(i).capacity());
  }
  const bool skip_malformed = options_.malformed_rows == MalformedRows::kSkip;
  size_t produced = 0;
  while (!finished_ && produced < capacity) {
    const size_t split_stop = StopAt();
    const size_t stop = options_.skip_footer_lines > 0 ? std::min(split_stop, FooterStop()) : split_stop;
    const TokenizeResult r = tokenizer_.Tokenize(input_->data(), pos_, input_->size(), input_->at_eof(),
                                                 stop, rows_, capacity - produced);
    if (options_.malformed_rows != MalformedRows::kPad) CheckFieldCounts();
    if (rows_.rows() > 0) {
      ParseColumns(out, produced);
      produced += rows_.rows();
    }
    switch (r.stop) {
      case TokenizeStop::kFull:
        pos_ = r.next;
        break;
      case TokenizeStop::kSplitEnd:
        if (r.next < split_stop && !input_->at_eof()) {
          // Held back as a possible footer line until more input shows
          // whether it is one.
          pos_ = input_->Advance(r.next);
          break;
        }
        pos_ = r.next;
        finished_ = true;
        next_row_offset_ = input_->at_eof() ? split_.file_size : input_->offset() + r.next;
        break;
      case TokenizeStop::kEndOfData:
        pos_ = r.next;
        finished_ = true;
        next_row_offset_ = split_.file_size;
        break;
      case TokenizeStop::kNeedMore:
        if (input_->size() - r.next >= options_.max_row_bytes) {
          if (!skip_malformed) ThrowRowTooLong(r.next);
          SkipLine(r.next);
          break;
        }
        // The unfinished row moves to the front of the next block, or more
        // input is appended behind it.
        pos_ = input_->Advance(r.next);
        break;
      case TokenizeStop::kUnterminatedQuote:
        if (!skip_malformed) ThrowUnterminatedQuote(r.next);
        SkipLine(r.next);
        break;
    }
  }
  out.SetSize(produced);
  rows_read_ += produced;
  return produced > 0;
}

void CsvReader::CheckFieldCounts() {
  const size_t expected = file_columns_.size();
  const uint32_t* counts = rows_.field_counts();
  if (options_.malformed_rows == MalformedRows::kError) {
    for (size_t r = 0; r < rows_.rows(); ++r) {
      if (counts[r] != expected) ThrowWrongFieldCount(r);
    }
    return;
  }
  rows_skipped_ += rows_.KeepRows([&](size_t r) { return counts[r] == expected; });
}

void CsvReader::SkipLine(size_t from) {
  ++rows_skipped_;
  for (;;) {
    const char* data = input_->data();
    const size_t size = input_->size();
    const void* nl = from < size ? std::memchr(data + from, '\n', size - from) : nullptr;
    if (nl != nullptr) {
      pos_ = static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
      return;
    }
    // The line is skipped to its end even past the split's end: the next
    // split starts after it.
    if (input_->at_eof()) {
      pos_ = size;
      finished_ = true;
      next_row_offset_ = split_.file_size;
      return;
    }
    // A line longer than the block: drop what was seen and read on.
    from = 0;
    input_->Advance(size);
  }
}

size_t CsvReader::FooterStop() const {
  // Rows are held back while fewer than skip_footer_lines physical lines
  // follow them in the data seen so far: only then can they not be footer.
  const char* data = input_->data();
  size_t end = input_->size();
  size_t lines = 0;
  // The text after the last '\n' is a line of its own (possibly unfinished).
  if (end > pos_ && data[end - 1] != '\n') {
    const void* nl = memrchr(data + pos_, '\n', end - pos_);
    end = nl == nullptr ? pos_ : static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
    if (++lines == options_.skip_footer_lines) return end;
  }
  while (end > pos_) {
    // data[end - 1] is the '\n' that ends the line before `end`.
    const void* nl = end - 1 > pos_ ? memrchr(data + pos_, '\n', end - 1 - pos_) : nullptr;
    end = nl == nullptr ? pos_ : static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
    if (++lines == options_.skip_footer_lines) return end;
  }
  return pos_;
}

void CsvReader::ParseColumns(DataChunk& out, size_t offset) {
  const char* data = input_->data();
  for (size_t i = 0; i < parsers_.size(); ++i) {
    Vector& v = out.column(i);
    const size_t bad = parsers_[i].Parse(data, rows_, v, offset);
    if (bad != CsvColumnParser::kNoBadValue) ThrowBadValue(i, bad);
    // Strings point into the block: the vector keeps it alive.
    if (v.type().id() == TypeId::kVarchar) v.AddBuffer(input_->block());
  }
}

std::string CsvReader::Where(size_t pos) const {
  const uint64_t offset = input_->offset() + pos;
  if (compression_ != Compression::kNone) {
    return split_.path + ":" +
           std::to_string(input_->lines_before() + CountNewlines(input_->data(), pos) + 1);
  }
  if (split_.start == 0) {
    // Errors are rare: count the lines before the row by reading the file
    // again rather than counting on every block.
    uint64_t lines = 0;
    std::vector<char> buffer(static_cast<size_t>(std::min<uint64_t>(offset, 1 << 20)));
    for (uint64_t at = 0; at < offset;) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(buffer.size(), offset - at));
      file_->ReadAt(at, n, buffer.data());
      lines += CountNewlines(buffer.data(), n);
      at += n;
    }
    return split_.path + ":" + std::to_string(lines + 1);
  }
  return split_.path + " (row at byte " + std::to_string(offset) + ")";
}

void CsvReader::ThrowBadValue(size_t output_column, size_t row) const {
  const CsvColumnParser& parser = parsers_[output_column];
  const size_t column = parser.field();
  std::string text = parser.FieldText(input_->data(), rows_, row);
  std::string shown = ShownValue(text);
  std::string name = column < column_names_.size() ? " (" + column_names_[column] + ")" : "";
  throw SluiceError(ErrorCode::kBadData,
                    Where(rows_.RowStart(row)) + ": column " + std::to_string(column + 1) + name +
                        ": value '" + shown + "' " + parser.Complaint(text) +
                        "; set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
}

void CsvReader::ThrowWrongFieldCount(size_t row) const {
  const size_t found = rows_.FieldCount(row);
  const size_t expected = file_columns_.size();
  throw SluiceError(ErrorCode::kBadData,
                    Where(rows_.RowStart(row)) + ": row has " + std::to_string(found) +
                        (found == 1 ? " field" : " fields") + ", expected " + std::to_string(expected) +
                        " (the table's columns); set TBLPROPERTIES ('sluice.csv.malformed_rows'='skip') "
                        "to skip such rows or 'null' to read missing fields as NULL");
}

void CsvReader::ThrowUnterminatedQuote(size_t pos) const {
  throw SluiceError(ErrorCode::kBadData,
                    Where(pos) + ": a quoted field in this row never closes (the file ends inside it); "
                                 "set TBLPROPERTIES ('sluice.csv.quote'='') if quotes are plain text "
                                 "in this file, or ('sluice.csv.malformed_rows'='skip') to skip the line");
}

void CsvReader::ThrowRowTooLong(size_t pos) const {
  throw SluiceError(ErrorCode::kBadData,
                    Where(pos) + ": a row is longer than " +
                        std::to_string(options_.max_row_bytes >> 20) +
                        " MiB; most likely a quote opens a field and never closes. "
                        "Set TBLPROPERTIES ('sluice.csv.quote'='') if quotes are plain text in this "
                        "file, or ('sluice.csv.malformed_rows'='skip') to skip the line");
}

}  // namespace sluice::csv
