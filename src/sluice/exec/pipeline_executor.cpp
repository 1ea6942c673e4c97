#include "sluice/exec/pipeline_executor.h"

#include <chrono>

#include "sluice/common/error.h"
#include "sluice/common/thread_pool.h"

namespace sluice::exec {

namespace {

// A chain source → operators... → sink. Several pipelines feed one sink
// when a union sits between them: the first initialises the sink's state,
// the last finalises it.
struct Pipeline {
  PhysicalOperator* source = nullptr;
  std::vector<PhysicalOperator*> operators;  // in data-flow order
  PhysicalOperator* sink = nullptr;
  bool first_for_sink = true;
  bool last_for_sink = true;
};

void BuildPipelines(PhysicalOperator* sink, size_t child, std::vector<Pipeline>& out);

// Walks down from `op`, collecting streaming operators (`above`, top first)
// until a source (a leaf, or a breaker whose own input becomes an earlier
// pipeline); a union continues down each of its children. A join's build
// side becomes an earlier pipeline; its probe side continues the chain, and
// its outer source (if any) starts one more pipeline through the operators
// above it, after the probe pipelines: inner joins' before outer ones', as
// an inner join's unmatched rows still flow through the joins above it.
void WalkChain(PhysicalOperator* op, std::vector<PhysicalOperator*> above, PhysicalOperator* sink,
               std::vector<Pipeline>& out) {
  std::vector<std::pair<PhysicalOperator*, std::vector<PhysicalOperator*>>> outer_sources;
  for (;;) {
    if (op->IsJoin()) {
      BuildPipelines(op, 1, out);
      if (op->OuterSource()) outer_sources.emplace_back(op->OuterSource(), above);
      above.push_back(op);
      op = op->children[0].get();
      continue;
    }
    if (op->IsSource() || op->IsSink() || op->IsUnion()) break;
    SLUICE_CHECK(op->children.size() == 1, op->Name() + " must have one child");
    above.push_back(op);
    op = op->children[0].get();
  }
  if (op->IsUnion()) {
    for (auto& child : op->children) WalkChain(child.get(), above, sink, out);
  } else {
    // A breaker: its input pipeline runs first, then it is this one's source.
    if (op->IsSink()) BuildPipelines(op, 0, out);
    Pipeline p;
    p.sink = sink;
    p.source = op;
    p.operators.assign(above.rbegin(), above.rend());
    out.push_back(std::move(p));
  }
  for (auto it = outer_sources.rbegin(); it != outer_sources.rend(); ++it) {
    Pipeline p;
    p.sink = sink;
    p.source = it->first;
    p.operators.assign(it->second.rbegin(), it->second.rend());
    out.push_back(std::move(p));
  }
}

// The pipelines that feed `sink` from its child `child`.
void BuildPipelines(PhysicalOperator* sink, size_t child, std::vector<Pipeline>& out) {
  SLUICE_CHECK(sink->children.size() > child, sink->Name() + " lacks input " + std::to_string(child));
  const size_t begin = out.size();
  WalkChain(sink->children[child].get(), {}, sink, out);
  // The pipelines into `sink` are those added last for it (a breaker's own
  // input pipelines come before the pipeline it is the source of).
  std::vector<Pipeline*> mine;
  for (size_t i = begin; i < out.size(); ++i) {
    if (out[i].sink == sink) mine.push_back(&out[i]);
  }
  for (Pipeline* p : mine) p->first_for_sink = p->last_for_sink = false;
  mine.front()->first_for_sink = true;
  mine.back()->last_for_sink = true;
}

// EXPLAIN ANALYZE's counters (only when the query profiles).
class Stopwatch {
 public:
  explicit Stopwatch(bool on) : start_(on ? std::chrono::steady_clock::now() : Clock::time_point{}) {}
  uint64_t Nanos() const {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_).count());
  }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
};

// The bytes a batch holds: fixed-width values, strings by their length.
uint64_t ChunkBytes(const DataChunk& chunk) {
  uint64_t bytes = 0;
  for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
    const Vector& v = chunk.column(c);
    if (v.type().IsStringLike()) {
      const StringRef* strings = v.data<StringRef>();
      for (size_t i = 0; i < chunk.size(); ++i) bytes += strings[i].size();
    } else {
      bytes += v.type().PhysicalSize() * chunk.size();
    }
  }
  return bytes;
}

