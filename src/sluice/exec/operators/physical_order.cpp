#include "sluice/exec/operators/physical_order.h"

#include <algorithm>
#include <mutex>


namespace sluice::exec {

namespace {
struct OrderGlobal : GlobalState {
  std::mutex mutex;
  DataChunk rows;
  std::vector<uint32_t> order;
};
struct OrderLocal : LocalState {
  DataChunk rows;
};
struct OrderSource : GlobalState {
  size_t position = 0;
};
}  // namespace

std::string PhysicalOrder::Details() const {
  std::string s;
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (i) s += ", ";
    s += "#" + std::to_string(keys_[i].column) + (keys_[i].ascending ? " ASC" : " DESC") +
         (keys_[i].nulls_first ? " NULLS FIRST" : " NULLS LAST");
  }
  if (keep_ != kKeepAll) s += ", first " + std::to_string(keep_) + " rows";
  return s;
}

std::unique_ptr<GlobalState> PhysicalOrder::InitGlobalSink(QueryContext&) {
  auto g = std::make_unique<OrderGlobal>();
  g->rows.Initialize(types_);
  return g;
}

std::unique_ptr<LocalState> PhysicalOrder::InitLocalSink(QueryContext&, GlobalState&) {
  auto l = std::make_unique<OrderLocal>();
  l->rows.Initialize(types_);
  return l;
}

SinkResult PhysicalOrder::Sink(QueryContext&, DataChunk& input, GlobalState&, LocalState& local) {
  DataChunk& rows = static_cast<OrderLocal&>(local).rows;
  rows.Append(input, nullptr, input.size());
  if (keep_ != kKeepAll && rows.size() >= std::max(2 * keep_, kVectorSize)) {
    // Top-N: rows past the first keep_ can never be emitted.
    std::vector<uint32_t> first = SortRowIndexes(rows, keys_, keep_);
    DataChunk kept(types_, std::max<size_t>(first.size(), 1));
    kept.Append(rows, first.data(), first.size());
    rows = std::move(kept);
  }
  return SinkResult::kNeedMoreInput;
}

void PhysicalOrder::Combine(QueryContext&, GlobalState& global, LocalState& local) {
  auto& g = static_cast<OrderGlobal&>(global);
  auto& l = static_cast<OrderLocal&>(local);
  std::lock_guard<std::mutex> lock(g.mutex);
  g.rows.Append(l.rows, nullptr, l.rows.size());
}

void PhysicalOrder::Finalize(QueryContext&, GlobalState& global) {
  auto& g = static_cast<OrderGlobal&>(global);
  g.order = SortRowIndexes(g.rows, keys_, keep_);
}

std::unique_ptr<GlobalState> PhysicalOrder::InitGlobalSource(QueryContext&) {
  return std::make_unique<OrderSource>();
}

SourceResult PhysicalOrder::GetData(QueryContext&, DataChunk& out, GlobalState& global,
                                    LocalState&) {
  auto& src = static_cast<OrderSource&>(global);
  auto& g = static_cast<OrderGlobal&>(*sink_state);
  size_t n = std::min(kVectorSize, g.order.size() - src.position);
  if (n) out.Append(g.rows, g.order.data() + src.position, n);
  src.position += n;
  return src.position >= g.order.size() ? SourceResult::kFinished : SourceResult::kHaveMore;
}

}  // namespace sluice::exec
