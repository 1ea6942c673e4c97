#include "sluice/exec/aggregate_hash_table.h"

#include <cstring>

#include "sluice/common/error.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::exec {

AggregateHashTable::AggregateHashTable(std::vector<LogicalType> key_types,
                                       const std::vector<AggregateSpec>* aggs)
    : key_types_(std::move(key_types)), aggs_(aggs) {
  for (const auto& a : *aggs_) {
    state_offsets_.push_back(state_row_size_);
    state_row_size_ += (a.function.state_size + 7) & ~size_t{7};  // 8-byte aligned states
  }
  if (state_row_size_ == 0) state_row_size_ = 8;
  for (const auto& t : key_types_) keys_.emplace_back(t, 1024);
  distinct_.resize(aggs_->size());
  ordered_.resize(aggs_->size());
  slots_.assign(1024, Slot{0, kEmpty});
  mask_ = slots_.size() - 1;
  if (key_types_.empty()) {
    // A global aggregate has exactly one group, even over no rows.
    std::vector<const Vector*> none;
    NewGroup(none, 0, 0);
  }
}

AggregateHashTable::~AggregateHashTable() {
  for (size_t a = 0; a < aggs_->size(); ++a) {
    auto destroy = (*aggs_)[a].function.destroy;
    if (!destroy) continue;
    for (uint32_t g = 0; g < group_count_; ++g) destroy(State(g) + state_offsets_[a]);
  }
}

size_t AggregateHashTable::MemoryUsage() const {
  size_t bytes = slots_.size() * sizeof(Slot) + group_hashes_.capacity() * 8 +
                 state_blocks_.size() * kGroupsPerBlock * state_row_size_;
  for (const auto& k : keys_) bytes += k.capacity() * k.type().PhysicalSize();
  for (const auto& sets : distinct_) {
    for (const auto& d : sets) bytes += d.MemoryUsage();
  }
  for (const auto& rows : ordered_) {
    if (rows) bytes += rows->MemoryUsage();
  }
  return bytes;
}

uint32_t AggregateHashTable::NewGroup(const std::vector<const Vector*>& keys, size_t row,
                                      uint64_t hash) {
  uint32_t g = static_cast<uint32_t>(group_count_++);
  for (size_t c = 0; c < keys_.size(); ++c) {
    Vector& dst = keys_[c];
    if (g >= dst.capacity()) dst.Reserve(dst.capacity() * 2, g);
    const Vector& src = *keys[c];
    if (dst.type().IsNested()) {
      const uint32_t from = static_cast<uint32_t>(row);
      dst.CopyFrom(src, &from, 1, g);
    } else if (src.IsNull(row)) {
      dst.SetNull(g);
    } else if (dst.type().IsStringLike()) {
      dst.SetNull(g, false);
      dst.data<StringRef>()[g] = dst.heap().Add(src.data<StringRef>()[row].view());
    } else {
      size_t w = dst.type().PhysicalSize();
      dst.SetNull(g, false);
      std::memcpy(dst.data<uint8_t>() + g * w, src.data<uint8_t>() + row * w, w);
    }
  }
  group_hashes_.push_back(hash);
  if (g % kGroupsPerBlock == 0) {
    state_blocks_.emplace_back(new uint8_t[kGroupsPerBlock * state_row_size_]);
  }
  uint8_t* state = State(g);
  for (size_t a = 0; a < aggs_->size(); ++a) {
    (*aggs_)[a].function.initialize(state + state_offsets_[a]);
    if ((*aggs_)[a].distinct) distinct_[a].emplace_back();
  }
  return g;
}

void AggregateHashTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{0, kEmpty});
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.group == kEmpty) continue;
    size_t pos = s.hash & mask_;
    while (slots_[pos].group != kEmpty) pos = (pos + 1) & mask_;
    slots_[pos] = s;
  }
}

void AggregateHashTable::FindOrCreate(const std::vector<const Vector*>& keys, size_t offset,
                                      size_t count, const uint64_t* hashes, uint32_t* groups) {
  if (keys_.empty()) {
    std::fill(groups, groups + count, 0u);
    return;
  }
  for (size_t i = 0; i < count; ++i) {
    size_t row = offset + i;
    uint64_t h = hashes[i];
    size_t pos = h & mask_;
    for (;;) {
      Slot& s = slots_[pos];
      if (s.group == kEmpty) {
        uint32_t g = NewGroup(keys, row, h);
        s.hash = h;
        s.group = g;
        groups[i] = g;
        if (group_count_ * 2 > slots_.size()) Grow();
        break;
      }
      if (s.hash == h) {
        bool equal = true;
        for (size_t c = 0; c < keys_.size() && equal; ++c) {
          equal = RowsEqual(keys_[c], s.group, *keys[c], row);
        }
        if (equal) {
          groups[i] = s.group;
          break;
        }
      }
      pos = (pos + 1) & mask_;
    }
  }
}

