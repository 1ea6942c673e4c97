#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <random>

#include "sluice/common/error.h"
#include "sluice/formats/csv/csv_reader.h"
#include "sluice/storage/local_file_system.h"

namespace sluice::csv {
namespace {

class CsvReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice-csv-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& contents) {
    std::string path = (dir_ / name).string();
    fs_.WriteAll(path, contents);
    return path;
  }

  // Reads all splits of a file; rows rendered "a|b|c".
  std::vector<std::string> Read(const std::string& path, std::vector<LogicalType> types,
                                CsvOptions options = {}, uint64_t split_bytes = 0,
                                std::vector<size_t> projection = {}) {
    if (projection.empty()) {
      for (size_t i = 0; i < types.size(); ++i) projection.push_back(i);
    }
    std::vector<LogicalType> out_types;
    for (size_t p : projection) out_types.push_back(types[p]);
    std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
    std::vector<std::string> rows;
    for (const auto& split : PlanSplits(path, file->Size(), split_bytes)) {
      CsvReader reader(file, split, options, types, projection);
      DataChunk chunk(out_types);
      while (reader.Next(chunk)) {
        for (size_t r = 0; r < chunk.size(); ++r) {
          std::string row;
          for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
            row += (c ? "|" : "") + chunk.column(c).GetValue(r).ToString();
          }
          rows.push_back(row);
        }
        chunk.Reset();
      }
    }
    return rows;
  }

  std::filesystem::path dir_;
  LocalFileSystem fs_;
};

const LogicalType V = LogicalType::Varchar();
const LogicalType I = LogicalType::Integer();
const LogicalType D = LogicalType::Double();

TEST_F(CsvReaderTest, QuotesCrlfBomHeaderAndMissingNewline) {
  std::string path = Write("a.csv",
                           "\xEF\xBB\xBFname,n,x\r\n"
                           "\"a, b\",1,1.5\r\n"
                           "\"say \"\"hi\"\"\",,2\r\n"
                           "\"multi\nline\",3,\r\n"
                           "plain,4,4.25");
  CsvOptions o;
  o.skip_header_lines = 1;
  auto rows = Read(path, {V, I, D}, o);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], "a, b|1|1.5");
  EXPECT_EQ(rows[1], "say \"hi\"|NULL|2.0");
  EXPECT_EQ(rows[2], "multi\nline|3|NULL");
  EXPECT_EQ(rows[3], "plain|4|4.25");
}

TEST_F(CsvReaderTest, FewerAndMoreFieldsThanColumns) {
  std::string path = Write("b.csv", "1,2\n3\n4,5,6,7\n\n");
  auto rows = Read(path, {I, I, I});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], "1|2|NULL");
  EXPECT_EQ(rows[1], "3|NULL|NULL");
  EXPECT_EQ(rows[2], "4|5|6");
}

TEST_F(CsvReaderTest, BadValuesAreNullOrNamedErrors) {
  std::string path = Write("c.csv", "h\n1\nx2\n");
  CsvOptions o;
  o.skip_header_lines = 1;
  auto rows = Read(path, {I}, o);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], "NULL");
  o.error_on_bad_value = true;
  try {
    Read(path, {I}, o);
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadData);
    EXPECT_NE(e.message().find("c.csv:3: column 1"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("'x2' is not a valid integer"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("sluice.csv.bad_value"), std::string::npos);
  }
}

TEST_F(CsvReaderTest, UnterminatedQuoteIsAnError) {
  std::string path = Write("d.csv", "1,\"open\n2,x\n");
  EXPECT_THROW(Read(path, {I, V}), SluiceError);
}

TEST_F(CsvReaderTest, SplitsGiveTheSameRowsAsOneRead) {
  std::mt19937 rng(42);
  std::string text = "id,title,value\n";
  for (int i = 0; i < 20000; ++i) {
    text += std::to_string(i) + ",";
    if (rng() % 3 == 0) text += "\"t, " + std::to_string(rng() % 1000) + " \"\"q\"\"\"";
    else text += "title" + std::to_string(rng() % 100);
    text += "," + std::to_string(rng() % 100000) + "." + std::to_string(rng() % 100) + "\n";
  }
  std::string path = Write("e.csv", text);
  CsvOptions o;
  o.skip_header_lines = 1;
  auto whole = Read(path, {I, V, D}, o);
  ASSERT_EQ(whole.size(), 20000u);
  for (uint64_t split : {1000u, 4096u, 77777u}) {
    EXPECT_EQ(Read(path, {I, V, D}, o, split), whole) << "split size " << split;
  }
  // Projection of one column.
  auto ids = Read(path, {I, V, D}, o, 5000, {0});
  ASSERT_EQ(ids.size(), 20000u);
  EXPECT_EQ(ids[12345], "12345");
}

TEST_F(CsvReaderTest, GzipFilesAreDecompressed) {
  std::string text = "a,1\nb,2\n";
  std::string path = (dir_ / "f.CSV.GZ").string();
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  auto rows = Read(path, {V, I}, {}, 1);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], "b|2");
}

TEST_F(CsvReaderTest, EmptyFileAndNullString) {
  EXPECT_TRUE(Read(Write("g.csv", ""), {I}).empty());
  CsvOptions o;
  o.delimiter = '|';
  o.quote = '\0';
  o.null_string = "\\N";
  o.null_string_set = true;
  auto rows = Read(Write("h.csv", "\\N|\"q\"\n"), {V, V}, o);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], "NULL|\"q\"");
}

}  // namespace
}  // namespace sluice::csv
