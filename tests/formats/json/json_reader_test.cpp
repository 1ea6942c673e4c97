#include "sluice/formats/json/json_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/storage/local_file_system.h"
#include "compression_test_util.h"

namespace sluice::json {
namespace {

const LogicalType kBool = LogicalType::Boolean();
const LogicalType kTiny = LogicalType::Tinyint();
const LogicalType kSmall = LogicalType::Smallint();
const LogicalType kInt = LogicalType::Integer();
const LogicalType kBig = LogicalType::Bigint();
const LogicalType kReal = LogicalType::Real();
const LogicalType kDouble = LogicalType::Double();
const LogicalType kText = LogicalType::Varchar();
const LogicalType kDate = LogicalType::Date();
const LogicalType kTimestamp = LogicalType::Timestamp();

using test::Gzip;

struct Table {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
};

struct ReadSpec {
  JsonOptions options;
  uint64_t split_bytes = 0;        // 0: one split
  std::vector<size_t> projection;  // empty: every column
  size_t block_size = 0;           // 0: the reader's default
};

class JsonReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice-json-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& contents) {
    std::string path = (dir_ / name).string();
    fs_.WriteAll(path, contents);
    return path;
  }

  std::vector<std::string> ReadSplit(const std::shared_ptr<RandomAccessFile>& file, const csv::CsvSplit& split,
                                     const Table& table, const ReadSpec& spec) {
    std::vector<size_t> projection = spec.projection;
    if (projection.empty()) {
      for (size_t i = 0; i < table.types.size(); ++i) projection.push_back(i);
    }
    std::vector<LogicalType> out_types;
    for (size_t p : projection) out_types.push_back(table.types[p]);
    JsonReader reader(file, split, spec.options, table.types, table.names, projection);
    if (spec.block_size) reader.SetBlockSizeForTesting(spec.block_size);
    DataChunk chunk(out_types);
    std::vector<std::string> rows;
    uint64_t count = 0;
    while (reader.Next(chunk)) {
      count += chunk.size();
      for (size_t r = 0; r < chunk.size(); ++r) {
        std::string row;
        for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
          if (c) row += "|";
          row += chunk.column(c).GetValue(r).ToString();
        }
        rows.push_back(row);
      }
    }
    EXPECT_EQ(chunk.size(), 0u);
    EXPECT_EQ(reader.rows_read(), count);
    return rows;
  }

  std::vector<std::string> Read(const std::string& path, const Table& table, const ReadSpec& spec = {}) {
    std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
    std::vector<std::string> rows;
    for (const auto& split : csv::PlanSplits(path, file->Size(), spec.split_bytes)) {
      for (auto& row : ReadSplit(file, split, table, spec)) rows.push_back(std::move(row));
    }
    return rows;
  }

  std::string ReadError(const std::string& path, const Table& table, const ReadSpec& spec = {}) {
    try {
      Read(path, table, spec);
    } catch (const SluiceError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kBadData) << e.message();
      return e.message();
    }
    return "";
  }

  std::filesystem::path dir_;
  LocalFileSystem fs_;
};

using Rows = std::vector<std::string>;

TEST_F(JsonReaderTest, ReadsEveryType) {
  const std::string path = Write("t.json",
      R"({"b":true,"t":-128,"s":32767,"i":-2147483648,"l":9223372036854775807,"r":1.5,"d":-2.25e3,"v":"hi","dt":"2024-02-29","ts":"2024-02-29 13:45:01.5"})"
      "\n"
      R"({"b":false,"t":127,"s":-1,"i":7,"l":-9223372036854775808,"r":0,"d":1e-3,"v":"","dt":"1970-01-01","ts":"1970-01-01T00:00:00"})"
      "\n");
  Table t{{"b", "t", "s", "i", "l", "r", "d", "v", "dt", "ts"},
          {kBool, kTiny, kSmall, kInt, kBig, kReal, kDouble, kText, kDate, kTimestamp}};
  EXPECT_EQ(Read(path, t),
            (Rows{"true|-128|32767|-2147483648|9223372036854775807|1.5|-2250.0|hi|2024-02-29|2024-02-29 13:45:01.500",
                  "false|127|-1|7|-9223372036854775808|0|0.001||1970-01-01|1970-01-01 00:00:00.000"}));
}

