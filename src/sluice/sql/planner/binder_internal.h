#pragma once

// Shared by the files that implement the Binder (binder.cpp, bind_join.cpp,
// bind_window.cpp).

#include <optional>
#include <string>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/sql/planner/binder.h"

namespace sluice::planner {

// A window function of a query block, with the PARTITION BY and ORDER BY it
// sorts by (bound over the block's input to windows: the FROM scope, or the
// aggregate's output).
struct Binder::WindowCall {
  BoundWindowFunction function;
  std::vector<BoundExpressionPtr> partition_by;
  std::vector<BoundOrderKey> order_by;
  std::string sort_key;  // equal for calls that can share one sort
};

// Window results are referenced as columns from kWindowColumn on, until
// PlanWindows knows where they land (aggregates may still be added after).
constexpr size_t kWindowColumn = size_t{1} << 40;

// Per query block (one SELECT): its FROM scope and the groups and
// aggregates it collects.
struct Binder::Block {
  BindScope scope;
  bool aggregated = false;                         // GROUP BY or aggregates present
  std::vector<BoundExpressionPtr> groups;          // bound against scope
  std::vector<std::string> group_keys;             // ToString of groups, to match
  std::vector<BoundAggregate> aggregates;
  std::vector<std::string> aggregate_keys;
  bool in_aggregate_argument = false;
  // Window functions: allowed in the select list and ORDER BY only; `clause`
  // names where binding is, for errors elsewhere ("WHERE clause").
  bool windows_allowed = false;
  const char* clause = nullptr;
  bool in_window = false;  // binding a window function's arguments or specification
  const std::vector<sql::NamedWindow>* named_windows = nullptr;
  std::vector<WindowCall> windows;
  std::vector<std::string> window_keys;
  // GROUP BY expressions as written, to match select items holding
  // subqueries (which are not bound twice to compare).
  std::vector<std::string> group_sql;
  // GROUP BY with ROLLUP, CUBE or GROUPING SETS: each set as indices into
  // groups (empty for a plain GROUP BY), and the placeholder grouping()
  // reads the row's set by (once used).
  std::vector<std::vector<size_t>> grouping_sets;
  std::optional<size_t> grouping_set_placeholder;
  // Subqueries bound in this block's expressions, not yet joined into its
  // plan: those evaluated before aggregation (or without one), and after.
  std::vector<BoundSubquery> subqueries;
  std::vector<BoundSubquery> subqueries_after_aggregation;
};

// A binding error at `at`'s position.
[[noreturn]] inline void Fail(ErrorCode code, const std::string& message, SourcePosition at) {
  throw SluiceError(code, message, at);
}
[[noreturn]] inline void Fail(ErrorCode code, const std::string& message, const sql::Expression& at) {
  Fail(code, message, at.position);
}

// Whether the aggregate `name` takes several arguments, which the binder
// packs into one ROW argument (AggregateFunction takes one).
bool TakesPackedArguments(const std::string& name);

// Whether `name` is a function whose arguments include lambdas
// (bind_lambda.cpp).
bool IsLambdaFunction(const std::string& name);

}  // namespace sluice::planner
