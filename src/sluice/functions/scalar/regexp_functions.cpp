// Regular-expression functions with Trino's semantics (regexp_like,
// regexp_extract, regexp_extract_all, regexp_replace, regexp_count,
// regexp_position, regexp_split), on RE2.
// Trino uses Joni with Java syntax; RE2 has no backreferences or lookaround,
// so such patterns are rejected with an error that says so. Java's named
// groups (?<name>...) are rewritten to RE2's (?P<name>...). Scans follow
// Trino: matches never overlap, and after an empty match the next search
// starts one code point further.
#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/functions/function_registry.h"
#include "sluice/functions/nested/string_list.h"
#include "sluice/functions/scalar/utf8.h"
#include "sluice/types/string_ref.h"

namespace sluice::function {
namespace {

using namespace utf8;  // NOLINT: the helpers read as plain words here

[[noreturn]] void ThrowInvalidPattern(std::string_view pattern, const std::string& reason, bool java_only) {
  std::string message = "Invalid regular expression '" + std::string(pattern) + "': " + reason;
  if (java_only) {
    message +=
        " (sluice uses RE2 syntax, not Java's: backreferences, lookahead, lookbehind, possessive quantifiers, "
        "atomic groups, nested or intersected character classes and Java's \\p{...} classes such as "
        "\\p{Alpha} are not supported)";
  }
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, message);
}

// Java's (?<name>...) as RE2's (?P<name>...); escapes and character classes
// are copied as they are. (?<= and (?<! (lookbehind) stay, for RE2 to reject.
// Inside a class Java reads '[' as a nested class and '&&' as an
// intersection, RE2 both as literals: rejected rather than matched
// differently.
std::string ToRe2Syntax(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 4);
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out += c;
      out += p[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      if (c == '[' || p.substr(i, 2) == "&&") {
        ThrowInvalidPattern(p, "nested character class or '&&' in a class", true);
      }
    } else if (c == '[') {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal.
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    } else if (c == '(' && p.substr(i, 3) == "(?<" && i + 3 < p.size() && p[i + 3] != '=' && p[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

std::unique_ptr<RE2> Compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(ToRe2Syntax(pattern), options);
  if (re->ok()) return re;
  const RE2::ErrorCode code = re->error_code();
  ThrowInvalidPattern(pattern, re->error(),
                      code == RE2::ErrorBadPerlOp || code == RE2::ErrorBadEscape ||
                          code == RE2::ErrorBadNamedCapture || code == RE2::ErrorBadCharRange ||
                          code == RE2::ErrorRepeatOp);
}

// One literal run or one group reference of a parsed replacement string.
using ReplacementPiece = std::variant<std::string, int>;

// Trino's replacement syntax: $n (the longest group number that exists),
// ${name}, and \c for a literal c. Errors are raised only when a match needs
// the replacement, as in Trino.
struct Replacement {
  std::vector<ReplacementPiece> pieces;
  std::string error;

  static Replacement Parse(std::string_view r, const RE2& re) {
    Replacement out;
    const int groups = re.NumberOfCapturingGroups();
    std::string literal;
    auto flush = [&] {
      if (!literal.empty()) out.pieces.emplace_back(std::move(literal));
      literal.clear();
    };
    auto fail = [&](std::string message) {
      out.pieces.clear();
      out.error = "Illegal replacement sequence: " + message;
      return out;
    };
    for (size_t i = 0; i < r.size();) {
      const char c = r[i];
      if (c == '\\') {
        if (i + 1 == r.size()) return fail(std::string(r));
        literal += r[i + 1];
        i += 2;
        continue;
      }
      if (c != '$') {
        literal += c;
        ++i;
        continue;
      }
      if (++i == r.size()) return fail(std::string(r));
      int group = 0;
      if (r[i] == '{') {
        const size_t close = r.find('}', i + 1);
        const std::string name(r.substr(i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1));
        const auto& names = re.NamedCapturingGroups();
        auto it = names.find(name);
        if (it == names.end()) return fail("unknown group { " + name + " }");
        group = it->second;
        i = close == std::string_view::npos ? r.size() : close + 1;
      } else {
        if (r[i] < '0' || r[i] > '9') return fail(std::string(r));
        group = r[i] - '0';
        if (group > groups) return fail("unknown group " + std::to_string(group));
        ++i;
        while (i < r.size() && r[i] >= '0' && r[i] <= '9' && group * 10 + (r[i] - '0') <= groups) {
          group = group * 10 + (r[i] - '0');
          ++i;
        }
      }
      flush();
      out.pieces.emplace_back(group);
    }
    flush();
    return out;
  }
};

// The compiled pattern of the current row, kept while rows repeat it (a
// kernel call covers one batch; patterns are nearly always constant).
class PatternCache {
 public:
  const RE2& Get(std::string_view pattern) {
    if (!re_ || pattern != text_) {
      re_ = Compile(pattern);
      text_.assign(pattern);
      replacement_valid_ = false;
    }
    return *re_;
  }
  // The replacement parsed against the current pattern.
  const Replacement& GetReplacement(std::string_view replacement) {
    if (!replacement_valid_ || replacement != replacement_text_) {
      replacement_ = Replacement::Parse(replacement, *re_);
      replacement_text_.assign(replacement);
      replacement_valid_ = true;
    }
    return replacement_;
  }

 private:
  std::string text_;
  std::unique_ptr<RE2> re_;
  std::string replacement_text_;
  Replacement replacement_;
  bool replacement_valid_ = false;
};

// Searches s from byte `from`; groups[0] is the match, groups[k] group k
// (data() == nullptr when it did not take part).
bool Search(const RE2& re, std::string_view s, size_t from, re2::StringPiece* groups, int n) {
  if (from > s.size()) return false;
  return re.Match(re2::StringPiece(s.data(), s.size()), from, s.size(), RE2::UNANCHORED, groups, n);
}

size_t Offset(std::string_view s, const re2::StringPiece& piece) {
  return static_cast<size_t>(piece.data() - s.data());
}

// Where the search after the match [begin, end) starts.
size_t NextStart(std::string_view s, size_t begin, size_t end) {
  if (end != begin) return end;
  if (begin >= s.size()) return end + 1;
  return NextCodePointStart(s, begin);
}

// Calls on_match(begin, end) for each match of `re` in `s` from byte `from`
// on (groups[0, n) filled), until it returns false. After an empty match the
// search resumes one code point on, as Trino's does.
template <typename OnMatch>
void ForEachMatch(const RE2& re, std::string_view s, size_t from, re2::StringPiece* groups, int n,
                  const OnMatch& on_match) {
  while (Search(re, s, from, groups, n)) {
    const size_t begin = Offset(s, groups[0]);
    const size_t end = begin + groups[0].size();
    if (!on_match(begin, end)) return;
    from = NextStart(s, begin, end);
  }
}

void RegexpLikeKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* patterns = args[1]->data<StringRef>();
  uint8_t* out = result.data<uint8_t>();
  PatternCache cache;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    out[i] = Search(cache.Get(patterns[i].view()), in[i].view(), 0, nullptr, 0);
  }
}

