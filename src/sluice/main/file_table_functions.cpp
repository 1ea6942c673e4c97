#include "sluice/main/file_table_functions.h"

#include <set>

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/exec/table_scan_options.h"
#include "sluice/formats/csv/csv_sniffer.h"
#include "sluice/storage/file_system.h"
#include "sluice/storage/glob.h"

namespace sluice::main {

namespace {

using planner::TableFunctionCall;

[[noreturn]] void Fail(const TableFunctionCall& call, const std::string& what) {
  throw SluiceError(ErrorCode::kInvalidFunctionArgument, call.name + ": " + what, call.position);
}

std::string StringArgument(const TableFunctionCall& call, const std::string& name, const Value& v) {
  if (v.is_null() || v.type().id() != TypeId::kVarchar) Fail(call, name + " must be a varchar");
  return v.string_value();
}

// A one-character option; '' means none, and '\t' may be written escaped.
char CharArgument(const TableFunctionCall& call, const std::string& name, const Value& v) {
  std::string s = StringArgument(call, name, v);
  if (s == "\\t") return '\t';
  if (s.size() > 1) Fail(call, name + " must be one character, got '" + s + "'");
  return s.empty() ? '\0' : s[0];
}

int64_t CountArgument(const TableFunctionCall& call, const std::string& name, const Value& v) {
  if (v.is_null() || !v.type().IsInteger() || v.int_value() < 0) {
    Fail(call, name + " must be a non-negative integer");
  }
  return v.int_value();
}

bool BoolArgument(const TableFunctionCall& call, const std::string& name, const Value& v) {
  if (v.is_null() || v.type().id() != TypeId::kBoolean) Fail(call, name + " must be a boolean");
  return v.int_value() != 0;
}

// "id bigint, name varchar(20)": commas inside parentheses or <> belong to
// the type.
std::vector<catalog::ColumnDef> ParseColumns(const TableFunctionCall& call, const std::string& text) {
  std::vector<std::string> parts;
  int depth = 0;
  std::string current;
  for (char c : text) {
    if (c == '(' || c == '<') ++depth;
    if (c == ')' || c == '>') --depth;
    if (c == ',' && depth == 0) {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  std::vector<catalog::ColumnDef> columns;
  std::set<std::string> seen;
  for (std::string part : parts) {
    part.erase(0, part.find_first_not_of(" \t\n"));
    part.erase(part.find_last_not_of(" \t\n") + 1);
    const size_t space = part.find_first_of(" \t\n");
    if (part.empty() || space == std::string::npos) {
      Fail(call, "columns must be 'name type, ...', got '" + text + "'");
    }
    catalog::ColumnDef c;
    c.name = AsciiLower(part.substr(0, space));
    if (!seen.insert(c.name).second) Fail(call, "column " + c.name + " is given twice");
    c.type_text = part.substr(part.find_first_not_of(" \t\n", space));
    c.type = ParseTypeName(c.type_text);
    columns.push_back(std::move(c));
  }
  return columns;
}

catalog::TableDef ReadCsv(const TableFunctionCall& call) {
  if (call.positional.size() != 1) Fail(call, "expects one positional argument, the path");
  const std::string path = StringArgument(call, "path", call.positional[0]);
  csv::SniffHints hints;
  std::vector<catalog::ColumnDef> columns;
  std::map<std::string, std::string> properties;  // passed through as table properties
  for (const auto& [name, value] : call.named) {
    if (name == "delimiter" || name == "delim" || name == "sep") {
      hints.delimiter = CharArgument(call, name, value);
      if (*hints.delimiter == '\0') Fail(call, "the delimiter cannot be empty");
    } else if (name == "quote") {
      hints.quote = CharArgument(call, name, value);
    } else if (name == "escape") {
      hints.escape = CharArgument(call, name, value);
    } else if (name == "header") {
      hints.header = BoolArgument(call, name, value);
    } else if (name == "skip") {
      hints.skip_lines = static_cast<size_t>(CountArgument(call, name, value));
    } else if (name == "sample_size") {
      hints.sample_bytes = static_cast<size_t>(std::max<int64_t>(CountArgument(call, name, value), 1024));
    } else if (name == "columns") {
      columns = ParseColumns(call, StringArgument(call, name, value));
    } else if (name == "null_string" || name == "nullstr") {
      properties["serialization.null.format"] = StringArgument(call, name, value);
    } else if (name == "bad_value") {
      properties["sluice.csv.bad_value"] = StringArgument(call, name, value);
    } else if (name == "malformed_rows") {
      properties["sluice.csv.malformed_rows"] = StringArgument(call, name, value);
    } else if (name == "skip_footer") {
      properties["skip.footer.line.count"] = std::to_string(CountArgument(call, name, value));
    } else {
      Fail(call, "unknown argument " + name +
                     " (known: delimiter, quote, escape, header, skip, columns, null_string, bad_value, "
                     "malformed_rows, skip_footer, sample_size)");
    }
  }

  catalog::TableDef t;
  t.name = call.name;
  t.kind = catalog::TableKind::kExternal;
  t.format = "TEXTFILE";
  t.serde = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
  t.location = GlobListingPrefix(path);
  if (HasGlob(path)) t.table_properties["sluice.files.pattern"] = path;
  std::vector<FileInfo> files = exec::ListTableFiles(t);
  // The first file with any bytes decides the dialect and the schema.
  auto first = std::find_if(files.begin(), files.end(), [](const FileInfo& f) { return f.size > 0; });
  if (first == files.end()) {
    Fail(call, files.empty() ? "no file matches '" + path + "'"
                             : "every file matching '" + path + "' is empty");
  }
  csv::SniffResult sniffed;
  try {
    sniffed = csv::SniffCsv(FileSystemFor(first->path)->OpenForRead(first->path), hints);
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), call.name + ": " + first->path + ": " + e.message(), call.position);
  }
  if (columns.empty()) {
    for (size_t i = 0; i < sniffed.names.size(); ++i) {
      t.columns.push_back({sniffed.names[i], sniffed.types[i], sniffed.types[i].ToString(), ""});
    }
  } else {
    t.columns = std::move(columns);
  }
  t.serde_properties["field.delim"] = std::string(1, sniffed.options.delimiter);
  if (sniffed.options.escape != '\0') t.serde_properties["escape.delim"] = std::string(1, sniffed.options.escape);
  t.table_properties["sluice.csv.quote"] =
      sniffed.options.quote == '\0' ? std::string() : std::string(1, sniffed.options.quote);
  t.table_properties["skip.header.line.count"] = std::to_string(sniffed.options.skip_header_lines);
  for (auto& [k, v] : properties) t.table_properties[k] = v;
  // Bad option values fail here, naming the call.
  try {
    exec::MakeScanSpec(t);
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), e.message(), call.position);
  }
  return t;
}

}  // namespace

catalog::TableDef FileTableFunctions::Resolve(const TableFunctionCall& call) {
  if (call.name == "read_csv") return ReadCsv(call);
  throw SluiceError(ErrorCode::kFunctionNotFound, "Table function '" + call.name + "' not registered",
                    call.position);
}

}  // namespace sluice::main
