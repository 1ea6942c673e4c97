// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY: the
// spec's worked examples, round trips, other writers' block layouts (from a
// bit-at-a-time reference encoder), partial decodes, and hostile input.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "sluice/formats/parquet/delta_encoding.h"
#include "sluice/formats/parquet/rle_bit_packing.h"

namespace sluice::parquet {
namespace {

const uint8_t* Bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

std::string Hex(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

template <typename T>
std::vector<T> Decode(const std::string& enc, size_t count, size_t* consumed = nullptr) {
  std::vector<T> out(count);
  size_t used = 0;
  EXPECT_TRUE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), count, out.data(), &used));
  if (consumed) *consumed = used;
  return out;
}

// --- A reference writer: one bit at a time, any block layout -----------------

void PutUleb(uint64_t v, std::string& out) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    if (v) b |= 0x80;
    out.push_back(static_cast<char>(b));
  } while (v);
}

void PutBits(std::vector<uint8_t>& bytes, size_t& bitpos, uint64_t v, int width) {
  for (int b = 0; b < width; ++b, ++bitpos) {
    if (bitpos / 8 >= bytes.size()) bytes.push_back(0);
    if ((v >> b) & 1) bytes[bitpos / 8] |= static_cast<uint8_t>(1u << (bitpos % 8));
  }
}

// `bits` is 32 or 64: the arithmetic width. Unneeded bit widths of the last
// block get `junk_width`; miniblock padding gets random bits when junk_padding.
std::string ReferenceEncode(const std::vector<int64_t>& values, uint64_t block_size, uint64_t miniblocks,
                            int bits, uint8_t junk_width, bool junk_padding, std::mt19937_64& rng) {
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  const uint64_t per_mini = block_size / miniblocks;
  auto as_signed = [&](uint64_t u) -> int64_t {
    u &= mask;
    if (bits == 32) return static_cast<int32_t>(static_cast<uint32_t>(u));
    return static_cast<int64_t>(u);
  };
  std::string out;
  PutUleb(block_size, out);
  PutUleb(miniblocks, out);
  PutUleb(values.size(), out);
  int64_t first = values.empty() ? 0 : as_signed(static_cast<uint64_t>(values[0]));
  PutUleb((static_cast<uint64_t>(first) << 1) ^ static_cast<uint64_t>(first >> 63), out);
  for (size_t start = 1; start < values.size(); start += block_size) {
    size_t n = std::min<size_t>(block_size, values.size() - start);
    std::vector<uint64_t> deltas(n);
    int64_t min_delta = std::numeric_limits<int64_t>::max();
    for (size_t k = 0; k < n; ++k) {
      deltas[k] = (static_cast<uint64_t>(values[start + k]) - static_cast<uint64_t>(values[start + k - 1])) & mask;
      min_delta = std::min(min_delta, as_signed(deltas[k]));
    }
    PutUleb((static_cast<uint64_t>(min_delta) << 1) ^ static_cast<uint64_t>(min_delta >> 63), out);
    std::vector<int> widths(miniblocks, 0);
    size_t used = (n + per_mini - 1) / per_mini;
    for (size_t m = 0; m < miniblocks; ++m) {
      if (m >= used) {
        out.push_back(static_cast<char>(junk_width));
        continue;
      }
      uint64_t all = 0;
      for (size_t k = m * per_mini; k < std::min<size_t>(n, (m + 1) * per_mini); ++k) {
        all |= (deltas[k] - static_cast<uint64_t>(min_delta)) & mask;
      }
      widths[m] = std::bit_width(all);
      out.push_back(static_cast<char>(widths[m]));
    }
    for (size_t m = 0; m < used; ++m) {
      std::vector<uint8_t> body;
      size_t bitpos = 0;
      for (size_t k = m * per_mini; k < (m + 1) * per_mini; ++k) {
        uint64_t v = k < n ? (deltas[k] - static_cast<uint64_t>(min_delta)) & mask
                           : (junk_padding ? rng() : 0);
        if (widths[m] < 64) v &= (uint64_t{1} << widths[m]) - 1;
        PutBits(body, bitpos, v, widths[m]);
      }
      out.append(body.begin(), body.end());
    }
  }
  return out;
}

// --- Data patterns ------------------------------------------------------------

const size_t kCounts[] = {0, 1, 2, 31, 32, 33, 127, 128, 129, 255, 256, 257, 1000};