// regexp_extract(s, pattern[, group]): the first match (or its group), NULL
// when nothing matches or the group did not take part.
template <bool kHasGroup>
void RegexpExtractKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* patterns = args[1]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  PatternCache cache;
  std::vector<re2::StringPiece> groups;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const RE2& re = cache.Get(patterns[i].view());
    const int64_t group = kHasGroup ? args[2]->data<int64_t>()[i] : 0;
    if (group < 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Group cannot be negative");
    if (group > re.NumberOfCapturingGroups()) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "Pattern has " + std::to_string(re.NumberOfCapturingGroups()) +
                            " groups. Cannot access group " + std::to_string(group));
    }
    groups.assign(static_cast<size_t>(group) + 1, re2::StringPiece());
    const std::string_view s = in[i].view();
    if (!Search(re, s, 0, groups.data(), static_cast<int>(groups.size())) || groups.back().data() == nullptr) {
      result.SetNull(i);
      continue;
    }
    // The group points into the argument, which the result keeps alive.
    out[i] = StringRef(groups.back().data(), static_cast<uint32_t>(groups.back().size()));
  }
  result.ShareBuffersOf(*args[0]);
}

// regexp_replace(s, pattern[, replacement]): every match replaced (removed
// without a replacement).
template <bool kHasReplacement>
void RegexpReplaceKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* patterns = args[1]->data<StringRef>();
  StringRef* out = result.data<StringRef>();
  PatternCache cache;
  std::vector<re2::StringPiece> groups;
  std::string buffer;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const RE2& re = cache.Get(patterns[i].view());
    const Replacement& replacement =
        cache.GetReplacement(kHasReplacement ? args[2]->data<StringRef>()[i].view() : std::string_view());
    groups.assign(static_cast<size_t>(re.NumberOfCapturingGroups()) + 1, re2::StringPiece());
    const std::string_view s = in[i].view();
    buffer.clear();
    size_t last_end = 0;
    ForEachMatch(re, s, 0, groups.data(), static_cast<int>(groups.size()), [&](size_t begin, size_t end) {
      if (!replacement.error.empty()) throw SluiceError(ErrorCode::kInvalidFunctionArgument, replacement.error);
      buffer.append(s.substr(last_end, begin - last_end));
      for (const ReplacementPiece& piece : replacement.pieces) {
        if (const std::string* text = std::get_if<std::string>(&piece)) {
          buffer += *text;
        } else {
          const re2::StringPiece& g = groups[static_cast<size_t>(std::get<int>(piece))];
          if (g.data() != nullptr) buffer.append(g.data(), g.size());
        }
      }
      last_end = end;
      return true;
    });
    buffer.append(s.substr(last_end));
    out[i] = result.heap().Add(buffer);
  }
}

void RegexpCountKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* patterns = args[1]->data<StringRef>();
  int64_t* out = result.data<int64_t>();
  PatternCache cache;
  re2::StringPiece match;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const RE2& re = cache.Get(patterns[i].view());
    const std::string_view s = in[i].view();
    int64_t n = 0;
    ForEachMatch(re, s, 0, &match, 1, [&](size_t, size_t) { return ++n, true; });
    out[i] = n;
  }
}

// regexp_position(s, pattern[, start[, occurrence]]): the 1-based code point
// position of the occurrence-th match at or after code point `start`; -1
// when there is none.
template <int kArgs>
void RegexpPositionKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* patterns = args[1]->data<StringRef>();
  int32_t* out = result.data<int32_t>();
  PatternCache cache;
  re2::StringPiece match;
  for (size_t i = 0; i < count; ++i) {
    if (has_nulls && result.IsNull(i)) continue;
    const int64_t start = kArgs >= 3 ? args[2]->data<int32_t>()[i] : 1;
    const int64_t occurrence = kArgs >= 4 ? args[3]->data<int32_t>()[i] : 1;
    if (start < 1) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "start position cannot be smaller than 1");
    if (occurrence < 1) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "occurrence cannot be smaller than 1");
    const RE2& re = cache.Get(patterns[i].view());
    const std::string_view s = in[i].view();
    out[i] = -1;
    if (start > CodePointCount(s)) continue;
    int64_t seen = 0;
    ForEachMatch(re, s, ByteOffsetOfCodePoint(s, start - 1), &match, 1, [&](size_t begin, size_t) {
      if (++seen < occurrence) return true;
      out[i] = static_cast<int32_t>(CodePointCount(s.substr(0, begin)) + 1);
      return false;
    });
  }
}

}  // namespace

