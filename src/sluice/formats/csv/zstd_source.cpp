// zstd through ZSTD_decompressStream.
#include <zstd.h>

#include <string>

#include "sluice/formats/csv/compressed_input.h"

namespace sluice::csv {

namespace {

class ZstdSource final : public ByteSource {
 public:
  explicit ZstdSource(CompressedInput input) : in_(std::move(input)), ctx_(ZSTD_createDCtx()) {
    if (!ctx_) in_.Bad("cannot start decompression");
  }
  ~ZstdSource() override { ZSTD_freeDCtx(ctx_); }

  size_t Read(char* out, size_t n) override {
    ZSTD_outBuffer output{out, n, 0};
    while (output.pos < output.size) {
      const bool have_input = in_.Fill();
      // At a frame boundary the file may end; otherwise zstd may still hold
      // decoded bytes to flush.
      if (!have_input && pending_ == 0) break;
      ZSTD_inBuffer input{in_.data(), have_input ? in_.available() : 0, 0};
      const size_t out_before = output.pos;
      pending_ = Check(ZSTD_decompressStream(ctx_, &output, &input));
      in_.Consume(input.pos);
      if (input.pos == 0 && output.pos == out_before) {
        if (!have_input) in_.Truncated();
        in_.Bad("no progress");
      }
    }
    return output.pos;
  }

 private:
  size_t Check(size_t rc) const {
    if (ZSTD_isError(rc)) in_.Bad(ZSTD_getErrorName(rc));
    return rc;
  }

  CompressedInput in_;
  ZSTD_DCtx* ctx_;
  size_t pending_ = 0;  // 0 at a frame boundary, where the file may end
};

}  // namespace

std::unique_ptr<ByteSource> OpenZstdSource(std::shared_ptr<RandomAccessFile> file) {
  return std::make_unique<ZstdSource>(CompressedInput(std::move(file), "zstd"));
}

}  // namespace sluice::csv
