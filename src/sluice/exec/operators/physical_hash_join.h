#pragma once

#include "sluice/exec/join_hash_table.h"
#include "sluice/exec/physical_operator.h"
#include "sluice/expression/bound_expression.h"

namespace sluice::exec {

// kSingle is a LEFT join whose probe rows may match one build row at most
// (a scalar subquery): a second match is SUBQUERY_MULTIPLE_ROWS. kMark
// outputs every probe row with a boolean: whether some build row matches
// (see JoinKeyOptions::last_key_tested for the three-valued IN test).
enum class HashJoinType { kInner, kLeft, kRight, kFull, kSemi, kAnti, kSingle, kMark };

// What a hash join compares and returns. The probe input (children[0]) and
// the build input (children[1]) each carry their output columns first, then
// any key columns computed for the join.
struct HashJoinSpec {
  HashJoinType type = HashJoinType::kInner;
  std::vector<LogicalType> probe_types, build_types;  // of the inputs
  size_t probe_width = 0, build_width = 0;             // output columns of each input
  std::vector<size_t> probe_keys, build_keys;          // equal-typed key columns, pairwise
  JoinKeyOptions key_options;
  // Checked on key-matching pairs, over probe_width ++ build_width columns;
  // null when the keys decide alone.
  BoundExpressionPtr residual;
};

// Equi-join by hashing: the build side is collected by the sink role and
// indexed once every build worker combined; probing threads stream the
// probe side through it. Output: the probe's output columns, then the
// build's (semi and anti joins: the probe's only; mark joins: the probe's
// and the mark). LEFT, SINGLE and FULL joins add unmatched probe rows with
// NULLs after each probe batch; RIGHT and FULL joins emit unmatched build
// rows from the outer source after probing.
class PhysicalHashJoin final : public PhysicalOperator {
 public:
  explicit PhysicalHashJoin(HashJoinSpec spec);
  std::string Name() const override { return "HashJoin"; }
  std::string Details() const override;
  bool IsJoin() const override { return true; }
  PhysicalOperator* OuterSource() override { return outer_source_.get(); }

  // Build (sink) side.
  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalState> InitGlobalSink(QueryContext& ctx) override;
  std::unique_ptr<LocalState> InitLocalSink(QueryContext& ctx, GlobalState& global) override;
  SinkResult Sink(QueryContext& ctx, DataChunk& input, GlobalState& global, LocalState& local) override;
  void Combine(QueryContext& ctx, GlobalState& global, LocalState& local) override;
  void Finalize(QueryContext& ctx, GlobalState& global) override;

  // Probe (streaming) side.
  std::unique_ptr<LocalState> InitLocalOperator(QueryContext& ctx) override;
  OperatorResult Execute(QueryContext& ctx, DataChunk& input, DataChunk& out, LocalState& state) override;

  // The built table (after the build pipeline finished).
  JoinHashTable& table() const;
  const HashJoinSpec& spec() const { return spec_; }

 private:
  struct ProbeState;
  void Start(const DataChunk& input, ProbeState& s) const;
  void FindCandidates(const DataChunk& input, ProbeState& s) const;
  void EmitMatches(const DataChunk& input, ProbeState& s, DataChunk& out) const;
  void EmitUnmatchedProbeRows(const DataChunk& input, ProbeState& s, DataChunk& out) const;
  void EmitMarkedProbeRows(const DataChunk& input, ProbeState& s, DataChunk& out) const;
  bool OutputsPairs() const {
    return spec_.type != HashJoinType::kSemi && spec_.type != HashJoinType::kAnti &&
           spec_.type != HashJoinType::kMark;
  }
  bool TracksBuildMatches() const {
    return spec_.type == HashJoinType::kRight || spec_.type == HashJoinType::kFull;
  }

  HashJoinSpec spec_;
  std::vector<LogicalType> pair_types_;  // probe_width ++ build_width columns
  std::unique_ptr<PhysicalOperator> outer_source_;
};

// Sets rows [0, count) of `v` to NULL (values zeroed, so no kernel ever
// reads a stale string reference).
void SetNulls(Vector& v, size_t count);

}  // namespace sluice::exec
