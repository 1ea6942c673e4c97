// DECIMAL in the function layer: parametric binding (AnyDecimal and
// return-type callbacks), implicit coercions, casts and kernels.
#include <gtest/gtest.h>

#include "sluice/common/error.h"
#include "sluice/functions/cast.h"
#include "sluice/functions/function_registry.h"
#include "sluice/types/decimal.h"

namespace sluice::function {
namespace {

const LogicalType kMoney = LogicalType::Decimal(12, 2);
const LogicalType kWide = LogicalType::Decimal(38, 10);

Vector Decimals(LogicalType t, std::vector<Int128> values) {
  Vector v(t);
  for (size_t i = 0; i < values.size(); ++i) v.SetValue(i, Value::Decimal(t, values[i]));
  return v;
}

std::string Text(const Vector& v, size_t row) { return v.GetValue(row).ToString(); }

TEST(DecimalBindingTest, ArithmeticReturnTypes) {
  const auto& r = FunctionRegistry::Get();
  const LogicalType a = LogicalType::Decimal(5, 2), b = LogicalType::Decimal(2, 1);
  EXPECT_EQ(r.BindScalar("add", {a, b}).function.return_type, LogicalType::Decimal(6, 2));
  EXPECT_EQ(r.BindScalar("subtract", {a, b}).function.return_type, LogicalType::Decimal(6, 2));
  EXPECT_EQ(r.BindScalar("multiply", {a, b}).function.return_type, LogicalType::Decimal(7, 3));
  EXPECT_EQ(r.BindScalar("divide", {a, b}).function.return_type, LogicalType::Decimal(6, 2));
  EXPECT_EQ(r.BindScalar("divide", {b, a}).function.return_type, LogicalType::Decimal(5, 2));
  EXPECT_EQ(r.BindScalar("modulus", {a, b}).function.return_type, LogicalType::Decimal(3, 2));
  EXPECT_EQ(r.BindScalar("add", {kWide, kWide}).function.return_type, kWide);  // capped at 38
  EXPECT_EQ(r.BindScalar("negate", {a}).function.return_type, a);
  EXPECT_EQ(r.BindScalar("multiply", {kWide, kWide}).function.return_type, LogicalType::Decimal(38, 20));
  const LogicalType s20 = LogicalType::Decimal(38, 20);
  EXPECT_THROW(r.BindScalar("multiply", {s20, s20}), SluiceError);  // scale 40
}

TEST(DecimalBindingTest, IntegersBecomeDecimalsDoublesWin) {
  const auto& r = FunctionRegistry::Get();
  auto call = r.BindScalar("add", {kMoney, LogicalType::Integer()});
  EXPECT_EQ(call.arg_types[0], kMoney);
  EXPECT_EQ(call.arg_types[1], LogicalType::Decimal(10, 0));
  EXPECT_EQ(call.function.return_type, LogicalType::Decimal(13, 2));
  EXPECT_EQ(r.BindScalar("add", {LogicalType::Tinyint(), kMoney}).arg_types[0], LogicalType::Decimal(3, 0));
  EXPECT_EQ(r.BindScalar("add", {LogicalType::Bigint(), kMoney}).arg_types[0], LogicalType::Decimal(19, 0));
  EXPECT_EQ(r.BindScalar("add", {kMoney, LogicalType::Double()}).function.return_type, LogicalType::Double());
  EXPECT_EQ(r.BindScalar("add", {kMoney, LogicalType::Real()}).function.return_type, LogicalType::Real());
  // Integer arithmetic stays integer.
  EXPECT_EQ(r.BindScalar("add", {LogicalType::Integer(), LogicalType::Bigint()}).function.return_type,
            LogicalType::Bigint());
}

TEST(DecimalBindingTest, ImplicitCastCosts) {
  EXPECT_EQ(ImplicitCastCost(kMoney, LogicalType::AnyDecimal()), 0);
  EXPECT_TRUE(ImplicitCastCost(LogicalType::Decimal(5, 2), kMoney).has_value());
  EXPECT_FALSE(ImplicitCastCost(kMoney, LogicalType::Decimal(5, 2)).has_value());
  EXPECT_FALSE(ImplicitCastCost(LogicalType::Decimal(5, 2), LogicalType::Decimal(5, 3)).has_value());
  EXPECT_TRUE(ImplicitCastCost(LogicalType::Integer(), kMoney).has_value());
  EXPECT_FALSE(ImplicitCastCost(LogicalType::Bigint(), kMoney).has_value());  // needs 19 digits
  EXPECT_FALSE(ImplicitCastCost(LogicalType::Double(), kMoney).has_value());
  EXPECT_FALSE(ImplicitCastCost(kMoney, LogicalType::Bigint()).has_value());
  EXPECT_LT(*ImplicitCastCost(kMoney, LogicalType::Real()), *ImplicitCastCost(kMoney, LogicalType::Double()));
}

TEST(DecimalBindingTest, AggregateReturnTypes) {
  const auto& r = FunctionRegistry::Get();
  EXPECT_EQ(r.BindAggregate("sum", {kMoney}).function.return_type, LogicalType::Decimal(38, 2));
  EXPECT_EQ(r.BindAggregate("avg", {kMoney}).function.return_type, kMoney);
  EXPECT_EQ(r.BindAggregate("min", {kWide}).function.return_type, kWide);
  EXPECT_EQ(r.BindAggregate("max", {kMoney}).function.return_type, kMoney);
  EXPECT_EQ(r.BindAggregate("count", {kMoney}).function.return_type, LogicalType::Bigint());
  EXPECT_EQ(r.BindAggregate("sum", {LogicalType::Integer()}).function.return_type, LogicalType::Bigint());
}

TEST(DecimalKernelTest, AddAcrossWidthsAndOverflow) {
  const auto call = FunctionRegistry::Get().BindScalar("add", {kMoney, kWide});
  Vector a = Decimals(kMoney, {1250, -5});
  Vector b = Decimals(kWide, {1, PowerOfTen(37)});
  Vector out(call.function.return_type);
  call.function.kernel({&a, &b}, 2, out);
  EXPECT_EQ(Text(out, 0), "12.5000000001");
  EXPECT_EQ(Text(out, 1), "999999999999999999999999999.9500000000");  // -0.05 + 10^27
  Vector big = Decimals(kWide, {PowerOfTen(38) - 1});
  try {
    call.function.kernel({&a, &big}, 1, out);  // 12.50 + 9999999999999999999999999999.9999999999
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNumericOverflow);
  }
}

TEST(DecimalKernelTest, ComparisonRescalesWithoutOverflow) {
  const LogicalType huge = LogicalType::Decimal(38, 0), tiny = LogicalType::Decimal(38, 37);
  const auto call = FunctionRegistry::Get().BindScalar("less_than", {huge, tiny});
  EXPECT_EQ(call.arg_types[0], huge);  // no cast to a common type
  Vector a = Decimals(huge, {-(PowerOfTen(38) - 1), 1, 1, PowerOfTen(38) - 1});
  Vector b = Decimals(tiny, {5 * PowerOfTen(36), PowerOfTen(37), PowerOfTen(37) + 1, -5 * PowerOfTen(36)});
  Vector out(LogicalType::Boolean());
  call.function.kernel({&a, &b}, 4, out);
  EXPECT_EQ(out.data<uint8_t>()[0], 1);  // -9.99e37 < 0.5
  EXPECT_EQ(out.data<uint8_t>()[1], 0);  // 1 < 1.0
  EXPECT_EQ(out.data<uint8_t>()[2], 1);  // 1 < 1.00..01
  EXPECT_EQ(out.data<uint8_t>()[3], 0);  // 9.99e37 < -0.5
}

TEST(DecimalKernelTest, DivisionRoundsAndRejectsZero) {
  const auto call = FunctionRegistry::Get().BindScalar("divide", {kMoney, LogicalType::Integer()});
  Vector a = Decimals(kMoney, {1000, -1000, 1});
  Vector b(LogicalType::Decimal(10, 0));
  for (int i = 0; i < 3; ++i) b.SetValue(i, Value::Decimal(b.type(), 3));
  Vector out(call.function.return_type);
  call.function.kernel({&a, &b}, 3, out);
  EXPECT_EQ(Text(out, 0), "3.33");
  EXPECT_EQ(Text(out, 1), "-3.33");
  EXPECT_EQ(Text(out, 2), "0.00");
  b.SetValue(1, Value::Decimal(b.type(), 0));
  try {
    call.function.kernel({&a, &b}, 3, out);
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDivisionByZero);
  }
}

