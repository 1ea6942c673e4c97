#include "sluice/formats/parquet/column_chunk_reader.h"

#include <cmath>
#include <cstring>

#include "sluice/common/error.h"
#include "sluice/formats/parquet/byte_stream_split.h"
#include "sluice/formats/parquet/compression.h"
#include "sluice/formats/parquet/delta_encoding.h"
#include "sluice/formats/parquet/page_scratch.h"
#include "sluice/formats/parquet/rle_bit_packing.h"
#include "sluice/types/decimal.h"

namespace sluice::parquet {

namespace {

constexpr int64_t kMaxPageBytes = 1ll << 30;
constexpr size_t kMaxPageEntries = size_t{1} << 26;

// A big-endian two's complement integer of `len` bytes (DECIMAL in
// FIXED_LEN_BYTE_ARRAY and BYTE_ARRAY). False when it needs more than 128
// bits; an empty value is 0.
bool ReadBigEndianDecimal(const uint8_t* p, size_t len, Int128* out) {
  using UInt128 = unsigned __int128;
  const uint8_t extension = len != 0 && (p[0] & 0x80) ? 0xFF : 0x00;
  for (; len > 16; ++p, --len) {
    if (*p != extension) return false;
  }
  if (len == 16 && (p[0] & 0x80) != (extension & 0x80)) return false;
  UInt128 v = extension ? ~UInt128{0} : 0;
  for (size_t i = 0; i < len; ++i) v = (v << 8) | p[i];
  *out = static_cast<Int128>(v);
  return true;
}

float HalfToFloat(uint16_t h) {
  const uint32_t sign = (h >> 15) & 1, exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
  float v;
  if (exponent == 0) v = std::ldexp(static_cast<float>(mantissa), -24);
  else if (exponent == 31) v = mantissa ? NAN : INFINITY;
  else v = std::ldexp(static_cast<float>(mantissa | 0x400), static_cast<int>(exponent) - 25);
  return sign ? -v : v;
}

// 'HH:MM:SS' plus the fraction without trailing zeros.
std::string FormatTime(int64_t micros) {
  if (micros < 0) micros = 0;
  const int64_t seconds = micros / 1000000, fraction = micros % 1000000;
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                        static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  if (fraction) {
    char frac[8];
    std::snprintf(frac, sizeof frac, "%06lld", static_cast<long long>(fraction));
    size_t len = 6;
    while (len > 0 && frac[len - 1] == '0') --len;
    buf[n++] = '.';
    std::memcpy(buf + n, frac, len);
    n += static_cast<int>(len);
  }
  return std::string(buf, static_cast<size_t>(n));
}

std::string FormatUuid(const uint8_t* p) {
  static const char* hex = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
    s.push_back(hex[p[i] >> 4]);
    s.push_back(hex[p[i] & 15]);
  }
  return s;
}

// Copies value `from` of `src` to row `to` of `dst` (same physical width).
template <size_t W>
inline void CopyValue(const uint8_t* src, size_t from, uint8_t* dst, size_t to) {
  std::memcpy(dst + to * W, src + from * W, W);
}

// dst[at + i] = src[from + i] for the rows i whose def is `present`, NULL
// for the others; returns how many values were taken from src.
template <size_t W>
size_t Scatter(const uint8_t* src, size_t from, const uint32_t* defs, uint32_t present, size_t n,
               Vector& dst, size_t at) {
  uint8_t* out = dst.data<uint8_t>();
  size_t k = from;
  for (size_t i = 0; i < n; ++i) {
    if (defs[i] == present) {
      CopyValue<W>(src, k++, out, at + i);
      dst.SetNull(at + i, false);
    } else {
      dst.SetNull(at + i);
    }
  }
  return k - from;
}

// dst[at + i] = dict[indices[k]] for the rows i whose def is `present` (all
// rows when defs is null), k counting those rows; NULL for the others.
// Records each row's code in `codes` when given. Returns the values taken.
template <size_t W>
size_t Gather(const uint8_t* dict, const uint32_t* indices, const uint32_t* defs, uint32_t present, size_t n,
              Vector& dst, size_t at, uint32_t* codes) {
  uint8_t* out = dst.data<uint8_t>();
  if (defs == nullptr) {
    for (size_t i = 0; i < n; ++i) CopyValue<W>(dict, indices[i], out, at + i);
    if (codes) std::memcpy(codes + at, indices, n * sizeof(uint32_t));
    if (!dst.validity().AllValid()) {
      for (size_t i = 0; i < n; ++i) dst.SetNull(at + i, false);
    }
    return n;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    if (defs[i] == present) {
      const uint32_t idx = indices[k++];
      CopyValue<W>(dict, idx, out, at + i);
      if (codes) codes[at + i] = idx;
      dst.SetNull(at + i, false);
    } else {
      if (codes) codes[at + i] = 0;
      dst.SetNull(at + i);
    }
  }
  return k;
}

size_t ScatterValues(const Vector& src, size_t from, const uint32_t* defs, uint32_t present, size_t n,
                     Vector& dst, size_t at) {
  const uint8_t* s = src.data<uint8_t>();
  switch (src.type().PhysicalSize()) {
    case 1: return Scatter<1>(s, from, defs, present, n, dst, at);
    case 2: return Scatter<2>(s, from, defs, present, n, dst, at);
    case 4: return Scatter<4>(s, from, defs, present, n, dst, at);
    case 8: return Scatter<8>(s, from, defs, present, n, dst, at);
    default: return Scatter<16>(s, from, defs, present, n, dst, at);
  }
}

}  // namespace

