#include "sluice/exec/pipeline_executor.h"

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

void BuildPipelines(PhysicalOperator* sink, std::vector<Pipeline>& out);

// Walks down from `op`, collecting streaming operators (`above`, top first)
// until a source (a leaf, or a breaker whose own input becomes an earlier
// pipeline); a union continues down each of its children.
void WalkChain(PhysicalOperator* op, std::vector<PhysicalOperator*> above, PhysicalOperator* sink,
               std::vector<Pipeline>& out) {
  while (!op->IsSource() && !op->IsSink() && !op->IsUnion()) {
    SLUICE_CHECK(op->children.size() == 1, op->Name() + " must have one child");
    above.push_back(op);
    op = op->children[0].get();
  }
  if (op->IsUnion()) {
    for (auto& child : op->children) WalkChain(child.get(), above, sink, out);
    return;
  }
  // A breaker: its input pipeline runs first, then it is this one's source.
  if (op->IsSink()) BuildPipelines(op, out);
  Pipeline p;
  p.sink = sink;
  p.source = op;
  p.operators.assign(above.rbegin(), above.rend());
  out.push_back(std::move(p));
}

void BuildPipelines(PhysicalOperator* sink, std::vector<Pipeline>& out) {
  SLUICE_CHECK(sink->children.size() == 1, sink->Name() + " must have one child");
  const size_t begin = out.size();
  WalkChain(sink->children[0].get(), {}, sink, out);
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
      SourceResult r = p.source->GetData(ctx, buffers[0], *source_global, *source_local);
      if (buffers[0].size() > 0) {
        size_t i = 0;
        for (; i < p.operators.size(); ++i) {
          buffers[i + 1].Reset();
          p.operators[i]->Execute(ctx, buffers[i], buffers[i + 1], *op_states[i]);
          if (buffers[i + 1].size() == 0) break;
        }
        if (i == p.operators.size()) {
          if (p.sink->Sink(ctx, buffers[i], sink_global, *sink_local) == SinkResult::kFinished) {
            sink_finished = true;
          }
        }
      }
      if (r == SourceResult::kFinished) break;
    }
    p.sink->Combine(ctx, sink_global, *sink_local);
  };
  ThreadPool::Default().RunParallel(threads, worker);
  if (p.last_for_sink) p.sink->Finalize(ctx, sink_global);
}

}  // namespace

void ExecutePlan(QueryContext& ctx, PhysicalOperator& root) {
  SLUICE_CHECK(root.IsSink(), "plan root must be a sink");
  std::vector<Pipeline> pipelines;
  BuildPipelines(&root, pipelines);
  for (auto& p : pipelines) RunPipeline(ctx, p);
}

}  // namespace sluice::exec