template <typename T>
std::vector<std::vector<T>> Patterns(size_t n, std::mt19937_64& rng) {
  constexpr T kMin = std::numeric_limits<T>::min();
  constexpr T kMax = std::numeric_limits<T>::max();
  std::vector<std::vector<T>> out;
  std::vector<T> v(n);
  // full range random
  for (auto& x : v) x = static_cast<T>(rng());
  out.push_back(v);
  // sorted
  std::sort(v.begin(), v.end());
  out.push_back(v);
  // constant
  std::fill(v.begin(), v.end(), static_cast<T>(-42));
  out.push_back(v);
  // extremes, alternating: deltas that wrap around
  for (size_t i = 0; i < n; ++i) v[i] = i % 2 ? kMin : kMax;
  out.push_back(v);
  for (size_t i = 0; i < n; ++i) v[i] = i % 3 == 0 ? kMin : i % 3 == 1 ? kMax : 0;
  out.push_back(v);
  // small noisy increments around a large base
  using U = std::make_unsigned_t<T>;
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<T>(static_cast<U>(kMax - 1000) + static_cast<U>(rng() % 17) + static_cast<U>(i));
  out.push_back(v);
  // sequential with one outlier per block
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<T>(i % 100 == 7 ? kMin : static_cast<T>(i));
  out.push_back(v);
  // random small values
  for (auto& x : v) x = static_cast<T>(static_cast<int64_t>(rng() % 200) - 100);
  out.push_back(v);
  return out;
}

// --- Spec examples ------------------------------------------------------------

TEST(DeltaBinaryPackedTest, SpecExample1) {
  // Block size 8 with one miniblock (the spec's shortened layout):
  // header 8, 1, 5, first 1; block min delta 1, bit width 0.
  std::string enc = Hex({0x08, 0x01, 0x05, 0x02, 0x02, 0x00});
  size_t consumed = 0;
  EXPECT_EQ(Decode<int32_t>(enc, 5, &consumed), (std::vector<int32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(consumed, enc.size());
  EXPECT_EQ(Decode<int64_t>(enc, 5), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  uint64_t total = 0;
  ASSERT_TRUE(DeltaBinaryPackedCount(Bytes(enc), enc.size(), &total));
  EXPECT_EQ(total, 5u);
}

TEST(DeltaBinaryPackedTest, SpecExample2) {
  // Header 8, 1, 8, first 7; block min delta -2, bit width 2, then
  // 0,0,0,3,3,3,3 (+ one padding value) on 2 bits.
  std::string enc = Hex({0x08, 0x01, 0x08, 0x0E, 0x03, 0x02, 0xC0, 0x3F});
  size_t consumed = 0;
  EXPECT_EQ(Decode<int32_t>(enc, 8, &consumed), (std::vector<int32_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_EQ(consumed, enc.size());
}

TEST(DeltaBinaryPackedTest, EncoderWritesSpecExample2In128Blocks) {
  std::vector<int32_t> v = {7, 5, 3, 1, 2, 3, 4, 5};
  std::string enc;
  EncodeDeltaBinaryPacked(v.data(), v.size(), enc);
  // 128, 4 miniblocks, 8 values, first 7; min delta -2; widths 2,0,0,0; one
  // miniblock of 32 two-bit values.
  EXPECT_EQ(enc, Hex({0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F, 0, 0, 0, 0, 0, 0}));
  std::string enc64;
  std::vector<int64_t> v64(v.begin(), v.end());
  EncodeDeltaBinaryPacked(v64.data(), v64.size(), enc64);
  EXPECT_EQ(enc64, enc);
}

TEST(DeltaBinaryPackedTest, EmptyAndSingle) {
  std::string enc;
  EncodeDeltaBinaryPacked(static_cast<const int64_t*>(nullptr), 0, enc);
  EXPECT_EQ(enc, Hex({0x80, 0x01, 0x04, 0x00, 0x00}));
  size_t consumed = 99;
  EXPECT_TRUE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), 0, static_cast<int64_t*>(nullptr), &consumed));
  EXPECT_EQ(consumed, enc.size());

  enc.clear();
  int32_t one = -3;
  EncodeDeltaBinaryPacked(&one, 1, enc);
  EXPECT_EQ(enc, Hex({0x80, 0x01, 0x04, 0x01, 0x05}));  // no blocks for a lone value
  EXPECT_EQ(Decode<int32_t>(enc, 1), std::vector<int32_t>{-3});
}

// --- Round trips --------------------------------------------------------------

template <typename T>
void CheckRoundTrip(const std::vector<T>& v) {
  std::string enc;
  EncodeDeltaBinaryPacked(v.data(), v.size(), enc);
  uint64_t total = 0;
  ASSERT_TRUE(DeltaBinaryPackedCount(Bytes(enc), enc.size(), &total));
  ASSERT_EQ(total, v.size());
  size_t consumed = 0;
  ASSERT_EQ(Decode<T>(enc, v.size(), &consumed), v);
  ASSERT_EQ(consumed, enc.size());
  // Trailing data does not change what is consumed.
  std::string padded = enc + "trailing bytes";
  ASSERT_EQ(Decode<T>(padded, v.size(), &consumed), v);
  ASSERT_EQ(consumed, enc.size());
  // Partial decodes still consume the whole run.
  for (size_t n : {size_t{0}, size_t{1}, v.size() / 2, v.size() > 0 ? v.size() - 1 : 0}) {
    if (n > v.size()) continue;
    std::vector<T> part = Decode<T>(padded, n, &consumed);
    ASSERT_EQ(part, std::vector<T>(v.begin(), v.begin() + static_cast<ptrdiff_t>(n)));
    ASSERT_EQ(consumed, enc.size());
  }
  // More values than the header holds.
  std::vector<T> out(v.size() + 1);
  ASSERT_FALSE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), v.size() + 1, out.data(), &consumed));
}

