#include "sluice/exec/operators/physical_window.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <numeric>

#include "sluice/exec/window_aggregator.h"
#include "sluice/vector/vector_operations.h"

namespace sluice::exec {

namespace {

struct WindowGlobal : GlobalState {
  std::mutex mutex;
  std::vector<std::vector<DataChunk>> buckets = std::vector<std::vector<DataChunk>>(PhysicalWindow::kBuckets);  // each worker's buffer per bucket
  std::atomic<size_t> buffered_bytes{0};
};

struct WindowLocal : LocalState {
  std::vector<DataChunk> buckets = std::vector<DataChunk>(PhysicalWindow::kBuckets);  // uninitialised until a row lands
  std::vector<uint64_t> hashes;
  std::vector<std::vector<uint32_t>> rows_of = std::vector<std::vector<uint32_t>>(PhysicalWindow::kBuckets);
};

struct WindowSource : GlobalState {
  std::atomic<size_t> next_bucket{0};
};

// The bucket being emitted by one worker: its rows in window order and
// each function's results.
struct WindowSourceLocal : LocalState {
  DataChunk rows;
  std::vector<Vector> results;
  size_t position = 0;
  std::vector<uint32_t> sel;
};

// The one place that counts what the operator holds, where spilling will
// decide to write buckets out.
void AccountBuffered(WindowGlobal& global, const DataChunk& input, size_t rows) {
  size_t width = 0;
  for (size_t c = 0; c < input.ColumnCount(); ++c) width += input.column(c).type().PhysicalSize();
  global.buffered_bytes.fetch_add(rows * width, std::memory_order_relaxed);
}

// Copies the long strings of `v` (short ones are inline) into one heap of
// its own. A bucket's rows come from every input batch and share all their
// string buffers; every batch emitted from the bucket would share that whole
// list again, and a window above would gather it into each of its buckets.
void CompactStrings(Vector& v, size_t count) {
  Vector compact(v.type(), std::max<size_t>(count, 1));
  const StringRef* from = v.data<StringRef>();
  StringRef* to = compact.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (v.IsNull(i)) {
      compact.SetNull(i);
    } else {
      to[i] = from[i].IsInlined() ? from[i] : compact.heap().Add(from[i].view());
    }
  }
  v = std::move(compact);
}

bool SameFrame(const FrameSpec& a, const FrameSpec& b) {
  auto same_bound = [](const FrameBoundSpec& x, const FrameBoundSpec& y) {
    return x.kind == y.kind && x.offset_column == y.offset_column && x.value_column == y.value_column &&
           x.key_column == y.key_column;
  };
  return a.unit == b.unit && same_bound(a.start, b.start) && same_bound(a.end, b.end);
}

}  // namespace

std::string PhysicalWindow::Details() const {
  std::string s = "partition=";
  for (size_t i = 0; i < partition_columns_.size(); ++i) s += (i ? ",#" : "#") + std::to_string(partition_columns_[i]);
  s += " order=";
  for (size_t i = 0; i < order_keys_.size(); ++i) {
    s += (i ? ",#" : "#") + std::to_string(order_keys_[i].column) + (order_keys_[i].ascending ? " ASC" : " DESC");
  }
  s += " functions=";
  for (size_t i = 0; i < functions_.size(); ++i) {
    s += (i ? "," : "") + (functions_[i].is_aggregate ? functions_[i].aggregate.name : functions_[i].window.name);
  }
  return s;
}

std::unique_ptr<GlobalState> PhysicalWindow::InitGlobalSink(QueryContext&) {
  return std::make_unique<WindowGlobal>();
}

std::unique_ptr<LocalState> PhysicalWindow::InitLocalSink(QueryContext&, GlobalState&) {
  return std::make_unique<WindowLocal>();
}

SinkResult PhysicalWindow::Sink(QueryContext&, DataChunk& input, GlobalState& global, LocalState& local) {
  auto& l = static_cast<WindowLocal&>(local);
  const size_t n = input.size();
  auto append = [&](size_t bucket, const uint32_t* sel, size_t count) {
    DataChunk& chunk = l.buckets[bucket];
    // Not yet initialised; a window over no columns (count(*) OVER ()) has
    // chunks of no columns, which hold rows all the same.
    if (chunk.ColumnCount() == 0 && chunk.size() == 0) chunk.Initialize(input.Types(), std::max<size_t>(count, 256));
    chunk.Append(input, sel, count);
  };
  if (partition_columns_.empty()) {
    append(0, nullptr, n);
  } else {
    l.hashes.resize(n);
    for (size_t c = 0; c < partition_columns_.size(); ++c) {
      HashVector(input.column(partition_columns_[c]), n, l.hashes.data(), c > 0);
    }
    for (auto& rows : l.rows_of) rows.clear();
    constexpr int kShift = 64 - 6;  // the hash's top bits pick one of 64 buckets
    static_assert(kBuckets == 64);
    for (size_t i = 0; i < n; ++i) l.rows_of[l.hashes[i] >> kShift].push_back(static_cast<uint32_t>(i));
    for (size_t b = 0; b < kBuckets; ++b) {
      if (!l.rows_of[b].empty()) append(b, l.rows_of[b].data(), l.rows_of[b].size());
    }
  }
  AccountBuffered(static_cast<WindowGlobal&>(global), input, n);
  return SinkResult::kNeedMoreInput;
}

