#include "sluice/exec/operators/physical_hash_join.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>

#include "sluice/common/error.h"
#include "sluice/expression/expression_executor.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::exec {

namespace {

const char* TypeName(HashJoinType t) {
  switch (t) {
    case HashJoinType::kInner: return "INNER";
    case HashJoinType::kLeft: return "LEFT";
    case HashJoinType::kRight: return "RIGHT";
    case HashJoinType::kFull: return "FULL";
    case HashJoinType::kSemi: return "SEMI";
    case HashJoinType::kAnti: return "ANTI";
    case HashJoinType::kSingle: return "SINGLE";
    case HashJoinType::kMark: return "MARK";
  }
  return "?";
}

std::vector<LogicalType> OutputTypes(const HashJoinSpec& spec) {
  std::vector<LogicalType> types(spec.probe_types.begin(), spec.probe_types.begin() + spec.probe_width);
  if (spec.type == HashJoinType::kMark) {
    types.push_back(LogicalType::Boolean());
  } else if (spec.type != HashJoinType::kSemi && spec.type != HashJoinType::kAnti) {
    types.insert(types.end(), spec.build_types.begin(), spec.build_types.begin() + spec.build_width);
  }
  return types;
}

struct BuildGlobal : GlobalState {
  std::mutex mutex;
  DataChunk rows;
  bool has_rows = false;
  std::unique_ptr<JoinHashTable> table;
};
struct BuildLocal : LocalState {
  DataChunk rows;
};

// RIGHT and FULL joins: the build rows no probe row matched, with NULL
// probe columns, in parallel ranges of the table.
class UnmatchedBuildRows final : public PhysicalOperator {
 public:
  explicit UnmatchedBuildRows(PhysicalHashJoin& join) : PhysicalOperator(join.types()), join_(join) {}
  std::string Name() const override { return "HashJoinUnmatchedBuildRows"; }
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalState> InitGlobalSource(QueryContext&) override { return std::make_unique<Cursor>(); }
  SourceResult GetData(QueryContext&, DataChunk& out, GlobalState& global, LocalState&) override {
    auto& cursor = static_cast<Cursor&>(global);
    const JoinHashTable& table = join_.table();
    const HashJoinSpec& spec = join_.spec();
    std::vector<uint32_t> sel;
    for (;;) {
      const size_t start = cursor.next.fetch_add(kVectorSize);
      if (start >= table.size()) return SourceResult::kFinished;
      const size_t end = std::min(table.size(), start + kVectorSize);
      for (size_t r = start; r < end; ++r) {
        if (!table.Matched(static_cast<uint32_t>(r))) sel.push_back(static_cast<uint32_t>(r));
      }
      if (sel.empty()) continue;
      for (size_t c = 0; c < spec.probe_width; ++c) SetNulls(out.column(c), sel.size());
      for (size_t c = 0; c < spec.build_width; ++c) {
        out.column(spec.probe_width + c).CopyFrom(table.rows().column(c), sel.data(), sel.size(), 0);
      }
      out.SetSize(sel.size());
      return end >= table.size() ? SourceResult::kFinished : SourceResult::kHaveMore;
    }
  }

 private:
  struct Cursor : GlobalState {
    std::atomic<size_t> next{0};
  };
  PhysicalHashJoin& join_;
};

}  // namespace

void SetNulls(Vector& v, size_t count) {
  if (v.capacity() < count) v.Reserve(count, 0);
  std::memset(v.data<uint8_t>(), 0, count * v.type().PhysicalSize());
  for (size_t i = 0; i < count; ++i) v.SetNull(i);
}

// Probing one input batch. Every probe row walks its chain of build rows;
// a round takes one step of every row still walking (the active ones) at
// once: hashes compared, then the keys of the pairs whose hashes agree, one
// typed loop per key column. Matching pairs are gathered per output batch;
// the unmatched-row tail comes after the last round.
struct PhysicalHashJoin::ProbeState : LocalState {
  bool active_batch = false;
  std::vector<uint32_t> chain;   // per probe row: the build row it is at
  std::vector<uint32_t> active;  // probe rows whose chain goes on
  std::vector<uint64_t> hashes;
  std::vector<uint8_t> null_key;
  std::vector<uint8_t> matched;  // per probe row of the batch
  std::vector<uint64_t> group_hashes;  // mark joins with a tested key
  std::vector<uint8_t> no_group;
  std::vector<uint32_t> cand_probe, cand_build;  // pairs whose hashes agree
  std::vector<uint8_t> equal;
  std::vector<uint32_t> probe_sel, build_sel, sel;
  DataChunk pairs;
  ExpressionExecutor executor;
};