TEST_F(JsonReaderTest, KeysMatchIgnoringCaseByDefault) {
  const std::string path = Write("t.json", R"({"UserId":1,"NAME":"a","other":true})" "\n");
  Table t{{"userid", "name"}, {kInt, kText}};
  EXPECT_EQ(Read(path, t), (Rows{"1|a"}));
  ReadSpec exact;
  exact.options.case_insensitive = false;
  EXPECT_EQ(Read(path, t, exact), (Rows{"NULL|NULL"}));
}

TEST_F(JsonReaderTest, MappingReadsAnotherKey) {
  const std::string path = Write("t.json", R"({"ts":"x","timestamp":"2020-01-02 03:04:05","a.b":7})" "\n");
  Table t{{"ts", "ab"}, {kTimestamp, kInt}};
  ReadSpec spec;
  spec.options.key_mapping = {{"ts", "timestamp"}, {"ab", "A.B"}};
  EXPECT_EQ(Read(path, t, spec), (Rows{"2020-01-02 03:04:05.000|7"}));
  // Two columns reading one key cannot both be served by a forward-only parser.
  spec.options.key_mapping = {{"ts", "ab"}};
  EXPECT_THROW(Read(path, t, spec), SluiceError);
}

TEST_F(JsonReaderTest, MissingKeysAndNullsAreNull) {
  const std::string path = Write("t.json", "{\"a\":1}\n{\"b\":\"x\",\"a\":null}\n{}\n");
  Table t{{"a", "b"}, {kInt, kText}};
  EXPECT_EQ(Read(path, t), (Rows{"1|NULL", "NULL|x", "NULL|NULL"}));
}

TEST_F(JsonReaderTest, KeysInAnyOrderAndRepeatedKeys) {
  // The per-position key hint must not confuse rows with other key orders.
  const std::string path = Write("t.json", "{\"a\":1,\"b\":2}\n{\"b\":3,\"a\":4}\n{\"a\":5,\"a\":6}\n{\"c\":0,\"b\":7}\n");
  Table t{{"a", "b"}, {kInt, kInt}};
  EXPECT_EQ(Read(path, t), (Rows{"1|2", "4|3", "6|NULL", "NULL|7"}));
}