ColumnChunkReader::ColumnChunkReader(std::string file, const LeafColumn& leaf, const ColumnMetaData& meta,
                                     ChunkBytes bytes)
    : file_(std::move(file)), leaf_(leaf), meta_(meta), bytes_(std::move(bytes)),
      physical_(leaf.element->type.value_or(-1)), type_length_(leaf.element->type_length.value_or(0)),
      page_values_(leaf.type, 1) {
  if (meta_.type != physical_) Corrupt("chunk type differs from the schema");
  PageScratch scratch = AcquirePageScratch(leaf.type);
  page_buffer_ = std::move(scratch.page);
  defs_ = std::move(scratch.defs);
  reps_ = std::move(scratch.reps);
  indices_ = std::move(scratch.indices);
  if (scratch.values) page_values_ = std::move(*scratch.values);
}

ColumnChunkReader::~ColumnChunkReader() {
  PageScratch scratch;
  scratch.page = std::move(page_buffer_);
  scratch.defs = std::move(defs_);
  scratch.reps = std::move(reps_);
  scratch.indices = std::move(indices_);
  scratch.values = std::make_unique<Vector>(std::move(page_values_));
  ReleasePageScratch(std::move(scratch));
}

std::string ColumnChunkReader::Name() const {
  std::string name;
  for (const auto& p : leaf_.path) name += (name.empty() ? "" : ".") + p;
  return name;
}

void ColumnChunkReader::Corrupt(const std::string& what) const {
  throw SluiceError(ErrorCode::kCorruptFile,
                    file_ + ": not a valid Parquet file: column '" + Name() + "' " + what);
}

void ColumnChunkReader::Unsupported(const std::string& what) const {
  throw SluiceError(ErrorCode::kNotSupported, file_ + ": column '" + Name() + "': " + what);
}

void ColumnChunkReader::LoadDictionary(const PageHeader& h, std::string_view payload) {
  auto page = std::make_shared<std::string>(static_cast<size_t>(h.uncompressed_size), '\0');
  if (!Decompress(meta_.codec, payload, *page)) Corrupt("dictionary page does not decompress");
  if (h.dictionary_num_values < 0) Corrupt("dictionary has a negative size");
  dictionary_size_ = static_cast<size_t>(h.dictionary_num_values);
  // Every entry takes at least one byte (booleans a bit).
  if (dictionary_size_ > page->size() * 8 + 1) Corrupt("dictionary larger than its page");
  if (h.dictionary_encoding != kPlain && h.dictionary_encoding != kPlainDictionary) {
    Unsupported("dictionary page encoding " + std::to_string(h.dictionary_encoding) + " is not supported");
  }
  dictionary_ = std::make_shared<Vector>(leaf_.type, std::max<size_t>(dictionary_size_, 1));
  DecodeValues(kPlain, reinterpret_cast<const uint8_t*>(page->data()), page->size(), dictionary_size_,
               *dictionary_, page);
  dictionary_->AddBuffer(page);  // string entries point into the page
  have_dictionary_ = true;
}