PhysicalHashJoin::PhysicalHashJoin(HashJoinSpec spec)
    : PhysicalOperator(OutputTypes(spec)), spec_(std::move(spec)) {
  SLUICE_CHECK(spec_.probe_keys.size() == spec_.build_keys.size(), "hash join key counts differ");
  for (size_t k = 0; k < spec_.probe_keys.size(); ++k) {
    SLUICE_CHECK(spec_.probe_types[spec_.probe_keys[k]] == spec_.build_types[spec_.build_keys[k]],
                 "hash join keys of different types");
  }
  SLUICE_CHECK(!spec_.key_options.last_key_tested || (spec_.type == HashJoinType::kMark && !spec_.residual),
               "a tested key is for mark joins without residual");
  pair_types_.assign(spec_.probe_types.begin(), spec_.probe_types.begin() + spec_.probe_width);
  pair_types_.insert(pair_types_.end(), spec_.build_types.begin(), spec_.build_types.begin() + spec_.build_width);
  if (TracksBuildMatches()) outer_source_ = std::make_unique<UnmatchedBuildRows>(*this);
}

std::string PhysicalHashJoin::Details() const {
  std::string s = TypeName(spec_.type);
  const auto& null_safe = spec_.key_options.null_safe;
  for (size_t k = 0; k < spec_.probe_keys.size(); ++k) {
    const bool is_null_safe = k < null_safe.size() && null_safe[k];
    s += (k ? ", #" : " keys #") + std::to_string(spec_.probe_keys[k]) + (is_null_safe ? " <=> build #" : " = build #") +
         std::to_string(spec_.build_keys[k]);
  }
  if (spec_.key_options.last_key_tested) s += " (IN test on the last key)";
  if (spec_.probe_keys.empty()) s += " nested loop";
  if (spec_.residual) s += " filter " + spec_.residual->ToString();
  return s;
}

JoinHashTable& PhysicalHashJoin::table() const {
  return *static_cast<BuildGlobal&>(*sink_state).table;
}

std::unique_ptr<GlobalState> PhysicalHashJoin::InitGlobalSink(QueryContext&) {
  auto g = std::make_unique<BuildGlobal>();
  g->rows.Initialize(spec_.build_types);
  return g;
}

std::unique_ptr<LocalState> PhysicalHashJoin::InitLocalSink(QueryContext&, GlobalState&) {
  auto l = std::make_unique<BuildLocal>();
  l->rows.Initialize(spec_.build_types);
  return l;
}

SinkResult PhysicalHashJoin::Sink(QueryContext&, DataChunk& input, GlobalState&, LocalState& local) {
  static_cast<BuildLocal&>(local).rows.Append(input, nullptr, input.size());
  return SinkResult::kNeedMoreInput;
}

void PhysicalHashJoin::Combine(QueryContext&, GlobalState& global, LocalState& local) {
  auto& g = static_cast<BuildGlobal&>(global);
  auto& l = static_cast<BuildLocal&>(local);
  std::lock_guard<std::mutex> lock(g.mutex);
  if (!g.has_rows) {
    g.rows = std::move(l.rows);
    g.has_rows = true;
  } else {
    g.rows.Append(l.rows, nullptr, l.rows.size());
  }
}

void PhysicalHashJoin::Finalize(QueryContext&, GlobalState& global) {
  auto& g = static_cast<BuildGlobal&>(global);
  g.table = std::make_unique<JoinHashTable>(std::move(g.rows), spec_.build_keys, spec_.key_options);
}

