#include "sluice/formats/parquet/rle_bit_packing.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace sluice::parquet {

namespace {

void PutVarint(uint64_t v, std::string& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

size_t RunLength(const uint32_t* v, size_t i, size_t n) {
  size_t j = i + 1;
  while (j < n && v[j] == v[i]) ++j;
  return j - i;
}

// --- UnpackBits --------------------------------------------------------------
// A group of 32 values of W bits is exactly 4 * W bytes. Value I starts at bit
// I * W: one unaligned 64-bit load at its byte holds it whole for W <= 56; wider
// values spill into a ninth byte. The loads of a group touch at most
// 4 * W + 8 bytes from its start (GroupReadBytes).
//
// kScan fuses DELTA_BINARY_PACKED's running sum into the unpacking: each value
// leaves the register it was unpacked in as `run += add + value`. (Storing
// the values and summing them in a second pass is twice as slow: the second
// pass's loads wait on the first pass's stores.)
constexpr size_t GroupReadBytes(int w) { return 4 * static_cast<size_t>(w) + 8; }

inline uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;  // x86-64 and every other target sluice builds for are little-endian
}

template <typename T, int W, bool kScan, int I>
inline void UnpackOne(const uint8_t* in, T* out, T add, T& run) {
  constexpr int kBit = I * W;
  constexpr int kByte = kBit / 8;
  constexpr int kShift = kBit % 8;
  constexpr uint64_t kMask = W == 64 ? ~uint64_t{0} : (uint64_t{1} << W) - 1;
  uint64_t v = Load64(in + kByte) >> kShift;
  if constexpr (kShift + W > 64) v |= static_cast<uint64_t>(in[kByte + 8]) << (64 - kShift);
  const T x = static_cast<T>(v & kMask);
  if constexpr (kScan) {
    run = static_cast<T>(run + add + x);
    out[I] = run;
  } else {
    out[I] = x;
  }
}

template <typename T, int W, bool kScan, int... I>
inline T Unpack32Impl(const uint8_t* in, T* out, T add, T run, std::integer_sequence<int, I...>) {
  (UnpackOne<T, W, kScan, I>(in, out, add, run), ...);
  return run;
}

// Unpacks 32 values; GroupReadBytes(W) bytes must be readable at `in`.
template <typename T, int W, bool kScan>
T Unpack32(const uint8_t* in, T* out, T add, T run) {
  return Unpack32Impl<T, W, kScan>(in, out, add, run, std::make_integer_sequence<int, 32>{});
}

template <typename T>
using Unpack32Fn = T (*)(const uint8_t*, T*, T, T);

template <typename T, bool kScan, int... W>
constexpr std::array<Unpack32Fn<T>, sizeof...(W)> MakeUnpackTable(std::integer_sequence<int, W...>) {
  return {&Unpack32<T, W, kScan>...};
}

template <typename T, bool kScan>
constexpr auto kUnpack32 =
    MakeUnpackTable<T, kScan>(std::make_integer_sequence<int, static_cast<int>(sizeof(T) * 8) + 1>{});

// The last values, too close to the end of the input for wide loads: each
// group goes through a zero-padded copy. Out of line, so the hot path above
// keeps a small frame.
template <typename T>
[[gnu::noinline]] T UnpackTail(const uint8_t* in, size_t w, size_t count, T* out, T add, T sum,
                               Unpack32Fn<T> unpack) {
  for (size_t i = 0; i < count; i += 32) {
    alignas(8) uint8_t padded[GroupReadBytes(64)] = {};
    const size_t n = std::min<size_t>(32, count - i);
    std::memcpy(padded, in + i / 8 * w, (n * w + 7) / 8);
    T values[32];
    unpack(padded, values, add, sum);
    std::copy(values, values + n, out + i);
    sum = values[n - 1];
  }
  return sum;
}

template <typename T, bool kScan>
bool UnpackBitsImpl(const uint8_t* in, size_t size, int bit_width, size_t count, T* out, T add, T* run) {
  constexpr int kMaxWidth = static_cast<int>(sizeof(T) * 8);
  if (bit_width < 0 || bit_width > kMaxWidth) return false;
  const size_t w = static_cast<size_t>(bit_width);
  // count * w cannot overflow for counts that fit in memory; check anyway.
  if (count > SIZE_MAX / 64) return false;
  const size_t needed = (count * w + 7) / 8;
  if (size < needed) return false;
  T sum = kScan ? *run : T{0};
  if (w == 0) {
    if constexpr (kScan) {
      for (size_t i = 0; i < count; ++i) out[i] = sum = static_cast<T>(sum + add);
      *run = sum;
    } else {
      std::fill(out, out + count, T{0});
    }
    return true;
  }
  const Unpack32Fn<T> unpack = kUnpack32<T, kScan>[w];
  const size_t group_bytes = 4 * w;
  const size_t read_bytes = GroupReadBytes(bit_width);
  size_t i = 0;
  size_t offset = 0;
  while (count - i >= 32 && size - offset >= read_bytes) {
    sum = unpack(in + offset, out + i, add, sum);
    i += 32;
    offset += group_bytes;
  }
  if (i < count) sum = UnpackTail<T>(in + offset, w, count - i, out + i, add, sum, unpack);
  if constexpr (kScan) *run = sum;
  return true;
}

}  // namespace

