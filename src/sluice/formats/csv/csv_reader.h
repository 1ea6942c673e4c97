#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/csv/block_stream.h"
#include "sluice/formats/csv/csv_options.h"
#include "sluice/formats/csv/csv_split.h"
#include "sluice/formats/csv/csv_tokenizer.h"
#include "sluice/formats/csv/csv_value_parser.h"
#include "sluice/storage/file_system.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::csv {

// Reads the rows of one split straight into typed vectors.
//
// Rows that start in [split.start, split.end) belong to the split: a split
// that starts mid-file skips to the first byte after a '\n' at or after
// start - 1, and the last row is read to its end past split.end. The split
// starting at 0 skips a UTF-8 BOM and skip_header_lines lines. Limitation: a
// '\n' inside a quoted field cannot be told from a row end without reading
// from the file's start, so a split boundary that falls inside a multi-line
// quoted field yields wrong rows; read such files as one split each
// (PlanSplits with target_bytes 0). Files without embedded newlines give the
// same rows whatever the splits.
//
// Compressed files (.gz, .zst by name, or by their magic bytes, which costs
// a 4-byte read per split) are streamed through a decompressor and must be
// one split; a split of one that does not start at 0 is empty.
//
// Memory is a few blocks of input (8 MiB) whatever the file size. VARCHAR
// values point into the blocks, which the output vectors keep alive, so text
// is never copied unless quotes or escapes must be removed.
//
// One thread; readers of different splits (sharing the RandomAccessFile) run
// concurrently.
class CsvReader {
 public:
  // file_columns: the declared types of all columns of the file, in order;
  // projection: the file columns to output, in output order (may be empty:
  // only the row count matters).
  CsvReader(std::shared_ptr<RandomAccessFile> file, CsvSplit split, CsvOptions options,
            std::vector<LogicalType> file_columns, std::vector<size_t> projection);
  ~CsvReader();

  // Optional names of the file columns, used in error messages.
  void SetColumnNames(std::vector<std::string> names) { column_names_ = std::move(names); }
  // Tests use tiny blocks to exercise rows straddling block boundaries.
  void SetBlockSizeForTesting(size_t bytes) { block_size_ = bytes > 0 ? bytes : 1; }

  // Resets `out` (initialised with the projected types) and fills it with up
  // to kVectorSize rows; false when the split is exhausted (out.size() == 0
  // then).
  bool Next(DataChunk& out);
  uint64_t rows_read() const { return rows_read_; }

 private:
  void Start();
  void StartCompressed();
  void StartRaw();
  // Skips the BOM and the header lines at the start of the file.
  void SkipFileHead();
  // Moves pos_ to the first row start of a split that starts mid-file;
  // false when there is none before the split's end.
  bool SeekFirstRow();
  // End offset of the header lines (for splits that may start inside them).
  uint64_t HeaderEnd() const;
  size_t StopAt() const;
  void ParseColumns(DataChunk& out, size_t offset);

  // "file:12" (the line of the row at block position pos) when the line is
  // known, else "file (row at byte N)".
  std::string Where(size_t pos) const;
  [[noreturn]] void ThrowBadValue(size_t output_column, size_t row) const;
  [[noreturn]] void ThrowUnterminatedQuote(size_t pos) const;
  [[noreturn]] void ThrowRowTooLong(size_t pos) const;

  std::shared_ptr<RandomAccessFile> file_;
  CsvSplit split_;
  CsvOptions options_;
  std::vector<LogicalType> file_columns_;
  std::vector<size_t> projection_;
  std::vector<std::string> column_names_;
  CsvTokenizer tokenizer_;
  RowBounds rows_;
  std::vector<CsvColumnParser> parsers_;  // one per output column
  std::unique_ptr<BlockStream> input_;
  Compression compression_ = Compression::kNone;
  size_t block_size_ = BlockStream::kDefaultBlockSize;
  size_t pos_ = 0;                       // next row start in the current block
  uint64_t stop_at_ = UINT64_MAX;        // stream offset where the split's rows end
  bool started_ = false;
  bool finished_ = false;
  uint64_t rows_read_ = 0;
};

}  // namespace sluice::csv
