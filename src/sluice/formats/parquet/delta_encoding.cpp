#include "sluice/formats/parquet/delta_encoding.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#ifdef __AVX2__
#include <immintrin.h>
#endif
#include <limits>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "sluice/formats/parquet/rle_bit_packing.h"

namespace sluice::parquet {

namespace {

constexpr uint64_t kBlockSize = 128;
constexpr uint64_t kMiniblocks = 4;
constexpr uint64_t kMiniblockValues = kBlockSize / kMiniblocks;
// Larger headers are hostile: no writer uses blocks of more than a few
// thousand values, and the limit keeps every size computation far from
// overflow.
constexpr uint64_t kMaxBlockSize = uint64_t{1} << 24;
constexpr uint64_t kMaxArenaBytes = std::numeric_limits<uint32_t>::max();

void PutVarint(uint64_t v, std::string& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }

uint64_t UnZigZag(uint64_t v) { return (v >> 1) ^ (~(v & 1) + 1); }

// ULEB128 of at most 10 bytes whose value fits in 64 bits.
bool GetVarint(const uint8_t*& p, const uint8_t* end, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p >= end) return false;
    const uint8_t b = *p++;
    if (shift == 63 && b > 1) return false;
    result |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *v = result;
      return true;
    }
  }
  return false;
}

struct Header {
  uint64_t block_size;
  uint64_t miniblocks;
  uint64_t miniblock_values;
  uint64_t total;
  uint64_t first;  // zigzag-decoded, as two's complement bits
};

bool ReadHeader(const uint8_t*& p, const uint8_t* end, Header* h) {
  uint64_t first;
  if (!GetVarint(p, end, &h->block_size) || !GetVarint(p, end, &h->miniblocks) ||
      !GetVarint(p, end, &h->total) || !GetVarint(p, end, &first)) {
    return false;
  }
  if (h->block_size == 0 || h->block_size > kMaxBlockSize || h->miniblocks == 0 ||
      h->block_size % h->miniblocks != 0) {
    return false;
  }
  h->miniblock_values = h->block_size / h->miniblocks;
  // Miniblocks of whole bytes at every bit width (the spec asks for multiples of 32).
  if (h->miniblock_values % 8 != 0) return false;
  h->first = UnZigZag(first);
  return true;
}

template <typename T>
bool DecodeDeltaBinaryPackedImpl(const uint8_t* data, size_t size, size_t count, T* out,
                                 size_t* consumed) {
  using U = std::make_unsigned_t<T>;
  constexpr unsigned kMaxWidth = sizeof(T) * 8;
  const uint8_t* p = data;
  const uint8_t* const end = data + size;
  Header h;
  if (!ReadHeader(p, end, &h)) return false;
  if (count > h.total) return false;
  // Signed and unsigned variants of one type may alias: decode in the
  // unsigned domain, where overflow wraps as the spec asks.
  U* const values = reinterpret_cast<U*>(out);
  U prev = static_cast<U>(h.first);
  size_t done = 0;
  if (count > 0) values[done++] = prev;
  uint64_t deltas_left = h.total == 0 ? 0 : h.total - 1;
  std::vector<uint64_t> wide;
  if constexpr (kMaxWidth < 64) wide.resize(static_cast<size_t>(h.miniblock_values));
  // Each block takes at least two bytes, so hostile total counts end at the
  // end of the input.
  while (deltas_left > 0) {
    uint64_t min_delta_zz;
    if (!GetVarint(p, end, &min_delta_zz)) return false;
    const U min_delta = static_cast<U>(UnZigZag(min_delta_zz));
    if (static_cast<uint64_t>(end - p) < h.miniblocks) return false;
    const uint8_t* const widths = p;
    p += h.miniblocks;
    const uint64_t in_block = std::min(deltas_left, h.block_size);
    const uint64_t needed = (in_block + h.miniblock_values - 1) / h.miniblock_values;
    for (uint64_t m = 0; m < needed; ++m) {
      const unsigned width = widths[m];
      if (width > 64) return false;
      const uint64_t body = h.miniblock_values * width / 8;
      if (static_cast<uint64_t>(end - p) < body) return false;
      if (done < count) {
        const size_t n = static_cast<size_t>(
            std::min<uint64_t>({h.miniblock_values, in_block - m * h.miniblock_values, count - done}));
        U* const dst = values + done;
        if (width <= kMaxWidth) {
          if (!UnpackBitsRunningSum(p, static_cast<size_t>(end - p), static_cast<int>(width), n, min_delta,
                                    &prev, dst)) {
            return false;
          }
        } else {
          // Wider than T: a writer that took T's deltas in 64 bits (DuckDB
          // does for INT32). Sums wrap in T, so only the low bits count.
          if (!UnpackBits(p, static_cast<size_t>(end - p), static_cast<int>(width), n, wide.data())) return false;
          for (size_t k = 0; k < n; ++k) {
            prev = static_cast<U>(prev + static_cast<U>(wide[k]) + min_delta);
            dst[k] = prev;
          }
        }
        done += n;
      }
      p += body;
    }
    deltas_left -= in_block;
  }
  *consumed = static_cast<size_t>(p - data);
  return true;
}

