#include "sluice/functions/aggregate/t_digest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace sluice::function {
namespace {

// How far the value the digest returns for q is, in rank, from q·n: the
// distance from q·n to the range of ranks the value holds in `sorted`.
double RankError(const std::vector<double>& sorted, double value, double q) {
  const double n = static_cast<double>(sorted.size());
  const double lo = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
  const double hi = static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
  const double rank = q * n;
  if (rank < lo) return (lo - rank) / n;
  if (rank > hi) return (rank - hi) / n;
  return 0;
}

// Feeds `values` to `parts` digests (as the workers of a parallel
// aggregate would) and merges them into one.
TDigest Digest(const std::vector<double>& values, size_t parts) {
  std::vector<TDigest> partial(parts);
  for (size_t i = 0; i < values.size(); ++i) partial[i % parts].Add(values[i]);
  TDigest merged;
  for (const TDigest& d : partial) merged.Merge(d);
  return merged;
}

void ExpectWithinBound(std::vector<double> values, size_t parts, const char* what) {
  TDigest digest = Digest(values, parts);
  std::sort(values.begin(), values.end());
  double worst_middle = 0, worst_tail = 0;
  for (double q : {0.0, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 1.0}) {
    const double error = RankError(values, digest.Quantile(q), q);
    const bool tail = q <= 0.01 || q >= 0.99;
    (tail ? worst_tail : worst_middle) = std::max(tail ? worst_tail : worst_middle, error);
    EXPECT_LE(error, tail ? 0.001 : 0.005) << what << " q=" << q;
  }
  EXPECT_EQ(digest.Quantile(0), values.front()) << what;
  EXPECT_EQ(digest.Quantile(1), values.back()) << what;
  ::testing::Test::RecordProperty(std::string(what) + "_worst_middle", std::to_string(worst_middle));
  ::testing::Test::RecordProperty(std::string(what) + "_worst_tail", std::to_string(worst_tail));
}

TEST(TDigestTest, RankErrorWithinBoundOnLargeRandomInputs) {
  std::mt19937_64 rng(42);
  const size_t n = 1'000'000;
  std::vector<double> uniform(n), normal(n), lognormal(n), few_values(n);
  std::uniform_real_distribution<double> u(-1000, 1000);
  std::normal_distribution<double> g(5, 2);
  std::lognormal_distribution<double> ln(0, 2);
  std::uniform_int_distribution<int> small(0, 9);
  for (size_t i = 0; i < n; ++i) {
    uniform[i] = u(rng);
    normal[i] = g(rng);
    lognormal[i] = ln(rng);
    few_values[i] = small(rng);  // many duplicates
  }
  std::vector<double> ascending(n), descending(n);
  for (size_t i = 0; i < n; ++i) {
    ascending[i] = static_cast<double>(i);
    descending[i] = static_cast<double>(n - i);
  }
  ExpectWithinBound(uniform, 1, "uniform");
  ExpectWithinBound(uniform, 7, "uniform_merged");
  ExpectWithinBound(normal, 4, "normal_merged");
  ExpectWithinBound(lognormal, 3, "lognormal_merged");
  ExpectWithinBound(few_values, 2, "few_values");
  ExpectWithinBound(ascending, 1, "ascending");
  ExpectWithinBound(descending, 5, "descending_merged");
}

TEST(TDigestTest, SmallInputsAreExactOrderStatistics) {
  // Up to kExactLimit values the answer is the floor(q·n)-th smallest, as
  // Trino's digest answers on small inputs.
  std::vector<double> values;
  for (int i = 10; i >= 1; --i) values.push_back(i);
  TDigest d = Digest(values, 3);
  EXPECT_EQ(d.Quantile(0), 1);
  EXPECT_EQ(d.Quantile(0.5), 6);
  EXPECT_EQ(d.Quantile(0.25), 3);
  EXPECT_EQ(d.Quantile(0.99), 10);
  EXPECT_EQ(d.Quantile(1), 10);
  // Weights count as copies.
  TDigest w;
  w.Add(1, 3);
  w.Add(2, 1);
  EXPECT_EQ(w.Quantile(0.5), 1);
  EXPECT_EQ(w.Quantile(0.75), 2);
}

TEST(TDigestTest, CompressedDigestStaysSmall) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  TDigest d;
  for (int i = 0; i < 200000; ++i) d.Add(u(rng));
  d.Quantile(0.5);
  // About compression / 2 centroids, plus the pending buffer's capacity.
  EXPECT_LT(d.MemoryUsage(), 64 * 1024u);
  EXPECT_EQ(d.total_weight(), 200000);
}

}  // namespace
}  // namespace sluice::function
