// Splits: planning, and the same rows whatever the split and block sizes
// (randomised round trips of generated data).
#include <gtest/gtest.h>

#include <random>

#include "csv_test_util.h"
#include "sluice/types/value.h"
#include "test_scale.h"

namespace sluice::csv {
namespace {

using Rows = std::vector<std::string>;

TEST(PlanSplitsTest, EqualPartsCoverTheFile) {
  auto splits = PlanSplits("/x.csv", 1000, 300);
  ASSERT_EQ(splits.size(), 4u);
  uint64_t at = 0;
  for (const auto& s : splits) {
    EXPECT_EQ(s.path, "/x.csv");
    EXPECT_EQ(s.start, at);
    EXPECT_EQ(s.end - s.start, 250u);
    EXPECT_EQ(s.file_size, 1000u);
    at = s.end;
  }
  EXPECT_EQ(at, 1000u);
  EXPECT_EQ(PlanSplits("/x.csv", 1001, 1000).size(), 2u);
  EXPECT_EQ(PlanSplits("/x.csv", 1000, 1000).size(), 1u);
  EXPECT_EQ(PlanSplits("/x.csv", 1000, 0).size(), 1u);
  auto empty = PlanSplits("/x.csv", 0, 100);
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].end, 0u);
}

TEST(PlanSplitsTest, CompressedFilesAreOneSplit) {
  EXPECT_EQ(PlanSplits("s3://b/x.csv.gz", 1 << 30, 1 << 20).size(), 1u);
  EXPECT_EQ(PlanSplits("/x.CSV.GZ", 1 << 30, 1 << 20).size(), 1u);
  EXPECT_EQ(PlanSplits("/x.zst", 1 << 30, 1 << 20).size(), 1u);
  EXPECT_EQ(PlanSplits("/x.tsv.ZSTD", 1 << 30, 1 << 20).size(), 1u);
  EXPECT_EQ(PlanSplits("/x.gzip", 1 << 30, 1 << 20).size(), 1u);
  EXPECT_EQ(PlanSplits("/x.gz.csv", 1 << 30, 1 << 20).size(), 1024u);
  EXPECT_EQ(CompressionFromPath("/a/B.Gz"), Compression::kGzip);
  EXPECT_EQ(CompressionFromPath("/a/b.csv"), Compression::kNone);
}

// A generated table: what each cell must read as, and its CSV text.
struct Generated {
  std::string text;
  Rows expected;
};

std::string RandomText(std::mt19937_64& rng, bool newlines) {
  static const std::string kPlain = "abcxyz XYZ0189-_.;";
  std::string alphabet = kPlain + ",\"'";
  if (newlines) alphabet += "\n\r";
  std::string s;
  const size_t length = rng() % 4 == 0 ? 0 : rng() % 30;
  for (size_t i = 0; i < length; ++i) s += alphabet[rng() % alphabet.size()];
  return s;
}

// RFC 4180 encoding; sometimes quotes fields that need no quotes.
std::string Encode(const std::string& s, std::mt19937_64& rng) {
  const bool needs = s.find_first_of(",\"\n\r") != std::string::npos;
  if (!needs && rng() % 5 != 0) return s;
  std::string out = "\"";
  for (char c : s) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

Generated Generate(uint64_t seed, size_t rows, bool newlines, bool header, bool crlf) {
  std::mt19937_64 rng(seed);
  Generated g;
  if (header) g.text += "id,name,amount,note\n";
  for (size_t r = 0; r < rows; ++r) {
    const bool id_null = rng() % 20 == 0;
    const int64_t id = static_cast<int64_t>(rng() % 2000000) - 1000000;
    const std::string name = RandomText(rng, newlines);
    const bool amount_null = rng() % 20 == 0;
    const double amount = static_cast<double>(rng() % 100000) / 100.0;
    const std::string note = RandomText(rng, newlines);
    char amount_text[32];
    std::snprintf(amount_text, sizeof amount_text, "%.2f", amount);
    std::string line = (id_null ? "" : std::to_string(id)) + "," + Encode(name, rng) + "," +
                       (amount_null ? "" : amount_text) + "," + Encode(note, rng);
    // A row of only empty fields renders as ",,," and is still a row.
    g.text += line + (crlf ? "\r\n" : "\n");
    if (rng() % 50 == 0) g.text += crlf ? "\r\n" : "\n";  // blank lines are skipped
    g.expected.push_back((id_null ? "NULL" : std::to_string(id)) + "|" + name + "|" +
                         (amount_null ? "NULL" : Value::Double(amount).ToString()) + "|" + note);
  }
  if (rng() % 2 && !g.text.empty()) g.text.resize(g.text.size() - (crlf ? 2 : 1));  // no last newline
  return g;
}

class CsvSplitTest : public CsvTest {};

const std::vector<LogicalType> kTypes = {kBig, kText, kDouble, kText};

TEST_F(CsvSplitTest, WholeFileRoundTripsWithEmbeddedNewlines) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const bool header = seed % 2;
    Generated g = Generate(seed, 500, /*newlines=*/true, header, seed % 3 == 0);
    std::string path = Write("n" + std::to_string(seed) + ".csv", g.text);
    ReadSpec spec;
    spec.options.skip_header_lines = header ? 1 : 0;
    EXPECT_EQ(Read(path, kTypes, spec), g.expected) << "seed " << seed;
    spec.block_size = 1 + seed * 37;
    EXPECT_EQ(Read(path, kTypes, spec), g.expected) << "seed " << seed << " with small blocks";
  }
}

