#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sluice/formats/parquet/thrift_compact.h"

namespace sluice::parquet {

// The parts of parquet.thrift sluice reads and writes, with the thrift field
// ids as the format defines them.
enum PhysicalType : int32_t {
  kBooleanType = 0, kInt32Type = 1, kInt64Type = 2, kInt96Type = 3, kFloatType = 4,
  kDoubleType = 5, kByteArrayType = 6, kFixedLenByteArrayType = 7,
};
enum ConvertedType : int32_t {
  kUtf8 = 0, kMapConverted = 1, kMapKeyValue = 2, kListConverted = 3, kEnumConverted = 4,
  kDecimalConverted = 5, kDateConverted = 6, kTimeMillis = 7, kTimeMicros = 8, kTimestampMillis = 9,
  kTimestampMicros = 10, kUint8 = 11, kUint16 = 12, kUint32 = 13, kUint64 = 14, kInt8 = 15,
  kInt16 = 16, kInt32 = 17, kInt64 = 18, kJson = 19, kBson = 20, kIntervalConverted = 21,
};
enum Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };
enum BoundaryOrder : int32_t { kUnordered = 0, kAscending = 1, kDescending = 2 };
enum Encoding : int32_t {
  kPlain = 0, kPlainDictionary = 2, kRle = 3, kBitPacked = 4, kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6, kDeltaByteArray = 7, kRleDictionary = 8, kByteStreamSplit = 9,
};
enum PageType : int32_t { kDataPage = 0, kIndexPage = 1, kDictionaryPage = 2, kDataPageV2 = 3 };

struct Statistics {
  std::optional<std::string> min_value, max_value;
  // Deprecated min/max (fields 1, 2): signed byte order, so only trusted for numbers.
  std::optional<std::string> legacy_min, legacy_max;
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
};

// LogicalType union, flattened to what readers need.
struct LogicalTypeInfo {
  enum Kind {
    kNone, kString, kMap, kList, kEnum, kDecimal, kDate, kTime, kTimestamp, kInteger, kNull,
    kJson, kBson, kUuid, kFloat16, kOther,
  } kind = kNone;
  int time_unit = 0;  // timestamps: 1 millis, 2 micros, 3 nanos
  bool utc = false;
  int bit_width = 0;  // integers
  bool is_signed = true;
  int scale = 0, precision = 0;  // decimals
};

struct SchemaElement {
  std::optional<int32_t> type;
  std::optional<int32_t> type_length;
  std::optional<int32_t> repetition;  // 0 required, 1 optional, 2 repeated
  std::string name;
  std::optional<int32_t> num_children;
  std::optional<int32_t> converted_type;
  std::optional<int32_t> scale, precision;
  LogicalTypeInfo logical;
};

struct ColumnMetaData {
  int32_t type = 0;
  std::vector<int32_t> encodings;
  std::vector<std::string> path;
  int32_t codec = 0;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> dictionary_page_offset;
  Statistics statistics;
};

struct ColumnChunk {
  int64_t file_offset = 0;
  ColumnMetaData meta;
  // The page index of the chunk (written after the row groups), when present.
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;
};

// Page index: where each data page is and which rows it holds...
struct PageLocation {
  int64_t offset = 0;
  int32_t compressed_page_size = 0;  // including the page header
  int64_t first_row_index = 0;       // within the row group
};
struct OffsetIndex {
  std::vector<PageLocation> page_locations;
};
// ...and each page's min/max (encoded like Statistics' min_value/max_value).
struct ColumnIndex {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values, max_values;
  int32_t boundary_order = kUnordered;
  std::vector<int64_t> null_counts;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  int64_t file_offset = 0;
  int64_t total_compressed_size = 0;
  int16_t ordinal = 0;
};

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<std::pair<std::string, std::string>> key_value;
  std::string created_by;
};

struct DataPageHeaderInfo {
  int32_t num_values = 0;
  int32_t encoding = 0;
  int32_t definition_level_encoding = kRle;  // v1
  int32_t repetition_level_encoding = kRle;  // v1
  int32_t num_nulls = 0;                 // v2
  int32_t num_rows = 0;                  // v2
  int32_t definition_levels_length = 0;  // v2
  int32_t repetition_levels_length = 0;  // v2
  bool is_compressed = true;             // v2
  Statistics statistics;                 // optional per-page statistics
};

struct PageHeader {
  int32_t type = 0;
  int32_t uncompressed_size = 0;
  int32_t compressed_size = 0;
  DataPageHeaderInfo data;        // DATA_PAGE and DATA_PAGE_V2
  int32_t dictionary_num_values = 0;
  int32_t dictionary_encoding = 0;
};

void WriteFileMetaData(const FileMetaData& meta, CompactWriter& w);
void WritePageHeader(const PageHeader& header, CompactWriter& w);
void WriteOffsetIndex(const OffsetIndex& index, CompactWriter& w);
void WriteColumnIndex(const ColumnIndex& index, CompactWriter& w);

FileMetaData ReadFileMetaData(CompactReader& r);
PageHeader ReadPageHeader(CompactReader& r);
OffsetIndex ReadOffsetIndex(CompactReader& r);
ColumnIndex ReadColumnIndex(CompactReader& r);

}  // namespace sluice::parquet
