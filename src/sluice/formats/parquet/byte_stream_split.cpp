#include "sluice/formats/parquet/byte_stream_split.h"

#include <cstring>
#ifdef __SSSE3__
#include <immintrin.h>
#endif

namespace sluice::parquet {

namespace {

// Scalar transposition, used for odd widths and for the values left over by
// the SIMD loops (`begin` is the first value still to do).
void ScatterScalar(const uint8_t* values, size_t begin, size_t count, size_t width, uint8_t* streams) {
  for (size_t s = 0; s < width; ++s) {
    uint8_t* dst = streams + s * count;
    for (size_t i = begin; i < count; ++i) dst[i] = values[i * width + s];
  }
}

void GatherScalar(const uint8_t* streams, size_t total, size_t begin, size_t count, size_t width,
                  uint8_t* out) {
  for (size_t i = begin; i < count; ++i) {
    for (size_t s = 0; s < width; ++s) out[i * width + s] = streams[s * total + i];
  }
}

#ifdef __SSSE3__
// 16 values per step: width registers of 16 values' bytes on one side, the
// same bytes as 16 / width whole values per register on the other. Decoding
// interleaves the streams with unpack stages; encoding groups each register's
// bytes by stream with a shuffle, then transposes the lanes.

inline __m128i Load(const uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline void Store(uint8_t* p, __m128i v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v); }

size_t Gather2(const uint8_t* streams, size_t total, size_t count, uint8_t* out) {
  size_t i = 0;
  for (; i + 16 <= count; i += 16) {
    const __m128i s0 = Load(streams + i);
    const __m128i s1 = Load(streams + total + i);
    Store(out + 2 * i, _mm_unpacklo_epi8(s0, s1));
    Store(out + 2 * i + 16, _mm_unpackhi_epi8(s0, s1));
  }
  return i;
}

size_t Gather4(const uint8_t* streams, size_t total, size_t count, uint8_t* out) {
  size_t i = 0;
  for (; i + 16 <= count; i += 16) {
    const __m128i s0 = Load(streams + i);
    const __m128i s1 = Load(streams + total + i);
    const __m128i s2 = Load(streams + 2 * total + i);
    const __m128i s3 = Load(streams + 3 * total + i);
    const __m128i a = _mm_unpacklo_epi8(s0, s1);  // bytes 0-1 of values 0-7
    const __m128i b = _mm_unpackhi_epi8(s0, s1);  // ... of values 8-15
    const __m128i c = _mm_unpacklo_epi8(s2, s3);  // bytes 2-3
    const __m128i d = _mm_unpackhi_epi8(s2, s3);
    uint8_t* dst = out + 4 * i;
    Store(dst, _mm_unpacklo_epi16(a, c));
    Store(dst + 16, _mm_unpackhi_epi16(a, c));
    Store(dst + 32, _mm_unpacklo_epi16(b, d));
    Store(dst + 48, _mm_unpackhi_epi16(b, d));
  }
  return i;
}

size_t Gather8(const uint8_t* streams, size_t total, size_t count, uint8_t* out) {
  size_t i = 0;
  for (; i + 16 <= count; i += 16) {
    __m128i s[8];
    for (int k = 0; k < 8; ++k) s[k] = Load(streams + static_cast<size_t>(k) * total + i);
    __m128i pairs[8];  // [2j] values 0-7, [2j+1] values 8-15, bytes 2j and 2j+1
    for (int j = 0; j < 4; ++j) {
      pairs[2 * j] = _mm_unpacklo_epi8(s[2 * j], s[2 * j + 1]);
      pairs[2 * j + 1] = _mm_unpackhi_epi8(s[2 * j], s[2 * j + 1]);
    }
    __m128i quads[8];  // [h][q]: bytes 4h-4h+3 of values 4q-4q+3
    for (int h = 0; h < 2; ++h) {
      const __m128i* p = pairs + 4 * h;
      quads[4 * h + 0] = _mm_unpacklo_epi16(p[0], p[2]);
      quads[4 * h + 1] = _mm_unpackhi_epi16(p[0], p[2]);
      quads[4 * h + 2] = _mm_unpacklo_epi16(p[1], p[3]);
      quads[4 * h + 3] = _mm_unpackhi_epi16(p[1], p[3]);
    }
    uint8_t* dst = out + 8 * i;
    for (int q = 0; q < 4; ++q) {
      Store(dst + 32 * q, _mm_unpacklo_epi32(quads[q], quads[4 + q]));
      Store(dst + 32 * q + 16, _mm_unpackhi_epi32(quads[q], quads[4 + q]));
    }
  }
  return i;
}

size_t Scatter2(const uint8_t* values, size_t count, uint8_t* streams) {
  const __m128i group = _mm_setr_epi8(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
  size_t i = 0;
  for (; i + 16 <= count; i += 16) {
    const __m128i v0 = _mm_shuffle_epi8(Load(values + 2 * i), group);  // stream 0 | stream 1
    const __m128i v1 = _mm_shuffle_epi8(Load(values + 2 * i + 16), group);
    Store(streams + i, _mm_unpacklo_epi64(v0, v1));
    Store(streams + count + i, _mm_unpackhi_epi64(v0, v1));
  }
  return i;
}

size_t Scatter4(const uint8_t* values, size_t count, uint8_t* streams) {
  const __m128i group = _mm_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
  size_t i = 0;
  for (; i + 16 <= count; i += 16) {
    const uint8_t* src = values + 4 * i;
    // Dword s of v[k]: byte s of values 4k-4k+3.
    const __m128i v0 = _mm_shuffle_epi8(Load(src), group);
    const __m128i v1 = _mm_shuffle_epi8(Load(src + 16), group);
    const __m128i v2 = _mm_shuffle_epi8(Load(src + 32), group);
    const __m128i v3 = _mm_shuffle_epi8(Load(src + 48), group);
    const __m128i t0 = _mm_unpacklo_epi32(v0, v1);
    const __m128i t1 = _mm_unpackhi_epi32(v0, v1);
    const __m128i t2 = _mm_unpacklo_epi32(v2, v3);
    const __m128i t3 = _mm_unpackhi_epi32(v2, v3);
    Store(streams + i, _mm_unpacklo_epi64(t0, t2));
    Store(streams + count + i, _mm_unpackhi_epi64(t0, t2));
    Store(streams + 2 * count + i, _mm_unpacklo_epi64(t1, t3));
    Store(streams + 3 * count + i, _mm_unpackhi_epi64(t1, t3));
  }
  return i;
}

size_t Scatter8(const uint8_t* values, size_t count, uint8_t* streams) {
  const __m128i group = _mm_setr_epi8(0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
  size_t i = 0;
  for (; i + 16 <= count; i += 16) {
    const uint8_t* src = values + 8 * i;
    __m128i v[8];  // word s of v[k]: byte s of values 2k, 2k+1
    for (int k = 0; k < 8; ++k) v[k] = _mm_shuffle_epi8(Load(src + 16 * k), group);
    // 8x8 transpose of 16-bit words.
    __m128i a[8], b[8];
    for (int k = 0; k < 4; ++k) {
      a[2 * k] = _mm_unpacklo_epi16(v[2 * k], v[2 * k + 1]);
      a[2 * k + 1] = _mm_unpackhi_epi16(v[2 * k], v[2 * k + 1]);
    }
    for (int k = 0; k < 2; ++k) {
      const __m128i* p = a + 4 * k;
      b[4 * k + 0] = _mm_unpacklo_epi32(p[0], p[2]);
      b[4 * k + 1] = _mm_unpackhi_epi32(p[0], p[2]);
      b[4 * k + 2] = _mm_unpacklo_epi32(p[1], p[3]);
      b[4 * k + 3] = _mm_unpackhi_epi32(p[1], p[3]);
    }
    for (int s = 0; s < 4; ++s) {
      Store(streams + static_cast<size_t>(2 * s) * count + i, _mm_unpacklo_epi64(b[s], b[4 + s]));
      Store(streams + static_cast<size_t>(2 * s + 1) * count + i, _mm_unpackhi_epi64(b[s], b[4 + s]));
    }
  }
  return i;
}
#endif

}  // namespace

void EncodeByteStreamSplit(const uint8_t* values, size_t count, size_t width, std::string& out) {
  const size_t pos = out.size();
  out.resize(pos + count * width);
  uint8_t* streams = reinterpret_cast<uint8_t*>(out.data() + pos);
  size_t done = 0;
#ifdef __SSSE3__
  switch (width) {
    case 2: done = Scatter2(values, count, streams); break;
    case 4: done = Scatter4(values, count, streams); break;
    case 8: done = Scatter8(values, count, streams); break;
    default: break;
  }
#endif
  ScatterScalar(values, done, count, width, streams);
}

bool DecodeByteStreamSplit(const uint8_t* data, size_t size, size_t total, size_t count, size_t width,
                           uint8_t* out) {
  if (width == 0 || total > size / width || count > total) return false;
  size_t done = 0;
#ifdef __SSSE3__
  switch (width) {
    case 2: done = Gather2(data, total, count, out); break;
    case 4: done = Gather4(data, total, count, out); break;
    case 8: done = Gather8(data, total, count, out); break;
    default: break;
  }
#endif
  GatherScalar(data, total, done, count, width, out);
  return true;
}

}  // namespace sluice::parquet
