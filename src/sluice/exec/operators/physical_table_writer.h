#pragma once

#include <string>
#include <vector>

#include "sluice/exec/physical_operator.h"
#include "sluice/formats/parquet/parquet_writer.h"

namespace sluice::exec {

// One file a write produced, in its staging place.
struct WrittenFile {
  std::string staged_path;                    // under the staging prefix
  std::string relative_path;                  // "date=2022-08-01/<name>.parquet"
  std::vector<std::string> partition_values;  // as text, Hive-escaped in the path only
  uint64_t rows = 0;
  uint64_t bytes = 0;
};

struct TableWriteSpec {
  std::string staging_dir;  // <table location>/_sluice_staging/<query id>
  std::string file_prefix;  // the query id: file names carry it
  std::vector<std::string> column_names;   // data columns written to files
  std::vector<size_t> data_columns;        // their input columns
  std::vector<std::string> partition_names;
  std::vector<size_t> partition_columns;   // input columns of the partition keys
  parquet::WriterOptions writer_options;
  // Buffered bytes per worker beyond which the largest open file flushes its
  // row group, so a write with many partitions stays in bounded memory
  // (the session's sluice.write.buffer_memory over the worker threads).
  size_t memory_budget_per_worker = 256ull << 20;
};

// The sink of CTAS / INSERT: splits rows by partition values and writes each
// partition's rows to Parquet files under the staging prefix. Each worker has
// its own open file per partition (parallel encoding, no locks on the hot
// path). Publishing the staged files is the committer's job, after the whole
// statement succeeded.
class PhysicalTableWriter final : public PhysicalOperator {
 public:
  PhysicalTableWriter(std::vector<LogicalType> input_types, TableWriteSpec spec)
      : PhysicalOperator(std::move(input_types)), spec_(std::move(spec)) {}
  std::string Name() const override { return "TableWriter"; }
  std::string Details() const override;
  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalState> InitGlobalSink(QueryContext& ctx) override;
  std::unique_ptr<LocalState> InitLocalSink(QueryContext& ctx, GlobalState& global) override;
  SinkResult Sink(QueryContext& ctx, DataChunk& input, GlobalState& global,
                  LocalState& local) override;
  void Combine(QueryContext& ctx, GlobalState& global, LocalState& local) override;

  // After execution: every file written.
  std::vector<WrittenFile> TakeWrittenFiles();

 private:
  TableWriteSpec spec_;
};

}  // namespace sluice::exec
