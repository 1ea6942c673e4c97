// Compressed input: gzip and zstd by extension or magic bytes, streamed.
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "csv_test_util.h"

namespace sluice::csv {
namespace {

using Rows = std::vector<std::string>;

std::string Gzip(const std::string& text, int level = 6) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string Lines(int n) {
  std::string text = "id,name\n";
  for (int i = 0; i < n; ++i) text += std::to_string(i) + ",\"n, " + std::to_string(i * 7) + "\"\n";
  return text;
}

class CsvCompressionTest : public CsvTest {
 protected:
  ReadSpec Spec() {
    ReadSpec spec;
    spec.options.skip_header_lines = 1;
    spec.split_bytes = 1000;  // ignored: compressed files are one split
    return spec;
  }
};

TEST_F(CsvCompressionTest, GzipByExtension) {
  const std::string text = Lines(3000);
  const Rows plain = Read(Write("plain.csv", text), {kInt, kText}, Spec());
  ASSERT_EQ(plain.size(), 3000u);
  EXPECT_EQ(Read(Write("a.csv.gz", Gzip(text)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("b.CSV.GZ", Gzip(text, 1)), {kInt, kText}, Spec()), plain);
}

TEST_F(CsvCompressionTest, ZstdByExtension) {
  const std::string text = Lines(3000);
  const Rows plain = Read(Write("plain.csv", text), {kInt, kText}, Spec());
  EXPECT_EQ(Read(Write("a.csv.zst", Zstd(text)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("b.csv.ZSTD", Zstd(text)), {kInt, kText}, Spec()), plain);
}

TEST_F(CsvCompressionTest, CompressedFilesNamedLikePlainOnesAreDetected) {
  const std::string text = Lines(2000);
  const Rows plain = Read(Write("plain.csv", text), {kInt, kText}, Spec());
  // PlanSplits goes by name and cuts these into several splits; the split at
  // 0 reads everything and the others nothing.
  EXPECT_EQ(Read(Write("gzip-inside.csv", Gzip(text)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("zstd-inside.csv", Zstd(text)), {kInt, kText}, Spec()), plain);
}

TEST_F(CsvCompressionTest, ConcatenatedMembersAndFrames) {
  const std::string a = Lines(10), b = "10,x\n11,y\n";
  Rows expected = Read(Write("plain.csv", a + b), {kInt, kText}, Spec());
  EXPECT_EQ(Read(Write("cat.csv.gz", Gzip(a) + Gzip(b)), {kInt, kText}, Spec()), expected);
  EXPECT_EQ(Read(Write("cat.csv.zst", Zstd(a) + Zstd(b)), {kInt, kText}, Spec()), expected);
}

TEST_F(CsvCompressionTest, LargeStreamsCrossManyBlocks) {
  // More than one 8 MiB block of text, and small blocks too.
  const std::string text = Lines(600000);
  ASSERT_GT(text.size(), size_t{8} << 20);
  ReadSpec spec = Spec();
  const Rows plain = Read(Write("plain.csv", text), {kInt, kText}, spec);
  EXPECT_EQ(Read(Write("big.csv.gz", Gzip(text, 1)), {kInt, kText}, spec), plain);
  EXPECT_EQ(Read(Write("big.csv.zst", Zstd(text)), {kInt, kText}, spec), plain);
  spec.block_size = 4096;
  EXPECT_EQ(Read(Path("big.csv.zst"), {kInt, kText}, spec), plain);
}

TEST_F(CsvCompressionTest, BadValueErrorsGiveTheLine) {
  std::string text = Lines(300000);
  text += "oops,x\n";
  ReadSpec spec = Spec();
  spec.options.error_on_bad_value = true;
  spec.block_size = 1 << 16;  // the line is counted across many blocks
  EXPECT_EQ(ReadError(Write("bad.csv.gz", Gzip(text)), {kInt, kText}, spec),
            Path("bad.csv.gz") + ":300002: column 1: value 'oops' is not a valid integer; "
                                 "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
}

TEST_F(CsvCompressionTest, EmptyAndCorruptFiles) {
  EXPECT_TRUE(Read(Write("empty.csv.gz", Gzip("")), {kInt}).empty());
  EXPECT_TRUE(Read(Write("empty.csv.zst", Zstd("")), {kInt}).empty());
  EXPECT_TRUE(Read(Write("zero.csv.gz", ""), {kInt}).empty());
  const std::string gz = Gzip(Lines(1000));
  std::string message = ReadError(Write("cut.csv.gz", gz.substr(0, gz.size() / 2)), {kInt, kText}, {},
                                  ErrorCode::kCorruptFile);
  EXPECT_EQ(message, Path("cut.csv.gz") + ": truncated gzip stream");
  const std::string zst = Zstd(Lines(1000));
  message = ReadError(Write("cut.csv.zst", zst.substr(0, zst.size() / 2)), {kInt, kText}, {},
                      ErrorCode::kCorruptFile);
  EXPECT_EQ(message, Path("cut.csv.zst") + ": truncated zstd stream");
  message = ReadError(Write("junk.csv.gz", "\x1f\x8bnot really gzip"), {kInt}, {}, ErrorCode::kCorruptFile);
  EXPECT_EQ(message.rfind(Path("junk.csv.gz") + ": bad gzip data: ", 0), 0u) << message;
}

}  // namespace
}  // namespace sluice::csv
