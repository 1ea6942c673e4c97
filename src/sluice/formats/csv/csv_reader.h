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
// starting at 0 skips a UTF-8 BOM and skip_header_lines lines. A '\n' inside
// a quoted field cannot be told from a row end without reading from the
// file's start, so a later split's first row is a guess: the reader skips
// candidate row starts whose first line looks like the end of a quoted field,
// and reports where its rows started and ended (first_row_offset,
// next_row_offset) so that the scan can check the guesses against the rows
// of the split before (csv::SplitsAligned) and read the file again unsplit
// when one was wrong. Files without embedded newlines never need that.
//
// The last skip_footer_lines physical lines of each file are dropped: a row
// is only returned once that many lines follow it (any split may read past
// its end to see them). Rows whose field count differs from the declared
// columns are handled as options.malformed_rows says (Hive's padding, an
// error, or skipped and counted in rows_skipped()).
//
// Compressed files (gzip, zstd, bzip2, lz4, snappy, deflate: by extension,
// or by their magic bytes, which costs a 10-byte read per split, for all but
// deflate and Hadoop's block formats) are streamed through a decompressor and
// must be one split; a split of one that does not start at 0 is empty.
//
// Memory is a few blocks of input (1 MiB each) whatever the file size. VARCHAR
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
  // Malformed rows dropped so far (MalformedRows::kSkip).
  uint64_t rows_skipped() const { return rows_skipped_; }

  // Once Next has returned false: the file offset of the first row this
  // split took as its own (kNoRowStart when it found none), and that of the
  // first row after its rows (the file's size when it read to the end). A
  // later split's start is a guess when quoted fields hold line breaks;
  // csv::SplitsAligned checks the guesses against these.
  static constexpr uint64_t kNoRowStart = UINT64_MAX;
  uint64_t first_row_offset() const { return first_row_offset_; }
  uint64_t next_row_offset() const { return next_row_offset_; }

 private:
  void Start();
  void StartCompressed();
  void StartRaw();
  // Skips the BOM and the header lines at the start of the file.
  void SkipFileHead();
  // Moves pos_ to the first row start of a split that starts mid-file;
  // false when there is none before the split's end.
  bool SeekFirstRow();
  // Whether the line starting at block position `line` looks like the rest
  // of a quoted field that holds a line break.
  bool LooksInsideQuotes(size_t line) const;
  // End offset of the header lines (for splits that may start inside them).
  uint64_t HeaderEnd() const;
  size_t StopAt() const;
  void ParseColumns(DataChunk& out, size_t offset);
  // Applies options_.malformed_rows to the field counts of the rows just
  // tokenized: throws, or drops the rows that do not match.
  void CheckFieldCounts();
  // Skips the physical line containing block position `from` (a row that
  // cannot be tokenized) and counts it.
  void SkipLine(size_t from);
  // Block position from which rows may be footer lines.
  size_t FooterStop() const;

  // "file:12" (the line of the row at block position pos) when the line is
  // known, else "file (row at byte N)".
  std::string Where(size_t pos) const;
  [[noreturn]] void ThrowBadValue(size_t output_column, size_t row) const;
  [[noreturn]] void ThrowWrongFieldCount(size_t row) const;
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
  uint64_t rows_skipped_ = 0;
  uint64_t first_row_offset_ = kNoRowStart;
  uint64_t next_row_offset_ = kNoRowStart;
};

}  // namespace sluice::csv
