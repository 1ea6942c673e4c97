#pragma once

#include <string>
#include <unordered_set>

#include "sluice/vector/vector.h"

namespace sluice::exec {

// The distinct non-NULL values one group has fed to an aggregate with
// DISTINCT (count(DISTINCT x), sum(DISTINCT x), ...), as bytes: strings as
// they are, other types as their physical value, with 0.0 and -0.0 one
// value and every NaN one value, as Trino's DISTINCT compares them.
class DistinctValues {
 public:
  // True when row `row` of `v` (not NULL) was not seen before.
  bool Insert(const Vector& v, size_t row);
  // Whether the encoded value was new; for merging another group's set.
  bool InsertEncoded(const std::string& value) { return seen_.insert(value).second; }
  const std::unordered_set<std::string>& values() const { return seen_; }
  size_t MemoryUsage() const;

  // The encoded value back into row `row` of `v` (of the type it came from).
  static void Decode(const std::string& value, Vector& v, size_t row);

 private:
  std::unordered_set<std::string> seen_;
};

}  // namespace sluice::exec
