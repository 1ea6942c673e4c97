#pragma once

#include "sluice/storage/file_system.h"

namespace sluice {

// Plain paths and file:// URIs on the local disk. Writes go to a hidden
// temporary sibling and are renamed into place on Close, so a reader never sees
// a half-written file.
class LocalFileSystem final : public FileSystem {
 public:
  std::vector<FileInfo> List(const std::string& prefix, bool include_hidden = false) override;
  std::unique_ptr<RandomAccessFile> OpenForRead(const std::string& path) override;
  std::unique_ptr<OutputStream> OpenForWrite(const std::string& path) override;
  bool Exists(const std::string& path) override;
  void Delete(const std::string& path) override;
  void DeletePrefix(const std::string& prefix) override;
  void Move(const std::string& from, const std::string& to) override;

  // "file:///a/b" → "/a/b"; plain paths unchanged.
  static std::string ToNativePath(const std::string& path);
};

}  // namespace sluice
