#include "sluice/common/ascii_case.h"
#include "sluice/exec/table_scan_options.h"

#include <algorithm>

#include "sluice/common/error.h"
#include "sluice/common/machine.h"
#include "sluice/storage/glob.h"

namespace sluice::exec {

namespace {

const std::string* Find(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

// A one-character SerDe setting; Hive also accepts a decimal byte code ("1" = \001).
char CharSetting(const std::string& table, const std::string& key, const std::string& value) {
  if (value.size() == 1) return value[0];
  if (value.empty()) return '\0';
  if (value == "\\t") return '\t';
  if (std::all_of(value.begin(), value.end(), ::isdigit) && value.size() <= 3) {
    return static_cast<char>(std::stoi(value));
  }
  throw SluiceError(ErrorCode::kNotSupported,
                    "table " + table + ": " + key + " must be a single character, got '" + value + "'");
}

// A non-negative line count such as skip.header.line.count.
size_t CountSetting(const std::string& table, const std::string& key, const std::string& value) {
  if (value.empty() || value.size() > 9 || !std::all_of(value.begin(), value.end(), ::isdigit)) {
    throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                      "table " + table + ": " + key + " must be a number, got '" + value + "'");
  }
  return static_cast<size_t>(std::stoul(value));
}

// Athena's JSON SerDes (openx, Hive hcatalog, Hive 4's serde2) or STORED AS JSON.
bool IsJson(const catalog::TableDef& t) {
  std::string f = AsciiUpper(t.format);
  return f == "JSON" || f == "JSONFILE" || t.serde.find("JsonSerDe") != std::string::npos;
}

bool BoolSetting(const std::string& table, const std::string& key, const std::string& value) {
  const std::string v = AsciiLower(value);
  if (v == "true") return true;
  if (v == "false") return false;
  throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                    "table " + table + ": " + key + " must be 'true' or 'false', got '" + value + "'");
}

// The openx SerDe's properties; the hcatalog one always matches keys
// ignoring case and, as in Athena, ignores mapping.* and ignore.malformed.json.
json::JsonOptions JsonOptionsFor(const catalog::TableDef& table, const std::string& name) {
  json::JsonOptions o;
  const auto& sp = table.serde_properties;
  if (table.serde.find("org.openx.data.jsonserde") != std::string::npos) {
    if (auto v = Find(sp, "case.insensitive")) o.case_insensitive = BoolSetting(name, "case.insensitive", *v);
    if (auto v = Find(sp, "ignore.malformed.json")) {
      o.ignore_malformed = BoolSetting(name, "ignore.malformed.json", *v);
    }
    if (auto v = Find(sp, "dots.in.keys"); v && BoolSetting(name, "dots.in.keys", *v)) {
      throw SluiceError(ErrorCode::kNotSupported,
                        "table " + name + ": dots.in.keys is not supported; map such keys with mapping.<column>");
    }
    for (const auto& [key, value] : sp) {
      if (key.size() > 8 && AsciiLower(key.substr(0, 8)) == "mapping.") {
        o.key_mapping[AsciiLower(key.substr(8))] = value;
      }
    }
  }
  if (auto v = Find(table.table_properties, "sluice.json.bad_value")) {
    if (*v == "error") o.error_on_bad_value = true;
    else if (*v == "null") o.error_on_bad_value = false;
    else {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "table " + name + ": sluice.json.bad_value must be 'null' or 'error', got '" + *v + "'");
    }
  }
  return o;
}

bool IsParquet(const catalog::TableDef& t) {
  std::string f = AsciiUpper(t.format);
  return f == "PARQUET" || t.serde.find("ParquetHiveSerDe") != std::string::npos;
}

}  // namespace

uint64_t DefaultWriteBufferMemory() {
  // A sixteenth of the machine's memory: on 24 GiB, 1.5 GiB, enough for a
  // partitioned CTAS to keep one row group per file as in unbounded writers;
  // never below 256 MiB nor above 4 GiB.
  const uint64_t ram = PhysicalMemoryBytes();
  return std::clamp<uint64_t>(ram / 16, uint64_t{256} << 20, uint64_t{4} << 30);
}