// Packs 32 values (each below 2^W) into exactly 4 * W bytes at dst. With W
// known and the loop unrolled, every shift and flush point is a constant.
template <typename U, unsigned W>
void Pack32(const U* v, char* dst) {
  if constexpr (W > 0) {
    uint64_t acc = 0;
    unsigned bits = 0;
#pragma GCC unroll 32
    for (int i = 0; i < 32; ++i) {
      const uint64_t x = v[i];
      acc |= x << bits;
      bits += W;
      if (bits >= 64) {
        std::memcpy(dst, &acc, 8);
        dst += 8;
        bits -= 64;
        acc = bits == 0 ? 0 : x >> (W - bits);
      }
    }
    // 32 * W bits are whole bytes; at most 7 remain.
    std::memcpy(dst, &acc, bits / 8);
  }
}

template <typename U>
using Pack32Fn = void (*)(const U*, char*);

template <typename U, unsigned... W>
constexpr std::array<Pack32Fn<U>, sizeof...(W)> MakePackTable(std::integer_sequence<unsigned, W...>) {
  return {&Pack32<U, W>...};
}

template <typename U>
constexpr auto kPack32 = MakePackTable<U>(std::make_integer_sequence<unsigned, sizeof(U) * 8 + 1>{});

template <typename T>
void EncodeDeltaBinaryPackedImpl(const T* values, size_t count, std::string& out) {
  using U = std::make_unsigned_t<T>;
  PutVarint(kBlockSize, out);
  PutVarint(kMiniblocks, out);
  PutVarint(count, out);
  PutVarint(ZigZag(count == 0 ? 0 : static_cast<int64_t>(values[0])), out);
  if (count <= 1) return;
  U deltas[kBlockSize];
  for (size_t start = 1; start < count; start += kBlockSize) {
    const size_t n = std::min<size_t>(kBlockSize, count - start);
    // Deltas wrap around in T's width; the minimum is taken as signed.
    for (size_t k = 0; k < n; ++k) {
      deltas[k] = static_cast<U>(static_cast<U>(values[start + k]) - static_cast<U>(values[start + k - 1]));
    }
    T min_delta = static_cast<T>(deltas[0]);
    for (size_t k = 1; k < n; ++k) min_delta = std::min(min_delta, static_cast<T>(deltas[k]));
    const U min_u = static_cast<U>(min_delta);
    for (size_t k = 0; k < n; ++k) deltas[k] = static_cast<U>(deltas[k] - min_u);
    std::fill(deltas + n, deltas + kBlockSize, U{0});  // padding of the last miniblock

    unsigned widths[kMiniblocks] = {};
    const size_t used = (n + kMiniblockValues - 1) / kMiniblockValues;
    size_t body = 0;
    for (size_t m = 0; m < used; ++m) {
      U bits = 0;
      for (size_t k = 0; k < kMiniblockValues; ++k) bits |= deltas[m * kMiniblockValues + k];
      widths[m] = static_cast<unsigned>(std::bit_width(bits));
      body += widths[m] * kMiniblockValues / 8;
    }
    PutVarint(ZigZag(static_cast<int64_t>(min_delta)), out);
    for (unsigned w : widths) out.push_back(static_cast<char>(w));
    size_t pos = out.size();
    out.resize(pos + body);
    for (size_t m = 0; m < used; ++m) {
      kPack32<U>[widths[m]](deltas + m * kMiniblockValues, out.data() + pos);
      pos += widths[m] * kMiniblockValues / 8;
    }
  }
}

