#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sluice/formats/csv/csv_options.h"
#include "sluice/storage/file_system.h"
#include "sluice/types/logical_type.h"

namespace sluice::csv {

// What the caller already knows; everything left unset is sniffed.
struct SniffHints {
  std::optional<char> delimiter;
  std::optional<char> quote;   // '\0': no quoting
  std::optional<char> escape;  // '\0': none (a doubled quote escapes a quote)
  std::optional<bool> header;
  size_t skip_lines = 0;       // lines before the header (or the data)
  size_t sample_bytes = size_t{1} << 20;
};

// The dialect and schema of a delimited text file.
struct SniffResult {
  CsvOptions options;  // delimiter, quote, escape, skip_header_lines (incl. the header)
  bool header = false;
  std::vector<std::string> names;  // lower-cased, unique; column0, column1, ... without a header
  std::vector<LogicalType> types;
};

// Guesses the dialect, the header and the column types of a CSV file from
// its first sample_bytes (decompressed when the file is compressed), the way
// DuckDB's sniffer does:
// - dialect: of the candidate delimiters (, | ; \t \001), quotes (" ' none)
//   and escapes (none, \), the one under which most sample rows have the
//   same number of fields, more than one; ties go to more fields, then to
//   the order above;
// - types: per column the first of BOOLEAN, BIGINT, DOUBLE, DATE, TIMESTAMP
//   that parses every non-empty sample value, else VARCHAR (also for a
//   column that is empty throughout);
// - header: the first row is a header when one of its values does not parse
//   as its column's type, or, when every column is text, when its values are
//   all non-empty and none of them occurs again in its column.
// Throws BAD_DATA when the sample holds no row.
SniffResult SniffCsv(const std::shared_ptr<RandomAccessFile>& file, const SniffHints& hints);

}  // namespace sluice::csv
