#include "sluice/types/json_text.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace sluice {

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// What AppendJsonString does with each byte: copy it, escape it, or check the
// UTF-8 sequence it starts.
enum : uint8_t { kCopy, kEscape, kMultiByte };
constexpr auto kByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = kEscape;
  t['"'] = kEscape;
  t['\\'] = kEscape;
  for (int c = 0x80; c < 0x100; ++c) t[c] = kMultiByte;
  return t;
}();

// The length of the well-formed UTF-8 sequence at p[0, n) (n >= 1, p[0] >=
// 0x80), or 0 with `*ill` set to the length of its maximal ill-formed prefix.
size_t Utf8Sequence(const unsigned char* p, size_t n, size_t* ill) {
  const unsigned c = p[0];
  size_t len;
  unsigned lo = 0x80, hi = 0xBF;  // the second byte's range
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;       // no overlong forms
    else if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;       // no overlong forms
    else if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *ill = 1;
    return 0;
  }
  size_t k = 1;
  for (; k < len && k < n; ++k) {
    const unsigned b = p[k];
    if (k == 1 ? b < lo || b > hi : b < 0x80 || b > 0xBF) break;
  }
  if (k == len) return len;
  *ill = k;
  return 0;
}

// Writes `s` as a JSON string through `sink.Append(const char*, size_t)`.
template <typename Sink>
void EscapeJsonString(Sink& sink, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  sink.Append("\"", 1);
  size_t run = 0;  // start of the bytes not yet written
  size_t i = 0;
  while (i < n) {
    const uint8_t cls = kByteClass[p[i]];
    if (cls == kCopy) {
      ++i;
      continue;
    }
    if (cls == kMultiByte) {
      size_t ill = 0;
      if (const size_t len = Utf8Sequence(p + i, n - i, &ill)) {
        i += len;
        continue;
      }
      sink.Append(s.data() + run, i - run);
      sink.Append("\xEF\xBF\xBD", 3);  // U+FFFD
      i += ill;
      run = i;
      continue;
    }
    sink.Append(s.data() + run, i - run);
    const unsigned char c = p[i];
    switch (c) {
      case '"': sink.Append("\\\"", 2); break;
      case '\\': sink.Append("\\\\", 2); break;
      case '\b': sink.Append("\\b", 2); break;
      case '\f': sink.Append("\\f", 2); break;
      case '\n': sink.Append("\\n", 2); break;
      case '\r': sink.Append("\\r", 2); break;
      case '\t': sink.Append("\\t", 2); break;
      default: {
        const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        sink.Append(u, sizeof(u));
      }
    }
    run = ++i;
  }
  sink.Append(s.data() + run, n - run);
  sink.Append("\"", 1);
}

struct StringSink {
  std::string& out;
  void Append(const char* p, size_t n) { out.append(p, n); }
};

struct PointerSink {
  char* dst;
  void Append(const char* p, size_t n) {
    if (n) std::memcpy(dst, p, n);
    dst += n;
  }
};

}  // namespace

bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  const size_t int_start = i;
  const size_t int_digits = digits();
  if (int_digits == 0 || (int_digits > 1 && s[int_start] == '0')) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

std::string_view TrimTrailingJsonSpace(std::string_view s) {
  while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view TrimJsonSpace(std::string_view s) {
  while (!s.empty() && IsJsonSpace(s.front())) s.remove_prefix(1);
  return TrimTrailingJsonSpace(s);
}

void AppendJsonString(std::string& out, std::string_view s) {
  StringSink sink{out};
  EscapeJsonString(sink, s);
}

char* WriteJsonString(char* dst, std::string_view s) {
  PointerSink sink{dst};
  EscapeJsonString(sink, s);
  return sink.dst;
}

}  // namespace sluice
