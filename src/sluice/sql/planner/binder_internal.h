#pragma once

// Shared by the files that implement the Binder (binder.cpp, bind_join.cpp).

#include <optional>
#include <string>
#include <vector>

#include "sluice/sql/planner/binder.h"

namespace sluice::planner {

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

}  // namespace sluice::planner