bool UnpackBits(const uint8_t* in, size_t size, int bit_width, size_t count, uint32_t* out) {
  return UnpackBitsImpl<uint32_t, false>(in, size, bit_width, count, out, 0, nullptr);
}

bool UnpackBits(const uint8_t* in, size_t size, int bit_width, size_t count, uint64_t* out) {
  return UnpackBitsImpl<uint64_t, false>(in, size, bit_width, count, out, 0, nullptr);
}

bool UnpackBitsRunningSum(const uint8_t* in, size_t size, int bit_width, size_t count, uint32_t add,
                          uint32_t* run, uint32_t* out) {
  return UnpackBitsImpl<uint32_t, true>(in, size, bit_width, count, out, add, run);
}

bool UnpackBitsRunningSum(const uint8_t* in, size_t size, int bit_width, size_t count, uint64_t add,
                          uint64_t* run, uint64_t* out) {
  return UnpackBitsImpl<uint64_t, true>(in, size, bit_width, count, out, add, run);
}

int BitWidth(uint32_t max_value) {
  int w = 0;
  while (max_value) {
    ++w;
    max_value >>= 1;
  }
  return w;
}

void EncodeRleBitPacked(const uint32_t* values, size_t count, int bit_width, std::string& out) {
  const size_t value_bytes = static_cast<size_t>((bit_width + 7) / 8);
  size_t i = 0;
  while (i < count) {
    size_t run = RunLength(values, i, count);
    if (run >= 8 || bit_width == 0) {
      PutVarint(static_cast<uint64_t>(run) << 1, out);
      uint32_t v = values[i];
      for (size_t b = 0; b < value_bytes; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
      i += run;
      continue;
    }
    // Bit-pack groups of 8 until a long run begins at a group boundary.
    size_t start = i;
    size_t groups = 0;
    while (i < count) {
      if (groups > 0 && RunLength(values, i, count) >= 8) break;
      i += 8;
      ++groups;
    }
    PutVarint((static_cast<uint64_t>(groups) << 1) | 1, out);
    uint64_t acc = 0;
    int bits = 0;
    for (size_t k = start; k < start + groups * 8; ++k) {
      uint64_t v = k < count ? values[k] : 0;  // the last group is zero-padded
      acc |= v << bits;
      bits += bit_width;
      while (bits >= 8) {
        out.push_back(static_cast<char>(acc & 0xFF));
        acc >>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) out.push_back(static_cast<char>(acc & 0xFF));
  }
}

bool DecodeRleBitPacked(const uint8_t* data, size_t size, int bit_width, size_t count,
                        uint32_t* out) {
  if (bit_width < 0 || bit_width > 32) return false;
  const uint8_t* p = data;
  const uint8_t* end = data + size;
  const size_t value_bytes = static_cast<size_t>((bit_width + 7) / 8);
  const uint64_t mask = bit_width == 32 ? 0xFFFFFFFFull : ((uint64_t{1} << bit_width) - 1);
  size_t done = 0;
  while (done < count) {
    uint64_t header = 0;
    for (int shift = 0;; shift += 7) {
      if (p >= end || shift > 63) return false;
      uint8_t b = *p++;
      header |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
    }
    if (header & 1) {
      size_t values = (header >> 1) * 8;
      size_t bytes = (values * static_cast<size_t>(bit_width) + 7) / 8;
      if (static_cast<size_t>(end - p) < bytes) {
        // Writers may truncate the padding of the last group.
        bytes = static_cast<size_t>(end - p);
      }
      uint64_t acc = 0;
      int bits = 0;
      const uint8_t* q = p;
      for (size_t k = 0; k < values && done < count; ++k) {
        while (bits < bit_width) {
          if (q >= p + bytes) return false;
          acc |= static_cast<uint64_t>(*q++) << bits;
          bits += 8;
        }
        out[done++] = static_cast<uint32_t>(acc & mask);
        acc >>= bit_width;
        bits -= bit_width;
      }
      p += bytes;
    } else {
      size_t run = header >> 1;
      if (static_cast<size_t>(end - p) < value_bytes) return false;
      uint32_t v = 0;
      for (size_t b = 0; b < value_bytes; ++b) v |= static_cast<uint32_t>(p[b]) << (8 * b);
      p += value_bytes;
      if (run == 0) return false;
      size_t take = std::min(run, count - done);
      std::fill(out + done, out + done + take, v);
      done += take;
    }
  }
  return true;
}

}  // namespace sluice::parquet
