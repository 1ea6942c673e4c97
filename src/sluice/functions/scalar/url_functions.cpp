// URL functions with Trino's semantics. Trino parses with java.net.URI
// (RFC 2396 with Java's deviations), so this file follows that parser: text
// it rejects gives NULL, a component it does not find gives '' (the port
// NULL), and path, query and fragment come back %-decoded. url_encode and
// url_decode follow Guava's form-parameter escaper and java.net.URLDecoder.
#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/types/string_ref.h"

namespace sluice::function {
namespace {

// Character classes of java.net.URI, one bit each, for ASCII characters.
enum : uint32_t {
  kDigit = 1 << 0,
  kAlpha = 1 << 1,
  kMark = 1 << 2,        // -_.!~*'()
  kReserved = 1 << 3,    // ;/?:@&=+$,[]
  kPcharExtra = 1 << 4,  // :@&=+$,
  kPathExtra = 1 << 5,   // ;/
  kUserExtra = 1 << 6,   // ;:&=+$,
  kRegExtra = 1 << 7,    // $,;:@&=+
  kServerExtra = 1 << 8, // .:@[]
  kSchemeExtra = 1 << 9, // +-.
  kScopeExtra = 1 << 10, // _.
  kDash = 1 << 11,
  kPercent = 1 << 12,
  kDot = 1 << 13,
  // Not a class: %XX escapes and visible non-ASCII characters are allowed.
  kEscaped = 1u << 31,
};

constexpr uint32_t kAlnum = kDigit | kAlpha;
constexpr uint32_t kUnreserved = kAlnum | kMark;
constexpr uint32_t kUric = kReserved | kUnreserved | kEscaped;
constexpr uint32_t kPath = kUnreserved | kEscaped | kPcharExtra | kPathExtra;
constexpr uint32_t kUserInfo = kUnreserved | kEscaped | kUserExtra;
constexpr uint32_t kRegName = kUnreserved | kEscaped | kRegExtra;
constexpr uint32_t kServerPercent = kUserInfo | kAlnum | kDash | kServerExtra | kPercent;
constexpr uint32_t kScheme = kAlnum | kSchemeExtra;
constexpr uint32_t kScopeId = kAlnum | kScopeExtra;

constexpr std::array<uint32_t, 128> BuildClasses() {
  std::array<uint32_t, 128> t{};
  auto add = [&t](const char* chars, uint32_t bit) {
    for (const char* c = chars; *c; ++c) t[static_cast<unsigned char>(*c)] |= bit;
  };
  for (int c = '0'; c <= '9'; ++c) t[c] |= kDigit;
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kAlpha;
  add("-_.!~*'()", kMark);
  add(";/?:@&=+$,[]", kReserved);
  add(":@&=+$,", kPcharExtra);
  add(";/", kPathExtra);
  add(";:&=+$,", kUserExtra);
  add("$,;:@&=+", kRegExtra);
  add(".:@[]", kServerExtra);
  add("+-.", kSchemeExtra);
  add("_.", kScopeExtra);
  add("-", kDash);
  add("%", kPercent);
  add(".", kDot);
  return t;
}
constexpr std::array<uint32_t, 128> kClasses = BuildClasses();

bool Match(char c, uint32_t mask) {
  const auto u = static_cast<unsigned char>(c);
  return u < 128 && (kClasses[u] & mask & ~kEscaped) != 0;
}

bool IsHex(char c) { return Match(c, kDigit) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int HexValue(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

// Decodes the UTF-8 sequence at s[i] if well formed (Unicode table 3-7);
// returns its length, or 0 with `valid_prefix` the bytes of its maximal
// ill-formed part.
size_t WellFormedLength(std::string_view s, size_t i, uint32_t* cp, size_t* valid_prefix) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  *valid_prefix = 1;
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  uint32_t value = b0 & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if (i + k >= s.size()) return 0;
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
    value = (value << 6) | (b & 0x3F);
    *valid_prefix = k + 1;
  }
  *cp = value;
  return n;
}

// Bytes as Java decodes them into a String: each maximal ill-formed part
// becomes U+FFFD.
void AppendFixedUtf8(std::string& out, std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    uint32_t cp;
    size_t prefix;
    const size_t n = WellFormedLength(bytes, i, &cp, &prefix);
    if (n > 0) {
      out.append(bytes.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      i += prefix;
    }
  }
}

// Java's Character.isSpaceChar (Zs, Zl, Zp) and isISOControl.
bool IsSpaceOrControl(uint32_t cp) {
  return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

struct UriSyntaxError {};

// The components java.net.URI finds; unset ones are null in Java.
struct Uri {
  std::optional<std::string_view> scheme, host, path, query, fragment;
  int64_t port = -1;
};

// A transcription of java.net.URI.Parser (non-strict: an authority that is
// not a valid server is kept as a registry name, without a host).
class UriParser {
 public:
  explicit UriParser(std::string_view s) : s_(s) {}

  std::optional<Uri> Parse() {
    try {
      ParseUri();
      return uri_;
    } catch (const UriSyntaxError&) {
      return std::nullopt;
    }
  }

 private:
  [[noreturn]] static void Fail() { throw UriSyntaxError{}; }

  bool At(size_t p, size_t n, char c) const { return p < n && s_[p] == c; }

  // Index of the first character of `stop` in [p, n), or n; npos when a
  // character of `err` comes first.
  size_t ScanTo(size_t p, size_t n, std::string_view err, std::string_view stop) const {
    for (; p < n; ++p) {
      if (err.find(s_[p]) != std::string_view::npos) return std::string_view::npos;
      if (stop.find(s_[p]) != std::string_view::npos) break;
    }
    return p;
  }

  // An escape or an allowed non-ASCII character at p: the index past it, or p.
  size_t ScanEscape(size_t p, size_t n) const {
    if (s_[p] == '%') {
      if (p + 3 <= n && IsHex(s_[p + 1]) && IsHex(s_[p + 2])) return p + 3;
      Fail();  // malformed escape pair
    }
    if (static_cast<unsigned char>(s_[p]) >= 0x80) {
      uint32_t cp;
      size_t prefix;
      const size_t len = WellFormedLength(s_, p, &cp, &prefix);
      if (len == 0) return p + prefix;  // Java sees U+FFFD: allowed
      if (cp > 128 && !IsSpaceOrControl(cp)) return p + len;
    }
    return p;
  }

  // Past the longest run of [p, n) in `mask`.
  size_t Scan(size_t p, size_t n, uint32_t mask) const {
    while (p < n) {
      if (Match(s_[p], mask)) {
        ++p;
        continue;
      }
      if ((mask & kEscaped) != 0) {
        const size_t q = ScanEscape(p, n);
        if (q > p) {
          p = q;
          continue;
        }
      }
      break;
    }
    return p;
  }

  void CheckChars(size_t p, size_t n, uint32_t mask) const {
    if (Scan(p, n, mask) < n) Fail();
  }

  void ParseUri() {
    const size_t n = s_.size();
    size_t p = ScanTo(0, n, "/?#", ":");
    if (p != std::string_view::npos && At(p, n, ':')) {
      if (p == 0 || !Match(s_[0], kAlpha)) Fail();
      CheckChars(1, p, kScheme);
      uri_.scheme = s_.substr(0, p);
      ++p;
      if (At(p, n, '/')) {
        p = ParseHierarchical(p, n);
      } else {
        // Opaque (mailto:x): no host, path or query.
        const size_t q = ScanTo(p, n, "", "#");
        if (q <= p) Fail();
        CheckChars(p, q, kUric);
        p = q;
      }
    } else {
      p = ParseHierarchical(0, n);
    }
    if (At(p, n, '#')) {
      CheckChars(p + 1, n, kUric);
      uri_.fragment = s_.substr(p + 1);
      p = n;
    }
    if (p < n) Fail();
  }

  size_t ParseHierarchical(size_t p, size_t n) {
    if (At(p, n, '/') && At(p + 1, n, '/')) {
      p += 2;
      const size_t q = ScanTo(p, n, "", "/?#");
      if (q > p) {
        p = ParseAuthority(p, q);
      } else if (q >= n) {
        Fail();  // "scheme://" needs an authority, a path, a query or a fragment
      }
    }
    size_t q = ScanTo(p, n, "", "?#");
    CheckChars(p, q, kPath);
    uri_.path = s_.substr(p, q - p);
    p = q;
    if (At(p, n, '?')) {
      ++p;
      q = ScanTo(p, n, "", "#");
      CheckChars(p, q, kUric);
      uri_.query = s_.substr(p, q - p);
      p = q;
    }
    return p;
  }

  size_t ParseAuthority(size_t p, size_t n) {
    const bool server_chars = Scan(p, n, kServerPercent) == n;
    const bool reg_chars = Scan(p, n, kRegName) == n;
    if (reg_chars && !server_chars) return n;  // a registry name: no host
    if (server_chars) {
      try {
        if (ParseServer(p, n) < n) Fail();
        return n;
      } catch (const UriSyntaxError&) {
        // Not a server after all: maybe a registry name.
        uri_.host.reset();
        uri_.port = -1;
      }
    }
    if (reg_chars) return n;
    Fail();
  }

  size_t ParseServer(size_t p, size_t n) {
    size_t q = ScanTo(p, n, "/?#", "@");
    if (q != std::string_view::npos && At(q, n, '@')) {
      CheckChars(p, q, kUserInfo);
      p = q + 1;
    }
    if (At(p, n, '[')) {
      ++p;
      q = ScanTo(p, n, "/?#", "]");
      if (q == std::string_view::npos || q <= p || !At(q, n, ']')) Fail();
      const size_t percent = ScanTo(p, q, "", "%");
      ParseIpv6(p, percent);
      if (percent < q) {
        if (percent + 1 == q) Fail();  // scope id expected
        CheckChars(percent + 1, q, kScopeId);
      }
      uri_.host = s_.substr(p - 1, q + 2 - p);
      p = q + 1;
    } else {
      q = ParseIpv4(p, n);
      if (q <= p) q = ParseHostname(p, n);
      p = q;
    }
    if (At(p, n, ':')) {
      ++p;
      q = Scan(p, n, kDigit);
      if (q > p) {
        int64_t port = 0;
        for (size_t k = p; k < q; ++k) {
          port = port * 10 + (s_[k] - '0');
          if (port > INT32_MAX) Fail();  // malformed port number
        }
        uri_.port = port;
        p = q;
      }
    }
    if (p < n) Fail();
    return p;
  }

  void ParseIpv6(size_t p, size_t q) const {
    const std::string text(s_.substr(p, q - p));
    in6_addr address;
    if (text.empty() || inet_pton(AF_INET6, text.c_str(), &address) != 1) Fail();
  }

  // A dotted IPv4 address (four parts of at most 255) that is the whole run
  // of digits and dots and is followed by the end or a ':'; otherwise 0 (not
  // an address: maybe a hostname).
  size_t ParseIpv4(size_t start, size_t n) {
    const size_t m = Scan(start, n, kDigit | kDot);
    size_t p = start;
    for (int part = 0; part < 4; ++part) {
      if (part > 0) {
        if (!At(p, m, '.')) return 0;
        ++p;
      }
      const size_t q = Scan(p, m, kDigit);
      if (q <= p) return 0;
      int64_t value = 0;
      for (size_t k = p; k < q && value <= 255; ++k) value = value * 10 + (s_[k] - '0');
      if (value > 255) return 0;
      p = q;
    }
    if (p < m || (p < n && s_[p] != ':')) return 0;
    uri_.host = s_.substr(start, p - start);
    return p;
  }

  size_t ParseHostname(size_t start, size_t n) {
    size_t p = start;
    size_t last_label = std::string_view::npos;
    do {
      // domainlabel = alphanum [ *( alphanum | "-" ) alphanum ]
      size_t q = Scan(p, n, kAlnum);
      if (q <= p) break;
      last_label = p;
      p = q;
      q = Scan(p, n, kAlnum | kDash);
      if (q > p) {
        if (s_[q - 1] == '-') Fail();
        p = q;
      }
      if (!At(p, n, '.')) break;
      ++p;
    } while (p < n);
    if (p < n && !At(p, n, ':')) Fail();
    if (last_label == std::string_view::npos) Fail();
    // In a dotted name the last label starts with a letter.
    if (last_label > start && !Match(s_[last_label], kAlpha)) Fail();
    uri_.host = s_.substr(start, p - start);
    return p;
  }

  std::string_view s_;
  Uri uri_;
};

// java.net.URI's decoding of a component: %XX runs as UTF-8.
std::string UriDecode(std::string_view s) {
  std::string out, bytes;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '%') {
      out += s[i++];
      continue;
    }
    // The parser checked that every '%' starts an escape.
    bytes.clear();
    while (i + 2 < s.size() && s[i] == '%') {
      bytes += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 3;
    }
    if (bytes.empty()) out += s[i++];
    AppendFixedUtf8(out, bytes);
  }
  return out;
}

[[noreturn]] void ThrowUrlDecoder(const std::string& detail) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, "URLDecoder: " + detail);
}