bool ColumnChunkReader::LoadPage() {
  for (;;) {
    if (pos_ >= bytes_.size) return false;
    CompactReader r(bytes_.data + pos_, bytes_.size - pos_, file_);
    PageHeader h = ReadPageHeader(r);
    pos_ += r.consumed(bytes_.data + pos_);
    if (h.compressed_size < 0 || h.uncompressed_size < 0 || h.uncompressed_size > kMaxPageBytes ||
        static_cast<uint64_t>(h.compressed_size) > bytes_.size - pos_) {
      Corrupt("has a page of invalid size");
    }
    std::string_view payload(reinterpret_cast<const char*>(bytes_.data + pos_),
                             static_cast<size_t>(h.compressed_size));
    pos_ += static_cast<size_t>(h.compressed_size);
    if (h.type == kDictionaryPage) {
      LoadDictionary(h, payload);
      continue;
    }
    if (h.type != kDataPage && h.type != kDataPageV2) continue;  // index pages

    if (h.data.num_values < 0) Corrupt("has a page with a negative value count");
    const size_t n = static_cast<size_t>(h.data.num_values);
    if (n > static_cast<size_t>(h.uncompressed_size) * 8 + 8 && leaf_.max_def == 0) {
      Corrupt("page claims more values than it can hold");
    }
    // Levels can describe any number of NULLs in a few bytes: bound the
    // entries by the chunk's count and by what any writer puts in a page.
    if (n > static_cast<uint64_t>(std::max<int64_t>(meta_.num_values, 0)) || n > kMaxPageEntries) {
      Corrupt("page claims " + std::to_string(n) + " values, more than its column chunk holds (" +
              std::to_string(meta_.num_values) + ") or any page should (" + std::to_string(kMaxPageEntries) + ")");
    }
    // The decompression buffer is reused unless string values still point
    // into it; it only grows, so it is not cleared again for every page.
    if (!page_buffer_ || page_buffer_.use_count() > 1) page_buffer_ = std::make_shared<std::string>();
    const std::shared_ptr<std::string>& page = page_buffer_;
    bool decompressed = false;
    const uint8_t* p;
    size_t size;
    const uint8_t* rep_data = nullptr;
    const uint8_t* def_data = nullptr;
    size_t rep_bytes = 0, def_bytes = 0;
    if (h.type == kDataPageV2) {
      if (h.data.definition_levels_length < 0 || h.data.repetition_levels_length < 0) {
        Corrupt("page has negative level lengths");
      }
      rep_bytes = static_cast<size_t>(h.data.repetition_levels_length);
      def_bytes = static_cast<size_t>(h.data.definition_levels_length);
      const size_t levels = rep_bytes + def_bytes;
      if (levels > payload.size() || levels > static_cast<size_t>(h.uncompressed_size)) {
        Corrupt("page levels exceed the page");
      }
      rep_data = reinterpret_cast<const uint8_t*>(payload.data());
      def_data = rep_data + rep_bytes;
      std::string_view rest = payload.substr(levels);
      if (h.data.is_compressed && meta_.codec != 0) {
        page->resize(static_cast<size_t>(h.uncompressed_size) - levels);
        if (!Decompress(meta_.codec, rest, *page)) Corrupt("page does not decompress");
        decompressed = true;
        p = reinterpret_cast<const uint8_t*>(page->data());
        size = page->size();
      } else {
        // Values read in place: the chunk's buffer stays alive with them.
        p = reinterpret_cast<const uint8_t*>(rest.data());
        size = rest.size();
      }
    } else {
      if (meta_.codec == 0) {
        if (payload.size() != static_cast<size_t>(h.uncompressed_size)) Corrupt("page sizes disagree");
        p = reinterpret_cast<const uint8_t*>(payload.data());
        size = payload.size();
      } else {
        page->resize(static_cast<size_t>(h.uncompressed_size));
        if (!Decompress(meta_.codec, payload, *page)) Corrupt("page does not decompress");
        decompressed = true;
        p = reinterpret_cast<const uint8_t*>(page->data());
        size = page->size();
      }
      auto take_levels = [&](int32_t encoding, const uint8_t*& data, size_t& bytes) {
        if (encoding != kRle) Unsupported("level encoding " + std::to_string(encoding) + " is not supported");
        if (size < 4) Corrupt("page is truncated");
        uint32_t len;
        std::memcpy(&len, p, 4);
        if (len > size - 4) Corrupt("page levels exceed the page");
        data = p + 4;
        bytes = len;
        p += 4 + len;
        size -= 4 + len;
      };
      if (leaf_.max_rep > 0) take_levels(h.data.repetition_level_encoding, rep_data, rep_bytes);
      if (leaf_.max_def > 0) take_levels(h.data.definition_level_encoding, def_data, def_bytes);
    }

    page_entries_ = n;
    entry_pos_ = 0;
    value_pos_ = 0;
    if (leaf_.max_rep > 0) {
      reps_.resize(n);
      if (!DecodeRleBitPacked(rep_data, rep_bytes, BitWidth(static_cast<uint32_t>(leaf_.max_rep)), n,
                              reps_.data())) {
        Corrupt("has malformed repetition levels");
      }
      for (size_t i = 0; i < n; ++i) {
        if (reps_[i] > static_cast<uint32_t>(leaf_.max_rep)) Corrupt("has a repetition level out of range");
      }
    }
    size_t present = n;
    page_has_nulls_ = false;
    if (leaf_.max_def > 0) {
      defs_.resize(n);
      if (!DecodeRleBitPacked(def_data, def_bytes, BitWidth(static_cast<uint32_t>(leaf_.max_def)), n,
                              defs_.data())) {
        Corrupt("has malformed definition levels");
      }
      const uint32_t max_def = static_cast<uint32_t>(leaf_.max_def);
      present = 0;
      for (size_t i = 0; i < n; ++i) {
        if (defs_[i] > max_def) Corrupt("has a definition level out of range");
        present += defs_[i] == max_def;
      }
      page_has_nulls_ = present != n;
    }
    const int32_t encoding = h.data.encoding;
    page_dictionary_ = false;
    if (encoding == kPlainDictionary || encoding == kRleDictionary) {
      if (!have_dictionary_) Corrupt("uses a dictionary it does not have");
      indices_.resize(present);
      if (present > 0) {
        if (size < 1) Corrupt("page is truncated");
        const int width = p[0];
        if (width > 32) Corrupt("has dictionary indices of " + std::to_string(width) + " bits");
        if (!DecodeRleBitPacked(p + 1, size - 1, width, present, indices_.data())) {
          Corrupt("has malformed dictionary indices");
        }
        uint32_t largest = 0;
        for (size_t i = 0; i < present; ++i) largest = std::max(largest, indices_[i]);
        if (largest >= dictionary_size_) Corrupt("has a dictionary index out of range");
      }
      // Values are gathered straight from the dictionary when read.
      page_dictionary_ = true;
    } else {
      PreparePageValues(present);
      DecodeValues(encoding, p, size, present, page_values_, page);
      // Strings decoded in place point into the page (or the chunk).
      if (leaf_.type.IsStringLike()) page_values_.AddBuffer(decompressed ? page : bytes_.owner);
    }
    return true;
  }
}

