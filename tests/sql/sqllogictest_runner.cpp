// Runs sqllogictest-style .test files against a fresh warehouse each.
//
// Records (separated by blank lines):
//   statement ok            the SQL must succeed
//   statement error         the SQL must fail; an optional '----' section holds
//                           a substring the error message must contain
//   query <types> [rowsort] [regex]
//                           the SQL's rows must equal the '----' section:
//                           one line per row, values separated by tabs,
//                           NULL as NULL; types are one letter per column
//                           (I integer, R real/double/decimal, T text, B boolean,
//                           D date/time); with `regex` each expected line is
//                           an ECMAScript regular expression the whole row
//                           must match (for output with timings, EXPLAIN ANALYZE)
// Lines starting with '#' outside a record are comments. In SQL and expected
// text, ${TEMP} is a fresh directory for this file and ${SOURCE} the source
// tree's root.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "sluice/common/error.h"
#include "sluice/database.h"

namespace fs = std::filesystem;

namespace {

struct Record {
  std::string kind;      // statement / query
  std::string mode;      // ok / error / types
  bool rowsort = false;
  bool regex = false;
  std::string sql;
  std::vector<std::string> expected;
  int line = 0;
};

std::string Substitute(std::string s, const std::string& temp, const std::string& source) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"${TEMP}", temp}, {"${SOURCE}", source}}) {
    size_t pos;
    while ((pos = s.find(from)) != std::string::npos) s.replace(pos, from.size(), to);
  }
  return s;
}

std::vector<Record> ParseFile(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(l);
  }
  std::vector<Record> records;
  size_t i = 0;
  while (i < lines.size()) {
    const std::string& l = lines[i];
    if (l.empty() || l[0] == '#') {
      ++i;
      continue;
    }
    std::istringstream header(l);
    Record r;
    r.line = static_cast<int>(i + 1);
    header >> r.kind >> r.mode;
    std::string extra;
    while (header >> extra) {
      r.rowsort |= extra == "rowsort";
      r.regex |= extra == "regex";
    }
    if (r.kind != "statement" && r.kind != "query") {
      throw std::runtime_error(path + ":" + std::to_string(i + 1) + ": unknown record '" + l + "'");
    }
    ++i;
    while (i < lines.size() && !lines[i].empty() && lines[i] != "----") {
      r.sql += lines[i] + "\n";
      ++i;
    }
    if (i < lines.size() && lines[i] == "----") {
      ++i;
      while (i < lines.size() && !lines[i].empty()) r.expected.push_back(lines[i++]);
    }
    records.push_back(std::move(r));
  }
  return records;
}

bool MatchAll(const std::vector<std::string>& actual, const std::vector<std::string>& patterns) {
  if (actual.size() != patterns.size()) return false;
  for (size_t i = 0; i < actual.size(); ++i) {
    if (!std::regex_match(actual[i], std::regex(patterns[i]))) return false;
  }
  return true;
}

std::string Render(const sluice::Value& v) {
  if (v.is_null()) return "NULL";
  std::string s = v.ToString();
  return s.empty() ? "(empty)" : s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sqllogictest FILE.test\n";
    return 2;
  }
  std::string path = argv[1];
  const char* src_env = std::getenv("SLUICE_SOURCE_DIR");
  std::string source = src_env ? src_env : fs::current_path().string();
  fs::path temp = fs::temp_directory_path() /
                  ("sluice-slt-" + std::to_string(::getpid()) + "-" + fs::path(path).stem().string());
  fs::remove_all(temp);
  fs::create_directories(temp);
  int failures = 0;
  int run = 0;
  try {
    auto db = sluice::Database::Open({.warehouse = (temp / "warehouse").string(), .threads = 2, .local_buckets = ""});
    auto conn = db->Connect();
    for (auto& r : ParseFile(path)) {
      ++run;
      std::string sql = Substitute(r.sql, temp.string(), source);
      std::string where = path + ":" + std::to_string(r.line);
      try {
        sluice::QueryResult result = conn->Execute(sql);
        if (r.kind == "statement" && r.mode == "error") {
          std::cerr << where << ": expected an error, statement succeeded\n" << sql;
          ++failures;
          continue;
        }
        if (r.kind == "query") {
          std::vector<std::string> actual;
          for (size_t row = 0; row < result.RowCount(); ++row) {
            std::string line;
            for (size_t c = 0; c < result.column_names.size(); ++c) {
              if (c) line += "\t";
              line += Render(result.GetValue(c, row));
            }
            actual.push_back(line);
          }
          std::vector<std::string> expected;
          for (auto& e : r.expected) expected.push_back(Substitute(e, temp.string(), source));
          if (r.rowsort) {
            std::sort(actual.begin(), actual.end());
            std::sort(expected.begin(), expected.end());
          }
          if (r.mode.size() != result.column_names.size()) {
            std::cerr << where << ": query declares " << r.mode.size() << " columns, result has "
                      << result.column_names.size() << "\n";
            ++failures;
          } else if (r.regex ? !MatchAll(actual, expected) : actual != expected) {
            std::cerr << where << ": wrong result for\n" << sql << "expected:\n";
            for (auto& e : expected) std::cerr << "  " << e << "\n";
            std::cerr << "actual:\n";
            for (auto& a : actual) std::cerr << "  " << a << "\n";
            ++failures;
          }
        }
      } catch (const sluice::SluiceError& e) {
        bool expected_error = r.kind == "statement" && r.mode == "error";
        std::string message = e.Describe();
        if (!expected_error) {
          std::cerr << where << ": unexpected error: " << message << "\n" << sql;
          ++failures;
        } else if (!r.expected.empty()) {
          std::string want = Substitute(r.expected[0], temp.string(), source);
          if (message.find(want) == std::string::npos) {
            std::cerr << where << ": error message\n  " << message << "\ndoes not contain\n  " << want << "\n";
            ++failures;
          }
        }
      }
    }
  } catch (const std::exception& e) {
    std::cerr << path << ": " << e.what() << "\n";
    fs::remove_all(temp);
    return 1;
  }
  fs::remove_all(temp);
  std::cout << path << ": " << run << " records, " << failures << " failed\n";
  return failures == 0 ? 0 : 1;
}
