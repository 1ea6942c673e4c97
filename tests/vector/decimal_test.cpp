// DECIMAL(p,s): the type, its text, rounding and 128-bit helpers, Value, and
// the Vector operations GROUP BY and ORDER BY rely on.
#include <gtest/gtest.h>

#include <random>

#include "sluice/common/error.h"
#include "sluice/types/decimal.h"
#include "sluice/types/value.h"
#include "sluice/vector/vector.h"
#include "sluice/vector/vector_operations.h"

namespace sluice {
namespace {

// Parses `text` as decimal(p,s); "invalid" / "overflow" or the value's text.
std::string Parsed(const std::string& text, int p, int s) {
  Int128 v;
  switch (ParseDecimal(text.data(), text.size(), p, s, &v)) {
    case DecimalParseResult::kInvalid: return "invalid";
    case DecimalParseResult::kOverflow: return "overflow";
    case DecimalParseResult::kOk: break;
  }
  return FormatDecimal(v, s);
}

Int128 Big(const std::string& digits) {
  Int128 v;
  EXPECT_EQ(ParseDecimal(digits.data(), digits.size(), 38, 0, &v), DecimalParseResult::kOk) << digits;
  return v;
}

TEST(DecimalTypeTest, ParametersAndNames) {
  const LogicalType t = LogicalType::Decimal(12, 2);
  EXPECT_EQ(t.id(), TypeId::kDecimal);
  EXPECT_EQ(t.width(), 12);
  EXPECT_EQ(t.scale(), 2);
  EXPECT_EQ(t.ToString(), "decimal(12,2)");
  EXPECT_EQ(t.PhysicalSize(), 8u);
  EXPECT_EQ(LogicalType::Decimal(18, 0).PhysicalSize(), 8u);
  EXPECT_EQ(LogicalType::Decimal(19, 0).PhysicalSize(), 16u);
  EXPECT_NE(t, LogicalType::Decimal(12, 3));
  EXPECT_NE(t, LogicalType::Decimal(13, 2));
  EXPECT_TRUE(t.IsNumeric());
  EXPECT_FALSE(t.IsAnyDecimal());
  EXPECT_TRUE(LogicalType::AnyDecimal().IsAnyDecimal());
  // Copied everywhere: a plain value (nested types are interned pointers).
  EXPECT_LE(sizeof(LogicalType), 16u);
  EXPECT_TRUE(std::is_trivially_copyable_v<LogicalType>);
  EXPECT_THROW(LogicalType::Decimal(39, 0), SluiceError);
  EXPECT_THROW(LogicalType::Decimal(0, 0), SluiceError);
  EXPECT_THROW(LogicalType::Decimal(5, 6), SluiceError);
}

TEST(DecimalTypeTest, ParseTypeName) {
  EXPECT_EQ(ParseTypeName("decimal(12,2)"), LogicalType::Decimal(12, 2));
  EXPECT_EQ(ParseTypeName("DECIMAL( 38 , 10 )"), LogicalType::Decimal(38, 10));
  EXPECT_EQ(ParseTypeName("decimal(7)"), LogicalType::Decimal(7, 0));
  EXPECT_EQ(ParseTypeName("decimal"), LogicalType::Decimal(10, 0));
  EXPECT_EQ(ParseTypeName("numeric(5,1)"), LogicalType::Decimal(5, 1));
  EXPECT_EQ(ParseTypeName(LogicalType::Decimal(20, 4).ToString()), LogicalType::Decimal(20, 4));
  for (const char* bad : {"decimal(39,0)", "decimal(5,6)", "decimal(x)", "decimal(1,2,3)", "decimal(", "decimal()",
                          "decimal(10,2"}) {
    EXPECT_THROW(ParseTypeName(bad), SluiceError) << bad;
  }
  EXPECT_EQ(ParseTypeName("array<decimal(10,2)>"), LogicalType::Array(LogicalType::Decimal(10, 2)));
}

TEST(DecimalTypeTest, CommonSuperType) {
  const LogicalType a = LogicalType::Decimal(12, 2), b = LogicalType::Decimal(5, 4);
  EXPECT_EQ(CommonSuperType(a, b), LogicalType::Decimal(14, 4));
  EXPECT_EQ(CommonSuperType(a, LogicalType::Integer()), LogicalType::Decimal(12, 2));
  EXPECT_EQ(CommonSuperType(LogicalType::Decimal(3, 2), LogicalType::Bigint()), LogicalType::Decimal(21, 2));
  EXPECT_EQ(CommonSuperType(LogicalType::Decimal(38, 0), LogicalType::Decimal(38, 10)), LogicalType::Decimal(38, 10));
  EXPECT_EQ(CommonSuperType(a, LogicalType::Double()), LogicalType::Double());
  EXPECT_EQ(CommonSuperType(LogicalType::Real(), a), LogicalType::Real());
  EXPECT_EQ(CommonSuperType(a, LogicalType::Varchar()).id(), TypeId::kInvalid);
}

TEST(DecimalTextTest, ParsesAndRoundsHalfUp) {
  EXPECT_EQ(Parsed("12.5", 12, 2), "12.50");
  EXPECT_EQ(Parsed("-0.05", 3, 2), "-0.05");
  EXPECT_EQ(Parsed("+007", 3, 0), "7");
  EXPECT_EQ(Parsed("1.005", 4, 2), "1.01");
  EXPECT_EQ(Parsed("-1.005", 4, 2), "-1.01");
  EXPECT_EQ(Parsed("1.0049999", 4, 2), "1.00");
  EXPECT_EQ(Parsed("0.005", 3, 2), "0.01");
  EXPECT_EQ(Parsed("0.0049", 3, 2), "0.00");
  EXPECT_EQ(Parsed("0.0005", 3, 2), "0.00");
  EXPECT_EQ(Parsed(".5", 1, 0), "1");
  EXPECT_EQ(Parsed("5.", 1, 0), "5");
  EXPECT_EQ(Parsed("1.5e2", 5, 2), "150.00");
  EXPECT_EQ(Parsed("15E-3", 4, 2), "0.02");
  EXPECT_EQ(Parsed("-0", 3, 1), "0.0");
  EXPECT_EQ(Parsed("000000000000000000000000000000000000000000012.5", 3, 1), "12.5");
  EXPECT_EQ(Parsed("0.00000000000000000000000000000000000000000001", 38, 38), "0.00000000000000000000000000000000000000");
  EXPECT_EQ(Parsed("99999999999999999999999999999999999999", 38, 0), "99999999999999999999999999999999999999");
  EXPECT_EQ(Parsed("-9999999999999999999999999999.9999999999", 38, 10), "-9999999999999999999999999999.9999999999");
  EXPECT_EQ(Parsed("1e999999999", 38, 0), "overflow");
  EXPECT_EQ(Parsed("1e-999999999", 38, 0), "0");
  EXPECT_EQ(Parsed("0e999999999", 3, 0), "0");
}

TEST(DecimalTextTest, RejectsGarbageAndOverflow) {
  for (const char* bad : {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "--1", "0x10", "1e5.5",
                          "NaN", "Infinity", "١"}) {
    EXPECT_EQ(Parsed(bad, 10, 2), "invalid") << bad;
  }
  EXPECT_EQ(Parsed("123456789012", 12, 2), "overflow");
  EXPECT_EQ(Parsed("9999999999.995", 12, 2), "overflow");  // rounding carries into a new digit
  EXPECT_EQ(Parsed("9999999999.994", 12, 2), "9999999999.99");
  EXPECT_EQ(Parsed("100000000000000000000000000000000000000", 38, 0), "overflow");
}

TEST(DecimalTextTest, FormatsTrinoStyle) {
  EXPECT_EQ(FormatDecimal(1250, 2), "12.50");
  EXPECT_EQ(FormatDecimal(-5, 2), "-0.05");
  EXPECT_EQ(FormatDecimal(100, 0), "100");
  EXPECT_EQ(FormatDecimal(0, 3), "0.000");
  EXPECT_EQ(FormatDecimal(-PowerOfTen(38) + 1, 10), "-9999999999999999999999999999.9999999999");
  EXPECT_EQ(Int128ToString(-(Int128{1} << 126)), "-85070591730234615865843651857942052864");
}

TEST(DecimalTextTest, RoundTripsRandomValues) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    const int p = 1 + static_cast<int>(rng() % 38);
    const int s = static_cast<int>(rng() % (p + 1));
    Int128 v = static_cast<Int128>(rng()) << 64 | static_cast<Int128>(rng());
    v %= PowerOfTen(p);
    const std::string text = FormatDecimal(v, s);
    Int128 back;
    ASSERT_EQ(ParseDecimal(text.data(), text.size(), p, s, &back), DecimalParseResult::kOk) << text;
    ASSERT_TRUE(back == v) << text;
  }
}