TEST(DeltaBinaryPackedTest, RoundTripInt32) {
  std::mt19937_64 rng(1);
  for (size_t n : kCounts) {
    for (const auto& v : Patterns<int32_t>(n, rng)) {
      SCOPED_TRACE(n);
      CheckRoundTrip(v);
    }
  }
}

TEST(DeltaBinaryPackedTest, RoundTripInt64) {
  std::mt19937_64 rng(2);
  for (size_t n : kCounts) {
    for (const auto& v : Patterns<int64_t>(n, rng)) {
      SCOPED_TRACE(n);
      CheckRoundTrip(v);
    }
  }
}

TEST(DeltaBinaryPackedTest, Int32WidthsStayWithin32Bits) {
  // Full-range values: 64-bit deltas would need 33 bits.
  std::mt19937_64 rng(12);
  std::vector<int32_t> v(300);
  for (auto& x : v) x = static_cast<int32_t>(rng());
  std::string enc;
  EncodeDeltaBinaryPacked(v.data(), v.size(), enc);
  // The first block's bit widths follow the header's four varints and the
  // block's min delta.
  const uint8_t* p = Bytes(enc);
  size_t pos = 0;
  auto skip_varint = [&] {
    while (p[pos++] & 0x80) {
    }
  };
  for (int i = 0; i < 5; ++i) skip_varint();
  for (int m = 0; m < 4; ++m) {
    EXPECT_LE(p[pos + m], 32);
    EXPECT_GE(p[pos + m], 31);
  }
  EXPECT_EQ(Decode<int32_t>(enc, v.size()), v);
}

TEST(DeltaBinaryPackedTest, Int32ReadsDeltasTakenIn64Bits) {
  // DuckDB encodes INT32 columns with 64-bit deltas: full-range values then
  // need 33-bit miniblocks, which an INT32 reader must accept.
  std::mt19937_64 rng(13);
  std::vector<int32_t> v(300);
  for (auto& x : v) x = static_cast<int32_t>(rng());
  v[0] = std::numeric_limits<int32_t>::min();
  v[1] = std::numeric_limits<int32_t>::max();
  std::vector<int64_t> wide(v.begin(), v.end());
  std::string enc;
  EncodeDeltaBinaryPacked(wide.data(), wide.size(), enc);
  EXPECT_EQ(Decode<int32_t>(enc, v.size()), v);
}

TEST(DeltaBinaryPackedTest, ConstantRunsCompressToHeaders) {
  std::vector<int64_t> v(128 * 10 + 1, 123456789012345LL);
  std::string enc;
  EncodeDeltaBinaryPacked(v.data(), v.size(), enc);
  // Each block: min delta 0 (1 byte) + 4 zero widths.
  EXPECT_LE(enc.size(), 16 + 10 * 5u);
  EXPECT_EQ(Decode<int64_t>(enc, v.size()), v);
}

// --- Other writers' layouts ------------------------------------------------