// java.net.URLDecoder.decode(s, UTF-8): '+' is a space, %XX runs are UTF-8.
std::string UrlDecode(std::string_view s) {
  std::string out, bytes;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '+') {
      out += ' ';
      ++i;
      continue;
    }
    if (s[i] != '%') {
      out += s[i++];
      continue;
    }
    bytes.clear();
    while (i + 2 < s.size() && s[i] == '%') {
      // Integer.parseInt(xy, 16): an optional sign, then hex digits.
      const char a = s[i + 1], b = s[i + 2];
      int value;
      if (IsHex(a) && IsHex(b)) {
        value = HexValue(a) * 16 + HexValue(b);
      } else if ((a == '+' || a == '-') && IsHex(b)) {
        value = a == '-' ? -HexValue(b) : HexValue(b);
      } else {
        const int at = (IsHex(a) || a == '+' || a == '-') ? 1 : 0;
        ThrowUrlDecoder("Illegal hex characters in escape (%) pattern - Error at index " + std::to_string(at) +
                        " in: \"" + std::string(s.substr(i + 1, 2)) + "\"");
      }
      if (value < 0) ThrowUrlDecoder("Illegal hex characters in escape (%) pattern - negative value");
      bytes += static_cast<char>(value);
      i += 3;
    }
    if (i < s.size() && s[i] == '%') ThrowUrlDecoder("Incomplete trailing escape (%) pattern");
    AppendFixedUtf8(out, bytes);
  }
  return out;
}

