#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sluice/functions/function_registry.h"

namespace sluice::function {
namespace {

// Runs approx_distinct over `values` (bigint, in batches) into `state`.
void AddAll(const AggregateFunction& f, const std::vector<int64_t>& values, std::vector<uint8_t>& state) {
  for (size_t start = 0; start < values.size(); start += kVectorSize) {
    const size_t n = std::min(kVectorSize, values.size() - start);
    Vector v(LogicalType::Bigint());
    for (size_t i = 0; i < n; ++i) v.data<int64_t>()[i] = values[start + i];
    f.update_single(&v, n, state.data());
  }
}

int64_t Estimate(const AggregateFunction& f, const std::vector<uint8_t>& state) {
  Vector out(LogicalType::Bigint(), 1);
  f.finalize(state.data(), out, 0);
  return out.data<int64_t>()[0];
}

std::vector<uint8_t> Fresh(const AggregateFunction& f) {
  std::vector<uint8_t> state(f.state_size);
  f.initialize(state.data());
  return state;
}

std::vector<int64_t> Range(int64_t from, int64_t to) {
  std::vector<int64_t> v;
  for (int64_t i = from; i < to; ++i) v.push_back(i * 7919 - 3);
  return v;
}

TEST(ApproxDistinctTest, WithinThreeStandardErrorsAcrossScales) {
  const auto f = FunctionRegistry::Get().BindAggregate("approx_distinct", {LogicalType::Bigint()}).function;
  EXPECT_EQ(Estimate(f, Fresh(f)), 0);
  for (int64_t n : {1, 10, 100}) {
    auto state = Fresh(f);
    AddAll(f, Range(0, n), state);
    EXPECT_NEAR(Estimate(f, state), n, std::max<double>(1, 0.02 * n)) << n;  // linear counting: near exact
  }
  for (int64_t n : {1000, 10000, 100000, 1000000}) {
    auto state = Fresh(f);
    AddAll(f, Range(0, n), state);
    EXPECT_NEAR(Estimate(f, state), n, 3 * 0.023 * n) << n;
  }
}

TEST(ApproxDistinctTest, DuplicatesCountOnceAndMergedSketchesEqualOne) {
  const auto f = FunctionRegistry::Get().BindAggregate("approx_distinct", {LogicalType::Bigint()}).function;
  auto once = Fresh(f), repeated = Fresh(f);
  AddAll(f, Range(0, 50000), once);
  for (int k = 0; k < 5; ++k) AddAll(f, Range(0, 50000), repeated);
  EXPECT_EQ(Estimate(f, repeated), Estimate(f, once));
  // Two threads' partial sketches of halves merge into the whole's.
  auto left = Fresh(f), right = Fresh(f);
  AddAll(f, Range(0, 20000), left);
  AddAll(f, Range(20000, 50000), right);
  f.combine(left.data(), right.data());
  EXPECT_EQ(right, once);
}

TEST(ApproxDistinctTest, StringsAndNulls) {
  const auto f = FunctionRegistry::Get().BindAggregate("approx_distinct", {LogicalType::Varchar()}).function;
  auto state = Fresh(f);
  for (int batch = 0; batch < 10; ++batch) {
    Vector v(LogicalType::Varchar());
    for (size_t i = 0; i < kVectorSize; ++i) {
      if (i % 3 == 0) {
        v.SetNull(i);
      } else {
        v.SetString(i, "customer-" + std::to_string((batch * kVectorSize + i) % 5000));
      }
    }
    f.update_single(&v, kVectorSize, state.data());
  }
  // 5000 ids, each about four times, a third of the rows NULL (ignored).
  EXPECT_NEAR(Estimate(f, state), 5000, 3 * 0.023 * 5000);
}

}  // namespace
}  // namespace sluice::function
