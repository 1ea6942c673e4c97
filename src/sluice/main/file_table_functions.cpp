#include "sluice/main/file_table_functions.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "sluice/common/ascii_case.h"
#include "sluice/common/error.h"
#include "sluice/exec/table_scan_options.h"
#include "sluice/catalog/partition_path.h"
#include "sluice/formats/csv/csv_sniffer.h"
#include "sluice/formats/parquet/parquet_reader.h"
#include "sluice/types/date.h"
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
    // The readers give nested columns as their JSON text.
    if (c.type.IsNested()) c.type = LogicalType::Varchar();
    columns.push_back(std::move(c));
  }
  return columns;
}

// An external table over the files `path` names: a file, a folder or prefix,
// or a glob (kept as a table property the file listing applies).
catalog::TableDef FileTable(const TableFunctionCall& call, const std::string& path, std::string format,
                            std::string serde) {
  catalog::TableDef t;
  t.name = call.name;
  t.kind = catalog::TableKind::kExternal;
  t.format = std::move(format);
  t.serde = std::move(serde);
  t.location = GlobListingPrefix(path);
  if (HasGlob(path)) t.table_properties["sluice.files.pattern"] = path;
  return t;
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

  catalog::TableDef t = FileTable(call, path, "TEXTFILE", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
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

// The narrowest of BIGINT, DATE, VARCHAR that holds every value of a
// partition key (as DuckDB and Spark infer them); NULL partitions fit all.
LogicalType PartitionKeyType(const std::vector<catalog::PartitionDef>& parts, size_t key) {
  bool all_bigint = true, all_date = true;
  for (const auto& p : parts) {
    const std::string& v = p.values[key];
    if (v == catalog::kHiveDefaultPartition) continue;
    const bool digits = !v.empty() && v.size() <= 18 &&
                        std::all_of(v.begin() + (v[0] == '-' && v.size() > 1), v.end(), ::isdigit);
    all_bigint = all_bigint && digits;
    all_date = all_date && v.size() == 10 && ParseDate(v).has_value();
  }
  return all_bigint ? LogicalType::Bigint() : all_date ? LogicalType::Date() : LogicalType::Varchar();
}

catalog::TableDef ReadParquet(const TableFunctionCall& call) {
  if (call.positional.size() != 1) Fail(call, "expects one positional argument, the path");
  const std::string path = StringArgument(call, "path", call.positional[0]);
  std::optional<bool> hive;
  for (const auto& [name, value] : call.named) {
    if (name == "hive_partitioning") hive = BoolArgument(call, name, value);
    else Fail(call, "unknown argument " + name + " (known: hive_partitioning)");
  }
  catalog::TableDef t = FileTable(call, path, "PARQUET", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
  std::vector<FileInfo> files = exec::ListTableFiles(t);
  if (files.empty()) Fail(call, "no file matches '" + path + "'");
  // The first file decides the columns (others match them by name).
  const FileInfo& first = files.front();
  try {
    parquet::ParquetReader reader(FileSystemFor(first.path)->OpenForRead(first.path));
    for (size_t i = 0; i < reader.column_names().size(); ++i) {
      const LogicalType type = reader.column_types()[i];
      // A column of a type sluice cannot read still appears: reading it
      // fails naming the column and why, reading the others works.
      const LogicalType shown = type.id() == TypeId::kInvalid ? LogicalType::Varchar() : type;
      t.columns.push_back({AsciiLower(reader.column_names()[i]), shown, shown.ToString(), ""});
    }
  } catch (const SluiceError& e) {
    throw SluiceError(e.code(), call.name + ": " + e.message(), call.position);
  }
  // Hive partitions: k=v directories between the listing root and the
  // files, the same keys for every file.
  const std::string root = t.location.empty() || t.location.back() == '/' ? t.location : t.location + "/";
  auto relative_dir = [&](const std::string& file) -> std::string {
    if (file.compare(0, root.size(), root) != 0) return "";
    const std::string rest = file.substr(root.size());
    const size_t slash = rest.rfind('/');
    return slash == std::string::npos ? "" : rest.substr(0, slash);
  };
  std::vector<std::string> keys;
  {
    std::string dir = relative_dir(first.path);
    size_t start = 0;
    while (start < dir.size()) {
      size_t end = dir.find('/', start);
      if (end == std::string::npos) end = dir.size();
      const std::string segment = dir.substr(start, end - start);
      const size_t eq = segment.find('=');
      if (eq == std::string::npos || eq == 0) {
        keys.clear();  // keys must be the innermost directories
      } else {
        keys.push_back(AsciiLower(segment.substr(0, eq)));
      }
      start = end + 1;
    }
  }
  if (hive.value_or(true) && !keys.empty()) {
    std::map<std::string, catalog::PartitionDef> parts;
    for (const FileInfo& f : files) {
      const std::string dir = relative_dir(f.path);
      // Only the trailing len(keys) segments name the partition.
      size_t cut = dir.size();
      for (size_t k = 0; k < keys.size() && cut != std::string::npos; ++k) {
        cut = cut == 0 ? std::string::npos : dir.rfind('/', cut - 1);
      }
      const std::string tail = cut == std::string::npos ? dir : dir.substr(cut + 1);
      auto values = catalog::ParsePartitionPath(tail, keys);
      if (!values) {
        Fail(call, f.path + " is not in a " + keys[0] + "=... partition directory like the others;" +
                       " pass hive_partitioning => false to read the files without partition columns");
      }
      const std::string location = f.path.substr(0, f.path.rfind('/'));
      parts.emplace(location, catalog::PartitionDef{*values, location, 0});
    }
    for (auto& [location, part] : parts) t.listed_partitions.push_back(std::move(part));
    for (size_t k = 0; k < keys.size(); ++k) {
      for (const auto& c : t.columns) {
        if (c.name == keys[k]) Fail(call, "partition key " + keys[k] + " is also a column of the files");
      }
      const LogicalType type = PartitionKeyType(t.listed_partitions, k);
      t.partition_columns.push_back({keys[k], type, type.ToString(), ""});
    }
  } else if (hive.value_or(false)) {
    Fail(call, "hive_partitioning => true, but " + first.path + " is not in a key=value directory");
  }
  return t;
}

}  // namespace

catalog::TableDef FileTableFunctions::Resolve(const TableFunctionCall& call) {
  if (call.name == "read_csv") return ReadCsv(call);
  if (call.name == "read_parquet") return ReadParquet(call);
  throw SluiceError(ErrorCode::kFunctionNotFound, "Table function '" + call.name + "' not registered",
                    call.position);
}

}  // namespace sluice::main
