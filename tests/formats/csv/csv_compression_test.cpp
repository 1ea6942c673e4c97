// Compressed input: every codec by extension or magic bytes, streamed.
#include <bzlib.h>
#include <gtest/gtest.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <atomic>
#include <functional>
#include <random>
#include <tuple>

#include "csv_test_util.h"
#include "sluice/formats/csv/byte_source.h"
#include "sluice/formats/csv/crc32c.h"

namespace sluice::csv {
namespace {

using Rows = std::vector<std::string>;

// ---- Compressors: the libraries, and the Hadoop and snappy framings by hand.

std::string ZlibWrapped(const std::string& text) { return Zlib(text, MAX_WBITS); }
std::string RawDeflate(const std::string& text) { return Zlib(text, -MAX_WBITS); }

std::string Zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string Bzip2(const std::string& text, int block_100k = 9) {
  unsigned size = static_cast<unsigned>(text.size() + text.size() / 100 + 600);
  std::string out(size, '\0');
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(text.data()),
                                     static_cast<unsigned>(text.size()), block_100k, 0, 0),
            BZ_OK);
  out.resize(size);
  return out;
}

// 64 KiB blocks, so a few hundred KiB of text make many; with both checksums.
std::string Lz4Frame(const std::string& text) {
  LZ4F_preferences_t prefs{};
  prefs.frameInfo.blockSizeID = LZ4F_max64KB;
  prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
  prefs.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
  std::string out(LZ4F_compressFrameBound(text.size(), &prefs), '\0');
  size_t n = LZ4F_compressFrame(out.data(), out.size(), text.data(), text.size(), &prefs);
  EXPECT_FALSE(LZ4F_isError(n));
  out.resize(n);
  return out;
}

std::string LittleEndian(uint32_t v, int bytes);
std::string RawLz4(std::string_view data);

// lz4 -l: the magic, then [LE compressed size][raw LZ4] per 8 MiB of text.
std::string Lz4Legacy(const std::string& text) {
  std::string out = LittleEndian(0x184c2102, 4);
  for (size_t at = 0; at < text.size(); at += size_t{8} << 20) {
    std::string block = RawLz4(std::string_view(text).substr(at, size_t{8} << 20));
    out += LittleEndian(static_cast<uint32_t>(block.size()), 4) + block;
  }
  return out;
}

