#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sluice/types/value.h"

namespace sluice {

// A condition on one column simple enough to check against what a file
// knows about a range of rows without reading them: min, max and null
// count (Parquet row-group statistics and page indexes). Values are typed
// as the column. Used to skip data, never to decide rows: the full filter
// still runs over whatever is read.
struct RangePredicate {
  enum class Op { kEqual, kLess, kLessEqual, kGreater, kGreaterEqual, kIn, kIsNull, kIsNotNull };

  size_t column = 0;  // meaning chosen by the user (a table or file column)
  Op op = Op::kEqual;
  std::vector<Value> values;  // one for comparisons, the list for IN, none for IS [NOT] NULL

  // False only when no row of a range whose non-null values lie in
  // [min, max] and which holds `null_count` NULLs among `rows` can satisfy
  // the predicate. A null min/max or negative count means unknown.
  bool MayMatch(const Value& min, const Value& max, int64_t null_count, int64_t rows) const;

  std::string ToString(const std::string& column_name) const;
};

// <0, 0, >0 for two non-null values of one family (integers of any width,
// REAL/DOUBLE, decimals of one scale, or one type).
int CompareValues(const Value& a, const Value& b);

}  // namespace sluice
