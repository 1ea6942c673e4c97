#include "sluice/formats/parquet/parquet_reader.h"

#include <cstring>

#include "sluice/common/error.h"
#include "sluice/formats/parquet/compression.h"
#include "sluice/formats/parquet/rle_bit_packing.h"
#include "sluice/types/decimal.h"

namespace sluice::parquet {

namespace {

constexpr uint64_t kMaxFooterBytes = 256ull << 20;
constexpr int64_t kMaxPageBytes = 1ll << 30;

// The engine type for a leaf column, or kInvalid with `why` set.
LogicalType MapType(const SchemaElement& s, std::string& why) {
  int32_t physical = s.type.value_or(-1);
  int32_t converted = s.converted_type.value_or(-1);
  const LogicalTypeInfo& l = s.logical;
  if (l.kind == LogicalTypeInfo::kDecimal || converted == kDecimalConverted) {
    // The LogicalType's parameters win; old writers only set the element's.
    const bool logical = l.kind == LogicalTypeInfo::kDecimal;
    const int precision = logical ? l.precision : s.precision.value_or(0);
    const int scale = logical ? l.scale : s.scale.value_or(0);
    if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision) {
      why = "DECIMAL(" + std::to_string(precision) + ", " + std::to_string(scale) + ") is not a valid decimal type";
      return LogicalType();
    }
    if (physical != kInt32Type && physical != kInt64Type && physical != kFixedLenByteArrayType &&
        physical != kByteArrayType) {
      why = "DECIMAL stored as physical type " + std::to_string(physical) + " is not supported";
      return LogicalType();
    }
    if (physical == kFixedLenByteArrayType && s.type_length.value_or(0) <= 0) {
      why = "DECIMAL as FIXED_LEN_BYTE_ARRAY without a type_length";
      return LogicalType();
    }
    return LogicalType::Decimal(precision, scale);
  }
  switch (physical) {
    case kBooleanType: return LogicalType::Boolean();
    case kInt32Type:
      if (l.kind == LogicalTypeInfo::kDate || converted == kDateConverted) return LogicalType::Date();
      if ((l.kind == LogicalTypeInfo::kInteger && l.bit_width == 8 && l.is_signed) || converted == kInt8) {
        return LogicalType::Tinyint();
      }
      if ((l.kind == LogicalTypeInfo::kInteger && l.bit_width == 16 && l.is_signed) || converted == kInt16) {
        return LogicalType::Smallint();
      }
      if (l.kind == LogicalTypeInfo::kInteger && !l.is_signed) return LogicalType::Bigint();
      return LogicalType::Integer();
    case kInt64Type:
      if (l.kind == LogicalTypeInfo::kTimestamp || converted == kTimestampMillis ||
          converted == kTimestampMicros) {
        return LogicalType::Timestamp();
      }
      if (l.kind == LogicalTypeInfo::kInteger && !l.is_signed) {
        why = "unsigned 64-bit integers are not supported";
        return LogicalType();
      }
      return LogicalType::Bigint();
    case kInt96Type: return LogicalType::Timestamp();
    case kFloatType: return LogicalType::Real();
    case kDoubleType: return LogicalType::Double();
    case kByteArrayType: return LogicalType::Varchar();
    case kFixedLenByteArrayType:
      why = "FIXED_LEN_BYTE_ARRAY columns are not supported yet";
      return LogicalType();
    default:
      why = "unknown physical type " + std::to_string(physical);
      return LogicalType();
  }
}

// A big-endian two's complement integer of `len` bytes (Parquet's DECIMAL
// in FIXED_LEN_BYTE_ARRAY and BYTE_ARRAY). False when it needs more than 128
// bits; an empty value is 0.
bool ReadBigEndianDecimal(const uint8_t* p, size_t len, Int128* out) {
  using UInt128 = unsigned __int128;
  const uint8_t extension = len != 0 && (p[0] & 0x80) ? 0xFF : 0x00;
  for (; len > 16; ++p, --len) {
    if (*p != extension) return false;
  }
  if (len == 16 ? (p[0] & 0x80) != (extension & 0x80) : false) return false;
  UInt128 v = extension ? ~UInt128{0} : 0;
  for (size_t i = 0; i < len; ++i) v = (v << 8) | p[i];
  *out = static_cast<Int128>(v);
  return true;
}

// Microseconds per unit of a stored timestamp.
int64_t TimestampScale(const SchemaElement& s, int64_t* divisor) {
  *divisor = 1;
  int unit = s.logical.kind == LogicalTypeInfo::kTimestamp ? s.logical.time_unit : 0;
  if (unit == 1 || s.converted_type.value_or(-1) == kTimestampMillis) return 1000;
  if (unit == 3) *divisor = 1000;
  return 1;
}

}  // namespace