std::unique_ptr<LocalState> PhysicalHashJoin::InitLocalOperator(QueryContext&) {
  auto s = std::make_unique<ProbeState>();
  s->pairs.Initialize(pair_types_);
  return s;
}

void PhysicalHashJoin::Start(const DataChunk& input, ProbeState& s) const {
  const size_t n = input.size();
  const JoinHashTable& t = table();
  HashJoinKeys(input, spec_.probe_keys, spec_.key_options.null_safe, n, s.hashes, s.null_key);
  s.matched.assign(n, 0);
  s.chain.assign(n, JoinHashTable::kEnd);
  s.active.clear();
  for (size_t r = 0; r < n; ++r) {
    if (s.null_key[r]) continue;
    s.chain[r] = t.First(s.hashes[r]);
    if (s.chain[r] != JoinHashTable::kEnd) s.active.push_back(static_cast<uint32_t>(r));
  }
  s.active_batch = true;
}

void PhysicalHashJoin::FindCandidates(const DataChunk& input, ProbeState& s) const {
  const JoinHashTable& t = table();
  // Without a residual a semi, anti or mark join needs one match per row only.
  const bool first_match_decides = !OutputsPairs() && !spec_.residual;
  s.probe_sel.clear();
  s.build_sel.clear();
  // A round adds at most one pair per row it steps, so rounds go on while
  // the output batch has room for all of them.
  for (;;) {
    const size_t room = kVectorSize - s.probe_sel.size();
    const size_t stepped = std::min(room, s.active.size());
    if (stepped == 0) return;
    s.cand_probe.clear();
    s.cand_build.clear();
    for (size_t i = 0; i < stepped; ++i) {
      const uint32_t r = s.active[i];
      const uint32_t c = s.chain[r];
      if (t.HashOf(c) != s.hashes[r]) continue;
      s.cand_probe.push_back(r);
      s.cand_build.push_back(c);
    }
    const size_t candidates = s.cand_probe.size();
    s.equal.assign(candidates, 1);
    for (size_t k = 0; k < spec_.probe_keys.size(); ++k) {
      RowsEqualPairs(t.rows().column(spec_.build_keys[k]), s.cand_build.data(), input.column(spec_.probe_keys[k]),
                     s.cand_probe.data(), candidates, s.equal.data());
    }
    for (size_t i = 0; i < candidates; ++i) {
      if (!s.equal[i]) continue;
      const uint32_t r = s.cand_probe[i];
      if (first_match_decides) {
        s.matched[r] = 1;
        s.chain[r] = JoinHashTable::kEnd;  // decided: it walks no further
        continue;
      }
      s.probe_sel.push_back(r);
      s.build_sel.push_back(s.cand_build[i]);
    }
    // One step along each stepped chain; rows at its end leave.
    size_t kept = 0;
    for (size_t i = 0; i < s.active.size(); ++i) {
      const uint32_t r = s.active[i];
      if (i < stepped) {
        if (s.chain[r] == JoinHashTable::kEnd) continue;
        s.chain[r] = t.Next(s.chain[r]);
        if (s.chain[r] == JoinHashTable::kEnd) continue;
      }
      s.active[kept++] = r;
    }
    s.active.resize(kept);
  }
}

void PhysicalHashJoin::EmitMatches(const DataChunk& input, ProbeState& s, DataChunk& out) const {
  const size_t count = s.probe_sel.size();
  if (count == 0) return;
  JoinHashTable& t = table();
  auto gather = [&](DataChunk& into) {
    for (size_t c = 0; c < spec_.probe_width; ++c) {
      into.column(c).CopyFrom(input.column(c), s.probe_sel.data(), count, 0);
    }
    for (size_t c = 0; c < spec_.build_width; ++c) {
      into.column(spec_.probe_width + c).CopyFrom(t.rows().column(c), s.build_sel.data(), count, 0);
    }
    into.SetSize(count);
  };
  size_t kept = count;
  const uint32_t* sel = nullptr;
  if (spec_.residual) {
    s.pairs.Reset();
    gather(s.pairs);
    kept = s.executor.Select(*spec_.residual, s.pairs, s.sel);
    if (kept < count) sel = s.sel.data();
  }
  for (size_t k = 0; k < kept; ++k) {
    const size_t pair = sel ? sel[k] : k;
    uint8_t& matched = s.matched[s.probe_sel[pair]];
    if (matched && spec_.type == HashJoinType::kSingle) {
      throw SluiceError(ErrorCode::kSubqueryMultipleRows, "Scalar sub-query has returned multiple rows");
    }
    matched = 1;
    if (TracksBuildMatches()) t.MarkMatched(s.build_sel[pair]);
  }
  if (!OutputsPairs() || kept == 0) return;
  if (spec_.residual) {
    out.Append(s.pairs, sel, kept);
  } else {
    gather(out);
  }
}

