#include "sluice/storage/file_system.h"

#include <mutex>

#include "sluice/common/error.h"
#include "sluice/storage/bucket_directory_file_system.h"
#include "sluice/storage/local_file_system.h"

namespace sluice {

std::string FileSystem::ReadAll(const std::string& path) {
  auto file = OpenForRead(path);
  std::string out(file->Size(), '\0');
  if (!out.empty()) file->ReadAt(0, out.size(), out.data());
  return out;
}

void FileSystem::WriteAll(const std::string& path, std::string_view contents) {
  auto out = OpenForWrite(path);
  out->Write(contents.data(), contents.size());
  out->Close();
}

namespace {
std::mutex g_bucket_mutex;
std::shared_ptr<FileSystem> g_bucket_fs;
}  // namespace

void SetLocalBucketRoot(const std::string& root) {
  std::lock_guard<std::mutex> lock(g_bucket_mutex);
  g_bucket_fs = root.empty() ? nullptr : std::make_shared<BucketDirectoryFileSystem>(root);
}

std::shared_ptr<FileSystem> FileSystemFor(const std::string& uri) {
  static std::shared_ptr<FileSystem> local = std::make_shared<LocalFileSystem>();
  auto scheme_end = uri.find("://");
  if (scheme_end == std::string::npos) return local;
  std::string scheme = uri.substr(0, scheme_end);
  if (scheme == "file") return local;
  if (scheme == "s3" || scheme == "s3a") {
    std::lock_guard<std::mutex> lock(g_bucket_mutex);
    if (g_bucket_fs) return g_bucket_fs;
    throw SluiceError(ErrorCode::kNotSupported,
                      "no object store configured for '" + uri +
                          "': set --local-buckets DIR (or SLUICE_LOCAL_BUCKETS) to serve s3:// "
                          "buckets from folders DIR/<bucket>/");
  }
  throw SluiceError(ErrorCode::kNotSupported,
                    "no storage for '" + scheme + "://' URIs (location '" + uri +
                        "'); use a local path, file:// or s3://");
}

std::string JoinPath(std::string_view base, std::string_view name) {
  std::string out(base);
  if (!out.empty() && out.back() != '/') out += '/';
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  out += name;
  return out;
}

std::string_view BaseName(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view ParentPath(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

}  // namespace sluice
