// CsvReader on bad input: every file of tests/data/csv/bad/ (described in its
// README.md) gives its documented rows or its documented error, whatever the
// block size and splits.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "csv_test_util.h"
#include "sluice/common/error.h"

namespace sluice::csv {
namespace {

using Rows = std::vector<std::string>;

const std::string kQuoteHint =
    "set TBLPROPERTIES ('sluice.csv.quote'='') if quotes are plain text in this file";

// Block sizes that put block boundaries everywhere in the small files.
constexpr size_t kTinyBlocks[] = {1, 2, 3, 7, 64, 65};

std::filesystem::path CorpusDir() {
  const char* source = std::getenv("SLUICE_SOURCE_DIR");
  // CTest sets it; a bare run of csv_tests needs it exported.
  if (source == nullptr) ADD_FAILURE() << "SLUICE_SOURCE_DIR is not set";
  return std::filesystem::path(source ? source : ".") / "tests" / "data" / "csv" / "bad";
}

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Messages end with the settings that would read the file; others may be
// offered after the documented one.
std::string Head(const std::string& message, const std::string& expected) {
  return message.substr(0, expected.size());
}

class CsvBadInputTest : public CsvTest {
 protected:
  std::string Corpus(const std::string& name) const { return (CorpusDir() / name).string(); }

  // Read() with the default block, every tiny block size and tiny splits
  // must agree (files without multi-line quoted fields read the same
  // whatever the splits).
  Rows ReadEveryWay(const std::string& path, const std::vector<LogicalType>& types, ReadSpec spec = {},
                    bool splits = true) {
    const Rows rows = Read(path, types, spec);
    for (size_t block : kTinyBlocks) {
      spec.block_size = block;
      EXPECT_EQ(Read(path, types, spec), rows) << path << ", block size " << block;
    }
    // At most about 64 splits: each reader takes a block of 8 MiB.
    const uint64_t min_split = std::filesystem::file_size(path) / 64;
    for (uint64_t split : {1, 2, 5, 16}) {
      if (!splits) break;
      spec.split_bytes = std::max(split, min_split);
      // Splits with tiny blocks: a split's first block is shorter than the
      // bytes it looks back at before its start.
      for (size_t block : {size_t{0}, size_t{1}, size_t{7}}) {
        spec.block_size = block;
        EXPECT_EQ(Read(path, types, spec), rows)
            << path << ", split size " << spec.split_bytes << ", block " << block << ", quote "
            << static_cast<int>(spec.options.quote);
      }
    }
    return rows;
  }

  // ReadError() with the default and every tiny block size: the same error.
  std::string ReadErrorEveryWay(const std::string& path, const std::vector<LogicalType>& types,
                                ReadSpec spec = {}, ErrorCode expected = ErrorCode::kBadData) {
    const std::string message = ReadError(path, types, spec, expected);
    for (size_t block : kTinyBlocks) {
      spec.block_size = block;
      EXPECT_EQ(ReadError(path, types, spec, expected), message) << path << ", block size " << block;
    }
    return message;
  }
};

TEST_F(CsvBadInputTest, EveryCorpusFileIsDocumentedAndTested) {
  const std::set<std::string> tested = {
      "ragged-short.csv",   "ragged-long.csv",  "unterminated-quote-eof.csv", "unterminated-quote-long.csv",
      "invalid-utf8.csv",   "binary-junk.bin",  "truncated.csv.gz",           "header-only.csv",
      "empty.csv",          "bom-only.csv",     "mixed-line-endings.csv",     "no-final-newline.csv",
      "quote-mid-field.csv"};
  std::set<std::string> present;
  for (const auto& entry : std::filesystem::directory_iterator(CorpusDir())) {
    if (entry.path().filename() != "README.md") present.insert(entry.path().filename().string());
  }
  EXPECT_EQ(present, tested);
  const std::string readme = Slurp(CorpusDir() / "README.md");
  for (const std::string& name : tested) {
    EXPECT_NE(readme.find("`" + name + "`"), std::string::npos) << name << " is not in README.md";
  }
}

TEST_F(CsvBadInputTest, MissingFieldsAreNull) {
  const std::string path = Corpus("ragged-short.csv");
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText, kText}), (Rows{"1|a|x", "2|b|NULL", "3|NULL|NULL", "4|d|y"}));
  EXPECT_EQ(ReadEveryWay(path, {kInt, kInt, kDate}),
            (Rows{"1|NULL|NULL", "2|NULL|NULL", "3|NULL|NULL", "4|NULL|NULL"}));
  // Hive text: no quotes, '\' escapes, \N for NULL.
  ReadSpec hive;
  hive.options.quote = '\0';
  hive.options.escape = '\\';
  hive.options.null_string = "\\N";
  hive.options.null_string_set = true;
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText, kText}, hive),
            (Rows{"1|a|x", "2|b|NULL", "3|NULL|NULL", "4|d|y"}));
}

