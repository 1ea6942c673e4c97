#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/csv/byte_source.h"

namespace sluice::csv {

// Streaming decompressors over a whole file: compressed bytes come in 1 MiB
// reads, so memory stays bounded whatever the file size. Corrupt or truncated
// input throws SluiceError(kCorruptFile) naming the file.

// gzip (also zlib-wrapped deflate); concatenated members (`cat a.gz b.gz`)
// are read one after another, as gzip(1) does.
std::unique_ptr<ByteSource> OpenGzipSource(std::shared_ptr<RandomAccessFile> file);
// Hadoop's DefaultCodec: a zlib stream, or raw deflate when the file does not
// start with a zlib (or gzip) header.
std::unique_ptr<ByteSource> OpenDeflateSource(std::shared_ptr<RandomAccessFile> file);
// zstd; concatenated and skippable frames are read as zstd(1) does.
std::unique_ptr<ByteSource> OpenZstdSource(std::shared_ptr<RandomAccessFile> file);
// bzip2; concatenated streams (pbzip2, `cat a.bz2 b.bz2`) one after another.
std::unique_ptr<ByteSource> OpenBzip2Source(std::shared_ptr<RandomAccessFile> file);
// The LZ4 frame format of lz4(1) (concatenated and skippable frames) or its
// legacy format (lz4 -l) when the file starts with their magic, else Hadoop's
// Lz4Codec block format.
std::unique_ptr<ByteSource> OpenLz4Source(std::shared_ptr<RandomAccessFile> file);
// The snappy framing format when the file starts with its stream identifier,
// else Hadoop's SnappyCodec block format.
std::unique_ptr<ByteSource> OpenSnappySource(std::shared_ptr<RandomAccessFile> file);

// The compressed side shared by the decompressors: the file front to back in
// 1 MiB reads, and the error messages.
class CompressedInput {
 public:
  // `codec` names the format in messages: "<path>: truncated <codec> stream".
  CompressedInput(std::shared_ptr<RandomAccessFile> file, std::string codec);

  // Makes buffered bytes available (reading the next chunk when the buffer is
  // used up); false at the end of the file.
  bool Fill();
  const char* data() const { return buffer_.data() + off_; }
  size_t available() const { return len_ - off_; }
  void Consume(size_t n) { off_ += n; }
  // Compressed bytes not yet consumed, buffered or not.
  uint64_t remaining() const { return size_ - pos_ + available(); }

  // Copies up to n bytes from the front of the input without consuming them.
  // Meant for magic bytes: at most the buffer's size (1 MiB).
  size_t Peek(char* out, size_t n);
  // Consumes n bytes into out; returns fewer only at the end of the file.
  size_t ReadExact(char* out, size_t n);
  // Consumes n bytes; false when the file ends first.
  bool Skip(uint64_t n);

  [[noreturn]] void Truncated() const;
  // "<path>: bad <codec> data: <what>".
  [[noreturn]] void Bad(const std::string& what) const;

 private:
  std::shared_ptr<RandomAccessFile> file_;
  std::string codec_;
  uint64_t size_;
  uint64_t pos_ = 0;  // file offset of the next read
  std::vector<char> buffer_;
  size_t len_ = 0;
  size_t off_ = 0;
};

// A decompressor that decodes whole blocks into a buffer and serves reads
// from it (snappy's framing, Hadoop's blocks, legacy LZ4).
class BlockDecodingSource : public ByteSource {
 public:
  size_t Read(char* out, size_t n) final;

 protected:
  explicit BlockDecodingSource(CompressedInput input) : in_(std::move(input)) {}
  // Decodes the next block into decoded_ and sets decoded_len_ (> 0); false
  // at the end of the input.
  virtual bool DecodeNext() = 0;

  CompressedInput in_;
  std::vector<char> chunk_;    // compressed bytes being decoded
  std::vector<char> decoded_;  // decoded_[0, decoded_len_) is the current block
  size_t decoded_len_ = 0;

 private:
  size_t decoded_off_ = 0;
};

}  // namespace sluice::csv
