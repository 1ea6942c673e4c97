#pragma once

#include "sluice/sql/planner/table_function.h"

namespace sluice::main {

// Table functions that read files without a table definition:
//   read_csv(path [, delimiter => ',', quote => '"', escape => '\', header => true,
//            skip => 0, columns => 'id bigint, name varchar', null_string => '\N',
//            bad_value => 'null'|'error', malformed_rows => 'null'|'error'|'skip',
//            skip_footer => 0, sample_size => 1048576])
//   read_parquet(path [, hive_partitioning => true|false])
// `path` is a file, a folder or prefix (every file below it), or a glob
// (`s3://raw/feed/2022-*/*.csv.gz`, `**` for any depth). Whatever is not
// given is sniffed from the first file (csv::SniffCsv). read_parquet takes
// its columns from the first file's footer and, when the files sit in
// k=v directories, adds those keys as partition columns (BIGINT, DATE or
// VARCHAR, the narrowest that holds every value), pruned like a catalog
// table's. The result is an external table over those files, so it reads
// exactly like one made with CREATE EXTERNAL TABLE.
class FileTableFunctions final : public planner::TableFunctionResolver {
 public:
  catalog::TableDef Resolve(const planner::TableFunctionCall& call) override;
};

}  // namespace sluice::main