void ParquetReader::Corrupt(const std::string& what) const {
  throw SluiceError(ErrorCode::kCorruptFile, file_->path() + ": not a valid Parquet file: " + what);
}

ParquetReader::ParquetReader(std::shared_ptr<RandomAccessFile> file) : file_(std::move(file)) {
  uint64_t size = file_->Size();
  if (size < 12) Corrupt("file is " + std::to_string(size) + " bytes, too small");
  char tail[8];
  file_->ReadAt(size - 8, 8, tail);
  if (std::memcmp(tail + 4, "PAR1", 4) != 0) {
    Corrupt(std::memcmp(tail + 4, "PARE", 4) == 0 ? "encrypted files are not supported"
                                                   : "missing PAR1 magic at the end");
  }
  char head[4];
  file_->ReadAt(0, 4, head);
  if (std::memcmp(head, "PAR1", 4) != 0) Corrupt("missing PAR1 magic at the start");
  uint32_t footer_len;
  std::memcpy(&footer_len, tail, 4);
  if (footer_len == 0 || footer_len > size - 12 || footer_len > kMaxFooterBytes) {
    Corrupt("footer length " + std::to_string(footer_len) + " does not fit the file");
  }
  std::string footer(footer_len, '\0');
  file_->ReadAt(size - 8 - footer_len, footer_len, footer.data());
  CompactReader r(reinterpret_cast<const uint8_t*>(footer.data()), footer.size(), file_->path());
  meta_ = ReadFileMetaData(r);
  if (meta_.schema.empty()) Corrupt("empty schema");

  // Walk the schema tree: top-level fields become columns; nested groups are
  // recorded as unsupported so that reading other columns still works.
  size_t next = 1;
  size_t leaf = 0;
  auto count_leaves = [&](auto&& self, size_t& i) -> size_t {
    if (i >= meta_.schema.size()) Corrupt("schema tree is truncated");
    const SchemaElement& e = meta_.schema[i++];
    int32_t children = e.num_children.value_or(0);
    if (children <= 0) return 1;
    if (static_cast<size_t>(children) > meta_.schema.size()) Corrupt("schema has too many children");
    size_t n = 0;
    for (int32_t c = 0; c < children; ++c) n += self(self, i);
    return n;
  };
  int32_t top = meta_.schema[0].num_children.value_or(0);
  for (int32_t t = 0; t < top; ++t) {
    if (next >= meta_.schema.size()) Corrupt("schema tree is truncated");
    const SchemaElement& e = meta_.schema[next];
    ColumnInfo info;
    info.element = &e;
    info.leaf = leaf;
    info.optional = e.repetition.value_or(1) != 0;
    LogicalType type;
    if (e.num_children.value_or(0) > 0 || e.repetition.value_or(1) == 2) {
      info.unsupported = "nested (LIST, MAP or STRUCT) columns are not supported yet";
    } else {
      type = MapType(e, info.unsupported);
    }
    size_t i = next;
    leaf += count_leaves(count_leaves, i);
    next = i;
    names_.push_back(e.name);
    types_.push_back(type);
    columns_.push_back(std::move(info));
  }
  for (const auto& rg : meta_.row_groups) {
    if (rg.columns.size() != leaf) {
      Corrupt("row group has " + std::to_string(rg.columns.size()) + " column chunks, schema has " +
              std::to_string(leaf) + " leaf columns");
    }
    if (rg.num_rows < 0) Corrupt("negative row count");
  }
}