size_t CommonPrefix(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i + 8 <= n) {
    uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return i + static_cast<size_t>(std::countr_zero(x ^ y)) / 8;
    i += 8;
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

void EncodeDeltaBinaryPacked(const int32_t* values, size_t count, std::string& out) {
  EncodeDeltaBinaryPackedImpl(values, count, out);
}

void EncodeDeltaBinaryPacked(const int64_t* values, size_t count, std::string& out) {
  EncodeDeltaBinaryPackedImpl(values, count, out);
}

bool DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, size_t count, int32_t* out,
                             size_t* consumed) {
  return DecodeDeltaBinaryPackedImpl(data, size, count, out, consumed);
}

bool DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, size_t count, int64_t* out,
                             size_t* consumed) {
  return DecodeDeltaBinaryPackedImpl(data, size, count, out, consumed);
}

bool DeltaBinaryPackedCount(const uint8_t* data, size_t size, uint64_t* count) {
  const uint8_t* p = data;
  Header h;
  if (!ReadHeader(p, data + size, &h)) return false;
  *count = h.total;
  return true;
}

void EncodeDeltaLengthByteArray(const std::string_view* values, size_t count, std::string& out) {
  std::vector<int32_t> lengths(count);
  size_t bytes = 0;
  for (size_t i = 0; i < count; ++i) {
    lengths[i] = static_cast<int32_t>(values[i].size());
    bytes += values[i].size();
  }
  EncodeDeltaBinaryPacked(lengths.data(), count, out);
  out.reserve(out.size() + bytes);
  for (size_t i = 0; i < count; ++i) out.append(values[i]);
}

bool DecodeDeltaLengthByteArray(const uint8_t* data, size_t size, size_t count, StringRef* out,
                                size_t* consumed) {
  std::vector<int32_t> lengths(count);
  size_t used;
  if (!DecodeDeltaBinaryPacked(data, size, count, lengths.data(), &used)) return false;
  const char* p = reinterpret_cast<const char*>(data) + used;
  size_t left = size - used;
  for (size_t i = 0; i < count; ++i) {
    const int32_t len = lengths[i];
    if (len < 0 || static_cast<size_t>(len) > left) return false;
    // Built in place: assigning a temporary goes through the stack, and
    // reloading its halves as one 16-byte value stalls store forwarding.
    new (&out[i]) StringRef(p, static_cast<uint32_t>(len));
    p += len;
    left -= static_cast<size_t>(len);
  }
  *consumed = size - left;
  return true;
}

void EncodeDeltaByteArray(const std::string_view* values, size_t count, std::string& out) {
  std::vector<int32_t> prefixes(count);
  std::vector<std::string_view> suffixes(count);
  std::string_view prev;
  for (size_t i = 0; i < count; ++i) {
    const size_t prefix = CommonPrefix(prev, values[i]);
    prefixes[i] = static_cast<int32_t>(prefix);
    suffixes[i] = values[i].substr(prefix);
    prev = values[i];
  }
  EncodeDeltaBinaryPacked(prefixes.data(), count, out);
  EncodeDeltaLengthByteArray(suffixes.data(), count, out);
}