const std::vector<SessionProperty>& SessionProperties() {
  static const std::vector<SessionProperty> properties = {
      {"sluice.csv.bad_value", "null", {"null", "error"},
       "A CSV value that does not parse as its column's type: NULL, or a HIVE_BAD_DATA error"},
      {"sluice.csv.malformed_rows", "null", {"null", "error", "skip"},
       "A CSV row with the wrong field count: padded or cut (Hive), an error, or skipped and counted"},
      {"sluice.json.bad_value", "null", {"null", "error"},
       "A JSON value that does not fit its column's type: NULL, or a HIVE_BAD_DATA error"},
      {"sluice.parquet.page_version", "1", {"1", "2"},
       "Parquet data pages written: 1 (DATA_PAGE, read by every reader) or 2 (DATA_PAGE_V2)"},
      {"sluice.parquet.dictionary", "true", {"true", "false"},
       "Whether Parquet columns are dictionary-encoded where that pays"},
      {"sluice.parquet.row_group_size", std::to_string(128 << 20), {},
       "Target bytes of a Parquet row group, as buffered before encoding", 1 << 16, 1ull << 32},
      {"sluice.parquet.page_size", std::to_string(1 << 20), {},
       "Target bytes of a Parquet data page's values", 1 << 10, 1 << 30},
      {"sluice.write.buffer_memory", std::to_string(DefaultWriteBufferMemory()), {},
       "Bytes the open Parquet files of a write may buffer in all; past it the largest writes its row group early",
       1 << 20, 1ull << 40},
  };
  return properties;
}

void ValidateSessionProperty(const std::string& name, const std::string& value) {
  for (const auto& p : SessionProperties()) {
    if (p.name != name) continue;
    if (p.is_count()) {
      const bool digits = !value.empty() && value.size() <= 19 &&
                          std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
      const uint64_t n = digits ? std::stoull(value) : 0;
      if (digits && n >= p.min_count && n <= p.max_count) return;
      throw SluiceError(ErrorCode::kInvalidSessionProperty,
                        "Session property " + name + " must be a whole number from " + std::to_string(p.min_count) +
                            " to " + std::to_string(p.max_count) + ", got '" + value + "'");
    }
    if (std::find(p.values.begin(), p.values.end(), value) != p.values.end()) return;
    std::string accepted;
    for (const auto& v : p.values) accepted += (accepted.empty() ? "'" : ", '") + v + "'";
    throw SluiceError(ErrorCode::kInvalidSessionProperty,
                      "Session property " + name + " must be one of " + accepted + ", got '" + value + "'");
  }
  throw SluiceError(ErrorCode::kInvalidSessionProperty, "Session property " + name + " does not exist");
}

