#include "sluice/cli/result_printer.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace sluice::cli {

namespace {

bool RightAligned(LogicalType t) { return t.IsNumeric(); }

// Display width in code points, so UTF-8 text aligns.
size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

template <typename F>
void ForEachRow(const QueryResult& r, F&& f) {
  for (const auto& chunk : r.chunks) {
    for (size_t row = 0; row < chunk.size(); ++row) f(chunk, row);
  }
}

}  // namespace

std::string SummaryLine(const QueryResult& r) {
  char elapsed[32];
  std::snprintf(elapsed, sizeof(elapsed), "%.3f s", r.stats.elapsed_seconds);
  std::string s;
  if (r.has_rows) {
    size_t n = r.RowCount();
    s = std::to_string(n) + (n == 1 ? " row" : " rows");
  } else {
    s = r.message.empty() ? r.statement_type : r.message;
  }
  s += ", " + std::string(elapsed) + ", " + FormatBytes(r.stats.bytes_scanned) + " scanned";
  if (r.stats.partitions_total > 0) {
    s += " (" + std::to_string(r.stats.partitions_scanned) + " of " +
         std::to_string(r.stats.partitions_total) + " partitions)";
  }
  if (r.stats.row_groups_skipped > 0) {
    s += ", " + std::to_string(r.stats.row_groups_skipped) + " of " + std::to_string(r.stats.row_groups_total) +
         " row groups skipped by statistics";
  }
  if (r.stats.rows_skipped > 0) {
    s += ", " + std::to_string(r.stats.rows_skipped) +
         (r.stats.rows_skipped == 1 ? " malformed row skipped" : " malformed rows skipped");
  }
  if (r.stats.files_written > 0) {
    s += ", " + std::to_string(r.stats.files_written) + " files written (" +
         FormatBytes(r.stats.bytes_written) + ")";
  }
  return s;
}

void PrintResult(const QueryResult& r, OutputFormat format, std::ostream& out) {
  const size_t cols = r.column_names.size();
  if (format == OutputFormat::kCsv) {
    for (size_t c = 0; c < cols; ++c) out << (c ? "," : "") << CsvField(r.column_names[c]);
    out << "\n";
    ForEachRow(r, [&](const DataChunk& chunk, size_t row) {
      for (size_t c = 0; c < cols; ++c) {
        if (c) out << ",";
        Value v = chunk.column(c).GetValue(row);
        if (!v.is_null()) out << CsvField(v.ToString());
      }
      out << "\n";
    });
    return;
  }
  if (format == OutputFormat::kJson) {
    ForEachRow(r, [&](const DataChunk& chunk, size_t row) {
      out << "{";
      for (size_t c = 0; c < cols; ++c) {
        if (c) out << ",";
        out << JsonString(r.column_names[c]) << ":";
        Value v = chunk.column(c).GetValue(row);
        if (v.is_null()) out << "null";
        else if (v.type().IsNumeric() || v.type().id() == TypeId::kBoolean) out << v.ToString();
        else out << JsonString(v.ToString());
      }
      out << "}\n";
    });
    return;
  }
  // Aligned table: compute widths over all cells first.
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(cols);
  for (size_t c = 0; c < cols; ++c) width[c] = DisplayWidth(r.column_names[c]);
  ForEachRow(r, [&](const DataChunk& chunk, size_t row) {
    std::vector<std::string> line;
    for (size_t c = 0; c < cols; ++c) {
      line.push_back(chunk.column(c).GetValue(row).ToString());
      width[c] = std::max(width[c], DisplayWidth(line.back()));
    }
    cells.push_back(std::move(line));
  });
  auto pad = [&](const std::string& s, size_t w, bool right) {
    std::string fill(w - DisplayWidth(s), ' ');
    return right ? fill + s : s + fill;
  };
  for (size_t c = 0; c < cols; ++c) {
    out << (c ? " | " : " ") << pad(r.column_names[c], width[c], false);
  }
  out << "\n";
  for (size_t c = 0; c < cols; ++c) out << (c ? "-+-" : "-") << std::string(width[c], '-');
  out << "-\n";
  for (const auto& line : cells) {
    for (size_t c = 0; c < cols; ++c) {
      out << (c ? " | " : " ") << pad(line[c], width[c], RightAligned(r.column_types[c]));
    }
    out << "\n";
  }
}

}  // namespace sluice::cli
