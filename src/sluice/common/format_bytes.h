#pragma once

#include <cstdint>
#include <string>

namespace sluice {

// 1536 → "1.54 KB" (decimal units, as Athena bills).
std::string FormatBytes(uint64_t bytes);

}  // namespace sluice