void AggregateHashTable::FindOrCreateByCode(const Vector& key, size_t count, uint32_t* groups) {
  if (coded_by_ != key.dictionary()) {
    coded_by_ = key.dictionary();  // held, so its address is not reused
    code_groups_.assign(coded_by_->capacity(), kEmpty);
  }
  const std::vector<const Vector*> entries{coded_by_.get()};
  const uint32_t* codes = key.dictionary_codes();
  for (size_t i = 0; i < count; ++i) {
    uint32_t& g = code_groups_[codes[i]];
    if (g == kEmpty) {
      const uint64_t h = HashRow(*coded_by_, codes[i]);
      FindOrCreate(entries, codes[i], 1, &h, &g);
    }
    groups[i] = g;
  }
}

void AggregateHashTable::FindGroups(const DataChunk& input) {
  const size_t count = input.size();
  hashes_.resize(count);
  groups_.resize(count);
  const Vector* single = keys_.size() == 1 ? &input.column(0) : nullptr;
  if (single && single->dictionary() && single->validity().CountInvalid(count) == 0) {
    FindOrCreateByCode(*single, count, groups_.data());
  } else {
    std::vector<const Vector*> keys;
    for (size_t c = 0; c < keys_.size(); ++c) {
      keys.push_back(&input.column(c));
      HashVector(input.column(c), count, hashes_.data(), c > 0);
    }
    FindOrCreate(keys, 0, count, hashes_.data(), groups_.data());
  }
}

void AggregateHashTable::AddGroups(const DataChunk& keys) { FindGroups(keys); }

void AggregateHashTable::AddChunk(const DataChunk& input) {
  const size_t count = input.size();
  state_ptrs_.resize(count);
  FindGroups(input);
  for (size_t a = 0; a < aggs_->size(); ++a) {
    const AggregateSpec& spec = (*aggs_)[a];
    const Vector* arg = spec.arg_column >= 0 ? &input.column(spec.arg_column) : nullptr;
    const bool ordered = !spec.order.empty() && arg;
    if (spec.filter_column < 0) {
      if (ordered) {
        BufferOrdered(a, input, nullptr, count, groups_.data());
      } else {
        UpdateAggregate(a, arg, count, groups_.data());
      }
      continue;
    }
    // FILTER: the kept rows' values and groups, gathered, then as usual.
    const Vector& filter = input.column(spec.filter_column);
    const uint8_t* keep = filter.data<uint8_t>();
    filter_sel_.clear();
    filter_groups_.clear();
    for (size_t i = 0; i < count; ++i) {
      if (!keep[i] || filter.IsNull(i)) continue;
      filter_sel_.push_back(static_cast<uint32_t>(i));
      filter_groups_.push_back(groups_[i]);
    }
    if (filter_sel_.empty()) continue;
    if (ordered) {
      BufferOrdered(a, input, filter_sel_.data(), filter_sel_.size(), filter_groups_.data());
      continue;
    }
    if (arg) {
      if (!filter_batch_ || filter_batch_->type() != arg->type()) filter_batch_ = std::make_unique<Vector>(arg->type());
      filter_batch_->Reset();
      filter_batch_->CopyFrom(*arg, filter_sel_.data(), filter_sel_.size(), 0);
      arg = filter_batch_.get();
    }
    UpdateAggregate(a, arg, filter_sel_.size(), filter_groups_.data());
  }
}

void AggregateHashTable::BufferOrdered(size_t a, const DataChunk& input, const uint32_t* sel, size_t count,
                                       const uint32_t* groups) {
  const AggregateSpec& spec = (*aggs_)[a];
  std::vector<const Vector*> keys;
  std::vector<LogicalType> key_types;
  for (const SortKey& k : spec.order) {
    keys.push_back(&input.column(k.column));
    key_types.push_back(keys.back()->type());
  }
  const Vector& arg = input.column(spec.arg_column);
  if (!ordered_[a]) ordered_[a] = std::make_unique<OrderedAggregateRows>(arg.type(), key_types, spec.order);
  ordered_[a]->Append(arg, keys, sel, count, groups);
}

void AggregateHashTable::FeedOrderedRows() {
  for (size_t a = 0; a < aggs_->size(); ++a) {
    if (!ordered_[a]) continue;
    const AggregateSpec& spec = (*aggs_)[a];
    ordered_[a]->Feed([&](const Vector& args, size_t count, const uint32_t* groups) {
      state_ptrs_.resize(std::max(state_ptrs_.size(), count));
      for (size_t i = 0; i < count; ++i) state_ptrs_[i] = State(groups[i]) + state_offsets_[a];
      spec.function.update(&args, count, state_ptrs_.data());
    });
    ordered_[a].reset();
  }
}

