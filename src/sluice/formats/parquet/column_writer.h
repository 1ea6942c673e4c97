#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sluice/formats/parquet/parquet_metadata.h"
#include "sluice/formats/parquet/parquet_writer.h"
#include "sluice/types/decimal.h"
#include "sluice/vector/vector.h"

namespace sluice::parquet {

// Buffers one column of the current row group and encodes it into pages.
// Non-null values are kept already PLAIN-encoded (fixed-width types) or
// dictionary-encoded (strings, until the dictionary outgrows its limit).
class ColumnWriter {
 public:
  ColumnWriter(std::string name, LogicalType type);

  void Append(const Vector& v, size_t count);
  size_t buffered_bytes() const;
  size_t rows() const { return defs_.size(); }

  // Writes the buffered row group's pages to `out` (starting at file offset
  // `offset`, advanced), returns the chunk's metadata and resets.
  ColumnChunk Flush(OutputStream& out, uint64_t& offset, const WriterOptions& options);
  SchemaElement Schema() const;

 private:
  static constexpr size_t kMaxDictionaryBytes = 1 << 20;

  void AppendStrings(const Vector& v, size_t count);
  // DECIMAL wider than 18 digits: big-endian two's complement of width_ bytes.
  void AppendWideDecimals(const Vector& v, size_t count);
  // Records one row's definition level; true when it has a value to append.
  bool AppendDefinition(bool is_null) {
    defs_.push_back(is_null ? 0 : 1);
    null_count_ += is_null;
    return !is_null;
  }
  void FallBackToPlain();
  void UpdateStringStats(std::string_view s);
  uint32_t DictionaryIndex(std::string_view s, uint64_t hash);
  std::string EncodeStatistic(bool max) const;

  std::string name_;
  LogicalType type_;
  PhysicalType physical_;
  size_t width_;  // bytes per PLAIN value (fixed-width types, FIXED_LEN_BYTE_ARRAY)

  std::vector<uint32_t> defs_;   // 1 = value present, 0 = NULL, one per row
  int64_t null_count_ = 0;
  std::string plain_;            // PLAIN-encoded non-null values

  // Strings in dictionary mode.
  bool dictionary_mode_ = false;
  std::string dict_plain_;              // PLAIN-encoded dictionary (the dictionary page)
  std::vector<uint32_t> dict_offsets_;  // start of each entry's length prefix
  std::vector<uint64_t> dict_slots_;    // (hash << 32 | index+1), 0 = empty
  std::vector<uint32_t> indices_;       // per non-null value
  std::vector<uint64_t> hashes_;        // scratch: hashes of the batch being appended

  // Statistics of the row group.
  bool has_stats_ = false;
  int64_t min_int_ = 0, max_int_ = 0;
  double min_double_ = 0, max_double_ = 0;
  std::string min_string_, max_string_;
  Int128 min_wide_ = 0, max_wide_ = 0;  // wide decimals
};

}  // namespace sluice::parquet
