#pragma once

#include <cstdint>
#include <string>

namespace sluice::parquet {

// Parquet's RLE / bit-packing hybrid, used for definition levels and
// dictionary indices. Runs of 8 or more equal values become RLE runs;
// everything else is bit-packed in groups of 8.
void EncodeRleBitPacked(const uint32_t* values, size_t count, int bit_width, std::string& out);

// Decodes `count` values; false when the input is malformed or too short.
bool DecodeRleBitPacked(const uint8_t* data, size_t size, int bit_width, size_t count,
                        uint32_t* out);

// Bits needed for values up to max_value (0 → 0).
int BitWidth(uint32_t max_value);

}  // namespace sluice::parquet
