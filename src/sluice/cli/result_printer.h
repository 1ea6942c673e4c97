#pragma once

#include <ostream>
#include <string>

#include "sluice/common/format_bytes.h"
#include "sluice/database.h"

namespace sluice::cli {

enum class OutputFormat { kTable, kCsv, kJson };

// Writes a result's rows: an aligned table (like Trino's CLI), RFC 4180 CSV
// with a header, or JSON lines (one object per row).
void PrintResult(const QueryResult& result, OutputFormat format, std::ostream& out);

// "7236 rows, 0.42 s, 1.02 GB scanned" (plus written files for writes).
std::string SummaryLine(const QueryResult& result);

}  // namespace sluice::cli
