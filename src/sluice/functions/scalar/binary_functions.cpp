// Trino's binary functions on VARBINARY (any bytes; lengths and positions
// count bytes): conversions to and from text (to_utf8, from_utf8, hex,
// base64), hashes (md5, sha1, sha256, sha512 and hmac_* from OpenSSL's
// libcrypto, xxhash64 from libxxhash, crc32 from zlib), and the byte forms
// of length and reverse. concat, ||, substr, lpad and rpad share the string
// kernels (string_functions.cpp).
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <xxhash.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "sluice/common/error.h"
#include "sluice/common/thread_pool.h"
#include "sluice/functions/cast.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar/utf8.h"
#include "sluice/types/binary_text.h"
#include "sluice/types/string_ref.h"

namespace sluice::function {
namespace {

[[noreturn]] void InvalidArgument(const std::string& message) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, message);
}

// Applies `f(bytes) -> std::string` to every non-NULL row of a one-argument
// string-like function.
template <typename F>
void MapStrings(const std::vector<const Vector*>& args, size_t count, Vector& result, F&& f) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = result.heap().Add(f(in[i].view()));
  }
}

// to_utf8(varchar) and CAST(varchar AS varbinary): the same bytes, shared.
void ToUtf8Kernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  ReinterpretStrings(*args[0], result, count);
}

// The length of the UTF-8 sequence at p[0..n) when it is valid (> 0), else
// minus the bytes Trino skips for it (airlift's tryGetCodePointAt): the lead
// byte and the continuation bytes read before the sequence went wrong, or
// the whole sequence when it is complete but overlong, a surrogate, beyond
// U+10FFFF or longer than four bytes.
int TryUtf8Sequence(const unsigned char* p, size_t n) {
  const unsigned char lead = p[0];
  int length;
  if (lead < 0x80) return 1;
  if (lead < 0xC0) return -1;
  if (lead < 0xE0) length = 2;
  else if (lead < 0xF0) length = 3;
  else if (lead < 0xF8) length = 4;
  else if (lead < 0xFC) length = 5;
  else if (lead < 0xFE) length = 6;
  else return -1;
  uint32_t cp = lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if (static_cast<size_t>(k) >= n || !utf8::IsContinuationByte(p[k])) return -k;
    cp = cp << 6 | (p[k] & 0x3F);
  }
  static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (length > 4 || cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -length;
  return length;
}

// Appends `bytes` with each invalid sequence replaced by `replacement`
// (nothing when it is empty).
void FixUtf8(std::string_view bytes, std::string_view replacement, std::string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t i = 0;
  while (i < bytes.size()) {
    const int n = TryUtf8Sequence(p + i, bytes.size() - i);
    if (n > 0) {
      out.append(bytes.data() + i, static_cast<size_t>(n));
      i += static_cast<size_t>(n);
    } else {
      out += replacement;
      i += static_cast<size_t>(-n);
    }
  }
}

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (size_t i = 0; i < bytes.size();) {
    const int n = TryUtf8Sequence(p + i, bytes.size() - i);
    if (n < 0) return false;
    i += static_cast<size_t>(n);
  }
  return true;
}

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

void FromUtf8With(const std::vector<const Vector*>& args, size_t count, Vector& result,
                  const std::string_view* replacements) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  std::string buffer;
  bool shared = false;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const std::string_view bytes = in[i].view();
    if (IsValidUtf8(bytes)) {  // the common case: share the bytes
      out[i] = in[i];
      shared = true;
      continue;
    }
    buffer.clear();
    FixUtf8(bytes, replacements ? replacements[i] : kReplacementCharacter, buffer);
    out[i] = result.heap().Add(buffer);
  }
  if (shared) result.ShareBuffersOf(*args[0]);
}

// from_utf8(binary): invalid sequences become U+FFFD.
void FromUtf8Kernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  FromUtf8With(args, count, result, nullptr);
}

