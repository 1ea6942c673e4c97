// CsvReader semantics: RFC 4180, Hive's conventions, types, NULLs, errors.
#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "sluice/common/error.h"

namespace sluice::csv {
namespace {

using Rows = std::vector<std::string>;

class CsvReaderTest : public CsvTest {};

TEST_F(CsvReaderTest, QuotedFieldsHoldDelimitersDoubledQuotesAndNewlines) {
  std::string path = Write("a.csv",
                           "\"a, b\",1\n"
                           "\"say \"\"hi\"\"\",2\n"
                           "\"multi\nline\r\nfield\",3\n"
                           "\"\",4\n"
                           "\"\"\"\",5\n"
                           "plain,6\n");
  EXPECT_EQ(Read(path, {kText, kInt}),
            (Rows{"a, b|1", "say \"hi\"|2", "multi\nline\r\nfield|3", "|4", "\"|5", "plain|6"}));
}

TEST_F(CsvReaderTest, CrlfAndLfLineEndsMix) {
  std::string path = Write("a.csv", "a,1\r\nb,2\nc,3\r\n\"d\"\r\n");
  EXPECT_EQ(Read(path, {kText, kInt}), (Rows{"a|1", "b|2", "c|3", "d|NULL"}));
  // The '\r' goes with the line end, not the value, also for strings.
  EXPECT_EQ(Read(path, {kText, kText}), (Rows{"a|1", "b|2", "c|3", "d|NULL"}));
}

TEST_F(CsvReaderTest, ByteOrderMarkIsSkippedAtTheFileStart) {
  EXPECT_EQ(Read(Write("a.csv", "\xEF\xBB\xBFx,1\ny,2\n"), {kText, kInt}), (Rows{"x|1", "y|2"}));
  ReadSpec header;
  header.options.skip_header_lines = 1;
  EXPECT_EQ(Read(Write("b.csv", "\xEF\xBB\xBFname,n\ny,2\n"), {kText, kInt}, header), (Rows{"y|2"}));
  // Only at the start: elsewhere the bytes are text.
  EXPECT_EQ(Read(Write("c.csv", "x,1\n\xEF\xBB\xBFy,2\n"), {kText, kInt}),
            (Rows{"x|1", "\xEF\xBB\xBFy|2"}));
}

TEST_F(CsvReaderTest, LastLineWithoutNewline) {
  EXPECT_EQ(Read(Write("a.csv", "a,1\nb,2"), {kText, kInt}), (Rows{"a|1", "b|2"}));
  EXPECT_EQ(Read(Write("b.csv", "a,1\r\nb,2\r"), {kText, kInt}), (Rows{"a|1", "b|2"}));
  EXPECT_EQ(Read(Write("c.csv", "a,1\n\"b\nc\""), {kText, kInt}), (Rows{"a|1", "b\nc|NULL"}));
  EXPECT_EQ(Read(Write("d.csv", "x"), {kText}), (Rows{"x"}));
}

TEST_F(CsvReaderTest, EmptyFilesAndBlankLines) {
  EXPECT_TRUE(Read(Write("empty.csv", ""), {kInt}).empty());
  EXPECT_TRUE(Read(Write("newlines.csv", "\n\r\n\n"), {kText, kInt}).empty());
  ReadSpec header;
  header.options.skip_header_lines = 1;
  EXPECT_TRUE(Read(Write("header-only.csv", "a,b\n"), {kText, kInt}, header).empty());
  EXPECT_TRUE(Read(Write("header-no-newline.csv", "a,b"), {kText, kInt}, header).empty());
  // Blank lines are skipped wherever they are, trailing ones included; a
  // quoted empty field is a row.
  EXPECT_EQ(Read(Write("blank.csv", "a,1\n\nb,2\n\r\n\"\"\n\n\n"), {kText, kInt}),
            (Rows{"a|1", "b|2", "|NULL"}));
}

TEST_F(CsvReaderTest, FewerFieldsAreNullAndMoreAreIgnored) {
  std::string path = Write("b.csv", "1,2\n3\n4,5,6,7\n,,\n");
  EXPECT_EQ(Read(path, {kInt, kInt, kInt}), (Rows{"1|2|NULL", "3|NULL|NULL", "4|5|6", "NULL|NULL|NULL"}));
  EXPECT_EQ(Read(path, {kText, kText, kText}), (Rows{"1|2|NULL", "3|NULL|NULL", "4|5|6", "||"}));
}

TEST_F(CsvReaderTest, EveryTypeParses) {
  std::string path = Write("t.csv",
                           "true,-128,-32768,-2147483648,-9223372036854775808,1.5,-2.25e3,2022-08-01,"
                           "2022-08-01 12:34:56.789,text\n"
                           "FALSE,127,32767,2147483647,9223372036854775807,+3,NaN,2024-02-29,"
                           "2022-08-01T01:02,\"quoted, text\"\n"
                           "True,+007,0,-0,000000000000000000000042,-0.0,Infinity,1969-12-31,"
                           "1970-01-01 00:00:00,\n");
  const std::vector<LogicalType> types = {kBool, kTiny, kSmall, kInt, kBig, kReal, kDouble, kDate, kTimestamp, kText};
  EXPECT_EQ(Read(path, types),
            (Rows{"true|-128|-32768|-2147483648|-9223372036854775808|1.5|-2250.0|2022-08-01|"
                  "2022-08-01 12:34:56.789|text",
                  "false|127|32767|2147483647|9223372036854775807|3|NaN|2024-02-29|"
                  "2022-08-01 01:02:00.000|quoted, text",
                  "true|7|0|0|42|-0|Infinity|1969-12-31|1970-01-01 00:00:00.000|"}));
}

TEST_F(CsvReaderTest, OutOfRangeAndMalformedValuesAreNull) {
  std::string path = Write("t.csv",
                           "yes,128,32768,2147483648,9223372036854775808,1.5x,--1,2022-02-30,2022-08-01 25:00\n"
                           "t,-129,-32769,-2147483649,-9223372036854775809,.,1e,2022-13-01,noon\n"
                           "1,1.0,1e2,0x10,12345678901234567890,,e5,20220801,2022-08-01 12:00:61\n");
  const std::vector<LogicalType> types = {kBool, kTiny, kSmall, kInt, kBig, kReal, kDouble, kDate, kTimestamp};
  const std::string nulls = "NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL";
  EXPECT_EQ(Read(path, types), (Rows{nulls, nulls, nulls}));
}

TEST_F(CsvReaderTest, QuotedAndSpacedNumbersParse) {
  std::string path = Write("t.csv", "\"12\",\" 3.5 \", 7 ,\"\",\"true\"\n");
  EXPECT_EQ(Read(path, {kInt, kDouble, kBig, kInt, kBool}), (Rows{"12|3.5|7|NULL|true"}));
  EXPECT_EQ(Read(Write("s.csv", "  ,\t\n"), {kInt, kDouble}), (Rows{"NULL|NULL"}));
}

TEST_F(CsvReaderTest, EmptyFieldsAreNullExceptInStringColumns) {
  std::string path = Write("e.csv", ",,,,\n");
  EXPECT_EQ(Read(path, {kInt, kDouble, kText, kDate, kBool}), (Rows{"NULL|NULL||NULL|NULL"}));
}

TEST_F(CsvReaderTest, ExplicitNullStringAppliesToEveryColumn) {
  ReadSpec spec;
  spec.options.delimiter = '|';
  spec.options.quote = '\0';
  spec.options.null_string = "\\N";
  spec.options.null_string_set = true;
  std::string path = Write("h.csv", "\\N|\\N|\\N|\"q\"||x\n");
  EXPECT_EQ(Read(path, {kText, kInt, kDouble, kText, kText, kText}, spec),
            (Rows{"NULL|NULL|NULL|\"q\"||x"}));
  // An explicit empty null string makes empty strings NULL too.
  spec.options.null_string = "";
  EXPECT_EQ(Read(Write("i.csv", "|1|\n"), {kText, kInt, kText}, spec), (Rows{"NULL|1|NULL"}));
  // A null string that would parse as a number is still NULL.
  spec.options.null_string = "0";
  EXPECT_EQ(Read(Write("j.csv", "0|10|0\n"), {kInt, kInt, kText}, spec), (Rows{"NULL|10|NULL"}));
  // With quoting, a quoted null string is NULL as well (DuckDB's allow_quoted_nulls).
  spec.options.quote = '"';
  spec.options.null_string = "\\N";
  EXPECT_EQ(Read(Write("k.csv", "\"\\N\"|\"\\N\"|x\n"), {kText, kInt, kText}, spec), (Rows{"NULL|NULL|x"}));
}

TEST_F(CsvReaderTest, HiveTextWithoutQuoting) {
  ReadSpec spec;
  spec.options.delimiter = '\001';
  spec.options.quote = '\0';
  std::string path = Write("hive.txt", "a\001\"b\001c\"\0011\n5\" screen\001x\0012\n");
  EXPECT_EQ(Read(path, {kText, kText, kText, kInt}, spec),
            (Rows{"a|\"b|c\"|1", "5\" screen|x|2|NULL"}));
  spec.options.delimiter = '\t';
  EXPECT_EQ(Read(Write("tsv.txt", "a\tb\r\n\"c\td\"\n"), {kText, kText, kText}, spec),
            (Rows{"a|b|NULL", "\"c|d\"|NULL"}));
}

TEST_F(CsvReaderTest, QuotesInsideUnquotedFieldsAreText) {
  // RFC 4180: only a quote at the start of a field opens a quoted section.
  std::string path = Write("q.csv",
                           "5\" screen,1\n"
                           "ab\"c,\"d,e\"\n"
                           "x, \"y\",z\n"
                           "\"abc\"def,2\n"
                           "\"a\"b\"c,3\n"
                           "it's,\"ok\"\n");
  EXPECT_EQ(Read(path, {kText, kText, kText}),
            (Rows{"5\" screen|1|NULL", "ab\"c|d,e|NULL", "x| \"y\"|z", "abcdef|2|NULL",
                  "ab\"c|3|NULL", "it's|ok|NULL"}));
}

TEST_F(CsvReaderTest, EscapeCharacterProtectsSeparatorsAndQuotes) {
  ReadSpec spec;
  spec.options.escape = '\\';
  std::string path = Write("esc.csv",
                           "a\\,b,1\n"
                           "\"say \\\"hi\\\"\",2\n"
                           "C:\\Users\\x,3\n"
                           "line\\\nbreak,4\n"
                           "back\\\\,5\n");
  EXPECT_EQ(Read(path, {kText, kInt}, spec),
            (Rows{"a,b|1", "say \"hi\"|2", "C:\\Users\\x|3", "line\nbreak|4", "back\\|5"}));
  // Hive style: no quoting, escaped delimiters.
  spec.options.quote = '\0';
  spec.options.delimiter = '|';
  EXPECT_EQ(Read(Write("hive.txt", "a\\|b|\"c\"\n"), {kText, kText}, spec), (Rows{"a|b|\"c\""}));
}

TEST_F(CsvReaderTest, ProjectionReordersSkipsAndRepeatsColumns) {
  std::string path = Write("p.csv", "1,a,2.5,x\n2,b,3.5,y\n");
  const std::vector<LogicalType> types = {kInt, kText, kDouble, kText};
  ReadSpec spec;
  spec.projection = {2, 0};
  EXPECT_EQ(Read(path, types, spec), (Rows{"2.5|1", "3.5|2"}));
  spec.projection = {1, 1, 3};
  EXPECT_EQ(Read(path, types, spec), (Rows{"a|a|x", "b|b|y"}));
  // No columns: only the row count.
  spec.projection = {};
  spec.all_columns = false;
  EXPECT_EQ(Read(path, types, spec), (Rows{"", ""}));
}

TEST_F(CsvReaderTest, ManyRowsFillFullChunks) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(i) + ",v" + std::to_string(i) + "\n";
  std::string path = Write("m.csv", text);
  std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
  CsvReader reader(file, CsvSplit{path, 0, file->Size(), file->Size()}, {}, {kInt, kText}, {0, 1});
  DataChunk chunk({kInt, kText});
  std::vector<size_t> sizes;
  int64_t expected = 0;
  while (reader.Next(chunk)) {
    sizes.push_back(chunk.size());
    for (size_t r = 0; r < chunk.size(); ++r, ++expected) {
      ASSERT_EQ(chunk.column(0).GetValue(r).int_value(), expected);
      ASSERT_EQ(chunk.column(1).GetValue(r).string_value(), "v" + std::to_string(expected));
    }
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{2048, 2048, 904}));
  EXPECT_EQ(reader.rows_read(), 5000u);
  EXPECT_FALSE(reader.Next(chunk));
}

