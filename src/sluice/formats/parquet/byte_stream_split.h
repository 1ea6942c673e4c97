#pragma once

// Parquet's BYTE_STREAM_SPLIT (Encodings.md): byte k of every value goes to
// stream k, and the streams are stored one after the other. Sizes nothing and
// compresses better; used for FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY.

#include <cstddef>
#include <cstdint>
#include <string>

namespace sluice::parquet {

// Appends `count` values of `width` bytes each (count * width bytes at values).
void EncodeByteStreamSplit(const uint8_t* values, size_t count, size_t width, std::string& out);

// `data` holds a page's `total` values (total = size / width for a whole
// page); decodes the first `count` of them into out (count * width bytes).
// False if width is 0, size < total * width or count > total.
bool DecodeByteStreamSplit(const uint8_t* data, size_t size, size_t total, size_t count, size_t width,
                           uint8_t* out);

}  // namespace sluice::parquet
