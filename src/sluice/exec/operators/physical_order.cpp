#include "sluice/exec/operators/physical_order.h"

#include <algorithm>
#include <mutex>
#include <numeric>

#include "sluice/vector/vector_operations.h"

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
  static_cast<OrderLocal&>(local).rows.Append(input, nullptr, input.size());
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
  g.order.resize(g.rows.size());
  std::iota(g.order.begin(), g.order.end(), 0);
  const DataChunk& rows = g.rows;
  auto less = [&](uint32_t a, uint32_t b) {
    for (const SortKey& k : keys_) {
      const Vector& v = rows.column(k.column);
      bool an = v.IsNull(a), bn = v.IsNull(b);
      if (an || bn) {
        if (an == bn) continue;
        return an == k.nulls_first;
      }
      int c = CompareRows(v, a, v, b);
      if (c != 0) return k.ascending ? c < 0 : c > 0;
    }
    return false;
  };
  // Stable, so equal keys keep their input order.
  std::stable_sort(g.order.begin(), g.order.end(), less);
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