// regexp_extract_all(s, pattern[, group]): every match (or its group; a
// group that did not take part gives a NULL element).
template <bool kHasGroup>
void RegexpExtractAllKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* patterns = args[1]->data<StringRef>();
  ListEntry* entries = result.data<ListEntry>();
  PatternCache cache;
  std::vector<re2::StringPiece> groups;
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(result.list_size()), 0};
    if (has_nulls && result.IsNull(i)) continue;
    const RE2& re = cache.Get(patterns[i].view());
    const int64_t group = kHasGroup ? args[2]->data<int64_t>()[i] : 0;
    if (group < 0) throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Group cannot be negative");
    if (group > re.NumberOfCapturingGroups()) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "Pattern has " + std::to_string(re.NumberOfCapturingGroups()) +
                            " groups. Cannot access group " + std::to_string(group));
    }
    groups.assign(static_cast<size_t>(group) + 1, re2::StringPiece());
    const std::string_view s = in[i].view();
    ForEachMatch(re, s, 0, groups.data(), static_cast<int>(groups.size()), [&](size_t, size_t) {
      const re2::StringPiece& g = groups.back();
      const uint32_t row = AppendStringElement(result, std::string_view(g.data() ? g.data() : "", g.size()));
      if (g.data() == nullptr) result.child().SetNull(row);
      ++entries[i].length;
      return true;
    });
  }
  result.child().ShareBuffersOf(*args[0]);
}

// regexp_split(s, pattern): the pieces between matches, empty ones included.
void RegexpSplitKernel(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  const bool has_nulls = PropagateNulls(args, count, result);
  const StringRef* in = args[0]->data<StringRef>();
  const StringRef* patterns = args[1]->data<StringRef>();
  ListEntry* entries = result.data<ListEntry>();
  PatternCache cache;
  re2::StringPiece match;
  for (size_t i = 0; i < count; ++i) {
    entries[i] = ListEntry{static_cast<uint32_t>(result.list_size()), 0};
    if (has_nulls && result.IsNull(i)) continue;
    const std::string_view s = in[i].view();
    size_t piece_start = 0;
    ForEachMatch(cache.Get(patterns[i].view()), s, 0, &match, 1, [&](size_t begin, size_t end) {
      if (begin == end && (begin == 0 || begin >= s.size())) return true;  // no piece at the edges
      AppendStringElement(result, s.substr(piece_start, begin - piece_start));
      ++entries[i].length;
      piece_start = end;
      return true;
    });
    AppendStringElement(result, s.substr(piece_start));
    ++entries[i].length;
  }
  result.child().ShareBuffersOf(*args[0]);
}

void RegisterRegexpFunctions(FunctionRegistry& r) {
  const LogicalType v = LogicalType::Varchar();
  const LogicalType b = LogicalType::Bigint();
  const LogicalType i = LogicalType::Integer();
  r.AddScalar({"regexp_like", {v, v}, LogicalType::Boolean(), RegexpLikeKernel});
  r.AddScalar({"regexp_extract", {v, v}, v, RegexpExtractKernel<false>});
  r.AddScalar({"regexp_extract", {v, v, b}, v, RegexpExtractKernel<true>});
  r.AddScalar({"regexp_extract_all", {v, v}, LogicalType::Array(v), RegexpExtractAllKernel<false>});
  r.AddScalar({"regexp_extract_all", {v, v, b}, LogicalType::Array(v), RegexpExtractAllKernel<true>});
  r.AddScalar({"regexp_split", {v, v}, LogicalType::Array(v), RegexpSplitKernel});
  r.AddScalar({"regexp_replace", {v, v}, v, RegexpReplaceKernel<false>});
  r.AddScalar({"regexp_replace", {v, v, v}, v, RegexpReplaceKernel<true>});
  r.AddScalar({"regexp_count", {v, v}, b, RegexpCountKernel});
  r.AddScalar({"regexp_position", {v, v}, i, RegexpPositionKernel<2>});
  r.AddScalar({"regexp_position", {v, v, i}, i, RegexpPositionKernel<3>});
  r.AddScalar({"regexp_position", {v, v, i, i}, i, RegexpPositionKernel<4>});
}

}  // namespace sluice::function