void PhysicalHashJoin::EmitUnmatchedProbeRows(const DataChunk& input, ProbeState& s, DataChunk& out) const {
  if (spec_.type == HashJoinType::kMark) return EmitMarkedProbeRows(input, s, out);
  const bool want_matched = spec_.type == HashJoinType::kSemi;
  if (spec_.type != HashJoinType::kLeft && spec_.type != HashJoinType::kFull &&
      spec_.type != HashJoinType::kAnti && spec_.type != HashJoinType::kSingle && !want_matched) {
    return;
  }
  s.sel.clear();
  for (size_t r = 0; r < input.size(); ++r) {
    if ((s.matched[r] != 0) == want_matched) s.sel.push_back(static_cast<uint32_t>(r));
  }
  const size_t count = s.sel.size();
  if (count == 0) return;
  for (size_t c = 0; c < spec_.probe_width; ++c) {
    out.column(c).CopyFrom(input.column(c), s.sel.data(), count, 0);
  }
  if (OutputsPairs()) {
    for (size_t c = 0; c < spec_.build_width; ++c) SetNulls(out.column(spec_.probe_width + c), count);
  }
  out.SetSize(count);
}

// Every probe row, with its mark: TRUE when matched; otherwise, for an IN
// test, NULL when the row's group of build rows is not empty and either the
// tested value or one in the group is NULL (x IN (1, NULL) is NULL, never
// FALSE), else FALSE.
void PhysicalHashJoin::EmitMarkedProbeRows(const DataChunk& input, ProbeState& s, DataChunk& out) const {
  const size_t count = input.size();
  for (size_t c = 0; c < spec_.probe_width; ++c) out.column(c).CopyFrom(input.column(c), nullptr, count, 0);
  Vector& mark = out.column(spec_.probe_width);
  uint8_t* values = mark.data<uint8_t>();
  for (size_t r = 0; r < count; ++r) values[r] = s.matched[r];
  if (spec_.key_options.last_key_tested) {
    const JoinHashTable& t = table();
    std::vector<size_t> group_keys(spec_.probe_keys.begin(), spec_.probe_keys.end() - 1);
    HashJoinKeys(input, group_keys, spec_.key_options.null_safe, count, s.group_hashes, s.no_group);
    const Vector& tested = input.column(spec_.probe_keys.back());
    for (size_t r = 0; r < count; ++r) {
      if (s.matched[r] || s.no_group[r]) continue;
      const JoinHashTable::Group group = t.FindGroup(s.group_hashes[r], input, spec_.probe_keys, r);
      if (group == JoinHashTable::Group::kWithNull ||
          (group == JoinHashTable::Group::kWithoutNull && tested.IsNull(r))) {
        mark.SetNull(r);
      }
    }
  }
  out.SetSize(count);
}

OperatorResult PhysicalHashJoin::Execute(QueryContext&, DataChunk& input, DataChunk& out, LocalState& state) {
  auto& s = static_cast<ProbeState&>(state);
  if (!s.active_batch) Start(input, s);
  if (!s.active.empty()) {
    FindCandidates(input, s);
    EmitMatches(input, s, out);
    // The unmatched rows are known once the whole batch was probed; they
    // get an output batch of their own.
    if (!s.active.empty() || out.size() > 0) return OperatorResult::kHaveMoreOutput;
  }
  EmitUnmatchedProbeRows(input, s, out);
  s.active_batch = false;
  return OperatorResult::kNeedMoreInput;
}

}  // namespace sluice::exec