TEST(DecimalArithmeticTest, RescaleAndDivide) {
  Int128 r;
  ASSERT_TRUE(RescaleDecimal(1255, 3, 2, 4, &r));
  EXPECT_TRUE(r == 126);
  ASSERT_TRUE(RescaleDecimal(-1255, 3, 1, 3, &r));
  EXPECT_TRUE(r == -13);
  ASSERT_TRUE(RescaleDecimal(123, 1, 20, 38, &r));
  EXPECT_TRUE(r == 123 * PowerOfTen(19));
  EXPECT_FALSE(RescaleDecimal(1234, 1, 1, 3, &r));
  EXPECT_FALSE(RescaleDecimal(PowerOfTen(37), 0, 38, 38, &r));
  EXPECT_TRUE(DivideRoundHalfUp(5, 2) == 3);
  EXPECT_TRUE(DivideRoundHalfUp(-5, 2) == -3);
  EXPECT_TRUE(DivideRoundHalfUp(5, -3) == -2);
  EXPECT_TRUE(DivideRoundHalfUp(-4, 3) == -1);
  // 10^20 * 10^20 / 12345.6789012345 needs 256 bits on the way.
  ASSERT_TRUE(DivideScaled(PowerOfTen(20), 20, Big("123456789012345"), &r));
  EXPECT_EQ(Int128ToString(r), "81000000729000452061008078");
  ASSERT_TRUE(DivideScaled(-PowerOfTen(37), 38, -PowerOfTen(37), &r));
  EXPECT_TRUE(r == PowerOfTen(38));
  EXPECT_FALSE(DivideScaled(PowerOfTen(37), 38, 1, &r));
  EXPECT_TRUE(MultiplyChecked(Big("12345678901234567890"), Big("1234567890123456789"), &r));
  EXPECT_EQ(Int128ToString(r), "15241578753238836750190519987501905210");
  EXPECT_FALSE(MultiplyChecked(PowerOfTen(20), PowerOfTen(19), &r));
}

