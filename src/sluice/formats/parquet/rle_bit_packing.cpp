#include "sluice/formats/parquet/rle_bit_packing.h"

#include <algorithm>

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

}  // namespace

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
