// String functions with Trino's semantics: positions and lengths count
// Unicode code points (a lead byte and its continuation bytes); concat of a
// NULL gives NULL while concat_ws skips NULL values.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/scalar/utf8.h"
#include "sluice/types/string_ref.h"

namespace sluice::function {
namespace {

using namespace utf8;  // NOLINT: the helpers read as plain words here

// Java's Character.isWhitespace, which Trino's one-argument trims use: no
// no-break spaces (U+00A0, U+2007, U+202F).
bool IsWhitespace(int32_t cp) {
  if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F)) return true;
  if (cp < 0x1680) return false;
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A && cp != 0x2007) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x205F || cp == 0x3000;
}

void SetString(Vector& result, size_t row, std::string_view s) {
  result.data<StringRef>()[row] = result.heap().Add(s);
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
// 0 or beyond the end gives ''. With kBytes, the varbinary form: the same
// counting bytes.
template <bool kHasLength, bool kBytes = false>
void SubstrKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const int64_t* start = args[1]->data<int64_t>();
  const int64_t* length = kHasLength ? args[2]->data<int64_t>() : nullptr;
  StringRef* out = result.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    std::string_view s = in[i].view();
    const int64_t n = kBytes ? static_cast<int64_t>(s.size()) : CodePointCount(s);
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
    const int64_t last = std::min(n, from - 1 + take);
    const size_t b = kBytes ? static_cast<size_t>(from - 1) : ByteOffsetOfCodePoint(s, from - 1);
    const size_t e = kBytes ? static_cast<size_t>(last) : ByteOffsetOfCodePoint(s, last);
    // The result points into the argument's memory, which the result keeps alive.
    out[i] = StringRef(s.data() + b, static_cast<uint32_t>(e - b));
  }
  result.ShareBuffersOf(*args[0]);
}

// concat_ws(separator, value...): a NULL separator gives NULL; NULL values
// are skipped. Trino's limits: at most 254 values and 1 MiB of output.
void ConcatWsKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  constexpr size_t kMaxValues = 254;
  constexpr size_t kMaxOutputBytes = 1 << 20;
  if (args.size() - 1 > kMaxValues) {
    throw SluiceError(ErrorCode::kNotSupported, "Too many arguments for string concatenation");
  }
  const StringRef* separators = args[0]->data<StringRef>();
  std::string buffer;
  for (size_t i = 0; i < count; ++i) {
    if (args[0]->IsNull(i)) {
      result.SetNull(i);
      continue;
    }
    buffer.clear();
    bool first = true;
    for (size_t a = 1; a < args.size(); ++a) {
      if (args[a]->IsNull(i)) continue;
      if (!first) buffer += separators[i].view();
      buffer += args[a]->data<StringRef>()[i].view();
      first = false;
      if (buffer.size() > kMaxOutputBytes) {
        throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Concatenated string is too large");
      }
    }
    SetString(result, i, buffer);
  }
}

enum TrimSide { kTrimLeft = 1, kTrimRight = 2, kTrimBoth = 3 };

// trim/ltrim/rtrim(s) remove whitespace; trim/ltrim/rtrim(s, chars) remove
// any of the code points in `chars`. The result points into the argument.
template <int kSide, bool kCustomChars>
void TrimKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  std::vector<int32_t> chars;
  std::string chars_text;
  bool chars_decoded = false;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    if constexpr (kCustomChars) {
      const std::string_view c = args[1]->data<StringRef>()[i].view();
      if (!chars_decoded || c != chars_text) {
        chars = CodePoints(c);
        chars_text.assign(c);
        chars_decoded = true;
      }
    }
    auto trimmed = [&](int32_t cp) {
      if constexpr (kCustomChars) return std::find(chars.begin(), chars.end(), cp) != chars.end();
      return IsWhitespace(cp);
    };
    const std::string_view s = in[i].view();
    size_t begin = 0, end = s.size();
    if constexpr ((kSide & kTrimLeft) != 0) {
      while (begin < end) {
        size_t next = begin;
        if (!trimmed(DecodeCodePoint(s, next))) break;
        begin = next;
      }
    }
    if constexpr ((kSide & kTrimRight) != 0) {
      while (end > begin) {
        size_t start = end - 1;
        while (start > begin && IsContinuationByte(static_cast<unsigned char>(s[start]))) --start;
        size_t next = start;
        if (!trimmed(DecodeCodePoint(s, next))) break;
        end = start;
      }
    }
    out[i] = StringRef(s.data() + begin, static_cast<uint32_t>(end - begin));
  }
  result.ShareBuffersOf(*args[0]);
}

