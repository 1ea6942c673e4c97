#include "sluice/formats/csv/hadoop_block_source.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace sluice::csv {

namespace {

// Hadoop's blocks are a few hundred KiB; a length beyond this is corrupt
// data, not something to allocate.
constexpr uint32_t kMaxLength = uint32_t{1} << 30;

uint32_t BigEndian32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

}  // namespace

uint32_t HadoopBlockSource::ReadLength() {
  unsigned char head[4];
  if (in_.ReadExact(reinterpret_cast<char*>(head), 4) < 4) in_.Truncated();
  const uint32_t length = BigEndian32(head);
  if (length > kMaxLength) in_.Bad("length " + std::to_string(length) + " exceeds 1 GiB");
  return length;
}

bool HadoopBlockSource::DecodeNext() {
  while (block_left_ == 0) {
    // Between blocks the file may end.
    if (in_.remaining() == 0) return false;
    block_left_ = ReadLength();
  }
  const uint32_t size = ReadLength();
  if (size == 0) in_.Bad("empty chunk in a block of " + std::to_string(block_left_) + " bytes");
  if (size > in_.remaining()) in_.Truncated();
  if (chunk_.size() < size) chunk_.resize(size);
  in_.ReadExact(chunk_.data(), size);
  decoded_len_ = DecodeChunk(chunk_.data(), size, static_cast<size_t>(block_left_), decoded_);
  // Each chunk must make progress, or a corrupt block would loop.
  if (decoded_len_ == 0) in_.Bad("chunk decodes to nothing");
  block_left_ -= decoded_len_;
  return true;
}

}  // namespace sluice::csv