// from_utf8(binary, replace): `replace` is empty or one character.
void FromUtf8StringKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  std::vector<std::string_view> replacements(count);
  const StringRef* replace = args[1]->data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (args[1]->IsNull(i)) continue;
    replacements[i] = replace[i].view();
    if (utf8::CodePointCount(replacements[i]) > 1) {
      InvalidArgument("Replacement character string must empty or a single character");
    }
  }
  FromUtf8With(args, count, result, replacements.data());
}

// from_utf8(binary, replace): `replace` is a code point.
void FromUtf8CodePointKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  std::vector<std::string> encoded(count);
  std::vector<std::string_view> replacements(count);
  const int64_t* replace = args[1]->data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (args[1]->IsNull(i)) continue;
    if (!utf8::IsValidCodePoint(replace[i])) InvalidArgument("Invalid replacement character");
    utf8::AppendUtf8(encoded[i], static_cast<uint32_t>(replace[i]));
    replacements[i] = encoded[i];
  }
  FromUtf8With(args, count, result, replacements.data());
}

void BinaryLengthKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (!has_nulls || !result.IsNull(i)) out[i] = in[i].size();
  }
}

void BinaryReverseKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  MapStrings(args, count, result, [](std::string_view s) { return std::string(s.rbegin(), s.rend()); });
}

void ToHexKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  MapStrings(args, count, result, [](std::string_view s) { return HexEncode(s); });
}

void FromHexKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  MapStrings(args, count, result, [](std::string_view s) {
    if (s.size() % 2) InvalidArgument("invalid input length " + std::to_string(s.size()));
    auto bytes = HexDecode(s);
    if (!bytes) {
      const auto bad = std::find_if_not(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
      InvalidArgument("invalid hex character: " + std::string(1, *bad));
    }
    return std::move(*bytes);
  });
}

template <bool kUrl>
void ToBase64Kernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  MapStrings(args, count, result, [](std::string_view s) { return Base64Encode(s, kUrl); });
}

template <bool kUrl>
void FromBase64Kernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  MapStrings(args, count, result, [](std::string_view s) {
    auto bytes = Base64Decode(s, kUrl);
    if (!bytes) InvalidArgument("Illegal base64 character or length in '" + std::string(s) + "'");
    return std::move(*bytes);
  });
}

// The provider's digest, fetched once: EVP_sha256() and the like name a
// digest that every EVP call would fetch again (a lock and a lookup a row).
template <const char* kName>
const EVP_MD* FetchedDigest() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, kName, nullptr);
  if (!md) ThrowInternal(std::string("OpenSSL has no digest ") + kName);
  return md;
}
constexpr char kMd5[] = "MD5";
constexpr char kSha1[] = "SHA1";
constexpr char kSha256[] = "SHA256";
constexpr char kSha512[] = "SHA512";

// md5, sha1, sha256, sha512: one digest context a batch.
template <const char* kName>
void DigestKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const EVP_MD* md = FetchedDigest<kName>();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx) ThrowInternal("EVP_MD_CTX_new failed");
  MapStrings(args, count, result, [md, &ctx](std::string_view s) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!EVP_DigestInit_ex2(ctx.get(), md, nullptr) || !EVP_DigestUpdate(ctx.get(), s.data(), s.size()) ||
        !EVP_DigestFinal_ex(ctx.get(), digest, &size)) {
      ThrowInternal("OpenSSL digest failed");
    }
    return std::string(reinterpret_cast<const char*>(digest), size);
  });
}

// hmac_*(binary, key).
template <const char* kName>
void HmacKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* keys = args[1]->data<StringRef>();
  const EVP_MD* md = FetchedDigest<kName>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    const StringRef key = keys[i];
    if (!HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(in[i].data()),
              in[i].size(), digest, &size)) {
      ThrowInternal("HMAC failed");
    }
    result.data<StringRef>()[i] = result.heap().Add(std::string_view(reinterpret_cast<const char*>(digest), size));
  }
}

