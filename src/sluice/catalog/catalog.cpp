#include "sluice/catalog/catalog.h"

namespace sluice::catalog {

std::string NormalizeName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace sluice::catalog