TEST(DecimalCastTest, VarcharToDecimalAndBack) {
  Vector s(LogicalType::Varchar());
  s.SetString(0, " 1.005 ");
  s.SetString(1, "abc");
  s.SetNull(2);
  s.SetString(3, "1e3");
  Vector d(LogicalType::Decimal(4, 2));
  CastVector(s, d, 4, true);
  EXPECT_EQ(Text(d, 0), "1.01");
  EXPECT_TRUE(d.IsNull(1));
  EXPECT_TRUE(d.IsNull(2));
  EXPECT_TRUE(d.IsNull(3));  // 1000.00 needs 6 digits
  try {
    CastVector(s, d, 2, false);
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidCast);
    EXPECT_EQ(e.message(), "Cannot cast VARCHAR 'abc' to DECIMAL(4, 2). Value is not a number.");
  }
  Vector back(LogicalType::Varchar());
  CastVector(d, back, 1, false);
  EXPECT_EQ(back.GetValue(0).string_value(), "1.01");
}

TEST(DecimalCastTest, NumbersAndRescaling) {
  Vector ints(LogicalType::Bigint());
  ints.data<int64_t>()[0] = -123;
  ints.data<int64_t>()[1] = 1000;
  Vector d(LogicalType::Decimal(5, 2));
  CastVector(ints, d, 1, false);
  EXPECT_EQ(Text(d, 0), "-123.00");
  EXPECT_THROW(CastVector(ints, d, 2, false), SluiceError);

  Vector wide = Decimals(kWide, {-25 * PowerOfTen(9), 5 * PowerOfTen(9)});  // -2.5, 0.5
  Vector i(LogicalType::Integer());
  CastVector(wide, i, 2, false);
  EXPECT_EQ(i.data<int32_t>()[0], -3);
  EXPECT_EQ(i.data<int32_t>()[1], 1);
  Vector narrow(LogicalType::Decimal(2, 0));
  CastVector(wide, narrow, 2, false);
  EXPECT_EQ(Text(narrow, 0), "-3");
  Vector dbl(LogicalType::Double());
  CastVector(wide, dbl, 2, false);
  EXPECT_EQ(dbl.data<double>()[0], -2.5);

  Vector doubles(LogicalType::Double());
  doubles.data<double>()[0] = 0.125;
  doubles.data<double>()[1] = std::numeric_limits<double>::infinity();
  Vector money(kMoney);
  CastVector(doubles, money, 2, true);
  EXPECT_EQ(Text(money, 0), "0.13");
  EXPECT_TRUE(money.IsNull(1));
  EXPECT_TRUE(CastExists(kMoney, LogicalType::Boolean()));
  EXPECT_FALSE(CastExists(kMoney, LogicalType::Date()));
}

}  // namespace
}  // namespace sluice::function
