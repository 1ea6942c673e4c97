#pragma once

#include <algorithm>
#include <string>

namespace sluice {

// Case folding of SQL names and keywords: ASCII only, independent of the
// process locale (identifiers are case-insensitive the way Trino folds them).
inline std::string AsciiLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
  return s;
}

inline std::string AsciiUpper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
  return s;
}

}  // namespace sluice