TEST(DeltaBinaryPackedTest, DecodesOtherBlockLayouts) {
  std::mt19937_64 rng(3);
  struct Layout {
    uint64_t block, minis;
  };
  const Layout layouts[] = {{128, 4}, {128, 1}, {256, 4}, {256, 8}, {512, 4}, {1024, 8}, {8, 1}, {64, 2}, {128, 16}};
  for (const auto& layout : layouts) {
    for (size_t n : {size_t{1}, size_t{2}, size_t{33}, size_t{129}, size_t{700}, size_t{2049}}) {
      for (bool junk : {false, true}) {
        SCOPED_TRACE(testing::Message() << layout.block << "/" << layout.minis << " n=" << n << " junk=" << junk);
        for (const auto& v : Patterns<int64_t>(n, rng)) {
          std::string enc = ReferenceEncode(v, layout.block, layout.minis, 64, junk ? 0xEE : 0, junk, rng);
          size_t consumed = 0;
          ASSERT_EQ(Decode<int64_t>(enc + "xyz", n, &consumed), v);
          ASSERT_EQ(consumed, enc.size());
        }
        for (const auto& v32 : Patterns<int32_t>(n, rng)) {
          std::vector<int64_t> wide(v32.begin(), v32.end());
          std::string enc = ReferenceEncode(wide, layout.block, layout.minis, 32, junk ? 0xFF : 0, junk, rng);
          size_t consumed = 0;
          ASSERT_EQ(Decode<int32_t>(enc, n, &consumed), v32);
          ASSERT_EQ(consumed, enc.size());
        }
      }
    }
  }
}

TEST(DeltaBinaryPackedTest, EncoderMatchesReferenceWriter) {
  std::mt19937_64 rng(4);
  for (size_t n : kCounts) {
    for (const auto& v : Patterns<int64_t>(n, rng)) {
      std::string enc;
      EncodeDeltaBinaryPacked(v.data(), v.size(), enc);
      ASSERT_EQ(enc, ReferenceEncode(v, 128, 4, 64, 0, false, rng)) << n;
    }
    for (const auto& v : Patterns<int32_t>(n, rng)) {
      std::string enc;
      EncodeDeltaBinaryPacked(v.data(), v.size(), enc);
      std::vector<int64_t> wide(v.begin(), v.end());
      ASSERT_EQ(enc, ReferenceEncode(wide, 128, 4, 32, 0, false, rng)) << n;
    }
  }
}

// --- Malformed input ------------------------------------------------------

TEST(DeltaBinaryPackedTest, RejectsBadHeaders) {
  int64_t out[8];
  size_t consumed;
  auto bad = [&](const std::string& enc) {
    return !DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), 0, out, &consumed);
  };
  EXPECT_TRUE(bad(""));
  EXPECT_TRUE(bad(Hex({0x00, 0x01, 0x00, 0x00})));            // block size 0
  EXPECT_TRUE(bad(Hex({0x80, 0x01, 0x00, 0x00, 0x00})));      // no miniblocks
  EXPECT_TRUE(bad(Hex({0x80, 0x01, 0x03, 0x00, 0x00})));      // 128 / 3
  EXPECT_TRUE(bad(Hex({0x80, 0x01, 0x20, 0x00, 0x00})));      // miniblocks of 4 values
  EXPECT_TRUE(bad(Hex({0x80, 0x01, 0x04, 0x80})));            // unterminated varint
  EXPECT_TRUE(bad(Hex({0x80, 0x01, 0x04, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F})));  // > 64 bits
  EXPECT_TRUE(bad(Hex({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x04, 0x00, 0x00})));  // huge block size
  uint64_t total;
  EXPECT_FALSE(DeltaBinaryPackedCount(Bytes(std::string()), 0, &total));
}

TEST(DeltaBinaryPackedTest, MiniblockWidthsUpTo64Bits) {
  // 33 values, one block: min delta 0, widths {33, 0, 0, 0}, then 132 bytes.
  std::string enc = Hex({0x80, 0x01, 0x04, 0x21, 0x00, 0x00, 33, 0, 0, 0}) + std::string(33 * 4, '\x01');
  int32_t out32[33];
  int64_t out64[33];
  size_t consumed;
  // 33 bits are fine for INT32 too (64-bit deltas); the sums keep the low bits.
  ASSERT_TRUE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), 33, out32, &consumed));
  ASSERT_TRUE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), 33, out64, &consumed));
  for (int i = 0; i < 33; ++i) EXPECT_EQ(out32[i], static_cast<int32_t>(out64[i])) << i;
  enc = Hex({0x80, 0x01, 0x04, 0x21, 0x00, 0x00, 65, 0, 0, 0}) + std::string(65 * 4, '\x01');
  EXPECT_FALSE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), 33, out64, &consumed));
  EXPECT_FALSE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), 33, out32, &consumed));
  // An unneeded miniblock's width is ignored, whatever it says.
  enc = Hex({0x80, 0x01, 0x04, 0x21, 0x00, 0x00, 1, 200, 200, 200}) + std::string(4, '\xFF');
  ASSERT_TRUE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), 33, out32, &consumed));
  EXPECT_EQ(consumed, enc.size());
  EXPECT_EQ(out32[32], 32);
}