void AggregateHashTable::UpdateAggregate(size_t a, const Vector* arg, size_t count, const uint32_t* groups) {
  const AggregateSpec& spec = (*aggs_)[a];
  if (spec.distinct) {
    UpdateDistinct(a, *arg, count, groups);
    return;
  }
  if (keys_.empty() && spec.function.update_single != nullptr && count > 0) {
    // Without GROUP BY every row updates the one state.
    spec.function.update_single(arg, count, State(0) + state_offsets_[a]);
    return;
  }
  for (size_t i = 0; i < count; ++i) state_ptrs_[i] = State(groups[i]) + state_offsets_[a];
  spec.function.update(arg, count, state_ptrs_.data());
}

void AggregateHashTable::Merge(AggregateHashTable& other) {
  std::vector<const Vector*> keys;
  for (const auto& k : other.keys_) keys.push_back(&k);
  std::vector<uint32_t> targets(other.group_count_);
  FindOrCreate(keys, 0, other.group_count_, other.group_hashes_.data(), targets.data());
  for (size_t a = 0; a < aggs_->size(); ++a) {
    const AggregateSpec& spec = (*aggs_)[a];
    if (other.ordered_[a]) {
      // The other table's states saw no rows yet: its buffered rows join these.
      if (ordered_[a]) {
        ordered_[a]->Merge(*other.ordered_[a], targets.data());
      } else {
        ordered_[a] = std::move(other.ordered_[a]);
        ordered_[a]->RemapGroups(targets.data());
      }
      continue;
    }
    if (!spec.distinct) {
      for (uint32_t g = 0; g < other.group_count_; ++g) {
        spec.function.combine(other.State(g) + other.state_offsets_[a], State(targets[g]) + state_offsets_[a]);
      }
      continue;
    }
    // The other table's states may count values this one has seen too:
    // its distinct values are fed again, those new here only.
    Vector& batch = DistinctBatch(spec.function.arg_types[0]);
    size_t n = 0;
    state_ptrs_.resize(std::max(state_ptrs_.size(), kVectorSize));
    for (uint32_t g = 0; g < other.group_count_; ++g) {
      for (const std::string& value : other.distinct_[a][g].values()) {
        if (!distinct_[a][targets[g]].InsertEncoded(value)) continue;
        DistinctValues::Decode(value, batch, n);
        state_ptrs_[n] = State(targets[g]) + state_offsets_[a];
        if (++n == kVectorSize) {
          FlushDistinctBatch(a, n);
          n = 0;
        }
      }
    }
    FlushDistinctBatch(a, n);
  }
}

void AggregateHashTable::UpdateDistinct(size_t a, const Vector& arg, size_t count, const uint32_t* groups) {
  const AggregateSpec& spec = (*aggs_)[a];
  state_ptrs_.resize(std::max(count, kVectorSize));
  distinct_sel_.clear();
  for (size_t i = 0; i < count; ++i) {
    if (arg.IsNull(i) || !distinct_[a][groups[i]].Insert(arg, i)) continue;
    state_ptrs_[distinct_sel_.size()] = State(groups[i]) + state_offsets_[a];
    distinct_sel_.push_back(static_cast<uint32_t>(i));
  }
  if (distinct_sel_.empty()) return;
  Vector& batch = DistinctBatch(arg.type());
  batch.CopyFrom(arg, distinct_sel_.data(), distinct_sel_.size(), 0);
  spec.function.update(&batch, distinct_sel_.size(), state_ptrs_.data());
}

Vector& AggregateHashTable::DistinctBatch(const LogicalType& type) {
  if (!distinct_batch_ || distinct_batch_->type() != type) distinct_batch_ = std::make_unique<Vector>(type);
  distinct_batch_->Reset();
  return *distinct_batch_;
}

void AggregateHashTable::FlushDistinctBatch(size_t a, size_t n) {
  if (n == 0) return;
  (*aggs_)[a].function.update(distinct_batch_.get(), n, state_ptrs_.data());
  distinct_batch_->Reset();
}

void AggregateHashTable::Emit(size_t start, size_t n, DataChunk& out) const {
  std::vector<uint32_t> sel(n);
  for (size_t i = 0; i < n; ++i) sel[i] = static_cast<uint32_t>(start + i);
  for (size_t c = 0; c < keys_.size(); ++c) out.column(c).CopyFrom(keys_[c], sel.data(), n, 0);
  for (size_t a = 0; a < aggs_->size(); ++a) {
    Vector& dst = out.column(keys_.size() + a);
    for (size_t i = 0; i < n; ++i) {
      (*aggs_)[a].function.finalize(State(static_cast<uint32_t>(start + i)) + state_offsets_[a], dst, i);
    }
  }
  out.SetSize(n);
}

}  // namespace sluice::exec
