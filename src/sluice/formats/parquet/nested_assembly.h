#pragma once

#include <vector>

#include "sluice/formats/parquet/column_chunk_reader.h"
#include "sluice/formats/parquet/parquet_metadata.h"
#include "sluice/formats/parquet/parquet_schema.h"
#include "sluice/vector/vector.h"

namespace sluice::parquet {

// Rebuilds the records of a nested top-level field (STRUCT groups, LIST,
// MAP, bare repeated fields) from its leaves' repetition and definition
// levels, as compact JSON text: {"a":1,"b":[1,2]}, the form DuckDB's to_json
// prints. The engine has no nested types yet, so such fields read as VARCHAR.
class NestedAssembler {
 public:
  // `field`: index in `schema` of the top-level field's element; `leaves`:
  // the field's leaves in file order (FileSchema::leaves[first_leaf...]).
  NestedAssembler(const std::vector<SchemaElement>& schema, size_t field,
                  std::vector<const LeafColumn*> leaves, std::string file);

  // levels[i] holds leaf i's entries for exactly `records` records. Writes
  // one JSON text per record, or NULL for a null field, into out[0, records).
  // Inconsistent levels throw kCorruptFile naming the file and field.
  void Assemble(const std::vector<LeafLevels>& levels, size_t records, Vector& out) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace sluice::parquet
