#include "sluice/storage/glob.h"

namespace sluice {

bool HasGlob(std::string_view path) { return path.find_first_of("*?[") != std::string_view::npos; }

std::string GlobListingPrefix(std::string_view pattern) {
  const size_t wildcard = pattern.find_first_of("*?[");
  if (wildcard == std::string_view::npos) return std::string(pattern);
  const size_t slash = pattern.rfind('/', wildcard);
  return slash == std::string_view::npos ? std::string() : std::string(pattern.substr(0, slash + 1));
}

namespace {

// One `[...]` set at pattern[p] (the '['); sets `end` past its ']'. A '['
// without a closing ']' is an ordinary character.
bool MatchSet(std::string_view pattern, size_t p, char c, size_t* end) {
  size_t i = p + 1;
  const bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negated) ++i;
  bool matched = false;
  bool first = true;
  for (; i < pattern.size() && (pattern[i] != ']' || first); first = false) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      matched |= pattern[i] <= c && c <= pattern[i + 2];
      i += 3;
    } else {
      matched |= pattern[i] == c;
      ++i;
    }
  }
  if (i >= pattern.size()) {
    *end = p + 1;
    return c == '[';
  }
  *end = i + 1;
  return matched != negated && c != '/';
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point per kind of star: the last
  // `*` (which may not cross '/') and the last `**` (which may).
  size_t p = 0, t = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  size_t deep_p = std::string_view::npos, deep_t = 0;
  bool deep_folders = false;  // "**/": the rest starts at a folder boundary
  while (t < text.size()) {
    if (p < pattern.size()) {
      const char c = pattern[p];
      if (c == '*') {
        if (p + 1 < pattern.size() && pattern[p + 1] == '*') {
          p += 2;
          // "**/" also matches no folder at all.
          deep_folders = p < pattern.size() && pattern[p] == '/';
          if (deep_folders) ++p;
          if (p == pattern.size()) return true;  // a trailing "**" takes all the rest
          deep_p = p;
          deep_t = t;
          star_p = std::string_view::npos;
        } else {
          star_p = ++p;
          star_t = t;
        }
        continue;
      }
      if (c == '?' && text[t] != '/') {
        ++p;
        ++t;
        continue;
      }
      if (c == '[') {
        size_t end;
        if (MatchSet(pattern, p, text[t], &end)) {
          p = end;
          ++t;
          continue;
        }
      } else if (c != '?' && c == text[t]) {
        ++p;
        ++t;
        continue;
      }
    }
    // Mismatch: let the last star take one more character.
    if (star_p != std::string_view::npos && text[star_t] != '/') {
      p = star_p;
      t = ++star_t;
      continue;
    }
    if (deep_p != std::string_view::npos) {
      star_p = std::string_view::npos;
      p = deep_p;
      ++deep_t;
      while (deep_folders && deep_t < text.size() && text[deep_t - 1] != '/') ++deep_t;
      t = deep_t;
      continue;
    }
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace sluice
