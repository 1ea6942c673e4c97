#include "sluice/exec/table_write_options.h"

#include <algorithm>

#include "sluice/exec/table_scan_options.h"

namespace sluice::exec {

parquet::WriterOptions ParquetWriterOptions(const std::map<std::string, std::string>& session) {
  parquet::WriterOptions o;
  auto find = [&](const char* key) -> const std::string* {
    auto it = session.find(key);
    return it == session.end() ? nullptr : &it->second;
  };
  if (auto v = find("sluice.parquet.page_version")) o.page_version = *v == "2" ? 2 : 1;
  if (auto v = find("sluice.parquet.dictionary")) o.dictionary = *v == "true";
  if (auto v = find("sluice.parquet.row_group_size")) o.row_group_size_bytes = std::stoull(*v);
  if (auto v = find("sluice.parquet.page_size")) o.page_size_bytes = std::stoull(*v);
  return o;
}

size_t WriteBufferMemoryPerWorker(const std::map<std::string, std::string>& session, size_t threads) {
  auto it = session.find("sluice.write.buffer_memory");
  const size_t total = it == session.end() ? DefaultWriteBufferMemory() : std::stoull(it->second);
  return std::max<size_t>(total / std::max<size_t>(threads, 1), 1);
}

}  // namespace sluice::exec