// replace(s, search[, replacement]): every non-overlapping instance, left to
// right; an empty search puts the replacement before every code point and at
// the end (Trino).
template <bool kHasReplacement>
void ReplaceKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* search = args[1]->data<StringRef>();
  std::string buffer;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const std::string_view s = in[i].view();
    const std::string_view find = search[i].view();
    const std::string_view with = kHasReplacement ? args[2]->data<StringRef>()[i].view() : std::string_view();
    buffer.clear();
    if (find.empty()) {
      buffer += with;
      for (size_t p = 0; p < s.size();) {
        const size_t next = NextCodePointStart(s, p);
        buffer += s.substr(p, next - p);
        buffer += with;
        p = next;
      }
    } else {
      size_t p = 0;
      for (size_t m; (m = s.find(find, p)) != std::string_view::npos; p = m + find.size()) {
        buffer += s.substr(p, m - p);
        buffer += with;
      }
      buffer += s.substr(p);
    }
    SetString(result, i, buffer);
  }
}

void ReverseKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  std::string buffer;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const std::string_view s = in[i].view();
    buffer.assign(s.size(), '\0');
    size_t w = s.size();
    for (size_t p = 0; p < s.size();) {
      const size_t next = NextCodePointStart(s, p);
      w -= next - p;
      std::memcpy(buffer.data() + w, s.data() + p, next - p);
      p = next;
    }
    SetString(result, i, buffer);
  }
}

// split_part(s, delimiter, index): field `index` (from 1), NULL past the
// last field; an empty delimiter splits into code points.
void SplitPartKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* delimiters = args[1]->data<StringRef>();
  const int64_t* indexes = args[2]->data<int64_t>();
  StringRef* out = result.data<StringRef>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t index = indexes[i];
    if (index <= 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Index must be greater than zero");
    const std::string_view s = in[i].view();
    const std::string_view delimiter = delimiters[i].view();
    std::string_view field;
    bool found = false;
    if (delimiter.empty()) {
      const size_t b = ByteOffsetOfCodePoint(s, index - 1);
      if (b < s.size()) {
        field = s.substr(b, NextCodePointStart(s, b) - b);
        found = true;
      }
    } else {
      int64_t field_number = 1;
      size_t p = 0;
      while (true) {
        const size_t m = s.find(delimiter, p);
        if (field_number == index) {
          field = s.substr(p, m == std::string_view::npos ? std::string_view::npos : m - p);
          found = true;
          break;
        }
        if (m == std::string_view::npos) break;
        p = m + delimiter.size();
        ++field_number;
      }
    }
    if (found) {
      out[i] = StringRef(field.data(), static_cast<uint32_t>(field.size()));
    } else {
      result.SetNull(i);
    }
  }
  result.ShareBuffersOf(*args[0]);
}

// strpos(s, sub[, instance]): 1-based code point position of the instance-th
// occurrence (overlapping ones count), from the end when instance < 0; 0 when
// absent; an empty substring is at 1.
int64_t StringPosition(std::string_view s, std::string_view sub, int64_t instance) {
  if (instance == 0) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument, "'instance' must be a positive or negative number.");
  }
  if (sub.empty()) return 1;
  size_t index = std::string_view::npos;
  if (instance > 0) {
    size_t from = 0;
    for (int64_t found = 0; found < instance; ++found) {
      index = s.find(sub, from);
      if (index == std::string_view::npos) return 0;
      from = index + 1;
    }
  } else {
    size_t before = s.size();  // the next match starts before this byte
    for (int64_t found = 0; found < -instance; ++found) {
      if (before == 0) return 0;
      index = s.rfind(sub, before - 1);
      if (index == std::string_view::npos) return 0;
      before = index;
    }
  }
  return CodePointCount(s.substr(0, index)) + 1;
}

template <bool kHasInstance>
void StrposKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* sub = args[1]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t instance = kHasInstance ? args[2]->data<int64_t>()[i] : 1;
    out[i] = StringPosition(in[i].view(), sub[i].view(), instance);
  }
}

template <bool kPrefix>
void AffixKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* affix = args[1]->data<StringRef>();
  uint8_t* out = result.data<uint8_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = kPrefix ? in[i].view().starts_with(affix[i].view()) : in[i].view().ends_with(affix[i].view());
  }
}

