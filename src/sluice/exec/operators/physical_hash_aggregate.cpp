#include "sluice/exec/operators/physical_hash_aggregate.h"

#include <atomic>
#include <mutex>

namespace sluice::exec {

namespace {
struct AggregateGlobal : GlobalState {
  std::mutex mutex;
  std::unique_ptr<AggregateHashTable> table;
};
struct AggregateLocal : LocalState {
  std::unique_ptr<AggregateHashTable> table;
};
struct AggregateSource : GlobalState {
  std::atomic<size_t> next{0};
};
}  // namespace

std::string PhysicalHashAggregate::Details() const {
  std::string s = "keys=" + std::to_string(key_count_) + " aggregates=";
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    if (i) s += ",";
    s += aggregates_[i].function.name;
  }
  return s;
}

std::unique_ptr<GlobalState> PhysicalHashAggregate::InitGlobalSink(QueryContext&) {
  return std::make_unique<AggregateGlobal>();
}

std::unique_ptr<LocalState> PhysicalHashAggregate::InitLocalSink(QueryContext&, GlobalState&) {
  auto l = std::make_unique<AggregateLocal>();
  l->table = std::make_unique<AggregateHashTable>(KeyTypes(), &aggregates_);
  return l;
}

SinkResult PhysicalHashAggregate::Sink(QueryContext&, DataChunk& input, GlobalState&,
                                       LocalState& local) {
  static_cast<AggregateLocal&>(local).table->AddChunk(input);
  return SinkResult::kNeedMoreInput;
}

void PhysicalHashAggregate::Combine(QueryContext&, GlobalState& global, LocalState& local) {
  auto& g = static_cast<AggregateGlobal&>(global);
  auto& l = static_cast<AggregateLocal&>(local);
  std::lock_guard<std::mutex> lock(g.mutex);
  if (!g.table) {
    g.table = std::move(l.table);
  } else {
    g.table->Merge(*l.table);
  }
}

void PhysicalHashAggregate::Finalize(QueryContext&, GlobalState& global) {
  auto& g = static_cast<AggregateGlobal&>(global);
  if (!g.table) g.table = std::make_unique<AggregateHashTable>(KeyTypes(), &aggregates_);
  g.table->FeedOrderedRows();
  if (groups_without_input_.empty()) return;
  DataChunk keys(KeyTypes(), std::max(kVectorSize, groups_without_input_.size()));
  for (size_t r = 0; r < groups_without_input_.size(); ++r) {
    for (size_t c = 0; c < key_count_; ++c) keys.column(c).SetValue(r, groups_without_input_[r][c]);
  }
  keys.SetSize(groups_without_input_.size());
  g.table->AddGroups(keys);
}

std::unique_ptr<GlobalState> PhysicalHashAggregate::InitGlobalSource(QueryContext&) {
  return std::make_unique<AggregateSource>();
}

SourceResult PhysicalHashAggregate::GetData(QueryContext&, DataChunk& out, GlobalState& global,
                                            LocalState&) {
  auto& src = static_cast<AggregateSource&>(global);
  auto& table = *static_cast<AggregateGlobal&>(*sink_state).table;
  size_t start = src.next.fetch_add(kVectorSize);
  if (start >= table.group_count()) return SourceResult::kFinished;
  size_t n = std::min(kVectorSize, table.group_count() - start);
  table.Emit(start, n, out);
  return start + n >= table.group_count() ? SourceResult::kFinished : SourceResult::kHaveMore;
}

}  // namespace sluice::exec
