#!/usr/bin/env bash
# Parquet interoperability with DuckDB, both directions.
#
#   bash tests/integration/parquet_interop.sh path/to/sluice
#
# Direction 1, DuckDB writes and sluice reads: a matrix of files over every
# type (integers, unsigned ones sluice widens, real, double, varchar with
# empty / long / non-ASCII / CSV-hostile strings, date, timestamp in us, ms
# and ns, decimal as INT32, INT64 and FIXED_LEN_BYTE_ARRAY) × Parquet version
# (V1: PLAIN and dictionary; V2: data page v2, DELTA_BINARY_PACKED,
# DELTA_LENGTH_BYTE_ARRAY, BYTE_STREAM_SPLIT) × low / high cardinality × codec
# (uncompressed, snappy, gzip, zstd, lz4_raw) × nulls (none, some, all), each
# file in three row groups. Sluice's SELECT over a CREATE EXTERNAL TABLE of
# each file must print what DuckDB reads from it; so must read_parquet(),
# whose inferred types must match too. Nested LIST / STRUCT / MAP columns
# (read as JSON text equal to DuckDB's to_json) are cases of their own; so
# are two files in DELTA_BYTE_ARRAY, which DuckDB cannot write (the test
# writes them itself, and DuckDB checks them); a BROTLI file must be refused
# with an error naming the codec.
#
# Direction 2, sluice writes and DuckDB reads: CTAS of a CSV holding every
# sluice type, with nulls and edge values, under each write_compression and
# the sluice.parquet.page_version / sluice.parquet.dictionary session
# settings. DuckDB must see the right types, the rows sluice's own SELECT
# prints, the codec asked for, right min/max/null_count statistics in every
# column chunk, and the page types and encodings the settings ask for.
#
# One line per case: `ok`, `FAIL` (details indented below; `[NOT BUILT]`
# when sluice says the feature is missing), `SKIP`; then a summary. Exits 1
# when any case fails. The work is done by parquet_interop/interop.mjs, with
# DuckDB's node API from tests/tools/duckdb (scripts/install-deps --node).
set -euo pipefail
SLUICE=$1
SRC=${SLUICE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if [ ! -d "$SRC/tests/tools/duckdb/node_modules/@duckdb/node-api" ]; then
  echo "DuckDB's node API is missing: run bash scripts/install-deps --node" >&2
  exit 1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
node "$SRC/tests/integration/parquet_interop/interop.mjs" "$SLUICE" "$WORK"
