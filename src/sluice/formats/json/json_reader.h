#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/csv/block_stream.h"
#include "sluice/formats/csv/csv_split.h"
#include "sluice/formats/json/json_options.h"
#include "sluice/formats/json/json_row_decoder.h"
#include "sluice/storage/file_system.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::json {

// Reads the rows of one split of a JSON Lines file (one object per line, as
// Athena's JSON SerDes read text files) straight into typed vectors.
//
// Splits, blocks and compression are the CSV layer's (csv::CsvSplit,
// csv::PlanSplits, csv::BlockStream): JSON Lines has no raw newline inside a
// value, so a line that starts in [split.start, split.end) belongs to the
// split whatever the boundaries, and a later split skips to the first byte
// after a '\n' at or after start - 1. The split at 0 skips a UTF-8 BOM.
// Compressed files (every codec the CSV reader knows, by name or magic
// bytes) are one split.
//
// Blank lines are skipped, a '\r' before the '\n' is dropped. A line that is
// not a JSON object is a HIVE_BAD_DATA error naming file:line, or with
// ignore_malformed a row of NULLs. Memory is a few blocks of input whatever
// the file size. One thread; readers of different splits (sharing the
// RandomAccessFile) run concurrently.
class JsonReader {
 public:
  // file_columns / column_names: the declared types and names of all columns
  // of the table; projection: the columns to output, in output order (may be
  // empty: only the row count matters).
  JsonReader(std::shared_ptr<RandomAccessFile> file, csv::CsvSplit split, JsonOptions options,
             std::vector<LogicalType> file_columns, std::vector<std::string> column_names,
             std::vector<size_t> projection);
  ~JsonReader();

  // Tests use tiny blocks to exercise lines straddling block boundaries.
  void SetBlockSizeForTesting(size_t bytes) { block_size_ = bytes > 0 ? bytes : 1; }

  // Resets `out` (initialised with the projected types) and fills it with up
  // to kVectorSize rows; false when the split is exhausted (out.size() == 0
  // then).
  bool Next(DataChunk& out);
  uint64_t rows_read() const { return rows_read_; }

 private:
  void Start();
  void StartRaw();
  void StartCompressed();
  // Moves pos_ to the first line start of a split that starts mid-file;
  // false when there is none before the split's end.
  bool SeekFirstLine();
  // Decodes the line data()[begin, end) into row `row`; false when it is
  // blank and gives no row.
  bool ReadLine(size_t begin, size_t end, DataChunk& out, size_t row);
  // Keeps the current block alive in the VARCHAR outputs (they may point
  // into it) once per block and chunk.
  void HoldBlock(DataChunk& out);

  // "file:12": the line at block position pos.
  std::string Where(size_t pos) const;
  [[noreturn]] void ThrowMalformed(size_t pos, const std::string& what) const;
  [[noreturn]] void ThrowBadValue(size_t pos, const DecodeProblem& problem) const;
  [[noreturn]] void ThrowLineTooLong(size_t pos) const;

  std::shared_ptr<RandomAccessFile> file_;
  csv::CsvSplit split_;
  JsonOptions options_;
  std::vector<LogicalType> file_columns_;
  std::vector<std::string> column_names_;
  std::vector<size_t> projection_;
  JsonRowDecoder decoder_;
  std::unique_ptr<csv::BlockStream> input_;
  csv::Compression compression_ = csv::Compression::kNone;
  size_t block_size_ = csv::BlockStream::kDefaultBlockSize;
  size_t pos_ = 0;                 // next line start in the current block
  uint64_t stop_at_ = UINT64_MAX;  // stream offset where the split's lines end
  bool block_held_ = false;
  bool has_varchar_ = false;
  bool started_ = false;
  bool finished_ = false;
  uint64_t rows_read_ = 0;
};

}  // namespace sluice::json
