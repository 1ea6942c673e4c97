#pragma once

// Shared by the CSV tests: a temp directory per test, and reading a file
// (all its splits) into rows rendered as "a|b|c".
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "compression_test_util.h"
#include "sluice/common/error.h"
#include "sluice/formats/csv/csv_reader.h"
#include "sluice/storage/local_file_system.h"

namespace sluice::csv {

using test::Gzip;
using test::Zlib;

inline const LogicalType kBool = LogicalType::Boolean();
inline const LogicalType kTiny = LogicalType::Tinyint();
inline const LogicalType kSmall = LogicalType::Smallint();
inline const LogicalType kInt = LogicalType::Integer();
inline const LogicalType kBig = LogicalType::Bigint();
inline const LogicalType kReal = LogicalType::Real();
inline const LogicalType kDouble = LogicalType::Double();
inline const LogicalType kText = LogicalType::Varchar();
inline const LogicalType kDate = LogicalType::Date();
inline const LogicalType kTimestamp = LogicalType::Timestamp();

struct ReadSpec {
  CsvOptions options;
  uint64_t split_bytes = 0;              // 0: one split
  std::vector<size_t> projection;        // empty with all_columns: every column
  bool all_columns = true;
  size_t block_size = 0;                 // 0: the reader's default
  std::vector<std::string> column_names;
};

class CsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice-csv-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::string Write(const std::string& name, const std::string& contents) {
    std::string path = Path(name);
    fs_.WriteAll(path, contents);
    return path;
  }

  // Rows of one split, rendered "a|b|c" (NULL for nulls).
  std::vector<std::string> ReadSplit(const std::shared_ptr<RandomAccessFile>& file, const CsvSplit& split,
                                     const std::vector<LogicalType>& types, const ReadSpec& spec) {
    std::vector<size_t> projection = spec.projection;
    if (projection.empty() && spec.all_columns) {
      for (size_t i = 0; i < types.size(); ++i) projection.push_back(i);
    }
    std::vector<LogicalType> out_types;
    for (size_t p : projection) out_types.push_back(types[p]);
    CsvReader reader(file, split, spec.options, types, projection);
    if (spec.block_size) reader.SetBlockSizeForTesting(spec.block_size);
    if (!spec.column_names.empty()) reader.SetColumnNames(spec.column_names);
    DataChunk chunk(out_types);
    std::vector<std::string> rows;
    uint64_t count = 0;
    while (reader.Next(chunk)) {
      EXPECT_GT(chunk.size(), 0u);
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

  // Rows of every split of the file, in order.
  std::vector<std::string> Read(const std::string& path, const std::vector<LogicalType>& types,
                                const ReadSpec& spec = {}) {
    std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
    std::vector<std::string> rows;
    for (const auto& split : PlanSplits(path, file->Size(), spec.split_bytes)) {
      for (auto& row : ReadSplit(file, split, types, spec)) rows.push_back(std::move(row));
    }
    return rows;
  }

  // The SluiceError message of reading the file, or "" when it reads.
  std::string ReadError(const std::string& path, const std::vector<LogicalType>& types,
                        const ReadSpec& spec = {}, ErrorCode expected = ErrorCode::kBadData) {
    try {
      Read(path, types, spec);
    } catch (const SluiceError& e) {
      EXPECT_EQ(e.code(), expected) << e.message();
      return e.message();
    }
    return "";
  }

  std::filesystem::path dir_;
  LocalFileSystem fs_;
};

}  // namespace sluice::csv