TEST(DeltaBinaryPackedTest, HugeTotalCountFailsQuickly) {
  // Total 2^63 values, zero-width blocks: runs out of input, never allocates.
  std::string enc = Hex({0x80, 0x01, 0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00});
  for (int i = 0; i < 1000; ++i) enc += Hex({0x02, 0, 0, 0, 0});
  std::vector<int64_t> out(500);
  size_t consumed;
  EXPECT_FALSE(DecodeDeltaBinaryPacked(Bytes(enc), enc.size(), out.size(), out.data(), &consumed));
  uint64_t total = 0;
  ASSERT_TRUE(DeltaBinaryPackedCount(Bytes(enc), enc.size(), &total));
  EXPECT_EQ(total, uint64_t{1} << 63);
}

TEST(DeltaBinaryPackedTest, EveryTruncationFails) {
  std::mt19937_64 rng(5);
  for (size_t n : {size_t{1}, size_t{2}, size_t{33}, size_t{129}, size_t{300}}) {
    for (const auto& v : Patterns<int64_t>(n, rng)) {
      std::string enc;
      EncodeDeltaBinaryPacked(v.data(), v.size(), enc);
      std::vector<int64_t> out(n);
      for (size_t len = 0; len < enc.size(); ++len) {
        // An exact-size copy, so ASan catches reads past the end.
        std::vector<uint8_t> cut(enc.begin(), enc.begin() + static_cast<ptrdiff_t>(len));
        size_t consumed;
        for (size_t count : {size_t{0}, n / 2, n}) {
          ASSERT_FALSE(DecodeDeltaBinaryPacked(cut.data(), cut.size(), count, out.data(), &consumed))
              << "n=" << n << " len=" << len;
        }
      }
    }
  }
}

TEST(DeltaBinaryPackedTest, GarbageNeverCrashes) {
  std::mt19937_64 rng(6);
  std::vector<int64_t> out64(4096);
  std::vector<int32_t> out32(4096);
  for (int iter = 0; iter < 20000; ++iter) {
    std::vector<uint8_t> buf(rng() % 64);
    for (auto& b : buf) b = static_cast<uint8_t>(rng());
    if (iter % 2 && buf.size() >= 3) {
      // A plausible header, so the block parser gets exercised.
      buf[0] = 0x80;
      buf[1] = 0x01;
      buf[2] = 0x04;
    }
    size_t consumed = 0;
    size_t count = rng() % 300;
    if (DecodeDeltaBinaryPacked(buf.data(), buf.size(), count, out64.data(), &consumed)) {
      EXPECT_LE(consumed, buf.size());
    }
    if (DecodeDeltaBinaryPacked(buf.data(), buf.size(), count, out32.data(), &consumed)) {
      EXPECT_LE(consumed, buf.size());
    }
    uint64_t total;
    DeltaBinaryPackedCount(buf.data(), buf.size(), &total);
  }
  // Mutations of valid encodings.
  for (int iter = 0; iter < 3000; ++iter) {
    std::vector<int64_t> v = Patterns<int64_t>(1 + rng() % 400, rng)[rng() % 8];
    std::string enc;
    EncodeDeltaBinaryPacked(v.data(), v.size(), enc);
    for (int k = 0; k < 3; ++k) enc[rng() % enc.size()] = static_cast<char>(rng());
    std::vector<uint8_t> buf(enc.begin(), enc.end());
    size_t consumed = 0;
    size_t count = rng() % (v.size() + 1);
    if (DecodeDeltaBinaryPacked(buf.data(), buf.size(), count, out64.data(), &consumed)) {
      EXPECT_LE(consumed, buf.size());
    }
    if (DecodeDeltaBinaryPacked(buf.data(), buf.size(), count, out32.data(), &consumed)) {
      EXPECT_LE(consumed, buf.size());
    }
  }
}

// --- UnpackBits -----------------------------------------------------------

