#include "sluice/formats/csv/csv_sniffer.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/formats/csv/byte_source.h"
#include "sluice/formats/csv/csv_block.h"
#include "sluice/formats/csv/csv_split.h"
#include "sluice/formats/csv/csv_tokenizer.h"
#include "sluice/formats/csv/csv_value_parser.h"
#include "sluice/types/date.h"
#include "sluice/vector/vector.h"

namespace sluice::csv {

namespace {

// Rows of the sample that are looked at.
constexpr size_t kSampleRows = 4096;

// The first bytes of the file (decompressed), cut after the last complete
// line unless the file ends within the sample, with the lines to skip
// dropped. Padded for the tokenizer.
struct Sample {
  CsvBlock block{0};
  size_t begin = 0;  // first byte after the skipped lines
  bool whole_file = false;
};

Sample ReadSample(const std::shared_ptr<RandomAccessFile>& file, const SniffHints& hints) {
  std::unique_ptr<ByteSource> source = OpenDecompressingSource(file, DetectCompression(*file, file->path()));
  Sample s;
  s.block = CsvBlock(hints.sample_bytes);
  size_t size = 0;
  for (;;) {
    if (size == hints.sample_bytes) break;
    const size_t n = source->Read(s.block.data.get() + size, hints.sample_bytes - size);
    if (n == 0) {
      s.whole_file = true;
      break;
    }
    size += n;
  }
  const char* data = s.block.data.get();
  if (!s.whole_file) {
    const void* nl = memrchr(data, '\n', size);
    if (nl != nullptr) size = static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
  }
  s.block.size = size;
  s.block.ZeroPadding();
  size_t pos = size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  for (size_t i = 0; i < hints.skip_lines && pos < size; ++i) {
    const void* nl = std::memchr(data + pos, '\n', size - pos);
    pos = nl == nullptr ? size : static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
  }
  s.begin = pos;
  return s;
}

struct Dialect {
  CsvOptions options;
  RowBounds rows{kSampleRows};
  size_t fields = 0;      // the most common field count
  size_t consistent = 0;  // rows with that count
};

// Tokenizes the sample under one dialect; false when it cannot be read so.
bool TryDialect(const Sample& sample, Dialect& d) {
  CsvTokenizer tokenizer(d.options, 1);
  const TokenizeResult r = tokenizer.Tokenize(sample.block.data.get(), sample.begin, sample.block.size,
                                              /*at_eof=*/true, SIZE_MAX, d.rows, kSampleRows);
  // A quote still open where the sample was cut is fine; one left open at
  // the file's end means the dialect is wrong.
  if (r.stop == TokenizeStop::kUnterminatedQuote && sample.whole_file) return false;
  if (d.rows.rows() == 0) return false;
  std::map<size_t, size_t> counts;
  for (size_t i = 0; i < d.rows.rows(); ++i) ++counts[d.rows.FieldCount(i)];
  for (const auto& [fields, n] : counts) {
    if (n > d.consistent || (n == d.consistent && fields > d.fields)) {
      d.fields = fields;
      d.consistent = n;
    }
  }
  return true;
}

bool Better(const Dialect& a, const Dialect& b) {
  // One field per row says nothing about the delimiter.
  const size_t ca = a.fields > 1 ? a.consistent : 0;
  const size_t cb = b.fields > 1 ? b.consistent : 0;
  if (ca != cb) return ca > cb;
  return a.fields > b.fields;
}

Dialect ChooseDialect(const Sample& sample, const SniffHints& hints) {
  std::vector<char> delimiters = {',', '|', ';', '\t', '\001'};
  std::vector<char> quotes = {'"', '\'', '\0'};
  std::vector<char> escapes = {'\0', '\\'};
  if (hints.delimiter) delimiters = {*hints.delimiter};
  if (hints.quote) quotes = {*hints.quote};
  if (hints.escape) escapes = {*hints.escape};
  std::unique_ptr<Dialect> best;
  for (char delimiter : delimiters) {
    for (char quote : quotes) {
      if (quote != '\0' && quote == delimiter) continue;
      for (char escape : escapes) {
        if (escape != '\0' && (escape == delimiter || quote == '\0')) continue;
        auto d = std::make_unique<Dialect>();
        d->options.delimiter = delimiter;
        d->options.quote = quote;
        d->options.escape = escape;
        if (!TryDialect(sample, *d)) continue;
        if (!best || Better(*d, *best)) best = std::move(d);
      }
    }
  }
  if (!best) {
    throw SluiceError(ErrorCode::kBadData,
                      "cannot read any row of the sample with the delimiters, quotes and escapes tried");
  }
  return std::move(*best);
}

// The first candidate type that parses every non-empty value of the field
// in the rows; VARCHAR when none does or when every value is empty.
LogicalType InferType(const char* block, const RowBounds& rows, const CsvOptions& options, size_t field) {
  CsvOptions strict = options;
  strict.error_on_bad_value = true;
  {
    // An all-empty (or all-missing) column tells nothing: text.
    CsvColumnParser probe(strict, LogicalType::Varchar(), field);
    bool any = false;
    for (size_t r = 0; r < rows.rows() && !any; ++r) {
      any = rows.FieldCount(r) > field && !probe.FieldText(block, rows, r).empty();
    }
    if (!any) return LogicalType::Varchar();
  }
  // Timestamps parse at full precision here; the type takes the most
  // fractional digits written, at least Athena's timestamp(3).
  for (LogicalType type : {LogicalType::Boolean(), LogicalType::Bigint(), LogicalType::Double(),
                           LogicalType::Date(), LogicalType::Timestamp(LogicalType::kMaxTimestampPrecision)}) {
    CsvColumnParser parser(strict, type, field);
    Vector out(type, std::max<size_t>(rows.rows(), 1));
    if (parser.Parse(block, rows, out, 0) != CsvColumnParser::kNoBadValue) continue;
    if (type.id() != TypeId::kTimestamp) return type;
    int digits = LogicalType::kDefaultTimestampPrecision;
    for (size_t r = 0; r < rows.rows(); ++r) {
      if (rows.FieldCount(r) <= field) continue;
      const auto text = ParseTimestampText(parser.FieldText(block, rows, r), false);
      if (text) digits = std::max(digits, text->digits);
    }
    return LogicalType::Timestamp(digits);
  }
  return LogicalType::Varchar();
}

bool Parses(const char* block, const RowBounds& rows, size_t row, const CsvOptions& options, size_t field,
            LogicalType type) {
  RowBounds one = rows;
  one.KeepRows([&](size_t r) { return r == row; });
  // A timestamp's precision may differ row by row.
  return InferType(block, one, options, field).id() == type.id();
}

std::vector<std::string> ColumnNames(const char* block, const RowBounds& rows, const CsvOptions& options,
                                     size_t columns, bool header) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (size_t c = 0; c < columns; ++c) {
    std::string name;
    if (header && rows.FieldCount(0) > c) {
      name = CsvColumnParser(options, LogicalType::Varchar(), c).FieldText(block, rows, 0);
      name.erase(0, name.find_first_not_of(" \t\r"));
      name.erase(name.find_last_not_of(" \t\r") + 1);
      name = AsciiLower(name);
    }
    if (name.empty()) name = "column" + std::to_string(c);
    std::string unique = name;
    for (size_t k = 1; taken.count(unique); ++k) unique = name + "_" + std::to_string(k);
    taken.insert(unique);
    names.push_back(unique);
  }
  return names;
}

}  // namespace

