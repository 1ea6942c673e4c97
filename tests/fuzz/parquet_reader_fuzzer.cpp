// libFuzzer target for parquet::ParquetReader (built by `make fuzz`; replayed
// over the committed corpora by parquet_fuzz_replay on every `make test`).
//
// Input: kConfigBytes of settings, then the file's bytes.
//   0 the projection: bit c keeps column c (0: every column)
//   1 bits 0-2 predicate (0 none; 1 =, 2 <, 3 >=, 4 IN, 5 IS NULL, 6 IS NOT
//     NULL, 7 =) on column bits 3-5, its value row group 0's min
//
// SluiceError is an expected outcome. A crash, sanitizer report, hang, a read
// outside the file, another exception, or a projected read that disagrees
// with the full read of the same columns is a bug: the target aborts.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "sluice/common/error.h"
#include "sluice/formats/parquet/parquet_reader.h"
#include "sluice/types/range_predicate.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::parquet {
namespace {

constexpr size_t kConfigBytes = 2;
// Hostile footers may promise billions of rows of zero-width columns.
constexpr size_t kMaxRowsRead = 1 << 20;

[[noreturn]] void Fail(const std::string& what) { fuzzing::Fail("parquet_reader_fuzzer", what); }

// Every value of every row group of `columns`, as text, one string per
// column; rows pruned by `predicates` are left out. Touches each string's
// bytes, so a reference into freed memory is reported by ASan.
std::vector<std::string> ReadAll(const ParquetReader& reader, const std::vector<size_t>& columns,
                                 const std::vector<RangePredicate>& predicates) {
  std::vector<std::string> text(columns.size());
  size_t rows = 0;
  for (size_t rg = 0; rg < reader.num_row_groups(); ++rg) {
    std::vector<RowRange> ranges;
    if (!predicates.empty()) {
      if (!reader.RowGroupMayMatch(rg, predicates)) continue;
      ranges = reader.MatchingRows(rg, predicates);
      if (ranges.empty()) continue;
    }
    auto group = reader.OpenRowGroup(rg, columns, std::move(ranges));
    std::vector<LogicalType> types;
    for (size_t c : columns) types.push_back(reader.column_types()[c]);
    DataChunk chunk(types);
    while (group->Next(chunk)) {
      for (size_t c = 0; c < columns.size(); ++c) {
        for (size_t r = 0; r < chunk.size(); ++r) text[c] += chunk.column(c).GetValue(r).ToString() + '\n';
      }
      rows += chunk.size();
      if (rows > kMaxRowsRead) return text;
      chunk.Reset();
    }
  }
  return text;
}

std::vector<RangePredicate> MakePredicates(const ParquetReader& reader, uint8_t setting) {
  const int op = setting & 7;
  const size_t column = (setting >> 3) & 7;
  if (op == 0 || column >= reader.column_names().size() || reader.num_row_groups() == 0) return {};
  RangePredicate p;
  p.column = column;
  if (op == 5 || op == 6) {
    p.op = op == 5 ? RangePredicate::Op::kIsNull : RangePredicate::Op::kIsNotNull;
    return {p};
  }
  const Value min = reader.column_stats(0, column).min;
  if (min.is_null()) return {};
  static constexpr RangePredicate::Op kOps[] = {RangePredicate::Op::kEqual, RangePredicate::Op::kEqual,
                                                RangePredicate::Op::kLess,  RangePredicate::Op::kGreaterEqual,
                                                RangePredicate::Op::kIn,    RangePredicate::Op::kEqual,
                                                RangePredicate::Op::kEqual, RangePredicate::Op::kEqual};
  p.op = kOps[op];
  p.values = {min};
  return {p};
}

void Run(const uint8_t* config, std::string_view bytes) {
  auto file = std::make_shared<fuzzing::MemoryFile>("parquet_reader_fuzzer", "fuzz.parquet", bytes);
  const ParquetReader reader(file);
  std::vector<size_t> all, projected;
  for (size_t c = 0; c < reader.column_names().size(); ++c) {
    if (reader.column_types()[c].id() == TypeId::kInvalid) continue;  // refused by name when read
    all.push_back(c);
    if (c < 8 && (config[0] >> c & 1)) projected.push_back(c);
  }
  const std::vector<std::string> full = ReadAll(reader, all, {});
  if (!projected.empty()) {
    const std::vector<std::string> part = ReadAll(reader, projected, {});
    for (size_t i = 0; i < projected.size(); ++i) {
      size_t j = 0;
      while (all[j] != projected[i]) ++j;
      if (part[i] != full[j]) Fail("column " + std::to_string(projected[i]) + " reads differently when projected");
    }
  }
  const auto predicates = MakePredicates(reader, config[1]);
  if (!predicates.empty()) ReadAll(reader, all, predicates);
}

}  // namespace
}  // namespace sluice::parquet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < sluice::parquet::kConfigBytes) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + sluice::parquet::kConfigBytes,
                               size - sluice::parquet::kConfigBytes);
  try {
    sluice::parquet::Run(data, bytes);
  } catch (const sluice::SluiceError&) {
    // A clear error is the right answer to a bad file.
  } catch (const std::exception& e) {
    sluice::parquet::Fail(std::string("unexpected exception: ") + e.what());
  }
  return 0;
}
