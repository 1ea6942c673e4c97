#include "sluice/catalog/partition_path.h"

#include <array>

#include "sluice/catalog/catalog.h"
#include "sluice/common/error.h"

namespace sluice::catalog {

namespace {

// The table of FileUtils.charToEscape. Hive leaves '}' unescaped while it
// escapes '{'; we follow it exactly so that our directory names are the ones
// Athena and Spark would write for the same value (any %XX is decoded on
// read, so reading is lenient either way).
constexpr std::array<bool, 256> MakeEscapeTable() {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  for (unsigned char c : std::string_view("\"#%'*/:=?\\\x7F{[]^")) table[c] = true;
  return table;
}
constexpr std::array<bool, 256> kEscape = MakeEscapeTable();

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string EscapePartitionValue(std::string_view value) {
  if (value.empty()) return std::string(kHiveDefaultPartition);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (kEscape[c]) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}

std::string UnescapePartitionValue(std::string_view escaped) {
  std::string out;
  out.reserve(escaped.size());
  for (size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '%' && i + 2 < escaped.size()) {
      int hi = HexDigit(escaped[i + 1]);
      int lo = HexDigit(escaped[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi << 4 | lo);
        i += 2;
        continue;
      }
    }
    out += escaped[i];
  }
  return out;
}

std::string PartitionPath(const std::vector<std::string>& keys,
                          const std::vector<std::string>& values) {
  SLUICE_CHECK(keys.size() == values.size(), "partition path needs one value per key");
  std::string path;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) path += '/';
    path += EscapePartitionValue(keys[i]);
    path += '=';
    path += EscapePartitionValue(values[i]);
  }
  return path;
}

std::optional<std::vector<std::string>> ParsePartitionPath(std::string_view relative_dir,
                                                           const std::vector<std::string>& keys) {
  while (!relative_dir.empty() && relative_dir.front() == '/') relative_dir.remove_prefix(1);
  while (!relative_dir.empty() && relative_dir.back() == '/') relative_dir.remove_suffix(1);
  std::vector<std::string> values;
  values.reserve(keys.size());
  size_t pos = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    if (pos > relative_dir.size()) return std::nullopt;  // fewer levels than keys
    size_t end = relative_dir.find('/', pos);
    if (end == std::string_view::npos) end = relative_dir.size();
    std::string_view segment = relative_dir.substr(pos, end - pos);
    // Escaping turns '=' inside a key or value into %3D, so the first '='
    // is the separator.
    size_t eq = segment.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    if (NormalizeName(UnescapePartitionValue(segment.substr(0, eq))) != NormalizeName(keys[k])) {
      return std::nullopt;
    }
    values.push_back(UnescapePartitionValue(segment.substr(eq + 1)));
    pos = end + 1;
  }
  // Every level consumed, and no level left over.
  if (pos < relative_dir.size() || (keys.empty() && !relative_dir.empty())) return std::nullopt;
  return values;
}

}  // namespace sluice::catalog
