// String functions with Trino's semantics: positions are 1-based and count
// Unicode code points; concat of a NULL gives NULL.
#include <cstdint>
#include <string>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/types/string_ref.h"

namespace sluice::function {
namespace {

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

int64_t CodePointCount(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += !IsContinuationByte(c);
  return n;
}

// Byte offset of the code point with 0-based index `cp` (s.size() when past the end).
size_t ByteOffsetOfCodePoint(std::string_view s, int64_t cp) {
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

void ConcatKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  StringRef* out = result.data<StringRef>();
  std::string buffer;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    size_t total = 0;
    for (const Vector* a : args) total += a->data<StringRef>()[i].size();
    if (total <= StringRef::kInlineLength) {
      buffer.clear();
      for (const Vector* a : args) buffer += a->data<StringRef>()[i].view();
      out[i] = StringRef(buffer);
      continue;
    }
    char* dst = result.heap().Allocate(total);
    char* p = dst;
    for (const Vector* a : args) {
      StringRef s = a->data<StringRef>()[i];
      std::memcpy(p, s.data(), s.size());
      p += s.size();
    }
    out[i] = StringRef(dst, static_cast<uint32_t>(total));
  }
}

void LengthKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = CodePointCount(in[i].view());
  }
}

template <bool kUpper>
void CaseKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  std::string tmp;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    tmp.assign(in[i].data(), in[i].size());
    // ASCII only for now; non-ASCII bytes pass through unchanged.
    for (char& c : tmp) {
      if (kUpper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (!kUpper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    out[i] = result.heap().Add(tmp);
  }
}

// substr(s, start[, length]): start is 1-based; negative counts from the end;
// 0 or beyond the end gives ''.
template <bool kHasLength>
void SubstrKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const int64_t* start = args[1]->data<int64_t>();
  const int64_t* length = kHasLength ? args[2]->data<int64_t>() : nullptr;
  StringRef* out = result.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    std::string_view s = in[i].view();
    int64_t n = CodePointCount(s);
    int64_t from = start[i];
    if (from == 0 || from > n || -from > n) {
      out[i] = StringRef();
      continue;
    }
    if (from < 0) from = n + from + 1;
    int64_t take = kHasLength ? length[i] : n - from + 1;
    if (take <= 0) {
      out[i] = StringRef();
      continue;
    }
    size_t b = ByteOffsetOfCodePoint(s, from - 1);
    size_t e = ByteOffsetOfCodePoint(s, std::min(n, from - 1 + take));
    // The result points into the argument's memory, which the result keeps alive.
    out[i] = StringRef(s.data() + b, static_cast<uint32_t>(e - b));
  }
  result.ShareBuffersOf(*args[0]);
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar();
  const LogicalType b = LogicalType::Bigint();
  ScalarFunction concat{"concat", {v}, v, ConcatKernel};
  concat.variadic = true;
  r.AddScalar(concat);
  r.AddScalar({"length", {v}, b, LengthKernel});
  r.AddScalar({"upper", {v}, v, CaseKernel<true>});
  r.AddScalar({"lower", {v}, v, CaseKernel<false>});
  r.AddScalar({"substr", {v, b}, v, SubstrKernel<false>});
  r.AddScalar({"substr", {v, b, b}, v, SubstrKernel<true>});
  r.AddScalar({"substring", {v, b}, v, SubstrKernel<false>});
  r.AddScalar({"substring", {v, b, b}, v, SubstrKernel<true>});
}

}  // namespace sluice::function
