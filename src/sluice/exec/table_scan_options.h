#pragma once

#include <map>
#include <string>
#include <vector>

#include "sluice/catalog/catalog.h"
#include "sluice/exec/operators/physical_table_scan.h"
#include "sluice/storage/file_system.h"

namespace sluice::exec {

// Reader settings from a table's format, SerDe and properties (Athena's
// names: field.delim, separatorChar, skip.header.line.count, ...). Throws
// NOT_SUPPORTED for formats without a reader yet.
// `session` holds SET SESSION values: a reader property the table does not
// set itself takes the session's value.
TableScanSpec MakeScanSpec(const catalog::TableDef& table,
                           const std::map<std::string, std::string>& session = {});

// Session properties: reader table properties a session may default, and
// writer settings (sluice.parquet.*).
struct SessionProperty {
  std::string name;
  std::string default_value;
  std::vector<std::string> values;  // the accepted values; empty for counts
  std::string description;
  uint64_t min_count = 0, max_count = 0;  // counts: the accepted range
  bool is_count() const { return values.empty(); }
};
const std::vector<SessionProperty>& SessionProperties();
// sluice.write.buffer_memory's default, from the machine's memory.
uint64_t DefaultWriteBufferMemory();
// Throws INVALID_SESSION_PROPERTY for an unknown name or value.
void ValidateSessionProperty(const std::string& name, const std::string& value);

// The data files of an unpartitioned table: every file under its location,
// or only those matching its 'sluice.files.pattern' glob (tables made by
// read_csv and friends).
std::vector<FileInfo> ListTableFiles(const catalog::TableDef& table);

}  // namespace sluice::exec
