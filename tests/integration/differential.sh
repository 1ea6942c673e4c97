#!/usr/bin/env bash
# The differential test against DuckDB (tests/integration/differential/
# differential.mjs): random valid queries over a generated feed, run by
# sluice and DuckDB on the same CSV files, results compared.
#   differential.sh SLUICE GEN_FEED [QUERIES] [SEED]
# QUERIES defaults to DIFF_QUERIES or 300 (what `make test` runs); a longer
# run: `make test-differential` (DIFF_QUERIES=5000, a few seeds).
set -euo pipefail
SLUICE=$1
GEN_FEED=$2
QUERIES=${3:-${DIFF_QUERIES:-300}}
SEED=${4:-${DIFF_SEED:-1}}
SRC=${SLUICE_SOURCE_DIR:?}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$GEN_FEED" --small --out "$WORK/feed" > /dev/null
node "$SRC/tests/integration/differential/differential.mjs" "$SLUICE" "$WORK/feed" "$WORK" "$QUERIES" "$SEED"