ColumnChunkStats ParquetReader::column_stats(size_t rg, size_t column) const {
  ColumnChunkStats out;
  const ColumnInfo& info = columns_[column];
  LogicalType type = types_[column];
  const ColumnMetaData& md = meta_.row_groups[rg].columns[info.leaf].meta;
  const Statistics& s = md.statistics;
  if (s.null_count) out.null_count = *s.null_count;
  if (type.id() == TypeId::kInvalid) return out;
  auto min = s.min_value, max = s.max_value;
  if (md.type != kByteArrayType) {
    if (!min) min = s.legacy_min;
    if (!max) max = s.legacy_max;
  }
  if (!min || !max) return out;
  auto decode = [&](const std::string& b) -> Value {
    if (type.IsDecimal()) {
      Int128 v;
      if (md.type == kInt32Type && b.size() == 4) {
        int32_t x;
        std::memcpy(&x, b.data(), 4);
        v = x;
      } else if (md.type == kInt64Type && b.size() == 8) {
        int64_t x;
        std::memcpy(&x, b.data(), 8);
        v = x;
      } else if ((md.type != kFixedLenByteArrayType && md.type != kByteArrayType) ||
                 !ReadBigEndianDecimal(reinterpret_cast<const uint8_t*>(b.data()), b.size(), &v)) {
        return Value();
      }
      return DecimalFits(v, type.width()) ? Value::Decimal(type, v) : Value();
    }
    switch (md.type) {
      case kBooleanType: return b.size() >= 1 ? Value::Boolean(b[0] != 0) : Value();
      case kInt32Type: {
        if (b.size() != 4) return Value();
        int32_t v;
        std::memcpy(&v, b.data(), 4);
        if (type.id() == TypeId::kDate) return Value::Date(v);
        return Value::Integer(type, v);
      }
      case kInt64Type: {
        if (b.size() != 8) return Value();
        int64_t v;
        std::memcpy(&v, b.data(), 8);
        if (type.id() == TypeId::kTimestamp) {
          int64_t div;
          int64_t mul = TimestampScale(*info.element, &div);
          return Value::Timestamp(v * mul / div);
        }
        return Value::Bigint(v);
      }
      case kFloatType: {
        if (b.size() != 4) return Value();
        float v;
        std::memcpy(&v, b.data(), 4);
        return Value::Real(v);
      }
      case kDoubleType: {
        if (b.size() != 8) return Value();
        double v;
        std::memcpy(&v, b.data(), 8);
        return Value::Double(v);
      }
      case kByteArrayType: return Value::Varchar(b);
      default: return Value();
    }
  };
  out.min = decode(*min);
  out.max = decode(*max);
  return out;
}

namespace {

// Decodes `count` PLAIN values into `out` at the rows whose definition level
// is 1, starting at row `row`. Returns bytes consumed, or npos if short.
size_t DecodePlain(int32_t physical, const uint8_t* p, size_t size, size_t count, const uint32_t* defs,
                   size_t rows, Vector& out, size_t row, int type_length) {
  size_t pos = 0;
  size_t k = 0;
  for (size_t i = 0; i < rows; ++i) {
    if (defs && !defs[i]) continue;
    if (k++ >= count) return std::string::npos;
    size_t r = row + i;
    switch (physical) {
      case kBooleanType: {
        size_t bit = k - 1;
        if (bit / 8 >= size) return std::string::npos;
        out.data<uint8_t>()[r] = (p[bit / 8] >> (bit % 8)) & 1;
        pos = (bit / 8) + 1;
        break;
      }
      case kInt32Type:
      case kFloatType:
        if (pos + 4 > size) return std::string::npos;
        std::memcpy(out.data<uint8_t>() + r * 4, p + pos, 4);
        pos += 4;
        break;
      case kInt64Type:
      case kDoubleType:
        if (pos + 8 > size) return std::string::npos;
        std::memcpy(out.data<uint8_t>() + r * 8, p + pos, 8);
        pos += 8;
        break;
      case kInt96Type: {
        if (pos + 12 > size) return std::string::npos;
        int64_t nanos;
        int32_t julian;
        std::memcpy(&nanos, p + pos, 8);
        std::memcpy(&julian, p + pos + 8, 4);
        out.data<int64_t>()[r] = (static_cast<int64_t>(julian) - 2440588) * 86400000000LL + nanos / 1000;
        pos += 12;
        break;
      }
      case kByteArrayType: {
        if (pos + 4 > size) return std::string::npos;
        uint32_t len;
        std::memcpy(&len, p + pos, 4);
        if (len > size - pos - 4) return std::string::npos;
        if (out.type().IsDecimal()) {
          Int128 v;
          if (!ReadBigEndianDecimal(p + pos + 4, len, &v)) return std::string::npos;
          out.data<Int128>()[r] = v;
        } else {
          out.data<StringRef>()[r] = StringRef(reinterpret_cast<const char*>(p + pos + 4), len);
        }
        pos += 4 + len;
        break;
      }
      case kFixedLenByteArrayType: {
        // Only decimals map to FIXED_LEN_BYTE_ARRAY (MapType).
        const size_t len = static_cast<size_t>(type_length);
        Int128 v;
        if (type_length <= 0 || len > size - pos || !ReadBigEndianDecimal(p + pos, len, &v)) {
          return std::string::npos;
        }
        out.data<Int128>()[r] = v;
        pos += len;
        break;
      }
      default:
        return std::string::npos;
    }
  }
  return pos;
}

}  // namespace