TEST_F(JsonReaderTest, NestedValuesAreMinifiedJsonText) {
  const std::string path = Write("t.json",
      R"({"arr": [1, "two" , {"x" : [ ]}], "obj": { "k" : "a b", "n": null }, "n": 12.50, "flag": false, "esc": "a\"b\u00e9"})"
      "\n");
  Table t{{"arr", "obj", "n", "flag", "esc"}, {kText, kText, kText, kText, kText}};
  EXPECT_EQ(Read(path, t), (Rows{R"([1,"two",{"x":[]}]|{"k":"a b","n":null}|12.50|false|a"bé)"}));
}

TEST_F(JsonReaderTest, StringsHoldingNumbersAreParsed) {
  const std::string path = Write("t.json", R"({"i":"42","d":" 2.5 ","b":"TRUE","dt":"2021-03-04","e":""})" "\n");
  Table t{{"i", "d", "b", "dt", "e"}, {kInt, kDouble, kBool, kDate, kInt}};
  EXPECT_EQ(Read(path, t), (Rows{"42|2.5|true|2021-03-04|NULL"}));
}

TEST_F(JsonReaderTest, IntegralNumbersFitIntegerColumns) {
  const std::string path = Write("t.json", "{\"i\":1.0}\n{\"i\":1e3}\n{\"i\":1.5}\n{\"i\":300}\n");
  Table t{{"i"}, {kSmall}};
  EXPECT_EQ(Read(path, t), (Rows{"1", "1000", "NULL", "300"}));
  Table tiny{{"i"}, {kTiny}};
  EXPECT_EQ(Read(path, tiny), (Rows{"1", "NULL", "NULL", "NULL"}));
}

TEST_F(JsonReaderTest, BadValuesAreNullOrAnError) {
  const std::string path = Write("t.json", "{\"i\":1}\n{\"i\":\"abc\",\"name\":\"x\"}\n{\"i\":[1]}\n{\"i\":true}\n");
  Table t{{"i"}, {kInt}};
  EXPECT_EQ(Read(path, t), (Rows{"1", "NULL", "NULL", "NULL"}));
  ReadSpec strict;
  strict.options.error_on_bad_value = true;
  const std::string message = ReadError(path, t, strict);
  EXPECT_NE(message.find("t.json:2: column 1 (i): value 'abc' is not a valid integer"), std::string::npos)
      << message;
  EXPECT_NE(message.find("sluice.json.bad_value"), std::string::npos) << message;
}

TEST_F(JsonReaderTest, MalformedLinesFailNamingFileAndLine) {
  for (const std::string bad : {"{\"a\":1", "[1,2]", "not json", "{\"a\":tru}", "{\"a\":1} x", "{\"a\" 1}",
                                "{\"a\":01}", "{\"a\":[1,}"}) {
    const std::string path = Write("t.json", "{\"a\":1}\n\n" + bad + "\n{\"a\":2}\n");
    const std::string message = ReadError(path, Table{{"a"}, {kText}});
    EXPECT_NE(message.find("t.json:3: the line "), std::string::npos) << bad << ": " << message;
    EXPECT_NE(message.find("ignore.malformed.json"), std::string::npos) << message;
  }
  const std::string path = Write("t.json", "{\"a\":1}\n[1]\n");
  EXPECT_NE(ReadError(path, Table{{"a"}, {kInt}}).find("is not a JSON object"), std::string::npos);
}

TEST_F(JsonReaderTest, IgnoredMalformedLinesAreRowsOfNulls) {
  const std::string path = Write("t.json", "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\n\"oops\n{\"a\":3}\n");
  ReadSpec spec;
  spec.options.ignore_malformed = true;
  EXPECT_EQ(Read(path, Table{{"a", "b"}, {kInt, kText}}, spec),
            (Rows{"1|x", "NULL|NULL", "NULL|NULL", "3|NULL"}));
}

TEST_F(JsonReaderTest, UnreadKeysAreOnlyCheckedForStructure) {
  // On-Demand skips values no column reads; a broken literal there passes.
  const std::string path = Write("t.json", "{\"a\":1,\"junk\":tru}\n");
  EXPECT_EQ(Read(path, Table{{"a"}, {kInt}}), (Rows{"1"}));
  EXPECT_NE(ReadError(path, Table{{"a", "junk"}, {kInt, kText}}).find("t.json:1"), std::string::npos);
}

TEST_F(JsonReaderTest, CrlfBomBlankLinesAndLastLineWithoutNewline) {
  const std::string path = Write("t.json", "\xEF\xBB\xBF{\"a\":\"x\"}\r\n\r\n   \n{\"a\":\"y\"}\r\n\n{\"a\":\"z\"}");
  EXPECT_EQ(Read(path, Table{{"a"}, {kText}}), (Rows{"x", "y", "z"}));
}

TEST_F(JsonReaderTest, ProjectionAndCountOnly) {
  const std::string path = Write("t.json", "{\"a\":1,\"b\":\"x\",\"c\":2.5}\n{\"a\":2,\"b\":\"y\",\"c\":3.5}\n");
  Table t{{"a", "b", "c"}, {kInt, kText, kDouble}};
  ReadSpec spec;
  spec.projection = {2, 0};
  EXPECT_EQ(Read(path, t, spec), (Rows{"2.5|1", "3.5|2"}));
  // No columns: only the row count.
  std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
  JsonReader reader(file, csv::CsvSplit{}, JsonOptions{}, t.types, t.names, {});
  DataChunk chunk(std::vector<LogicalType>{});
  uint64_t rows = 0;
  while (reader.Next(chunk)) rows += chunk.size();
  EXPECT_EQ(rows, 2u);
}

std::string ManyLines(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += "{\"id\":" + std::to_string(i) + ",\"name\":\"name-" + std::to_string(i * 7) +
         (i % 3 == 0 ? "-with-a-longer-tail\\n" : "") + "\",\"tags\":[" + std::to_string(i) + "]}";
    s += i % 5 == 0 ? "\r\n" : "\n";
    if (i % 11 == 0) s += "\n";
  }
  return s;
}

