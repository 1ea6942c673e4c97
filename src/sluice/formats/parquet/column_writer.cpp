#include "sluice/formats/parquet/column_writer.h"

#include <cmath>
#include <cstring>

#include <xxhash.h>

#include "sluice/common/error.h"
#include "sluice/formats/parquet/rle_bit_packing.h"

namespace sluice::parquet {

namespace {

PhysicalType PhysicalFor(LogicalType t) {
  switch (t.id()) {
    case TypeId::kBoolean: return kBooleanType;
    case TypeId::kTinyint:
    case TypeId::kSmallint:
    case TypeId::kInteger:
    case TypeId::kDate: return kInt32Type;
    case TypeId::kBigint:
    case TypeId::kTimestamp: return kInt64Type;
    case TypeId::kReal: return kFloatType;
    case TypeId::kDouble: return kDoubleType;
    case TypeId::kVarchar: return kByteArrayType;
    // The Parquet spec's choice per precision: INT32 up to 9 digits, INT64
    // up to 18, beyond that the fewest bytes that hold 10^p - 1.
    case TypeId::kDecimal:
      if (t.width() <= 9) return kInt32Type;
      if (t.width() <= kMaxShortDecimalPrecision) return kInt64Type;
      return kFixedLenByteArrayType;
    default: break;
  }
  throw SluiceError(ErrorCode::kNotSupported, "cannot write " + t.ToString() + " to Parquet");
}

// Bytes of the shortest two's complement that holds every decimal(p) value:
// the smallest n with 2^(8n-1) > 10^p - 1.
size_t DecimalByteLength(int precision) {
  using UInt128 = unsigned __int128;
  const UInt128 max = static_cast<UInt128>(PowerOfTen(precision) - 1);
  size_t n = 1;
  while (n < 16 && (UInt128{1} << (8 * n - 1)) <= max) ++n;
  return n;
}

void AppendBigEndian(std::string& out, Int128 v, size_t bytes) {
  const auto u = static_cast<unsigned __int128>(v);
  for (size_t i = bytes; i-- > 0;) out.push_back(static_cast<char>(static_cast<uint8_t>(u >> (8 * i))));
}

void Put32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

}  // namespace

ColumnWriter::ColumnWriter(std::string name, LogicalType type)
    : name_(std::move(name)), type_(type), physical_(PhysicalFor(type)) {
  switch (physical_) {
    case kBooleanType: width_ = 1; break;
    case kInt32Type:
    case kFloatType: width_ = 4; break;
    case kInt64Type:
    case kDoubleType: width_ = 8; break;
    case kFixedLenByteArrayType: width_ = DecimalByteLength(type_.width()); break;
    default: width_ = 0; break;
  }
  dictionary_mode_ = physical_ == kByteArrayType;
  if (dictionary_mode_) dict_slots_.assign(1024, 0);
}

SchemaElement ColumnWriter::Schema() const {
  SchemaElement s;
  s.type = physical_;
  s.repetition = 1;  // OPTIONAL
  s.name = name_;
  switch (type_.id()) {
    case TypeId::kVarchar:
      s.converted_type = kUtf8;
      s.logical.kind = LogicalTypeInfo::kString;
      break;
    case TypeId::kDate:
      s.converted_type = kDateConverted;
      s.logical.kind = LogicalTypeInfo::kDate;
      break;
    case TypeId::kTimestamp:
      s.converted_type = kTimestampMicros;
      s.logical.kind = LogicalTypeInfo::kTimestamp;
      s.logical.time_unit = 2;  // MICROS
      s.logical.utc = false;
      break;
    case TypeId::kTinyint:
    case TypeId::kSmallint:
      s.converted_type = type_.id() == TypeId::kTinyint ? kInt8 : kInt16;
      s.logical.kind = LogicalTypeInfo::kInteger;
      s.logical.bit_width = type_.id() == TypeId::kTinyint ? 8 : 16;
      break;
    case TypeId::kDecimal:
      // Both spellings: the LogicalType for current readers, the
      // ConvertedType with scale and precision for older ones.
      s.converted_type = kDecimalConverted;
      s.scale = type_.scale();
      s.precision = type_.width();
      s.logical.kind = LogicalTypeInfo::kDecimal;
      s.logical.scale = type_.scale();
      s.logical.precision = type_.width();
      if (physical_ == kFixedLenByteArrayType) s.type_length = static_cast<int32_t>(width_);
      break;
    default: break;
  }
  return s;
}

size_t ColumnWriter::buffered_bytes() const {
  return defs_.size() * sizeof(uint32_t) + plain_.size() + dict_plain_.size() +
         indices_.size() * sizeof(uint32_t) + dict_slots_.size() * sizeof(uint64_t);
}

void ColumnWriter::Append(const Vector& v, size_t count) {
  if (physical_ == kByteArrayType) {
    AppendStrings(v, count);
    return;
  }
  if (physical_ == kFixedLenByteArrayType) {
    AppendWideDecimals(v, count);
    return;
  }
  const bool all_valid = v.validity().AllValid();
  const uint8_t* data = v.data<uint8_t>();
  const size_t in_width = type_.PhysicalSize();
  for (size_t i = 0; i < count; ++i) {
    if (!AppendDefinition(!all_valid && v.IsNull(i))) continue;
    // Widen tinyint/smallint to INT32 as Parquet stores them.
    int64_t iv = 0;
    double dv = 0;
    switch (type_.id()) {
      case TypeId::kBoolean: iv = data[i]; break;
      case TypeId::kTinyint: iv = reinterpret_cast<const int8_t*>(data)[i]; break;
      case TypeId::kSmallint: iv = reinterpret_cast<const int16_t*>(data)[i]; break;
      case TypeId::kInteger:
      case TypeId::kDate: iv = reinterpret_cast<const int32_t*>(data)[i]; break;
      case TypeId::kBigint:
      case TypeId::kTimestamp:
      case TypeId::kDecimal: iv = reinterpret_cast<const int64_t*>(data)[i]; break;  // short decimals
      case TypeId::kReal: dv = reinterpret_cast<const float*>(data)[i]; break;
      case TypeId::kDouble: dv = reinterpret_cast<const double*>(data)[i]; break;
      default: break;
    }
    if (physical_ == kInt32Type) {
      int32_t w = static_cast<int32_t>(iv);
      plain_.append(reinterpret_cast<const char*>(&w), 4);
    } else if (physical_ == kBooleanType) {
      plain_.push_back(static_cast<char>(iv != 0));
    } else {
      plain_.append(reinterpret_cast<const char*>(data + i * in_width), in_width);
    }
    if (type_.IsFloatingPoint()) {
      if (std::isnan(dv)) continue;  // NaN never enters min/max
      if (!has_stats_ || dv < min_double_) min_double_ = dv;
      if (!has_stats_ || dv > max_double_) max_double_ = dv;
    } else {
      if (!has_stats_ || iv < min_int_) min_int_ = iv;
      if (!has_stats_ || iv > max_int_) max_int_ = iv;
    }
    has_stats_ = true;
  }
}

void ColumnWriter::AppendWideDecimals(const Vector& v, size_t count) {
  const bool all_valid = v.validity().AllValid();
  const bool wide = type_.PhysicalSize() == 16;
  for (size_t i = 0; i < count; ++i) {
    if (!AppendDefinition(!all_valid && v.IsNull(i))) continue;
    const Int128 value = LoadDecimal(v.data<uint8_t>(), i, wide);
    AppendBigEndian(plain_, value, width_);
    if (!has_stats_ || value < min_wide_) min_wide_ = value;
    if (!has_stats_ || value > max_wide_) max_wide_ = value;
    has_stats_ = true;
  }
}

uint32_t ColumnWriter::DictionaryIndex(std::string_view s, uint64_t h) {
  size_t mask = dict_slots_.size() - 1;
  size_t pos = h & mask;
  for (;;) {
    uint64_t slot = dict_slots_[pos];
    if (slot == 0) break;
    if ((slot >> 32) == h) {
      uint32_t idx = static_cast<uint32_t>(slot & 0xFFFFFFFF) - 1;
      uint32_t off = dict_offsets_[idx];
      uint32_t len;
      std::memcpy(&len, dict_plain_.data() + off, 4);
      if (len == s.size() && std::memcmp(dict_plain_.data() + off + 4, s.data(), len) == 0) return idx;
    }
    pos = (pos + 1) & mask;
  }
  uint32_t idx = static_cast<uint32_t>(dict_offsets_.size());
  dict_offsets_.push_back(static_cast<uint32_t>(dict_plain_.size()));
  Put32(dict_plain_, static_cast<uint32_t>(s.size()));
  dict_plain_.append(s.data(), s.size());
  dict_slots_[pos] = (h << 32) | (idx + 1);
  if (dict_offsets_.size() * 2 > dict_slots_.size()) {
    std::vector<uint64_t> old = std::move(dict_slots_);
    dict_slots_.assign(old.size() * 2, 0);
    mask = dict_slots_.size() - 1;
    for (uint64_t slot : old) {
      if (!slot) continue;
      size_t p = (slot >> 32) & mask;
      while (dict_slots_[p]) p = (p + 1) & mask;
      dict_slots_[p] = slot;
    }
  }
  return idx;
}

void ColumnWriter::UpdateStringStats(std::string_view s) {
  // Unsigned byte order, as Parquet's ordering for strings requires.
  if (!has_stats_ || s.compare(min_string_) < 0) min_string_.assign(s);
  if (!has_stats_ || s.compare(max_string_) > 0) max_string_.assign(s);
  has_stats_ = true;
}

void ColumnWriter::FallBackToPlain() {
  for (uint32_t idx : indices_) {
    uint32_t off = dict_offsets_[idx];
    uint32_t len;
    std::memcpy(&len, dict_plain_.data() + off, 4);
    plain_.append(dict_plain_.data() + off, 4 + len);
  }
  // The dictionary's entries carry the statistics over.
  for (uint32_t off : dict_offsets_) {
    uint32_t len;
    std::memcpy(&len, dict_plain_.data() + off, 4);
    UpdateStringStats(std::string_view(dict_plain_.data() + off + 4, len));
  }
  dictionary_mode_ = false;
  indices_.clear();
  indices_.shrink_to_fit();
  dict_plain_.clear();
  dict_plain_.shrink_to_fit();
  dict_offsets_.clear();
  dict_slots_.clear();
  dict_slots_.shrink_to_fit();
}

void ColumnWriter::AppendStrings(const Vector& v, size_t count) {
  const StringRef* s = v.data<StringRef>();
  const bool all_valid = v.validity().AllValid();
  // Dictionary probes miss the cache for large dictionaries: hash the whole
  // batch first and prefetch each value's slot, then probe.
  if (dictionary_mode_) {
    hashes_.resize(count);
    const size_t mask = dict_slots_.size() - 1;
    for (size_t i = 0; i < count; ++i) {
      if (!all_valid && v.IsNull(i)) continue;  // a NULL's StringRef is garbage
      hashes_[i] = XXH3_64bits(s[i].data(), s[i].size()) >> 32;
      __builtin_prefetch(&dict_slots_[hashes_[i] & mask]);
    }
  }
  for (size_t i = 0; i < count; ++i) {
    if (!AppendDefinition(!all_valid && v.IsNull(i))) continue;
    std::string_view sv = s[i].view();
    if (dictionary_mode_) {
      indices_.push_back(DictionaryIndex(sv, hashes_[i]));
      if (dict_plain_.size() > kMaxDictionaryBytes) FallBackToPlain();
    } else {
      Put32(plain_, static_cast<uint32_t>(sv.size()));
      plain_.append(sv.data(), sv.size());
      UpdateStringStats(sv);
    }
  }
}

std::string ColumnWriter::EncodeStatistic(bool max) const {
  std::string out;
  switch (physical_) {
    case kByteArrayType: return max ? max_string_ : min_string_;
    case kFixedLenByteArrayType: AppendBigEndian(out, max ? max_wide_ : min_wide_, width_); return out;
    case kBooleanType: out.push_back(static_cast<char>(max ? max_int_ : min_int_)); return out;
    case kInt32Type: {
      int32_t v = static_cast<int32_t>(max ? max_int_ : min_int_);
      return std::string(reinterpret_cast<const char*>(&v), 4);
    }
    case kInt64Type: {
      int64_t v = max ? max_int_ : min_int_;
      return std::string(reinterpret_cast<const char*>(&v), 8);
    }
    case kFloatType: {
      float v = static_cast<float>(max ? max_double_ : min_double_);
      return std::string(reinterpret_cast<const char*>(&v), 4);
    }
    case kDoubleType: {
      double v = max ? max_double_ : min_double_;
      return std::string(reinterpret_cast<const char*>(&v), 8);
    }
    default: return out;
  }
}

ColumnChunk ColumnWriter::Flush(OutputStream& out, uint64_t& offset, const WriterOptions& options) {
  ColumnChunk chunk;
  ColumnMetaData& md = chunk.meta;
  md.type = physical_;
  md.path = {name_};
  md.codec = CodecThriftId(options.codec);
  md.num_values = static_cast<int64_t>(defs_.size());
  std::string compressed;
  auto write_page = [&](PageHeader header, const std::string& body) {
    Compress(options.codec, options.compression_level, body, compressed);
    header.uncompressed_size = static_cast<int32_t>(body.size());
    header.compressed_size = static_cast<int32_t>(compressed.size());
    CompactWriter w;
    WritePageHeader(header, w);
    out.Write(w.buffer().data(), w.buffer().size());
    out.Write(compressed.data(), compressed.size());
    md.total_uncompressed_size += static_cast<int64_t>(w.buffer().size() + body.size());
    md.total_compressed_size += static_cast<int64_t>(w.buffer().size() + compressed.size());
    offset += w.buffer().size() + compressed.size();
  };

  const bool dictionary = physical_ == kByteArrayType && dictionary_mode_;
  if (dictionary) {
    // Entries' statistics come from the dictionary.
    for (uint32_t off : dict_offsets_) {
      uint32_t len;
      std::memcpy(&len, dict_plain_.data() + off, 4);
      UpdateStringStats(std::string_view(dict_plain_.data() + off + 4, len));
    }
    md.dictionary_page_offset = static_cast<int64_t>(offset);
    PageHeader dh;
    dh.type = kDictionaryPage;
    dh.dictionary_num_values = static_cast<int32_t>(dict_offsets_.size());
    dh.dictionary_encoding = kPlain;
    write_page(dh, dict_plain_);
    md.encodings = {kPlain, kRle, kRleDictionary};
  } else {
    md.encodings = {kPlain, kRle};
  }
  md.data_page_offset = static_cast<int64_t>(offset);
  chunk.file_offset = md.dictionary_page_offset.value_or(md.data_page_offset);

  // Pages of about page_size_bytes: split the rows evenly.
  const size_t rows = defs_.size();
  const size_t payload = dictionary ? indices_.size() * 2 : plain_.size();
  const size_t pages = std::max<size_t>(1, (payload + options.page_size_bytes - 1) / options.page_size_bytes);
  const size_t rows_per_page = std::max<size_t>(1, (rows + pages - 1) / pages);
  const int index_width = dictionary ? std::max(1, BitWidth(static_cast<uint32_t>(
                                                        dict_offsets_.empty() ? 0 : dict_offsets_.size() - 1)))
                                     : 0;
  size_t value_pos = 0;   // next non-null value (index into indices_, or plain_ values)
  size_t byte_pos = 0;    // byte offset into plain_
  std::string body, levels;
  std::vector<uint32_t> bool_bits;
  for (size_t start = 0; start < rows || start == 0; start += rows_per_page) {
    size_t n = std::min(rows_per_page, rows - start);
    body.clear();
    levels.clear();
    EncodeRleBitPacked(defs_.data() + start, n, 1, levels);
    Put32(body, static_cast<uint32_t>(levels.size()));
    body += levels;
    size_t present = 0;
    for (size_t i = start; i < start + n; ++i) present += defs_[i];
    if (dictionary) {
      body.push_back(static_cast<char>(index_width));
      EncodeRleBitPacked(indices_.data() + value_pos, present, index_width, body);
    } else if (physical_ == kBooleanType) {
      // PLAIN booleans are bit-packed, least significant bit first.
      std::string bits((present + 7) / 8, '\0');
      for (size_t k = 0; k < present; ++k) {
        if (plain_[byte_pos + k]) bits[k / 8] = static_cast<char>(bits[k / 8] | (1 << (k % 8)));
      }
      body += bits;
      byte_pos += present;
    } else if (physical_ == kByteArrayType) {
      size_t begin = byte_pos;
      for (size_t k = 0; k < present; ++k) {
        uint32_t len;
        std::memcpy(&len, plain_.data() + byte_pos, 4);
        byte_pos += 4 + len;
      }
      body.append(plain_.data() + begin, byte_pos - begin);
    } else {
      body.append(plain_.data() + byte_pos, present * width_);
      byte_pos += present * width_;
    }
    value_pos += present;
    PageHeader ph;
    ph.type = kDataPage;
    ph.data.num_values = static_cast<int32_t>(n);
    ph.data.encoding = dictionary ? kRleDictionary : kPlain;
    write_page(ph, body);
    if (rows == 0) break;
  }

  md.statistics.null_count = null_count_;
  if (has_stats_) {
    md.statistics.min_value = EncodeStatistic(false);
    md.statistics.max_value = EncodeStatistic(true);
  }

  // Reset for the next row group.
  defs_.clear();
  null_count_ = 0;
  plain_.clear();
  indices_.clear();
  dict_plain_.clear();
  dict_offsets_.clear();
  dictionary_mode_ = physical_ == kByteArrayType;
  if (dictionary_mode_) dict_slots_.assign(1024, 0);
  has_stats_ = false;
  min_string_.clear();
  max_string_.clear();
  return chunk;
}

}  // namespace sluice::parquet
