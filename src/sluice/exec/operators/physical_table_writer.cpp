#include "sluice/exec/operators/physical_table_writer.h"

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "sluice/catalog/partition_path.h"
#include "sluice/storage/file_system.h"

namespace sluice::exec {

namespace {

struct OpenFile {
  std::unique_ptr<parquet::ParquetWriter> writer;
  WrittenFile info;
};

struct PartitionState {
  std::vector<std::string> values;
  std::string directory;  // "k=v/..." or "" when unpartitioned
  std::unique_ptr<OpenFile> file;
  std::vector<uint32_t> rows;  // rows of the current batch
  size_t buffered = 0;         // bytes its file buffered when last asked
};

struct WriterGlobal : GlobalState {
  std::mutex mutex;
  std::vector<WrittenFile> files;
  std::atomic<uint64_t> next_file{0};
};

struct WriterLocal : LocalState {
  std::unordered_map<std::string, PartitionState> partitions;
  std::vector<PartitionState*> touched;
  size_t buffered = 0;  // sum of the partitions' `buffered`
  DataChunk slice;
  std::vector<WrittenFile> files;
  ~WriterLocal() override {
    // A statement that failed leaves open files: discard them.
    for (auto& [key, p] : partitions) {
      if (p.file) p.file->writer->Abort();
    }
  }
};

// Appends row `row`'s partition values to `key` as raw bytes: cheap to
// compute per row; the text values are only rendered for a new partition.
void AppendPartitionKey(const DataChunk& input, const std::vector<size_t>& cols, size_t row,
                        std::string& key) {
  for (size_t c : cols) {
    const Vector& v = input.column(c);
    if (v.IsNull(row)) {
      key += '\0';
      continue;
    }
    key += '\1';
    if (v.type().IsStringLike()) {
      StringRef s = v.data<StringRef>()[row];
      uint32_t n = s.size();
      key.append(reinterpret_cast<const char*>(&n), sizeof(n));
      key.append(s.data(), n);
    } else {
      size_t w = v.type().PhysicalSize();
      key.append(reinterpret_cast<const char*>(v.data<uint8_t>() + row * w), w);
    }
  }
}

std::vector<std::string> PartitionValuesText(const DataChunk& input, const std::vector<size_t>& cols,
                                             size_t row) {
  std::vector<std::string> values;
  for (size_t c : cols) {
    const Vector& v = input.column(c);
    values.push_back(v.IsNull(row) ? std::string(catalog::kHiveDefaultPartition)
                                   : v.GetValue(row).ToString());
  }
  return values;
}

}  // namespace

std::string PhysicalTableWriter::Details() const {
  std::string s = spec_.staging_dir;
  if (!spec_.partition_names.empty()) {
    s += " partitioned_by=";
    for (size_t i = 0; i < spec_.partition_names.size(); ++i) {
      if (i) s += ",";
      s += spec_.partition_names[i];
    }
  }
  return s;
}

std::unique_ptr<GlobalState> PhysicalTableWriter::InitGlobalSink(QueryContext&) {
  return std::make_unique<WriterGlobal>();
}

std::unique_ptr<LocalState> PhysicalTableWriter::InitLocalSink(QueryContext&, GlobalState&) {
  auto l = std::make_unique<WriterLocal>();
  std::vector<LogicalType> types;
  for (size_t c : spec_.data_columns) types.push_back(types_[c]);
  l->slice.Initialize(types);
  return l;
}

namespace {

void UpdateBuffered(WriterLocal& l, PartitionState& p) {
  const size_t now = p.file->writer->memory_bytes();
  l.buffered = l.buffered - p.buffered + now;
  p.buffered = now;
}

void FinishFile(QueryContext& ctx, PartitionState& p, std::vector<WrittenFile>& out) {
  OpenFile& f = *p.file;
  f.writer->Close();
  f.info.rows = f.writer->rows_written();
  f.info.bytes = f.writer->bytes_written();
  ctx.stats().files_written += 1;
  ctx.stats().bytes_written += f.info.bytes;
  out.push_back(std::move(f.info));
  p.file.reset();
}

}  // namespace

SinkResult PhysicalTableWriter::Sink(QueryContext& ctx, DataChunk& input, GlobalState& global,
                                     LocalState& local) {
  auto& g = static_cast<WriterGlobal&>(global);
  auto& l = static_cast<WriterLocal&>(local);
  const size_t n = input.size();

  // Route rows to partitions. Consecutive rows usually share a partition, so
  // the previous row's key is checked first.
  l.touched.clear();
  PartitionState* last = nullptr;
  std::string key, last_key;
  for (size_t r = 0; r < n; ++r) {
    PartitionState* p;
    if (spec_.partition_columns.empty()) {
      p = &l.partitions[""];
    } else {
      key.clear();
      AppendPartitionKey(input, spec_.partition_columns, r, key);
      if (last && key == last_key) {
        p = last;
      } else {
        p = &l.partitions[key];
        if (p->directory.empty()) {
          p->values = PartitionValuesText(input, spec_.partition_columns, r);
          p->directory = catalog::PartitionPath(spec_.partition_names, p->values);
        }
        last = p;
        last_key = key;
      }
    }
    if (p->rows.empty()) l.touched.push_back(p);
    p->rows.push_back(static_cast<uint32_t>(r));
  }

  for (PartitionState* p : l.touched) {
    l.slice.Reset();
    for (size_t k = 0; k < spec_.data_columns.size(); ++k) {
      l.slice.column(k).CopyFrom(input.column(spec_.data_columns[k]), p->rows.data(),
                                 p->rows.size(), 0);
    }
    l.slice.SetSize(p->rows.size());
    p->rows.clear();
    if (!p->file) {
      auto f = std::make_unique<OpenFile>();
      std::string name = spec_.file_prefix + "_" + std::to_string(g.next_file.fetch_add(1)) +
                         ".parquet";
      f->info.relative_path = p->directory.empty() ? name : p->directory + "/" + name;
      f->info.staged_path = JoinPath(spec_.staging_dir, f->info.relative_path);
      f->info.partition_values = p->values;
      auto stream = FileSystemFor(f->info.staged_path)->OpenForWrite(f->info.staged_path);
      f->writer = std::make_unique<parquet::ParquetWriter>(std::move(stream), spec_.column_names,
                                                           l.slice.Types(), spec_.writer_options);
      p->file = std::move(f);
    }
    p->file->writer->Write(l.slice);
    ctx.stats().rows_written += l.slice.size();
    UpdateBuffered(l, *p);
  }

  // Bound memory: while this worker's open files hold more than its budget,
  // the largest one writes out its row group early and frees its buffers
  // (the file stays open). Only written partitions change, so the sum is
  // kept as we go. Row groups are not cut below kMinEarlyRowGroup: tiny ones
  // would bloat the footer (and its memory) more than they save, so a budget
  // below partitions x that size is exceeded rather than thrashed.
  constexpr size_t kMinEarlyRowGroup = 64 << 10;
  while (l.buffered > spec_.memory_budget_per_worker) {
    PartitionState* largest = nullptr;
    for (auto& [key, p] : l.partitions) {
      if (p.file && (!largest || p.buffered > largest->buffered)) largest = &p;
    }
    if (!largest || largest->buffered < kMinEarlyRowGroup) break;
    const size_t before = largest->buffered;
    largest->file->writer->FlushAndRelease();
    UpdateBuffered(l, *largest);
    if (largest->buffered >= before) break;
  }
  return SinkResult::kNeedMoreInput;
}

void PhysicalTableWriter::Combine(QueryContext& ctx, GlobalState& global, LocalState& local) {
  auto& g = static_cast<WriterGlobal&>(global);
  auto& l = static_cast<WriterLocal&>(local);
  for (auto& [key, p] : l.partitions) {
    if (p.file) FinishFile(ctx, p, l.files);
  }
  std::lock_guard<std::mutex> lock(g.mutex);
  for (auto& f : l.files) g.files.push_back(std::move(f));
}

std::vector<WrittenFile> PhysicalTableWriter::TakeWrittenFiles() {
  if (!sink_state) return {};
  return std::move(static_cast<WriterGlobal&>(*sink_state).files);
}

}  // namespace sluice::exec
