#pragma once

#include <string>
#include <string_view>

namespace sluice::parquet {

enum class Codec { kUncompressed, kSnappy, kGzip, kZstd, kLz4Raw };

// Parquet's CompressionCodec numbers.
int CodecThriftId(Codec codec);
const char* CodecName(int thrift_id);

void Compress(Codec codec, int level, std::string_view input, std::string& out);
// Decompresses into `out` (sized to the expected length); false on corrupt
// input or a size mismatch. Throws NOT_SUPPORTED for unknown codecs.
bool Decompress(int thrift_codec, std::string_view input, std::string& out);

}  // namespace sluice::parquet
