#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "sluice/formats/json/json_options.h"
#include "sluice/types/logical_type.h"
#include "sluice/vector/data_chunk.h"

namespace sluice::json {

// What went wrong with a line, for the reader's error message.
struct DecodeProblem {
  enum class Kind { kNone, kMalformed, kBadValue };
  Kind kind = Kind::kNone;
  std::string what;   // kMalformed: "is not valid JSON (...)"; kBadValue: the complaint
  size_t column = 0;  // kBadValue: output column
  std::string value;  // kBadValue: the value's text
};

// Decodes one JSON object (a line) into one row of typed output vectors:
// keys are matched to columns (case rules, mapping.*), values converted to
// the column types. simdjson's On-Demand parser reads the line in place:
// values of keys no column reads are skipped, so they are only checked for
// balanced structure, while every value that is read is fully validated
// (nested objects and arrays too). VARCHAR values without escapes point into
// the line's bytes, which the caller keeps alive; others go to the vector's
// heap. Thread-compatible: one decoder per reader.
class JsonRowDecoder {
 public:
  // types and keys: per output column, its type and the JSON key it reads.
  JsonRowDecoder(const JsonOptions& options, std::vector<LogicalType> types, std::vector<std::string> keys);
  ~JsonRowDecoder();

  // Decodes line[0, size) into row `row` of `out`. The bytes up to
  // line + size + 64 must be readable (simdjson's padding). Returns false
  // with `problem` set when the line is malformed, or holds a bad value while
  // error_on_bad_value is set; the row's contents are unspecified then.
  bool Decode(const char* line, size_t size, DataChunk& out, size_t row, DecodeProblem* problem);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice::json