TEST(DecimalArithmeticTest, FloatingConversions) {
  EXPECT_TRUE(*DecimalFromDouble(2.675, 5, 2) == 268);  // 2.675 as written, not its binary value
  EXPECT_TRUE(*DecimalFromDouble(-0.125, 3, 2) == -13);
  EXPECT_TRUE(*DecimalFromDouble(1e20, 21, 0) == PowerOfTen(20));
  EXPECT_FALSE(DecimalFromDouble(1e20, 20, 0).has_value());
  EXPECT_FALSE(DecimalFromDouble(std::nan(""), 20, 0).has_value());
  EXPECT_FALSE(DecimalFromDouble(-INFINITY, 20, 0).has_value());
  EXPECT_TRUE(*DecimalFromFloat(0.1f, 5, 4) == 1000);
  EXPECT_EQ(DecimalToDouble(123456, 3), 123.456);
  EXPECT_EQ(DecimalToDouble(Big("12345678901234567890123"), 3), 12345678901234567890.123);
  EXPECT_EQ(DecimalToFloat(15, 1), 1.5f);
}

TEST(DecimalValueTest, ValueTextAndEquality) {
  const LogicalType t = LogicalType::Decimal(12, 2);
  EXPECT_EQ(Value::Decimal(t, 1250).ToString(), "12.50");
  EXPECT_EQ(Value::Decimal(t, 1250), Value::Decimal(t, 1250));
  EXPECT_FALSE(Value::Decimal(t, 1250) == Value::Decimal(LogicalType::Decimal(12, 3), 1250));
  EXPECT_EQ(Value::Null(t).ToString(), "NULL");
}

TEST(DecimalVectorTest, GetSetCopyForBothWidths) {
  for (LogicalType t : {LogicalType::Decimal(12, 2), LogicalType::Decimal(38, 10)}) {
    Vector v(t, 4);
    v.SetValue(0, Value::Decimal(t, -5));
    v.SetValue(1, Value::Null(t));
    v.SetValue(2, Value::Decimal(t, PowerOfTen(t.width()) - 1));
    EXPECT_EQ(v.GetValue(0), Value::Decimal(t, -5));
    EXPECT_TRUE(v.GetValue(1).is_null());
    EXPECT_EQ(v.GetValue(2), Value::Decimal(t, PowerOfTen(t.width()) - 1));
    Vector copy(t, 4);
    const uint32_t sel[] = {2, 0, 1};
    copy.CopyFrom(v, sel, 3, 0);
    EXPECT_EQ(copy.GetValue(0), v.GetValue(2));
    EXPECT_EQ(copy.GetValue(1), v.GetValue(0));
    EXPECT_TRUE(copy.GetValue(2).is_null());
    EXPECT_THROW(v.SetValue(3, Value::Decimal(LogicalType::Decimal(5, 1), 1)), SluiceError) << t.ToString();
  }
}

TEST(DecimalVectorTest, HashEqualityAndOrder) {
  const LogicalType t = LogicalType::Decimal(38, 0);
  Vector v(t, 4);
  // Equal low 64 bits, different high bits: must hash and compare apart.
  v.SetValue(0, Value::Decimal(t, Int128{1} << 70));
  v.SetValue(1, Value::Decimal(t, (Int128{1} << 70) + (Int128{1} << 64)));
  v.SetValue(2, Value::Decimal(t, -(Int128{1} << 70)));
  v.SetValue(3, Value::Decimal(t, Int128{1} << 70));
  uint64_t hashes[4];
  HashVector(v, 4, hashes, false);
  EXPECT_NE(hashes[0], hashes[1]);
  EXPECT_EQ(hashes[0], hashes[3]);
  EXPECT_TRUE(RowsEqual(v, 0, v, 3));
  EXPECT_FALSE(RowsEqual(v, 0, v, 1));
  EXPECT_EQ(CompareRows(v, 0, v, 1), -1);
  EXPECT_EQ(CompareRows(v, 2, v, 0), -1);
  EXPECT_EQ(CompareRows(v, 1, v, 2), 1);
  EXPECT_EQ(CompareRows(v, 0, v, 3), 0);

  const LogicalType s = LogicalType::Decimal(10, 2);
  Vector w(s, 2);
  w.SetValue(0, Value::Decimal(s, -150));
  w.SetValue(1, Value::Decimal(s, 20));
  EXPECT_EQ(CompareRows(w, 0, w, 1), -1);
}

}  // namespace
}  // namespace sluice
