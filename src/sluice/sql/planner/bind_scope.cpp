#include "sluice/sql/planner/bind_scope.h"

#include "sluice/common/error.h"

namespace sluice::planner {

std::optional<size_t> BindScope::TryResolve(const std::vector<std::string>& parts) {
  std::optional<size_t> found;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Column& c = columns_[i];
    bool match = false;
    if (parts.size() == 1) match = c.name == parts[0] && !c.qualified_only;
    else if (parts.size() == 2) match = c.qualifier == parts[0] && c.name == parts[1];
    else if (parts.size() == 3) match = c.database == parts[0] && c.qualifier == parts[1] && c.name == parts[2];
    if (!match) continue;
    if (found) {
      std::string name;
      for (size_t p = 0; p < parts.size(); ++p) name += (p ? "." : "") + parts[p];
      throw SluiceError(ErrorCode::kAmbiguousName, "Column '" + name + "' is ambiguous");
    }
    found = i;
  }
  return found;
}

size_t BindScope::Resolve(const std::vector<std::string>& parts) {
  if (auto i = TryResolve(parts)) return *i;
  std::string name;
  for (size_t p = 0; p < parts.size(); ++p) name += (p ? "." : "") + parts[p];
  std::string candidates;
  for (size_t i = 0; i < columns_.size() && i < 20; ++i) {
    candidates += (i ? ", " : "") + columns_[i].name;
  }
  throw SluiceError(ErrorCode::kColumnNotFound,
                    "Column '" + name + "' cannot be resolved" +
                        (candidates.empty() ? std::string() : "; available columns: " + candidates));
}

}  // namespace sluice::planner