// Guava's urlFormParameterEscaper: letters, digits and -_.* stay, a space
// becomes '+', every other byte of the UTF-8 text is %XX.
std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text;
  AppendFixedUtf8(text, s);
  std::string out;
  for (char c : text) {
    if (Match(c, kAlnum) || c == '-' || c == '_' || c == '.' || c == '*') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

enum class Part { kProtocol, kHost, kPath, kQuery, kFragment };

template <Part kPart>
void UrlExtractKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const std::optional<Uri> uri = UriParser(in[i].view()).Parse();
    if (!uri) {
      result.SetNull(i);
      continue;
    }
    std::optional<std::string_view> part;
    switch (kPart) {
      case Part::kProtocol: part = uri->scheme; break;
      case Part::kHost: part = uri->host; break;
      case Part::kPath: part = uri->path; break;
      case Part::kQuery: part = uri->query; break;
      case Part::kFragment: part = uri->fragment; break;
    }
    const bool decoded = kPart == Part::kPath || kPart == Part::kQuery || kPart == Part::kFragment;
    const std::string_view raw = part.value_or(std::string_view());
    out[i] = decoded ? result.heap().Add(UriDecode(raw)) : result.heap().Add(raw);
  }
}

void UrlExtractPortKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const std::optional<Uri> uri = UriParser(in[i].view()).Parse();
    if (!uri || uri->port < 0) {
      result.SetNull(i);
      continue;
    }
    out[i] = uri->port;
  }
}

