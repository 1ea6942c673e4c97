// Throughput of CsvReader on the seed feed's shape, single-threaded. Disabled
// by default; run by hand on a release build:
//
//   csv_tests --gtest_also_run_disabled_tests --gtest_filter='*Benchmark*'
//
// SLUICE_CSV_BENCH_FILE=<path> reads that file (12 columns of the feed)
// instead of generating ~256 MB into the temp directory;
// SLUICE_CSV_BENCH_CASE=<n> runs only case n (for profiling).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "sluice/formats/csv/csv_reader.h"
#include "sluice/storage/local_file_system.h"

namespace sluice::csv {
namespace {

// The AWS Marketplace usage feed: 3 ints, 7 strings, 2 doubles; ~40% of
// titles quoted with a comma, a quarter of those with "" as well; ~1% empty.
std::string GenerateFeed(size_t target_bytes) {
  std::mt19937_64 rng(7);
  auto below = [&](uint64_t n) { return rng() % n; };
  std::vector<std::string> products, titles, customers, instance_types, regions;
  const char* vendors[] = {"Acme", "Initech", "Hooli", "Globex", "Umbrella", "Stark", "Wayne", "Tyrell"};
  const char* nouns[] = {"Backup", "Monitor", "Firewall", "Database", "Analytics",
                         "Gateway", "Cache", "Search", "Mail", "Vault"};
  for (int i = 0; i < 200; ++i) {
    std::string code;
    for (int k = 0; k < 25; ++k) code += "abcdefghijklmnopqrstuvwxyz0123456789"[below(36)];
    products.push_back(code);
    std::string title = std::string(vendors[below(8)]) + " " + nouns[below(10)] + " " + std::to_string(i);
    const uint64_t kind = below(100);
    if (kind < 10) title = "\"" + title + ", Edition \"\"Pro\"\"\"";
    else if (kind < 40) title = "\"" + title + ", BYOL\"";
    titles.push_back(title);
  }
  for (int i = 0; i < 50000; ++i) customers.push_back(std::to_string(100000000000 + below(900000000)));
  for (int i = 0; i < 50; ++i) instance_types.push_back("m" + std::to_string(i % 7) + "i." + std::to_string(1 + i % 8) + "xlarge");
  for (int i = 0; i < 20; ++i) regions.push_back("region-" + std::to_string(i) + "-north");
  std::string out =
      "year,month,day,customer_id,product_code,product_title,instance_type,region,usage_unit_type,"
      "usage_quantity,estimated_revenue,currency\n";
  char buf[64];
  while (out.size() < target_bytes) {
    auto maybe = [&](const std::string& s) { return below(100) == 0 ? std::string() : s; };
    const size_t p = below(200) * below(200) / 200;  // skewed popularity
    std::snprintf(buf, sizeof buf, "%d,%02d,%02d,", 2021 + int(below(3)), 1 + int(below(12)), 1 + int(below(28)));
    out += buf;
    out += maybe(customers[below(customers.size())]) + ",";
    out += maybe(products[p]) + ",";
    out += maybe(titles[p]) + ",";
    out += maybe(instance_types[below(50)]) + ",";
    out += maybe(regions[below(20)]) + ",";
    out += "Hrs,";
    std::snprintf(buf, sizeof buf, "%.3f,%.6f,", below(1000000) / 1000.0, below(1000000000) / 1000000.0);
    out += buf;
    out += "USD\n";
  }
  return out;
}

double ReadAll(const std::string& path, const std::vector<LogicalType>& types,
               const std::vector<size_t>& projection, uint64_t* rows) {
  LocalFileSystem fs;
  std::shared_ptr<RandomAccessFile> file = fs.OpenForRead(path);
  CsvOptions options;
  options.skip_header_lines = 1;
  std::vector<LogicalType> out_types;
  for (size_t p : projection) out_types.push_back(types[p]);
  const auto start = std::chrono::steady_clock::now();
  CsvReader reader(file, CsvSplit{path, 0, file->Size(), file->Size()}, options, types, projection);
  DataChunk chunk(out_types);
  while (reader.Next(chunk)) {
  }
  *rows = reader.rows_read();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(CsvBenchmark, DISABLED_FeedThroughput) {
  std::string path;
  std::filesystem::path temp;
  if (const char* env = std::getenv("SLUICE_CSV_BENCH_FILE")) {
    path = env;
  } else {
    temp = std::filesystem::temp_directory_path() / ("sluice-csv-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(temp);
    path = (temp / "feed.csv").string();
    LocalFileSystem().WriteAll(path, GenerateFeed(size_t{256} << 20));
  }
  const uint64_t bytes = std::filesystem::file_size(path);
  const LogicalType I = LogicalType::Integer(), V = LogicalType::Varchar(), D = LogicalType::Double();
  const std::vector<LogicalType> types = {I, I, I, V, V, V, V, V, V, D, D, V};
  struct Case {
    const char* name;
    std::vector<size_t> projection;
  };
  const std::vector<Case> cases = {
      {"all 12 columns", {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
      {"count(*)", {}},
      {"year,month,product_code,estimated_revenue", {0, 1, 4, 10}},
  };
  const char* only = std::getenv("SLUICE_CSV_BENCH_CASE");
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    if (only != nullptr && std::to_string(i) != only) continue;
    double best = 1e9;
    uint64_t rows = 0;
    for (int rep = 0; rep < 5; ++rep) best = std::min(best, ReadAll(path, types, c.projection, &rows));
    std::printf("%-45s %8.1f MB/s  (%.3f s best of 5, %llu rows, %.1f MB)\n", c.name, bytes / best / 1e6,
                best, static_cast<unsigned long long>(rows), bytes / 1e6);
  }
  if (!temp.empty()) std::filesystem::remove_all(temp);
}

}  // namespace
}  // namespace sluice::csv