void ColumnChunkReader::PreparePageValues(size_t count) {
  if (page_values_.capacity() >= count) page_values_.Reset();
  else page_values_ = Vector(leaf_.type, count);
}

size_t ColumnChunkReader::GatherDictionary(const uint32_t* indices, const uint32_t* defs, uint32_t present,
                                           size_t n, Vector& out, size_t at, uint32_t* codes) const {
  const uint8_t* dict = dictionary_->data<uint8_t>();
  switch (leaf_.type.PhysicalSize()) {
    case 1: return Gather<1>(dict, indices, defs, present, n, out, at, codes);
    case 2: return Gather<2>(dict, indices, defs, present, n, out, at, codes);
    case 4: return Gather<4>(dict, indices, defs, present, n, out, at, codes);
    case 8: return Gather<8>(dict, indices, defs, present, n, out, at, codes);
    default: return Gather<16>(dict, indices, defs, present, n, out, at, codes);
  }
}

void ColumnChunkReader::DecodeValues(int32_t encoding, const uint8_t* p, size_t size, size_t count, Vector& dst,
                                     const std::shared_ptr<std::string>& page) {
  const bool identity = leaf_.conversion == LeafConversion::kIdentity;
  auto bad = [&](const char* what) { Corrupt(std::string("page values ") + what); };
  auto unsupported = [&] {
    Unsupported("encoding " + std::to_string(encoding) + " of physical type " + std::to_string(physical_) +
                " is not supported");
  };
  if (count == 0) return;
  switch (physical_) {
    case kBooleanType: {
      uint8_t* out = dst.data<uint8_t>();
      if (encoding == kPlain) {
        if ((count + 7) / 8 > size) bad("are truncated");
        for (size_t i = 0; i < count; ++i) out[i] = (p[i / 8] >> (i % 8)) & 1;
      } else if (encoding == kRle) {
        if (size < 4) bad("are truncated");
        uint32_t len;
        std::memcpy(&len, p, 4);
        if (len > size - 4) bad("are truncated");
        indices_.resize(count);
        if (!DecodeRleBitPacked(p + 4, len, 1, count, indices_.data())) bad("hold malformed boolean runs");
        for (size_t i = 0; i < count; ++i) out[i] = static_cast<uint8_t>(indices_[i] != 0);
      } else {
        unsupported();
      }
      return;
    }
    case kInt32Type:
    case kInt64Type: {
      const bool is32 = physical_ == kInt32Type;
      const size_t w = is32 ? 4 : 8;
      // Decoded straight into dst when no conversion follows.
      void* raw;
      if (identity) {
        raw = dst.data<uint8_t>();
      } else if (is32) {
        scratch32_.resize(count);
        raw = scratch32_.data();
      } else {
        scratch64_.resize(count);
        raw = scratch64_.data();
      }
      size_t consumed;
      if (encoding == kPlain) {
        if (count > size / w) bad("are truncated");
        std::memcpy(raw, p, count * w);
      } else if (encoding == kDeltaBinaryPacked) {
        const bool ok = is32 ? DecodeDeltaBinaryPacked(p, size, count, static_cast<int32_t*>(raw), &consumed)
                             : DecodeDeltaBinaryPacked(p, size, count, static_cast<int64_t*>(raw), &consumed);
        if (!ok) bad("hold malformed DELTA_BINARY_PACKED data");
      } else if (encoding == kByteStreamSplit) {
        if (!DecodeByteStreamSplit(p, size, size / w, count, w, static_cast<uint8_t*>(raw))) {
          bad("hold malformed BYTE_STREAM_SPLIT data");
        }
      } else {
        unsupported();
      }
      if (!identity) {
        if (is32) ConvertInt32(scratch32_.data(), count, dst);
        else ConvertInt64(scratch64_.data(), count, dst);
      }
      return;
    }
    case kInt96Type: {
      if (encoding != kPlain) unsupported();
      if (count > size / 12) bad("are truncated");
      int64_t* out = dst.data<int64_t>();
      for (size_t i = 0; i < count; ++i) {
        int64_t nanos;
        int32_t julian;
        std::memcpy(&nanos, p + i * 12, 8);
        std::memcpy(&julian, p + i * 12 + 8, 4);
        out[i] = (static_cast<int64_t>(julian) - 2440588) * 86400000000LL + nanos / 1000;
      }
      return;
    }
    case kFloatType:
    case kDoubleType: {
      const size_t w = physical_ == kFloatType ? 4 : 8;
      if (encoding == kPlain) {
        if (count > size / w) bad("are truncated");
        std::memcpy(dst.data<uint8_t>(), p, count * w);
      } else if (encoding == kByteStreamSplit) {
        if (!DecodeByteStreamSplit(p, size, size / w, count, w, dst.data<uint8_t>())) {
          bad("hold malformed BYTE_STREAM_SPLIT data");
        }
      } else {
        unsupported();
      }
      return;
    }
    case kByteArrayType:
    case kFixedLenByteArrayType: {
      StringRef* refs;
      if (identity && leaf_.type.IsStringLike()) {
        refs = dst.data<StringRef>();
      } else {
        scratch_refs_.resize(count);
        refs = scratch_refs_.data();
      }
      size_t consumed;
      if (encoding == kPlain && physical_ == kByteArrayType) {
        size_t pos = 0;
        for (size_t i = 0; i < count; ++i) {
          if (size - pos < 4) bad("are truncated");
          uint32_t len;
          std::memcpy(&len, p + pos, 4);
          if (len > size - pos - 4) bad("are truncated");
          refs[i] = StringRef(reinterpret_cast<const char*>(p + pos + 4), len);
          pos += 4 + len;
        }
      } else if (encoding == kPlain) {
        const size_t len = static_cast<size_t>(type_length_);
        if (len != 0 && count > size / len) bad("are truncated");
        for (size_t i = 0; i < count; ++i) refs[i] = StringRef(reinterpret_cast<const char*>(p + i * len), len);
      } else if (encoding == kDeltaLengthByteArray && physical_ == kByteArrayType) {
        if (!DecodeDeltaLengthByteArray(p, size, count, refs, &consumed)) {
          bad("hold malformed DELTA_LENGTH_BYTE_ARRAY data");
        }
      } else if (encoding == kDeltaByteArray) {
        std::shared_ptr<std::string> arena;
        if (!DecodeDeltaByteArray(p, size, count, arena, refs)) bad("hold malformed DELTA_BYTE_ARRAY data");
        if (arena) dst.AddBuffer(arena);
      } else if (encoding == kByteStreamSplit && physical_ == kFixedLenByteArrayType) {
        const size_t len = static_cast<size_t>(type_length_);
        if (len == 0) bad("are empty");
        auto arena = std::make_shared<std::string>(count * len, '\0');
        if (!DecodeByteStreamSplit(p, size, size / len, count, len, reinterpret_cast<uint8_t*>(arena->data()))) {
          bad("hold malformed BYTE_STREAM_SPLIT data");
        }
        for (size_t i = 0; i < count; ++i) refs[i] = StringRef(arena->data() + i * len, len);
        dst.AddBuffer(arena);
      } else {
        unsupported();
      }
      if (refs != dst.data<StringRef>()) ConvertBytes(refs, count, dst);
      (void)page;
      return;
    }
    default: unsupported();
  }
}

