// Snappy: the framing format (snzip, python-snappy's stream API, Kafka's
// tooling) with its CRC-32C checks, and Hadoop's SnappyCodec blocks.
#include <snappy.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "sluice/formats/csv/crc32c.h"
#include "sluice/formats/csv/hadoop_block_source.h"

namespace sluice::csv {

namespace {

constexpr char kStreamIdentifier[] = "\xff\x06\x00\x00sNaPpY";
constexpr size_t kStreamIdentifierSize = 10;
// The framing format caps a chunk's uncompressed data at 64 KiB.
constexpr size_t kMaxFramedData = 65536;
// Snappy's longest copy (64 bytes) takes 3 bytes, so no chunk expands more
// than about 22 times; a header claiming more is corrupt.
constexpr size_t kMaxExpansion = 24;

uint32_t LittleEndian(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

uint32_t MaskedCrc32c(const char* data, size_t size) {
  const uint32_t crc = Crc32c(data, size);
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

class SnappyFramedSource final : public BlockDecodingSource {
 public:
  explicit SnappyFramedSource(CompressedInput input) : BlockDecodingSource(std::move(input)) {
    decoded_.resize(kMaxFramedData);
  }

 private:
  // Decodes chunks until one holds data; false at the end of the file.
  bool DecodeNext() override {
    while (decoded_len_ == 0) {
      unsigned char head[4];
      const size_t got = in_.ReadExact(reinterpret_cast<char*>(head), 4);
      if (got == 0) return false;  // the file may end after any chunk
      if (got < 4) in_.Truncated();
      const unsigned type = head[0];
      const uint32_t size = LittleEndian(head + 1, 3);
      if (size > in_.remaining()) in_.Truncated();
      if (!seen_identifier_ && type != 0xff) in_.Bad("missing stream identifier");
      if (type >= 0x80 && type != 0xff) {
        in_.Skip(size);  // padding and reserved skippable chunks
        continue;
      }
      if (type >= 0x02 && type <= 0x7f) in_.Bad("unskippable chunk of type " + std::to_string(type));
      if (chunk_.size() < size) chunk_.resize(size);
      in_.ReadExact(chunk_.data(), size);
      if (type == 0xff) {
        // Also repeated where streams were concatenated.
        if (size != 6 || std::memcmp(chunk_.data(), kStreamIdentifier + 4, 6) != 0) {
          in_.Bad("bad stream identifier");
        }
        seen_identifier_ = true;
        continue;
      }
      if (size < 4) in_.Bad("chunk of " + std::to_string(size) + " bytes has no checksum");
      const char* data = chunk_.data() + 4;
      const size_t data_size = size - 4;
      if (type == 0x01) {
        if (data_size > kMaxFramedData) in_.Bad("uncompressed chunk exceeds 64 KiB");
        std::memcpy(decoded_.data(), data, data_size);
        decoded_len_ = data_size;
      } else {
        size_t length = 0;
        if (!snappy::GetUncompressedLength(data, data_size, &length)) in_.Bad("bad chunk header");
        if (length > kMaxFramedData) in_.Bad("compressed chunk exceeds 64 KiB");
        if (!snappy::RawUncompress(data, data_size, decoded_.data())) in_.Bad("corrupt chunk");
        decoded_len_ = length;
      }
      const uint32_t stored = LittleEndian(reinterpret_cast<const unsigned char*>(chunk_.data()), 4);
      if (MaskedCrc32c(decoded_.data(), decoded_len_) != stored) in_.Bad("checksum mismatch");
    }
    return true;
  }

  bool seen_identifier_ = false;
};

class HadoopSnappySource final : public HadoopBlockSource {
 public:
  explicit HadoopSnappySource(CompressedInput input) : HadoopBlockSource(std::move(input)) {}

 protected:
  size_t DecodeChunk(const char* chunk, size_t size, size_t limit, std::vector<char>& out) override {
    size_t length = 0;
    if (!snappy::GetUncompressedLength(chunk, size, &length)) in_.Bad("bad chunk header");
    if (length > limit) in_.Bad("chunk decodes to more than its block");
    if (length > size * kMaxExpansion + 16) in_.Bad("chunk claims " + std::to_string(length) + " bytes");
    if (out.size() < length) out.resize(length);
    if (!snappy::RawUncompress(chunk, size, out.data())) in_.Bad("corrupt chunk");
    return length;
  }
};

}  // namespace

std::unique_ptr<ByteSource> OpenSnappySource(std::shared_ptr<RandomAccessFile> file) {
  CompressedInput input(std::move(file), "snappy");
  char head[kStreamIdentifierSize];
  if (input.Peek(head, sizeof(head)) == sizeof(head) && std::memcmp(head, kStreamIdentifier, sizeof(head)) == 0) {
    return std::make_unique<SnappyFramedSource>(std::move(input));
  }
  return std::make_unique<HadoopSnappySource>(std::move(input));
}

}  // namespace sluice::csv
