#include "sluice/storage/glob.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(GlobTest, ListingPrefixIsTheFolderBeforeTheFirstWildcard) {
  EXPECT_EQ(GlobListingPrefix("s3://b/raw/2022-*/x.csv"), "s3://b/raw/");
  EXPECT_EQ(GlobListingPrefix("/data/*.csv"), "/data/");
  EXPECT_EQ(GlobListingPrefix("*.csv"), "");
  EXPECT_EQ(GlobListingPrefix("/data/x.csv"), "/data/x.csv");
  EXPECT_TRUE(HasGlob("a/[ab].csv"));
  EXPECT_FALSE(HasGlob("a/b.csv"));
}

TEST(GlobTest, StarsQuestionMarksAndSets) {
  EXPECT_TRUE(GlobMatch("*.csv", "part-0.csv"));
  EXPECT_FALSE(GlobMatch("*.csv", "part-0.csv.gz"));
  EXPECT_FALSE(GlobMatch("*.csv", "dir/part-0.csv"));  // '*' stays in its folder
  EXPECT_TRUE(GlobMatch("part-?.csv", "part-7.csv"));
  EXPECT_FALSE(GlobMatch("part-?.csv", "part-17.csv"));
  EXPECT_TRUE(GlobMatch("part-[0-3].csv", "part-2.csv"));
  EXPECT_FALSE(GlobMatch("part-[0-3].csv", "part-5.csv"));
  EXPECT_TRUE(GlobMatch("part-[!0-3].csv", "part-5.csv"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXXbYY"));
  EXPECT_TRUE(GlobMatch("2022-*/x.csv", "2022-08/x.csv"));
  EXPECT_FALSE(GlobMatch("2022-*/x.csv", "2022-08/y/x.csv"));
  EXPECT_TRUE(GlobMatch("[ab", "[ab"));  // an unclosed set is plain text
}

TEST(GlobTest, DoubleStarCrossesFolders) {
  EXPECT_TRUE(GlobMatch("**/*.csv", "a/b/c.csv"));
  EXPECT_TRUE(GlobMatch("**/*.csv", "c.csv"));
  EXPECT_TRUE(GlobMatch("a/**/x.csv", "a/x.csv"));
  EXPECT_TRUE(GlobMatch("a/**/x.csv", "a/b/c/x.csv"));
  EXPECT_FALSE(GlobMatch("a/**/x.csv", "a/bx.csv"));
  EXPECT_TRUE(GlobMatch("**", "anything/at/all"));
  EXPECT_FALSE(GlobMatch("**/*.csv", "a/b/c.json"));
}

}  // namespace
}  // namespace sluice