// lpad/rpad(s, size, pad): pads to `size` code points by repeating `pad`, or
// keeps the first `size` code points when s is longer. With kBytes, the
// varbinary forms: the same counting bytes.
template <bool kLeft, bool kBytes = false>
void PadKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const int64_t* sizes = args[1]->data<int64_t>();
  const StringRef* pads = args[2]->data<StringRef>();
  constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
  std::string buffer;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t size = sizes[i];
    if (size < 0 || size > kMax) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "Target length must be in the range [0.." + std::to_string(kMax) + "]");
    }
    const std::string_view pad = pads[i].view();
    if (pad.empty()) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        kBytes ? "Padding bytes must not be empty" : "Padding string must not be empty");
    }
    const auto units = [](std::string_view t) { return kBytes ? static_cast<int64_t>(t.size()) : CodePointCount(t); };
    const auto offset = [](std::string_view t, int64_t n) {
      return kBytes ? static_cast<size_t>(n) : ByteOffsetOfCodePoint(t, n);
    };
    const std::string_view s = in[i].view();
    const int64_t length = units(s);
    if (length >= size) {
      SetString(result, i, s.substr(0, offset(s, size)));
      continue;
    }
    // Whole copies of the pad, then a prefix of it.
    const int64_t pad_length = units(pad);
    const int64_t missing = size - length;
    const std::string_view tail = pad.substr(0, offset(pad, missing % pad_length));
    const uint64_t bytes = s.size() + static_cast<uint64_t>(missing / pad_length) * pad.size() + tail.size();
    if (bytes > static_cast<uint64_t>(kMax)) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Padded string is too large");
    }
    buffer.clear();
    if (!kLeft) buffer += s;
    for (int64_t k = 0; k < missing / pad_length; ++k) buffer += pad;
    buffer += tail;
    if (kLeft) buffer += s;
    SetString(result, i, buffer);
  }
}

void LevenshteinKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* a = args[0]->data<StringRef>();
  const StringRef* b = args[1]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  std::vector<int64_t> distances;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    std::vector<int32_t> left = CodePoints(a[i].view());
    std::vector<int32_t> right = CodePoints(b[i].view());
    if (left.size() < right.size()) std::swap(left, right);
    if (right.empty()) {
      out[i] = static_cast<int64_t>(left.size());
      continue;
    }
    // Trino's bound on the work (the longer times the shorter minus one).
    if (static_cast<uint64_t>(left.size()) * (right.size() - 1) > 1'000'000) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "The combined inputs for Levenshtein distance are too large");
    }
    // One row of the edit-distance matrix, over the shorter string.
    distances.resize(right.size());
    for (size_t j = 0; j < right.size(); ++j) distances[j] = static_cast<int64_t>(j) + 1;
    for (size_t r = 0; r < left.size(); ++r) {
      int64_t diagonal = static_cast<int64_t>(r);
      int64_t before = static_cast<int64_t>(r) + 1;
      for (size_t j = 0; j < right.size(); ++j) {
        const int64_t above = distances[j];
        const int64_t value =
            left[r] == right[j] ? diagonal : std::min({before, diagonal, above}) + 1;
        diagonal = above;
        distances[j] = value;
        before = value;
      }
    }
    out[i] = distances.back();
  }
}

void HammingKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* a = args[0]->data<StringRef>();
  const StringRef* b = args[1]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const std::string_view l = a[i].view(), r = b[i].view();
    size_t li = 0, ri = 0;
    int64_t distance = 0;
    while (li < l.size() && ri < r.size()) distance += DecodeCodePoint(l, li) != DecodeCodePoint(r, ri);
    if (li != l.size() || ri != r.size()) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "The input strings to hamming_distance function must have the same length");
    }
    out[i] = distance;
  }
}

void ChrKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const int64_t* in = args[0]->data<int64_t>();
  std::string buffer;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    if (!IsValidCodePoint(in[i])) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Not a valid Unicode code point: " + std::to_string(in[i]));
    }
    buffer.clear();
    AppendUtf8(buffer, static_cast<uint32_t>(in[i]));
    SetString(result, i, buffer);
  }
}

void CodepointKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  int32_t* out = result.data<int32_t>();
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const std::string_view s = in[i].view();
    size_t p = 0;
    const int32_t cp = s.empty() ? -1 : DecodeCodePoint(s, p);
    if (cp < 0 || p != s.size()) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Input string must be a single character string");
    }
    out[i] = cp;
  }
}