TableScanSpec MakeScanSpec(const catalog::TableDef& defined, const std::map<std::string, std::string>& session) {
  // The session's values stand in for properties the table leaves unset.
  catalog::TableDef with_session;
  const catalog::TableDef* chosen = &defined;
  if (!session.empty()) {
    with_session = defined;
    for (const auto& [k, v] : session) with_session.table_properties.emplace(k, v);
    chosen = &with_session;
  }
  const catalog::TableDef& table = *chosen;
  TableScanSpec spec;
  spec.table_name = table.database + "." + table.name;
  for (const auto& c : table.columns) {
    spec.column_names.push_back(c.name);
    spec.column_types.push_back(c.type);
  }
  if (IsParquet(table)) {
    spec.format = FileFormat::kParquet;
    return spec;
  }
  if (IsJson(table)) {
    spec.format = FileFormat::kJson;
    spec.json_options = JsonOptionsFor(table, spec.table_name);
    return spec;
  }
  std::string format = AsciiUpper(table.format);
  if (!format.empty() && format != "TEXTFILE" && format != "CSV") {
    throw SluiceError(ErrorCode::kNotSupported,
                      "table " + spec.table_name + ": format " + table.format +
                          " cannot be read yet (supported: TEXTFILE/CSV, JSON, PARQUET)");
  }
  spec.format = FileFormat::kCsv;
  csv::CsvOptions& o = spec.csv_options;
  const auto& sp = table.serde_properties;
  const auto& tp = table.table_properties;
  if (table.serde.find("OpenCSVSerde") != std::string::npos) {
    o.delimiter = ',';
    o.quote = '"';
    o.escape = '\\';
    if (auto v = Find(sp, "separatorChar")) o.delimiter = CharSetting(spec.table_name, "separatorChar", *v);
    if (auto v = Find(sp, "quoteChar")) o.quote = CharSetting(spec.table_name, "quoteChar", *v);
    if (auto v = Find(sp, "escapeChar")) o.escape = CharSetting(spec.table_name, "escapeChar", *v);
  } else {
    // LazySimpleSerDe. Hive's default delimiter is \001. Unlike Hive, quoted
    // fields are understood (RFC 4180), because providers quote fields that
    // contain the delimiter; 'sluice.csv.quote'='' restores Hive's behaviour.
    o.delimiter = '\001';
    o.quote = '"';
    o.escape = '\0';
    if (auto v = Find(sp, "field.delim")) o.delimiter = CharSetting(spec.table_name, "field.delim", *v);
    else if (auto v2 = Find(sp, "serialization.format")) {
      o.delimiter = CharSetting(spec.table_name, "serialization.format", *v2);
    }
    if (auto v = Find(sp, "escape.delim")) o.escape = CharSetting(spec.table_name, "escape.delim", *v);
  }
  if (auto v = Find(tp, "sluice.csv.quote")) o.quote = CharSetting(spec.table_name, "sluice.csv.quote", *v);
  const std::string* null_format = Find(sp, "serialization.null.format");
  if (!null_format) null_format = Find(tp, "serialization.null.format");
  if (null_format) {
    o.null_string = *null_format;
    o.null_string_set = true;
  }
  if (auto v = Find(tp, "skip.header.line.count")) {
    o.skip_header_lines = CountSetting(spec.table_name, "skip.header.line.count", *v);
  }
  if (auto v = Find(tp, "skip.footer.line.count")) {
    o.skip_footer_lines = CountSetting(spec.table_name, "skip.footer.line.count", *v);
  }
  if (auto v = Find(sp, "line.delim"); v && *v != "\n" && *v != "\\n" && *v != "10") {
    // Hive's text reader only splits lines at '\n' (a '\r' before it is
    // dropped), and so do Athena and sluice. The DDL keeps '\n' as written.
    throw SluiceError(ErrorCode::kNotSupported,
                      "table " + spec.table_name + ": LINES TERMINATED BY supports only '\\n', got '" +
                          *v + "'");
  }
  if (auto v = Find(tp, "sluice.csv.split_bytes")) {
    spec.split_bytes = CountSetting(spec.table_name, "sluice.csv.split_bytes", *v);
  }
  // Footer lines are found from the end of each file: simplest read unsplit.
  if (o.skip_footer_lines > 0) spec.split_bytes = 0;
  if (auto v = Find(tp, "sluice.csv.malformed_rows")) {
    if (*v == "null") o.malformed_rows = csv::MalformedRows::kPad;
    else if (*v == "error") o.malformed_rows = csv::MalformedRows::kError;
    else if (*v == "skip") o.malformed_rows = csv::MalformedRows::kSkip;
    else {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "table " + spec.table_name +
                            ": sluice.csv.malformed_rows must be 'null', 'error' or 'skip', got '" + *v + "'");
    }
  }
  if (auto v = Find(tp, "sluice.csv.bad_value")) {
    if (*v == "error") o.error_on_bad_value = true;
    else if (*v == "null") o.error_on_bad_value = false;
    else {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "table " + spec.table_name + ": sluice.csv.bad_value must be 'null' or 'error', got '" +
                            *v + "'");
    }
  }
  return spec;
}

std::vector<FileInfo> ListTableFiles(const catalog::TableDef& table) {
  std::vector<FileInfo> files = FileSystemFor(table.location)->List(table.location);
  auto pattern = table.table_properties.find("sluice.files.pattern");
  if (pattern == table.table_properties.end()) return files;
  // The listing is of the pattern's prefix: match what follows it.
  const std::string& glob = pattern->second;
  const size_t prefix = table.location.size();
  std::erase_if(files, [&](const FileInfo& f) {
    const bool same_form = f.path.compare(0, prefix, table.location) == 0;
    return !(same_form ? GlobMatch(std::string_view(glob).substr(prefix), std::string_view(f.path).substr(prefix))
                       : GlobMatch(glob, f.path));
  });
  return files;
}

}  // namespace sluice::exec
