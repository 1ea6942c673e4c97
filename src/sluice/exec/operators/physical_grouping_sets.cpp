#include "sluice/exec/operators/physical_grouping_sets.h"

#include "sluice/exec/operators/physical_hash_join.h"

namespace sluice::exec {

namespace {

std::vector<LogicalType> OutputTypes(const std::vector<LogicalType>& input, size_t key_count) {
  std::vector<LogicalType> types(input.begin(), input.begin() + static_cast<long>(key_count));
  types.push_back(LogicalType::Bigint());
  types.insert(types.end(), input.begin() + static_cast<long>(key_count), input.end());
  return types;
}

struct SetCursor : LocalState {
  size_t next = 0;  // the set the current input batch goes out for next
};

}  // namespace

PhysicalGroupingSets::PhysicalGroupingSets(const std::vector<LogicalType>& input_types, size_t key_count,
                                           std::vector<std::vector<size_t>> sets)
    : PhysicalOperator(OutputTypes(input_types, key_count)), key_count_(key_count), sets_(std::move(sets)) {
  for (const auto& set : sets_) {
    std::vector<uint8_t> in(key_count_, 0);
    for (size_t k : set) in[k] = 1;
    in_set_.push_back(std::move(in));
  }
}

std::string PhysicalGroupingSets::Details() const {
  std::string s;
  for (size_t i = 0; i < sets_.size(); ++i) {
    s += i ? ", (" : "(";
    for (size_t k = 0; k < sets_[i].size(); ++k) s += (k ? ", #" : "#") + std::to_string(sets_[i][k]);
    s += ")";
  }
  return s;
}

std::unique_ptr<LocalState> PhysicalGroupingSets::InitLocalOperator(QueryContext&) {
  return std::make_unique<SetCursor>();
}

OperatorResult PhysicalGroupingSets::Execute(QueryContext&, DataChunk& input, DataChunk& out, LocalState& state) {
  auto& cursor = static_cast<SetCursor&>(state);
  const size_t set = cursor.next;
  const size_t count = input.size();
  for (size_t k = 0; k < key_count_; ++k) {
    if (in_set_[set][k]) {
      out.column(k).CopyFrom(input.column(k), nullptr, count, 0);
    } else {
      SetNulls(out.column(k), count);
    }
  }
  Vector& id = out.column(key_count_);
  if (id.capacity() < count) id.Reserve(count, 0);
  int64_t* ids = id.data<int64_t>();
  for (size_t i = 0; i < count; ++i) ids[i] = static_cast<int64_t>(set);
  for (size_t c = key_count_; c < input.ColumnCount(); ++c) {
    out.column(c + 1).CopyFrom(input.column(c), nullptr, count, 0);
  }
  out.SetSize(count);
  cursor.next = set + 1 < sets_.size() ? set + 1 : 0;
  return cursor.next == 0 ? OperatorResult::kNeedMoreInput : OperatorResult::kHaveMoreOutput;
}

}  // namespace sluice::exec
