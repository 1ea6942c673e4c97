#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sluice/types/logical_type.h"
#include "sluice/vector/vector.h"

namespace sluice::function {

// An aggregate as a fixed-size state plus four callbacks, so the hash
// aggregate can keep all states of a group in one row and update a batch with
// one call. `states[i]` points at the state of the group that row i belongs to.
struct AggregateFunction {
  std::string name;
  std::vector<LogicalType> arg_types;  // empty for count(*)
  LogicalType return_type;
  size_t state_size = 0;
  void (*initialize)(uint8_t* state) = nullptr;
  // arg is nullptr for count(*). Rows where arg is NULL must be ignored.
  void (*update)(const Vector* arg, size_t count, uint8_t* const* states) = nullptr;
  // Optional: the same for rows that all belong to one state (an aggregate
  // without GROUP BY), without the per-row state pointers.
  void (*update_single)(const Vector* arg, size_t count, uint8_t* state) = nullptr;
  void (*combine)(const uint8_t* source, uint8_t* target) = nullptr;
  void (*finalize)(const uint8_t* state, Vector& out, size_t row) = nullptr;
  // Non-null when the state owns memory (min/max of strings).
  void (*destroy)(uint8_t* state) = nullptr;
  // As for ScalarFunction: computes return_type from the bound argument
  // types, for parametric signatures (sum(decimal(p,s)) → decimal(38,s)).
  // States are only 8-byte aligned: 128-bit fields go through memcpy.
  LogicalType (*bind_return_type)(const std::vector<LogicalType>& args) = nullptr;
};

}  // namespace sluice::function
