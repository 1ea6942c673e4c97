#pragma once

#include <string>
#include <vector>

#include "sluice/exec/physical_operator.h"
#include "sluice/formats/csv/csv_reader.h"
#include "sluice/formats/json/json_options.h"
#include "sluice/sql/planner/logical_operator.h"
#include "sluice/storage/file_system.h"

namespace sluice::exec {

enum class FileFormat { kCsv, kParquet, kJson };

// One data file of a scan and the values of its partition keys.
struct ScanFile {
  std::string path;
  uint64_t size = 0;
  std::vector<Value> partition_values;  // typed, in partition-column order
};

// Everything a scan needs, resolved at planning time.
struct TableScanSpec {
  std::string table_name;  // "db.table", for messages
  FileFormat format = FileFormat::kCsv;
  csv::CsvOptions csv_options;
  json::JsonOptions json_options;  // kJson
  std::vector<std::string> column_names;  // all data columns of the table
  std::vector<LogicalType> column_types;
  std::vector<planner::ScanColumn> columns;  // what to output, in order
  std::vector<ScanFile> files;
  // Conjuncts of the filter above on data columns (column = index into
  // column_names): Parquet row groups and pages they rule out are skipped.
  std::vector<RangePredicate> range_predicates;
  uint64_t split_bytes = 64ull << 20;  // target size of a CSV split
};

struct ParquetFile;

// Reads a table's files. Work units are CSV byte ranges and Parquet row
// groups, handed out to workers one at a time (morsels), so a scan uses every
// core whether it reads many small files or one large one.
class PhysicalTableScan final : public PhysicalOperator {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, TableScanSpec spec);
  std::string Name() const override { return "TableScan"; }
  std::string Details() const override;
  // The files' bytes; for Parquet only the share of the columns read.
  double EstimatedBytes() const override;
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalState> InitGlobalSource(QueryContext& ctx) override;
  std::unique_ptr<LocalState> InitLocalSource(QueryContext& ctx, GlobalState& global) override;
  SourceResult GetData(QueryContext& ctx, DataChunk& out, GlobalState& global,
                       LocalState& local) override;

 private:
  // Records where a finished CSV split's rows began and ended; once every
  // split of its file is in, checks them and asks for a rerun if they missed
  // or repeated rows.
  void FinishCsvSplit(GlobalState& global, LocalState& local) const;
  // Reads a Parquet file's footer and matches its columns and the range
  // predicates to the table's.
  std::shared_ptr<const ParquetFile> OpenParquetFile(std::shared_ptr<RandomAccessFile> handle) const;
  // The worker's Parquet batch, in the table's types, into its read batch.
  void ConvertParquetBatch(LocalState& local) const;

  TableScanSpec spec_;
  std::vector<size_t> data_projection_;  // data columns to read, in read order
  // Per output column: its position in the read batch, and whether no other
  // output column reads the same data column (then the vector is moved).
  std::vector<size_t> read_slot_;
  std::vector<bool> read_is_sole_use_;
};

}  // namespace sluice::exec