TEST_F(JsonReaderTest, AnySplitBoundaryGivesTheSameRows) {
  const std::string text = ManyLines(40);
  const std::string path = Write("t.json", text);
  Table t{{"id", "name", "tags"}, {kBig, kText, kText}};
  const Rows expected = Read(path, t);
  ASSERT_EQ(expected.size(), 40u);
  EXPECT_EQ(expected[3], "3|name-21-with-a-longer-tail\n|[3]");
  std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
  // Two splits cut at every byte.
  for (uint64_t cut = 0; cut <= text.size(); ++cut) {
    Rows rows = ReadSplit(file, csv::CsvSplit{path, 0, cut, text.size()}, t, {});
    for (auto& r : ReadSplit(file, csv::CsvSplit{path, cut, text.size(), text.size()}, t, {})) rows.push_back(r);
    ASSERT_EQ(rows, expected) << "cut at " << cut;
  }
  for (uint64_t split_bytes : {1, 7, 64, 333}) {
    ReadSpec spec;
    spec.split_bytes = split_bytes;
    EXPECT_EQ(Read(path, t, spec), expected) << split_bytes;
  }
}

TEST_F(JsonReaderTest, TinyBlocks) {
  const std::string path = Write("t.json", ManyLines(3000));
  Table t{{"id", "name", "tags"}, {kBig, kText, kText}};
  const Rows expected = Read(path, t);
  ASSERT_EQ(expected.size(), 3000u);
  for (size_t block : {1, 5, 64, 1000}) {
    ReadSpec spec;
    spec.block_size = block;
    EXPECT_EQ(Read(path, t, spec), expected) << block;
    spec.split_bytes = 4096;
    EXPECT_EQ(Read(path, t, spec), expected) << block;
  }
}

TEST_F(JsonReaderTest, GzipInput) {
  const std::string text = ManyLines(2500);
  const std::string plain = Write("t.json", text);
  Table t{{"id", "name", "tags"}, {kBig, kText, kText}};
  const Rows expected = Read(plain, t);
  const std::string gz = Write("t.json.gz", Gzip(text));
  ReadSpec spec;
  spec.split_bytes = 1000;  // ignored: a compressed file is one split
  spec.block_size = 4096;
  EXPECT_EQ(Read(gz, t, spec), expected);
  // Named like a plain file: found by its magic bytes.
  const std::string disguised = Write("t2.json", Gzip(text));
  EXPECT_EQ(Read(disguised, t), expected);
  // Errors in compressed files name the line too.
  const std::string bad = Write("bad.json.gz", Gzip("{\"id\":1}\n{\"id\":2}\n{oops}\n"));
  EXPECT_NE(ReadError(bad, t).find("bad.json.gz:3: the line is not valid JSON"), std::string::npos);
}

TEST_F(JsonReaderTest, ErrorsInLaterSplitsNameTheFileLine) {
  const std::string path = Write("t.json", ManyLines(30) + "{\"id\":\"x\"}\n");
  ReadSpec spec;
  spec.split_bytes = 100;
  spec.options.error_on_bad_value = true;
  const std::string message = ReadError(path, Table{{"id"}, {kBig}}, spec);
  // 30 lines, 3 blank ones (i = 0, 11, 22), then the bad line.
  EXPECT_NE(message.find("t.json:34: column 1 (id): value 'x' is not a valid bigint"), std::string::npos)
      << message;
}

TEST_F(JsonReaderTest, OverlongLinesAreAnError) {
  const std::string path = Write("t.json", "{\"a\":1}\n{\"a\":\"" + std::string(500, 'x') + "\"}\n");
  ReadSpec spec;
  spec.options.max_row_bytes = 100;
  spec.block_size = 64;
  EXPECT_NE(ReadError(path, Table{{"a"}, {kText}}, spec).find("t.json:2: a line is longer than"), std::string::npos);
}

TEST_F(JsonReaderTest, ManyRowsFillSeveralChunks) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{\"s\":\"a-fairly-long-string-" + std::to_string(i) + "\"}\n";
  const std::string path = Write("t.json", text);
  ReadSpec spec;
  spec.block_size = 777;
  const Rows rows = Read(path, Table{{"s"}, {kText}}, spec);
  ASSERT_EQ(rows.size(), 5000u);
  EXPECT_EQ(rows[4999], "a-fairly-long-string-4999");
  EXPECT_EQ(rows[1234], "a-fairly-long-string-1234");
}

}  // namespace
}  // namespace sluice::json