TEST_F(CsvBadInputTest, ExtraFieldsAreIgnored) {
  const std::string path = Corpus("ragged-long.csv");
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}), (Rows{"1|a", "2|b", "3|c", "4|d"}));
  // A trailing delimiter makes an empty last field: '' in a string column.
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText, kText}), (Rows{"1|a|NULL", "2|b|extra", "3|c|", "4|d|NULL"}));
}

TEST_F(CsvBadInputTest, UnterminatedQuoteAtTheEndOfTheFile) {
  const std::string path = Corpus("unterminated-quote-eof.csv");
  const std::string error =
      path + ":3: a quoted field in this row never closes (the file ends inside it); " + kQuoteHint;
  EXPECT_EQ(Head(ReadErrorEveryWay(path, {kInt, kText}), error), error);
  // The hint works: without quoting the file reads.
  ReadSpec spec;
  spec.options.quote = '\0';
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}, spec), (Rows{"1|ok", "2|\"closed\"", "3|\"never closed"}));
}

TEST_F(CsvBadInputTest, UnterminatedQuoteFollowedByManyLines) {
  const std::string path = Corpus("unterminated-quote-long.csv");
  const std::string error =
      path + ":2: a quoted field in this row never closes (the file ends inside it); " + kQuoteHint;
  EXPECT_EQ(Head(ReadErrorEveryWay(path, {kInt, kText}), error), error);
  // The first split reads the open row to the file's end, so it reports the
  // error before the later splits (which see rows inside the field) are read.
  ReadSpec spec;
  spec.split_bytes = 4096;
  EXPECT_EQ(Head(ReadError(path, {kInt, kText}, spec), error), error);
  spec = {};
  spec.options.quote = '\0';
  const Rows rows = Read(path, {kInt, kText}, spec);
  ASSERT_EQ(rows.size(), 502u);
  EXPECT_EQ(rows[1], "2|\"opens here and never closes");
  EXPECT_EQ(rows[501], "502|line 502 of the runaway field");
}

TEST_F(CsvBadInputTest, InvalidUtf8BytesPassThroughUnchanged) {
  const std::string path = Corpus("invalid-utf8.csv");
  const Rows expected = {"1|\xff\xfe",           "2|caf\xc3",           "3|\xc0\xaf overlong, quoted",
                         "4|\xed\xa0\x80 surrogate", "5|\xe2\x82 truncated", "6|ok \xc3\xa9"};
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}), expected);
  // Not numbers either: NULL, or an error naming the value's line.
  EXPECT_EQ(ReadEveryWay(path, {kInt, kInt}),
            (Rows{"1|NULL", "2|NULL", "3|NULL", "4|NULL", "5|NULL", "6|NULL"}));
  ReadSpec spec;
  spec.options.error_on_bad_value = true;
  EXPECT_EQ(ReadErrorEveryWay(path, {kInt, kDouble}, spec),
            path + ":1: column 2: value '\\xFF\\xFE' is not a valid double; "
                   "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
}

// The rows of a file read without quoting or escapes, the simple way: lines
// at '\n' without a final '\r', blank lines dropped, fields at the delimiter.
Rows SplitPlainText(const std::string& text, size_t columns) {
  Rows rows;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    size_t from = 0;
    for (;;) {
      const size_t comma = line.find(',', from);
      fields.push_back(line.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    std::string row;
    for (size_t c = 0; c < columns; ++c) {
      if (c) row += "|";
      row += c < fields.size() ? fields[c] : "NULL";
    }
    rows.push_back(row);
  }
  return rows;
}

TEST_F(CsvBadInputTest, BinaryJunkReadsAsBytes) {
  const std::string path = Corpus("binary-junk.bin");
  const std::string bytes = Slurp(path);
  ASSERT_NE(bytes.find(std::string(16, '\0')), std::string::npos);
  ReadSpec spec;
  spec.options.quote = '\0';
  const Rows rows = ReadEveryWay(path, {kText, kText, kText}, spec);
  EXPECT_EQ(rows, SplitPlainText(bytes, 3));
  EXPECT_EQ(rows.size(), 9u);
  // As numbers: as many rows, and a value that is no number is NULL.
  EXPECT_EQ(ReadEveryWay(path, {kInt, kDouble, kTimestamp}, spec).size(), rows.size());
  // Its quotes are all inside fields, so with quoting they are text too.
  EXPECT_EQ(ReadEveryWay(path, {kText, kText, kText}), rows);
  // A value that is no number is quoted in the error with its control and
  // non-UTF-8 bytes as \xNN.
  spec.options.error_on_bad_value = true;
  const std::string message = ReadError(path, {kText, kInt}, spec);
  EXPECT_EQ(Head(message, path + ":2: column 2: value '"), path + ":2: column 2: value '") << message;
  for (char c : message) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << message;
}

TEST_F(CsvBadInputTest, TruncatedGzipIsACorruptFile) {
  const std::string path = Corpus("truncated.csv.gz");
  EXPECT_EQ(ReadErrorEveryWay(path, {kInt, kText}, {}, ErrorCode::kCorruptFile),
            path + ": truncated gzip stream");
  // Found by its magic bytes under any name, and cut anywhere.
  const std::string bytes = Slurp(path);
  const std::string renamed = Write("truncated.csv", bytes);
  EXPECT_EQ(ReadError(renamed, {kInt, kText}, {}, ErrorCode::kCorruptFile),
            renamed + ": truncated gzip stream");
  for (size_t cut : {2, 5, 10, 11, 100}) {
    const std::string short_path = Write("cut" + std::to_string(cut) + ".gz", bytes.substr(0, cut));
    EXPECT_EQ(ReadError(short_path, {kInt, kText}, {}, ErrorCode::kCorruptFile),
              short_path + ": truncated gzip stream");
  }
}

TEST_F(CsvBadInputTest, HeaderOnlyFileHasNoRows) {
  const std::string path = Corpus("header-only.csv");
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}, spec), Rows{});
  spec.options.skip_header_lines = 5;
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}, spec), Rows{});
  // Without skip.header.line.count the header is a row.
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}), (Rows{"NULL|name"}));
}

