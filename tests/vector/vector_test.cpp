#include "sluice/vector/data_chunk.h"
#include "sluice/types/date.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(VectorTest, StringsInlineAndOnHeap) {
  Vector v(LogicalType::Varchar(), 4);
  v.SetString(0, "short");
  v.SetString(1, "a string longer than twelve bytes");
  v.SetNull(2);
  EXPECT_EQ(v.GetValue(0).ToString(), "short");
  EXPECT_EQ(v.GetValue(1).ToString(), "a string longer than twelve bytes");
  EXPECT_TRUE(v.GetValue(2).is_null());
  EXPECT_TRUE(v.data<StringRef>()[0].IsInlined());
  EXPECT_FALSE(v.data<StringRef>()[1].IsInlined());
}

TEST(VectorTest, CopyWithSelectionKeepsNullsAndStrings) {
  Vector src(LogicalType::Varchar(), 4);
  src.SetString(0, "zero-zero-zero-zero");
  src.SetNull(1);
  src.SetString(2, "two");
  Vector dst(LogicalType::Varchar(), 2);
  uint32_t sel[] = {2, 1, 0};
  dst.CopyFrom(src, sel, 3, 0);  // grows past its capacity
  EXPECT_EQ(dst.GetValue(0).ToString(), "two");
  EXPECT_TRUE(dst.IsNull(1));
  EXPECT_EQ(dst.GetValue(2).ToString(), "zero-zero-zero-zero");
}

TEST(DataChunkTest, AppendConcatenates) {
  DataChunk a({LogicalType::Bigint(), LogicalType::Double()});
  a.column(0).data<int64_t>()[0] = 7;
  a.column(1).SetNull(0);
  a.SetSize(1);
  DataChunk b({LogicalType::Bigint(), LogicalType::Double()});
  b.Append(a, nullptr, 1);
  b.Append(a, nullptr, 1);
  EXPECT_EQ(b.size(), 2u);
  EXPECT_EQ(b.ToString(), "7|NULL\n7|NULL\n");
}

}  // namespace
}  // namespace sluice

namespace sluice {
namespace {

TEST(FormatDoubleTest, FollowsJavaLayoutLikeTrino) {
  EXPECT_EQ(FormatDouble(4.0), "4.0");
  EXPECT_EQ(FormatDouble(1.5), "1.5");
  EXPECT_EQ(FormatDouble(-20.25), "-20.25");
  EXPECT_EQ(FormatDouble(0.001), "0.001");
  EXPECT_EQ(FormatDouble(0.0001), "1.0E-4");
  EXPECT_EQ(FormatDouble(1234567.5), "1234567.5");
  EXPECT_EQ(FormatDouble(1e7), "1.0E7");
  EXPECT_EQ(FormatDouble(134040746.96), "1.3404074696E8");
  EXPECT_EQ(FormatDouble(0.1 + 0.2), "0.30000000000000004");
}

TEST(DateTest, RoundTrips) {
  EXPECT_EQ(FormatDate(*ParseDate("2022-08-01")), "2022-08-01");
  EXPECT_EQ(FormatDate(*ParseDate("2024-2-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2022-08-01 10:11:12.5")), "2022-08-01 10:11:12.500");
}

}  // namespace
}  // namespace sluice
