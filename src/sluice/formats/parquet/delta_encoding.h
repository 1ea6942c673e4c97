#pragma once

// Parquet's delta encodings (Encodings.md): DELTA_BINARY_PACKED for INT32 and
// INT64, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY for BYTE_ARRAY and
// FIXED_LEN_BYTE_ARRAY. Encoders append to `out`; decoders return false on
// malformed or short input and never read outside [data, data + size).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sluice/types/string_ref.h"

namespace sluice::parquet {

// DELTA_BINARY_PACKED with blocks of 128 values in 4 miniblocks of 32. INT32
// deltas use 32-bit wrap-around arithmetic, so miniblock bit widths stay <= 32
// (as parquet-mr's reader requires); INT64 uses 64-bit.
void EncodeDeltaBinaryPacked(const int32_t* values, size_t count, std::string& out);
void EncodeDeltaBinaryPacked(const int64_t* values, size_t count, std::string& out);

// Decodes the first `count` values (count <= the header's total count) into
// out. *consumed is the size of the WHOLE encoded run (every block of the
// header's total count), so data after it can be found. Readers take any block
// size and miniblock count whose miniblocks hold a multiple of 8 values (the
// spec asks writers for multiples of 128 and 32; its own examples use 8), bit
// widths up to 32 (INT32) or 64 (INT64), any bytes as the bit widths of the
// unneeded miniblocks of the last block. Every miniblock body must be whole.
bool DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, size_t count, int32_t* out,
                             size_t* consumed);
bool DecodeDeltaBinaryPacked(const uint8_t* data, size_t size, size_t count, int64_t* out,
                             size_t* consumed);

// The total value count in a DELTA_BINARY_PACKED header; false if the header
// is malformed.
bool DeltaBinaryPackedCount(const uint8_t* data, size_t size, uint64_t* count);

// DELTA_LENGTH_BYTE_ARRAY: the lengths as DELTA_BINARY_PACKED (INT32), then
// the values' bytes back to back.
void EncodeDeltaLengthByteArray(const std::string_view* values, size_t count, std::string& out);

// Decodes the first `count` values; out[i] point into `data` (no copy).
// *consumed is the bytes used: the whole length run plus the bytes of the
// first `count` values (all of the run's bytes when count is its total).
bool DecodeDeltaLengthByteArray(const uint8_t* data, size_t size, size_t count, StringRef* out,
                                size_t* consumed);

// DELTA_BYTE_ARRAY (front coding): the prefix lengths shared with the previous
// value as DELTA_BINARY_PACKED, then the suffixes as DELTA_LENGTH_BYTE_ARRAY.
void EncodeDeltaByteArray(const std::string_view* values, size_t count, std::string& out);

// Decodes the first `count` values into a new `arena`, allocated once at its
// exact size before it is filled (so the StringRefs stay valid); out[i] point
// into *arena. False also when a prefix is longer than the previous value or
// the values would take more than 4 GiB.
bool DecodeDeltaByteArray(const uint8_t* data, size_t size, size_t count,
                          std::shared_ptr<std::string>& arena, StringRef* out);

}  // namespace sluice::parquet