SniffResult SniffCsv(const std::shared_ptr<RandomAccessFile>& file, const SniffHints& hints) {
  const Sample sample = ReadSample(file, hints);
  Dialect d = ChooseDialect(sample, hints);
  const char* block = sample.block.data.get();
  const size_t columns = d.fields;

  // Types of the rows after the first, then whether the first is a header.
  RowBounds rest = d.rows;
  rest.KeepRows([](size_t r) { return r > 0; });
  std::vector<LogicalType> rest_types;
  for (size_t c = 0; c < columns; ++c) rest_types.push_back(InferType(block, rest, d.options, c));
  bool header;
  if (hints.header) {
    header = *hints.header;
  } else if (d.rows.rows() == 1) {
    header = false;
  } else {
    header = false;
    bool all_text = true;
    for (size_t c = 0; c < columns && !header; ++c) {
      if (rest_types[c] == LogicalType::Varchar()) continue;
      all_text = false;
      header = !Parses(block, d.rows, 0, d.options, c, rest_types[c]);
    }
    if (all_text) {
      header = d.rows.FieldCount(0) == columns;
      for (size_t c = 0; c < columns && header; ++c) {
        CsvColumnParser text(d.options, LogicalType::Varchar(), c);
        const std::string first = text.FieldText(block, d.rows, 0);
        header = !first.empty();
        for (size_t r = 1; r < d.rows.rows() && header; ++r) {
          header = d.rows.FieldCount(r) <= c || text.FieldText(block, d.rows, r) != first;
        }
      }
    }
  }

  SniffResult result;
  result.options = d.options;
  result.options.skip_header_lines = hints.skip_lines + (header ? 1 : 0);
  result.header = header;
  result.names = ColumnNames(block, d.rows, d.options, columns, header);
  if (header) {
    result.types = rest_types;
  } else {
    for (size_t c = 0; c < columns; ++c) result.types.push_back(InferType(block, d.rows, d.options, c));
  }
  return result;
}

}  // namespace sluice::csv
