#include "sluice/common/ascii_case.h"
#include "sluice/exec/table_scan_options.h"

#include <algorithm>

#include "sluice/common/error.h"

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

bool IsParquet(const catalog::TableDef& t) {
  std::string f = AsciiUpper(t.format);
  return f == "PARQUET" || t.serde.find("ParquetHiveSerDe") != std::string::npos;
}

}  // namespace

TableScanSpec MakeScanSpec(const catalog::TableDef& table) {
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
  std::string format = AsciiUpper(table.format);
  if (!format.empty() && format != "TEXTFILE" && format != "CSV") {
    throw SluiceError(ErrorCode::kNotSupported,
                      "table " + spec.table_name + ": format " + table.format +
                          " cannot be read yet (supported: TEXTFILE/CSV, PARQUET)");
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
    try {
      o.skip_header_lines = static_cast<size_t>(std::stoul(*v));
    } catch (const std::exception&) {
      throw SluiceError(ErrorCode::kInvalidFunctionArgument,
                        "table " + spec.table_name + ": skip.header.line.count must be a number, got '" +
                            *v + "'");
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

}  // namespace sluice::exec
