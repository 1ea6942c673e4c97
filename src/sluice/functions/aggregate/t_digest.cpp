#include "sluice/functions/aggregate/t_digest.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sluice::function {

namespace {

// Pending values are merged once this many have gathered (the merging
// digest's buffer: sorting it amortises over many adds).
constexpr size_t kBufferSize = 5 * static_cast<size_t>(TDigest::kCompression);

// The k1 scale function and its inverse: a centroid may span one unit of k.
double ScaleK(double q) { return TDigest::kCompression / (2 * std::numbers::pi) * std::asin(2 * q - 1); }
double ScaleQ(double k) { return (std::sin(k * 2 * std::numbers::pi / TDigest::kCompression) + 1) / 2; }

}  // namespace

void TDigest::Add(double value, double weight) {
  if (total_weight_ == 0) {
    min_ = max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  total_weight_ += weight;
  pending_.push_back(Centroid{value, weight});
  if (exact_ ? pending_.size() > kExactLimit : pending_.size() >= kBufferSize) {
    exact_ = false;
    Compress();
  }
}

void TDigest::AddPending(const Centroid* first, size_t n) { pending_.insert(pending_.end(), first, first + n); }

void TDigest::Merge(const TDigest& other) {
  if (other.empty()) return;
  if (empty()) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  total_weight_ += other.total_weight_;
  AddPending(other.centroids_.data(), other.centroids_.size());
  AddPending(other.pending_.data(), other.pending_.size());
  exact_ = exact_ && other.exact_;
  if (exact_ ? pending_.size() > kExactLimit : pending_.size() >= kBufferSize) {
    exact_ = false;
    Compress();
  }
}

void TDigest::Compress() {
  if (pending_.empty()) return;
  pending_.insert(pending_.end(), centroids_.begin(), centroids_.end());
  std::sort(pending_.begin(), pending_.end(), [](const Centroid& a, const Centroid& b) { return a.mean < b.mean; });
  centroids_.clear();
  // Greedy merge in mean order: the current centroid absorbs the next value
  // while the weight before it plus its own stays below the quantile one
  // unit of k past where it starts.
  double weight_before = 0;
  double limit = total_weight_ * ScaleQ(ScaleK(0) + 1);
  Centroid current = pending_[0];
  for (size_t i = 1; i < pending_.size(); ++i) {
    const Centroid& next = pending_[i];
    if (weight_before + current.weight + next.weight <= limit) {
      current.weight += next.weight;
      current.mean += (next.mean - current.mean) * next.weight / current.weight;
      continue;
    }
    centroids_.push_back(current);
    weight_before += current.weight;
    limit = total_weight_ * ScaleQ(ScaleK(std::min(1.0, weight_before / total_weight_)) + 1);
    current = next;
  }
  centroids_.push_back(current);
  pending_.clear();
}

double TDigest::Quantile(double q) {
  const double rank = q * total_weight_;
  if (exact_) {
    // The raw values: the first whose cumulative weight passes q·n.
    std::sort(pending_.begin(), pending_.end(), [](const Centroid& a, const Centroid& b) { return a.mean < b.mean; });
    double cumulative = 0;
    for (const Centroid& c : pending_) {
      cumulative += c.weight;
      if (cumulative > rank) return c.mean;
    }
    return pending_.back().mean;
  }
  Compress();
  const size_t n = centroids_.size();
  if (n == 1) return centroids_[0].mean;
  // Each centroid stands at the middle of its weight; between two
  // centroids the value is interpolated, except that a single value stays
  // itself for the half unit of rank it covers. The extremes are exact.
  if (rank < 1) return min_;
  if (rank >= total_weight_ - 1) return max_;
  const double first_center = centroids_[0].weight / 2;
  if (rank < first_center) {
    return min_ + (rank - 1) / (first_center - 1) * (centroids_[0].mean - min_);
  }
  double center = first_center;
  for (size_t i = 0; i + 1 < n; ++i) {
    const Centroid& left = centroids_[i];
    const Centroid& right = centroids_[i + 1];
    const double next_center = center + (left.weight + right.weight) / 2;
    if (rank < next_center) {
      if (left.weight == 1 && rank - center < 0.5) return left.mean;
      if (right.weight == 1 && next_center - rank <= 0.5) return right.mean;
      return left.mean + (rank - center) / (next_center - center) * (right.mean - left.mean);
    }
    center = next_center;
  }
  // Past the last centroid's middle: towards the maximum.
  const double last_center = center;
  const double span = total_weight_ - 1 - last_center;
  if (span <= 0) return max_;
  return centroids_[n - 1].mean + (rank - last_center) / span * (max_ - centroids_[n - 1].mean);
}

}  // namespace sluice::function
