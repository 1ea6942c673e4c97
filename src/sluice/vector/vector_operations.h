#pragma once

#include <cstddef>
#include <cstdint>

#include "sluice/vector/vector.h"

namespace sluice {

// A selection entry that stands for NULL in GatherWithNulls.
constexpr uint32_t kNullRow = UINT32_MAX;

// result[i] = source[sel[i]] for i < count (result reset and written from
// row 0), NULL where sel[i] == kNullRow (such entries are overwritten).
// For kernels that pick one element per row out of a list's child.
void GatherWithNulls(const Vector& source, uint32_t* sel, size_t count, Vector& result);

// Hashes rows [0,count) of `v` into `hashes`: overwritten when !combine,
// mixed into the existing value when combine (for multi-column keys). NULL
// hashes to a fixed value, so NULLs group together.
void HashVector(const Vector& v, size_t count, uint64_t* hashes, bool combine);

// The hash HashVector gives row `row` of `v` as a single-column key.
uint64_t HashRow(const Vector& v, size_t row);

// Row equality for grouping: NULL equals NULL.
bool RowsEqual(const Vector& a, size_t i, const Vector& b, size_t j);
// RowsEqual for `count` pairs (a's row a_rows[k], b's row b_rows[k]), ANDed
// into equal[k]: one typed loop per call rather than a type switch per row.
void RowsEqualPairs(const Vector& a, const uint32_t* a_rows, const Vector& b, const uint32_t* b_rows,
                    size_t count, uint8_t* equal);

// Three-way comparison for sorting, ignoring NULLs (callers order them).
// Floating point: NaN sorts after every number, as in Trino.
// Arrays and rows compare lexicographically (Trino); maps are not orderable.
int CompareRows(const Vector& a, size_t i, const Vector& b, size_t j);

// CompareRows with NULL after every value (inside arrays and rows).
int CompareWithNulls(const Vector& a, size_t i, const Vector& b, size_t j);

}  // namespace sluice
