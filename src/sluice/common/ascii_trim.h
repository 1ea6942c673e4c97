#pragma once

#include <string_view>

namespace sluice {

// `s` without leading and trailing spaces and tabs: the blanks text-to-value
// casts and the CSV value parser accept around a number or date.
inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace sluice
