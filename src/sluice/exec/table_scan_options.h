#pragma once

#include <vector>

#include "sluice/catalog/catalog.h"
#include "sluice/exec/operators/physical_table_scan.h"

namespace sluice::exec {

// Reader settings from a table's format, SerDe and properties (Athena's
// names: field.delim, separatorChar, skip.header.line.count, ...). Throws
// NOT_SUPPORTED for formats without a reader yet.
TableScanSpec MakeScanSpec(const catalog::TableDef& table);

}  // namespace sluice::exec