template <typename T>
void ColumnChunkReader::StoreDecimals(const T* v, size_t count, Vector& dst) {
  const bool wide = leaf_.type.PhysicalSize() == 16;
  for (size_t i = 0; i < count; ++i) {
    if (!DecimalFits(v[i], leaf_.type.width())) Corrupt("holds a value out of range for " + leaf_.type.ToString());
    StoreDecimal(dst.data<uint8_t>(), i, wide, v[i]);
  }
}

void ColumnChunkReader::ConvertInt32(const int32_t* v, size_t count, Vector& dst) {
  switch (leaf_.conversion) {
    case LeafConversion::kNarrowInt:
      if (leaf_.type.id() == TypeId::kTinyint) {
        for (size_t i = 0; i < count; ++i) dst.data<int8_t>()[i] = static_cast<int8_t>(v[i]);
      } else {
        for (size_t i = 0; i < count; ++i) dst.data<int16_t>()[i] = static_cast<int16_t>(v[i]);
      }
      return;
    case LeafConversion::kUnsigned32:
      for (size_t i = 0; i < count; ++i) {
        const uint32_t u = static_cast<uint32_t>(v[i]);
        switch (leaf_.type.id()) {
          case TypeId::kSmallint: dst.data<int16_t>()[i] = static_cast<int16_t>(u & 0xFF); break;
          case TypeId::kInteger: dst.data<int32_t>()[i] = static_cast<int32_t>(u & 0xFFFF); break;
          default: dst.data<int64_t>()[i] = u; break;
        }
      }
      return;
    case LeafConversion::kDecimal: StoreDecimals(v, count, dst); return;
    case LeafConversion::kTimeText:
      for (size_t i = 0; i < count; ++i) dst.SetString(i, FormatTime(int64_t{v[i]} * leaf_.multiply / leaf_.divide));
      return;
    default: std::memcpy(dst.data<int32_t>(), v, count * 4); return;
  }
}

