// The `sluice` command.
//
//   sluice sql [--warehouse DIR] [--format table|csv|json] [--threads N]
//              [-f FILE | "STATEMENT; ..."]
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sluice/cli/result_printer.h"
#include "sluice/common/error.h"
#include "sluice/database.h"

namespace {

constexpr const char* kUsage =
    "usage: sluice sql [--warehouse DIR] [--local-buckets DIR] [--format table|csv|json]\n"
    "                  [--threads N] [-f FILE | \"STATEMENT; ...\"]\n"
    "\n"
    "Runs SQL statements against a warehouse (default ./warehouse or $SLUICE_WAREHOUSE).\n"
    "--local-buckets DIR (or $SLUICE_LOCAL_BUCKETS) serves s3://BUCKET/KEY from DIR/BUCKET/KEY.\n"
    "Without -f or a statement, reads the statements from standard input.\n";

sluice::Connection* g_connection = nullptr;

void OnInterrupt(int) {
  // Cancel cooperatively: workers check the flag between batches.
  if (g_connection) g_connection->Cancel();
}

int Usage(const std::string& problem) {
  if (!problem.empty()) std::cerr << "sluice: " << problem << "\n";
  std::cerr << kUsage;
  return 2;
}

int RunSql(int argc, char** argv) {
  sluice::DatabaseOptions options;
  if (const char* env = std::getenv("SLUICE_WAREHOUSE")) options.warehouse = env;
  if (const char* env = std::getenv("SLUICE_LOCAL_BUCKETS")) options.local_buckets = env;
  sluice::cli::OutputFormat format = sluice::cli::OutputFormat::kTable;
  std::string file;
  std::string text;
  bool have_text = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&](const char* what) -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(std::string(what) + " needs a value");
      return argv[++i];
    };
    if (arg == "--warehouse") {
      options.warehouse = next("--warehouse");
    } else if (arg == "--local-buckets") {
      options.local_buckets = next("--local-buckets");
    } else if (arg == "--format") {
      std::string f = next("--format");
      if (f == "table") format = sluice::cli::OutputFormat::kTable;
      else if (f == "csv") format = sluice::cli::OutputFormat::kCsv;
      else if (f == "json") format = sluice::cli::OutputFormat::kJson;
      else throw std::invalid_argument("--format must be table, csv or json, not '" + f + "'");
    } else if (arg == "--threads") {
      options.threads = std::stoul(next("--threads"));
    } else if (arg == "-f" || arg == "--file") {
      file = next("-f");
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      throw std::invalid_argument("unknown option " + arg);
    } else {
      if (have_text) throw std::invalid_argument("give the statements as one argument");
      text = arg;
      have_text = true;
    }
  }
  if (!file.empty() && have_text) throw std::invalid_argument("use either -f FILE or a statement");
  std::string source = "<command line>";
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) throw std::invalid_argument("cannot read " + file);
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    source = file;
  } else if (!have_text) {
    std::stringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
    source = "<stdin>";
  }

  auto db = sluice::Database::Open(options);
  auto conn = db->Connect();
  g_connection = conn.get();
  std::signal(SIGINT, OnInterrupt);
  try {
    conn->ExecuteScript(text, [&](sluice::QueryResult& r) {
      if (r.has_rows) sluice::cli::PrintResult(r, format, std::cout);
      // The summary goes to stderr in csv/json mode so stdout stays parseable.
      std::ostream& summary = format == sluice::cli::OutputFormat::kTable ? std::cout : std::cerr;
      summary << "(" << sluice::cli::SummaryLine(r) << ")\n";
      std::cout.flush();
    });
  } catch (const sluice::SluiceError& e) {
    g_connection = nullptr;
    // "demo.sql:3:14: SYNTAX_ERROR: ..." so editors can jump to the spot.
    std::cerr << source;
    if (e.position()) std::cerr << ":" << e.position()->line << ":" << e.position()->column;
    std::cerr << ": " << sluice::ErrorCodeName(e.code()) << ": " << e.message() << "\n";
    return 1;
  }
  g_connection = nullptr;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("");
  std::string command = argv[1];
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command != "sql") return Usage("unknown command '" + command + "'");
  try {
    return RunSql(argc - 2, argv + 2);
  } catch (const std::invalid_argument& e) {
    return Usage(e.what());
  } catch (const sluice::SluiceError& e) {
    std::cerr << "sluice: " << e.Describe() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "sluice: internal error: " << e.what() << "\n";
    return 1;
  }
}
