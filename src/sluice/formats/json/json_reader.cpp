#include "sluice/formats/json/json_reader.h"

#include <algorithm>
#include <cstring>

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/formats/csv/byte_source.h"

namespace sluice::json {

namespace {

// Values and lines quoted in error messages are cut to this length.
constexpr size_t kMaxQuoted = 200;

std::vector<LogicalType> ProjectedTypes(const std::vector<LogicalType>& columns,
                                        const std::vector<size_t>& projection) {
  std::vector<LogicalType> out;
  for (size_t p : projection) {
    SLUICE_CHECK(p < columns.size(), "JSON projection out of range");
    out.push_back(columns[p]);
  }
  return out;
}

// The JSON key each projected column reads: its name, or mapping.<name>.
std::vector<std::string> ProjectedKeys(const JsonOptions& options, const std::vector<std::string>& names,
                                       const std::vector<size_t>& projection) {
  std::vector<std::string> out;
  for (size_t p : projection) {
    SLUICE_CHECK(p < names.size(), "JSON reader needs the name of every column");
    auto it = options.key_mapping.find(AsciiLower(names[p]));
    out.push_back(it == options.key_mapping.end() ? names[p] : it->second);
  }
  return out;
}

bool IsBlank(const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  }
  return true;
}

std::string Shorten(std::string_view s) {
  return s.size() > kMaxQuoted ? std::string(s.substr(0, kMaxQuoted)) + "..." : std::string(s);
}

}  // namespace

JsonReader::JsonReader(std::shared_ptr<RandomAccessFile> file, csv::CsvSplit split, JsonOptions options,
                       std::vector<LogicalType> file_columns, std::vector<std::string> column_names,
                       std::vector<size_t> projection)
    : file_(std::move(file)), split_(std::move(split)), options_(std::move(options)),
      file_columns_(std::move(file_columns)), column_names_(std::move(column_names)),
      projection_(std::move(projection)),
      decoder_(options_, ProjectedTypes(file_columns_, projection_),
               ProjectedKeys(options_, column_names_, projection_)) {
  // Positions in a block are 32-bit, and a block grows to at most twice the
  // line it must hold.
  options_.max_row_bytes = std::min<size_t>(options_.max_row_bytes, size_t{1} << 30);
  for (size_t p : projection_) has_varchar_ |= file_columns_[p].id() == TypeId::kVarchar;
  if (split_.path.empty()) split_.path = file_->path();
  // A default split (no end, no size) means the whole file.
  const bool whole_file = split_.end == 0 && split_.file_size == 0;
  if (split_.file_size == 0) split_.file_size = file_->Size();
  if (whole_file) split_.end = split_.file_size;
}

JsonReader::~JsonReader() = default;

void JsonReader::Start() {
  started_ = true;
  compression_ = csv::DetectCompression(*file_, split_.path);
  if (compression_ != csv::Compression::kNone) {
    StartCompressed();
  } else {
    StartRaw();
  }
  if (finished_ || pos_ != 0 || input_->offset() != 0) return;
  // A first block shorter than a BOM (tiny test blocks) must not hide one.
  while (input_->size() < 3 && !input_->at_eof()) input_->Advance(0);
  if (input_->size() >= 3 && std::memcmp(input_->data(), "\xEF\xBB\xBF", 3) == 0) {
    pos_ = 3;
    // The line after the BOM belongs to this split even when the split ends
    // inside the BOM: later splits only find lines after a '\n'.
    if (stop_at_ != UINT64_MAX) stop_at_ = std::max<uint64_t>(stop_at_, 4);
  }
}

void JsonReader::StartCompressed() {
  // Only the split at 0 reads a compressed file: it cannot be entered midway.
  if (split_.start > 0) {
    finished_ = true;
    return;
  }
  // Lines are counted as blocks go by, since finding a line later would mean
  // decompressing again.
  input_ = std::make_unique<csv::BlockStream>(csv::OpenDecompressingSource(file_, compression_), 0,
                                              block_size_, /*count_lines=*/true);
  pos_ = input_->Advance(0);
}

void JsonReader::StartRaw() {
  if (split_.start >= split_.end) {
    finished_ = true;
    return;
  }
  stop_at_ = split_.end;
  // A later split looks from one byte early: a '\n' right before `start`
  // means a line starts exactly there.
  const uint64_t first = split_.start > 0 ? split_.start - 1 : 0;
  input_ = std::make_unique<csv::BlockStream>(csv::OpenRawSource(file_, first, split_.end), first,
                                              block_size_);
  pos_ = input_->Advance(0);
  if (split_.start > 0 && !SeekFirstLine()) finished_ = true;
}

bool JsonReader::SeekFirstLine() {
  for (;;) {
    const char* data = input_->data();
    const size_t size = input_->size();
    const void* found = pos_ < size ? std::memchr(data + pos_, '\n', size - pos_) : nullptr;
    if (found != nullptr) {
      pos_ = static_cast<size_t>(static_cast<const char*>(found) - data) + 1;
      return input_->offset() + pos_ < stop_at_;
    }
    // No newline up to the split's end: no line starts in the split.
    if (input_->at_eof() || input_->offset() + size >= stop_at_) return false;
    pos_ = input_->Advance(size);
  }
}

