// Generates the seed's feed: the AWS Marketplace "daily business usage by
// instance type" report, as CSV files with a header line.
//
//   gen_feed --rows N --files F --seed S --out DIR [--start-year 2021] [--months 36]
//            [--threads T]
//   gen_feed --small --out DIR        (10,000 rows in 3 files, for tests)
//
// Writes DIR/part-0000.csv, DIR/part-0001.csv, ...; the rows are spread
// evenly over the files. The output is a function of the arguments only:
// every file has its own generator seeded from (seed, file number), so the
// files are written in parallel and the thread count changes nothing.
//
// Shape (as described in shared/perf/peers.md, so that figures compare):
// - dates uniform over the months; year has 4 digits, month and day are
//   zero-padded ("2022,08,01"), so concat(year, '-', month, '-01') is a date;
// - 200 product codes (25 lowercase alphanumerics, like AWS product codes)
//   with Zipf-like popularity, one title per product; the titles are chosen
//   so that, weighted by popularity, ~31% of rows carry a title with a comma
//   (so it is quoted) and ~9% one with a comma and an escaped "" as well;
// - 50 instance types, 20 regions, 50,000 twelve-digit customer ids;
// - usage_quantity with 3 decimals, estimated_revenue with 6, currency USD;
// - every field but the date is empty in ~1% of rows;
// - ~123 bytes per row: 8.7 M rows are ~1 GiB.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr int kProducts = 200;
constexpr double kZipfExponent = 1.1;
constexpr double kQuotedShare = 0.09;     // rows whose title has a comma and ""
constexpr double kCommaOnlyShare = 0.31;  // rows whose title has only a comma
constexpr uint32_t kCustomers = 50000;
constexpr uint32_t kEmptyPercent = 1;
constexpr size_t kFlushBytes = 8 << 20;

// splitmix64: tiny and fast, and its output is well mixed even for
// consecutive seeds, which is how the per-file generators are seeded.
struct Rng {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) by multiply-shift (Lemire); the bias is far below
  // anything a benchmark could notice.
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>((Next() >> 32) * n >> 32); }
  double Unit() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
};

// The fixed dimension values, shared read-only by all writer threads.
struct Catalog {
  std::vector<std::string> products, titles, instance_types, regions;
  std::vector<double> product_cdf;  // cumulative popularity, by product index
};

