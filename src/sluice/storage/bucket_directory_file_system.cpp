#include "sluice/storage/bucket_directory_file_system.h"

#include "sluice/common/error.h"
#include "sluice/storage/local_file_system.h"

namespace sluice {

namespace {

// Length of "s3://" or "s3a://" at the start of uri, 0 otherwise.
size_t SchemeLength(const std::string& uri) {
  if (uri.rfind("s3://", 0) == 0) return 5;
  if (uri.rfind("s3a://", 0) == 0) return 6;
  return 0;
}

}  // namespace

BucketDirectoryFileSystem::BucketDirectoryFileSystem(std::string root)
    : root_(std::move(root)), local_(std::make_shared<LocalFileSystem>()) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::string BucketDirectoryFileSystem::ToLocal(const std::string& uri) const {
  size_t n = SchemeLength(uri);
  if (n == 0) ThrowInternal("not an s3 URI: " + uri);
  return root_ + "/" + uri.substr(n);
}

std::vector<FileInfo> BucketDirectoryFileSystem::List(const std::string& prefix, bool include_hidden) {
  std::string scheme = prefix.substr(0, SchemeLength(prefix));
  auto files = local_->List(ToLocal(prefix), include_hidden);
  for (auto& f : files) f.path = scheme + f.path.substr(root_.size() + 1);
  return files;
}

std::unique_ptr<RandomAccessFile> BucketDirectoryFileSystem::OpenForRead(const std::string& path) {
  return local_->OpenForRead(ToLocal(path));
}

std::unique_ptr<OutputStream> BucketDirectoryFileSystem::OpenForWrite(const std::string& path) {
  return local_->OpenForWrite(ToLocal(path));
}

bool BucketDirectoryFileSystem::Exists(const std::string& path) {
  return local_->Exists(ToLocal(path));
}

void BucketDirectoryFileSystem::Delete(const std::string& path) { local_->Delete(ToLocal(path)); }

void BucketDirectoryFileSystem::DeletePrefix(const std::string& prefix) {
  local_->DeletePrefix(ToLocal(prefix));
}

void BucketDirectoryFileSystem::Move(const std::string& from, const std::string& to) {
  local_->Move(ToLocal(from), ToLocal(to));
}

}  // namespace sluice
