// INTERVAL text (types/interval.h): Trino's printing and the literal forms.
#include <gtest/gtest.h>

#include <limits>

#include "sluice/types/interval.h"

namespace sluice {
namespace {

TEST(IntervalTest, PrintsAsTrino) {
  EXPECT_EQ(FormatIntervalDayTime(0), "0 00:00:00.000");
  EXPECT_EQ(FormatIntervalDayTime(93784005), "1 02:03:04.005");
  EXPECT_EQ(FormatIntervalDayTime(-1500), "-0 00:00:01.500");
  EXPECT_EQ(FormatIntervalDayTime(std::numeric_limits<int64_t>::min()), "-106751991167 07:12:55.808");
  EXPECT_EQ(FormatIntervalYearMonth(14), "1-2");
  EXPECT_EQ(FormatIntervalYearMonth(-5), "-0-5");
  EXPECT_EQ(FormatIntervalYearMonth(std::numeric_limits<int32_t>::min()), "-178956970-8");
}

TEST(IntervalTest, ParsesEveryFieldRange) {
  EXPECT_EQ(ParseIntervalLiteral("1-2", "YEAR", "MONTH"), 14);
  EXPECT_EQ(ParseIntervalLiteral("-3", "YEAR", ""), -36);
  EXPECT_EQ(ParseIntervalLiteral("25", "HOUR", ""), 25 * 3600000);
  EXPECT_EQ(ParseIntervalLiteral("1 02:03:04.5", "DAY", "SECOND"), 93784500);
  EXPECT_EQ(ParseIntervalLiteral("2 10", "DAY", "HOUR"), 58 * 3600000);
  EXPECT_EQ(ParseIntervalLiteral("1:02", "HOUR", "MINUTE"), 3720000);
  EXPECT_EQ(ParseIntervalLiteral("61:05", "MINUTE", "SECOND"), 3665000);
  EXPECT_EQ(ParseIntervalLiteral("1.25", "SECOND", ""), 1250);
}

TEST(IntervalTest, RefusesMalformedText) {
  EXPECT_FALSE(ParseIntervalLiteral("", "DAY", ""));
  EXPECT_FALSE(ParseIntervalLiteral("1:60", "HOUR", "MINUTE"));  // minutes after the first field < 60
  EXPECT_FALSE(ParseIntervalLiteral("1-12", "YEAR", "MONTH"));
  EXPECT_FALSE(ParseIntervalLiteral("1", "MONTH", "DAY"));       // not one of Trino's ranges
  EXPECT_FALSE(ParseIntervalLiteral("1 2", "DAY", "MINUTE"));
  EXPECT_FALSE(ParseIntervalLiteral("1.", "SECOND", ""));
  EXPECT_FALSE(ParseIntervalLiteral("3000000000", "MONTH", ""));  // beyond int32 months
  EXPECT_FALSE(ParseIntervalLiteral("99999999999999999999", "DAY", ""));
}

}  // namespace
}  // namespace sluice
