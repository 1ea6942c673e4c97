// Rows whose field count is wrong or that cannot be tokenized
// (CsvOptions::malformed_rows), and footer lines (skip_footer_lines).
#include <zlib.h>

#include "formats/csv/csv_test_util.h"

namespace sluice::csv {
namespace {

using Rows = std::vector<std::string>;

class CsvMalformedRowsTest : public CsvTest {
 protected:
  // Rows of every split, and the malformed rows the readers skipped.
  std::pair<Rows, uint64_t> ReadCounting(const std::string& path, const std::vector<LogicalType>& types,
                                         const ReadSpec& spec, std::vector<size_t> projection) {
    std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
    std::vector<LogicalType> out_types;
    for (size_t p : projection) out_types.push_back(types[p]);
    Rows rows;
    uint64_t skipped = 0;
    for (const auto& split : PlanSplits(path, file->Size(), spec.split_bytes)) {
      CsvReader reader(file, split, spec.options, types, projection);
      if (spec.block_size) reader.SetBlockSizeForTesting(spec.block_size);
      DataChunk chunk(out_types);
      while (reader.Next(chunk)) {
        for (size_t r = 0; r < chunk.size(); ++r) {
          std::string row;
          for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
            row += (c ? "|" : "") + chunk.column(c).GetValue(r).ToString();
          }
          rows.push_back(row.empty() ? "()" : row);
        }
      }
      skipped += reader.rows_skipped();
    }
    return {rows, skipped};
  }
};

const std::string kRagged =
    "1,a,x\n"
    "2,b\n"             // too few
    "3,c,y,extra\n"     // too many
    "4,\"d,\n\"\"q\"\"\",z\r\n"  // a quoted newline: one row of 3 fields
    "5\n"
    "6,f,w";            // a last line without newline

TEST_F(CsvMalformedRowsTest, PaddingIsHivesDefault) {
  std::string path = Write("r.csv", kRagged);
  EXPECT_EQ(Read(path, {kInt, kText, kText}),
            (Rows{"1|a|x", "2|b|NULL", "3|c|y", "4|d,\n\"q\"|z", "5|NULL|NULL", "6|f|w"}));
}

TEST_F(CsvMalformedRowsTest, ErrorNamesTheLineAndTheFieldCounts) {
  std::string path = Write("r.csv", kRagged);
  ReadSpec spec;
  spec.options.malformed_rows = MalformedRows::kError;
  EXPECT_EQ(ReadError(path, {kInt, kText, kText}, spec),
            path + ":2: row has 2 fields, expected 3 (the table's columns); set TBLPROPERTIES "
                   "('sluice.csv.malformed_rows'='skip') to skip such rows or 'null' to read missing "
                   "fields as NULL");
  // Also when no column is read (count(*)).
  spec.all_columns = false;
  EXPECT_NE(ReadError(path, {kInt, kText, kText}, spec).find(":2: row has 2 fields"), std::string::npos);
}

TEST_F(CsvMalformedRowsTest, SkippedRowsAreCountedWhateverTheBlocksAndSplits) {
  std::string path = Write("r.csv", kRagged);
  const std::vector<LogicalType> types = {kInt, kText, kText};
  for (size_t block : {0, 1, 2, 5, 13, 64}) {
    for (uint64_t split : {0, 3, 7, 16}) {
      ReadSpec spec;
      spec.options.malformed_rows = MalformedRows::kSkip;
      spec.block_size = block;
      spec.split_bytes = split;
      auto [rows, skipped] = ReadCounting(path, types, spec, {0, 1, 2});
      // Splits of a file with a quoted newline may cut it (a documented
      // limitation): check those with whole-file reads only.
      if (split == 0) {
        EXPECT_EQ(rows, (Rows{"1|a|x", "4|d,\n\"q\"|z", "6|f|w"})) << block;
        EXPECT_EQ(skipped, 3u) << block;
      }
      auto [counted, skipped_count] = ReadCounting(path, types, spec, {});
      if (split == 0) {
        EXPECT_EQ(counted.size(), 3u) << block;
        EXPECT_EQ(skipped_count, 3u) << block;
      }
    }
  }
}

TEST_F(CsvMalformedRowsTest, SkippingWithSplitsOfPlainRows) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += i % 7 == 3 ? std::to_string(i) + "\n" : std::to_string(i) + ",v\n";
  std::string path = Write("p.csv", text);
  for (uint64_t split : {0, 1, 10, 77, 512}) {
    ReadSpec spec;
    spec.options.malformed_rows = MalformedRows::kSkip;
    spec.split_bytes = split;
    auto [rows, skipped] = ReadCounting(path, {kInt, kText}, spec, {0});
    EXPECT_EQ(rows.size(), 171u) << split;
    EXPECT_EQ(skipped, 29u) << split;
  }
}