TEST_F(CsvReaderTest, StringsOutliveTheReader) {
  std::string long_value(100, 'z');
  std::string path = Write("s.csv", long_value + ",\"quoted \"\" " + long_value + "\"\n");
  DataChunk chunk({kText, kText});
  {
    std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
    CsvReader reader(file, CsvSplit{path, 0, file->Size(), file->Size()}, {}, {kText, kText}, {0, 1});
    ASSERT_TRUE(reader.Next(chunk));
  }
  EXPECT_EQ(chunk.column(0).GetValue(0).string_value(), long_value);
  EXPECT_EQ(chunk.column(1).GetValue(0).string_value(), "quoted \" " + long_value);
}

TEST_F(CsvReaderTest, HugeFieldsStraddleBlocks) {
  // A 20 MiB field is bigger than a block: the block grows to hold the row.
  const std::string huge(20 << 20, 'h');
  std::string quoted_huge = "\"" + std::string(9 << 20, 'q') + "\nwith \"\" inside\"";
  std::string path = Write("huge.csv", "1," + huge + "\n2," + quoted_huge + "\n3,small\n");
  auto rows = Read(path, {kInt, kText});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], "1|" + huge);
  EXPECT_EQ(rows[1], "2|" + std::string(9 << 20, 'q') + "\nwith \" inside");
  EXPECT_EQ(rows[2], "3|small");
}

