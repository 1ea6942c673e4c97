// Hex and base64 text of VARBINARY (types/binary_text.h): round trips over
// every length and byte, and the inputs Java's decoders refuse.
#include <gtest/gtest.h>

#include <random>

#include "sluice/types/binary_text.h"
#include "sluice/types/value.h"

namespace sluice {
namespace {

TEST(BinaryTextTest, RoundTripsRandomBytes) {
  std::mt19937 rng(7);
  for (size_t n = 0; n < 70; ++n) {
    std::string bytes(n, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    EXPECT_EQ(HexDecode(HexEncode(bytes)), bytes);
    for (bool url : {false, true}) {
      const std::string text = Base64Encode(bytes, url);
      EXPECT_EQ(text.size() % 4, 0u);
      EXPECT_EQ(Base64Decode(text, url), bytes);
      // Without its padding too, as Java's decoder accepts.
      EXPECT_EQ(Base64Decode(text.substr(0, text.find('=')), url), bytes);
    }
  }
}

TEST(BinaryTextTest, Alphabets) {
  EXPECT_EQ(HexEncode("\x0a\xff"), "0AFF");
  EXPECT_EQ(HexDecode("0aFf"), std::string("\x0a\xff"));
  EXPECT_EQ(Base64Encode("\xfb\xff\xfe", false), "+//+");
  EXPECT_EQ(Base64Encode("\xfb\xff\xfe", true), "-__-");
  EXPECT_EQ(Base64Encode("ab", false), "YWI=");
  EXPECT_EQ(FormatVarbinary("abc"), "61 62 63");
  EXPECT_EQ(FormatVarbinary(""), "");
}

TEST(BinaryTextTest, RefusesWhatJavaRefuses) {
  EXPECT_FALSE(HexDecode("abc"));     // odd length
  EXPECT_FALSE(HexDecode("0g"));      // not a digit
  EXPECT_FALSE(Base64Decode("Y", false));      // one character in the last group
  EXPECT_FALSE(Base64Decode("YW=", false));    // padding that does not complete a group
  EXPECT_FALSE(Base64Decode("YWI===", false));
  EXPECT_FALSE(Base64Decode("-__-", false));   // URL alphabet in the standard decoder
  EXPECT_FALSE(Base64Decode("+//+", true));
  EXPECT_FALSE(Base64Decode("YW I=", false));
  EXPECT_EQ(Base64Decode("", false), "");
}

}  // namespace
}  // namespace sluice