bool DecodeDeltaByteArray(const uint8_t* data, size_t size, size_t count,
                          std::shared_ptr<std::string>& arena, StringRef* out) {
  std::vector<int32_t> prefixes(count);
  std::vector<int32_t> suffixes(count);
  size_t used;
  if (!DecodeDeltaBinaryPacked(data, size, count, prefixes.data(), &used)) return false;
  size_t suffix_used;
  if (!DecodeDeltaBinaryPacked(data + used, size - used, count, suffixes.data(), &suffix_used)) return false;
  const char* src = reinterpret_cast<const char*>(data) + used + suffix_used;
  const char* const src_end = reinterpret_cast<const char*>(data) + size;
  // Validate everything and size the arena before touching a byte.
  uint64_t suffix_bytes = 0;
  uint64_t total = 0;
  uint64_t prev_len = 0;
  for (size_t i = 0; i < count; ++i) {
    const int32_t prefix = prefixes[i];
    const int32_t suffix = suffixes[i];
    if (prefix < 0 || suffix < 0 || static_cast<uint64_t>(prefix) > prev_len) return false;
    suffix_bytes += static_cast<uint64_t>(suffix);
    prev_len = static_cast<uint64_t>(prefix) + static_cast<uint64_t>(suffix);
    if (prev_len > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) return false;
    total += prev_len;
    if (total > kMaxArenaBytes || suffix_bytes > static_cast<uint64_t>(src_end - src)) return false;
  }
  auto buffer = std::make_shared<std::string>(static_cast<size_t>(total), '\0');
  char* dst = buffer->data();
  char* const dst_end = dst + buffer->size();
  const char* const src_begin = reinterpret_cast<const char*>(data);
  const char* prev = dst;
  size_t i = 0;
  while (i < count) {
#ifdef __AVX2__
    // Values of up to 32 bytes are assembled in a register: `cur` holds the
    // previous value, a load from src - prefix puts the suffix at byte
    // `prefix`, and a blend keeps cur's first `prefix` bytes. Copying the
    // prefix back out of the arena instead makes each value wait for the
    // previous one's stores. This loop makes no calls, so nothing spills.
    const __m256i iota = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                                          20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    if (dst_end - dst >= 32) {
      __m256i cur = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(prev));  // prev <= dst
      for (; i < count; ++i) {
        const size_t prefix = static_cast<size_t>(prefixes[i]);
        const size_t suffix = static_cast<size_t>(suffixes[i]);
        const size_t len = prefix + suffix;
        if (len > 32 || static_cast<size_t>(src - src_begin) < prefix ||
            static_cast<size_t>(src_end - src) + prefix < 32 || dst_end - dst < 32) {
          break;
        }
        const __m256i shifted = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src - prefix));
        const __m256i keep = _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(prefix)), iota);
        cur = _mm256_blendv_epi8(shifted, cur, keep);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), cur);  // the excess lands where later values go
        new (&out[i]) StringRef(dst, static_cast<uint32_t>(len));
        src += suffix;
        prev = dst;
        dst += len;
      }
      if (i == count) break;
    }
#endif
    const size_t prefix = static_cast<size_t>(prefixes[i]);
    const size_t suffix = static_cast<size_t>(suffixes[i]);
    std::memmove(dst, prev, prefix);
    std::memcpy(dst + prefix, src, suffix);
    // Built in place (see DecodeDeltaLengthByteArray).
    new (&out[i]) StringRef(dst, static_cast<uint32_t>(prefix + suffix));
    src += suffix;
    prev = dst;
    dst += prefix + suffix;
    ++i;
  }
  arena = std::move(buffer);
  return true;
}

}  // namespace sluice::parquet
