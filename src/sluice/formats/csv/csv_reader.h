#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/csv/byte_source.h"
#include "sluice/formats/csv/csv_options.h"
#include "sluice/formats/csv/csv_split.h"
#include "sluice/storage/file_system.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::csv {

// Reads the rows of one split straight into typed vectors. One thread; many
// readers on different splits run concurrently. Memory is bounded by a few
// blocks of input, whatever the file size. String values point into the
// input blocks (kept alive by the output vectors), so unquoted text is never
// copied.
class CsvReader {
 public:
  // file_columns: the declared types of all columns of the file, in order;
  // projection: the file columns to output, in output order (may be empty).
  CsvReader(std::shared_ptr<RandomAccessFile> file, CsvSplit split, CsvOptions options,
            std::vector<LogicalType> file_columns, std::vector<size_t> projection);
  ~CsvReader();

  // Optional column names, used in error messages.
  void SetColumnNames(std::vector<std::string> names) { column_names_ = std::move(names); }

  // Fills `out` (initialised with the projected types) with up to kVectorSize
  // rows; false when the split is exhausted (out.size() == 0 then).
  bool Next(DataChunk& out);
  uint64_t rows_read() const { return rows_read_; }

 private:
  struct Block;
  bool Refill(size_t keep_from);
  // Parses one row at pos_ into row `row` of `out` (or skips it when out is
  // null). Returns false when more input is needed to finish the row.
  bool ParseRow(DataChunk* out, size_t row, bool* blank);
  void StoreField(DataChunk& out, size_t row, size_t column, const char* data, size_t size,
                  bool needs_unescape);
  [[noreturn]] void BadValue(size_t column, std::string_view value, const std::string& why) const;
  std::string Where() const;

  std::shared_ptr<RandomAccessFile> file_;
  CsvSplit split_;
  CsvOptions options_;
  std::vector<LogicalType> file_columns_;
  std::vector<std::string> column_names_;
  std::vector<int> output_of_;  // file column → output column, -1 if unused
  std::unique_ptr<ByteSource> source_;
  bool source_done_ = false;
  std::shared_ptr<Block> block_;
  size_t pos_ = 0;                 // parse position in block_
  uint64_t block_offset_ = 0;      // file offset of block_[0] (uncompressed files)
  bool compressed_ = false;
  bool started_ = false;
  bool finished_ = false;
  uint64_t line_ = 1;              // line of the current row (exact in the first split)
  uint64_t rows_read_ = 0;
  size_t field_index_ = 0;         // for error messages
  std::vector<uint8_t> seen_;      // per output column: set in this row
  const Block* attached_ = nullptr;
};

}  // namespace sluice::csv
