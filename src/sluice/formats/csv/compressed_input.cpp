#include "sluice/formats/csv/compressed_input.h"

#include <algorithm>
#include <cstring>

#include "sluice/common/error.h"

namespace sluice::csv {

namespace {

constexpr size_t kInputChunk = 1 << 20;

}  // namespace

CompressedInput::CompressedInput(std::shared_ptr<RandomAccessFile> file, std::string codec)
    : file_(std::move(file)), codec_(std::move(codec)), size_(file_->Size()),
      buffer_(static_cast<size_t>(std::min<uint64_t>(kInputChunk, size_))) {}  // small files, small buffer

bool CompressedInput::Fill() {
  if (off_ < len_) return true;
  if (pos_ >= size_) return false;
  len_ = static_cast<size_t>(std::min<uint64_t>(buffer_.size(), size_ - pos_));
  file_->ReadAt(pos_, len_, buffer_.data());
  pos_ += len_;
  off_ = 0;
  return true;
}

size_t CompressedInput::Peek(char* out, size_t n) {
  if (off_ > 0 && available() < n) {
    // Keep the unread tail and top the buffer up behind it.
    const size_t keep = available();
    std::memmove(buffer_.data(), buffer_.data() + off_, keep);
    off_ = 0;
    len_ = keep;
  }
  if (len_ == off_ && !Fill()) return 0;
  while (available() < n && len_ < buffer_.size() && pos_ < size_) {
    const size_t more = static_cast<size_t>(std::min<uint64_t>(buffer_.size() - len_, size_ - pos_));
    file_->ReadAt(pos_, more, buffer_.data() + len_);
    pos_ += more;
    len_ += more;
  }
  const size_t take = std::min(n, available());
  std::memcpy(out, data(), take);
  return take;
}

size_t CompressedInput::ReadExact(char* out, size_t n) {
  size_t done = 0;
  while (done < n && Fill()) {
    const size_t take = std::min(n - done, available());
    std::memcpy(out + done, data(), take);
    Consume(take);
    done += take;
  }
  return done;
}

bool CompressedInput::Skip(uint64_t n) {
  while (n > 0) {
    if (!Fill()) return false;
    const size_t take = static_cast<size_t>(std::min<uint64_t>(n, available()));
    Consume(take);
    n -= take;
  }
  return true;
}

void CompressedInput::Truncated() const {
  throw SluiceError(ErrorCode::kCorruptFile, file_->path() + ": truncated " + codec_ + " stream");
}

void CompressedInput::Bad(const std::string& what) const {
  throw SluiceError(ErrorCode::kCorruptFile, file_->path() + ": bad " + codec_ + " data: " + what);
}

size_t BlockDecodingSource::Read(char* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    if (decoded_off_ == decoded_len_) {
      decoded_off_ = decoded_len_ = 0;
      if (!DecodeNext()) break;
    }
    const size_t take = std::min(n - done, decoded_len_ - decoded_off_);
    std::memcpy(out + done, decoded_.data() + decoded_off_, take);
    decoded_off_ += take;
    done += take;
  }
  return done;
}

}  // namespace sluice::csv