// xxhash64(binary): the 64-bit XXH64 hash with seed 0, big-endian, as Trino.
void XxHash64Kernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  MapStrings(args, count, result, [](std::string_view s) {
    const uint64_t h = XXH64(s.data(), s.size(), 0);
    std::string out(8, '\0');
    for (int k = 0; k < 8; ++k) out[k] = static_cast<char>(h >> (56 - 8 * k));
    return out;
  });
}

// crc32(binary): bigint.
void Crc32Kernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = static_cast<int64_t>(
        crc32(0, reinterpret_cast<const Bytef*>(in[i].data()), static_cast<uInt>(in[i].size())));
  }
}

}  // namespace

void RegisterBinaryFunctions(FunctionRegistry& r) {
  // OpenSSL frees a thread's state (its error queue: every EVP call makes
  // one) when the thread ends, unless OpenSSL's own atexit cleanup ran
  // first. Initialise it and the pool now, then register joining the
  // pool's workers: exit runs handlers and static destructors in reverse
  // order, so the workers end before that cleanup and before the pool's
  // destructor.
  OPENSSL_init_crypto(0, nullptr);
  FetchedDigest<kMd5>();
  FetchedDigest<kSha1>();
  FetchedDigest<kSha256>();
  FetchedDigest<kSha512>();
  static ThreadPool* const pool = &ThreadPool::Default();
  std::atexit([] { pool->Shutdown(); });
  const LogicalType vb = LogicalType::Varbinary();
  const LogicalType v = LogicalType::Varchar();
  const LogicalType b = LogicalType::Bigint();
  r.AddScalar({"to_utf8", {v}, vb, ToUtf8Kernel});
  r.AddScalar({"from_utf8", {vb}, v, FromUtf8Kernel});
  r.AddScalar({"from_utf8", {vb, v}, v, FromUtf8StringKernel});
  r.AddScalar({"from_utf8", {vb, b}, v, FromUtf8CodePointKernel});
  r.AddScalar({"length", {vb}, b, BinaryLengthKernel});
  r.AddScalar({"reverse", {vb}, vb, BinaryReverseKernel});
  r.AddScalar({"to_hex", {vb}, v, ToHexKernel});
  r.AddScalar({"from_hex", {v}, vb, FromHexKernel});
  r.AddScalar({"to_base64", {vb}, v, ToBase64Kernel<false>});
  r.AddScalar({"from_base64", {v}, vb, FromBase64Kernel<false>});
  r.AddScalar({"from_base64", {vb}, vb, FromBase64Kernel<false>});
  r.AddScalar({"to_base64url", {vb}, v, ToBase64Kernel<true>});
  r.AddScalar({"from_base64url", {v}, vb, FromBase64Kernel<true>});
  r.AddScalar({"from_base64url", {vb}, vb, FromBase64Kernel<true>});
  r.AddScalar({"md5", {vb}, vb, DigestKernel<kMd5>});
  r.AddScalar({"sha1", {vb}, vb, DigestKernel<kSha1>});
  r.AddScalar({"sha256", {vb}, vb, DigestKernel<kSha256>});
  r.AddScalar({"sha512", {vb}, vb, DigestKernel<kSha512>});
  r.AddScalar({"hmac_md5", {vb, vb}, vb, HmacKernel<kMd5>});
  r.AddScalar({"hmac_sha1", {vb, vb}, vb, HmacKernel<kSha1>});
  r.AddScalar({"hmac_sha256", {vb, vb}, vb, HmacKernel<kSha256>});
  r.AddScalar({"hmac_sha512", {vb, vb}, vb, HmacKernel<kSha512>});
  r.AddScalar({"xxhash64", {vb}, vb, XxHash64Kernel});
  r.AddScalar({"crc32", {vb}, b, Crc32Kernel});
}

}  // namespace sluice::function
