// BYTE_STREAM_SPLIT: the spec's example, round trips for FLOAT/DOUBLE/INT and
// FIXED_LEN_BYTE_ARRAY widths, partial decodes and bad arguments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "sluice/formats/parquet/byte_stream_split.h"

namespace sluice::parquet {
namespace {

TEST(ByteStreamSplitTest, SpecExample) {
  const std::vector<uint8_t> values = {0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6};
  std::string enc;
  EncodeByteStreamSplit(values.data(), 3, 4, enc);
  const std::vector<uint8_t> expected = {0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6};
  EXPECT_EQ(std::vector<uint8_t>(enc.begin(), enc.end()), expected);
  std::vector<uint8_t> out(12);
  ASSERT_TRUE(DecodeByteStreamSplit(expected.data(), expected.size(), 3, 3, 4, out.data()));
  EXPECT_EQ(out, values);
}

TEST(ByteStreamSplitTest, RoundTripsEveryWidth) {
  std::mt19937_64 rng(1);
  for (size_t width : {1, 2, 3, 4, 5, 8, 12, 16}) {
    for (size_t n : {0, 1, 7, 63, 64, 65, 128, 1000, 4097}) {
      SCOPED_TRACE(testing::Message() << "width=" << width << " n=" << n);
      std::vector<uint8_t> values(n * width);
      for (auto& b : values) b = static_cast<uint8_t>(rng());
      std::string enc = "head";  // appends
      EncodeByteStreamSplit(values.data(), n, width, enc);
      ASSERT_EQ(enc.size(), 4 + n * width);
      const uint8_t* streams = reinterpret_cast<const uint8_t*>(enc.data()) + 4;
      for (size_t i = 0; i < n; ++i) {
        for (size_t s = 0; s < width; ++s) ASSERT_EQ(streams[s * n + i], values[i * width + s]);
      }
      std::vector<uint8_t> exact(streams, streams + n * width);  // ASan sees overreads
      std::vector<uint8_t> out(n * width);
      ASSERT_TRUE(DecodeByteStreamSplit(exact.data(), exact.size(), n, n, width, out.data()));
      ASSERT_EQ(out, values);
      // The first values only.
      for (size_t count : {size_t{0}, std::min<size_t>(1, n), n / 2, n > 0 ? n - 1 : 0}) {
        std::vector<uint8_t> part(count * width);
        ASSERT_TRUE(DecodeByteStreamSplit(exact.data(), exact.size(), n, count, width, part.data()));
        ASSERT_EQ(part, std::vector<uint8_t>(values.begin(), values.begin() + static_cast<ptrdiff_t>(count * width)));
      }
    }
  }
}

TEST(ByteStreamSplitTest, DoublesSurvive) {
  std::vector<double> v = {0.0, -0.0, 1.5, -3.25e300, 5e-324, 1.0 / 3};
  std::string enc;
  EncodeByteStreamSplit(reinterpret_cast<const uint8_t*>(v.data()), v.size(), sizeof(double), enc);
  std::vector<double> out(v.size());
  ASSERT_TRUE(DecodeByteStreamSplit(reinterpret_cast<const uint8_t*>(enc.data()), enc.size(), v.size(), v.size(),
                                    sizeof(double), reinterpret_cast<uint8_t*>(out.data())));
  EXPECT_EQ(std::memcmp(out.data(), v.data(), v.size() * sizeof(double)), 0);
}

TEST(ByteStreamSplitTest, RejectsBadArguments) {
  std::vector<uint8_t> data(40);
  std::vector<uint8_t> out(64);
  EXPECT_FALSE(DecodeByteStreamSplit(data.data(), data.size(), 11, 11, 4, out.data()));  // 44 > 40
  EXPECT_FALSE(DecodeByteStreamSplit(data.data(), data.size(), 10, 11, 4, out.data()));  // count > total
  EXPECT_FALSE(DecodeByteStreamSplit(data.data(), data.size(), 1, 1, 0, out.data()));    // width 0
  EXPECT_FALSE(DecodeByteStreamSplit(data.data(), data.size(), SIZE_MAX / 2, 1, 8, out.data()));  // overflow
  EXPECT_TRUE(DecodeByteStreamSplit(data.data(), data.size(), 10, 10, 4, out.data()));
  EXPECT_TRUE(DecodeByteStreamSplit(data.data(), data.size(), 0, 0, 4, out.data()));
}

}  // namespace
}  // namespace sluice::parquet
