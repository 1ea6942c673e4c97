#pragma once

#include <map>
#include <string>

#include "sluice/formats/parquet/parquet_writer.h"

namespace sluice::exec {

// The Parquet writer settings a session chose with SET SESSION
// sluice.parquet.* (validated when set), over the writer's defaults.
parquet::WriterOptions ParquetWriterOptions(const std::map<std::string, std::string>& session);

// Each worker's share of sluice.write.buffer_memory.
size_t WriteBufferMemoryPerWorker(const std::map<std::string, std::string>& session, size_t threads);

}  // namespace sluice::exec