// url_extract_parameter(url, name): the URL-decoded value of the first
// name=value (or bare name, giving '') in the raw query; NULL without one.
void UrlExtractParameterKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* names = args[1]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const std::optional<Uri> uri = UriParser(in[i].view()).Parse();
    bool found = false;
    if (uri && uri->query) {
      const std::string_view query = *uri->query;
      const std::string_view name = names[i].view();
      for (size_t p = 0; !found && p <= query.size();) {
        size_t amp = query.find('&', p);
        if (amp == std::string_view::npos) amp = query.size();
        const std::string_view arg = query.substr(p, amp - p);
        const size_t eq = arg.find('=');
        if (arg.substr(0, eq) == name) {
          out[i] = eq == std::string_view::npos ? StringRef() : result.heap().Add(UrlDecode(arg.substr(eq + 1)));
          found = true;
        }
        p = amp + 1;
      }
    }
    if (!found) result.SetNull(i);
  }
}

template <std::string (*kTransform)(std::string_view)>
void TransformKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = result.heap().Add(kTransform(in[i].view()));
  }
}

}  // namespace

void RegisterUrlFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar();
  r.AddScalar({"url_extract_protocol", {v}, v, UrlExtractKernel<Part::kProtocol>});
  r.AddScalar({"url_extract_host", {v}, v, UrlExtractKernel<Part::kHost>});
  r.AddScalar({"url_extract_path", {v}, v, UrlExtractKernel<Part::kPath>});
  r.AddScalar({"url_extract_query", {v}, v, UrlExtractKernel<Part::kQuery>});
  r.AddScalar({"url_extract_fragment", {v}, v, UrlExtractKernel<Part::kFragment>});
  r.AddScalar({"url_extract_port", {v}, LogicalType::Bigint(), UrlExtractPortKernel});
  r.AddScalar({"url_extract_parameter", {v, v}, v, UrlExtractParameterKernel});
  r.AddScalar({"url_encode", {v}, v, TransformKernel<UrlEncode>});
  r.AddScalar({"url_decode", {v}, v, TransformKernel<UrlDecode>});
}

}  // namespace sluice::function
