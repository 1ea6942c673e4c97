#include "sluice/storage/local_file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "sluice/common/error.h"

namespace fs = std::filesystem;

namespace sluice {

namespace {

[[noreturn]] void ThrowIo(const std::string& what, const std::string& path, int err) {
  throw SluiceError(ErrorCode::kIoError, what + " '" + path + "': " + std::strerror(err));
}

bool IsHiddenName(std::string_view name) {
  return !name.empty() && (name.front() == '.' || name.front() == '_');
}

class LocalRandomAccessFile final : public RandomAccessFile {
 public:
  LocalRandomAccessFile(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  ~LocalRandomAccessFile() override { ::close(fd_); }
  const std::string& path() const override { return path_; }
  uint64_t Size() const override { return size_; }

 protected:
  void DoReadAt(uint64_t offset, size_t length, char* out) override {
    size_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, out + done, length - done, static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        ThrowIo("cannot read", path_, errno);
      }
      if (n == 0) {
        throw SluiceError(ErrorCode::kIoError,
                          "unexpected end of file '" + path_ + "' at byte " +
                              std::to_string(offset + done) + " (wanted " +
                              std::to_string(offset + length) + ")");
      }
      done += static_cast<size_t>(n);
    }
  }

 private:
  std::string path_;
  int fd_;
  uint64_t size_;
};

// Buffers writes into 1 MiB blocks; renames the temp file into place on Close.
class LocalOutputStream final : public OutputStream {
 public:
  LocalOutputStream(std::string final_path, std::string temp_path, int fd)
      : final_path_(std::move(final_path)), temp_path_(std::move(temp_path)), fd_(fd) {
    buffer_.reserve(kBufferSize);
  }
  ~LocalOutputStream() override {
    if (fd_ >= 0) Abort();
  }
  void Write(const void* data, size_t length) override {
    const char* p = static_cast<const char*>(data);
    written_ += length;
    if (buffer_.size() + length > kBufferSize) {
      Flush();
      if (length >= kBufferSize) {
        WriteFully(p, length);
        return;
      }
    }
    buffer_.insert(buffer_.end(), p, p + length);
  }
  uint64_t BytesWritten() const override { return written_; }
  void Close() override {
    Flush();
    if (::close(fd_) != 0) {
      int err = errno;
      fd_ = -1;
      ::unlink(temp_path_.c_str());
      ThrowIo("cannot close", temp_path_, err);
    }
    fd_ = -1;
    if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
      int err = errno;
      ::unlink(temp_path_.c_str());
      ThrowIo("cannot publish", final_path_, err);
    }
  }
  void Abort() override {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
      ::unlink(temp_path_.c_str());
    }
  }

 private:
  static constexpr size_t kBufferSize = 1 << 20;

  void Flush() {
    if (!buffer_.empty()) WriteFully(buffer_.data(), buffer_.size());
    buffer_.clear();
  }
  void WriteFully(const char* p, size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        ThrowIo("cannot write", temp_path_, errno);
      }
      p += w;
      n -= static_cast<size_t>(w);
    }
  }

  std::string final_path_;
  std::string temp_path_;
  int fd_;
  std::vector<char> buffer_;
  uint64_t written_ = 0;
};

void CollectFiles(const fs::path& dir, bool include_hidden, std::vector<FileInfo>& out) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto& entry = *it;
    std::string name = entry.path().filename().string();
    if (!include_hidden && IsHiddenName(name)) continue;
    std::error_code sec;
    if (entry.is_directory(sec)) {
      CollectFiles(entry.path(), include_hidden, out);
    } else if (entry.is_regular_file(sec)) {
      struct stat st;
      if (::stat(entry.path().c_str(), &st) != 0) continue;
      out.push_back({entry.path().string(), static_cast<uint64_t>(st.st_size),
                     static_cast<int64_t>(st.st_mtime)});
    }
  }
  if (ec && ec != std::errc::no_such_file_or_directory) {
    ThrowIo("cannot list", dir.string(), ec.value());
  }
}

}  // namespace

