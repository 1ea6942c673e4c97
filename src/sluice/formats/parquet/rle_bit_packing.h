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

// Unpacks `count` values of `bit_width` bits, packed back to back little-endian,
// least significant bit first, from bit 0 of in[0] (Parquet's bit-packed runs
// and DELTA_BINARY_PACKED miniblocks). Works 32 values at a time with unrolled
// 64-bit loads specialised per bit width. `size` is the bytes readable at `in`:
// at least ceil(count * bit_width / 8); when more follow (the rest of a page),
// whole groups of 32 decode straight from the input, otherwise the tail goes
// through a small padded copy. Never reads at or past in + size. False when
// bit_width is outside 0..32 (uint32_t) or 0..64 (uint64_t) or size is short.
bool UnpackBits(const uint8_t* in, size_t size, int bit_width, size_t count, uint32_t* out);
bool UnpackBits(const uint8_t* in, size_t size, int bit_width, size_t count, uint64_t* out);

// UnpackBits fused with DELTA_BINARY_PACKED's reconstruction: out[k] is *run
// plus the sum of (value + add) over values 0..k, wrapping around; *run ends
// as the last of them. Same inputs and failures as UnpackBits.
bool UnpackBitsRunningSum(const uint8_t* in, size_t size, int bit_width, size_t count, uint32_t add,
                          uint32_t* run, uint32_t* out);
bool UnpackBitsRunningSum(const uint8_t* in, size_t size, int bit_width, size_t count, uint64_t add,
                          uint64_t* run, uint64_t* out);

}  // namespace sluice::parquet
