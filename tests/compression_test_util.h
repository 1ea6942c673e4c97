#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

// Compressors for the readers' tests (CSV, JSON Lines), through zlib.
namespace sluice::test {

// `text` through zlib's deflate in the framing window_bits selects (see
// deflateInit2): gzip, zlib or raw.
inline std::string Zlib(const std::string& text, int window_bits, int level = 6) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
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

inline std::string Gzip(const std::string& text, int level = 6) { return Zlib(text, 16 + MAX_WBITS, level); }

}  // namespace sluice::test
