#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sluice/types/logical_type.h"

namespace sluice::planner {

// The columns visible to expressions of one query block (its FROM clause),
// with the qualifier each can be referenced by ("t" in t.col).
class BindScope {
 public:
  struct Column {
    std::string qualifier;  // table name or alias, lower case; "" when none
    std::string database;   // for db.table.col references; "" when none
    std::string name;       // lower case
    LogicalType type;
    // Reachable only through its qualifier and left out of a bare `*`: a
    // join's USING column from one side (the merged column stands for it).
    bool qualified_only = false;
  };

  void Add(Column c) { columns_.push_back(std::move(c)); }
  const std::vector<Column>& columns() const { return columns_; }
  size_t size() const { return columns_.size(); }

  // Resolves a column reference of 1..3 parts (col, t.col, db.t.col) to its
  // index. Throws COLUMN_NOT_FOUND (with the candidates) or AMBIGUOUS_NAME.
  size_t Resolve(const std::vector<std::string>& parts);
  // Like Resolve, but returns nullopt when nothing matches.
  std::optional<size_t> TryResolve(const std::vector<std::string>& parts);

 private:
  std::vector<Column> columns_;
};

}  // namespace sluice::planner
