#pragma once

// Shared by the reader fuzzers: how a finding aborts, and the input as a file.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "sluice/storage/file_system.h"

namespace sluice::fuzzing {

// Prints `what` (which may hold NULs) after the fuzzer's name and aborts, so
// that libFuzzer records the input.
[[noreturn]] inline void Fail(const char* fuzzer, const std::string& what) {
  std::fputs(fuzzer, stderr);
  std::fputs(": ", stderr);
  std::fwrite(what.data(), 1, what.size(), stderr);
  std::fputc('\n', stderr);
  std::abort();
}

// The file, in memory. A read outside it is a reader bug.
class MemoryFile : public RandomAccessFile {
 public:
  MemoryFile(const char* fuzzer, std::string path, std::string_view bytes)
      : fuzzer_(fuzzer), path_(std::move(path)), bytes_(bytes) {}
  const std::string& path() const override { return path_; }
  uint64_t Size() const override { return bytes_.size(); }

 protected:
  void DoReadAt(uint64_t offset, size_t length, char* out) override {
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
      Fail(fuzzer_, "read of " + std::to_string(length) + " bytes at " + std::to_string(offset) +
                        " outside a file of " + std::to_string(bytes_.size()));
    }
    if (length > 0) std::memcpy(out, bytes_.data() + offset, length);
  }

 private:
  const char* fuzzer_;
  std::string path_;
  std::string_view bytes_;
};

}  // namespace sluice::fuzzing