void PhysicalWindow::Combine(QueryContext&, GlobalState& global, LocalState& local) {
  auto& g = static_cast<WindowGlobal&>(global);
  auto& l = static_cast<WindowLocal&>(local);
  std::lock_guard<std::mutex> lock(g.mutex);
  for (size_t b = 0; b < kBuckets; ++b) {
    if (l.buckets[b].size() > 0) g.buckets[b].push_back(std::move(l.buckets[b]));
  }
}

std::unique_ptr<GlobalState> PhysicalWindow::InitGlobalSource(QueryContext&) {
  return std::make_unique<WindowSource>();
}

std::unique_ptr<LocalState> PhysicalWindow::InitLocalSource(QueryContext&, GlobalState&) {
  return std::make_unique<WindowSourceLocal>();
}

void PhysicalWindow::EvaluateBucket(DataChunk& rows, std::vector<Vector>& results) const {
  const size_t n = rows.size();
  std::vector<SortKey> keys;
  for (size_t c : partition_columns_) keys.push_back({c, true, false});
  keys.insert(keys.end(), order_keys_.begin(), order_keys_.end());
  if (!keys.empty()) {
    const std::vector<uint32_t> order = SortRowIndexes(rows, keys);
    DataChunk sorted(rows.Types(), n);
    sorted.Append(rows, order.data(), n);
    rows = std::move(sorted);
  }
  for (size_t c = 0; c < rows.ColumnCount(); ++c) {
    if (rows.column(c).type().id() == TypeId::kVarchar) CompactStrings(rows.column(c), n);
  }
  std::vector<size_t> order_columns;
  for (const SortKey& k : order_keys_) order_columns.push_back(k.column);
  const WindowSegments segments = FindSegments(rows, partition_columns_, order_columns);

  std::vector<uint32_t> frame_begin, frame_end;
  const FrameSpec* computed = nullptr;  // the frame frame_begin / frame_end hold
  const size_t width = types_.size() - functions_.size();
  results.clear();
  for (size_t k = 0; k < functions_.size(); ++k) {
    const WindowFunctionSpec& f = functions_[k];
    Vector out(types_[width + k], std::max<size_t>(n, 1));
    if ((f.is_aggregate || f.window.uses_frame) && !(computed && SameFrame(*computed, f.frame))) {
      ComputeFrames(rows, segments, f.frame, frame_begin, frame_end);
      computed = &f.frame;
    }
    if (f.is_aggregate) {
      WindowAggregateInput in;
      in.count = n;
      in.argument = f.arguments.empty() ? nullptr : &rows.column(f.arguments[0]);
      in.filter = f.filter_column >= 0 ? &rows.column(static_cast<size_t>(f.filter_column)) : nullptr;
      in.partition_begin = segments.partition_begin.data();
      in.frame_begin = frame_begin.data();
      in.frame_end = frame_end.data();
      AggregateOverFrames(f.aggregate, in, out);
    } else {
      std::vector<const Vector*> args;
      for (size_t c : f.arguments) args.push_back(&rows.column(c));
      function::WindowInput in;
      in.count = n;
      in.args = args.data();
      in.arg_count = args.size();
      in.partition_begin = segments.partition_begin.data();
      in.partition_end = segments.partition_end.data();
      in.peer_begin = segments.peer_begin.data();
      in.peer_end = segments.peer_end.data();
      if (f.window.uses_frame) {
        in.frame_begin = frame_begin.data();
        in.frame_end = frame_end.data();
      }
      in.ignore_nulls = f.ignore_nulls;
      f.window.evaluate(in, out);
    }
    results.push_back(std::move(out));
  }
}

SourceResult PhysicalWindow::GetData(QueryContext& ctx, DataChunk& out, GlobalState& global, LocalState& local) {
  auto& src = static_cast<WindowSource&>(global);
  auto& l = static_cast<WindowSourceLocal&>(local);
  auto& g = static_cast<WindowGlobal&>(*sink_state);
  while (l.position >= l.rows.size()) {
    const size_t b = src.next_bucket.fetch_add(1);
    if (b >= kBuckets) return SourceResult::kFinished;
    std::vector<DataChunk>& parts = g.buckets[b];  // this worker's alone now
    if (parts.empty()) continue;
    ctx.CheckCancelled();
    l.rows = std::move(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) l.rows.Append(parts[i], nullptr, parts[i].size());
    parts.clear();
    EvaluateBucket(l.rows, l.results);
    l.position = 0;
  }
  const size_t n = std::min(kVectorSize, l.rows.size() - l.position);
  l.sel.resize(n);
  std::iota(l.sel.begin(), l.sel.end(), static_cast<uint32_t>(l.position));
  const size_t width = l.rows.ColumnCount();
  for (size_t c = 0; c < width; ++c) out.column(c).CopyFrom(l.rows.column(c), l.sel.data(), n, 0);
  for (size_t k = 0; k < l.results.size(); ++k) out.column(width + k).CopyFrom(l.results[k], l.sel.data(), n, 0);
  out.SetSize(n);
  l.position += n;
  return SourceResult::kHaveMore;
}

}  // namespace sluice::exec