void ColumnChunkReader::ConvertInt64(const int64_t* v, size_t count, Vector& dst) {
  switch (leaf_.conversion) {
    case LeafConversion::kTimestampScale: {
      int64_t* out = dst.data<int64_t>();
      for (size_t i = 0; i < count; ++i) {
        if (leaf_.divide != 1) {
          // Nanoseconds: floor to the microsecond, as readers of older times expect.
          out[i] = v[i] / 1000 - (v[i] % 1000 < 0 ? 1 : 0);
        } else if (__builtin_mul_overflow(v[i], leaf_.multiply, &out[i])) {
          Corrupt("holds a timestamp out of range");
        }
      }
      return;
    }
    case LeafConversion::kUnsigned64:
      for (size_t i = 0; i < count; ++i) {
        StoreDecimal(dst.data<uint8_t>(), i, true, static_cast<Int128>(static_cast<uint64_t>(v[i])));
      }
      return;
    case LeafConversion::kDecimal: StoreDecimals(v, count, dst); return;
    case LeafConversion::kTimeText:
      for (size_t i = 0; i < count; ++i) {
        dst.SetString(i, FormatTime(leaf_.divide != 1 ? v[i] / leaf_.divide : v[i] * leaf_.multiply));
      }
      return;
    default: std::memcpy(dst.data<int64_t>(), v, count * 8); return;
  }
}

