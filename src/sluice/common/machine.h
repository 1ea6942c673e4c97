#pragma once

#include <cstdint>

namespace sluice {

// Physical memory of the machine in bytes (0 when it cannot be read), for
// defaults that scale with it.
uint64_t PhysicalMemoryBytes();

}  // namespace sluice
