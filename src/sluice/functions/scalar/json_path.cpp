#include "sluice/functions/scalar/json_path.h"

#include "sluice/common/error.h"

namespace sluice::function {

namespace {

// Characters of a key after '.', or inside brackets without quotes (Trino
// allows letters, digits, '_' and ':'; bytes of UTF-8 sequences pass too).
bool IsUnquotedKeyChar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == ':' ||
         u == '-' || u >= 0x80;
}

[[noreturn]] void InvalidPath(std::string_view path) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, "Invalid JSON path: '" + std::string(path) + "'");
}

}  // namespace

std::vector<std::string> ParseJsonPath(std::string_view path) {
  std::vector<std::string> steps;
  if (path.empty() || path[0] != '$') InvalidPath(path);
  size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      const size_t start = ++i;
      while (i < path.size() && IsUnquotedKeyChar(path[i])) ++i;
      if (i == start) InvalidPath(path);
      steps.emplace_back(path.substr(start, i - start));
    } else if (path[i] == '[') {
      ++i;
      std::string step;
      if (i < path.size() && path[i] == '"') {
        ++i;
        for (;;) {
          if (i >= path.size()) InvalidPath(path);
          char c = path[i++];
          if (c == '"') break;
          if (c == '\\') {
            if (i >= path.size() || (path[i] != '"' && path[i] != '\\')) InvalidPath(path);
            c = path[i++];
          }
          step += c;
        }
      } else {
        const size_t start = i;
        while (i < path.size() && IsUnquotedKeyChar(path[i])) ++i;
        if (i == start) InvalidPath(path);
        step = std::string(path.substr(start, i - start));
      }
      if (i >= path.size() || path[i] != ']') InvalidPath(path);
      ++i;
      steps.push_back(std::move(step));
    } else {
      InvalidPath(path);
    }
  }
  return steps;
}

std::string JsonPointerFor(const std::vector<std::string>& steps) {
  std::string pointer;
  for (const std::string& step : steps) {
    pointer += '/';
    for (char c : step) {
      if (c == '~') {
        pointer += "~0";
      } else if (c == '/') {
        pointer += "~1";
      } else {
        pointer += c;
      }
    }
  }
  return pointer;
}

}  // namespace sluice::function