TEST_F(CsvBadInputTest, EmptyFileHasNoRows) {
  const std::string path = Corpus("empty.csv");
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}), Rows{});
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}, spec), Rows{});
}

TEST_F(CsvBadInputTest, BomOnlyFileHasNoRows) {
  const std::string path = Corpus("bom-only.csv");
  EXPECT_EQ(ReadEveryWay(path, {kText}), Rows{});
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  EXPECT_EQ(ReadEveryWay(path, {kText}, spec), Rows{});
}

TEST_F(CsvBadInputTest, RowAfterABomBelongsToTheFirstSplit) {
  // Also when the first split ends inside the BOM or right after it.
  const std::string path = Write("bom.csv", "\xEF\xBB\xBF" "a,1\nb,2\n");
  EXPECT_EQ(ReadEveryWay(path, {kText, kInt}), (Rows{"a|1", "b|2"}));
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  EXPECT_EQ(ReadEveryWay(path, {kText, kInt}, spec), (Rows{"b|2"}));
}

TEST_F(CsvBadInputTest, MixedLineEndings) {
  // Rows end at '\n' ("\r\n" too); a lone '\r' is text, quoted or not.
  const std::string path = Corpus("mixed-line-endings.csv");
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}, {}, /*splits=*/true),
            (Rows{"1|lf", "2|crlf", "3|lone\rcr quoted", "4|lone\rcr", "5|end"}));
}

TEST_F(CsvBadInputTest, FinalLineWithoutNewline) {
  const std::string path = Corpus("no-final-newline.csv");
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}), (Rows{"1|a", "2|b", "3|c"}));
}

TEST_F(CsvBadInputTest, QuoteInsideAnUnquotedFieldIsText) {
  const std::string path = Corpus("quote-mid-field.csv");
  EXPECT_EQ(ReadEveryWay(path, {kInt, kText}),
            (Rows{"1|5\" screen", "2|ab\"c", "3|abcdef", "4|it's \"fine\""}));
}

TEST_F(CsvBadInputTest, TenMegabyteField) {
  const std::string plain(10 << 20, 'p');
  std::string quoted(10 << 20, 'q');
  quoted[1000] = '\n';
  quoted[5 << 20] = ',';
  const std::string path = Write("big.csv", "1," + plain + "\n2,\"" + quoted + "\"\n3,\"x\"\"y\"\n");
  for (size_t block : {size_t{0}, size_t{1} << 16}) {
    ReadSpec spec;
    spec.block_size = block;
    const Rows rows = Read(path, {kInt, kText}, spec);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_TRUE(rows[0] == "1|" + plain) << "block size " << block;
    EXPECT_TRUE(rows[1] == "2|" + quoted) << "block size " << block;
    EXPECT_EQ(rows[2], "3|x\"y");
  }
  // As a number it is NULL, or an error whose quoted value is cut short.
  EXPECT_EQ(Read(path, {kInt, kBig}), (Rows{"1|NULL", "2|NULL", "3|NULL"}));
  ReadSpec spec;
  spec.options.error_on_bad_value = true;
  EXPECT_EQ(ReadError(path, {kInt, kBig}, spec),
            path + ":1: column 2: value '" + std::string(200, 'p') +
                "...' is not a valid bigint; "
                "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
  // Past the row size limit it is an error naming the row's line.
  spec = {};
  spec.options.max_row_bytes = 4 << 20;
  spec.block_size = 1 << 20;
  const std::string error = path + ":1: a row is longer than 4 MiB; most likely a quote opens a field and "
                                   "never closes. Set TBLPROPERTIES ('sluice.csv.quote'='') if quotes are "
                                   "plain text in this file";
  EXPECT_EQ(Head(ReadError(path, {kInt, kText}, spec), error), error);
}

}  // namespace
}  // namespace sluice::csv
