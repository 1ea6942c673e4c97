#include "sluice/catalog/partition_key.h"

namespace sluice::catalog {

std::string EncodePartitionKey(const std::vector<std::string>& values) {
  std::string key;
  size_t size = 0;
  for (const auto& v : values) size += v.size() + 2;
  key.reserve(size);
  for (const auto& v : values) {
    for (char c : v) {
      key += c;
      if (c == '\0') key += '\xFF';
    }
    key += '\0';
    key += '\0';
  }
  return key;
}

}  // namespace sluice::catalog