TEST_F(CsvReaderTest, TinyBlocksGiveTheSameRows) {
  std::string text = "h1,h2,h3\n";
  for (int i = 0; i < 300; ++i) {
    text += std::to_string(i) + ",\"x, " + std::string(i % 70, 'a') + " \"\"y\"\"\"," +
            std::to_string(i * 0.5) + (i % 3 ? "\r\n" : "\n");
    if (i % 17 == 0) text += "\n";
  }
  std::string path = Write("t.csv", text);
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  const std::vector<LogicalType> types = {kInt, kText, kDouble};
  const Rows whole = Read(path, types, spec);
  ASSERT_EQ(whole.size(), 300u);
  for (size_t block : {1, 2, 3, 7, 63, 64, 65, 100, 1000}) {
    spec.block_size = block;
    EXPECT_EQ(Read(path, types, spec), whole) << "block size " << block;
  }
}

TEST_F(CsvReaderTest, HeaderLinesAreSkippedOnlyInTheFirstSplit) {
  ReadSpec spec;
  spec.options.skip_header_lines = 2;
  std::string path = Write("h.csv", "title line\ncolumn,names\n1,a\n2,b\n3,c\n");
  EXPECT_EQ(Read(path, {kInt, kText}, spec), (Rows{"1|a", "2|b", "3|c"}));
  // Splits that start inside the header lines skip them as well.
  for (uint64_t split : {1, 3, 5, 8, 11, 15, 30}) {
    spec.split_bytes = split;
    EXPECT_EQ(Read(path, {kInt, kText}, spec), (Rows{"1|a", "2|b", "3|c"})) << split;
  }
}

