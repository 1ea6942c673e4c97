// LZ4: the frame format of lz4(1) through LZ4F_decompress; its legacy format
// and Hadoop's Lz4Codec blocks of raw LZ4 through LZ4_decompress_safe.
#include <lz4.h>
#include <lz4frame.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "sluice/formats/csv/hadoop_block_source.h"

namespace sluice::csv {

namespace {

constexpr uint32_t kLegacyMagic = 0x184c2102;

uint32_t LittleEndian32(const unsigned char* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

class Lz4FrameSource final : public ByteSource {
 public:
  explicit Lz4FrameSource(CompressedInput input) : in_(std::move(input)) {
    if (LZ4F_isError(LZ4F_createDecompressionContext(&ctx_, LZ4F_VERSION))) {
      in_.Bad("cannot start decompression");
    }
  }
  ~Lz4FrameSource() override { LZ4F_freeDecompressionContext(ctx_); }

  size_t Read(char* out, size_t n) override {
    size_t done = 0;
    while (done < n) {
      const bool have_input = in_.Fill();
      // The file may end where a frame ends; inside one, LZ4F may still
      // hold decoded bytes to flush.
      if (!have_input && hint_ == 0) break;
      size_t out_size = n - done;
      size_t in_size = have_input ? in_.available() : 0;
      const size_t rc = LZ4F_decompress(ctx_, out + done, &out_size, in_.data(), &in_size, nullptr);
      if (LZ4F_isError(rc)) in_.Bad(LZ4F_getErrorName(rc));
      hint_ = rc;  // 0 once a frame is complete; the context then takes the next
      in_.Consume(in_size);
      done += out_size;
      if (in_size == 0 && out_size == 0) {
        if (!have_input) in_.Truncated();
        in_.Bad("no progress");
      }
    }
    return done;
  }

 private:
  CompressedInput in_;
  LZ4F_dctx* ctx_ = nullptr;
  size_t hint_ = 0;
};

class HadoopLz4Source final : public HadoopBlockSource {
 public:
  explicit HadoopLz4Source(CompressedInput input) : HadoopBlockSource(std::move(input)) {}

 protected:
  size_t DecodeChunk(const char* chunk, size_t size, size_t limit, std::vector<char>& out) override {
    // LZ4 expands at most 255 times, so the output needs no more room than
    // that whatever the block header claims.
    const size_t room = std::min(limit, size * 255 + 64);
    if (out.size() < room) out.resize(room);
    const int n = LZ4_decompress_safe(chunk, out.data(), static_cast<int>(size), static_cast<int>(room));
    if (n < 0) in_.Bad("corrupt block");
    return static_cast<size_t>(n);
  }
};

// `lz4 -l`'s legacy format: the magic, then blocks of [4-byte little-endian
// compressed size][raw LZ4] that each decode to 8 MiB (the last one less),
// up to the end of the file; a repeated magic starts another such stream.
class Lz4LegacySource final : public BlockDecodingSource {
 public:
  explicit Lz4LegacySource(CompressedInput input) : BlockDecodingSource(std::move(input)) {}

 private:
  static constexpr size_t kBlock = size_t{8} << 20;

  bool DecodeNext() override {
    uint32_t size = kLegacyMagic;
    while (size == kLegacyMagic) {
      unsigned char head[4];
      const size_t got = in_.ReadExact(reinterpret_cast<char*>(head), 4);
      if (got == 0) return false;
      if (got < 4) in_.Truncated();
      size = LittleEndian32(head);
    }
    if (size == 0 || size > static_cast<uint32_t>(LZ4_compressBound(kBlock))) {
      in_.Bad("legacy block of " + std::to_string(size) + " bytes");
    }
    if (size > in_.remaining()) in_.Truncated();
    if (chunk_.size() < size) chunk_.resize(size);
    in_.ReadExact(chunk_.data(), size);
    // As for Hadoop's blocks: room for what `size` bytes can expand to.
    const size_t room = std::min(kBlock, size_t{size} * 255 + 64);
    if (decoded_.size() < room) decoded_.resize(room);
    const int n = LZ4_decompress_safe(chunk_.data(), decoded_.data(), static_cast<int>(size),
                                      static_cast<int>(room));
    if (n <= 0) in_.Bad("corrupt legacy block");
    decoded_len_ = static_cast<size_t>(n);
    return true;
  }
};

bool IsFrameMagic(uint32_t magic) {
  // A frame, or a skippable frame (0x184D2A50..5F) that a frame follows.
  return magic == 0x184d2204 || (magic & 0xfffffff0) == 0x184d2a50;
}

}  // namespace

std::unique_ptr<ByteSource> OpenLz4Source(std::shared_ptr<RandomAccessFile> file) {
  CompressedInput input(std::move(file), "lz4");
  unsigned char head[4] = {};
  if (input.Peek(reinterpret_cast<char*>(head), 4) == 4) {
    const uint32_t magic = LittleEndian32(head);
    if (IsFrameMagic(magic)) return std::make_unique<Lz4FrameSource>(std::move(input));
    if (magic == kLegacyMagic) return std::make_unique<Lz4LegacySource>(std::move(input));
  }
  return std::make_unique<HadoopLz4Source>(std::move(input));
}

}  // namespace sluice::csv
