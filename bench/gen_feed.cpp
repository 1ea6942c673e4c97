// Generates the seed's feed: the AWS Marketplace "daily business usage by
// instance type" report as CSV files with a header.
//
//   gen_feed --rows N --files F --seed S --out DIR [--start-year 2021] [--months 36]
//
// Deterministic for given arguments (each file has its own seeded generator,
// so files are written in parallel). Shape (as in shared/perf/peers.md):
// dates uniform over the months (year 4 digits, month and day zero-padded),
// 200 products with skewed popularity, titles of which ~40% contain a comma
// (quoted) and ~9% also an escaped "", 50 instance types, 20 regions, 50k
// customers, every non-date field empty in ~1% of rows; ~123 bytes per row.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

// splitmix64: tiny, fast, good enough for data generation.
struct Rng {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>((Next() >> 32) * n >> 32); }
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
};

struct Catalog {
  std::vector<std::string> products, titles, instance_types, regions;
  std::vector<double> product_cdf;  // skewed popularity
};

Catalog MakeCatalog() {
  Catalog c;
  Rng rng{12345};
  const char* alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const char* nouns[] = {"Firewall", "Analytics", "Database", "Gateway", "Monitor", "Backup", "Scanner",
                         "Router", "Cache", "Search"};
  const char* vendors[] = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"};
  double total = 0;
  for (int i = 0; i < 200; ++i) {
    std::string code;
    for (int k = 0; k < 25; ++k) code += alphabet[rng.Below(36)];
    c.products.push_back(code);
    std::string title = std::string(vendors[rng.Below(8)]) + " " + nouns[rng.Below(10)] + " " +
                        std::to_string(i);
    uint32_t kind = rng.Below(100);
    if (kind < 9) {
      title = "\"" + title + ", Edition \"\"Pro\"\"\"";  // comma and escaped quotes
    } else if (kind < 40) {
      title = "\"" + title + ", BYOL\"";  // comma only
    }
    c.titles.push_back(title);
    total += 1.0 / std::pow(i + 1, 1.1);
    c.product_cdf.push_back(total);
  }
  for (double& x : c.product_cdf) x /= total;
  const char* families[] = {"m5", "c5", "r5", "t3", "m6i", "c6g", "r6g", "i3", "g4dn", "p3"};
  const char* sizes[] = {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge"};
  for (int f = 0; f < 10; ++f) {
    for (int s = 0; s < 5; ++s) c.instance_types.push_back(std::string(families[f]) + "." + sizes[s]);
  }
  c.regions = {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3",
               "eu-central-1", "eu-north-1", "eu-south-1", "ap-south-1", "ap-northeast-1",
               "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
               "sa-east-1", "me-south-1", "af-south-1"};
  return c;
}

void WriteFile(const std::string& path, uint64_t rows, uint64_t seed, int start_year, int months,
               const Catalog& c) {
  Rng rng{seed};
  std::string buf;
  buf.reserve(16 << 20);
  buf += "year,month,day,customer_id,product_code,product_title,instance_type,region,usage_unit_type,"
         "usage_quantity,estimated_revenue,currency\n";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::perror(path.c_str());
    std::exit(1);
  }
  char tmp[64];
  auto maybe_empty = [&]() { return rng.Below(100) == 0; };
  for (uint64_t r = 0; r < rows; ++r) {
    int m = static_cast<int>(rng.Below(static_cast<uint32_t>(months)));
    int year = start_year + m / 12;
    int month = m % 12 + 1;
    int day = static_cast<int>(rng.Below(28)) + 1;
    std::snprintf(tmp, sizeof(tmp), "%d,%02d,%02d,", year, month, day);
    buf += tmp;
    if (!maybe_empty()) {
      std::snprintf(tmp, sizeof(tmp), "%012llu",
                    100000000000ULL + static_cast<unsigned long long>(rng.Below(50000)) * 7919ULL);
      buf += tmp;
    }
    buf += ',';
    double u = rng.Unit();
    size_t p = static_cast<size_t>(std::lower_bound(c.product_cdf.begin(), c.product_cdf.end(), u) -
                                   c.product_cdf.begin());
    p = std::min<size_t>(p, 199);
    if (!maybe_empty()) buf += c.products[p];
    buf += ',';
    if (!maybe_empty()) buf += c.titles[p];
    buf += ',';
    if (!maybe_empty()) buf += c.instance_types[rng.Below(50)];
    buf += ',';
    if (!maybe_empty()) buf += c.regions[rng.Below(20)];
    buf += ',';
    if (!maybe_empty()) buf += "Hrs";
    buf += ',';
    if (!maybe_empty()) {
      std::snprintf(tmp, sizeof(tmp), "%.3f", rng.Unit() * 720);
      buf += tmp;
    }
    buf += ',';
    if (!maybe_empty()) {
      std::snprintf(tmp, sizeof(tmp), "%.6f", rng.Unit() * 1500);
      buf += tmp;
    }
    buf += ',';
    if (!maybe_empty()) buf += "USD";
    buf += '\n';
    if (buf.size() > (15 << 20)) {
      std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    }
  }
  std::fwrite(buf.data(), 1, buf.size(), f);
  std::fclose(f);
}

int Usage() {
  std::cerr << "usage: gen_feed --rows N --files F --seed S --out DIR [--start-year Y] [--months M]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t rows = 0;
  int files = 1, start_year = 2021, months = 36;
  uint64_t seed = 42;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return Usage();
    std::string v = argv[++i];
    if (a == "--rows") rows = std::stoull(v);
    else if (a == "--files") files = std::stoi(v);
    else if (a == "--seed") seed = std::stoull(v);
    else if (a == "--out") out = v;
    else if (a == "--start-year") start_year = std::stoi(v);
    else if (a == "--months") months = std::stoi(v);
    else return Usage();
  }
  if (out.empty() || files < 1 || months < 1) return Usage();
  std::filesystem::create_directories(out);
  Catalog catalog = MakeCatalog();
  std::vector<std::thread> workers;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> paths;
  for (int f = 0; f < files; ++f) {
    char name[32];
    std::snprintf(name, sizeof(name), "part-%04d.csv", f);
    paths.push_back((std::filesystem::path(out) / name).string());
  }
  std::atomic_int next{0};
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int f; (f = next.fetch_add(1)) < files;) {
        uint64_t n = rows / files + (static_cast<uint64_t>(f) < rows % files ? 1 : 0);
        WriteFile(paths[f], n, seed * 1000003 + static_cast<uint64_t>(f), start_year, months, catalog);
      }
    });
  }
  for (auto& w : workers) w.join();
  std::cout << "wrote " << rows << " rows in " << files << " files to " << out << "\n";
  return 0;
}