void Record(OperatorProfile& profile, const DataChunk* output, const Stopwatch& watch) {
  profile.nanos.fetch_add(watch.Nanos(), std::memory_order_relaxed);
  if (output == nullptr || output->size() == 0) return;
  profile.rows.fetch_add(output->size(), std::memory_order_relaxed);
  profile.bytes.fetch_add(ChunkBytes(*output), std::memory_order_relaxed);
}

// Pushes buffers[i] through operators i.. into the sink; false once the
// sink wants no more input. An operator with more output for the same
// input is called again until it has none.
bool Push(QueryContext& ctx, Pipeline& p, size_t i, std::vector<DataChunk>& buffers,
          std::vector<std::unique_ptr<LocalState>>& op_states, GlobalState& sink_global,
          LocalState& sink_local) {
  const bool profiling = ctx.profiling();
  if (i == p.operators.size()) {
    Stopwatch watch(profiling);
    const bool more = p.sink->Sink(ctx, buffers[i], sink_global, sink_local) != SinkResult::kFinished;
    if (profiling) {
      Record(p.sink->profile, nullptr, watch);
      p.sink->profile.rows_in.fetch_add(buffers[i].size(), std::memory_order_relaxed);
    }
    return more;
  }
  for (;;) {
    buffers[i + 1].Reset();
    Stopwatch watch(profiling);
    OperatorResult r = p.operators[i]->Execute(ctx, buffers[i], buffers[i + 1], *op_states[i]);
    if (profiling) Record(p.operators[i]->profile, &buffers[i + 1], watch);
    if (buffers[i + 1].size() > 0 &&
        !Push(ctx, p, i + 1, buffers, op_states, sink_global, sink_local)) {
      return false;
    }
    if (r == OperatorResult::kNeedMoreInput) return true;
    ctx.CheckCancelled();
  }
}

void RunPipeline(QueryContext& ctx, Pipeline& p) {
  auto source_global = p.source->InitGlobalSource(ctx);
  if (p.first_for_sink) p.sink->sink_state = p.sink->InitGlobalSink(ctx);
  GlobalState& sink_global = *p.sink->sink_state;
  size_t threads = p.source->ParallelSource() ? ctx.threads() : 1;
  std::atomic<bool> sink_finished{false};

  auto worker = [&](size_t) {
    auto source_local = p.source->InitLocalSource(ctx, *source_global);
    auto sink_local = p.sink->InitLocalSink(ctx, sink_global);
    std::vector<std::unique_ptr<LocalState>> op_states;
    std::vector<DataChunk> buffers(p.operators.size() + 1);
    buffers[0].Initialize(p.source->types());
    for (size_t i = 0; i < p.operators.size(); ++i) {
      op_states.push_back(p.operators[i]->InitLocalOperator(ctx));
      buffers[i + 1].Initialize(p.operators[i]->types());
    }
    while (!sink_finished.load(std::memory_order_relaxed)) {
      ctx.CheckCancelled();
      buffers[0].Reset();
      Stopwatch watch(ctx.profiling());
      SourceResult r = p.source->GetData(ctx, buffers[0], *source_global, *source_local);
      if (ctx.profiling()) Record(p.source->profile, &buffers[0], watch);
      if (buffers[0].size() > 0 && !Push(ctx, p, 0, buffers, op_states, sink_global, *sink_local)) {
        sink_finished = true;
      }
      if (r == SourceResult::kFinished) break;
    }
    Stopwatch watch(ctx.profiling());
    p.sink->Combine(ctx, sink_global, *sink_local);
    if (ctx.profiling()) Record(p.sink->profile, nullptr, watch);
  };
  const uint64_t bytes_before = ctx.stats().bytes_scanned.load();
  ThreadPool::Default().RunParallel(threads, worker);
  // Pipelines run one after another, so what storage read meanwhile was
  // read by this pipeline's source.
  p.source->profile.bytes_read += ctx.stats().bytes_scanned.load() - bytes_before;
  if (p.last_for_sink) {
    Stopwatch watch(ctx.profiling());
    p.sink->Finalize(ctx, sink_global);
    if (ctx.profiling()) Record(p.sink->profile, nullptr, watch);
  }
}

}  // namespace

void ExecutePlan(QueryContext& ctx, PhysicalOperator& root) {
  SLUICE_CHECK(root.IsSink(), "plan root must be a sink");
  std::vector<Pipeline> pipelines;
  BuildPipelines(&root, 0, pipelines);
  for (auto& p : pipelines) RunPipeline(ctx, p);
}

}  // namespace sluice::exec