TEST(UnpackBitsTest, MatchesBitAtATimeForEveryWidth) {
  std::mt19937_64 rng(7);
  for (int width = 0; width <= 64; ++width) {
    for (size_t count : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{31}, size_t{32}, size_t{33}, size_t{100}, size_t{256}}) {
      std::vector<uint64_t> values(count);
      std::vector<uint8_t> packed;
      size_t bitpos = 0;
      for (auto& v : values) {
        v = width == 64 ? rng() : rng() & ((uint64_t{1} << width) - 1);
        PutBits(packed, bitpos, v, width);
      }
      packed.resize((count * static_cast<size_t>(width) + 7) / 8);
      for (size_t slack : {size_t{0}, size_t{3}, size_t{300}}) {
        std::vector<uint8_t> buf(packed);
        buf.resize(packed.size() + slack, 0xA5);
        std::vector<uint64_t> out(count);
        ASSERT_TRUE(UnpackBits(buf.data(), buf.size(), width, count, out.data()));
        ASSERT_EQ(out, values) << "width=" << width << " count=" << count << " slack=" << slack;
        // Fused with the running sum: out[k] = run + sum of (value + add).
        const uint64_t add = rng();
        std::vector<uint64_t> sums(count);
        uint64_t acc = 12345;
        for (size_t k = 0; k < count; ++k) sums[k] = acc += add + values[k];
        uint64_t run = 12345;
        ASSERT_TRUE(UnpackBitsRunningSum(buf.data(), buf.size(), width, count, add, &run, out.data()));
        ASSERT_EQ(out, sums);
        ASSERT_EQ(run, count ? sums.back() : 12345u);
        if (width <= 32) {
          std::vector<uint32_t> out32(count);
          ASSERT_TRUE(UnpackBits(buf.data(), buf.size(), width, count, out32.data()));
          ASSERT_EQ(std::vector<uint64_t>(out32.begin(), out32.end()), values);
          uint32_t run32 = 12345;
          ASSERT_TRUE(UnpackBitsRunningSum(buf.data(), buf.size(), width, count, static_cast<uint32_t>(add), &run32,
                                           out32.data()));
          for (size_t k = 0; k < count; ++k) ASSERT_EQ(out32[k], static_cast<uint32_t>(sums[k]));
        }
      }
      if (!packed.empty()) {
        std::vector<uint64_t> out(count);
        EXPECT_FALSE(UnpackBits(packed.data(), packed.size() - 1, width, count, out.data()));
      }
    }
  }
  uint32_t out32[1];
  uint64_t out64[1];
  uint8_t byte[16] = {};
  EXPECT_FALSE(UnpackBits(byte, sizeof(byte), 33, 1, out32));
  EXPECT_FALSE(UnpackBits(byte, sizeof(byte), 65, 1, out64));
  EXPECT_FALSE(UnpackBits(byte, sizeof(byte), -1, 1, out64));
}

// --- DELTA_LENGTH_BYTE_ARRAY ------------------------------------------------

std::vector<std::string> Views(const StringRef* refs, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(refs[i].str());
  return out;
}

std::vector<std::string_view> AsViews(const std::vector<std::string>& v) {
  return std::vector<std::string_view>(v.begin(), v.end());
}

TEST(DeltaLengthByteArrayTest, SpecExample) {
  std::vector<std::string> v = {"Hello", "World", "Foobar", "ABCDEF"};
  auto views = AsViews(v);
  std::string enc;
  EncodeDeltaLengthByteArray(views.data(), views.size(), enc);
  std::string lengths;
  std::vector<int32_t> lens = {5, 5, 6, 6};
  EncodeDeltaBinaryPacked(lens.data(), lens.size(), lengths);
  EXPECT_EQ(enc, lengths + "HelloWorldFoobarABCDEF");

  std::vector<StringRef> out(4);
  size_t consumed = 0;
  std::string padded = enc + "tail";
  ASSERT_TRUE(DecodeDeltaLengthByteArray(Bytes(padded), padded.size(), 4, out.data(), &consumed));
  EXPECT_EQ(Views(out.data(), 4), v);
  EXPECT_EQ(consumed, enc.size());
  // No copy: long values point into the input.
  v = {"a value longer than twelve bytes", ""};
  views = AsViews(v);
  enc.clear();
  EncodeDeltaLengthByteArray(views.data(), views.size(), enc);
  ASSERT_TRUE(DecodeDeltaLengthByteArray(Bytes(enc), enc.size(), 2, out.data(), &consumed));
  EXPECT_EQ(out[0].data(), enc.data() + enc.size() - v[0].size());
  EXPECT_EQ(Views(out.data(), 2), v);
}