void ColumnChunkReader::ConvertBytes(const StringRef* v, size_t count, Vector& dst) {
  switch (leaf_.conversion) {
    case LeafConversion::kDecimal: {
      const bool wide = leaf_.type.PhysicalSize() == 16;
      for (size_t i = 0; i < count; ++i) {
        Int128 x;
        if (!ReadBigEndianDecimal(reinterpret_cast<const uint8_t*>(v[i].data()), v[i].size(), &x) ||
            !DecimalFits(x, leaf_.type.width())) {
          Corrupt("holds a value out of range for " + leaf_.type.ToString());
        }
        StoreDecimal(dst.data<uint8_t>(), i, wide, x);
      }
      return;
    }
    case LeafConversion::kUuidText:
      for (size_t i = 0; i < count; ++i) {
        if (v[i].size() != 16) Corrupt("holds a UUID that is not 16 bytes");
        dst.SetString(i, FormatUuid(reinterpret_cast<const uint8_t*>(v[i].data())));
      }
      return;
    case LeafConversion::kFloat16:
      for (size_t i = 0; i < count; ++i) {
        if (v[i].size() != 2) Corrupt("holds a FLOAT16 that is not 2 bytes");
        uint16_t h;
        std::memcpy(&h, v[i].data(), 2);
        dst.data<float>()[i] = HalfToFloat(h);
      }
      return;
    default:
      std::memcpy(dst.data<StringRef>(), v, count * sizeof(StringRef));
      return;
  }
}

void ColumnChunkReader::Read(size_t n, Vector& out, size_t offset) {
  const uint32_t max_def = static_cast<uint32_t>(leaf_.max_def);
  const bool strings = leaf_.type.IsStringLike();
  // Strings of a batch that came wholly from one dictionary keep its codes.
  uint32_t* codes = strings && offset == 0 ? out.MutableDictionaryCodes() : nullptr;
  const Vector* coded_by = nullptr;
  bool all_coded = codes != nullptr;
  while (n > 0) {
    if (entry_pos_ == page_entries_) {
      if (!LoadPage()) Corrupt("has fewer values than its row group has rows");
      continue;
    }
    const size_t k = std::min(n, page_entries_ - entry_pos_);
    const uint32_t* defs = page_has_nulls_ ? defs_.data() + entry_pos_ : nullptr;
    if (page_dictionary_) {
      value_pos_ += GatherDictionary(indices_.data() + value_pos_, defs, max_def, k, out, offset, codes);
      if (strings) out.ShareBuffersOf(*dictionary_);
      if (coded_by != nullptr && coded_by != dictionary_.get()) all_coded = false;
      coded_by = dictionary_.get();
    } else {
      all_coded = false;
      if (defs == nullptr) {
        const size_t w = leaf_.type.PhysicalSize();
        std::memcpy(out.data<uint8_t>() + offset * w, page_values_.data<uint8_t>() + value_pos_ * w, k * w);
        if (!out.validity().AllValid()) {
          for (size_t i = 0; i < k; ++i) out.SetNull(offset + i, false);
        }
        value_pos_ += k;
      } else {
        value_pos_ += ScatterValues(page_values_, value_pos_, defs, max_def, k, out, offset);
      }
      if (strings) out.ShareBuffersOf(page_values_);
    }
    entry_pos_ += k;
    offset += k;
    n -= k;
  }
  if (all_coded && coded_by != nullptr) out.SetDictionary(dictionary_);
}

