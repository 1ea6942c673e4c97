#include "sluice/exec/ordered_aggregate_rows.h"

#include <algorithm>

namespace sluice::exec {

OrderedAggregateRows::OrderedAggregateRows(const LogicalType& arg_type, const std::vector<LogicalType>& key_types,
                                           const std::vector<SortKey>& keys) {
  std::vector<LogicalType> types = {LogicalType::Bigint(), arg_type};
  types.insert(types.end(), key_types.begin(), key_types.end());
  rows_.Initialize(types);
  order_.push_back(SortKey{kGroupColumn, true, false});
  for (size_t k = 0; k < keys.size(); ++k) order_.push_back(SortKey{kFirstKeyColumn + k, keys[k].ascending, keys[k].nulls_first});
}

void OrderedAggregateRows::Append(const Vector& arg, const std::vector<const Vector*>& keys, const uint32_t* sel,
                                  size_t count, const uint32_t* groups) {
  const size_t at = rows_.size();
  Vector& group_column = rows_.column(kGroupColumn);  // never NULL: its validity stays all valid
  if (at + count > group_column.capacity()) group_column.Reserve(std::max(at + count, group_column.capacity() * 2), at);
  std::copy(groups, groups + count, group_column.data<int64_t>() + at);
  rows_.column(kArgColumn).CopyFrom(arg, sel, count, at);
  for (size_t k = 0; k < keys.size(); ++k) rows_.column(kFirstKeyColumn + k).CopyFrom(*keys[k], sel, count, at);
  rows_.SetSize(at + count);
}

void OrderedAggregateRows::Merge(const OrderedAggregateRows& other, const uint32_t* targets) {
  const size_t at = rows_.size(), count = other.rows_.size();
  if (count == 0) return;
  for (size_t c = 0; c < rows_.ColumnCount(); ++c) rows_.column(c).CopyFrom(other.rows_.column(c), nullptr, count, at);
  rows_.SetSize(at + count);
  RemapGroups(at, targets);
}

void OrderedAggregateRows::RemapGroups(size_t from_row, const uint32_t* targets) {
  int64_t* groups = rows_.column(kGroupColumn).data<int64_t>();
  for (size_t i = from_row; i < rows_.size(); ++i) groups[i] = targets[groups[i]];
}

void OrderedAggregateRows::Feed(
    const std::function<void(const Vector& args, size_t count, const uint32_t* groups)>& feed) {
  const std::vector<uint32_t> order = SortRowIndexes(rows_, order_);
  const int64_t* group_of = rows_.column(kGroupColumn).data<int64_t>();
  Vector batch(rows_.column(kArgColumn).type());
  std::vector<uint32_t> groups(kVectorSize);
  for (size_t start = 0; start < order.size(); start += kVectorSize) {
    const size_t n = std::min(kVectorSize, order.size() - start);
    batch.Reset();
    batch.CopyFrom(rows_.column(kArgColumn), order.data() + start, n, 0);
    for (size_t i = 0; i < n; ++i) groups[i] = static_cast<uint32_t>(group_of[order[start + i]]);
    feed(batch, n, groups.data());
  }
}

size_t OrderedAggregateRows::MemoryUsage() const {
  size_t bytes = 0;
  for (size_t c = 0; c < rows_.ColumnCount(); ++c) {
    bytes += rows_.column(c).capacity() * rows_.column(c).type().PhysicalSize();
  }
  return bytes;
}

}  // namespace sluice::exec
