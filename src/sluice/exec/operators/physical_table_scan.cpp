#include "sluice/common/ascii_case.h"
#include "sluice/exec/operators/physical_table_scan.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>

#include "sluice/common/error.h"
#include "sluice/formats/json/json_reader.h"
#include "sluice/formats/csv/split_alignment.h"
#include "sluice/formats/parquet/parquet_reader.h"
#include "sluice/functions/cast.h"
#include "sluice/storage/file_system.h"

namespace sluice::exec {

// An opened Parquet file, shared by the workers reading its row groups.
struct ParquetFile {
  std::shared_ptr<parquet::ParquetReader> reader;
  std::vector<size_t> file_columns;  // the file's columns to read
  std::vector<int> position;         // per read slot: index into file_columns, -1 = not in the file
  std::vector<RangePredicate> predicates;  // on file columns
  bool matches_nothing = false;  // a predicate on a column the file lacks (all NULL)
};

namespace {

// A unit of scan work.
struct WorkUnit {
  size_t file = 0;
  csv::CsvSplit split;    // CSV and JSON
  int64_t row_group = -1; // Parquet: -1 = the whole file not yet opened
};

// The splits of one CSV file read so far, to check that together they read
// every row once (their starts are guesses: see csv::SplitsAligned).
struct FileSplits {
  size_t total = 0;
  std::vector<csv::SplitRows> done;
};

struct ScanGlobal : GlobalState {
  std::mutex mutex;
  std::deque<WorkUnit> units;
  // Parquet files whose footers are being read: their row groups are about
  // to be queued, so an empty queue does not yet mean the scan is done.
  size_t files_opening = 0;
  std::condition_variable units_queued;
  std::map<size_t, FileSplits> csv_splits;  // CSV files read in more than one split
  std::map<size_t, std::shared_ptr<const ParquetFile>> parquet_files;
};

struct ScanLocal : LocalState {
  std::unique_ptr<csv::CsvReader> csv;
  csv::CsvSplit csv_split;  // the split `csv` reads
  std::unique_ptr<json::JsonReader> json;
  size_t file = 0;
  DataChunk data;                      // columns in data_projection_ order
  std::shared_ptr<const ParquetFile> parquet;
  std::unique_ptr<parquet::RowGroupReader> row_group;
  DataChunk parquet_batch;             // file columns, as the file types them
};

}  // namespace

PhysicalTableScan::PhysicalTableScan(std::vector<LogicalType> types, TableScanSpec spec)
    : PhysicalOperator(std::move(types)), spec_(std::move(spec)) {
  for (const auto& c : spec_.columns) {
    if (!c.is_partition &&
        std::find(data_projection_.begin(), data_projection_.end(), c.index) == data_projection_.end()) {
      data_projection_.push_back(c.index);
    }
  }
  for (const auto& c : spec_.columns) {
    if (c.is_partition) {
      read_slot_.push_back(0);
      read_is_sole_use_.push_back(false);
      continue;
    }
    read_slot_.push_back(static_cast<size_t>(
        std::find(data_projection_.begin(), data_projection_.end(), c.index) - data_projection_.begin()));
    read_is_sole_use_.push_back(std::count_if(spec_.columns.begin(), spec_.columns.end(), [&](const auto& o) {
                                  return !o.is_partition && o.index == c.index;
                                }) == 1);
  }
}

double PhysicalTableScan::EstimatedBytes() const {
  double bytes = 0;
  for (const auto& f : spec_.files) bytes += static_cast<double>(f.size);
  if (spec_.format == FileFormat::kParquet && !spec_.column_names.empty()) {
    bytes *= static_cast<double>(std::max<size_t>(data_projection_.size(), 1)) /
             static_cast<double>(spec_.column_names.size());
  }
  return bytes;
}

std::string PhysicalTableScan::Details() const {
  std::string s = spec_.table_name + " " +
                  (spec_.format == FileFormat::kCsv    ? "csv"
                   : spec_.format == FileFormat::kJson ? "json"
                                                       : "parquet") +
                  " files=" + std::to_string(spec_.files.size()) + " columns=";
  for (size_t i = 0; i < spec_.columns.size(); ++i) {
    if (i) s += ",";
    const auto& c = spec_.columns[i];
    s += c.is_partition ? "(partition)" + std::to_string(c.index) : spec_.column_names[c.index];
  }
  return s;
}

std::unique_ptr<GlobalState> PhysicalTableScan::InitGlobalSource(QueryContext& ctx) {
  auto g = std::make_unique<ScanGlobal>();
  for (size_t f = 0; f < spec_.files.size(); ++f) {
    const ScanFile& file = spec_.files[f];
    if (spec_.format == FileFormat::kCsv || spec_.format == FileFormat::kJson) {
      const bool csv = spec_.format == FileFormat::kCsv;
      const uint64_t split_bytes = csv && csv::KnownUnsplittable(file.path, file.size) ? 0 : spec_.split_bytes;
      auto splits = csv::PlanSplits(file.path, file.size, split_bytes);
      if (csv && splits.size() > 1) g->csv_splits[f].total = splits.size();
      for (auto& split : splits) g->units.push_back(WorkUnit{f, std::move(split), -1});
    } else {
      g->units.push_back(WorkUnit{f, {}, -1});
    }
  }
  ctx.stats().files_scanned += spec_.files.size();
  return g;
}

std::unique_ptr<LocalState> PhysicalTableScan::InitLocalSource(QueryContext&, GlobalState&) {
  auto l = std::make_unique<ScanLocal>();
  std::vector<LogicalType> types;
  for (size_t c : data_projection_) types.push_back(spec_.column_types[c]);
  l->data.Initialize(types);
  return l;
}

void PhysicalTableScan::FinishCsvSplit(GlobalState& global, LocalState& local) const {
  auto& g = static_cast<ScanGlobal&>(global);
  auto& l = static_cast<ScanLocal&>(local);
  std::lock_guard<std::mutex> lock(g.mutex);
  auto it = g.csv_splits.find(l.file);
  if (it == g.csv_splits.end()) return;
  FileSplits& splits = it->second;
  splits.done.push_back({l.csv_split.start, l.csv_split.end, l.csv->first_row_offset(), l.csv->next_row_offset()});
  if (splits.done.size() < splits.total || csv::SplitsAligned(splits.done)) return;
  // A split guessed its first row inside a quoted field that holds a line
  // break. Rows went downstream already, so the statement runs again, with
  // this file read as one split.
  const ScanFile& file = spec_.files[l.file];
  csv::RememberUnsplittable(file.path, file.size);
  throw SluiceError(ErrorCode::kRetryStatement,
                    file.path + ": quoted line breaks straddle a split boundary; read it as one split");
}

SourceResult PhysicalTableScan::GetData(QueryContext& ctx, DataChunk& out, GlobalState& global,
                                        LocalState& local) {
  auto& g = static_cast<ScanGlobal&>(global);
  auto& l = static_cast<ScanLocal&>(local);
  for (;;) {
    // 1. Produce from what this worker already has open.
    bool have = false;
    if (l.row_group) {
      l.parquet_batch.Reset();
      if (l.row_group->Next(l.parquet_batch)) {
        ConvertParquetBatch(l);
        have = true;
      } else {
        l.row_group.reset();
      }
    } else if (l.csv) {
      l.data.Reset();
      const uint64_t skipped_before = l.csv->rows_skipped();
      bool got;
      try {
        got = l.csv->Next(l.data);
      } catch (const SluiceError& e) {
        // Bad data met by a split that guessed where its rows start may only
        // mean the guess was wrong; read unsplit, the file tells for sure
        // (and names the line, which a split cannot).
        if (e.code() != ErrorCode::kBadData || l.csv_split.start == 0) throw;
        const ScanFile& file = spec_.files[l.file];
        csv::RememberUnsplittable(file.path, file.size);
        throw SluiceError(ErrorCode::kRetryStatement, file.path + ": bad data in a split; read it as one split");
      }
      ctx.stats().rows_skipped += l.csv->rows_skipped() - skipped_before;
      if (got) {
        have = true;
      } else {
        FinishCsvSplit(g, l);
        l.csv.reset();
      }
    } else if (l.json) {
      l.data.Reset();
      if (l.json->Next(l.data)) {
        have = true;
      } else {
        l.json.reset();
      }
    }
    if (have) {
      const size_t n = l.data.size();
      const ScanFile& file = spec_.files[l.file];
      for (size_t i = 0; i < spec_.columns.size(); ++i) {
        const auto& c = spec_.columns[i];
        Vector& dst = out.column(i);
        if (c.is_partition) {
          const Value& v = file.partition_values[c.index];
          if (dst.capacity() < n) dst.Reserve(n, 0);
          for (size_t r = 0; r < n; ++r) dst.SetValue(r, v);
        } else if (read_is_sole_use_[i]) {
          // The batch was read for this column alone: hand it over instead of
          // copying (the reader resets what it gets back).
          std::swap(dst, l.data.column(read_slot_[i]));
        } else {
          dst.CopyFrom(l.data.column(read_slot_[i]), nullptr, n, 0);
        }
      }
      out.SetSize(n);
      ctx.stats().rows_read += n;
      return SourceResult::kHaveMore;
    }

    // 2. Take the next unit of work.
    WorkUnit unit;
    {
      std::unique_lock<std::mutex> lock(g.mutex);
      g.units_queued.wait(lock, [&] { return !g.units.empty() || g.files_opening == 0; });
      if (g.units.empty()) return SourceResult::kFinished;
      unit = std::move(g.units.front());
      g.units.pop_front();
      if (spec_.format == FileFormat::kParquet && unit.row_group < 0) ++g.files_opening;
    }
    ctx.CheckCancelled();
    l.file = unit.file;
    const ScanFile& file = spec_.files[unit.file];
    auto fs = FileSystemFor(file.path);
    if (spec_.format == FileFormat::kCsv) {
      std::shared_ptr<RandomAccessFile> handle = fs->OpenForRead(file.path);
      handle->AttachByteCounter(&ctx.stats().bytes_scanned);
      l.csv_split = unit.split;
      l.csv = std::make_unique<csv::CsvReader>(handle, unit.split, spec_.csv_options,
                                               spec_.column_types, data_projection_);
      continue;
    }
    if (spec_.format == FileFormat::kJson) {
      std::shared_ptr<RandomAccessFile> handle = fs->OpenForRead(file.path);
      handle->AttachByteCounter(&ctx.stats().bytes_scanned);
      l.json = std::make_unique<json::JsonReader>(handle, unit.split, spec_.json_options, spec_.column_types,
                                                  spec_.column_names, data_projection_);
      continue;
    }
    // Parquet: the first worker to reach a file reads its footer and queues
    // the row groups its statistics do not rule out.
    std::shared_ptr<const ParquetFile> pf;
    if (unit.row_group < 0) {
      // However the footer read ends, waiting workers are told.
      struct Opened {
        ScanGlobal& g;
        ~Opened() {
          {
            std::lock_guard<std::mutex> lock(g.mutex);
            --g.files_opening;
          }
          g.units_queued.notify_all();
        }
      } opened{g};
      std::shared_ptr<RandomAccessFile> handle = fs->OpenForRead(file.path);
      handle->AttachByteCounter(&ctx.stats().bytes_scanned);
      pf = OpenParquetFile(std::move(handle));
      const parquet::ParquetReader& reader = *pf->reader;
      std::vector<int64_t> kept;
      for (size_t rg = 0; rg < reader.num_row_groups() && !pf->matches_nothing; ++rg) {
        if (reader.RowGroupMayMatch(rg, pf->predicates)) kept.push_back(static_cast<int64_t>(rg));
      }
      ctx.stats().row_groups_total += reader.num_row_groups();
      ctx.stats().row_groups_skipped += reader.num_row_groups() - kept.size();
      if (kept.empty()) continue;
      std::lock_guard<std::mutex> lock(g.mutex);
      g.parquet_files[unit.file] = pf;
      for (size_t i = kept.size(); i-- > 1;) g.units.push_front(WorkUnit{unit.file, {}, kept[i]});
      unit.row_group = kept[0];
    } else {
      std::lock_guard<std::mutex> lock(g.mutex);
      pf = g.parquet_files[unit.file];
    }
    const auto rg = static_cast<size_t>(unit.row_group);
    std::vector<parquet::RowRange> rows;
    if (!pf->predicates.empty()) {
      rows = pf->reader->MatchingRows(rg, pf->predicates);
      if (rows.empty()) {
        ++ctx.stats().row_groups_skipped;
        continue;
      }
    }
    l.parquet = pf;
    l.row_group = pf->reader->OpenRowGroup(rg, pf->file_columns, std::move(rows));
    std::vector<LogicalType> file_types;
    for (size_t fc : pf->file_columns) file_types.push_back(pf->reader->column_types()[fc]);
    l.parquet_batch.Initialize(file_types);
  }
}

std::shared_ptr<const ParquetFile> PhysicalTableScan::OpenParquetFile(std::shared_ptr<RandomAccessFile> handle) const {
  auto pf = std::make_shared<ParquetFile>();
  pf->reader = std::make_shared<parquet::ParquetReader>(std::move(handle));
  // Table columns match file columns by name (case-insensitive), as Athena
  // does for Parquet; columns missing from the file read as NULL.
  const auto& names = pf->reader->column_names();
  std::map<std::string, size_t> by_name;
  for (size_t fc = names.size(); fc-- > 0;) by_name[AsciiLower(names[fc])] = fc;
  std::map<size_t, size_t> file_column_of;  // table data column → file column
  pf->position.assign(data_projection_.size(), -1);
  for (size_t k = 0; k < data_projection_.size(); ++k) {
    auto it = by_name.find(AsciiLower(spec_.column_names[data_projection_[k]]));
    if (it == by_name.end()) continue;
    pf->position[k] = static_cast<int>(pf->file_columns.size());
    pf->file_columns.push_back(it->second);
  }
  for (const RangePredicate& p : spec_.range_predicates) {
    auto it = by_name.find(AsciiLower(spec_.column_names[p.column]));
    if (it == by_name.end()) {
      // The column reads as NULL everywhere in this file.
      if (p.op != RangePredicate::Op::kIsNull) pf->matches_nothing = true;
      continue;
    }
    RangePredicate q = p;
    q.column = it->second;
    pf->predicates.push_back(std::move(q));
  }
  return pf;
}

void PhysicalTableScan::ConvertParquetBatch(LocalState& local) const {
  auto& l = static_cast<ScanLocal&>(local);
  const size_t n = l.parquet_batch.size();
  l.data.Reset();
  for (size_t k = 0; k < data_projection_.size(); ++k) {
    Vector& dst = l.data.column(k);
    if (dst.capacity() < n) dst.Reserve(n, 0);
    const int pos = l.parquet->position[k];
    if (pos < 0) {
      for (size_t r = 0; r < n; ++r) dst.SetNull(r);
      continue;
    }
    Vector& src = l.parquet_batch.column(static_cast<size_t>(pos));
    if (src.type() == dst.type()) {
      std::swap(dst, src);
    } else if (src.type().IsStringLike() && dst.type().IsStringLike()) {
      // A binary column read as a string column, as Hive reads it.
      function::ReinterpretStrings(src, dst, n);
    } else {
      function::CastVector(src, dst, n, false);
    }
  }
  l.data.SetSize(n);
}

}  // namespace sluice::exec
