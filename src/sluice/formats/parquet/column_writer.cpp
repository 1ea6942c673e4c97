#include "sluice/formats/parquet/column_writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include <xxhash.h>

#include "sluice/common/error.h"
#include "sluice/formats/parquet/delta_encoding.h"
#include "sluice/formats/parquet/rle_bit_packing.h"
#include "sluice/types/date.h"
#include "sluice/types/time_zone.h"

namespace sluice::parquet {

namespace {

// Page index bounds of strings are cut to this many bytes: they only need
// to bound the page, and long values would bloat the index.
constexpr size_t kIndexBoundBytes = 64;
// Chunk statistics longer than this are left out rather than bloat the footer.
constexpr size_t kMaxStatisticBytes = 4096;
// The dictionary is checked for paying off after this many values (fewer
// rarely tell a bounded set of keys from unique ones), then
// every kDictionaryCheckInterval values.
constexpr size_t kDictionaryFirstCheck = 65536;
constexpr size_t kDictionaryCheckInterval = 8192;

// Parquet's TimeUnit for a timestamp(p): 1 MILLIS, 2 MICROS, 3 NANOS.
int TimestampUnit(LogicalType t) { return t.precision() <= 3 ? 1 : t.precision() <= 6 ? 2 : 3; }

PhysicalType PhysicalFor(LogicalType t) {
  switch (t.id()) {
    case TypeId::kBoolean: return kBooleanType;
    case TypeId::kTinyint:
    case TypeId::kSmallint:
    case TypeId::kInteger:
    case TypeId::kDate: return kInt32Type;
    case TypeId::kBigint:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: return kInt64Type;
    case TypeId::kReal: return kFloatType;
    case TypeId::kDouble: return kDoubleType;
    case TypeId::kVarchar:
    case TypeId::kVarbinary: return kByteArrayType;  // without the STRING annotation
    case TypeId::kJson: return kByteArrayType;
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

uint32_t Get32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

template <typename T>
T Load(std::string_view s) {
  T v;
  std::memcpy(&v, s.data(), sizeof(T));
  return v;
}

// Shortest byte string >= every string starting with `s`'s first `n` bytes:
// the prefix with its last byte below 0xFF incremented; "" when none exists.
std::string TruncatedUpperBound(std::string_view s, size_t n) {
  std::string out(s.substr(0, n));
  while (!out.empty() && static_cast<uint8_t>(out.back()) == 0xFF) out.pop_back();
  if (!out.empty()) out.back() = static_cast<char>(static_cast<uint8_t>(out.back()) + 1);
  return out;
}

// The dictionary is kept only while it is at least 10% smaller than PLAIN.
bool BeatsPlain(size_t dictionary_bytes, size_t plain_bytes) { return dictionary_bytes * 10 <= plain_bytes * 9; }

}  // namespace

ColumnWriter::ColumnWriter(std::string name, LogicalType type, const WriterOptions& options)
    : name_(std::move(name)), type_(type), physical_(PhysicalFor(type)), options_(options) {
  switch (physical_) {
    case kBooleanType: width_ = 1; break;
    case kInt32Type:
    case kFloatType: width_ = 4; break;
    case kInt64Type:
    case kDoubleType: width_ = 8; break;
    case kFixedLenByteArrayType: width_ = DecimalByteLength(type_.width()); break;
    default: width_ = 0; break;
  }
  dictionary_mode_ = options_.dictionary && physical_ != kBooleanType;
  if (dictionary_mode_) dict_slots_.assign(1024, 0);
}

SchemaElement ColumnWriter::Schema() const {
  SchemaElement s;
  s.type = physical_;
  s.repetition = kOptional;
  s.name = name_;
  switch (type_.id()) {
    case TypeId::kVarchar:
      s.converted_type = kUtf8;
      s.logical.kind = LogicalTypeInfo::kString;
      break;
    case TypeId::kJson:
      s.converted_type = kJson;
      s.logical.kind = LogicalTypeInfo::kJson;
      break;
    case TypeId::kDate:
      s.converted_type = kDateConverted;
      s.logical.kind = LogicalTypeInfo::kDate;
      break;
    case TypeId::kTimestamp: {
      // The unit that holds the precision, as Trino's writer picks it:
      // timestamp(3), Athena's default, is TIMESTAMP(MILLIS), which every
      // Parquet reader (Hive, Spark, Trino, DuckDB) reads; up to 6 digits
      // MICROS; beyond, NANOS (sluice's values stop at microseconds).
      const int unit = TimestampUnit(type_);
      s.converted_type = unit == 1 ? kTimestampMillis : unit == 2 ? kTimestampMicros : std::optional<int32_t>();
      s.logical.kind = LogicalTypeInfo::kTimestamp;
      s.logical.time_unit = unit;
      s.logical.utc = false;
      break;
    }
    case TypeId::kTimestampTz:
      // The instant in UTC microseconds, isAdjustedToUTC (the zone is not
      // stored: it reads back as UTC, as from Trino's files).
      s.converted_type = kTimestampMicros;
      s.logical.kind = LogicalTypeInfo::kTimestamp;
      s.logical.time_unit = 2;
      s.logical.utc = true;
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
  return defs_.size() + plain_.size() + dict_plain_.size() + indices_.size() * sizeof(uint32_t) +
         dict_offsets_.size() * sizeof(uint32_t) + dict_slots_.size() * sizeof(uint64_t);
}

size_t ColumnWriter::memory_bytes() const {
  return defs_.capacity() + plain_.capacity() + plain_offsets_.capacity() * sizeof(uint32_t) +
         scratch_.capacity() + dict_plain_.capacity() + dict_offsets_.capacity() * sizeof(uint32_t) +
         dict_slots_.capacity() * sizeof(uint64_t) + indices_.capacity() * sizeof(uint32_t) +
         hashes_.capacity() * sizeof(uint64_t);
}

namespace {
template <typename T>
void FreeCapacity(T& buffer) {
  T().swap(buffer);
}
}  // namespace

void ColumnWriter::ReleaseBuffers() {
  SLUICE_CHECK(defs_.empty(), "ReleaseBuffers with values buffered");
  FreeCapacity(defs_);
  FreeCapacity(plain_);
  FreeCapacity(plain_offsets_);
  FreeCapacity(scratch_);
  FreeCapacity(dict_plain_);
  FreeCapacity(dict_offsets_);
  FreeCapacity(indices_);
  FreeCapacity(hashes_);
  FreeCapacity(value_scratch_);
  FreeCapacity(dict_slots_);  // Append allocates them again
}

std::string_view ColumnWriter::DictionaryEntry(uint32_t index) const {
  const uint32_t off = dict_offsets_[index];
  const size_t len = width_ ? width_ : 4 + Get32(dict_plain_.data() + off);
  return std::string_view(dict_plain_.data() + off, len);
}

uint32_t ColumnWriter::DictionaryIndex(std::string_view plain, uint64_t h) {
  size_t mask = dict_slots_.size() - 1;
  size_t pos = h & mask;
  for (;;) {
    const uint64_t slot = dict_slots_[pos];
    if (slot == 0) break;
    if ((slot >> 32) == h) {
      const uint32_t idx = static_cast<uint32_t>(slot & 0xFFFFFFFF) - 1;
      if (DictionaryEntry(idx) == plain) return idx;
    }
    pos = (pos + 1) & mask;
  }
  const auto idx = static_cast<uint32_t>(dict_offsets_.size());
  dict_offsets_.push_back(static_cast<uint32_t>(dict_plain_.size()));
  dict_plain_.append(plain.data(), plain.size());
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

void ColumnWriter::FallBackToPlain() {
  for (uint32_t idx : indices_) {
    std::string_view e = DictionaryEntry(idx);
    plain_.append(e.data(), e.size());
  }
  dictionary_mode_ = false;
  indices_.clear();
  indices_.shrink_to_fit();
  dict_plain_.clear();
  dict_plain_.shrink_to_fit();
  dict_offsets_.clear();
  dict_offsets_.shrink_to_fit();
  dict_slots_.clear();
  dict_slots_.shrink_to_fit();
}

bool ColumnWriter::DictionaryPays() const {
  const size_t bits = static_cast<size_t>(BitWidth(static_cast<uint32_t>(dict_offsets_.size())));
  const size_t dict_cost = dict_plain_.size() + (indices_.size() * bits + 7) / 8;
  size_t plain_cost = indices_.size() * width_;
  if (width_ == 0) {
    for (uint32_t idx : indices_) plain_cost += DictionaryEntry(idx).size();
  }
  return BeatsPlain(dict_cost, plain_cost);
}

void ColumnWriter::AppendValue(std::string_view plain, uint64_t hash) {
  if (!dictionary_mode_) {
    plain_.append(plain.data(), plain.size());
    return;
  }
  indices_.push_back(DictionaryIndex(plain, hash));
  const size_t values = indices_.size();
  if (dict_plain_.size() > kMaxDictionaryBytes) {
    FallBackToPlain();
  } else if (values >= kDictionaryFirstCheck && values % kDictionaryCheckInterval == 0) {
    // Keep the dictionary while it beats PLAIN by 10%, either so far
    // (entries plus bit-packed indices against every value in full) or from
    // here on: early in a row group most values are new even when the
    // column repeats a bounded set (customer ids), so the rate of new
    // entries since the last check predicts the rest better.
    const size_t entries = dict_offsets_.size();
    const size_t bits = static_cast<size_t>(BitWidth(static_cast<uint32_t>(entries)));
    const size_t entry_bytes = width_ ? width_ : dict_plain_.size() / entries;
    const size_t dict_cost = dict_plain_.size() + values * bits / 8;
    const size_t plain_cost = values * entry_bytes;
    const size_t new_entries = entries - entries_at_last_check_;
    const size_t recent = values - values_at_last_check_;
    const size_t dict_rate = new_entries * entry_bytes + recent * bits / 8;
    const size_t plain_rate = recent * entry_bytes;
    entries_at_last_check_ = entries;
    values_at_last_check_ = values;
    if (!BeatsPlain(dict_cost, plain_cost) && !BeatsPlain(dict_rate, plain_rate)) FallBackToPlain();
  }
}

void ColumnWriter::Append(const Vector& v, size_t count) {
  if (dictionary_mode_ && dict_slots_.empty()) dict_slots_.assign(1024, 0);  // freed by ReleaseBuffers
  const bool all_valid = v.validity().AllValid();
  const uint8_t* data = v.data<uint8_t>();
  const size_t old_rows = defs_.size();
  defs_.resize(old_rows + count, 1);
  if (!all_valid) {
    for (size_t i = 0; i < count; ++i) {
      if (v.IsNull(i)) {
        defs_[old_rows + i] = 0;
        ++null_count_;
      }
    }
  }
  auto valid = [&](size_t i) { return all_valid || !v.IsNull(i); };

  if (physical_ == kByteArrayType) {
    const StringRef* s = v.data<StringRef>();
    // Dictionary probes miss the cache for large dictionaries: hash the whole
    // batch first and prefetch each value's slot, then probe.
    if (dictionary_mode_) {
      hashes_.resize(count);
      const size_t mask = dict_slots_.size() - 1;
      for (size_t i = 0; i < count; ++i) {
        if (!valid(i)) continue;  // a NULL's StringRef is garbage
        hashes_[i] = XXH3_64bits(s[i].data(), s[i].size()) >> 32;
        __builtin_prefetch(&dict_slots_[hashes_[i] & mask]);
      }
    }
    for (size_t i = 0; i < count; ++i) {
      if (!valid(i)) continue;
      scratch_.clear();
      Put32(scratch_, s[i].size());
      scratch_.append(s[i].data(), s[i].size());
      AppendValue(scratch_, dictionary_mode_ ? hashes_[i] : 0);
    }
    return;
  }

  const bool wide = type_.IsDecimal() && type_.PhysicalSize() == 16;
  char buf[16];
  for (size_t i = 0; i < count; ++i) {
    if (!valid(i)) continue;
    // The PLAIN bytes: Parquet widens TINYINT/SMALLINT to INT32 and stores
    // short decimals (held as int64) in INT32 when they have <= 9 digits.
    std::string_view plain;
    switch (type_.id()) {
      case TypeId::kBoolean: buf[0] = static_cast<char>(data[i] != 0); plain = {buf, 1}; break;
      case TypeId::kTinyint: {
        const int32_t w = reinterpret_cast<const int8_t*>(data)[i];
        std::memcpy(buf, &w, 4);
        plain = {buf, 4};
        break;
      }
      case TypeId::kSmallint: {
        const int32_t w = reinterpret_cast<const int16_t*>(data)[i];
        std::memcpy(buf, &w, 4);
        plain = {buf, 4};
        break;
      }
      case TypeId::kTimestamp: {
        const int64_t micros = reinterpret_cast<const int64_t*>(data)[i];
        int64_t stored = micros;
        if (TimestampUnit(type_) == 1) {
          stored = FloorDivMicros(micros, 1000);
        } else if (TimestampUnit(type_) == 3 && __builtin_mul_overflow(micros, int64_t{1000}, &stored)) {
          throw SluiceError(ErrorCode::kNumericOverflow,
                            "timestamp out of range for Parquet nanoseconds in column " + name_);
        }
        std::memcpy(buf, &stored, 8);
        plain = {buf, 8};
        break;
      }
      case TypeId::kTimestampTz: {
        const int64_t micros = TimestampTzMillis(reinterpret_cast<const int64_t*>(data)[i]) * 1000;
        std::memcpy(buf, &micros, 8);
        plain = {buf, 8};
        break;
      }
      case TypeId::kDecimal:
        if (physical_ == kFixedLenByteArrayType) {
          scratch_.clear();
          AppendBigEndian(scratch_, LoadDecimal(data, i, wide), width_);
          plain = scratch_;
        } else if (physical_ == kInt32Type) {
          const auto w = static_cast<int32_t>(reinterpret_cast<const int64_t*>(data)[i]);
          std::memcpy(buf, &w, 4);
          plain = {buf, 4};
        } else {
          plain = {reinterpret_cast<const char*>(data + i * 8), 8};
        }
        break;
      default: plain = {reinterpret_cast<const char*>(data + i * width_), width_}; break;
    }
    const uint64_t h = dictionary_mode_ ? XXH3_64bits(plain.data(), plain.size()) >> 32 : 0;
    AppendValue(plain, h);
  }
}

bool ColumnWriter::Less(std::string_view a, std::string_view b) const {
  switch (physical_) {
    case kBooleanType:
    case kByteArrayType:
      // Unsigned byte order (strings without their length prefix).
      if (physical_ == kByteArrayType) {
        a.remove_prefix(4);
        b.remove_prefix(4);
      }
      return std::memcmp(a.data(), b.data(), std::min(a.size(), b.size())) < 0 ||
             (a.size() < b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0);
    case kInt32Type: return Load<int32_t>(a) < Load<int32_t>(b);
    case kInt64Type: return Load<int64_t>(a) < Load<int64_t>(b);
    case kFloatType: return Load<float>(a) < Load<float>(b);
    case kDoubleType: return Load<double>(a) < Load<double>(b);
    case kFixedLenByteArrayType:
      // Big-endian two's complement of one width: signed first byte, then
      // unsigned bytes.
      if (a[0] != b[0]) return static_cast<int8_t>(a[0]) < static_cast<int8_t>(b[0]);
      return std::memcmp(a.data() + 1, b.data() + 1, width_ - 1) < 0;
    default: return false;
  }
}

std::string ColumnWriter::StatisticBytes(std::string_view plain, bool is_max, bool truncate) const {
  if (physical_ == kByteArrayType) {
    plain.remove_prefix(4);
    if (truncate && plain.size() > kIndexBoundBytes) {
      if (!is_max) return std::string(plain.substr(0, kIndexBoundBytes));
      std::string bound = TruncatedUpperBound(plain, kIndexBoundBytes);
      if (!bound.empty()) return bound;
    }
    return std::string(plain);
  }
  // Zeros: the spec asks for -0.0 as a min and +0.0 as a max, so that
  // readers comparing either sign get a correct bound.
  if (physical_ == kFloatType && Load<float>(plain) == 0.0f) {
    const float z = is_max ? 0.0f : -0.0f;
    return std::string(reinterpret_cast<const char*>(&z), 4);
  }
  if (physical_ == kDoubleType && Load<double>(plain) == 0.0) {
    const double z = is_max ? 0.0 : -0.0;
    return std::string(reinterpret_cast<const char*>(&z), 8);
  }
  return std::string(plain);
}

FlushedChunk ColumnWriter::Flush(OutputStream& out, uint64_t& offset) {
  FlushedChunk result;
  ColumnChunk& chunk = result.chunk;
  ColumnMetaData& md = chunk.meta;
  md.type = physical_;
  md.path = {name_};
  md.codec = CodecThriftId(options_.codec);
  md.num_values = static_cast<int64_t>(defs_.size());
  std::vector<int32_t> encodings{kRle};
  auto note_encoding = [&](int32_t e) {
    if (std::find(encodings.begin(), encodings.end(), e) == encodings.end()) encodings.push_back(e);
  };
  std::string compressed;
  auto write_page = [&](PageHeader header, const std::string& levels, const std::string& values) {
    // v2 pages keep their levels uncompressed ahead of the compressed values.
    const bool v2 = header.type == kDataPageV2;
    std::string body;
    if (v2) {
      Compress(options_.codec, options_.compression_level, values, compressed);
      header.uncompressed_size = static_cast<int32_t>(levels.size() + values.size());
      header.compressed_size = static_cast<int32_t>(levels.size() + compressed.size());
    } else {
      body = levels + values;
      Compress(options_.codec, options_.compression_level, body, compressed);
      header.uncompressed_size = static_cast<int32_t>(body.size());
      header.compressed_size = static_cast<int32_t>(compressed.size());
    }
    CompactWriter w;
    WritePageHeader(header, w);
    const uint64_t page_offset = offset;
    out.Write(w.buffer().data(), w.buffer().size());
    if (v2) out.Write(levels.data(), levels.size());
    out.Write(compressed.data(), compressed.size());
    const size_t stored = w.buffer().size() + static_cast<size_t>(header.compressed_size);
    md.total_uncompressed_size += static_cast<int64_t>(w.buffer().size()) + header.uncompressed_size;
    md.total_compressed_size += static_cast<int64_t>(stored);
    offset += stored;
    return std::make_pair(page_offset, stored);
  };

  // The last word on the dictionary, with the row group's exact counts (one
  // shorter than the first check was never checked).
  if (dictionary_mode_ && !dict_offsets_.empty() && !DictionaryPays()) FallBackToPlain();
  const bool dictionary = dictionary_mode_ && !dict_offsets_.empty();
  const size_t entries = dict_offsets_.size();
  // Dictionary entries ranked in statistics order (NaN unranked), so that a
  // page's min and max are found by comparing integers.
  std::vector<uint32_t> rank, by_rank;
  constexpr uint32_t kUnranked = UINT32_MAX;
  if (dictionary) {
    std::vector<uint32_t> order(entries);
    std::iota(order.begin(), order.end(), 0);
    auto is_nan = [&](uint32_t i) {
      if (physical_ == kFloatType) return std::isnan(Load<float>(DictionaryEntry(i)));
      if (physical_ == kDoubleType) return std::isnan(Load<double>(DictionaryEntry(i)));
      return false;
    };
    order.erase(std::remove_if(order.begin(), order.end(), is_nan), order.end());
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return Less(DictionaryEntry(a), DictionaryEntry(b)); });
    rank.assign(entries, kUnranked);
    for (size_t r = 0; r < order.size(); ++r) rank[order[r]] = static_cast<uint32_t>(r);
    by_rank = std::move(order);
    md.dictionary_page_offset = static_cast<int64_t>(offset);
    PageHeader dh;
    dh.type = kDictionaryPage;
    dh.dictionary_num_values = static_cast<int32_t>(entries);
    dh.dictionary_encoding = kPlain;
    write_page(dh, std::string(), dict_plain_);
    note_encoding(kPlain);
    note_encoding(kRleDictionary);
    md.statistics.distinct_count = static_cast<int64_t>(entries);
  }
  md.data_page_offset = static_cast<int64_t>(offset);
  chunk.file_offset = md.dictionary_page_offset.value_or(md.data_page_offset);

  // Pages of about page_size_bytes and at most page_row_limit rows.
  const size_t rows = defs_.size();
  const size_t payload = dictionary ? indices_.size() * 2 : plain_.size();
  const size_t pages_by_size = std::max<size_t>(1, (payload + options_.page_size_bytes - 1) / options_.page_size_bytes);
  const size_t rows_per_page =
      std::max<size_t>(1, std::min(options_.page_row_limit, (rows + pages_by_size - 1) / pages_by_size));
  const int index_width = dictionary ? std::max(1, BitWidth(static_cast<uint32_t>(entries ? entries - 1 : 0))) : 0;
  const bool v2 = options_.page_version == 2;

  size_t value_pos = 0;  // next non-null value (index into indices_, or value number in plain_)
  size_t byte_pos = 0;   // byte offset into plain_
  std::string levels, values, delta;
  std::vector<uint32_t> level_scratch;
  std::vector<std::string_view> views;
  std::vector<int32_t> ints32;
  std::vector<int64_t> ints64;
  std::string chunk_min, chunk_max;
  bool chunk_has_bounds = false;
  std::string_view chunk_min_plain, chunk_max_plain;
  std::string chunk_min_storage, chunk_max_storage;
  ColumnIndex& ci = result.column_index;
  OffsetIndex& oi = result.offset_index;
  bool ascending = true, descending = true;
  std::string prev_min, prev_max;
  bool have_prev = false;

  for (size_t start = 0; start < rows || start == 0; start += rows_per_page) {
    const size_t n = std::min(rows_per_page, rows - start);
    size_t present = 0;
    for (size_t i = start; i < start + n; ++i) present += defs_[i];

    levels.clear();
    level_scratch.assign(defs_.begin() + static_cast<ptrdiff_t>(start),
                         defs_.begin() + static_cast<ptrdiff_t>(start + n));
    std::string rle;
    EncodeRleBitPacked(level_scratch.data(), n, 1, rle);
    if (!v2) Put32(levels, static_cast<uint32_t>(rle.size()));
    levels += rle;

    // The page's values, and its min/max as PLAIN values.
    values.clear();
    int32_t encoding = kPlain;
    std::string_view page_min, page_max;
    bool page_bounds = false;
    if (dictionary) {
      values.push_back(static_cast<char>(index_width));
      EncodeRleBitPacked(indices_.data() + value_pos, present, index_width, values);
      encoding = kRleDictionary;
      uint32_t lo = kUnranked, hi = 0;
      bool any = false;
      for (size_t k = 0; k < present; ++k) {
        const uint32_t r = rank[indices_[value_pos + k]];
        if (r == kUnranked) continue;
        lo = std::min(lo, r);
        hi = std::max(hi, r);
        any = true;
      }
      if (any) {
        page_min = DictionaryEntry(by_rank[lo]);
        page_max = DictionaryEntry(by_rank[hi]);
        page_bounds = true;
      }
    } else {
      const size_t begin = byte_pos;
      std::string_view lo, hi;
      auto consider = [&](std::string_view v) {
        if (physical_ == kFloatType && std::isnan(Load<float>(v))) return;
        if (physical_ == kDoubleType && std::isnan(Load<double>(v))) return;
        if (!page_bounds || Less(v, lo)) lo = v;
        if (!page_bounds || Less(hi, v)) hi = v;
        page_bounds = true;
      };
      if (physical_ == kByteArrayType) {
        views.clear();
        for (size_t k = 0; k < present; ++k) {
          const uint32_t len = Get32(plain_.data() + byte_pos);
          std::string_view v(plain_.data() + byte_pos, 4 + len);
          consider(v);
          views.push_back(v.substr(4));
          byte_pos += 4 + len;
        }
        const std::string_view plain(plain_.data() + begin, byte_pos - begin);
        delta.clear();
        if (present > 0) EncodeDeltaLengthByteArray(views.data(), views.size(), delta);
        if (present > 0 && delta.size() < plain.size()) {
          values = delta;
          encoding = kDeltaLengthByteArray;
        } else {
          values.assign(plain.data(), plain.size());
        }
      } else {
        for (size_t k = 0; k < present; ++k) consider(std::string_view(plain_.data() + byte_pos + k * width_, width_));
        byte_pos += present * width_;
        const std::string_view plain(plain_.data() + begin, present * width_);
        if (physical_ == kBooleanType) {
          // PLAIN booleans are bit-packed, least significant bit first.
          values.assign((present + 7) / 8, '\0');
          for (size_t k = 0; k < present; ++k) {
            if (plain[k]) values[k / 8] = static_cast<char>(values[k / 8] | (1 << (k % 8)));
          }
        } else if ((physical_ == kInt32Type || physical_ == kInt64Type) && present >= 32) {
          // Sorted or clustered integers (ids, timestamps) shrink a lot.
          delta.clear();
          if (physical_ == kInt32Type) {
            ints32.resize(present);
            std::memcpy(ints32.data(), plain.data(), plain.size());
            EncodeDeltaBinaryPacked(ints32.data(), present, delta);
          } else {
            ints64.resize(present);
            std::memcpy(ints64.data(), plain.data(), plain.size());
            EncodeDeltaBinaryPacked(ints64.data(), present, delta);
          }
          if (delta.size() * 10 < plain.size() * 8) {
            values = delta;
            encoding = kDeltaBinaryPacked;
          } else {
            values.assign(plain.data(), plain.size());
          }
        } else {
          values.assign(plain.data(), plain.size());
        }
      }
      if (page_bounds) {
        page_min = lo;
        page_max = hi;
      }
    }
    value_pos += present;
    note_encoding(encoding);

    PageHeader ph;
    ph.type = v2 ? kDataPageV2 : kDataPage;
    ph.data.num_values = static_cast<int32_t>(n);
    ph.data.encoding = encoding;
    if (v2) {
      ph.data.num_nulls = static_cast<int32_t>(n - present);
      ph.data.num_rows = static_cast<int32_t>(n);
      ph.data.definition_levels_length = static_cast<int32_t>(levels.size());
      ph.data.repetition_levels_length = 0;
      ph.data.is_compressed = options_.codec != Codec::kUncompressed;
    }
    auto [page_offset, stored] = write_page(ph, levels, values);
    oi.page_locations.push_back(
        {static_cast<int64_t>(page_offset), static_cast<int32_t>(stored), static_cast<int64_t>(start)});

    ci.null_pages.push_back(present == 0);
    ci.null_counts.push_back(static_cast<int64_t>(n - present));
    if (page_bounds) {
      std::string mn = StatisticBytes(page_min, false, true), mx = StatisticBytes(page_max, true, true);
      if (have_prev) {
        // Compare bounds as the type orders them (PLAIN forms for strings).
        ascending = ascending && !Less(page_min, std::string_view(prev_min)) && !Less(page_max, std::string_view(prev_max));
        descending = descending && !Less(std::string_view(prev_min), page_min) && !Less(std::string_view(prev_max), page_max);
      }
      prev_min.assign(page_min.data(), page_min.size());
      prev_max.assign(page_max.data(), page_max.size());
      have_prev = true;
      ci.min_values.push_back(std::move(mn));
      ci.max_values.push_back(std::move(mx));
      if (!chunk_has_bounds || Less(page_min, chunk_min_plain)) {
        chunk_min_storage.assign(page_min.data(), page_min.size());
        chunk_min_plain = chunk_min_storage;
      }
      if (!chunk_has_bounds || Less(chunk_max_plain, page_max)) {
        chunk_max_storage.assign(page_max.data(), page_max.size());
        chunk_max_plain = chunk_max_storage;
      }
      chunk_has_bounds = true;
    } else {
      // A page with no orderable value: empty bounds, flagged by null_pages
      // when it is all NULL (an all-NaN page keeps the index unordered).
      ci.min_values.emplace_back();
      ci.max_values.emplace_back();
      if (present > 0) ascending = descending = false;
    }
    if (rows == 0) break;
  }
  ci.boundary_order = !have_prev ? kUnordered : ascending ? kAscending : descending ? kDescending : kUnordered;
  // An all-NaN page has no bounds a reader could trust: no index then.
  for (size_t i = 0; i < ci.null_pages.size(); ++i) {
    if (!ci.null_pages[i] && ci.min_values[i].empty() && physical_ != kByteArrayType) {
      ci = ColumnIndex();
      break;
    }
  }

  md.statistics.null_count = null_count_;
  if (chunk_has_bounds) {
    std::string mn = StatisticBytes(chunk_min_plain, false, false);
    std::string mx = StatisticBytes(chunk_max_plain, true, false);
    if (mn.size() <= kMaxStatisticBytes && mx.size() <= kMaxStatisticBytes) {
      md.statistics.min_value = std::move(mn);
      md.statistics.max_value = std::move(mx);
    }
  }
  md.encodings = encodings;

  // Reset for the next row group.
  defs_.clear();
  null_count_ = 0;
  plain_.clear();
  indices_.clear();
  dict_plain_.clear();
  dict_offsets_.clear();
  entries_at_last_check_ = values_at_last_check_ = 0;
  dictionary_mode_ = options_.dictionary && physical_ != kBooleanType;
  if (dictionary_mode_) dict_slots_.assign(1024, 0);
  return result;
}

}  // namespace sluice::parquet
