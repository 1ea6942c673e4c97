#include "sluice/exec/operators/physical_result_collector.h"

namespace sluice::exec {

namespace {
struct CollectorGlobal : GlobalState {
  std::mutex mutex;
  std::vector<DataChunk> chunks;
};
struct CollectorLocal : LocalState {
  std::vector<DataChunk> chunks;
};
}  // namespace

size_t CollectedResult::RowCount() const {
  size_t n = 0;
  for (const auto& c : chunks) n += c.size();
  return n;
}

std::unique_ptr<GlobalState> PhysicalResultCollector::InitGlobalSink(QueryContext&) {
  return std::make_unique<CollectorGlobal>();
}

std::unique_ptr<LocalState> PhysicalResultCollector::InitLocalSink(QueryContext&, GlobalState&) {
  return std::make_unique<CollectorLocal>();
}

SinkResult PhysicalResultCollector::Sink(QueryContext&, DataChunk& input, GlobalState&,
                                         LocalState& local) {
  auto& l = static_cast<CollectorLocal&>(local);
  DataChunk copy(types_, input.size());
  copy.Append(input, nullptr, input.size());
  l.chunks.push_back(std::move(copy));
  return SinkResult::kNeedMoreInput;
}

void PhysicalResultCollector::Combine(QueryContext&, GlobalState& global, LocalState& local) {
  auto& g = static_cast<CollectorGlobal&>(global);
  auto& l = static_cast<CollectorLocal&>(local);
  std::lock_guard<std::mutex> lock(g.mutex);
  for (auto& c : l.chunks) g.chunks.push_back(std::move(c));
}

CollectedResult PhysicalResultCollector::TakeResult() {
  CollectedResult r;
  r.names = names_;
  r.types = types_;
  if (sink_state) r.chunks = std::move(static_cast<CollectorGlobal&>(*sink_state).chunks);
  return r;
}

}  // namespace sluice::exec
