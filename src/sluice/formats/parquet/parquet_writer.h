#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/parquet/compression.h"
#include "sluice/storage/file_system.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::parquet {

struct WriterOptions {
  Codec codec = Codec::kSnappy;
  int compression_level = 0;                 // 0 = codec default
  size_t row_group_size_rows = 1'000'000;   // flush a row group at this many rows...
  size_t row_group_size_bytes = 128 << 20;  // ...or this many buffered bytes
  size_t page_size_bytes = 1 << 20;         // pages of about this many value bytes...
  size_t page_row_limit = 20'000;           // ...and at most this many rows (finer page index)
  int page_version = 1;                     // 1: DATA_PAGE, 2: DATA_PAGE_V2
  bool dictionary = true;                   // dictionary-encode where it pays
  std::string created_by = "sluice version 0.1.0";
};

class ColumnWriter;

// Writes one Parquet file. Columns are buffered per row group (dictionary-
// encoded as they arrive while that pays) and encoded into pages when the
// row group is flushed; the page index (ColumnIndex, OffsetIndex) of every
// chunk goes before the footer. One thread at a time.
class ParquetWriter {
 public:
  ParquetWriter(std::unique_ptr<OutputStream> out, std::vector<std::string> column_names,
                std::vector<LogicalType> column_types, WriterOptions options = {});
  ~ParquetWriter();

  // Appends a batch (columns in constructor order); copies what it keeps.
  void Write(const DataChunk& chunk);
  // Ends the current row group now.
  void FlushRowGroup();
  // Under memory pressure: ends the row group and frees the buffers kept
  // for the next one.
  void FlushAndRelease();
  // Flushes, writes the footer and publishes the file.
  void Close();
  // Discards everything; nothing becomes visible.
  void Abort();

  uint64_t rows_written() const { return rows_written_; }
  uint64_t bytes_written() const;
  size_t buffered_bytes() const;  // the row group's values, toward its size target
  size_t memory_bytes() const;    // memory the buffers hold, for memory budgets

 private:
  std::unique_ptr<OutputStream> out_;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  WriterOptions options_;
  std::vector<std::unique_ptr<ColumnWriter>> columns_;
  struct Footer;
  std::unique_ptr<Footer> footer_;
  uint64_t rows_written_ = 0;
  size_t rows_in_group_ = 0;
  uint64_t offset_ = 0;  // bytes written to the stream
  bool closed_ = false;
};

}  // namespace sluice::parquet
