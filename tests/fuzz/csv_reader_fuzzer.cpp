// libFuzzer target for csv::CsvReader (built by `make fuzz`; replayed over the
// committed corpora by csv_fuzz_replay on every `make test`).
//
// Input: kConfigBytes of settings, then the file's bytes.
//   0 delimiter   1 quote   2 escape (each an index into a small table that
//                                      includes clashing choices)
//   3 bits 0-2 null string, 3-4 header lines, 5 bad values are errors,
//     6-7 max_row_bytes
//   4 bits 0-2 column count - 1, 3-4 projection
//   5-8 a nibble per column: its type (see kTypes; 0 = kInvalid, refused)
//   9 block size (0: one block for the whole file)   10 split target bytes (0: one split)
//   11 bits 0-1 file name (.csv, .gz, .zst, .txt), 2-3 output chunk capacity
//
// SluiceError is an expected outcome. A crash, sanitizer report, hang, a read
// outside the file, or a disagreement between ways of reading that must give
// the same rows (block sizes, splits of a file without quotes, the SIMD and
// the scalar tokenizer, a plain-text reference) is a bug: the target aborts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "sluice/common/error.h"
#include "sluice/formats/csv/csv_options.h"
#include "sluice/formats/csv/csv_reader.h"
#include "sluice/formats/csv/csv_split.h"
#include "sluice/formats/csv/csv_tokenizer.h"
#include "sluice/storage/file_system.h"
#include "sluice/types/logical_type.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::csv {
namespace {

constexpr size_t kConfigBytes = 12;
// Stands in for the default 8 MiB block: as big as any input (-max_len), so
// the file is one block, without mapping 8 MiB per reader.
constexpr size_t kWholeFileBlock = 1 << 16;

[[noreturn]] void Fail(const std::string& what) { fuzzing::Fail("csv_reader_fuzzer", what); }

// The input as a file.
class MemoryFile final : public fuzzing::MemoryFile {
 public:
  MemoryFile(std::string path, std::string_view bytes) : fuzzing::MemoryFile("csv_reader_fuzzer", std::move(path), bytes) {}
};

struct Config {
  CsvOptions options;
  std::vector<LogicalType> types;
  std::vector<size_t> projection;
  size_t block_size = 0;
  uint64_t split_bytes = 0;
  std::string path;
  size_t chunk_capacity = kVectorSize;
  bool default_row_limit = true;
};

Config Decode(const uint8_t* c) {
  static constexpr char kDelimiters[] = {',', '\t', '|', ';', '\x01', ' ', '"', '\\'};
  static constexpr char kQuotes[] = {'"', '"', '\'', '\0', '\0', '|', '\\', ','};
  static constexpr char kEscapes[] = {'\0', '\0', '\\', '\\', '"', '\'', ',', '|'};
  static const char* const kNullStrings[] = {nullptr, nullptr, "\\N", "", "NULL", "0", "\"\"", "a,b"};
  static constexpr size_t kRowLimits[] = {0, 16, 200, 1024};
  static constexpr size_t kCapacities[] = {kVectorSize, 1, 3, 100};
  // Every type the reader takes, and kInvalid, which it refuses.
  static const LogicalType kTypes[16] = {
      TypeId::kInvalid,           LogicalType::Boolean(),      LogicalType::Tinyint(),
      LogicalType::Smallint(),    LogicalType::Integer(),      LogicalType::Bigint(),
      LogicalType::Real(),        LogicalType::Double(),       LogicalType::Varchar(),
      LogicalType::Date(),        LogicalType::Timestamp(),    LogicalType::Decimal(10, 2),
      LogicalType::Decimal(18, 0), LogicalType::Decimal(38, 10), LogicalType::Decimal(5, 5),
      LogicalType::Varchar()};
  static const char* const kNames[] = {"fuzz.csv", "fuzz.csv.gz", "fuzz.csv.zst", "fuzz.txt"};
  Config cfg;
  CsvOptions& o = cfg.options;
  o.delimiter = kDelimiters[c[0] % 8];
  o.quote = kQuotes[c[1] % 8];
  o.escape = kEscapes[c[2] % 8];
  if (const char* null_string = kNullStrings[c[3] & 7]) {
    o.null_string = null_string;
    o.null_string_set = true;
  }
  o.skip_header_lines = (c[3] >> 3) & 3;
  o.error_on_bad_value = (c[3] >> 5) & 1;
  if (const size_t limit = kRowLimits[c[3] >> 6]) {
    o.max_row_bytes = limit;
    cfg.default_row_limit = false;
  }
  const size_t columns = 1 + (c[4] & 7);
  const uint32_t nibbles = uint32_t{c[5]} | uint32_t{c[6]} << 8 | uint32_t{c[7]} << 16 | uint32_t{c[8]} << 24;
  for (size_t i = 0; i < columns; ++i) cfg.types.push_back(kTypes[(nibbles >> (4 * i)) & 15]);
  switch ((c[4] >> 3) & 3) {
    case 0:  // every column
      for (size_t i = 0; i < columns; ++i) cfg.projection.push_back(i);
      break;
    case 1:  // reversed
      for (size_t i = columns; i-- > 0;) cfg.projection.push_back(i);
      break;
    case 2:  // none: a count
      break;
    case 3:  // the last column twice
      cfg.projection = {columns - 1, columns - 1};
      break;
  }
  cfg.block_size = c[9] == 0 ? kWholeFileBlock : c[9] % 80 + 1;
  cfg.split_bytes = c[10];
  cfg.path = kNames[c[11] & 3];
  cfg.chunk_capacity = kCapacities[(c[11] >> 2) & 3];
  static const MalformedRows kMalformed[4] = {MalformedRows::kPad, MalformedRows::kError, MalformedRows::kSkip,
                                             MalformedRows::kPad};
  o.malformed_rows = kMalformed[(c[11] >> 4) & 3];
  o.skip_footer_lines = c[11] >> 6;
  return cfg;
}

// What reading gave: rows rendered with NULL told from the text "NULL", or
// the error.
struct Outcome {
  std::vector<std::string> rows;
  std::optional<ErrorCode> error;
  std::string message;
};

std::string Describe(const Outcome& o) {
  if (o.error) return "error " + std::string(ErrorCodeName(*o.error)) + ": " + o.message;
  std::string s = std::to_string(o.rows.size()) + " rows";
  for (size_t i = 0; i < o.rows.size() && i < 5; ++i) s += "\n  [" + o.rows[i] + "]";
  return s;
}

void ReadSplit(const std::shared_ptr<RandomAccessFile>& file, const CsvSplit& split, const Config& cfg,
               size_t block_size, std::vector<std::string>& rows) {
  std::vector<LogicalType> out_types;
  for (size_t p : cfg.projection) out_types.push_back(cfg.types[p]);
  CsvReader reader(file, split, cfg.options, cfg.types, cfg.projection);
  reader.SetBlockSizeForTesting(block_size);
  DataChunk chunk(out_types, cfg.chunk_capacity);
  // A chunk without columns (a count) holds kVectorSize rows.
  const size_t capacity = out_types.empty() ? kVectorSize : cfg.chunk_capacity;
  uint64_t count = 0;
  while (reader.Next(chunk)) {
    if (chunk.size() == 0 || chunk.size() > capacity) Fail("Next gave a bad chunk size");
    count += chunk.size();
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::string row;
      for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
        if (c) row += '|';
        const Vector& v = chunk.column(c);
        row += v.IsNull(r) ? std::string("\\NULL") : v.GetValue(r).ToString();
      }
      rows.push_back(std::move(row));
    }
  }
  if (chunk.size() != 0) Fail("Next returned false with rows");
  if (reader.rows_read() != count) Fail("rows_read() disagrees with the rows returned");
  // Exhausted stays exhausted.
  if (reader.Next(chunk) || chunk.size() != 0) Fail("Next gave rows after the end");
}

