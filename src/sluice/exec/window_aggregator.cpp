#include "sluice/exec/window_aggregator.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace sluice::exec {

namespace {

// States in one block, each initialized once and destroyed with the block
// (also when an aggregate throws, as sum does on overflow).
class StateBlock {
 public:
  StateBlock(const function::AggregateFunction& f, size_t count)
      : f_(f), stride_((f.state_size + 7) & ~size_t{7}), data_(new uint8_t[std::max<size_t>(count * stride_, 8)]) {
    for (; initialized_ < count; ++initialized_) f_.initialize(At(initialized_));
  }
  ~StateBlock() {
    if (!f_.destroy) return;
    for (size_t i = 0; i < initialized_; ++i) f_.destroy(At(i));
  }
  StateBlock(const StateBlock&) = delete;
  StateBlock& operator=(const StateBlock&) = delete;
  uint8_t* At(size_t i) const { return data_.get() + i * stride_; }

 private:
  const function::AggregateFunction& f_;
  size_t stride_;
  std::unique_ptr<uint8_t[]> data_;
  size_t initialized_ = 0;
};

// A scratch state: initialized, combined into, finalized, reset.
class ScratchState {
 public:
  explicit ScratchState(const function::AggregateFunction& f) : f_(f), block_(f, 1) {}
  uint8_t* get() const { return block_.At(0); }
  void Reset() {
    if (f_.destroy) f_.destroy(get());
    f_.initialize(get());
  }

 private:
  const function::AggregateFunction& f_;
  StateBlock block_;
};

// Segment tree over leaves [0, m) of one partition: node k < m is internal
// (the combination of nodes 2k and 2k+1), node m + j is leaf j.
class SegmentTree {
 public:
  SegmentTree(const function::AggregateFunction& f, const StateBlock& leaves, size_t first, size_t m)
      : f_(f), leaves_(leaves), first_(first), m_(m), inner_(f, m) {
    for (size_t k = m - 1; k >= 1; --k) {
      f_.combine(Node(2 * k), inner_.At(k));
      f_.combine(Node(2 * k + 1), inner_.At(k));
    }
  }
  // Combines leaves [l, r) into `target`.
  void Query(size_t l, size_t r, uint8_t* target) const {
    for (l += m_, r += m_; l < r; l >>= 1, r >>= 1) {
      if (l & 1) f_.combine(Node(l++), target);
      if (r & 1) f_.combine(Node(--r), target);
    }
  }

 private:
  const uint8_t* Node(size_t k) const { return k >= m_ ? leaves_.At(first_ + k - m_) : inner_.At(k); }

  const function::AggregateFunction& f_;
  const StateBlock& leaves_;
  size_t first_, m_;
  StateBlock inner_;
};

}  // namespace

void AggregateOverFrames(const function::AggregateFunction& f, const WindowAggregateInput& in, Vector& out) {
  const size_t n = in.count;
  if (n == 0) return;
  StateBlock leaves(f, n);
  {
    // One batch update: row i into leaf i, the rows FILTER keeps only.
    std::vector<uint8_t*> states;
    states.reserve(n);
    if (in.filter) {
      std::vector<uint32_t> kept;
      const uint8_t* keep = in.filter->data<uint8_t>();
      for (size_t i = 0; i < n; ++i) {
        if (keep[i] && !in.filter->IsNull(i)) kept.push_back(static_cast<uint32_t>(i));
      }
      for (uint32_t i : kept) states.push_back(leaves.At(i));
      if (!kept.empty()) {
        if (in.argument) {
          Vector selected(in.argument->type(), kept.size());
          selected.CopyFrom(*in.argument, kept.data(), kept.size(), 0);
          f.update(&selected, kept.size(), states.data());
        } else {
          f.update(nullptr, kept.size(), states.data());
        }
      }
    } else {
      for (size_t i = 0; i < n; ++i) states.push_back(leaves.At(i));
      f.update(in.argument, n, states.data());
    }
  }

  // Results of distinct frames, then copied to their rows in one pass.
  Vector results(out.type(), n);
  std::vector<uint32_t> result_of(n);
  size_t result_count = 0;
  ScratchState scratch(f);
  size_t p = 0;
  while (p < n) {
    const size_t pb = in.partition_begin[p];
    size_t pe = p;
    bool running = true;
    for (; pe < n && in.partition_begin[pe] == pb; ++pe) {
      running = running && in.frame_begin[pe] == pb && (pe == pb || in.frame_end[pe] >= in.frame_end[pe - 1]);
    }
    std::unique_ptr<SegmentTree> tree;
    if (!running) tree = std::make_unique<SegmentTree>(f, leaves, pb, pe - pb);
    scratch.Reset();
    size_t entered = pb;  // running: leaves [pb, entered) are in the scratch state
    for (size_t i = pb; i < pe; ++i) {
      if (i > pb && in.frame_begin[i] == in.frame_begin[i - 1] && in.frame_end[i] == in.frame_end[i - 1]) {
        result_of[i] = result_of[i - 1];
        continue;
      }
      const size_t fb = in.frame_begin[i], fe = in.frame_end[i];
      if (running) {
        for (; entered < fe; ++entered) f.combine(leaves.At(entered), scratch.get());
      } else {
        scratch.Reset();
        if (fb < fe) tree->Query(fb - pb, fe - pb, scratch.get());
      }
      f.finalize(scratch.get(), results, result_count);
      result_of[i] = static_cast<uint32_t>(result_count++);
    }
    p = pe;
  }
  out.CopyFrom(results, result_of.data(), n, 0);
}

}  // namespace sluice::exec
