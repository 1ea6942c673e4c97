#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/formats/parquet/parquet_metadata.h"
#include "sluice/formats/parquet/parquet_writer.h"
#include "sluice/types/decimal.h"
#include "sluice/vector/vector.h"

namespace sluice::parquet {

// One column chunk as written, with its page index.
struct FlushedChunk {
  ColumnChunk chunk;
  ColumnIndex column_index;
  OffsetIndex offset_index;
};

// Buffers one column of the current row group and encodes it into pages
// when the row group is flushed. Non-null values are kept PLAIN-encoded, or
// as indices into a dictionary (every type but BOOLEAN) until the dictionary
// outgrows its limit or stops paying. At flush each page takes the smallest
// of the encodings that apply (PLAIN, DELTA_BINARY_PACKED for integers,
// DELTA_LENGTH_BYTE_ARRAY for strings); statistics (min, max, nulls,
// distinct count when the whole chunk is dictionary-encoded) come per page
// and per chunk.
class ColumnWriter {
 public:
  ColumnWriter(std::string name, LogicalType type, const WriterOptions& options);

  void Append(const Vector& v, size_t count);
  size_t buffered_bytes() const;
  size_t memory_bytes() const;
  // Frees buffer capacity kept from earlier row groups (none buffered now).
  void ReleaseBuffers();
  size_t rows() const { return defs_.size(); }

  // Writes the buffered row group's pages to `out` (starting at file offset
  // `offset`, advanced), returns the chunk's metadata and resets.
  FlushedChunk Flush(OutputStream& out, uint64_t& offset);
  SchemaElement Schema() const;

 private:
  // Past this a dictionary page costs readers more memory than it saves
  // (4 MiB holds ~250k 12-byte keys: a row group of customer ids).
  static constexpr size_t kMaxDictionaryBytes = 4 << 20;

  // The PLAIN bytes of value `i` of the current plain buffer / dictionary.
  std::string_view DictionaryEntry(uint32_t index) const;
  // Whether the dictionary beats PLAIN by 10% on what is buffered.
  bool DictionaryPays() const;
  uint32_t DictionaryIndex(std::string_view plain, uint64_t hash);
  void AppendValue(std::string_view plain, uint64_t hash);
  void FallBackToPlain();
  // Orders PLAIN-encoded values as Parquet's statistics do for the type.
  bool Less(std::string_view a, std::string_view b) const;
  // Statistics bytes of a PLAIN value (strings lose their length prefix).
  std::string StatisticBytes(std::string_view plain, bool is_max, bool truncate) const;

  std::string name_;
  LogicalType type_;
  PhysicalType physical_;
  const WriterOptions& options_;
  size_t width_;  // bytes per PLAIN value (fixed-width types, FIXED_LEN_BYTE_ARRAY); 0 for BYTE_ARRAY

  std::vector<uint8_t> defs_;  // 1 = value present, 0 = NULL, one per row
  int64_t null_count_ = 0;
  std::string plain_;          // PLAIN-encoded non-null values (not in dictionary mode)
  std::vector<uint32_t> plain_offsets_;  // strings: start of each value in plain_
  std::string scratch_;        // one value being encoded

  bool dictionary_mode_ = false;
  std::string dict_plain_;              // PLAIN-encoded dictionary (the dictionary page)
  std::vector<uint32_t> dict_offsets_;  // start of each entry
  std::vector<uint64_t> dict_slots_;    // (hash << 32 | index+1), 0 = empty
  std::vector<uint32_t> indices_;       // per non-null value
  size_t entries_at_last_check_ = 0, values_at_last_check_ = 0;  // when it last checked paying
  std::vector<uint64_t> hashes_;        // scratch: hashes of the batch being appended
  std::vector<std::string> value_scratch_;
};

}  // namespace sluice::parquet
