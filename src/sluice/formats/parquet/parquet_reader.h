#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/parquet/parquet_metadata.h"
#include "sluice/formats/parquet/parquet_schema.h"
#include "sluice/storage/file_system.h"
#include "sluice/types/range_predicate.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::parquet {

// Statistics of one column chunk, typed as the column; null Values = unknown.
struct ColumnChunkStats {
  Value min, max;
  int64_t null_count = -1;
};

// Rows [begin, end) of a row group.
struct RowRange {
  size_t begin = 0, end = 0;
};

class ColumnChunkReader;
class NestedAssembler;

// Streams the selected rows of one row group in batches of at most
// kVectorSize rows. Holds the row group's needed column chunks (compressed)
// and one decoded page per column.
class RowGroupReader {
 public:
  ~RowGroupReader();
  // The next batch (columns in the requested order, `out` typed by
  // ParquetReader::column_types); false when the selection is exhausted.
  bool Next(DataChunk& out);

 private:
  friend class ParquetReader;
  RowGroupReader() = default;

  struct Column {
    bool nested = false;
    std::vector<std::unique_ptr<ColumnChunkReader>> leaves;  // one unless nested
    std::shared_ptr<NestedAssembler> assembler;
  };
  void Skip(size_t rows);
  std::vector<Column> columns_;
  std::vector<RowRange> ranges_;
  size_t range_ = 0;
  size_t position_ = 0;  // next row the column readers are at
};

// Reads a Parquet file. The footer is read and validated on construction;
// metadata is immutable afterwards, so row groups may be read on several
// threads at once. Malformed input throws SluiceError(kCorruptFile) naming
// the file; it never crashes.
class ParquetReader {
 public:
  explicit ParquetReader(std::shared_ptr<RandomAccessFile> file);
  ~ParquetReader();

  const std::string& path() const { return file_->path(); }
  const FileMetaData& metadata() const { return meta_; }
  // Top-level fields. Nested ones (STRUCT, LIST, MAP) read as VARCHAR JSON
  // text; types sluice cannot read are kInvalid (reading them fails with a
  // message naming the column and why).
  const std::vector<std::string>& column_names() const { return names_; }
  const std::vector<LogicalType>& column_types() const { return types_; }
  const std::string& unsupported_reason(size_t column) const { return schema_.columns[column].unsupported; }
  size_t num_row_groups() const { return meta_.row_groups.size(); }
  int64_t num_rows() const { return meta_.num_rows; }
  int64_t row_group_num_rows(size_t rg) const { return meta_.row_groups[rg].num_rows; }
  ColumnChunkStats column_stats(size_t rg, size_t column) const;

  // Whether row group `rg` may hold rows satisfying every predicate (their
  // `column` is an index into column_names()), from its statistics.
  bool RowGroupMayMatch(size_t rg, const std::vector<RangePredicate>& predicates) const;
  // The rows of `rg` that may satisfy every predicate, from the page index
  // of the predicates' columns (the whole row group where a column has
  // none). Empty when none can. Reads the page indexes.
  std::vector<RowRange> MatchingRows(size_t rg, const std::vector<RangePredicate>& predicates) const;

  // Opens one row group for reading `columns` (indexes into column_names())
  // over `rows` (the whole row group when empty). Reads the needed column
  // chunks with one ranged read per run of adjacent chunks.
  std::unique_ptr<RowGroupReader> OpenRowGroup(size_t rg, const std::vector<size_t>& columns,
                                               std::vector<RowRange> rows = {}) const;
  // Convenience: every batch of one row group.
  void ReadRowGroup(size_t rg, const std::vector<size_t>& columns,
                    const std::function<void(DataChunk&)>& emit) const;

 private:
  Value DecodeStatistic(const LeafColumn& leaf, const std::string& bytes) const;
  [[noreturn]] void Corrupt(const std::string& what) const;

  std::shared_ptr<RandomAccessFile> file_;
  FileMetaData meta_;
  FileSchema schema_;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
};

}  // namespace sluice::parquet
