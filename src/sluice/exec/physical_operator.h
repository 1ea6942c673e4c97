#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/common/query_context.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::exec {

// Per-operator state, one per pipeline (global) or per worker thread (local).
struct GlobalState {
  virtual ~GlobalState() = default;
};
struct LocalState {
  virtual ~LocalState() = default;
};

enum class SourceResult { kHaveMore, kFinished };
enum class SinkResult { kNeedMoreInput, kFinished };
// kHaveMoreOutput: call Execute again with the same input (a join's batch
// can match more rows than one output batch holds).
enum class OperatorResult { kNeedMoreInput, kHaveMoreOutput };

// What one operator did, for EXPLAIN ANALYZE: the rows and bytes it output,
// the rows it took in as a sink, and the time spent in its own calls (summed
// over worker threads: thread time, not elapsed time). Filled only when the
// query profiles.
struct OperatorProfile {
  std::atomic<uint64_t> rows{0};
  std::atomic<uint64_t> bytes{0};
  std::atomic<uint64_t> rows_in{0};
  std::atomic<uint64_t> nanos{0};
  std::atomic<uint64_t> bytes_read{0};  // a source's bytes read from storage
};

// A physical operator plays up to three roles in push-based pipelines
// (DuckDB's model): a *source* produces batches, an *operator* transforms one
// batch into one batch, a *sink* consumes batches. Pipeline breakers
// (aggregate, sort, limit, writer) are a sink in one pipeline and the source
// of the next.
//
// Threading contract: Init*Global is called once, on the coordinating thread.
// Each worker gets its own local state; GetData/Execute/Sink run concurrently
// on different local states and must synchronise any access to the global
// state themselves. Combine runs once per worker after its input is
// exhausted (concurrently with other workers' Combine). Finalize runs once on
// the coordinating thread after every Combine.
class PhysicalOperator {
 public:
  explicit PhysicalOperator(std::vector<LogicalType> types) : types_(std::move(types)) {}
  virtual ~PhysicalOperator() = default;

  virtual std::string Name() const = 0;
  // One line of parameters for EXPLAIN-style rendering.
  virtual std::string Details() const { return ""; }
  const std::vector<LogicalType>& types() const { return types_; }

  std::vector<std::unique_ptr<PhysicalOperator>> children;
  OperatorProfile profile;

  // A union feeds every child's rows into the operators above it: each
  // child becomes its own pipeline into the same sink.
  virtual bool IsUnion() const { return false; }
  // A join is a sink for its build side (children[1]) and a streaming
  // operator on its probe side (children[0]). Its outer source, when it has
  // one, emits the build rows no probe row matched (RIGHT and FULL joins)
  // after every probe pipeline finished.
  virtual bool IsJoin() const { return false; }
  virtual PhysicalOperator* OuterSource() { return nullptr; }

  // The bytes this operator is expected to output, for planning (the build
  // side of a join is the smaller one). By default what the children give.
  virtual double EstimatedBytes() const {
    double bytes = 0;
    for (const auto& c : children) bytes += c->EstimatedBytes();
    return bytes;
  }

  // --- source ---
  virtual bool IsSource() const { return false; }
  // False when batches must come out in order from one thread (sorted output).
  virtual bool ParallelSource() const { return true; }
  virtual std::unique_ptr<GlobalState> InitGlobalSource(QueryContext& ctx) {
    return std::make_unique<GlobalState>();
  }
  virtual std::unique_ptr<LocalState> InitLocalSource(QueryContext& ctx, GlobalState& global) {
    return std::make_unique<LocalState>();
  }
  // Fills `out` (initialised with types()) with the next batch. kFinished with
  // out.size() == 0 ends this worker's source.
  virtual SourceResult GetData(QueryContext& ctx, DataChunk& out, GlobalState& global,
                               LocalState& local) {
    return SourceResult::kFinished;
  }

  // --- operator ---
  virtual std::unique_ptr<LocalState> InitLocalOperator(QueryContext& ctx) {
    return std::make_unique<LocalState>();
  }
  // Transforms `input` into `out` (initialised with types(), empty).
  virtual OperatorResult Execute(QueryContext& ctx, DataChunk& input, DataChunk& out,
                                 LocalState& state) {
    return OperatorResult::kNeedMoreInput;
  }

  // --- sink ---
  virtual bool IsSink() const { return false; }
  virtual std::unique_ptr<GlobalState> InitGlobalSink(QueryContext& ctx) {
    return std::make_unique<GlobalState>();
  }
  virtual std::unique_ptr<LocalState> InitLocalSink(QueryContext& ctx, GlobalState& global) {
    return std::make_unique<LocalState>();
  }
  virtual SinkResult Sink(QueryContext& ctx, DataChunk& input, GlobalState& global,
                          LocalState& local) {
    return SinkResult::kNeedMoreInput;
  }
  virtual void Combine(QueryContext& ctx, GlobalState& global, LocalState& local) {}
  virtual void Finalize(QueryContext& ctx, GlobalState& global) {}

  // The sink state a breaker keeps between its sink and source roles.
  std::unique_ptr<GlobalState> sink_state;

 protected:
  std::vector<LogicalType> types_;
};

// Renders a plan tree, one operator per line, indented by depth, with each
// operator's estimated output size; with `profiled`, what each operator did
// instead (rows, bytes, thread time and its share of the total).
std::string RenderPlan(const PhysicalOperator& root, bool profiled = false);

}  // namespace sluice::exec
