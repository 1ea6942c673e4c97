#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

// One object or file under a listed prefix.
struct FileInfo {
  std::string path;   // full URI or path, in the same form as the listed prefix
  uint64_t size = 0;
  int64_t mtime_seconds = 0;
};

// A file opened for positional reads. Implementations must allow concurrent
// ReadAt calls from several threads (local: pread; S3: independent ranged GETs).
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual const std::string& path() const = 0;
  virtual uint64_t Size() const = 0;

  // Reads exactly `length` bytes at `offset` into `out`, or throws IO_ERROR.
  // Every byte read is added to the attached counter: bytes scanned are counted
  // here, at the storage layer, so query statistics are exact.
  void ReadAt(uint64_t offset, size_t length, char* out) {
    DoReadAt(offset, length, out);
    if (bytes_read_counter_) bytes_read_counter_->fetch_add(length, std::memory_order_relaxed);
  }
  void AttachByteCounter(std::atomic<uint64_t>* counter) { bytes_read_counter_ = counter; }

 protected:
  virtual void DoReadAt(uint64_t offset, size_t length, char* out) = 0;

 private:
  std::atomic<uint64_t>* bytes_read_counter_ = nullptr;
};

// A file being written front to back. Nothing is visible at `path` until
// Close() succeeds (local: a temp name renamed on close; S3: a multipart upload
// completed on close). Abort() (or destruction without Close) discards it.
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  virtual void Write(const void* data, size_t length) = 0;
  virtual uint64_t BytesWritten() const = 0;
  virtual void Close() = 0;
  virtual void Abort() = 0;
};

// Storage behind a URI scheme. Paths are strings in the scheme's own form
// ("/data/x.csv", "file:///data/x.csv", later "s3://bucket/key"). Directories
// are an illusion of prefixes, as in object stores: listing is by prefix, and
// writing a file creates whatever parents it needs. Thread-safe.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Files whose path starts with `prefix`; when `prefix` names a directory,
  // every file below it (recursively), sorted by path. Hidden entries (names
  // starting with '.' or '_', as Hive and Athena ignore) are skipped unless
  // `include_hidden`.
  virtual std::vector<FileInfo> List(const std::string& prefix, bool include_hidden = false) = 0;
  virtual std::unique_ptr<RandomAccessFile> OpenForRead(const std::string& path) = 0;
  virtual std::unique_ptr<OutputStream> OpenForWrite(const std::string& path) = 0;
  virtual bool Exists(const std::string& path) = 0;
  // Removes one file; missing is not an error.
  virtual void Delete(const std::string& path) = 0;
  // Removes every file under the prefix (a directory tree locally).
  virtual void DeletePrefix(const std::string& prefix) = 0;
  // Moves a file to a new name, replacing nothing: used to publish staged
  // files (local: rename; S3: copy then delete).
  virtual void Move(const std::string& from, const std::string& to) = 0;

  // Reads a whole (small) file.
  std::string ReadAll(const std::string& path);
  // Writes a whole file through OpenForWrite.
  void WriteAll(const std::string& path, std::string_view contents);
};

// The file system for a URI: plain paths and file:// go to the local one.
// Throws NOT_SUPPORTED for schemes without an implementation.
std::shared_ptr<FileSystem> FileSystemFor(const std::string& uri);

// Path helpers that work for local paths and URIs alike.
std::string JoinPath(std::string_view base, std::string_view name);
// "s3://b/x/" and "/x" → scheme-free last component handling; "" when none.
std::string_view BaseName(std::string_view path);
std::string_view ParentPath(std::string_view path);

}  // namespace sluice