TEST_F(CsvSplitTest, SplitsGiveTheSameRowsAsOneRead) {
  std::mt19937_64 rng(77);
  for (uint64_t seed = 1; seed <= static_cast<uint64_t>(test::ScaledCases(30)); ++seed) {
    const bool header = seed % 2;
    Generated g = Generate(seed * 1000, 1 + rng() % 3000, /*newlines=*/false, header, seed % 4 == 0);
    std::string path = Write("s" + std::to_string(seed) + ".csv", g.text);
    ReadSpec spec;
    spec.options.skip_header_lines = header ? 1 : 0;
    const Rows whole = Read(path, kTypes, spec);
    ASSERT_EQ(whole, g.expected) << "seed " << seed;
    for (int trial = 0; trial < 4; ++trial) {
      spec.split_bytes = 1 + rng() % (trial == 0 ? 64 : g.text.size() / 2 + 1);
      spec.block_size = rng() % 2 ? 1 + rng() % 500 : 0;
      ASSERT_EQ(Read(path, kTypes, spec), whole)
          << "seed " << seed << " split " << spec.split_bytes << " block " << spec.block_size;
    }
    // Projections see the same rows too.
    spec.split_bytes = 1 + rng() % 1000;
    spec.projection = {3, 0};
    Rows projected;
    for (const auto& row : whole) {
      const size_t a = row.find('|'), c = row.rfind('|');
      projected.push_back(row.substr(c + 1) + "|" + row.substr(0, a));
    }
    ASSERT_EQ(Read(path, kTypes, spec), projected) << "seed " << seed;
  }
}

TEST_F(CsvSplitTest, EveryByteAsASplitBoundary) {
  Generated g = Generate(5, 60, false, true, true);
  std::string path = Write("b.csv", g.text);
  ReadSpec spec;
  spec.options.skip_header_lines = 1;
  std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
  const uint64_t size = file->Size();
  for (uint64_t cut = 0; cut <= size; ++cut) {
    Rows rows = ReadSplit(file, CsvSplit{path, 0, cut, size}, kTypes, spec);
    for (auto& row : ReadSplit(file, CsvSplit{path, cut, size, size}, kTypes, spec)) rows.push_back(row);
    ASSERT_EQ(rows, g.expected) << "cut at " << cut;
  }
}

TEST_F(CsvSplitTest, EscapedNewlinesAtEveryBoundary) {
  // Hive-style escapes: an escaped newline is text, also where a split
  // starts right after it.
  ReadSpec spec;
  spec.options.escape = '\\';
  spec.options.quote = '\0';
  std::string text;
  Rows expected;
  for (int i = 0; i < 40; ++i) {
    text += std::to_string(i) + ",line\\\nbreak" + (i % 3 ? "\\\\" : "") + "\n";
    expected.push_back(std::to_string(i) + "|line\nbreak" + (i % 3 ? "\\" : ""));
  }
  std::string path = Write("esc.csv", text);
  ASSERT_EQ(Read(path, {kInt, kText}, spec), expected);
  std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(path);
  const uint64_t size = file->Size();
  for (uint64_t cut = 0; cut <= size; ++cut) {
    Rows rows = ReadSplit(file, CsvSplit{path, 0, cut, size}, {kInt, kText}, spec);
    for (auto& row : ReadSplit(file, CsvSplit{path, cut, size, size}, {kInt, kText}, spec)) rows.push_back(row);
    ASSERT_EQ(rows, expected) << "cut at " << cut;
  }
}

TEST_F(CsvSplitTest, HugeRowsStraddleSplits) {
  // Rows of several MiB cross many 1 MiB splits: the split a row starts in
  // reads past its end (in small steps) to finish it; the others skip it.
  std::string text;
  Rows expected;
  for (int i = 0; i < 6; ++i) {
    std::string value(static_cast<size_t>(i) * 1500000 + 10, static_cast<char>('a' + i));
    text += std::to_string(i) + "," + value + "\n";
    expected.push_back(std::to_string(i) + "|" + value);
  }
  std::string path = Write("huge.csv", text);
  ReadSpec spec;
  for (uint64_t split : {uint64_t{1} << 20, uint64_t{3} << 20, uint64_t{65537}}) {
    spec.split_bytes = split;
    EXPECT_EQ(Read(path, {kInt, kText}, spec), expected) << split;
  }
}

TEST_F(CsvSplitTest, CountOnlyReadsCountEveryRow) {
  Generated g = Generate(9, 5000, false, false, false);
  std::string path = Write("c.csv", g.text);
  ReadSpec spec;
  spec.all_columns = false;
  spec.split_bytes = 777;
  EXPECT_EQ(Read(path, kTypes, spec).size(), 5000u);
}

}  // namespace
}  // namespace sluice::csv