void JsonReader::HoldBlock(DataChunk& out) {
  if (block_held_ || !has_varchar_) return;
  block_held_ = true;
  for (size_t i = 0; i < out.ColumnCount(); ++i) {
    if (out.column(i).type().id() == TypeId::kVarchar) out.column(i).AddBuffer(input_->block());
  }
}

bool JsonReader::Next(DataChunk& out) {
  out.Reset();
  if (!started_) Start();
  SLUICE_CHECK(out.ColumnCount() == projection_.size(), "JSON output chunk has the wrong column count");
  size_t capacity = kVectorSize;
  for (size_t i = 0; i < out.ColumnCount(); ++i) {
    SLUICE_CHECK(out.column(i).type() == file_columns_[projection_[i]], "JSON output chunk has the wrong types");
    capacity = std::min(capacity, out.column(i).capacity());
  }
  block_held_ = false;
  size_t produced = 0;
  while (!finished_ && produced < capacity) {
    const char* data = input_->data();
    const size_t size = input_->size();
    // A line that starts at or after the split's end belongs to the next one.
    if (input_->offset() + pos_ >= stop_at_) {
      finished_ = true;
      break;
    }
    const void* found = pos_ < size ? std::memchr(data + pos_, '\n', size - pos_) : nullptr;
    size_t end;
    size_t next;
    if (found != nullptr) {
      end = static_cast<size_t>(static_cast<const char*>(found) - data);
      next = end + 1;
    } else if (input_->at_eof()) {
      // The last line, without a newline (or nothing at all).
      if (pos_ >= size) {
        finished_ = true;
        break;
      }
      end = size;
      next = size;
    } else {
      if (size - pos_ >= options_.max_row_bytes) ThrowLineTooLong(pos_);
      // The unfinished line moves to the front of the next block, or more
      // input is appended behind it. Rows read so far may point into the
      // block, so it is held before it is replaced.
      HoldBlock(out);
      pos_ = input_->Advance(pos_);
      if (input_->data() != data) block_held_ = false;
      continue;
    }
    if (end - pos_ > options_.max_row_bytes) ThrowLineTooLong(pos_);
    if (ReadLine(pos_, end, out, produced)) {
      HoldBlock(out);
      ++produced;
    }
    pos_ = next;
  }
  out.SetSize(produced);
  rows_read_ += produced;
  return produced > 0;
}

bool JsonReader::ReadLine(size_t begin, size_t end, DataChunk& out, size_t row) {
  const char* line = input_->data() + begin;
  size_t n = end - begin;
  if (n > 0 && line[n - 1] == '\r') --n;
  if (IsBlank(line, n)) return false;
  DecodeProblem problem;
  if (decoder_.Decode(line, n, out, row, &problem)) return true;
  if (problem.kind == DecodeProblem::Kind::kMalformed) {
    if (!options_.ignore_malformed) ThrowMalformed(begin, problem.what);
    // Athena's openx SerDe: the line still counts, as a row of NULLs.
    for (size_t i = 0; i < out.ColumnCount(); ++i) out.column(i).SetNull(row);
    return true;
  }
  ThrowBadValue(begin, problem);
}

std::string JsonReader::Where(size_t pos) const {
  const uint64_t offset = input_->offset() + pos;
  if (compression_ != csv::Compression::kNone) {
    return split_.path + ":" +
           std::to_string(input_->lines_before() + csv::CountNewlines(input_->data(), pos) + 1);
  }
  // Errors are rare: count the lines before the row by reading the file
  // again rather than counting on every block.
  uint64_t lines = 0;
  std::vector<char> buffer(static_cast<size_t>(std::min<uint64_t>(offset, 1 << 20)));
  for (uint64_t at = 0; at < offset;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(buffer.size(), offset - at));
    file_->ReadAt(at, n, buffer.data());
    lines += csv::CountNewlines(buffer.data(), n);
    at += n;
  }
  return split_.path + ":" + std::to_string(lines + 1);
}

void JsonReader::ThrowMalformed(size_t pos, const std::string& what) const {
  const char* data = input_->data();
  const void* nl = std::memchr(data + pos, '\n', input_->size() - pos);
  size_t end = nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - data) : input_->size();
  if (end > pos && data[end - 1] == '\r') --end;
  throw SluiceError(ErrorCode::kBadData,
                    Where(pos) + ": the line " + what + ": '" +
                        Shorten(std::string_view(data + pos, end - pos)) +
                        "'; set SERDEPROPERTIES ('ignore.malformed.json'='true') to read such lines "
                        "as rows of NULLs");
}

void JsonReader::ThrowBadValue(size_t pos, const DecodeProblem& problem) const {
  const size_t column = projection_[problem.column];
  const LogicalType type = file_columns_[column];
  throw SluiceError(ErrorCode::kBadData,
                    Where(pos) + ": column " + std::to_string(column + 1) + " (" + column_names_[column] +
                        "): value '" + Shorten(problem.value) + "' is not a valid " + type.ToString() +
                        "; set TBLPROPERTIES ('sluice.json.bad_value'='null') to read it as NULL");
}

void JsonReader::ThrowLineTooLong(size_t pos) const {
  throw SluiceError(ErrorCode::kBadData,
                    Where(pos) + ": a line is longer than " + std::to_string(options_.max_row_bytes >> 20) +
                        " MiB; JSON Lines needs one object per line");
}

}  // namespace sluice::json
