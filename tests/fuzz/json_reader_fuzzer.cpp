// libFuzzer target for json::JsonReader (built by `make fuzz`; replayed over
// the committed corpora by json_fuzz_replay on every `make test`).
//
// Input: kConfigBytes of settings, then the file's bytes.
//   0 bits 0-2 column count - 1, 3 case-insensitive keys, 4 malformed lines
//     are rows of NULLs, 5 bad values are errors, 6-7 file name
//   1-4 a nibble per column: its type (see kTypes)
//   5 block size (0: one block for the whole file)   6 split target bytes (0: one split)
//   7 bit 0: a mapping of column c0 to key "k"; bits 1-2 projection
//
// SluiceError is an expected outcome. A crash, sanitizer report, hang, a read
// outside the file, or different rows for different block sizes or splits
// (JSON Lines splits at any newline) is a bug: the target aborts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "sluice/common/error.h"
#include "sluice/formats/csv/csv_split.h"
#include "sluice/formats/json/json_reader.h"
#include "sluice/storage/file_system.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::json {
namespace {

constexpr size_t kConfigBytes = 8;
constexpr size_t kWholeFileBlock = 1 << 16;  // as big as any input (-max_len)

[[noreturn]] void Fail(const std::string& what) { fuzzing::Fail("json_reader_fuzzer", what); }

// The input as a file.
class MemoryFile final : public fuzzing::MemoryFile {
 public:
  MemoryFile(std::string path, std::string_view bytes) : fuzzing::MemoryFile("json_reader_fuzzer", std::move(path), bytes) {}
};

struct Config {
  JsonOptions options;
  std::vector<LogicalType> types;
  std::vector<std::string> names;
  std::vector<size_t> projection;
  size_t block_size = 0;
  uint64_t split_bytes = 0;
  std::string path;
};

Config Decode(const uint8_t* c) {
  static const LogicalType kTypes[16] = {
      LogicalType::Boolean(),     LogicalType::Tinyint(),   LogicalType::Smallint(),   LogicalType::Integer(),
      LogicalType::Bigint(),      LogicalType::Real(),      LogicalType::Double(),     LogicalType::Varchar(),
      LogicalType::Date(),        LogicalType::Timestamp(), LogicalType::Decimal(10, 2), LogicalType::Decimal(38, 6),
      LogicalType::Varchar(),     LogicalType::Bigint(),    LogicalType::Double(),     LogicalType::Varchar()};
  static const char* const kNames[] = {"fuzz.json", "fuzz.json.gz", "fuzz.json.zst", "fuzz.txt"};
  Config cfg;
  const size_t columns = 1 + (c[0] & 7);
  cfg.options.case_insensitive = (c[0] >> 3) & 1;
  cfg.options.ignore_malformed = (c[0] >> 4) & 1;
  cfg.options.error_on_bad_value = (c[0] >> 5) & 1;
  cfg.path = kNames[c[0] >> 6];
  const uint32_t nibbles = uint32_t{c[1]} | uint32_t{c[2]} << 8 | uint32_t{c[3]} << 16 | uint32_t{c[4]} << 24;
  for (size_t i = 0; i < columns; ++i) {
    cfg.types.push_back(kTypes[(nibbles >> (4 * i)) & 15]);
    // Short names that random JSON text may well hold as keys.
    cfg.names.push_back(i == 0 ? "a" : "c" + std::to_string(i));
  }
  cfg.block_size = c[5] == 0 ? kWholeFileBlock : c[5] % 80 + 1;
  cfg.split_bytes = c[6];
  if (c[7] & 1) cfg.options.key_mapping["c1"] = "k";
  switch ((c[7] >> 1) & 3) {
    case 0:
    case 1:
      for (size_t i = 0; i < columns; ++i) cfg.projection.push_back(i);
      break;
    case 2:  // a count
      break;
    case 3:
      for (size_t i = columns; i-- > 0;) cfg.projection.push_back(i);
      break;
  }
  return cfg;
}

struct Outcome {
  std::vector<std::string> rows;
  std::optional<ErrorCode> error;
  std::string message;
};

Outcome Read(const std::shared_ptr<RandomAccessFile>& file, const Config& cfg, size_t block_size,
             uint64_t split_bytes) {
  Outcome out;
  std::vector<LogicalType> out_types;
  for (size_t p : cfg.projection) out_types.push_back(cfg.types[p]);
  try {
    for (const auto& split : csv::PlanSplits(cfg.path, file->Size(), split_bytes)) {
      JsonReader reader(file, split, cfg.options, cfg.types, cfg.names, cfg.projection);
      reader.SetBlockSizeForTesting(block_size);
      DataChunk chunk(out_types);
      uint64_t count = 0;
      while (reader.Next(chunk)) {
        if (chunk.size() == 0 || chunk.size() > kVectorSize) Fail("a chunk of " + std::to_string(chunk.size()));
        count += chunk.size();
        for (size_t r = 0; r < chunk.size(); ++r) {
          std::string row;
          for (size_t c = 0; c < chunk.ColumnCount(); ++c) {
            row += c ? "|" : "";
            row += chunk.column(c).IsNull(r) ? "<null>" : chunk.column(c).GetValue(r).ToString();
          }
          out.rows.push_back(row);
        }
      }
      if (reader.rows_read() != count) Fail("rows_read disagrees with the chunks");
    }
  } catch (const SluiceError& e) {
    if (e.code() == ErrorCode::kInternal) Fail("internal error: " + e.message());
    out.error = e.code();
    out.message = e.message();
  }
  return out;
}

void ExpectSame(const Outcome& a, const Outcome& b, const std::string& what) {
  // Which error comes first may depend on the reading order; that one does
  // is what must agree.
  if (a.error.has_value() != b.error.has_value() || (!a.error && a.rows != b.rows)) {
    Fail(what + " disagree: " + (a.error ? a.message : std::to_string(a.rows.size()) + " rows") + " vs " +
         (b.error ? b.message : std::to_string(b.rows.size()) + " rows"));
  }
}

void FuzzOne(const uint8_t* data, size_t size) {
  if (size < kConfigBytes) return;
  const Config cfg = Decode(data);
  const std::string_view text(reinterpret_cast<const char*>(data) + kConfigBytes, size - kConfigBytes);
  auto file = std::make_shared<MemoryFile>(cfg.path, text);
  const Outcome whole = Read(file, cfg, kWholeFileBlock, 0);
  const bool compressed = csv::CompressionFromPath(cfg.path) != csv::Compression::kNone ||
                          csv::CompressionFromMagic(reinterpret_cast<const unsigned char*>(text.data()),
                                                    text.size()) != csv::Compression::kNone;
  if (compressed) return;
  if (cfg.block_size != kWholeFileBlock) ExpectSame(whole, Read(file, cfg, cfg.block_size, 0), "block sizes");
  if (cfg.split_bytes != 0) {
    const uint64_t split_bytes = std::max<uint64_t>(cfg.split_bytes, (text.size() + 15) / 16);
    ExpectSame(whole, Read(file, cfg, cfg.block_size, split_bytes), "one split and splits");
  }
}

}  // namespace
}  // namespace sluice::json

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sluice::json::FuzzOne(data, size);
  return 0;
}
