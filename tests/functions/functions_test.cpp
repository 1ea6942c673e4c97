#include <gtest/gtest.h>

#include "sluice/common/error.h"
#include "sluice/functions/cast.h"
#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

Vector Ints(std::vector<int64_t> v) {
  Vector out(LogicalType::Bigint());
  for (size_t i = 0; i < v.size(); ++i) out.data<int64_t>()[i] = v[i];
  return out;
}

TEST(FunctionRegistryTest, WidensIntegerToDouble) {
  auto call = FunctionRegistry::Get().BindScalar("add", {LogicalType::Integer(), LogicalType::Double()});
  EXPECT_EQ(call.function.return_type, LogicalType::Double());
  EXPECT_EQ(call.arg_types[0], LogicalType::Double());
}

TEST(FunctionRegistryTest, UnknownOverloadNamesCandidates) {
  try {
    FunctionRegistry::Get().BindScalar("concat", {LogicalType::Bigint(), LogicalType::Varchar()});
    FAIL();
  } catch (const SluiceError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kFunctionNotFound);
    EXPECT_NE(e.message().find("concat(varchar)"), std::string::npos) << e.message();
  }
}

TEST(ArithmeticTest, IntegerOverflowIsAnError) {
  auto call = FunctionRegistry::Get().BindScalar("add", {LogicalType::Bigint(), LogicalType::Bigint()});
  Vector a = Ints({INT64_MAX});
  Vector b = Ints({1});
  Vector out(LogicalType::Bigint());
  EXPECT_THROW(call.function.kernel({&a, &b}, 1, out), SluiceError);
}

TEST(ArithmeticTest, IntegerDivisionTruncates) {
  auto call = FunctionRegistry::Get().BindScalar("divide", {LogicalType::Bigint(), LogicalType::Bigint()});
  Vector a = Ints({7, -7});
  Vector b = Ints({2, 2});
  Vector out(LogicalType::Bigint());
  call.function.kernel({&a, &b}, 2, out);
  EXPECT_EQ(out.data<int64_t>()[0], 3);
  EXPECT_EQ(out.data<int64_t>()[1], -3);
}

TEST(StringTest, SubstrIsOneBasedAndCodePointAware) {
  auto call = FunctionRegistry::Get().BindScalar("substr", {LogicalType::Varchar(), LogicalType::Bigint(), LogicalType::Bigint()});
  Vector s(LogicalType::Varchar());
  s.SetString(0, "h\xC3\xA9llo world, a long one");
  Vector from = Ints({2});
  Vector len = Ints({3});
  Vector out(LogicalType::Varchar());
  call.function.kernel({&s, &from, &len}, 1, out);
  EXPECT_EQ(out.GetValue(0).ToString(), "\xC3\xA9ll");
}

TEST(CastTest, VarcharToIntegerFailsOrNulls) {
  Vector s(LogicalType::Varchar());
  s.SetString(0, " 42 ");
  s.SetString(1, "4x2");
  Vector out(LogicalType::Integer());
  EXPECT_THROW(CastVector(s, out, 2, false), SluiceError);
  Vector out2(LogicalType::Integer());
  CastVector(s, out2, 2, true);
  EXPECT_EQ(out2.data<int32_t>()[0], 42);
  EXPECT_TRUE(out2.IsNull(1));
}

TEST(CastTest, DoubleToBigintRoundsHalfAwayFromZero) {
  Vector d(LogicalType::Double());
  d.data<double>()[0] = 2.5;
  d.data<double>()[1] = -2.5;
  Vector out(LogicalType::Bigint());
  CastVector(d, out, 2, false);
  EXPECT_EQ(out.data<int64_t>()[0], 3);
  EXPECT_EQ(out.data<int64_t>()[1], -3);
}

TEST(AggregateTest, SumIgnoresNullsAndIsNullWhenEmpty) {
  auto call = FunctionRegistry::Get().BindAggregate("sum", {LogicalType::Double()});
  const auto& f = call.function;
  std::vector<uint8_t> state(f.state_size);
  f.initialize(state.data());
  Vector out(LogicalType::Double());
  f.finalize(state.data(), out, 0);
  EXPECT_TRUE(out.IsNull(0));
  Vector in(LogicalType::Double());
  in.data<double>()[0] = 1.5;
  in.SetNull(1);
  in.data<double>()[2] = 2.0;
  uint8_t* states[3] = {state.data(), state.data(), state.data()};
  f.update(&in, 3, states);
  f.finalize(state.data(), out, 1);
  EXPECT_DOUBLE_EQ(out.data<double>()[1], 3.5);
}

}  // namespace
}  // namespace sluice::function

namespace sluice::function {
namespace {

bool RunLike(const std::string& s, const std::string& p) {
  auto call = FunctionRegistry::Get().BindScalar("like", {LogicalType::Varchar(), LogicalType::Varchar()});
  Vector a(LogicalType::Varchar()), b(LogicalType::Varchar()), out(LogicalType::Boolean());
  a.SetString(0, s);
  b.SetString(0, p);
  call.function.kernel({&a, &b}, 1, out);
  return out.data<uint8_t>()[0] != 0;
}

TEST(LikeTest, WildcardsAndBacktracking) {
  EXPECT_TRUE(RunLike("m5.large", "m5.%"));
  EXPECT_TRUE(RunLike("m5.large", "%.l_rge"));
  EXPECT_FALSE(RunLike("m5.large", "%.x%"));
  EXPECT_TRUE(RunLike("aaab", "%a%b"));
  EXPECT_TRUE(RunLike("", "%"));
  EXPECT_FALSE(RunLike("", "_"));
  EXPECT_TRUE(RunLike("h\xC3\xA9", "h_"));
}

}  // namespace
}  // namespace sluice::function