std::string LocalFileSystem::ToNativePath(const std::string& path) {
  if (path.rfind("file://", 0) == 0) return path.substr(7);
  return path;
}

std::vector<FileInfo> LocalFileSystem::List(const std::string& prefix, bool include_hidden) {
  std::string native = ToNativePath(prefix);
  std::vector<FileInfo> out;
  struct stat st;
  if (::stat(native.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    out.push_back({native, static_cast<uint64_t>(st.st_size), static_cast<int64_t>(st.st_mtime)});
  } else if (::stat(native.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    CollectFiles(native, include_hidden, out);
  } else {
    // A prefix that is not a directory: the files in its parent starting with it.
    fs::path p(native);
    fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    std::string stem = p.filename().string();
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.rfind(stem, 0) != 0) continue;
      if (!include_hidden && IsHiddenName(name)) continue;
      std::error_code sec;
      if (it->is_directory(sec)) {
        CollectFiles(it->path(), include_hidden, out);
      } else if (::stat(it->path().c_str(), &st) == 0) {
        out.push_back({it->path().string(), static_cast<uint64_t>(st.st_size),
                       static_cast<int64_t>(st.st_mtime)});
      }
    }
  }
  // Report paths in the caller's form (keep file:// when given).
  if (prefix.rfind("file://", 0) == 0) {
    for (auto& f : out) f.path = "file://" + f.path;
  }
  std::sort(out.begin(), out.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return out;
}

std::unique_ptr<RandomAccessFile> LocalFileSystem::OpenForRead(const std::string& path) {
  std::string native = ToNativePath(path);
  int fd = ::open(native.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) ThrowIo("cannot open", path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    ThrowIo("cannot stat", path, err);
  }
  return std::make_unique<LocalRandomAccessFile>(path, fd, static_cast<uint64_t>(st.st_size));
}

std::unique_ptr<OutputStream> LocalFileSystem::OpenForWrite(const std::string& path) {
  std::string native = ToNativePath(path);
  fs::path p(native);
  std::error_code ec;
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  if (ec) ThrowIo("cannot create directory for", path, ec.value());
  static std::atomic<uint64_t> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string temp = (p.has_parent_path() ? p.parent_path().string() + "/" : std::string()) +
                     ".tmp." + p.filename().string() + "." + std::to_string(::getpid()) + "." +
                     std::to_string(counter.fetch_add(1)) + "." + std::to_string(rng() % 1000000);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) ThrowIo("cannot create", path, errno);
  return std::make_unique<LocalOutputStream>(native, temp, fd);
}

bool LocalFileSystem::Exists(const std::string& path) {
  struct stat st;
  return ::stat(ToNativePath(path).c_str(), &st) == 0;
}

void LocalFileSystem::Delete(const std::string& path) {
  std::string native = ToNativePath(path);
  if (::unlink(native.c_str()) != 0 && errno != ENOENT) ThrowIo("cannot delete", path, errno);
}

void LocalFileSystem::DeletePrefix(const std::string& prefix) {
  std::error_code ec;
  fs::remove_all(ToNativePath(prefix), ec);
  if (ec) ThrowIo("cannot delete", prefix, ec.value());
}

void LocalFileSystem::Move(const std::string& from, const std::string& to) {
  std::string src = ToNativePath(from);
  std::string dst = ToNativePath(to);
  fs::path d(dst);
  std::error_code ec;
  if (d.has_parent_path()) fs::create_directories(d.parent_path(), ec);
  if (ec) ThrowIo("cannot create directory for", to, ec.value());
  // link+unlink instead of rename so an existing target is never replaced.
  if (::link(src.c_str(), dst.c_str()) != 0) ThrowIo("cannot publish", to, errno);
  ::unlink(src.c_str());
}

}  // namespace sluice