Catalog MakeCatalog() {
  Catalog c;
  // A fixed seed: the catalog is the same whatever --seed says, so data sets
  // generated with different seeds still share products and titles.
  Rng rng{12345};
  const std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const char* vendors[] = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"};
  const char* nouns[] = {"Firewall", "Analytics", "Database", "Gateway", "Monitor", "Backup", "Scanner",
                         "Router", "Cache", "Search"};
  const char* tiers[] = {"One", "Cloud", "Lite", "X"};
  const char* editions[] = {"Pro", "Enterprise", "Standard"};

  std::vector<double> weight(kProducts);
  double total = 0;
  for (int i = 0; i < kProducts; ++i) {
    weight[i] = 1.0 / std::pow(i + 1, kZipfExponent);
    total += weight[i];
  }
  for (double& w : weight) w /= total;

  // Which titles get a comma (and quotes): walk the products in a shuffled
  // order and fill each kind up to its share of rows. A product too popular
  // for what is left of a share is skipped, so the shares are met closely
  // even though the top product alone has ~20% of the rows.
  std::vector<int> order(kProducts);
  for (int i = 0; i < kProducts; ++i) order[i] = i;
  for (int i = kProducts - 1; i > 0; --i) std::swap(order[i], order[rng.Below(i + 1)]);
  enum class TitleKind { kPlain, kComma, kCommaAndQuotes };
  std::vector<TitleKind> kind(kProducts, TitleKind::kPlain);
  double quoted = 0, comma_only = 0;
  for (int i : order) {
    if (quoted + weight[i] <= kQuotedShare) {
      kind[i] = TitleKind::kCommaAndQuotes;
      quoted += weight[i];
    } else if (comma_only + weight[i] <= kCommaOnlyShare) {
      kind[i] = TitleKind::kComma;
      comma_only += weight[i];
    }
  }

  double cumulative = 0;
  for (int i = 0; i < kProducts; ++i) {
    std::string code;
    for (int k = 0; k < 25; ++k) code += alphabet[rng.Below(static_cast<uint32_t>(alphabet.size()))];
    c.products.push_back(code);
    std::string title = std::string(vendors[rng.Below(8)]) + " " + nouns[rng.Below(10)] + " " +
                        tiers[rng.Below(4)] + " " + std::to_string(i + 1);
    if (kind[i] == TitleKind::kCommaAndQuotes) {
      // The CSV field as written: quoted, with the inner quotes doubled.
      title = "\"" + title + ", \"\"" + editions[rng.Below(3)] + "\"\" Edition\"";
    } else if (kind[i] == TitleKind::kComma) {
      title = "\"" + title + ", BYOL\"";
    }
    c.titles.push_back(title);
    cumulative += weight[i];
    c.product_cdf.push_back(cumulative);
  }
  c.product_cdf.back() = 1.0;  // no rounding gap at the top

  const char* families[] = {"m5", "c5", "r5", "t3", "m6i", "c6g", "r6g", "i3", "g4dn", "p3"};
  const char* sizes[] = {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge"};
  for (const char* family : families) {
    for (const char* size : sizes) c.instance_types.push_back(std::string(family) + "." + size);
  }
  c.regions = {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3",
               "eu-central-1", "eu-north-1", "eu-south-1", "ap-south-1", "ap-northeast-1",
               "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
               "sa-east-1", "me-south-1", "af-south-1"};
  return c;
}

// Appends units / 10^scale with exactly `scale` decimals; exact, unlike
// printing a double, and several times faster than snprintf.
void AppendFixed(std::string& buf, uint64_t units, int scale) {
  uint64_t pow10 = 1;
  for (int i = 0; i < scale; ++i) pow10 *= 10;
  char tmp[24];
  char* end = std::to_chars(tmp, tmp + sizeof(tmp), units / pow10).ptr;
  buf.append(tmp, end);
  buf += '.';
  uint64_t frac = units % pow10;
  char digits[20];
  for (int i = scale - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  buf.append(digits, static_cast<size_t>(scale));
}

void AppendTwoDigits(std::string& buf, int v) {
  buf += static_cast<char>('0' + v / 10);
  buf += static_cast<char>('0' + v % 10);
}

// Returns false (with errno set) if the file cannot be written completely.
bool WriteFile(const std::string& path, uint64_t rows, uint64_t seed, int start_year, int months,
               const Catalog& c) {
  Rng rng{seed};
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  std::string buf;
  buf.reserve(kFlushBytes + 4096);
  buf += "year,month,day,customer_id,product_code,product_title,instance_type,region,usage_unit_type,"
         "usage_quantity,estimated_revenue,currency\n";
  bool ok = true;
  // Each non-date field is drawn empty on its own, so rows with several
  // empty fields occur too, as in the real report.
  auto present = [&]() { return rng.Below(100) >= kEmptyPercent; };
  for (uint64_t r = 0; r < rows; ++r) {
    int m = static_cast<int>(rng.Below(static_cast<uint32_t>(months)));
    char year[8];
    buf.append(year, std::to_chars(year, year + sizeof(year), start_year + m / 12).ptr);
    buf += ',';
    AppendTwoDigits(buf, m % 12 + 1);
    buf += ',';
    AppendTwoDigits(buf, static_cast<int>(rng.Below(28)) + 1);
    buf += ',';
    if (present()) {
      // 12 digits, spread over the id space rather than consecutive.
      uint64_t id = 100000000000ULL + static_cast<uint64_t>(rng.Below(kCustomers)) * 7919ULL;
      char tmp[24];
      buf.append(tmp, std::to_chars(tmp, tmp + sizeof(tmp), id).ptr);
    }
    buf += ',';
    size_t p = static_cast<size_t>(std::upper_bound(c.product_cdf.begin(), c.product_cdf.end(), rng.Unit()) -
                                   c.product_cdf.begin());
    p = std::min<size_t>(p, c.products.size() - 1);
    if (present()) buf += c.products[p];
    buf += ',';
    if (present()) buf += c.titles[p];
    buf += ',';
    if (present()) buf += c.instance_types[rng.Below(static_cast<uint32_t>(c.instance_types.size()))];
    buf += ',';
    if (present()) buf += c.regions[rng.Below(static_cast<uint32_t>(c.regions.size()))];
    buf += ',';
    if (present()) buf += "Hrs";
    buf += ',';
    if (present()) AppendFixed(buf, rng.Below(720000), 3);  // up to 720 hours a month
    buf += ',';
    if (present()) AppendFixed(buf, rng.Below(1500000000), 6);  // up to $1,500
    buf += ',';
    if (present()) buf += "USD";
    buf += '\n';
    if (buf.size() >= kFlushBytes) {
      ok = ok && std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
      buf.clear();
    }
  }
  ok = ok && std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
  ok = (std::fclose(f) == 0) && ok;
  return ok;
}

int Usage() {
  std::cerr << "usage: gen_feed --rows N --files F --seed S --out DIR [--start-year Y] [--months M]"
               " [--threads T]\n"
               "       gen_feed --small --out DIR   (10000 rows, 3 files, unless given)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t rows = 0, seed = 42;
  int64_t files = 0, start_year = 2021, months = 36, threads = 0;
  bool small = false;
  std::string out;
  try {
    for (int i = 1; i < argc; ++i) {
      std::string_view a = argv[i];
      if (a == "--small") {
        small = true;
        continue;
      }
      if (a == "--help" || a == "-h") {
        Usage();
        return 0;
      }
      if (i + 1 >= argc) return Usage();
      std::string v = argv[++i];
      size_t used = 0;
      auto number = [&]() {
        int64_t n = std::stoll(v, &used);
        if (used != v.size() || n < 0) throw std::invalid_argument(v);
        return n;
      };
      if (a == "--rows") rows = static_cast<uint64_t>(number());
      else if (a == "--files") files = number();
      else if (a == "--seed") seed = static_cast<uint64_t>(number());
      else if (a == "--start-year") start_year = number();
      else if (a == "--months") months = number();
      else if (a == "--threads") threads = number();
      else if (a == "--out") out = v;
      else return Usage();
    }
  } catch (const std::exception&) {
    return Usage();
  }
  if (small) {
    if (rows == 0) rows = 10000;
    if (files == 0) files = 3;
  }
  if (files == 0) files = 1;
  if (out.empty() || months < 1 || files > 10000 || start_year < 1000 || start_year + (months - 1) / 12 > 9999) {
    return Usage();
  }

  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "gen_feed: cannot create " << out << ": " << ec.message() << "\n";
    return 1;
  }
  const Catalog catalog = MakeCatalog();
  std::vector<std::string> paths;
  for (int64_t f = 0; f < files; ++f) {
    char name[32];
    std::snprintf(name, sizeof(name), "part-%04d.csv", static_cast<int>(f));
    paths.push_back((std::filesystem::path(out) / name).string());
  }

  if (threads <= 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, files);
  std::atomic<int64_t> next{0};
  std::atomic<bool> failed{false};
  std::vector<std::thread> workers;
  for (int64_t t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int64_t f; (f = next.fetch_add(1)) < files;) {
        const uint64_t uf = static_cast<uint64_t>(f), nf = static_cast<uint64_t>(files);
        const uint64_t n = rows / nf + (uf < rows % nf ? 1 : 0);
        if (!WriteFile(paths[uf], n, seed * 1000003 + uf, static_cast<int>(start_year),
                       static_cast<int>(months), catalog)) {
          std::perror(paths[uf].c_str());
          failed = true;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  if (failed) return 1;
  std::cout << "wrote " << rows << " rows in " << files << " files to " << out << "\n";
  return 0;
}
