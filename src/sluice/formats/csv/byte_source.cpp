#include "sluice/formats/csv/byte_source.h"

#include <algorithm>

#include "sluice/formats/csv/compressed_input.h"

namespace sluice::csv {

namespace {

// Reads past the split's end start this small (the straddling row is
// usually far shorter) and double, so a huge row takes few reads.
constexpr uint64_t kFirstTailStep = 64 << 10;

class RawSource final : public ByteSource {
 public:
  RawSource(std::shared_ptr<RandomAccessFile> file, uint64_t start, uint64_t soft_end)
      : file_(std::move(file)), pos_(start), size_(file_->Size()), soft_end_(soft_end) {}

  size_t Read(char* out, size_t n) override {
    if (pos_ >= size_ || n == 0) return 0;
    uint64_t want;
    if (pos_ < soft_end_) {
      // At least one step, so a tiny split still makes one useful read.
      want = std::max(soft_end_ - pos_, kFirstTailStep);
    } else {
      want = tail_step_;
      tail_step_ *= 2;
    }
    const size_t take = static_cast<size_t>(std::min<uint64_t>({want, n, size_ - pos_}));
    file_->ReadAt(pos_, take, out);
    pos_ += take;
    return take;
  }

 private:
  std::shared_ptr<RandomAccessFile> file_;
  uint64_t pos_;
  uint64_t size_;
  uint64_t soft_end_;
  uint64_t tail_step_ = kFirstTailStep;
};

}  // namespace

std::unique_ptr<ByteSource> OpenRawSource(std::shared_ptr<RandomAccessFile> file, uint64_t start,
                                          uint64_t soft_end) {
  return std::make_unique<RawSource>(std::move(file), start, soft_end);
}

std::unique_ptr<ByteSource> OpenDecompressingSource(std::shared_ptr<RandomAccessFile> file,
                                                    Compression compression) {
  switch (compression) {
    case Compression::kGzip: return OpenGzipSource(std::move(file));
    case Compression::kZstd: return OpenZstdSource(std::move(file));
    case Compression::kBzip2: return OpenBzip2Source(std::move(file));
    case Compression::kLz4: return OpenLz4Source(std::move(file));
    case Compression::kSnappy: return OpenSnappySource(std::move(file));
    case Compression::kDeflate: return OpenDeflateSource(std::move(file));
    case Compression::kNone: break;
  }
  uint64_t size = file->Size();
  return OpenRawSource(std::move(file), 0, size);
}

Compression DetectCompression(RandomAccessFile& file, const std::string& path) {
  const Compression by_name = CompressionFromPath(path);
  if (by_name != Compression::kNone || file.Size() == 0) return by_name;
  unsigned char magic[kCompressionMagicBytes] = {};
  const size_t n = static_cast<size_t>(std::min<uint64_t>(sizeof(magic), file.Size()));
  file.ReadAt(0, n, reinterpret_cast<char*>(magic));
  return CompressionFromMagic(magic, n);
}

}  // namespace sluice::csv