void ColumnChunkReader::Skip(size_t n) {
  const uint32_t max_def = static_cast<uint32_t>(leaf_.max_def);
  while (n > 0) {
    if (entry_pos_ < page_entries_) {
      const size_t k = std::min(n, page_entries_ - entry_pos_);
      if (page_has_nulls_) {
        for (size_t i = 0; i < k; ++i) value_pos_ += defs_[entry_pos_ + i] == max_def;
      } else {
        value_pos_ += k;
      }
      entry_pos_ += k;
      n -= k;
      continue;
    }
    // Between pages: a data page that lies wholly inside the skip is passed
    // over on its header alone (flat columns: one entry per row).
    if (pos_ >= bytes_.size) Corrupt("has fewer values than its row group has rows");
    CompactReader r(bytes_.data + pos_, bytes_.size - pos_, file_);
    PageHeader h = ReadPageHeader(r);
    const size_t header = r.consumed(bytes_.data + pos_);
    const bool data = h.type == kDataPage || h.type == kDataPageV2;
    if (data && h.data.num_values >= 0 && static_cast<size_t>(h.data.num_values) <= n &&
        h.compressed_size >= 0 && static_cast<uint64_t>(h.compressed_size) <= bytes_.size - pos_ - header) {
      pos_ += header + static_cast<size_t>(h.compressed_size);
      n -= static_cast<size_t>(h.data.num_values);
      continue;
    }
    if (!LoadPage()) Corrupt("has fewer values than its row group has rows");
  }
}

void ColumnChunkReader::ReadRecords(size_t records, LeafLevels& out, bool keep) {
  const uint32_t max_def = static_cast<uint32_t>(leaf_.max_def);
  const bool strings = keep && leaf_.type.IsStringLike();
  auto share_page_strings = [&] {
    out.values.ShareBuffersOf(page_dictionary_ ? *dictionary_ : page_values_);
  };
  if (strings && entry_pos_ < page_entries_) share_page_strings();
  size_t started = 0;
  for (;;) {
    if (entry_pos_ == page_entries_) {
      if (!LoadPage()) return;  // the chunk ends after its last record
      if (strings) share_page_strings();
      continue;
    }
    const uint32_t rep = leaf_.max_rep > 0 ? reps_[entry_pos_] : 0;
    if (rep == 0) {
      if (started == records) return;
      ++started;
    }
    const uint32_t def = leaf_.max_def > 0 ? defs_[entry_pos_] : 0;
    if (keep) {
      out.def.push_back(def);
      out.rep.push_back(rep);
      if (def == max_def) {
        if (out.value_count == out.values.capacity()) {
          out.values.Reserve(out.values.capacity() * 2, out.value_count);
        }
        const size_t w = leaf_.type.PhysicalSize();
        const uint8_t* from = page_dictionary_ ? dictionary_->data<uint8_t>() + indices_[value_pos_] * w
                                               : page_values_.data<uint8_t>() + value_pos_ * w;
        std::memcpy(out.values.data<uint8_t>() + out.value_count * w, from, w);
        ++out.value_count;
      }
    }
    value_pos_ += def == max_def;
    ++entry_pos_;
  }
}

}  // namespace sluice::parquet
