#pragma once

#include <memory>
#include <string>

#include "sluice/storage/file_system.h"

namespace sluice {

// Serves s3://bucket/key (and s3a://) from a local folder: <root>/bucket/key.
// "A folder is the bucket": the same SQL, with the same s3:// locations, runs
// on a laptop without any object store, and later against real S3 unchanged.
// Paths are reported back in s3:// form. Thread-safe (stateless over the
// local file system).
class BucketDirectoryFileSystem final : public FileSystem {
 public:
  explicit BucketDirectoryFileSystem(std::string root);

  std::vector<FileInfo> List(const std::string& prefix, bool include_hidden = false) override;
  std::unique_ptr<RandomAccessFile> OpenForRead(const std::string& path) override;
  std::unique_ptr<OutputStream> OpenForWrite(const std::string& path) override;
  bool Exists(const std::string& path) override;
  void Delete(const std::string& path) override;
  void DeletePrefix(const std::string& prefix) override;
  void Move(const std::string& from, const std::string& to) override;

  const std::string& root() const { return root_; }
  // "s3://b/k" → "<root>/b/k"; throws for other schemes.
  std::string ToLocal(const std::string& uri) const;

 private:
  std::string root_;
  std::shared_ptr<FileSystem> local_;
};

// Makes FileSystemFor() serve s3:// and s3a:// URIs from `root` (empty: stop).
void SetLocalBucketRoot(const std::string& root);

}  // namespace sluice
