#pragma once

#include <map>
#include <string>

#include "sluice/formats/parquet/parquet_writer.h"

namespace sluice::exec {

// The Parquet writer settings a session chose with SET SESSION
// sluice.parquet.* (validated when set), over the writer's defaults.
parquet::WriterOptions ParquetWriterOptions(const std::map<std::string, std::string>& session);

}  // namespace sluice::exec
