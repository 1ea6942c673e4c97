#pragma once

#include <cstddef>
#include <cstdint>

namespace sluice::csv {

// CRC-32C (Castagnoli), as the snappy framing format checks its chunks with.
// Uses the SSE4.2 crc32 instruction when the CPU has it.
uint32_t Crc32c(const void* data, size_t size);

// The table-driven version the above falls back to; exposed for tests.
uint32_t Crc32cPortable(const void* data, size_t size);

}  // namespace sluice::csv
