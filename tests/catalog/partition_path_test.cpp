#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sluice/catalog/partition_path.h"
#include "sluice/common/error.h"

namespace sluice::catalog {
namespace {

TEST(PartitionPathTest, EscapesWhatHiveEscapes) {
  EXPECT_EQ(EscapePartitionValue("2022-08-01"), "2022-08-01");
  EXPECT_EQ(EscapePartitionValue("a/b"), "a%2Fb");
  EXPECT_EQ(EscapePartitionValue("12:30:00"), "12%3A30%3A00");
  EXPECT_EQ(EscapePartitionValue("k=v"), "k%3Dv");
  EXPECT_EQ(EscapePartitionValue("100%"), "100%25");
  EXPECT_EQ(EscapePartitionValue("\"#'*?\\[]^{"), "%22%23%27%2A%3F%5C%5B%5D%5E%7B");
  EXPECT_EQ(EscapePartitionValue(std::string("\x01\n\x1f\x7f", 4)), "%01%0A%1F%7F");
  EXPECT_EQ(EscapePartitionValue(std::string("a\0b", 3)), "a%00b");
  // Hive leaves these alone; so must we, to name directories as Athena does.
  EXPECT_EQ(EscapePartitionValue("a b}<>|,;!@$&()+~`"), "a b}<>|,;!@$&()+~`");
  EXPECT_EQ(EscapePartitionValue("Zürich 東京"), "Zürich 東京");
}

TEST(PartitionPathTest, EmptyValueIsTheDefaultPartition) {
  EXPECT_EQ(EscapePartitionValue(""), kHiveDefaultPartition);
  EXPECT_EQ(PartitionPath({"a"}, {""}), "a=__HIVE_DEFAULT_PARTITION__");
}

TEST(PartitionPathTest, UnescapeIsLenient) {
  EXPECT_EQ(UnescapePartitionValue("a%2Fb"), "a/b");
  EXPECT_EQ(UnescapePartitionValue("a%2fb"), "a/b");  // lower-case hex, as Spark may write
  EXPECT_EQ(UnescapePartitionValue("100%"), "100%");
  EXPECT_EQ(UnescapePartitionValue("%4"), "%4");
  EXPECT_EQ(UnescapePartitionValue("%zz%41"), "%zzA");
  EXPECT_EQ(UnescapePartitionValue("%7D"), "}");  // decoded even though Hive never writes it
  EXPECT_EQ(UnescapePartitionValue("%00"), std::string("\0", 1));
}

TEST(PartitionPathTest, EveryByteRoundTrips) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  std::string escaped = EscapePartitionValue(all);
  EXPECT_EQ(escaped.find('/'), std::string::npos);
  EXPECT_EQ(escaped.find('='), std::string::npos);
  EXPECT_EQ(UnescapePartitionValue(escaped), all);
  for (int c = 0; c < 256; ++c) {
    std::string v = "x" + std::string(1, static_cast<char>(c)) + "%y";
    EXPECT_EQ(UnescapePartitionValue(EscapePartitionValue(v)), v) << "byte " << c;
  }
}

TEST(PartitionPathTest, PathAndParseRoundTripWithOddValues) {
  std::vector<std::string> keys = {"dt", "Region", "k=y"};
  std::vector<std::vector<std::string>> cases = {
      {"2022-08-01", "eu-west-1", "plain"},
      {"2022/08/01", "a=b", "%41"},
      {"12:00:00", "\"quoted\" 'single'", "tab\there"},
      {std::string(kHiveDefaultPartition), "ü/ß", "x%"},
      {"back\\slash", "[br]{ce}", "*?^#"},
  };
  for (const auto& values : cases) {
    std::string path = PartitionPath(keys, values);
    EXPECT_EQ(std::count(path.begin(), path.end(), '/'), 2) << path;
    auto parsed = ParsePartitionPath(path, keys);
    ASSERT_TRUE(parsed.has_value()) << path;
    EXPECT_EQ(*parsed, values) << path;
    auto slashed = ParsePartitionPath("/" + path + "/", keys);
    ASSERT_TRUE(slashed.has_value());
    EXPECT_EQ(*slashed, values);
  }
  EXPECT_EQ(PartitionPath(keys, cases[1]), "dt=2022%2F08%2F01/Region=a%3Db/k%3Dy=%2541");
}

TEST(PartitionPathTest, ParseRejectsOtherShapes) {
  std::vector<std::string> keys = {"year", "month"};
  EXPECT_EQ(ParsePartitionPath("year=2022/month=8", keys),
            (std::vector<std::string>{"2022", "8"}));
  EXPECT_EQ(ParsePartitionPath("YEAR=2022/Month=8", keys),
            (std::vector<std::string>{"2022", "8"}));
  EXPECT_EQ(ParsePartitionPath("year=/month=8", keys), (std::vector<std::string>{"", "8"}));
  EXPECT_FALSE(ParsePartitionPath("year=2022", keys));
  EXPECT_FALSE(ParsePartitionPath("year=2022/month=8/day=1", keys));
  EXPECT_FALSE(ParsePartitionPath("month=8/year=2022", keys));
  EXPECT_FALSE(ParsePartitionPath("year=2022/8", keys));
  EXPECT_FALSE(ParsePartitionPath("year=2022//month=8", keys));
  EXPECT_FALSE(ParsePartitionPath("_sluice_staging/q1", keys));
  EXPECT_FALSE(ParsePartitionPath("", keys));
  EXPECT_EQ(ParsePartitionPath("", {}), std::vector<std::string>{});
  EXPECT_FALSE(ParsePartitionPath("a=1", {}));
}

TEST(PartitionPathTest, PathNeedsOneValuePerKey) {
  EXPECT_THROW(PartitionPath({"a", "b"}, {"1"}), SluiceError);
}

}  // namespace
}  // namespace sluice::catalog
