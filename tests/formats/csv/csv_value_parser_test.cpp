// Text → value conversions and field decoding.
#include <gtest/gtest.h>

#include <fast_float/fast_float.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "sluice/formats/csv/csv_field_decoder.h"
#include "sluice/formats/csv/csv_value_parser.h"
#include "sluice/formats/csv/padded_string_ref.h"

namespace sluice::csv {
namespace {

template <typename T, typename F>
std::optional<T> Parse(F f, const std::string& s) {
  T v{};
  if (!f(s.data(), s.size(), &v)) return std::nullopt;
  return v;
}

TEST(CsvValueParserTest, IntegersAreRangeChecked) {
  EXPECT_EQ(Parse<int8_t>(ParseInt8, "127"), 127);
  EXPECT_EQ(Parse<int8_t>(ParseInt8, "-128"), -128);
  EXPECT_EQ(Parse<int8_t>(ParseInt8, "128"), std::nullopt);
  EXPECT_EQ(Parse<int8_t>(ParseInt8, "-129"), std::nullopt);
  EXPECT_EQ(Parse<int16_t>(ParseInt16, "-32768"), -32768);
  EXPECT_EQ(Parse<int16_t>(ParseInt16, "32768"), std::nullopt);
  EXPECT_EQ(Parse<int32_t>(ParseInt32, "+2147483647"), 2147483647);
  EXPECT_EQ(Parse<int32_t>(ParseInt32, "2147483648"), std::nullopt);
  EXPECT_EQ(Parse<int64_t>(ParseInt64, "-9223372036854775808"), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Parse<int64_t>(ParseInt64, "9223372036854775807"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Parse<int64_t>(ParseInt64, "9223372036854775808"), std::nullopt);
  EXPECT_EQ(Parse<int64_t>(ParseInt64, "9999999999999999999"), std::nullopt);
  EXPECT_EQ(Parse<int64_t>(ParseInt64, "99999999999999999999"), std::nullopt);
  EXPECT_EQ(Parse<int64_t>(ParseInt64, "-00000000000000000000000017"), -17);
  EXPECT_EQ(Parse<int32_t>(ParseInt32, "08"), 8);
  EXPECT_EQ(Parse<int32_t>(ParseInt32, "-0"), 0);
  for (const char* bad : {"", "-", "+", "1.0", "1e3", " 1", "1 ", "0x1", "--1", "+-1", "1-", "١"}) {
    EXPECT_EQ(Parse<int32_t>(ParseInt32, bad), std::nullopt) << bad;
  }
}

TEST(CsvValueParserTest, FloatingPoint) {
  EXPECT_EQ(Parse<double>(ParseDouble, "989.709487"), 989.709487);
  EXPECT_EQ(Parse<double>(ParseDouble, "+1.5"), 1.5);
  EXPECT_EQ(Parse<double>(ParseDouble, "-1e-3"), -0.001);
  EXPECT_EQ(Parse<double>(ParseDouble, ".5"), 0.5);
  EXPECT_EQ(Parse<double>(ParseDouble, "1."), 1.0);
  EXPECT_TRUE(std::isnan(*Parse<double>(ParseDouble, "NaN")));
  EXPECT_EQ(Parse<double>(ParseDouble, "-Infinity"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(Parse<float>(ParseFloat, "0.1"), 0.1f);
  for (const char* bad : {"", "+", ".", "e5", "1e", "1.5x", "+-1", "1,5", " 1"}) {
    EXPECT_EQ(Parse<double>(ParseDouble, bad), std::nullopt) << bad;
  }
}

TEST(CsvValueParserTest, DecimalFastPathRoundsLikeFastFloat) {
  // Plain decimals take a short path; it must give the very same bits.
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200000; ++i) {
    std::string s = rng() % 2 ? "-" : "";
    const int int_digits = static_cast<int>(rng() % 12);
    const int frac_digits = static_cast<int>(rng() % 12);
    for (int d = 0; d < int_digits; ++d) s += static_cast<char>('0' + rng() % 10);
    if (frac_digits > 0 || rng() % 2) s += ".";
    for (int d = 0; d < frac_digits; ++d) s += static_cast<char>('0' + rng() % 10);
    double expected = 0;
    const auto r = fast_float::from_chars(s.data(), s.data() + s.size(), expected);
    const bool valid = r.ec == std::errc() && r.ptr == s.data() + s.size();
    // The padded parser may look at the bytes after the field: make them
    // digits, the worst case.
    std::string padded = s + std::string(16, static_cast<char>('0' + rng() % 10));
    double from_padded = 0;
    const bool padded_ok = ParseDoublePadded(padded.data(), s.size(), &from_padded);
    auto actual = Parse<double>(ParseDouble, s);
    ASSERT_EQ(actual.has_value(), valid) << s;
    ASSERT_EQ(padded_ok, valid) << s;
    if (valid) {
      uint64_t a, b, c;
      std::memcpy(&a, &*actual, 8);
      std::memcpy(&b, &expected, 8);
      std::memcpy(&c, &from_padded, 8);
      ASSERT_EQ(a, b) << s;
      ASSERT_EQ(c, b) << s;
    }
  }
}

TEST(CsvValueParserTest, PaddedIntegersMatchTheByteLoop) {
  std::mt19937_64 rng(6);
  const std::string alphabet = "0123456789-+ x";
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    const size_t length = rng() % 12;
    for (size_t k = 0; k < length; ++k) {
      s += rng() % 8 ? static_cast<char>('0' + rng() % 10) : alphabet[rng() % alphabet.size()];
    }
    std::string padded = s + std::string(16, static_cast<char>('0' + rng() % 10));
    int8_t a8 = 0, b8 = 0;
    ASSERT_EQ(ParseInt8Padded(padded.data(), s.size(), &a8), ParseInt8(s.data(), s.size(), &b8)) << s;
    ASSERT_EQ(a8, b8) << s;
    int16_t a16 = 0, b16 = 0;
    ASSERT_EQ(ParseInt16Padded(padded.data(), s.size(), &a16), ParseInt16(s.data(), s.size(), &b16)) << s;
    ASSERT_EQ(a16, b16) << s;
    int32_t a32 = 0, b32 = 0;
    ASSERT_EQ(ParseInt32Padded(padded.data(), s.size(), &a32), ParseInt32(s.data(), s.size(), &b32)) << s;
    ASSERT_EQ(a32, b32) << s;
    int64_t a64 = 0, b64 = 0;
    ASSERT_EQ(ParseInt64Padded(padded.data(), s.size(), &a64), ParseInt64(s.data(), s.size(), &b64)) << s;
    ASSERT_EQ(a64, b64) << s;
  }
}

TEST(CsvValueParserTest, Booleans) {
  EXPECT_EQ(Parse<uint8_t>(ParseBoolean, "true"), 1);
  EXPECT_EQ(Parse<uint8_t>(ParseBoolean, "TRUE"), 1);
  EXPECT_EQ(Parse<uint8_t>(ParseBoolean, "False"), 0);
  for (const char* bad : {"", "t", "1", "yes", "truee", "fals", "tru\x05", "FALS\x05"}) {
    EXPECT_EQ(Parse<uint8_t>(ParseBoolean, bad), std::nullopt) << bad;
  }
}

TEST(CsvValueParserTest, PaddedStringRefIsByteForByteAStringRef) {
  // Pins down the StringRef layout PaddedStringRef relies on.
  std::string text;
  for (int i = 0; i < 100; ++i) text += static_cast<char>('A' + i % 50);
  text += std::string(16, 'P');  // bytes past a value that the builder may load
  for (uint32_t n = 0; n <= 40; ++n) {
    for (size_t at : {0, 1, 7, 30}) {
      StringRef expected(text.data() + at, n);
      StringRef actual = PaddedStringRef(text.data() + at, n);
      EXPECT_EQ(std::memcmp(&expected, &actual, sizeof(StringRef)), 0) << "length " << n;
      EXPECT_EQ(actual.view(), std::string_view(text.data() + at, n));
    }
  }
}

TEST(CsvValueParserTest, FieldDecoding) {
  CsvOptions options;
  FieldDecoder plain(options);
  auto decode = [](const FieldDecoder& d, const std::string& raw) {
    std::string out(raw.size(), '\0');
    out.resize(d.Decode(raw.data(), raw.size(), out.data()));
    return out;
  };
  EXPECT_EQ(decode(plain, "\"a\"\"b\""), "a\"b");
  EXPECT_EQ(decode(plain, "\"ab\"cd"), "abcd");
  EXPECT_EQ(decode(plain, "\"ab\"c\"d"), "abc\"d");
  EXPECT_EQ(decode(plain, "a\"b"), "a\"b");
  EXPECT_EQ(decode(plain, "\"open"), "open");
  std::string_view view;
  EXPECT_TRUE(plain.TryView("\"abc\"", 5, &view));
  EXPECT_EQ(view, "abc");
  EXPECT_FALSE(plain.TryView("\"a\"\"\"", 5, &view));
  EXPECT_TRUE(plain.TryView("a\"b", 3, &view));
  EXPECT_EQ(view, "a\"b");
  options.escape = '\\';
  FieldDecoder escaped(options);
  EXPECT_EQ(decode(escaped, "a\\,b"), "a,b");
  EXPECT_EQ(decode(escaped, "\"a\\\"b\""), "a\"b");
  EXPECT_EQ(decode(escaped, "C:\\Users"), "C:\\Users");
  EXPECT_EQ(decode(escaped, "a\\\\b"), "a\\b");
  EXPECT_EQ(decode(escaped, "a\\\nb"), "a\nb");
  EXPECT_EQ(decode(escaped, "end\\"), "end\\");
  EXPECT_FALSE(escaped.TryView("a\\,b", 4, &view));
}

}  // namespace
}  // namespace sluice::csv
