#pragma once

#include "sluice/exec/aggregate_hash_table.h"
#include "sluice/exec/physical_operator.h"

namespace sluice::exec {

// GROUP BY: each worker pre-aggregates into its own hash table; Combine
// merges them into the global table; the source then emits groups in
// parallel ranges. Input columns [0, key count) are the group keys.
// Output: keys, then one column per aggregate.
class PhysicalHashAggregate final : public PhysicalOperator {
 public:
  PhysicalHashAggregate(std::vector<LogicalType> types, size_t key_count,
                        std::vector<AggregateSpec> aggregates)
      : PhysicalOperator(std::move(types)), key_count_(key_count),
        aggregates_(std::move(aggregates)) {}
  // The hash tables in the sink state point at aggregates_: free them first.
  ~PhysicalHashAggregate() override { sink_state.reset(); }
  std::string Name() const override { return "HashAggregate"; }
  std::string Details() const override;
  // A guess without statistics: a global aggregate is one row; grouping
  // keeps a tenth.
  double EstimatedBytes() const override {
    return key_count_ == 0 ? 8.0 * types_.size() : children[0]->EstimatedBytes() / 10;
  }
  // Groups that exist even without input rows (a grouping set of no
  // columns has its row, as a global aggregate does): rows of key values.
  void SetGroupsWithoutInput(std::vector<std::vector<Value>> rows) { groups_without_input_ = std::move(rows); }
  bool IsSink() const override { return true; }
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalState> InitGlobalSink(QueryContext& ctx) override;
  std::unique_ptr<LocalState> InitLocalSink(QueryContext& ctx, GlobalState& global) override;
  SinkResult Sink(QueryContext& ctx, DataChunk& input, GlobalState& global,
                  LocalState& local) override;
  void Combine(QueryContext& ctx, GlobalState& global, LocalState& local) override;
  void Finalize(QueryContext& ctx, GlobalState& global) override;
  std::unique_ptr<GlobalState> InitGlobalSource(QueryContext& ctx) override;
  SourceResult GetData(QueryContext& ctx, DataChunk& out, GlobalState& global,
                       LocalState& local) override;

 private:
  std::vector<LogicalType> KeyTypes() const {
    return {types_.begin(), types_.begin() + static_cast<long>(key_count_)};
  }
  size_t key_count_;
  std::vector<AggregateSpec> aggregates_;
  std::vector<std::vector<Value>> groups_without_input_;
};

}  // namespace sluice::exec
