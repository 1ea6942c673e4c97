#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

namespace {
void Render(const PhysicalOperator& op, int depth, std::string& out) {
  out += std::string(static_cast<size_t>(depth) * 2, ' ') + "- " + op.Name();
  std::string details = op.Details();
  if (!details.empty()) out += " [" + details + "]";
  out += "\n";
  for (const auto& c : op.children) Render(*c, depth + 1, out);
}
}  // namespace

std::string RenderPlan(const PhysicalOperator& root) {
  std::string out;
  Render(root, 0, out);
  return out;
}

}  // namespace sluice::exec