Outcome Read(const std::shared_ptr<RandomAccessFile>& file, const Config& cfg, size_t block_size,
             uint64_t split_bytes) {
  Outcome out;
  try {
    for (const CsvSplit& split : PlanSplits(file->path(), file->Size(), split_bytes)) {
      ReadSplit(file, split, cfg, block_size, out.rows);
    }
  } catch (const SluiceError& e) {
    if (e.code() == ErrorCode::kInternal) Fail("internal error: " + e.message());
    out.error = e.code();
    out.message = e.message();
    out.rows.clear();
  }
  return out;
}

void ExpectSame(const Outcome& a, const Outcome& b, const std::string& what) {
  // Which bad value is reported first depends on the batches (columns are
  // parsed a batch at a time), so errors are compared by code.
  if (a.error != b.error || (!a.error && a.rows != b.rows)) {
    Fail(what + " disagree:\n" + Describe(a) + "\nvs\n" + Describe(b));
  }
}

// Rows of text read without quoting or escapes, the simple way: lines at
// '\n' with a final '\r' dropped, blank lines skipped, fields at the delimiter.
std::vector<std::string> PlainTextRows(std::string_view text, char delimiter, size_t columns) {
  std::vector<std::string> rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::string row;
    size_t from = 0;
    for (size_t c = 0; c < columns; ++c) {
      if (c) row += '|';
      if (from > line.size()) {
        row += "\\NULL";
        continue;
      }
      const size_t cut = line.find(delimiter, from);
      row += line.substr(from, cut == std::string_view::npos ? std::string_view::npos : cut - from);
      from = cut == std::string_view::npos ? line.size() + 1 : cut + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The SIMD and the byte-at-a-time tokenizer must find the same rows and fields.
void CompareTokenizers(std::string_view text, const CsvOptions& options, size_t columns) {
  std::vector<char> padded(text.size() + 64, '\0');
  if (!text.empty()) std::memcpy(padded.data(), text.data(), text.size());
  CsvTokenizer simd(options, columns);
  CsvTokenizer scalar(options, columns);
  scalar.ForceScalarForTesting(true);
  RowBounds a(kVectorSize);
  RowBounds b(kVectorSize);
  for (size_t begin = 0;;) {
    const TokenizeResult ra = simd.Tokenize(padded.data(), begin, text.size(), true, SIZE_MAX, a, 7);
    const TokenizeResult rb = scalar.Tokenize(padded.data(), begin, text.size(), true, SIZE_MAX, b, 7);
    const std::string at = " from byte " + std::to_string(begin);
    if (ra.stop != rb.stop || ra.next != rb.next) {
      Fail("tokenizers stop differently" + at + ": simd " + std::to_string(static_cast<int>(ra.stop)) +
           "@" + std::to_string(ra.next) + ", scalar " + std::to_string(static_cast<int>(rb.stop)) + "@" +
           std::to_string(rb.next));
    }
    if (a.rows() != b.rows()) Fail("tokenizers find different row counts" + at);
    for (size_t r = 0; r < a.rows(); ++r) {
      if (a.RowStart(r) != b.RowStart(r) || a.FieldCount(r) != b.FieldCount(r)) {
        Fail("tokenizers differ on row " + std::to_string(r) + at);
      }
      for (size_t f = 0; f < a.FieldCount(r); ++f) {
        if (a.FieldStart(r, f) != b.FieldStart(r, f) || a.FieldEnd(r, f) != b.FieldEnd(r, f)) {
          Fail("tokenizers differ on field " + std::to_string(f) + " of row " + std::to_string(r) + at);
        }
      }
    }
    if (ra.stop != TokenizeStop::kFull) break;
    if (ra.next <= begin) Fail("tokenizer made no progress" + at);
    begin = ra.next;
  }
}

bool Contains(std::string_view text, char c) { return c != '\0' && text.find(c) != std::string_view::npos; }

void FuzzOne(const uint8_t* data, size_t size) {
  if (size < kConfigBytes) return;
  const Config cfg = Decode(data);
  const std::string_view text(reinterpret_cast<const char*>(data) + kConfigBytes, size - kConfigBytes);
  auto file = std::make_shared<MemoryFile>(cfg.path, text);

  const Outcome first = Read(file, cfg, cfg.block_size, 0);
  const bool refused = first.error && (*first.error == ErrorCode::kInvalidFunctionArgument ||
                                       *first.error == ErrorCode::kNotSupported);
  if (refused) return;  // options or types the reader does not take
  const bool compressed = first.error == ErrorCode::kCorruptFile ||
                          CompressionFromPath(cfg.path) != Compression::kNone ||
                          CompressionFromMagic(reinterpret_cast<const unsigned char*>(text.data()),
                                               text.size()) != Compression::kNone;

  // Splits (compressed files are one split anyway); at most 16, as each
  // reader costs a batch's worth of allocations.
  if (cfg.split_bytes != 0) {
    const uint64_t split_bytes = std::max<uint64_t>(cfg.split_bytes, (text.size() + 15) / 16);
    const Outcome split = Read(file, cfg, cfg.block_size, split_bytes);
    // Without quotes and escapes no field holds a newline, so the splits must
    // give the file's rows (a small row limit depends on where reads stop).
    if (!compressed && cfg.default_row_limit && !Contains(text, cfg.options.quote) &&
        !Contains(text, cfg.options.escape)) {
      ExpectSame(first, split, "one split and splits of " + std::to_string(split_bytes) + " bytes");
    }
  }
  if (compressed) return;

  // A row limit below the default is checked only when a row straddles
  // blocks, so only the default limit gives the same outcome for any block.
  if (cfg.default_row_limit && cfg.block_size != kWholeFileBlock) {
    ExpectSame(first, Read(file, cfg, kWholeFileBlock, 0),
               "block size " + std::to_string(cfg.block_size) + " and one block");
  }

  CompareTokenizers(text, cfg.options, cfg.types.size());
  CompareTokenizers(text, cfg.options, 0);

  // Plain text, all strings: the rows are the bytes cut at '\n' and the
  // delimiter, whatever they are (NULs, invalid UTF-8).
  bool all_text = cfg.projection.size() == cfg.types.size();
  for (size_t i = 0; i < cfg.projection.size(); ++i) {
    all_text = all_text && cfg.projection[i] == i && cfg.types[i] == LogicalType::Varchar();
  }
  const bool bom = text.substr(0, 3) == "\xEF\xBB\xBF";
  if (all_text && cfg.options.quote == '\0' && cfg.options.escape == '\0' && !cfg.options.null_string_set &&
      cfg.options.skip_header_lines == 0 && cfg.options.skip_footer_lines == 0 &&
      cfg.options.malformed_rows == MalformedRows::kPad && !bom) {
    Outcome expected;
    expected.rows = PlainTextRows(text, cfg.options.delimiter, cfg.types.size());
    if (!first.error || cfg.default_row_limit) ExpectSame(expected, first, "the plain-text reference and the reader");
  }
}

}  // namespace
}  // namespace sluice::csv

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sluice::csv::FuzzOne(data, size);
  return 0;
}