TEST_F(CsvMalformedRowsTest, AnUnterminatedQuoteSkipsOneLine) {
  ReadSpec spec;
  spec.options.malformed_rows = MalformedRows::kSkip;
  // The quote of line 2 never closes.
  std::string one = Write("q1.csv", "1,ok\n2,\"open\n3,x\n");
  // The quotes of lines 2 and 3 pair up (a quoted newline); that of line 4
  // never closes.
  std::string three = Write("q3.csv", "1,ok\n2,\"a\n3,\"b\n4,\"c\n5,y\n");
  for (size_t block : {0, 1, 3, 8}) {
    spec.block_size = block;
    auto [rows, skipped] = ReadCounting(one, {kInt, kText}, spec, {0, 1});
    EXPECT_EQ(rows, (Rows{"1|ok", "3|x"})) << block;
    EXPECT_EQ(skipped, 1u) << block;
    std::tie(rows, skipped) = ReadCounting(three, {kInt, kText}, spec, {0, 1});
    EXPECT_EQ(rows, (Rows{"1|ok", "2|a\n3,b", "5|y"})) << block;
    EXPECT_EQ(skipped, 1u) << block;
  }
}

TEST_F(CsvMalformedRowsTest, AnOverlongRowSkipsOneLine) {
  std::string path = Write("o.csv", "1,ok\n2,\"" + std::string(300 << 10, 'x') + "\n3,after\n");
  ReadSpec spec;
  spec.options.malformed_rows = MalformedRows::kSkip;
  spec.options.max_row_bytes = 64 << 10;
  spec.block_size = 4096;
  auto [rows, skipped] = ReadCounting(path, {kInt, kText}, spec, {0, 1});
  EXPECT_EQ(rows, (Rows{"1|ok", "3|after"}));
  EXPECT_EQ(skipped, 1u);
  // A physical line longer than the limit is skipped too.
  path = Write("l.csv", "1,ok\n2," + std::string(300 << 10, 'y') + "\n3,after\n");
  std::tie(rows, skipped) = ReadCounting(path, {kInt, kText}, spec, {0});
  EXPECT_EQ(rows, (Rows{"1", "3"}));
  EXPECT_EQ(skipped, 1u);
}

TEST_F(CsvMalformedRowsTest, FooterLinesAreDroppedWhateverTheBlocksSplitsAndCompression) {
  std::string text = "id,v\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i) + ",x\n";
  for (const std::string& tail : {std::string("total,50\nend\n"), std::string("total,50\nend"),
                                  std::string("total,50\n\nend\n")}) {
    const std::string body = text + tail;
    const size_t footer = tail == "total,50\n\nend\n" ? 3 : 2;
    std::string plain = Write("f.csv", body);
    std::string gz = Write("f.csv.gz", Gzip(body));
    for (const std::string& path : {plain, gz}) {
      for (size_t block : {0, 1, 4, 9, 100}) {
        for (uint64_t split : {0, 5, 64, 200}) {
          ReadSpec spec;
          spec.options.skip_header_lines = 1;
          spec.options.skip_footer_lines = footer;
          spec.options.error_on_bad_value = true;
          spec.block_size = block;
          spec.split_bytes = split;
          auto [rows, skipped] = ReadCounting(path, {kInt, kText}, spec, {0});
          ASSERT_EQ(rows.size(), 50u) << path << " block " << block << " split " << split;
          EXPECT_EQ(rows.back(), "49");
          auto [counted, none] = ReadCounting(path, {kInt, kText}, spec, {});
          EXPECT_EQ(counted.size(), 50u) << path << " block " << block << " split " << split;
        }
      }
    }
  }
}

TEST_F(CsvMalformedRowsTest, AFooterLongerThanTheFileLeavesNoRows) {
  std::string path = Write("s.csv", "a\nb\n");
  ReadSpec spec;
  spec.options.skip_footer_lines = 5;
  EXPECT_EQ(Read(path, {kText}, spec), Rows{});
  spec.options.skip_footer_lines = 1;
  EXPECT_EQ(Read(path, {kText}, spec), Rows{"a"});
}

}  // namespace
}  // namespace sluice::csv
