#pragma once

#include <cstddef>
#include <vector>

namespace sluice::function {

// A mergeable quantile sketch for approx_percentile: Dunning's merging
// t-digest with the k1 (arcsine) scale function.
//
// Why a t-digest rather than KLL: Trino's approx_percentile is a t-digest,
// so the results agree in kind (values interpolated between centroids, exact
// at the extremes), and its weights are doubles >= 1, which a t-digest takes
// as centroid weights while KLL only knows integer multiplicities. The
// k1 scale keeps centroids small near q = 0 and 1, so the tails are sharper
// than in the middle, where percentiles are least sensitive.
//
// Error bound: with compression 200 a centroid holds at most
// 2π·sqrt(q(1-q))/200 of the weight (1.6% at the median, 0.3% at q = 0.01),
// and the interpolated answer for q lies within its centroid or the next,
// so the rank of the returned value is within that fraction of q·n (rank
// error ≤ 0.016·n at the median). Interpolation does much better: on a
// million uniform, normal, lognormal, sorted or heavily duplicated values,
// merged from partial digests, the measured rank error is below 0.0007·n
// (0.0004·n in the tails); t_digest_test.cpp checks ≤ 0.005·n, and
// ≤ 0.001·n for q ≤ 0.01 or q ≥ 0.99, against exact percentiles.
//
// Exactness: up to kExactLimit values (small groups, the usual case in
// tests) no centroid is merged and the answer is the exact order statistic
// Trino's digest gives on such inputs: the value whose cumulative weight
// first exceeds q·n (the floor(q·n)-th smallest, from 0, for unit weights).
//
// Not thread-safe; one owner at a time (an aggregate state).
class TDigest {
 public:
  static constexpr double kCompression = 200;
  static constexpr size_t kExactLimit = 1024;

  void Add(double value, double weight = 1);
  // Adds every value of `other`, which is left unchanged.
  void Merge(const TDigest& other);
  double total_weight() const { return total_weight_; }
  bool empty() const { return total_weight_ == 0; }
  // The value at quantile q in [0, 1]; the digest must not be empty.
  // Compresses pending values first, hence not const.
  double Quantile(double q);
  size_t MemoryUsage() const { return (centroids_.capacity() + pending_.capacity()) * sizeof(Centroid); }

 private:
  struct Centroid {
    double mean;
    double weight;
  };
  // Merges the pending values into the centroids (sorted by mean, each at
  // most one unit of the scale function wide).
  void Compress();
  void AddPending(const Centroid* first, size_t n);

  std::vector<Centroid> centroids_;  // sorted by mean
  std::vector<Centroid> pending_;    // added since the last Compress, unsorted
  double total_weight_ = 0;
  double min_ = 0, max_ = 0;
  bool exact_ = true;  // never compressed: centroids_ and pending_ are the raw values
};

}  // namespace sluice::function
