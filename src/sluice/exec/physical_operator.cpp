#include "sluice/exec/physical_operator.h"

#include <cstdio>

#include "sluice/common/format_bytes.h"

namespace sluice::exec {

namespace {

uint64_t TotalNanos(const PhysicalOperator& op) {
  uint64_t total = op.profile.nanos.load();
  for (const auto& c : op.children) total += TotalNanos(*c);
  return total;
}

// "0.42 ms", "12.30 s".
std::string Duration(uint64_t nanos) {
  char buf[32];
  const double seconds = static_cast<double>(nanos) / 1e9;
  if (seconds < 1) std::snprintf(buf, sizeof(buf), "%.2f ms", seconds * 1e3);
  else std::snprintf(buf, sizeof(buf), "%.2f s", seconds);
  return buf;
}

// "rows=1234 (56.00 KB) input rows=2000 time=12.00 ms 35%"
std::string ProfileText(const PhysicalOperator& op, uint64_t total_nanos) {
  const OperatorProfile& p = op.profile;
  std::string s;
  // A sink that is no source (the result, a writer) outputs what it took in;
  // a join's sink input is its build side.
  if (op.IsSink() && !op.IsSource() && !op.IsJoin()) {
    s = "rows=" + std::to_string(p.rows_in.load());
  } else {
    s = "rows=" + std::to_string(p.rows.load()) + " (" + FormatBytes(p.bytes.load()) + ")";
    if (op.IsJoin()) s += " build rows=" + std::to_string(p.rows_in.load());
    else if (op.IsSink()) s += " input rows=" + std::to_string(p.rows_in.load());
  }
  if (p.bytes_read.load() > 0) s += " read=" + FormatBytes(p.bytes_read.load());
  const uint64_t nanos = p.nanos.load();
  char share[16];
  std::snprintf(share, sizeof(share), " %.0f%%",
                total_nanos == 0 ? 0.0 : 100.0 * static_cast<double>(nanos) / static_cast<double>(total_nanos));
  return s + " time=" + Duration(nanos) + share;
}

void Render(const PhysicalOperator& op, int depth, bool profiled, uint64_t total_nanos, std::string& out) {
  out += std::string(static_cast<size_t>(depth) * 2, ' ') + "- " + op.Name();
  std::string details = op.Details();
  if (!details.empty()) out += " [" + details + "]";
  if (profiled) {
    out += " {" + ProfileText(op, total_nanos) + "}";
  } else {
    const double estimate = op.EstimatedBytes();
    if (estimate > 0) out += " {est. " + FormatBytes(static_cast<uint64_t>(estimate)) + "}";
  }
  out += "\n";
  for (const auto& c : op.children) Render(*c, depth + 1, profiled, total_nanos, out);
}

}  // namespace

std::string RenderPlan(const PhysicalOperator& root, bool profiled) {
  std::string out;
  Render(root, 0, profiled, profiled ? TotalNanos(root) : 0, out);
  return out;
}

}  // namespace sluice::exec
