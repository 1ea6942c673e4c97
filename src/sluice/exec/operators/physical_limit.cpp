#include "sluice/exec/operators/physical_limit.h"

#include <algorithm>
#include <mutex>

namespace sluice::exec {

namespace {
struct LimitSink : GlobalState {
  std::mutex mutex;
  DataChunk rows;
  int64_t seen = 0;  // rows received, offset included
};
struct LimitSource : GlobalState {
  size_t position = 0;
};
}  // namespace

std::string PhysicalLimit::Details() const {
  return "limit=" + (limit_ < 0 ? std::string("ALL") : std::to_string(limit_)) +
         (offset_ ? " offset=" + std::to_string(offset_) : "");
}

std::unique_ptr<GlobalState> PhysicalLimit::InitGlobalSink(QueryContext&) {
  auto g = std::make_unique<LimitSink>();
  g->rows.Initialize(types_);
  return g;
}

SinkResult PhysicalLimit::Sink(QueryContext&, DataChunk& input, GlobalState& global, LocalState&) {
  auto& g = static_cast<LimitSink&>(global);
  std::lock_guard<std::mutex> lock(g.mutex);
  const int64_t wanted = limit_ < 0 ? INT64_MAX : offset_ + limit_;
  int64_t n = static_cast<int64_t>(input.size());
  int64_t skip = std::clamp<int64_t>(offset_ - g.seen, 0, n);
  int64_t take = std::clamp<int64_t>(wanted - g.seen - skip, 0, n - skip);
  if (take > 0) {
    std::vector<uint32_t> sel(static_cast<size_t>(take));
    for (int64_t i = 0; i < take; ++i) sel[i] = static_cast<uint32_t>(skip + i);
    g.rows.Append(input, sel.data(), sel.size());
  }
  g.seen += n;
  return g.seen >= wanted ? SinkResult::kFinished : SinkResult::kNeedMoreInput;
}

std::unique_ptr<GlobalState> PhysicalLimit::InitGlobalSource(QueryContext&) {
  return std::make_unique<LimitSource>();
}

SourceResult PhysicalLimit::GetData(QueryContext&, DataChunk& out, GlobalState& global,
                                    LocalState&) {
  auto& src = static_cast<LimitSource&>(global);
  auto& rows = static_cast<LimitSink&>(*sink_state).rows;
  size_t n = std::min(kVectorSize, rows.size() - src.position);
  std::vector<uint32_t> sel(n);
  for (size_t i = 0; i < n; ++i) sel[i] = static_cast<uint32_t>(src.position + i);
  if (n) out.Append(rows, sel.data(), n);
  src.position += n;
  return src.position >= rows.size() ? SourceResult::kFinished : SourceResult::kHaveMore;
}

}  // namespace sluice::exec