void ParquetReader::ReadColumnChunk(size_t rg, size_t column, size_t rows, Vector& out) const {
  const ColumnInfo& info = columns_[column];
  const std::string& name = names_[column];
  if (!info.unsupported.empty()) {
    throw SluiceError(ErrorCode::kNotSupported,
                      file_->path() + ": column '" + name + "': " + info.unsupported);
  }
  const ColumnMetaData& md = meta_.row_groups[rg].columns[info.leaf].meta;
  const int32_t physical = info.element->type.value_or(-1);
  if (md.type != physical) Corrupt("column '" + name + "' chunk type differs from the schema");
  uint64_t start = static_cast<uint64_t>(md.data_page_offset);
  if (md.dictionary_page_offset && *md.dictionary_page_offset > 0 &&
      static_cast<uint64_t>(*md.dictionary_page_offset) < start) {
    start = static_cast<uint64_t>(*md.dictionary_page_offset);
  }
  uint64_t length = static_cast<uint64_t>(md.total_compressed_size);
  uint64_t file_size = file_->Size();
  if (md.total_compressed_size < 0 || start < 4 || start > file_size || length > file_size - start) {
    Corrupt("column '" + name + "' chunk lies outside the file");
  }
  auto chunk = std::make_shared<std::string>(length, '\0');
  file_->ReadAt(start, length, chunk->data());
  const uint8_t* base = reinterpret_cast<const uint8_t*>(chunk->data());

  LogicalType type = types_[column];
  // Decoded values land in a vector of the physical width, converted after.
  LogicalType decode_type = type;
  if (physical == kInt32Type && (type.id() == TypeId::kTinyint || type.id() == TypeId::kSmallint)) {
    decode_type = LogicalType::Integer();
  }
  if (type.IsDecimal()) {
    decode_type = physical == kInt32Type   ? LogicalType::Integer()
                  : physical == kInt64Type ? LogicalType::Bigint()
                                           : LogicalType::Decimal(kMaxDecimalPrecision, type.scale());
  }
  Vector values(decode_type, std::max<size_t>(rows, 1));
  Vector dictionary(decode_type, 1);
  size_t dictionary_size = 0;
  bool have_dictionary = false;
  std::vector<uint32_t> defs(rows, 1);
  std::vector<uint32_t> indices;

  size_t pos = 0;
  size_t row = 0;
  while (row < rows) {
    if (pos >= length) Corrupt("column '" + name + "' ends after " + std::to_string(row) + " of " +
                               std::to_string(rows) + " rows");
    CompactReader r(base + pos, length - pos, file_->path());
    PageHeader h = ReadPageHeader(r);
    pos += r.consumed(base + pos);
    if (h.compressed_size < 0 || h.uncompressed_size < 0 || h.uncompressed_size > kMaxPageBytes ||
        static_cast<uint64_t>(h.compressed_size) > length - pos) {
      Corrupt("column '" + name + "' has a page of invalid size");
    }
    std::string_view payload(chunk->data() + pos, static_cast<size_t>(h.compressed_size));
    pos += static_cast<size_t>(h.compressed_size);

    if (h.type == kDictionaryPage) {
      auto page = std::make_shared<std::string>(static_cast<size_t>(h.uncompressed_size), '\0');
      if (!Decompress(md.codec, payload, *page)) Corrupt("column '" + name + "' dictionary page does not decompress");
      dictionary_size = static_cast<size_t>(std::max(0, h.dictionary_num_values));
      if (dictionary_size > page->size() + 1) Corrupt("dictionary larger than its page");
      dictionary = Vector(decode_type, std::max<size_t>(dictionary_size, 1));
      if (DecodePlain(physical, reinterpret_cast<const uint8_t*>(page->data()), page->size(), dictionary_size,
                      nullptr, dictionary_size, dictionary, 0, 0) == std::string::npos) {
        Corrupt("column '" + name + "' dictionary page is truncated");
      }
      dictionary.AddBuffer(page);
      have_dictionary = true;
      continue;
    }
    if (h.type != kDataPage && h.type != kDataPageV2) continue;  // index pages: skip

    const size_t n = static_cast<size_t>(std::max(0, h.data.num_values));
    if (n > rows - row) Corrupt("column '" + name + "' has more values than rows");
    auto page = std::make_shared<std::string>();
    const uint8_t* p;
    size_t size;
    size_t def_bytes = 0;
    const uint8_t* def_data = nullptr;
    if (h.type == kDataPageV2) {
      size_t levels = static_cast<size_t>(h.data.definition_levels_length) +
                      static_cast<size_t>(h.data.repetition_levels_length);
      if (h.data.definition_levels_length < 0 || h.data.repetition_levels_length < 0 ||
          levels > payload.size()) {
        Corrupt("column '" + name + "' page levels exceed the page");
      }
      def_data = reinterpret_cast<const uint8_t*>(payload.data()) + h.data.repetition_levels_length;
      def_bytes = static_cast<size_t>(h.data.definition_levels_length);
      std::string_view rest = payload.substr(levels);
      page->resize(static_cast<size_t>(h.uncompressed_size) - std::min<size_t>(levels, h.uncompressed_size));
      if (h.data.is_compressed && md.codec != 0) {
        if (!Decompress(md.codec, rest, *page)) Corrupt("column '" + name + "' page does not decompress");
      } else {
        page->assign(rest.data(), rest.size());
      }
      // The levels live in `chunk`, the values in `page`.
      p = reinterpret_cast<const uint8_t*>(page->data());
      size = page->size();
    } else {
      page->resize(static_cast<size_t>(h.uncompressed_size));
      if (!Decompress(md.codec, payload, *page)) Corrupt("column '" + name + "' page does not decompress");
      p = reinterpret_cast<const uint8_t*>(page->data());
      size = page->size();
      if (info.optional) {
        if (size < 4) Corrupt("column '" + name + "' page is truncated");
        uint32_t len;
        std::memcpy(&len, p, 4);
        if (len > size - 4) Corrupt("column '" + name + "' definition levels exceed the page");
        def_data = p + 4;
        def_bytes = len;
        p += 4 + len;
        size -= 4 + len;
      }
    }
    size_t present = n;
    if (info.optional) {
      if (!DecodeRleBitPacked(def_data, def_bytes, 1, n, defs.data() + row)) {
        Corrupt("column '" + name + "' has malformed definition levels");
      }
      present = 0;
      for (size_t i = 0; i < n; ++i) present += defs[row + i] != 0;
    }
    const uint32_t* page_defs = info.optional ? defs.data() + row : nullptr;
    switch (h.data.encoding) {
      case kPlain:
        if (DecodePlain(physical, p, size, present, page_defs, n, values, row,
                        info.element->type_length.value_or(0)) == std::string::npos) {
          Corrupt("column '" + name + "' page values are truncated");
        }
        break;
      case kPlainDictionary:
      case kRleDictionary: {
        if (!have_dictionary) Corrupt("column '" + name + "' uses a dictionary it does not have");
        if (size < 1) Corrupt("column '" + name + "' page is truncated");
        int width = p[0];
        indices.resize(present);
        if (!DecodeRleBitPacked(p + 1, size - 1, width, present, indices.data())) {
          Corrupt("column '" + name + "' has malformed dictionary indices");
        }
        size_t w = decode_type.PhysicalSize();
        size_t k = 0;
        for (size_t i = 0; i < n; ++i) {
          if (page_defs && !page_defs[i]) continue;
          uint32_t idx = indices[k++];
          if (idx >= dictionary_size) Corrupt("column '" + name + "' dictionary index out of range");
          std::memcpy(values.data<uint8_t>() + (row + i) * w, dictionary.data<uint8_t>() + idx * w, w);
        }
        break;
      }
      case kRle: {
        if (physical != kBooleanType) goto unsupported;
        if (size < 4) Corrupt("column '" + name + "' page is truncated");
        uint32_t len;
        std::memcpy(&len, p, 4);
        if (len > size - 4) Corrupt("column '" + name + "' page is truncated");
        indices.resize(present);
        if (!DecodeRleBitPacked(p + 4, len, 1, present, indices.data())) {
          Corrupt("column '" + name + "' has malformed boolean runs");
        }
        size_t k = 0;
        for (size_t i = 0; i < n; ++i) {
          if (page_defs && !page_defs[i]) continue;
          values.data<uint8_t>()[row + i] = static_cast<uint8_t>(indices[k++]);
        }
        break;
      }
      default:
      unsupported:
        throw SluiceError(ErrorCode::kNotSupported,
                          file_->path() + ": column '" + name + "': encoding " +
                              std::to_string(h.data.encoding) + " is not supported yet");
    }
    values.AddBuffer(page);
    row += n;
  }
  values.AddBuffer(chunk);
  if (type.id() == TypeId::kVarchar) values.ShareBuffersOf(dictionary);

  // Validity, then the conversions from the stored representation.
  for (size_t i = 0; i < rows; ++i) {
    if (!defs[i]) values.SetNull(i);
  }
  if (type.IsDecimal()) {
    // Widened or narrowed to the column's width, and checked: a file's bytes
    // may hold more digits than its declared precision.
    const bool wide = type.PhysicalSize() == 16;
    for (size_t i = 0; i < rows; ++i) {
      if (!defs[i]) {
        out.SetNull(i);
        continue;
      }
      const Int128 v = physical == kInt32Type   ? Int128{values.data<int32_t>()[i]}
                       : physical == kInt64Type ? Int128{values.data<int64_t>()[i]}
                                                : values.data<Int128>()[i];
      if (!DecimalFits(v, type.width())) {
        Corrupt("column '" + name + "' holds a value out of range for " + type.ToString());
      }
      StoreDecimal(out.data<uint8_t>(), i, wide, v);
      out.SetNull(i, false);
    }
    return;
  }
  if (decode_type != type) {
    for (size_t i = 0; i < rows; ++i) {
      int32_t v = values.data<int32_t>()[i];
      if (type.id() == TypeId::kTinyint) out.data<int8_t>()[i] = static_cast<int8_t>(v);
      else out.data<int16_t>()[i] = static_cast<int16_t>(v);
      out.SetNull(i, !defs[i]);
    }
    return;
  }
  if (type.id() == TypeId::kTimestamp && physical == kInt64Type) {
    int64_t div;
    int64_t mul = TimestampScale(*info.element, &div);
    if (mul != 1 || div != 1) {
      for (size_t i = 0; i < rows; ++i) values.data<int64_t>()[i] = values.data<int64_t>()[i] * mul / div;
    }
  }
  out = std::move(values);
}