std::vector<std::string> StringPatterns(size_t n, int which, std::mt19937_64& rng) {
  std::vector<std::string> v(n);
  for (size_t i = 0; i < n; ++i) {
    switch (which) {
      case 0: v[i] = ""; break;                                          // all empty
      case 1: v[i] = i % 3 == 0 ? "" : "prefix/shared/" + std::to_string(i); break;  // shared, empties
      case 2: {                                                          // random bytes, random lengths
        v[i].resize(rng() % 40);
        for (auto& c : v[i]) c = static_cast<char>(rng());
        break;
      }
      case 3: v[i] = std::string(100, 'x') + std::to_string(i % 10); break;  // long shared prefixes
      case 4: v[i] = std::string(i % 50, 'a'); break;                   // prefixes of each other
      default: v[i] = "k" + std::to_string(1000000 + i); break;          // sorted keys
    }
  }
  if (which == 5) std::sort(v.begin(), v.end());
  return v;
}

TEST(DeltaLengthByteArrayTest, RoundTrips) {
  std::mt19937_64 rng(8);
  for (size_t n : kCounts) {
    for (int which = 0; which < 6; ++which) {
      auto v = StringPatterns(n, which, rng);
      auto views = AsViews(v);
      std::string enc;
      EncodeDeltaLengthByteArray(views.data(), n, enc);
      std::vector<StringRef> out(n);
      size_t consumed = 0;
      ASSERT_TRUE(DecodeDeltaLengthByteArray(Bytes(enc), enc.size(), n, out.data(), &consumed));
      ASSERT_EQ(Views(out.data(), n), v);
      ASSERT_EQ(consumed, enc.size());
      // Partial decode.
      size_t half = n / 2;
      ASSERT_TRUE(DecodeDeltaLengthByteArray(Bytes(enc), enc.size(), half, out.data(), &consumed));
      ASSERT_EQ(Views(out.data(), half), std::vector<std::string>(v.begin(), v.begin() + static_cast<ptrdiff_t>(half)));
    }
  }
}

TEST(DeltaLengthByteArrayTest, TruncationsAndBadLengths) {
  std::mt19937_64 rng(9);
  auto v = StringPatterns(150, 1, rng);
  auto views = AsViews(v);
  std::string enc;
  EncodeDeltaLengthByteArray(views.data(), v.size(), enc);
  std::vector<StringRef> out(v.size());
  for (size_t len = 0; len < enc.size(); ++len) {
    std::vector<uint8_t> cut(enc.begin(), enc.begin() + static_cast<ptrdiff_t>(len));
    size_t consumed;
    ASSERT_FALSE(DecodeDeltaLengthByteArray(cut.data(), cut.size(), v.size(), out.data(), &consumed)) << len;
    // Fewer values may still fit: then they must be right.
    for (size_t count : {size_t{1}, size_t{75}}) {
      if (DecodeDeltaLengthByteArray(cut.data(), cut.size(), count, out.data(), &consumed)) {
        ASSERT_LE(consumed, cut.size());
        ASSERT_EQ(Views(out.data(), count), std::vector<std::string>(v.begin(), v.begin() + static_cast<ptrdiff_t>(count)));
      }
    }
  }
  // A negative length.
  std::vector<int32_t> lens = {3, -1};
  std::string bad;
  EncodeDeltaBinaryPacked(lens.data(), lens.size(), bad);
  bad += "abcdefgh";
  size_t consumed;
  EXPECT_FALSE(DecodeDeltaLengthByteArray(Bytes(bad), bad.size(), 2, out.data(), &consumed));
}

// --- DELTA_BYTE_ARRAY --------------------------------------------------------

TEST(DeltaByteArrayTest, SpecExample) {
  std::vector<std::string> v = {"axis", "axle", "babble", "babyhood"};
  auto views = AsViews(v);
  std::string enc;
  EncodeDeltaByteArray(views.data(), views.size(), enc);
  std::string expected;
  std::vector<int32_t> prefixes = {0, 2, 0, 3};
  EncodeDeltaBinaryPacked(prefixes.data(), prefixes.size(), expected);
  std::vector<int32_t> suffix_lengths = {4, 2, 6, 5};
  EncodeDeltaBinaryPacked(suffix_lengths.data(), suffix_lengths.size(), expected);
  expected += "axislebabbleyhood";
  EXPECT_EQ(enc, expected);

  std::shared_ptr<std::string> arena;
  std::vector<StringRef> out(4);
  ASSERT_TRUE(DecodeDeltaByteArray(Bytes(enc), enc.size(), 4, arena, out.data()));
  EXPECT_EQ(Views(out.data(), 4), v);
  ASSERT_TRUE(arena);
  EXPECT_EQ(*arena, "axisaxlebabblebabyhood");
}