TEST_F(CsvReaderTest, BadValuesAreNullByDefault) {
  std::string path = Write("c.csv", "id,n\n1,x2\n2,3\n");
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  EXPECT_EQ(Read(path, {kInt, kInt}, spec), (Rows{"1|NULL", "2|3"}));
}

TEST_F(CsvReaderTest, BadValueErrorsNameFileLineColumnValueAndType) {
  std::string path = Write("c.csv", "id,n\n1,2\n\"multi\nline\",4\n2,x2\n");
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  spec.options.error_on_bad_value = true;
  EXPECT_EQ(ReadError(path, {kText, kInt}, spec),
            path + ":5: column 2: value 'x2' is not a valid integer; "
                   "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
  spec.column_names = {"id", "n"};
  EXPECT_EQ(ReadError(path, {kText, kInt}, spec),
            path + ":5: column 2 (n): value 'x2' is not a valid integer; "
                   "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
  EXPECT_EQ(ReadError(Write("r.csv", "300\n"), {kTiny}, spec), "");  // the header line
  EXPECT_EQ(ReadError(Write("r2.csv", "v\n300\n"), {kTiny}, spec),
            Path("r2.csv") + ":2: column 1 (id): value '300' is out of range for tinyint; "
                             "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
  EXPECT_EQ(ReadError(Write("r3.csv", "v\n\"2022-13-01\"\n"), {kDate}, spec),
            Path("r3.csv") + ":2: column 1 (id): value '2022-13-01' is not a valid date; "
                             "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
}

TEST_F(CsvReaderTest, BadValueErrorsInLaterSplitsGiveTheByteOffset) {
  std::string text = "n\n";
  for (int i = 0; i < 1000; ++i) text += std::to_string(i) + "\n";
  const size_t offset = text.size();
  text += "oops\n";
  std::string path = Write("late.csv", text);
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  spec.options.error_on_bad_value = true;
  spec.split_bytes = 1000;
  EXPECT_EQ(ReadError(path, {kInt}, spec),
            path + " (row at byte " + std::to_string(offset) +
                "): column 1: value 'oops' is not a valid integer; "
                "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
  // One split: the line is known, also past the first block.
  spec.split_bytes = 0;
  spec.block_size = 100;
  EXPECT_EQ(ReadError(path, {kInt}, spec),
            path + ":1002: column 1: value 'oops' is not a valid integer; "
                   "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
}

TEST_F(CsvReaderTest, LongBadValuesAreCutInTheMessage) {
  ReadSpec spec;
  spec.options.error_on_bad_value = true;
  std::string message = ReadError(Write("l.csv", std::string(300, 'x') + "\n"), {kDouble}, spec);
  EXPECT_NE(message.find("value '" + std::string(200, 'x') + "...' is not a valid double"), std::string::npos)
      << message;
}

TEST_F(CsvReaderTest, UnterminatedQuoteIsAnError) {
  std::string path = Write("d.csv", "1,ok\n2,\"open\n3,x\n");
  EXPECT_EQ(ReadError(path, {kInt, kText}),
            path + ":2: a quoted field in this row never closes (the file ends inside it); "
                   "set TBLPROPERTIES ('sluice.csv.quote'='') if quotes are plain text in this file, "
                   "or ('sluice.csv.malformed_rows'='skip') to skip the line");
  // Without quoting the same file reads.
  ReadSpec spec;
  spec.options.quote = '\0';
  EXPECT_EQ(Read(path, {kInt, kText}, spec), (Rows{"1|ok", "2|\"open", "3|x"}));
}

TEST_F(CsvReaderTest, OverlongRowsAreAnError) {
  ReadSpec spec;
  spec.options.max_row_bytes = 1 << 20;
  spec.block_size = 1 << 16;
  std::string path = Write("o.csv", "1,ok\n2,\"" + std::string(2 << 20, 'x') + "\"\n");
  EXPECT_EQ(ReadError(path, {kInt, kText}, spec),
            path + ":2: a row is longer than 1 MiB; most likely a quote opens a field and never "
                   "closes. Set TBLPROPERTIES ('sluice.csv.quote'='') if quotes are plain text in "
                   "this file, or ('sluice.csv.malformed_rows'='skip') to skip the line");
}

TEST_F(CsvReaderTest, InvalidOptionsAreRejected) {
  std::string path = Write("x.csv", "1\n");
  std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
  CsvOptions options;
  options.quote = ',';
  try {
    CsvReader reader(file, CsvSplit{path, 0, 2, 2}, options, {kInt}, {0});
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidFunctionArgument);
    EXPECT_EQ(e.message(), "CSV options: the quote and the delimiter are both ','");
  }
  options = {};
  options.delimiter = '\n';
  EXPECT_THROW(CsvReader(file, CsvSplit{path, 0, 2, 2}, options, {kInt}, {0}), SluiceError);
}

TEST_F(CsvReaderTest, DefaultSplitReadsTheWholeFile) {
  std::string path = Write("w.csv", "1\n2\n");
  std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
  CsvReader reader(file, CsvSplit{}, {}, {kInt}, {0});
  DataChunk chunk({kInt});
  ASSERT_TRUE(reader.Next(chunk));
  EXPECT_EQ(chunk.size(), 2u);
}

TEST_F(CsvReaderTest, Utf8TextPassesThrough) {
  EXPECT_EQ(Read(Write("u.csv", "Zürich,\"東京, 日本\"\n"), {kText, kText}), (Rows{"Zürich|東京, 日本"}));
}

}  // namespace
}  // namespace sluice::csv
