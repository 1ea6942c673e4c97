#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "sluice/types/string_ref.h"

namespace sluice::csv {

// Builds the same StringRef as StringRef(s, n), in registers, for bytes
// readable 16 past `s` (true inside a CsvBlock thanks to its padding).
// StringRef's constructor assembles the value with a memset and a variable
// memcpy on the stack; copying that into a vector then waits for a
// store-to-load forward that fails, a stall per string that cost more than
// all the tokenizing. This relies on StringRef's documented layout (size,
// 4-byte prefix, then 8 inline bytes or a pointer), which a test pins down.
inline StringRef PaddedStringRef(const char* s, uint32_t n) {
  static_assert(sizeof(StringRef) == 16);
  // Inline form: [n][s[0..11] with bytes at and after n zeroed].
  const __m128i iota = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m128i keep = _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(n < 16 ? n : 16)), iota);
  const __m128i bytes = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s)), keep);
  const __m128i inlined = _mm_or_si128(_mm_slli_si128(bytes, 4), _mm_cvtsi32_si128(static_cast<int>(n)));
  // Pointer form: [n][s[0..3]][s].
  uint32_t prefix;
  std::memcpy(&prefix, s, 4);
  const __m128i pointer = _mm_set_epi64x(static_cast<int64_t>(reinterpret_cast<uintptr_t>(s)),
                                         static_cast<int64_t>((uint64_t{prefix} << 32) | n));
  // Branch-free choice: string lengths in a column vary unpredictably.
  const __m128i use_inline = _mm_set1_epi8(n <= StringRef::kInlineLength ? -1 : 0);
  const __m128i value = _mm_blendv_epi8(pointer, inlined, use_inline);
  StringRef ref;
  std::memcpy(static_cast<void*>(&ref), &value, sizeof(ref));
  return ref;
}

}  // namespace sluice::csv