// translate(source, from, to): each code point found in `from` (first
// occurrence wins) becomes the one at the same index in `to`, or is dropped
// when `to` is shorter.
void TranslateKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* from = args[1]->data<StringRef>();
  const StringRef* to = args[2]->data<StringRef>();
  std::vector<int32_t> from_cps, to_cps;
  std::string buffer;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    from_cps = CodePoints(from[i].view());
    to_cps = CodePoints(to[i].view());
    const std::string_view s = in[i].view();
    buffer.clear();
    for (size_t p = 0; p < s.size();) {
      const size_t start = p;
      const int32_t cp = DecodeCodePoint(s, p);
      auto it = std::find(from_cps.begin(), from_cps.end(), cp);
      if (it == from_cps.end()) {
        buffer += s.substr(start, p - start);
        continue;
      }
      const size_t k = static_cast<size_t>(it - from_cps.begin());
      if (k < to_cps.size()) {
        if (to_cps[k] < 0) {
          throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Invalid UTF-8 encoding in characters: " + to[i].str());
        }
        AppendUtf8(buffer, static_cast<uint32_t>(to_cps[k]));
      }
    }
    SetString(result, i, buffer);
  }
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar();
  const LogicalType b = LogicalType::Bigint();
  const LogicalType boolean = LogicalType::Boolean();
  ScalarFunction concat{"concat", {v}, v, ConcatKernel};
  concat.variadic = true;
  r.AddScalar(concat);
  // Bytes concatenate like text (binary_functions.cpp has the rest).
  const LogicalType vb = LogicalType::Varbinary();
  r.AddScalar({"concat", {vb}, vb, ConcatKernel, true});
  r.AddScalar({"substr", {vb, b}, vb, SubstrKernel<false, true>});
  r.AddScalar({"substr", {vb, b, b}, vb, SubstrKernel<true, true>});
  r.AddScalar({"substring", {vb, b}, vb, SubstrKernel<false, true>});
  r.AddScalar({"substring", {vb, b, b}, vb, SubstrKernel<true, true>});
  r.AddScalar({"lpad", {vb, b, vb}, vb, PadKernel<true, true>});
  r.AddScalar({"rpad", {vb, b, vb}, vb, PadKernel<false, true>});
  ScalarFunction concat_ws{"concat_ws", {v, v}, v, ConcatWsKernel};
  concat_ws.variadic = true;
  concat_ws.null_propagating = false;
  r.AddScalar(concat_ws);
  r.AddScalar({"length", {v}, b, LengthKernel});
  r.AddScalar({"upper", {v}, v, CaseKernel<true>});
  r.AddScalar({"lower", {v}, v, CaseKernel<false>});
  r.AddScalar({"substr", {v, b}, v, SubstrKernel<false>});
  r.AddScalar({"substr", {v, b, b}, v, SubstrKernel<true>});
  r.AddScalar({"substring", {v, b}, v, SubstrKernel<false>});
  r.AddScalar({"substring", {v, b, b}, v, SubstrKernel<true>});
  // TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) is parsed into these.
  r.AddScalar({"trim", {v}, v, TrimKernel<kTrimBoth, false>});
  r.AddScalar({"ltrim", {v}, v, TrimKernel<kTrimLeft, false>});
  r.AddScalar({"rtrim", {v}, v, TrimKernel<kTrimRight, false>});
  r.AddScalar({"trim", {v, v}, v, TrimKernel<kTrimBoth, true>});
  r.AddScalar({"ltrim", {v, v}, v, TrimKernel<kTrimLeft, true>});
  r.AddScalar({"rtrim", {v, v}, v, TrimKernel<kTrimRight, true>});
  r.AddScalar({"replace", {v, v}, v, ReplaceKernel<false>});
  r.AddScalar({"replace", {v, v, v}, v, ReplaceKernel<true>});
  r.AddScalar({"reverse", {v}, v, ReverseKernel});
  r.AddScalar({"split_part", {v, v, b}, v, SplitPartKernel});
  // POSITION(sub IN s) is parsed into strpos(s, sub).
  r.AddScalar({"strpos", {v, v}, b, StrposKernel<false>});
  r.AddScalar({"strpos", {v, v, b}, b, StrposKernel<true>});
  r.AddScalar({"starts_with", {v, v}, boolean, AffixKernel<true>});
  r.AddScalar({"ends_with", {v, v}, boolean, AffixKernel<false>});
  r.AddScalar({"lpad", {v, b, v}, v, PadKernel<true>});
  r.AddScalar({"rpad", {v, b, v}, v, PadKernel<false>});
  r.AddScalar({"levenshtein_distance", {v, v}, b, LevenshteinKernel});
  r.AddScalar({"hamming_distance", {v, v}, b, HammingKernel});
  r.AddScalar({"chr", {b}, v, ChrKernel});
  r.AddScalar({"codepoint", {v}, LogicalType::Integer(), CodepointKernel});
  r.AddScalar({"translate", {v, v, v}, v, TranslateKernel});
}

}  // namespace sluice::function
