#pragma once

// UTF-8 by code point, as Trino's string functions count: positions and
// lengths are code points; malformed bytes count as one each.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::function::utf8 {

inline bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

inline int64_t CodePointCount(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += !IsContinuationByte(c);
  return n;
}

// Byte offset of the code point with 0-based index `cp` (s.size() when past the end).
inline size_t ByteOffsetOfCodePoint(std::string_view s, int64_t cp) {
  size_t i = 0;
  int64_t seen = 0;
  while (i < s.size()) {
    if (!IsContinuationByte(static_cast<unsigned char>(s[i]))) {
      if (seen == cp) return i;
      ++seen;
    }
    ++i;
  }
  return s.size();
}

// Byte just past the code point that starts at `i`.
inline size_t NextCodePointStart(std::string_view s, size_t i) {
  ++i;
  while (i < s.size() && IsContinuationByte(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// Decodes the code point starting at `i` and moves `i` past it. Malformed
// bytes decode to a negative value, which never equals a real code point.
inline int32_t DecodeCodePoint(std::string_view s, size_t& i) {
  const size_t begin = i;
  i = NextCodePointStart(s, i);
  const auto lead = static_cast<unsigned char>(s[begin]);
  const size_t n = i - begin;
  size_t expected = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (expected != n) return -1 - static_cast<int32_t>(lead);
  if (n == 1) return lead;
  int32_t cp = lead & (0x7F >> n);
  for (size_t k = begin + 1; k < i; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
  return cp;
}

inline std::vector<int32_t> CodePoints(std::string_view s) {
  std::vector<int32_t> out;
  for (size_t i = 0; i < s.size();) out.push_back(DecodeCodePoint(s, i));
  return out;
}

inline bool IsValidCodePoint(int64_t cp) { return cp >= 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

inline void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Bytes of the code point a lead byte starts (1 for a stray continuation
// or invalid byte, so that scans always advance).
inline size_t CodePointLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace sluice::function::utf8
