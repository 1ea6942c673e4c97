#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sluice/formats/csv/compressed_input.h"

namespace sluice::csv {

// Hadoop's BlockCompressorStream layout, as Lz4Codec and SnappyCodec write
// it: blocks of [4-byte big-endian uncompressed length] followed by one or
// more [4-byte big-endian compressed length][raw compressed chunk] until the
// chunks have produced that many bytes. A block of length 0 marks the end of
// a stream (another may follow, as when files are concatenated).
class HadoopBlockSource : public BlockDecodingSource {
 protected:
  explicit HadoopBlockSource(CompressedInput input) : BlockDecodingSource(std::move(input)) {}
  // Decodes one raw chunk into out (grown as needed) and returns the bytes
  // produced, which may not exceed limit; calls in_.Bad() on corrupt data.
  virtual size_t DecodeChunk(const char* chunk, size_t size, size_t limit, std::vector<char>& out) = 0;

 private:
  // Decodes the next chunk; false at the end of the file.
  bool DecodeNext() final;
  uint32_t ReadLength();

  uint64_t block_left_ = 0;  // bytes the current block has still to produce
};

}  // namespace sluice::csv