std::string LittleEndian(uint32_t v, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

std::string BigEndian32(uint32_t v) {
  std::string out;
  for (int i = 3; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

std::string Lz4SkippableFrame(const std::string& payload) {
  return LittleEndian(0x184d2a53, 4) + LittleEndian(static_cast<uint32_t>(payload.size()), 4) + payload;
}

std::string RawLz4(std::string_view data) {
  std::string out(LZ4_compressBound(static_cast<int>(data.size())), '\0');
  int n = LZ4_compress_default(data.data(), out.data(), static_cast<int>(data.size()), static_cast<int>(out.size()));
  EXPECT_GT(n, 0);
  out.resize(n);
  return out;
}

std::string RawSnappy(std::string_view data) {
  std::string out;
  snappy::Compress(data.data(), data.size(), &out);
  return out;
}

// Hadoop's BlockCompressorStream: per block the uncompressed length, then
// `chunks` compressed chunks that each hold a part of the block.
std::string HadoopBlocks(const std::string& text, size_t block, size_t chunks,
                         const std::function<std::string(std::string_view)>& compress) {
  std::string out;
  for (size_t at = 0; at < text.size(); at += block) {
    std::string_view piece = std::string_view(text).substr(at, block);
    out += BigEndian32(static_cast<uint32_t>(piece.size()));
    const size_t step = (piece.size() + chunks - 1) / chunks;
    for (size_t c = 0; c < piece.size(); c += step) {
      std::string compressed = compress(piece.substr(c, step));
      out += BigEndian32(static_cast<uint32_t>(compressed.size())) + compressed;
    }
  }
  return out;
}

std::string HadoopLz4(const std::string& text, size_t block = 256 << 10, size_t chunks = 1) {
  return HadoopBlocks(text, block, chunks, RawLz4);
}

std::string HadoopSnappy(const std::string& text, size_t block = 256 << 10, size_t chunks = 1) {
  return HadoopBlocks(text, block, chunks, RawSnappy);
}

const std::string kSnappyStreamIdentifier("\xff\x06\x00\x00sNaPpY", 10);

uint32_t MaskedCrc(std::string_view data) {
  uint32_t crc = Crc32cPortable(data.data(), data.size());
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

std::string SnappyChunk(unsigned char type, const std::string& body) {
  return static_cast<char>(type) + LittleEndian(static_cast<uint32_t>(body.size()), 3) + body;
}

// The snappy framing format; `stored` writes uncompressed chunks.
std::string SnappyFramed(const std::string& text, size_t chunk = 65536, bool stored = false) {
  std::string out = kSnappyStreamIdentifier;
  for (size_t at = 0; at < text.size(); at += chunk) {
    std::string_view piece = std::string_view(text).substr(at, chunk);
    std::string crc = LittleEndian(MaskedCrc(piece), 4);
    out += stored ? SnappyChunk(0x01, crc + std::string(piece)) : SnappyChunk(0x00, crc + RawSnappy(piece));
  }
  return out;
}

std::string Lines(int n) {
  std::string text = "id,name\n";
  for (int i = 0; i < n; ++i) text += std::to_string(i) + ",\"n, " + std::to_string(i * 7) + "\"\n";
  return text;
}

struct Codec {
  std::string name;
  std::string extension;
  Compression compression;
  std::function<std::string(const std::string&)> compress;
  std::string message_name;  // as in "truncated <name> stream"
};

std::vector<Codec> Codecs() {
  return {
      {"gzip", ".gz", Compression::kGzip, [](const std::string& t) { return Gzip(t); }, "gzip"},
      {"zstd", ".zst", Compression::kZstd, Zstd, "zstd"},
      {"bzip2", ".bz2", Compression::kBzip2, [](const std::string& t) { return Bzip2(t); }, "bz2"},
      {"lz4_frame", ".lz4", Compression::kLz4, Lz4Frame, "lz4"},
      {"lz4_legacy", ".lz4", Compression::kLz4, Lz4Legacy, "lz4"},
      {"lz4_hadoop", ".lz4", Compression::kLz4, [](const std::string& t) { return HadoopLz4(t, 4096, 2); }, "lz4"},
      {"snappy_framed", ".snappy", Compression::kSnappy, [](const std::string& t) { return SnappyFramed(t, 4096); },
       "snappy"},
      {"snappy_hadoop", ".snappy", Compression::kSnappy,
       [](const std::string& t) { return HadoopSnappy(t, 4096, 3); }, "snappy"},
      {"deflate_zlib", ".deflate", Compression::kDeflate, ZlibWrapped, "deflate"},
      {"deflate_raw", ".deflate", Compression::kDeflate, RawDeflate, "deflate"},
  };
}

class CsvCompressionTest : public CsvTest {
 protected:
  ReadSpec Spec() {
    ReadSpec spec;
    spec.options.skip_header_lines = 1;
    spec.split_bytes = 1000;  // ignored: compressed files are one split
    return spec;
  }

  // The decompressed bytes, read `step` at a time.
  std::string Decompress(const std::string& path, Compression compression, size_t step = 1 << 16) {
    auto source = OpenDecompressingSource(fs_.OpenForRead(path), compression);
    std::string out;
    std::vector<char> buffer(step);
    while (size_t n = source->Read(buffer.data(), buffer.size())) out.append(buffer.data(), n);
    return out;
  }

  // The kCorruptFile message of decompressing, or "" when it reads.
  std::string DecompressError(const std::string& path, Compression compression) {
    try {
      Decompress(path, compression);
    } catch (const SluiceError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kCorruptFile) << e.message();
      return e.message();
    }
    return "";
  }
};

TEST(Crc32cTest, KnownValuesAndBothPathsAgree) {
  EXPECT_EQ(Crc32c("123456789", 9), 0xe3069283u);
  EXPECT_EQ(Crc32cPortable("123456789", 9), 0xe3069283u);
  EXPECT_EQ(Crc32c("", 0), 0u);
  const std::string zeros(32, '\0');
  EXPECT_EQ(Crc32cPortable(zeros.data(), zeros.size()), 0x8a9136aau);  // RFC 3720 B.4
  std::mt19937 rng(7);
  std::string data(1000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (size_t size : {0, 1, 7, 8, 9, 15, 16, 17, 63, 999, 1000}) {
    for (size_t offset : {0, 1, 3}) {
      if (offset + size > data.size()) continue;
      EXPECT_EQ(Crc32c(data.data() + offset, size), Crc32cPortable(data.data() + offset, size)) << size;
    }
  }
}

TEST(CompressionNamingTest, ExtensionsCaseInsensitively) {
  const std::vector<std::pair<std::string, Compression>> cases = {
      {"a.csv", Compression::kNone},         {"a.gz", Compression::kGzip},
      {"a.GZ", Compression::kGzip},          {"a.csv.gzip", Compression::kGzip},
      {"a.ZST", Compression::kZstd},         {"a.zstd", Compression::kZstd},
      {"a.Bz2", Compression::kBzip2},        {"a.bzip2", Compression::kBzip2},
      {"a.lz4", Compression::kLz4},          {"a.LZ4", Compression::kLz4},
      {"a.snappy", Compression::kSnappy},    {"a.SNAPPY", Compression::kSnappy},
      {"a.deflate", Compression::kDeflate},  {"a.DEFLATE", Compression::kDeflate},
      {"a.lz4.csv", Compression::kNone},     {"snappy", Compression::kNone},
      {"a.bz", Compression::kNone},          {"a.zs", Compression::kNone},
  };
  for (const auto& [name, compression] : cases) {
    EXPECT_EQ(CompressionFromPath(name), compression) << name;
    // A compressed file is one split whatever its size.
    const size_t splits = PlanSplits(name, 1 << 20, 1000).size();
    EXPECT_EQ(splits == 1, compression != Compression::kNone) << name;
  }
}

TEST(CompressionNamingTest, MagicBytes) {
  auto magic = [](const std::string& bytes) {
    return CompressionFromMagic(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  };
  const std::string text = Lines(20);
  EXPECT_EQ(magic(Gzip(text)), Compression::kGzip);
  EXPECT_EQ(magic(Zstd(text)), Compression::kZstd);
  EXPECT_EQ(magic(Bzip2(text)), Compression::kBzip2);
  EXPECT_EQ(magic(Bzip2("")), Compression::kBzip2);  // "BZh9" and the end-of-stream magic
  EXPECT_EQ(magic(Lz4Frame(text)), Compression::kLz4);
  EXPECT_EQ(magic(Lz4Legacy(text)), Compression::kLz4);
  EXPECT_EQ(magic(SnappyFramed(text)), Compression::kSnappy);
  // Too weak a signature: by extension only.
  EXPECT_EQ(magic(ZlibWrapped(text)), Compression::kNone);
  EXPECT_EQ(magic(HadoopLz4(text)), Compression::kNone);
  EXPECT_EQ(magic(HadoopSnappy(text)), Compression::kNone);
  // Text that merely starts like a magic.
  EXPECT_EQ(magic("BZh91,2,3\n"), Compression::kNone);
  EXPECT_EQ(magic(kSnappyStreamIdentifier.substr(0, 9)), Compression::kNone);
  EXPECT_EQ(magic(""), Compression::kNone);
}

TEST_F(CsvCompressionTest, EveryCodecByExtension) {
  const std::string text = Lines(3000);
  const Rows plain = Read(Write("plain.csv", text), {kInt, kText}, Spec());
  ASSERT_EQ(plain.size(), 3000u);
  for (const Codec& codec : Codecs()) {
    const std::string compressed = codec.compress(text);
    EXPECT_EQ(Read(Write(codec.name + ".csv" + codec.extension, compressed), {kInt, kText}, Spec()), plain)
        << codec.name;
    std::string upper = codec.extension;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(Read(Write(codec.name + ".CSV" + upper, compressed), {kInt, kText}, Spec()), plain)
        << codec.name;
    // Small reads exercise every "output buffer full" path.
    EXPECT_EQ(Decompress(Path(codec.name + ".csv" + codec.extension), codec.compression, 13), text)
        << codec.name;
  }
  EXPECT_EQ(Read(Write("b.csv.gzip", Gzip(text, 1)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("b.csv.zstd", Zstd(text)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("b.csv.bzip2", Bzip2(text, 1)), {kInt, kText}, Spec()), plain);
  // Hadoop's DefaultCodec writes .deflate as zlib; a gzip member is read too.
  EXPECT_EQ(Read(Write("b.csv.deflate", Gzip(text)), {kInt, kText}, Spec()), plain);
}

TEST_F(CsvCompressionTest, CompressedFilesNamedLikePlainOnesAreDetected) {
  const std::string text = Lines(2000);
  const Rows plain = Read(Write("plain.csv", text), {kInt, kText}, Spec());
  // PlanSplits goes by name and cuts these into several splits; the split at
  // 0 reads everything and the others nothing.
  EXPECT_EQ(Read(Write("gzip-inside.csv", Gzip(text)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("zstd-inside.csv", Zstd(text)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("bzip2-inside", Bzip2(text)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("lz4-inside.txt", Lz4Frame(text)), {kInt, kText}, Spec()), plain);
  EXPECT_EQ(Read(Write("snappy-inside.csv", SnappyFramed(text)), {kInt, kText}, Spec()), plain);
}

TEST_F(CsvCompressionTest, ConcatenatedMembersStreamsAndFrames) {
  const std::string a = Lines(10), b = "10,x\n11,y\n", c = "12,z\n";
  const Rows expected = Read(Write("plain.csv", a + b + c), {kInt, kText}, Spec());
  ASSERT_EQ(expected.size(), 13u);
  auto read = [&](const std::string& name, const std::string& bytes) {
    return Read(Write(name, bytes), {kInt, kText}, Spec());
  };
  EXPECT_EQ(read("cat.csv.gz", Gzip(a) + Gzip(b) + Gzip(c)), expected);
  EXPECT_EQ(read("cat.csv.zst", Zstd(a) + Zstd(b) + Zstd(c)), expected);
  // As pbzip2 writes: one stream per piece, some of them empty.
  EXPECT_EQ(read("cat.csv.bz2", Bzip2(a) + Bzip2("") + Bzip2(b, 1) + Bzip2(c)), expected);
  EXPECT_EQ(read("cat.csv.lz4", Lz4SkippableFrame("meta") + Lz4Frame(a) + Lz4Frame("") + Lz4Frame(b) +
                                    Lz4SkippableFrame("") + Lz4Frame(c) + Lz4SkippableFrame("tail")),
            expected);
  // Hadoop streams end in a zero-length block; concatenated ones go on.
  EXPECT_EQ(read("cat-legacy.csv.lz4", Lz4Legacy(a) + Lz4Legacy(b + c)), expected);
  EXPECT_EQ(read("cat-hadoop.csv.lz4", HadoopLz4(a, 7) + BigEndian32(0) + HadoopLz4(b) + HadoopLz4(c) +
                                           BigEndian32(0)),
            expected);
  EXPECT_EQ(read("cat-hadoop.csv.snappy", HadoopSnappy(a, 5, 2) + BigEndian32(0) + HadoopSnappy(b + c)),
            expected);
  // Framed snappy: the stream identifier may repeat; padding and reserved
  // skippable chunks are skipped.
  EXPECT_EQ(read("cat.csv.snappy", SnappyFramed(a, 17) + SnappyChunk(0xfe, std::string(9, '\0')) +
                                       SnappyFramed(b, 3, /*stored=*/true) + SnappyChunk(0x80, "skip me") +
                                       SnappyFramed(c)),
            expected);
  EXPECT_EQ(read("cat.csv.deflate", ZlibWrapped(a) + ZlibWrapped(b) + ZlibWrapped(c)), expected);
}

TEST_F(CsvCompressionTest, RowsStraddleDecompressorChunks) {
  // Small Hadoop blocks and snappy chunks and small reader blocks: rows fall
  // across every kind of boundary.
  const std::string text = Lines(40000);
  ReadSpec spec = Spec();
  const Rows plain = Read(Write("plain.csv", text), {kInt, kText}, spec);
  std::vector<std::pair<std::string, std::string>> files = {
      {"tiny-blocks.csv.lz4", HadoopLz4(text, 1000, 3)},
      {"tiny-chunks.csv.snappy", SnappyFramed(text, 100)},
      {"tiny-stored.csv.snappy", SnappyFramed(text, 99, /*stored=*/true)},
      {"tiny-blocks.csv.snappy", HadoopSnappy(text, 777, 2)},
  };
  for (const Codec& codec : Codecs()) files.push_back({codec.name + ".csv" + codec.extension, codec.compress(text)});
  for (const auto& [name, bytes] : files) {
    spec.block_size = 0;
    EXPECT_EQ(Read(Write(name, bytes), {kInt, kText}, spec), plain) << name;
    spec.block_size = 4096;
    EXPECT_EQ(Read(Path(name), {kInt, kText}, spec), plain) << name;
  }
}

TEST_F(CsvCompressionTest, LargeStreamsCrossInputReadsAndBlocks) {
  // More than one 8 MiB block of text (and one legacy LZ4 block), and several
  // 1 MiB compressed reads, so headers and chunks fall across reads.
  const std::string text = Lines(600000);
  ASSERT_GT(text.size(), size_t{8} << 20);
  const std::vector<std::tuple<std::string, Compression, std::string>> files = {
      {"big.csv.gz", Compression::kGzip, Gzip(text, 1)},
      {"big.csv.zst", Compression::kZstd, Zstd(text)},
      {"big.csv.bz2", Compression::kBzip2, Bzip2(text, 1)},
      {"big.csv.lz4", Compression::kLz4, Lz4Frame(text)},
      {"big-hadoop.csv.lz4", Compression::kLz4, HadoopLz4(text, 100000, 3)},
      {"big-legacy.csv.lz4", Compression::kLz4, Lz4Legacy(text)},
      {"big.csv.snappy", Compression::kSnappy, SnappyFramed(text)},
      {"big-stored.csv.snappy", Compression::kSnappy, SnappyFramed(text, 60001, /*stored=*/true)},
      {"big-hadoop.csv.snappy", Compression::kSnappy, HadoopSnappy(text, 333333, 2)},
      {"big.csv.deflate", Compression::kDeflate, ZlibWrapped(text)},
  };
  for (const auto& [name, compression, bytes] : files) {
    if (name.find("hadoop") != std::string::npos || name.find("stored") != std::string::npos) {
      ASSERT_GT(bytes.size(), size_t{1} << 20) << name;  // headers cross 1 MiB reads
    }
    EXPECT_TRUE(Decompress(Write(name, bytes), compression) == text) << name;
  }
  // And through the reader, with its 8 MiB blocks.
  const Rows rows = Read(Path("big-hadoop.csv.snappy"), {kInt, kText}, Spec());
  ASSERT_EQ(rows.size(), 600000u);
  EXPECT_EQ(rows.back(), "599999|n, 4199993");
}

TEST_F(CsvCompressionTest, BytesScannedAreTheCompressedBytes) {
  const std::string text = Lines(5000);
  for (const Codec& codec : Codecs()) {
    const std::string compressed = codec.compress(text);
    std::shared_ptr<RandomAccessFile> file = fs_.OpenForRead(Write(codec.name + codec.extension, compressed));
    std::atomic<uint64_t> scanned{0};
    file->AttachByteCounter(&scanned);
    auto source = OpenDecompressingSource(file, codec.compression);
    std::string out;
    std::vector<char> buffer(1 << 16);
    while (size_t n = source->Read(buffer.data(), buffer.size())) out.append(buffer.data(), n);
    EXPECT_EQ(out, text) << codec.name;
    EXPECT_EQ(scanned.load(), compressed.size()) << codec.name;
  }
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
  EXPECT_EQ(ReadError(Write("bad.csv.bz2", Bzip2(text)), {kInt, kText}, spec),
            Path("bad.csv.bz2") + ":300002: column 1: value 'oops' is not a valid integer; "
                                  "set TBLPROPERTIES ('sluice.csv.bad_value'='null') to read it as NULL");
}

TEST_F(CsvCompressionTest, EmptyFiles) {
  for (const Codec& codec : Codecs()) {
    // Nothing at all, and an empty stream of the codec.
    EXPECT_TRUE(Read(Write("zero-" + codec.name + ".csv" + codec.extension, ""), {kInt}).empty()) << codec.name;
    EXPECT_TRUE(Read(Write("empty-" + codec.name + ".csv" + codec.extension, codec.compress("")), {kInt}).empty())
        << codec.name;
  }
  // What Hadoop writes for an empty file: one zero-length block.
  EXPECT_TRUE(Read(Write("empty-hadoop.csv.lz4", BigEndian32(0)), {kInt}).empty());
  EXPECT_TRUE(Read(Write("empty-hadoop.csv.snappy", BigEndian32(0)), {kInt}).empty());
  EXPECT_TRUE(Read(Write("empty.csv.snappy", kSnappyStreamIdentifier), {kInt}).empty());
  EXPECT_TRUE(Read(Write("empty.csv.bz2", Bzip2("")), {kInt}).empty());
}

TEST_F(CsvCompressionTest, TruncatedStreamsOfEveryCodec) {
  const std::string text = Lines(1000);
  for (const Codec& codec : Codecs()) {
    const std::string compressed = codec.compress(text);
    const std::string name = "cut-" + codec.name + ".csv" + codec.extension;
    const std::string message = ReadError(Write(name, compressed.substr(0, compressed.size() / 2 + 1)),
                                          {kInt, kText}, {}, ErrorCode::kCorruptFile);
    EXPECT_EQ(message, Path(name) + ": truncated " + codec.message_name + " stream") << codec.name;
  }
}

TEST_F(CsvCompressionTest, EveryPrefixIsAnErrorOrAPrefixOfTheText) {
  // Formats without an end marker (Hadoop blocks, snappy framing) may end
  // cleanly at a chunk boundary; none may crash, hang or invent bytes.
  const std::string text = Lines(150);
  for (const Codec& codec : Codecs()) {
    const std::string compressed = codec.compress(text);
    const bool has_end_marker = codec.name.find("hadoop") == std::string::npos &&
                                codec.name.find("legacy") == std::string::npos &&
                                codec.name.find("snappy_framed") == std::string::npos;
    int errors = 0;
    for (size_t cut = 1; cut < compressed.size(); cut += cut < 64 ? 1 : 5) {
      const std::string path = Write(codec.name + "-prefix" + codec.extension, compressed.substr(0, cut));
      std::string out;
      try {
        out = Decompress(path, codec.compression, 1000);
      } catch (const SluiceError& e) {
        ASSERT_EQ(e.code(), ErrorCode::kCorruptFile) << codec.name << " " << cut << ": " << e.message();
        ++errors;
        continue;
      }
      EXPECT_FALSE(has_end_marker) << codec.name << " cut at " << cut << " read without error";
      EXPECT_EQ(out, text.substr(0, out.size())) << codec.name << " " << cut;
    }
    EXPECT_GT(errors, 0) << codec.name;
  }
}

TEST_F(CsvCompressionTest, FlippedBytesNeverCrash) {
  const std::string text = Lines(150);
  for (const Codec& codec : Codecs()) {
    const std::string compressed = codec.compress(text);
    for (size_t at = 0; at < compressed.size(); at += 3) {
      std::string bad = compressed;
      bad[at] = static_cast<char>(bad[at] ^ (at % 2 ? 0xff : 0x10));
      const std::string path = Write(codec.name + "-flip" + codec.extension, bad);
      try {
        Decompress(path, codec.compression, 777);
      } catch (const SluiceError& e) {
        ASSERT_EQ(e.code(), ErrorCode::kCorruptFile) << codec.name << " " << at << ": " << e.message();
      }
    }
  }
}

TEST_F(CsvCompressionTest, CorruptDataOfEveryCodec) {
  auto error = [&](const std::string& name, const std::string& bytes) {
    return ReadError(Write(name, bytes), {kInt, kText}, {}, ErrorCode::kCorruptFile);
  };
  auto starts = [&](const std::string& message, const std::string& name, const std::string& what) {
    return message.rfind(Path(name) + ": " + what, 0) == 0;
  };
  const std::string text = Lines(1000);

  std::string message = error("junk.csv.gz", "\x1f\x8bnot really gzip");
  EXPECT_TRUE(starts(message, "junk.csv.gz", "bad gzip data: ")) << message;

  message = error("junk.csv.bz2", "BZh9 not really bzip2");
  EXPECT_TRUE(starts(message, "junk.csv.bz2", "bad bz2 data: ")) << message;
  std::string bz2 = Bzip2(text);
  bz2[bz2.size() / 2] ^= 0x55;  // the block CRC catches it
  message = error("flip.csv.bz2", bz2);
  EXPECT_TRUE(starts(message, "flip.csv.bz2", "bad bz2 data: ")) << message;
  message = error("trailing.csv.bz2", Bzip2(text) + "garbage!");
  EXPECT_TRUE(starts(message, "trailing.csv.bz2", "bad bz2 data: ")) << message;

  std::string lz4 = Lz4Frame(text);
  lz4[lz4.size() / 2] ^= 0x01;  // the block checksum catches it
  message = error("flip.csv.lz4", lz4);
  EXPECT_TRUE(starts(message, "flip.csv.lz4", "bad lz4 data: ")) << message;
  // A Hadoop block length is no allocation request.
  EXPECT_EQ(error("huge.csv.lz4", BigEndian32(0x7fffffff) + BigEndian32(5) + "abcde"),
            Path("huge.csv.lz4") + ": bad lz4 data: length 2147483647 exceeds 1 GiB");
  EXPECT_EQ(error("long-chunk.csv.lz4", BigEndian32(100) + BigEndian32(1000000) + "abcde"),
            Path("long-chunk.csv.lz4") + ": truncated lz4 stream");
  EXPECT_EQ(error("legacy.csv.lz4", LittleEndian(0x184c2102, 4) + LittleEndian(0x7fffffff, 4)),
            Path("legacy.csv.lz4") + ": bad lz4 data: legacy block of 2147483647 bytes");
  message = error("garbage.csv.lz4", BigEndian32(100) + BigEndian32(5) + "\xff\xff\xff\xff\xff");
  EXPECT_TRUE(starts(message, "garbage.csv.lz4", "bad lz4 data: ")) << message;
  EXPECT_EQ(error("empty-chunk.csv.lz4", BigEndian32(10) + BigEndian32(0) + HadoopLz4(text).substr(4)),
            Path("empty-chunk.csv.lz4") + ": bad lz4 data: empty chunk in a block of 10 bytes");
  // A chunk may not produce more than its block announced.
  message = error("short-block.csv.lz4", BigEndian32(10) + HadoopLz4(text).substr(4));
  EXPECT_TRUE(starts(message, "short-block.csv.lz4", "bad lz4 data: ")) << message;

  std::string framed = SnappyFramed(text);
  framed[kSnappyStreamIdentifier.size() + 5] ^= 0x01;  // the first chunk's CRC
  EXPECT_EQ(error("crc.csv.snappy", framed), Path("crc.csv.snappy") + ": bad snappy data: checksum mismatch");
  std::string stored = SnappyFramed(text, 1000, /*stored=*/true);
  stored[stored.size() - 3] ^= 0x20;  // data of a stored chunk
  EXPECT_EQ(error("crc-stored.csv.snappy", stored),
            Path("crc-stored.csv.snappy") + ": bad snappy data: checksum mismatch");
  EXPECT_EQ(error("reserved.csv.snappy", SnappyFramed("1,a\n") + SnappyChunk(0x02, "xxxx")),
            Path("reserved.csv.snappy") + ": bad snappy data: unskippable chunk of type 2");
  EXPECT_EQ(error("bad-id.csv.snappy", SnappyFramed("1,a\n") + kSnappyStreamIdentifier.substr(0, 9) + "X"),
            Path("bad-id.csv.snappy") + ": bad snappy data: bad stream identifier");
  EXPECT_EQ(error("huge.csv.snappy", BigEndian32(0x40000001) + BigEndian32(3) + "abc"),
            Path("huge.csv.snappy") + ": bad snappy data: length 1073741825 exceeds 1 GiB");
  // A raw snappy chunk whose header claims far more than it could expand to.
  EXPECT_EQ(error("bomb.csv.snappy", BigEndian32(1 << 30) + BigEndian32(5) + "\x80\x80\x80\x80\x03"),
            Path("bomb.csv.snappy") + ": bad snappy data: chunk claims 805306368 bytes");
  std::string hadoop_snappy = HadoopSnappy(text);
  hadoop_snappy[hadoop_snappy.size() / 2] ^= 0x7f;
  try {
    Read(Write("flip.csv.snappy", hadoop_snappy), {kInt, kText});  // no checksum: may decode
  } catch (const SluiceError& e) {
    EXPECT_TRUE(e.code() == ErrorCode::kCorruptFile || e.code() == ErrorCode::kBadData) << e.message();
  }

  // BTYPE 11 is reserved in deflate.
  message = error("junk.csv.deflate", "\x07\x00\x00\x00");
  EXPECT_TRUE(starts(message, "junk.csv.deflate", "bad deflate data: ")) << message;
  std::string zlib = ZlibWrapped(text);
  zlib[zlib.size() - 2] ^= 0x01;  // the Adler-32
  message = error("adler.csv.deflate", zlib);
  EXPECT_TRUE(starts(message, "adler.csv.deflate", "bad deflate data: ")) << message;
}

}  // namespace
}  // namespace sluice::csv
