#pragma once

#include <map>
#include <string>
#include <vector>

#include "sluice/catalog/catalog.h"
#include "sluice/common/error.h"
#include "sluice/types/value.h"

namespace sluice::planner {

// A table function call in FROM with its arguments evaluated to constants.
struct TableFunctionCall {
  std::string name;  // lower-cased: "read_csv"
  std::vector<Value> positional;
  std::map<std::string, Value> named;  // names lower-cased
  SourcePosition position;
};

// Turns table function calls into the tables they read, described as if they
// were in the catalog, so that scans, pruning and statistics work as for any
// table. Lives above the planner (it reads files, which the planner never
// does) and is handed to the Binder. Implementations throw
// FUNCTION_NOT_FOUND for names they do not know. Thread-compatible.
class TableFunctionResolver {
 public:
  virtual ~TableFunctionResolver() = default;
  virtual catalog::TableDef Resolve(const TableFunctionCall& call) = 0;
};

}  // namespace sluice::planner
