#pragma once

// Shared by the files that implement the Binder (binder.cpp, bind_join.cpp).

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
};

// Whether `name` is a function whose arguments include lambdas
// (bind_lambda.cpp).
bool IsLambdaFunction(const std::string& name);

}  // namespace sluice::planner