TEST(DeltaByteArrayTest, RoundTrips) {
  std::mt19937_64 rng(10);
  for (size_t n : kCounts) {
    for (int which = 0; which < 6; ++which) {
      SCOPED_TRACE(testing::Message() << "n=" << n << " pattern=" << which);
      auto v = StringPatterns(n, which, rng);
      auto views = AsViews(v);
      std::string enc;
      EncodeDeltaByteArray(views.data(), n, enc);
      std::vector<StringRef> out(n);
      std::shared_ptr<std::string> arena;
      ASSERT_TRUE(DecodeDeltaByteArray(Bytes(enc), enc.size(), n, arena, out.data()));
      ASSERT_TRUE(arena);
      // Values outlive the input: they live in the arena.
      std::fill(enc.begin(), enc.end(), '\0');
      ASSERT_EQ(Views(out.data(), n), v);
      for (size_t i = 0; i < n; ++i) {
        if (!out[i].IsInlined()) {
          ASSERT_GE(out[i].data(), arena->data());
          ASSERT_LE(out[i].data() + out[i].size(), arena->data() + arena->size());
        }
      }
      // Partial decode.
      enc.clear();
      EncodeDeltaByteArray(views.data(), n, enc);
      size_t half = n / 2;
      ASSERT_TRUE(DecodeDeltaByteArray(Bytes(enc), enc.size(), half, arena, out.data()));
      ASSERT_EQ(Views(out.data(), half), std::vector<std::string>(v.begin(), v.begin() + static_cast<ptrdiff_t>(half)));
    }
  }
}

TEST(DeltaByteArrayTest, RejectsPrefixLongerThanPrevious) {
  std::string enc;
  std::vector<int32_t> prefixes = {0, 5};
  EncodeDeltaBinaryPacked(prefixes.data(), prefixes.size(), enc);
  std::vector<std::string_view> suffixes = {"abc", "d"};
  EncodeDeltaLengthByteArray(suffixes.data(), suffixes.size(), enc);
  std::shared_ptr<std::string> arena;
  StringRef out[2];
  EXPECT_FALSE(DecodeDeltaByteArray(Bytes(enc), enc.size(), 2, arena, out));
  prefixes = {1, 0};
  enc.clear();
  EncodeDeltaBinaryPacked(prefixes.data(), prefixes.size(), enc);
  EncodeDeltaLengthByteArray(suffixes.data(), suffixes.size(), enc);
  EXPECT_FALSE(DecodeDeltaByteArray(Bytes(enc), enc.size(), 2, arena, out));
}

TEST(DeltaByteArrayTest, TruncationsAndGarbage) {
  std::mt19937_64 rng(11);
  auto v = StringPatterns(140, 3, rng);
  auto views = AsViews(v);
  std::string enc;
  EncodeDeltaByteArray(views.data(), v.size(), enc);
  std::vector<StringRef> out(v.size());
  std::shared_ptr<std::string> arena;
  for (size_t len = 0; len < enc.size(); ++len) {
    std::vector<uint8_t> cut(enc.begin(), enc.begin() + static_cast<ptrdiff_t>(len));
    ASSERT_FALSE(DecodeDeltaByteArray(cut.data(), cut.size(), v.size(), arena, out.data())) << len;
    if (DecodeDeltaByteArray(cut.data(), cut.size(), 10, arena, out.data())) {
      ASSERT_EQ(Views(out.data(), 10), std::vector<std::string>(v.begin(), v.begin() + 10));
    }
  }
  for (int iter = 0; iter < 5000; ++iter) {
    std::string m = enc;
    for (int k = 0; k < 3; ++k) m[rng() % m.size()] = static_cast<char>(rng());
    std::vector<uint8_t> buf(m.begin(), m.end());
    size_t count = rng() % (v.size() + 1);
    if (DecodeDeltaByteArray(buf.data(), buf.size(), count, arena, out.data())) {
      for (size_t i = 0; i < count; ++i) (void)out[i].str();
    }
  }
}

}  // namespace
}  // namespace sluice::parquet
