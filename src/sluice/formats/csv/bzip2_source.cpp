// bzip2 through libbz2's streaming BZ2_bzDecompress.
#include <bzlib.h>

#include <algorithm>
#include <string>

#include "sluice/formats/csv/compressed_input.h"

namespace sluice::csv {

namespace {

std::string Bzip2Error(int rc) {
  switch (rc) {
    case BZ_DATA_ERROR: return "data integrity error";
    case BZ_DATA_ERROR_MAGIC: return "not a bzip2 stream";
    case BZ_MEM_ERROR: return "out of memory";
    default: return "error " + std::to_string(rc);
  }
}

class Bzip2Source final : public ByteSource {
 public:
  explicit Bzip2Source(CompressedInput input) : in_(std::move(input)) {}
  ~Bzip2Source() override {
    if (started_) BZ2_bzDecompressEnd(&bz_);
  }

  size_t Read(char* out, size_t n) override {
    bz_.next_out = out;
    bz_.avail_out = static_cast<unsigned>(std::min<size_t>(n, 1u << 30));
    const unsigned wanted = bz_.avail_out;
    while (bz_.avail_out > 0) {
      const bool have_input = in_.Fill();
      if (!have_input && !started_) break;  // between streams: the file may end
      if (!started_) {
        // libbz2 has no reset: each concatenated stream gets a fresh state.
        if (BZ2_bzDecompressInit(&bz_, 0, 0) != BZ_OK) in_.Bad("cannot start decompression");
        started_ = true;
      }
      // Without input, libbz2 may still flush a block it has decoded.
      const unsigned in_before = have_input ? static_cast<unsigned>(in_.available()) : 0;
      const unsigned out_before = bz_.avail_out;
      bz_.next_in = const_cast<char*>(in_.data());
      bz_.avail_in = in_before;
      const int rc = BZ2_bzDecompress(&bz_);
      in_.Consume(in_before - bz_.avail_in);
      if (rc == BZ_STREAM_END) {
        BZ2_bzDecompressEnd(&bz_);
        started_ = false;
        continue;
      }
      if (rc != BZ_OK) in_.Bad(Bzip2Error(rc));
      if (bz_.avail_in == in_before && bz_.avail_out == out_before) {
        if (!have_input) in_.Truncated();
        in_.Bad("no progress");
      }
    }
    return wanted - bz_.avail_out;
  }

 private:
  CompressedInput in_;
  bz_stream bz_{};
  bool started_ = false;  // inside a stream
};

}  // namespace

std::unique_ptr<ByteSource> OpenBzip2Source(std::shared_ptr<RandomAccessFile> file) {
  return std::make_unique<Bzip2Source>(CompressedInput(std::move(file), "bz2"));
}

}  // namespace sluice::csv