void ParquetReader::ReadRowGroup(size_t rg, const std::vector<size_t>& columns,
                                 const std::function<void(DataChunk&)>& emit) const {
  SLUICE_CHECK(rg < meta_.row_groups.size(), "row group out of range");
  const size_t rows = static_cast<size_t>(meta_.row_groups[rg].num_rows);
  std::vector<Vector> decoded;
  std::vector<LogicalType> types;
  for (size_t c : columns) {
    SLUICE_CHECK(c < columns_.size(), "column out of range");
    types.push_back(types_[c].id() == TypeId::kInvalid ? LogicalType::Varchar() : types_[c]);
    decoded.emplace_back(types.back(), std::max<size_t>(rows, 1));
    ReadColumnChunk(rg, c, rows, decoded.back());
  }
  std::vector<uint32_t> sel;
  for (size_t start = 0; start < rows; start += kVectorSize) {
    size_t n = std::min(kVectorSize, rows - start);
    sel.resize(n);
    for (size_t i = 0; i < n; ++i) sel[i] = static_cast<uint32_t>(start + i);
    DataChunk batch(types);
    for (size_t c = 0; c < decoded.size(); ++c) batch.column(c).CopyFrom(decoded[c], sel.data(), n, 0);
    batch.SetSize(n);
    emit(batch);
  }
}

}  // namespace sluice::parquet
