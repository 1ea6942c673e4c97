// The guess a later split makes about where its rows start, and the check
// that catches a wrong one (csv::SplitsAligned).
#include <random>

#include "formats/csv/csv_test_util.h"
#include "sluice/formats/csv/split_alignment.h"

namespace sluice::csv {
namespace {

using Rows = std::vector<std::string>;

class SplitAlignmentTest : public CsvTest {
 protected:
  // Rows of every split, and whether the splits' reports say they align.
  std::pair<Rows, bool> ReadSplits(const std::string& path, uint64_t split_bytes, const CsvOptions& options) {
    std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
    const std::vector<LogicalType> types = {kInt, kText, kText};
    Rows rows;
    std::vector<SplitRows> reports;
    for (const auto& split : PlanSplits(path, file->Size(), split_bytes)) {
      CsvReader reader(file, split, options, types, {0, 1, 2});
      DataChunk chunk(types);
      try {
        while (reader.Next(chunk)) {
          for (size_t r = 0; r < chunk.size(); ++r) {
            rows.push_back(chunk.column(0).GetValue(r).ToString() + "|" +
                           chunk.column(1).GetValue(r).ToString() + "|" + chunk.column(2).GetValue(r).ToString());
          }
        }
      } catch (const SluiceError& e) {
        // A wrong guess may also end in "bad data"; the scan reads the file
        // again unsplit then, as for a misalignment.
        EXPECT_EQ(e.code(), ErrorCode::kBadData);
        EXPECT_GT(split.start, 0u) << e.message();
        return {rows, false};
      }
      reports.push_back({split.start, split.end, reader.first_row_offset(), reader.next_row_offset()});
    }
    return {rows, SplitsAligned(reports)};
  }
};

std::string RandomFile(std::mt19937& rng, bool line_breaks) {
  std::string text = "id,a,b\n";
  for (int i = 0; i < 120; ++i) {
    auto field = [&]() -> std::string {
      switch (rng() % 6) {
        case 0: return "plain";
        case 1: return "\"q, with comma\"";
        case 2: return line_breaks ? "\"two\nlines\"" : "\"one line\"";
        case 3: return line_breaks ? "\"x\n\ny, \"\"z\"\"\"" : "\"\"\"z\"\"\"";
        case 4: return "";
        default: return line_breaks ? "\"ends\n\"" : "e";
      }
    };
    text += std::to_string(i) + "," + field() + "," + field() + (rng() % 4 == 0 ? "\r\n" : "\n");
  }
  return text;
}

TEST_F(SplitAlignmentTest, AlignedSplitsReadExactlyTheRowsOfTheWholeFile) {
  std::mt19937 rng(42);
  CsvOptions options;
  options.skip_header_lines = 1;
  size_t misaligned = 0, checked = 0;
  for (int file = 0; file < 20; ++file) {
    const bool line_breaks = file % 2 == 0;
    std::string path = Write("f" + std::to_string(file) + ".csv", RandomFile(rng, line_breaks));
    const Rows whole = ReadSplits(path, 0, options).first;
    ASSERT_EQ(whole.size(), 120u);
    for (uint64_t split : {7, 13, 50, 97, 256, 1000}) {
      auto [rows, aligned] = ReadSplits(path, split, options);
      ++checked;
      if (!line_breaks) {
        EXPECT_TRUE(aligned) << "file " << file << " split " << split;
      }
      if (aligned) {
        EXPECT_EQ(rows, whole) << "file " << file << " split " << split;
      } else {
        ++misaligned;
      }
    }
  }
  // The files with line breaks in quotes do trip the check now and then.
  EXPECT_GT(misaligned, 0u);
  EXPECT_LT(misaligned, checked);
}

TEST_F(SplitAlignmentTest, ARowSpanningWholeSplitsLeavesThemEmpty) {
  std::string path = Write("long.csv", "1,a,b\n2,\"" + std::string(500, 'x') + "\",c\n3,d,e\n");
  auto [rows, aligned] = ReadSplits(path, 64, {});
  EXPECT_TRUE(aligned);
  EXPECT_EQ(rows.size(), 3u);
}

TEST(SplitsAlignedTest, TheChainOfStartsAndEnds) {
  constexpr uint64_t kNone = CsvReader::kNoRowStart;
  EXPECT_TRUE(SplitsAligned({{0, 10, 0, 12}, {10, 20, 12, 25}, {20, 30, 25, 30}}));
  // In any order.
  EXPECT_TRUE(SplitsAligned({{20, 30, 25, 30}, {0, 10, 0, 12}, {10, 20, 12, 25}}));
  // A split that guessed a start past the true one (rows lost) or before it.
  EXPECT_FALSE(SplitsAligned({{0, 10, 0, 12}, {10, 20, 15, 25}, {20, 30, 25, 30}}));
  EXPECT_FALSE(SplitsAligned({{0, 10, 0, 12}, {10, 20, 11, 25}, {20, 30, 25, 30}}));
  // The rows of split 0 reach past split 1, which took none.
  EXPECT_TRUE(SplitsAligned({{0, 10, 0, 22}, {10, 20, kNone, kNone}, {20, 30, 22, 30}}));
  EXPECT_TRUE(SplitsAligned({{0, 10, 0, 22}, {10, 20, 21, 21}, {20, 30, 22, 30}}));
  // ... but took some.
  EXPECT_FALSE(SplitsAligned({{0, 10, 0, 22}, {10, 20, 14, 22}, {20, 30, 22, 30}}));
  // A split that found no start where one was.
  EXPECT_FALSE(SplitsAligned({{0, 10, 0, 12}, {10, 20, kNone, kNone}, {20, 30, 25, 30}}));
}

TEST(SplitsAlignedTest, UnsplittableFilesAreRemembered) {
  EXPECT_FALSE(KnownUnsplittable("/x/unsplittable-test.csv", 100));
  RememberUnsplittable("/x/unsplittable-test.csv", 100);
  EXPECT_TRUE(KnownUnsplittable("/x/unsplittable-test.csv", 100));
  EXPECT_FALSE(KnownUnsplittable("/x/unsplittable-test.csv", 101));  // changed since
}

}  // namespace
}  // namespace sluice::csv
