#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/parquet/parquet_metadata.h"
#include "sluice/formats/parquet/parquet_schema.h"
#include "sluice/vector/vector.h"

namespace sluice::parquet {

// The bytes of one column chunk, kept alive by `owner` (a buffer that may
// hold several coalesced chunks).
struct ChunkBytes {
  std::shared_ptr<void> owner;
  const uint8_t* data = nullptr;
  size_t size = 0;
};

// A repeated leaf's level entries for some records: one def and one rep
// level per entry, and the entries whose def == max_def as dense values.
struct LeafLevels {
  explicit LeafLevels(LogicalType type) : values(type, kVectorSize) {}
  void Clear() {
    def.clear();
    rep.clear();
    value_count = 0;
    values.Reset();
  }
  std::vector<uint32_t> def, rep;
  Vector values;
  size_t value_count = 0;
};

// Streams one column chunk of a row group: page headers, decompression,
// levels, and values decoded (PLAIN, dictionary, RLE, DELTA_*,
// BYTE_STREAM_SPLIT) straight into the engine's type. Pages are decoded one
// at a time, so memory is one page plus the dictionary. Malformed input
// throws kCorruptFile naming the file and column; never reads out of bounds.
class ColumnChunkReader {
 public:
  ColumnChunkReader(std::string file, const LeafColumn& leaf, const ColumnMetaData& meta, ChunkBytes bytes);
  ~ColumnChunkReader();  // hands its page buffers to the next reader (page_scratch.h)
  ColumnChunkReader(const ColumnChunkReader&) = delete;
  ColumnChunkReader& operator=(const ColumnChunkReader&) = delete;

  const LogicalType& type() const { return leaf_.type; }

  // Flat leaves (max_rep == 0): the next n rows into out[offset, offset+n).
  void Read(size_t n, Vector& out, size_t offset);
  // Flat leaves: passes over n rows; pages wholly inside are not decoded.
  void Skip(size_t n);
  // Repeated leaves: appends the entries of the next `records` records
  // (fewer only at the end of the chunk). With `keep` false they are dropped.
  void ReadRecords(size_t records, LeafLevels& out, bool keep = true);

 private:
  // Reads page headers until a data page, which it decodes; false at the end.
  bool LoadPage();
  void LoadDictionary(const PageHeader& h, std::string_view payload);
  // Decodes `count` values into dst[0, count) (dst sized by the caller).
  void DecodeValues(int32_t encoding, const uint8_t* p, size_t size, size_t count, Vector& dst,
                    const std::shared_ptr<std::string>& page);
  // page_values_ emptied, with room for `count` values.
  void PreparePageValues(size_t count);
  // Dictionary entries indices[...] into out[at, at+n), NULL where defs (if
  // given) is below `present`, codes recorded when given; returns the
  // indices used.
  size_t GatherDictionary(const uint32_t* indices, const uint32_t* defs, uint32_t present, size_t n,
                          Vector& out, size_t at, uint32_t* codes) const;
  void ConvertInt32(const int32_t* v, size_t count, Vector& dst);
  void ConvertInt64(const int64_t* v, size_t count, Vector& dst);
  void ConvertBytes(const StringRef* v, size_t count, Vector& dst);
  // INT32/INT64 decimals, checked against the column's precision.
  template <typename T>
  void StoreDecimals(const T* v, size_t count, Vector& dst);
  std::string Name() const;
  [[noreturn]] void Corrupt(const std::string& what) const;
  [[noreturn]] void Unsupported(const std::string& what) const;

  std::string file_;
  const LeafColumn& leaf_;
  const ColumnMetaData& meta_;
  ChunkBytes bytes_;
  const int32_t physical_;
  const int type_length_;
  size_t pos_ = 0;  // next page header in bytes_

  // The page being read.
  std::vector<uint32_t> defs_, reps_;
  size_t page_entries_ = 0, entry_pos_ = 0;
  bool page_has_nulls_ = false;
  Vector page_values_;        // decoded values, unless page_dictionary_
  bool page_dictionary_ = false;  // values are dictionary entries indices_[...]
  size_t value_pos_ = 0;
  std::shared_ptr<std::string> page_buffer_;  // decompressed page

  std::shared_ptr<Vector> dictionary_;
  size_t dictionary_size_ = 0;
  bool have_dictionary_ = false;

  // Scratch for stored values that need converting.
  std::vector<int32_t> scratch32_;
  std::vector<int64_t> scratch64_;
  std::vector<StringRef> scratch_refs_;
  std::vector<uint32_t> indices_;
};

}  // namespace sluice::parquet
