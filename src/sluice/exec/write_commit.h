#pragma once

#include <string>
#include <vector>

#include "sluice/exec/operators/physical_table_writer.h"

namespace sluice::exec {

// The staging prefix of a write: hidden from readers (leading '_', like
// Hadoop's _temporary), unique per query.
std::string StagingDirectory(const std::string& table_location, const std::string& query_id);

// Fails with HIVE_PATH_ALREADY_EXISTS when `location` already holds visible
// files, as Athena's CTAS does.
void CheckLocationEmpty(const std::string& location);

// Publishes staged files under `location` (same relative paths) and writes a
// manifest `_sluice_manifests/<query id>.json` listing them. Either every file
// is published or, on failure, the published ones are removed again and the
// error is rethrown. Returns the published paths.
std::vector<std::string> PublishFiles(const std::string& location, const std::string& query_id,
                                      const std::vector<WrittenFile>& files);

// Best-effort removal of published files (when the catalog commit fails).
void UnpublishFiles(const std::vector<std::string>& paths);

// Best-effort removal of a staging directory and everything in it.
void DiscardStaging(const std::string& staging_dir);

}  // namespace sluice::exec
