#include "sluice/exec/write_commit.h"

#include "sluice/common/error.h"
#include "sluice/storage/file_system.h"

namespace sluice::exec {

namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string StagingDirectory(const std::string& table_location, const std::string& query_id) {
  return JoinPath(JoinPath(table_location, "_sluice_staging"), query_id);
}

void CheckLocationEmpty(const std::string& location) {
  auto files = FileSystemFor(location)->List(location);
  if (!files.empty()) {
    throw SluiceError(ErrorCode::kPathAlreadyExists,
                      "Target directory for table already exists: " + location + " (it holds " +
                          std::to_string(files.size()) +
                          " files, e.g. " + files.front().path +
                          "); choose another external_location or remove the files first");
  }
}

std::vector<std::string> PublishFiles(const std::string& location, const std::string& query_id,
                                      const std::vector<WrittenFile>& files) {
  auto fs = FileSystemFor(location);
  std::vector<std::string> published;
  try {
    for (const auto& f : files) {
      std::string target = JoinPath(location, f.relative_path);
      fs->Move(f.staged_path, target);
      published.push_back(target);
    }
    std::string manifest = "{\"query_id\":" + JsonString(query_id) + ",\"files\":[";
    for (size_t i = 0; i < files.size(); ++i) {
      if (i) manifest += ",";
      manifest += "\n {\"path\":" + JsonString(files[i].relative_path) +
                  ",\"rows\":" + std::to_string(files[i].rows) +
                  ",\"bytes\":" + std::to_string(files[i].bytes) + "}";
    }
    manifest += "\n]}\n";
    fs->WriteAll(JoinPath(JoinPath(location, "_sluice_manifests"), query_id + ".json"), manifest);
  } catch (...) {
    UnpublishFiles(published);
    throw;
  }
  return published;
}

void UnpublishFiles(const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    try {
      FileSystemFor(p)->Delete(p);
    } catch (const SluiceError&) {
      // Best effort: the original error is what the user needs to see.
    }
  }
}

void DiscardStaging(const std::string& staging_dir) {
  try {
    FileSystemFor(staging_dir)->DeletePrefix(staging_dir);
    // Remove the now-empty _sluice_staging parent when nothing else is staged.
    std::string parent(ParentPath(staging_dir));
    if (FileSystemFor(parent)->List(parent, true).empty()) FileSystemFor(parent)->DeletePrefix(parent);
  } catch (const SluiceError&) {
  }
}

}  // namespace sluice::exec
