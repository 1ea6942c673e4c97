#include "sluice/formats/csv/byte_source.h"

#include <zlib.h>
#include <zstd.h>

#include <vector>

#include "sluice/common/error.h"

namespace sluice::csv {

namespace {

class RawSource final : public ByteSource {
 public:
  RawSource(std::shared_ptr<RandomAccessFile> file, uint64_t start, uint64_t soft_end)
      : file_(std::move(file)), pos_(start), size_(file_->Size()), soft_end_(soft_end) {}
  size_t Read(char* out, size_t n) override {
    if (pos_ >= size_) return 0;
    uint64_t want = pos_ < soft_end_ ? std::min<uint64_t>(n, soft_end_ - pos_)
                                     : std::min<uint64_t>(n, 64 << 10);
    size_t take = static_cast<size_t>(std::min<uint64_t>(want, size_ - pos_));
    file_->ReadAt(pos_, take, out);
    pos_ += take;
    return take;
  }

 private:
  std::shared_ptr<RandomAccessFile> file_;
  uint64_t pos_;
  uint64_t size_;
  uint64_t soft_end_;
};

// Compressed input arrives in 1 MiB reads and leaves through the decompressor.
class CompressedSource : public ByteSource {
 protected:
  explicit CompressedSource(std::shared_ptr<RandomAccessFile> file)
      : file_(std::move(file)), size_(file_->Size()), in_(1 << 20) {}
  // Refills the input buffer; false at the end of the file.
  bool Fill() {
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
    // 16 + MAX_WBITS: gzip wrapper; 32 would also accept zlib.
    if (inflateInit2(&z_, 32 + MAX_WBITS) != Z_OK) Corrupt("cannot start gzip decompression");
  }
  ~GzipSource() override { inflateEnd(&z_); }
  size_t Read(char* out, size_t n) override {
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out > 0) {
      if (in_off_ == in_len_ && !Fill()) {
        if (!finished_) Corrupt("truncated gzip stream");
        break;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_off_);
      z_.avail_in = static_cast<uInt>(in_len_ - in_off_);
      int rc = inflate(&z_, Z_NO_FLUSH);
      in_off_ = in_len_ - z_.avail_in;
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members (as `cat a.gz b.gz` makes) continue.
        finished_ = true;
        if (inflateReset(&z_) != Z_OK) Corrupt("cannot continue gzip stream");
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) Corrupt(std::string("bad gzip data: ") + (z_.msg ? z_.msg : "?"));
      finished_ = false;
    }
    return n - z_.avail_out;
  }

 private:
  z_stream z_{};
  bool finished_ = false;
};

class ZstdSource final : public CompressedSource {
 public:
  explicit ZstdSource(std::shared_ptr<RandomAccessFile> file)
      : CompressedSource(std::move(file)), ctx_(ZSTD_createDCtx()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(ctx_); }
  size_t Read(char* out, size_t n) override {
    ZSTD_outBuffer output{out, n, 0};
    while (output.pos < output.size) {
      if (in_off_ == in_len_ && !Fill()) {
        if (last_ != 0) Corrupt("truncated zstd stream");
        break;
      }
      ZSTD_inBuffer input{in_.data(), in_len_, in_off_};
      last_ = ZSTD_decompressStream(ctx_, &output, &input);
      if (ZSTD_isError(last_)) Corrupt(std::string("bad zstd data: ") + ZSTD_getErrorName(last_));
      in_off_ = input.pos;
    }
    return output.pos;
  }

 private:
  ZSTD_DCtx* ctx_;
  size_t last_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> OpenByteSource(std::shared_ptr<RandomAccessFile> file, uint64_t start,
                                           uint64_t soft_end, Compression compression) {
  switch (compression) {
    case Compression::kGzip: return std::make_unique<GzipSource>(std::move(file));
    case Compression::kZstd: return std::make_unique<ZstdSource>(std::move(file));
    case Compression::kNone: break;
  }
  return std::make_unique<RawSource>(std::move(file), start, soft_end);
}

}  // namespace sluice::csv
