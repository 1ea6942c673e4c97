// gzip and deflate (zlib-wrapped or raw) through zlib's inflate.
#include <zlib.h>

#include <algorithm>
#include <string>

#include "sluice/formats/csv/compressed_input.h"

namespace sluice::csv {

namespace {

class ZlibSource final : public ByteSource {
 public:
  // window_bits as inflateInit2 takes them: 32 + MAX_WBITS detects a gzip or
  // zlib header, -MAX_WBITS reads raw deflate.
  ZlibSource(CompressedInput input, int window_bits) : in_(std::move(input)) {
    if (inflateInit2(&z_, window_bits) != Z_OK) in_.Bad("cannot start decompression");
  }
  ~ZlibSource() override { inflateEnd(&z_); }

  size_t Read(char* out, size_t n) override {
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt wanted = z_.avail_out;
    while (z_.avail_out > 0) {
      const bool have_input = in_.Fill();
      if (!have_input && at_member_end_) break;
      // Without input, inflate may still flush output it has decoded.
      const uInt in_before = have_input ? static_cast<uInt>(in_.available()) : 0;
      const uInt out_before = z_.avail_out;
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in_.data()));
      z_.avail_in = in_before;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      in_.Consume(in_before - z_.avail_in);
      if (rc == Z_STREAM_END) {
        // Another member may follow; the file may also end here.
        at_member_end_ = true;
        if (inflateReset(&z_) != Z_OK) in_.Bad("cannot continue the stream");
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) in_.Bad(z_.msg ? z_.msg : "error " + std::to_string(rc));
      if (z_.avail_in == in_before && z_.avail_out == out_before) {
        // No progress: the input ended inside a member.
        if (!have_input) in_.Truncated();
        in_.Bad("no progress");
      }
      at_member_end_ = false;
    }
    return wanted - z_.avail_out;
  }

 private:
  CompressedInput in_;
  z_stream z_{};
  // True between members (and at the start of an empty file), where the file
  // may legitimately end.
  bool at_member_end_ = true;
};

// A zlib header: deflate with a window of at most 32 KiB, and a check value
// that makes the first two bytes a multiple of 31.
bool IsZlibHeader(unsigned char cmf, unsigned char flg) {
  return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
}

}  // namespace

std::unique_ptr<ByteSource> OpenGzipSource(std::shared_ptr<RandomAccessFile> file) {
  return std::make_unique<ZlibSource>(CompressedInput(std::move(file), "gzip"), 32 + MAX_WBITS);
}

std::unique_ptr<ByteSource> OpenDeflateSource(std::shared_ptr<RandomAccessFile> file) {
  CompressedInput input(std::move(file), "deflate");
  unsigned char head[2] = {};
  const bool wrapped = input.Peek(reinterpret_cast<char*>(head), 2) == 2 &&
                       (IsZlibHeader(head[0], head[1]) || (head[0] == 0x1f && head[1] == 0x8b));
  return std::make_unique<ZlibSource>(std::move(input), wrapped ? 32 + MAX_WBITS : -MAX_WBITS);
}

}  // namespace sluice::csv
