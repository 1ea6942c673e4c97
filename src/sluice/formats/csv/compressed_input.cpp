#include "sluice/formats/csv/compressed_input.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sluice/common/error.h"

namespace sluice::csv {

namespace {

constexpr size_t kInputChunk = 1 << 20;

// The compressed side: the file read front to back in 1 MiB chunks.
class CompressedSource : public ByteSource {
 protected:
  explicit CompressedSource(std::shared_ptr<RandomAccessFile> file)
      : file_(std::move(file)), size_(file_->Size()), in_(kInputChunk) {}

  // Refills the input buffer when it is used up; false at the end of the file.
  bool FillInput() {
    if (in_off_ < in_len_) return true;
    if (pos_ >= size_) return false;
    in_len_ = static_cast<size_t>(std::min<uint64_t>(in_.size(), size_ - pos_));
    file_->ReadAt(pos_, in_len_, in_.data());
    pos_ += in_len_;
    in_off_ = 0;
    return true;
  }
  [[noreturn]] void Corrupt(const std::string& what) const {
    throw SluiceError(ErrorCode::kCorruptFile, file_->path() + ": " + what);
  }

  std::shared_ptr<RandomAccessFile> file_;
  uint64_t size_;
  uint64_t pos_ = 0;
  std::vector<char> in_;
  size_t in_len_ = 0;
  size_t in_off_ = 0;
};

class GzipSource final : public CompressedSource {
 public:
  explicit GzipSource(std::shared_ptr<RandomAccessFile> file) : CompressedSource(std::move(file)) {
    // 32 + MAX_WBITS: detect a gzip or zlib header.
    if (inflateInit2(&z_, 32 + MAX_WBITS) != Z_OK) Corrupt("cannot start gzip decompression");
  }
  ~GzipSource() override { inflateEnd(&z_); }

  size_t Read(char* out, size_t n) override {
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt wanted = z_.avail_out;
    while (z_.avail_out > 0) {
      if (!FillInput()) {
        if (!at_member_end_) Corrupt("truncated gzip stream");
        break;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_off_);
      z_.avail_in = static_cast<uInt>(in_len_ - in_off_);
      const int rc = inflate(&z_, Z_NO_FLUSH);
      in_off_ = in_len_ - z_.avail_in;
      if (rc == Z_STREAM_END) {
        // Another member may follow; the file may also end here.
        at_member_end_ = true;
        if (inflateReset(&z_) != Z_OK) Corrupt("cannot continue gzip stream");
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        Corrupt(std::string("bad gzip data: ") + (z_.msg ? z_.msg : "unknown error"));
      }
      at_member_end_ = false;
    }
    return wanted - z_.avail_out;
  }

 private:
  z_stream z_{};
  // True between members (and at the start of an empty file), where the file
  // may legitimately end.
  bool at_member_end_ = true;
};

class ZstdSource final : public CompressedSource {
 public:
  explicit ZstdSource(std::shared_ptr<RandomAccessFile> file)
      : CompressedSource(std::move(file)), ctx_(ZSTD_createDCtx()) {
    if (!ctx_) Corrupt("cannot start zstd decompression");
  }
  ~ZstdSource() override { ZSTD_freeDCtx(ctx_); }

  size_t Read(char* out, size_t n) override {
    ZSTD_outBuffer output{out, n, 0};
    while (output.pos < output.size) {
      if (!FillInput()) {
        // No compressed bytes left: at a frame boundary the file may end;
        // otherwise zstd may still hold decoded bytes to flush.
        if (pending_ == 0) break;
        ZSTD_inBuffer none{nullptr, 0, 0};
        const size_t before = output.pos;
        pending_ = Check(ZSTD_decompressStream(ctx_, &output, &none));
        if (output.pos == before) Corrupt("truncated zstd stream");
        continue;
      }
      ZSTD_inBuffer input{in_.data(), in_len_, in_off_};
      pending_ = Check(ZSTD_decompressStream(ctx_, &output, &input));
      in_off_ = input.pos;
    }
    return output.pos;
  }

 private:
  size_t Check(size_t rc) const {
    if (ZSTD_isError(rc)) Corrupt(std::string("bad zstd data: ") + ZSTD_getErrorName(rc));
    return rc;
  }

  ZSTD_DCtx* ctx_;
  size_t pending_ = 0;  // 0 at a frame boundary, where the file may end
};

}  // namespace

std::unique_ptr<ByteSource> OpenGzipSource(std::shared_ptr<RandomAccessFile> file) {
  return std::make_unique<GzipSource>(std::move(file));
}

std::unique_ptr<ByteSource> OpenZstdSource(std::shared_ptr<RandomAccessFile> file) {
  return std::make_unique<ZstdSource>(std::move(file));
}

}  // namespace sluice::csv
