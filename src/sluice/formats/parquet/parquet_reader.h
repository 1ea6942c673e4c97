#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/parquet/parquet_metadata.h"
#include "sluice/storage/file_system.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::parquet {

// Statistics of one column chunk, typed as the column; null Values = unknown.
struct ColumnChunkStats {
  Value min, max;
  int64_t null_count = -1;
};

// Reads a Parquet file's flat columns. The footer is read and validated on
// construction; metadata is immutable afterwards, so ReadRowGroup may run on
// several threads at once for different row groups. Malformed input throws
// SluiceError(kCorruptFile) naming the file; it never crashes.
class ParquetReader {
 public:
  explicit ParquetReader(std::shared_ptr<RandomAccessFile> file);

  const std::vector<std::string>& column_names() const { return names_; }
  // kInvalid for columns whose type sluice cannot read (reading them fails
  // with a message naming the column).
  const std::vector<LogicalType>& column_types() const { return types_; }
  size_t num_row_groups() const { return meta_.row_groups.size(); }
  int64_t num_rows() const { return meta_.num_rows; }
  int64_t row_group_num_rows(size_t rg) const { return meta_.row_groups[rg].num_rows; }
  ColumnChunkStats column_stats(size_t rg, size_t column) const;

  // Reads the given columns of one row group and calls `emit` with batches of
  // at most kVectorSize rows (columns in the requested order). Only the
  // needed column chunks are read.
  void ReadRowGroup(size_t rg, const std::vector<size_t>& columns,
                    const std::function<void(DataChunk&)>& emit) const;

 private:
  struct ColumnInfo {
    size_t leaf = 0;              // index among the file's leaf columns
    const SchemaElement* element = nullptr;
    bool optional = true;
    std::string unsupported;      // why it cannot be read, "" when it can
  };
  void ReadColumnChunk(size_t rg, size_t column, size_t rows, Vector& out) const;
  [[noreturn]] void Corrupt(const std::string& what) const;

  std::shared_ptr<RandomAccessFile> file_;
  FileMetaData meta_;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  std::vector<ColumnInfo> columns_;
};

}  // namespace sluice::parquet
