#!/usr/bin/env bash
# DECIMAL interop: sluice reads tests/sql/data/decimal/good/ (CSV), writes it
# to Parquet with a CTAS (INT32, INT64 and FIXED_LEN_BYTE_ARRAY decimals), and
# DuckDB, an independent reader, must see decimal(p,s) columns holding the
# very same values as sluice's own query prints; then DuckDB writes decimals
# and sluice must read back DuckDB's sums.
set -euo pipefail
SLUICE=$1
SRC=${SLUICE_SOURCE_DIR:?}
DUCK="node $SRC/tests/tools/duckdb/duckdb-query.mjs"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
run() { "$SLUICE" sql --warehouse "$WORK/wh" --format csv "$@" 2>/dev/null; }

run "CREATE EXTERNAL TABLE prices (id int, price decimal(12,2), big decimal(38,10))
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
LOCATION '$SRC/tests/sql/data/decimal/good/'
TBLPROPERTIES ('skip.header.line.count'='1');
CREATE TABLE prices_pq WITH (format = 'Parquet', external_location = '$WORK/out/') AS
SELECT id, price, big, TRY_CAST(price AS decimal(5,1)) AS small, TRY_CAST(big AS decimal(20,3)) AS mid FROM prices" > /dev/null

types=$($DUCK --format tsv "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('$WORK/out/*.parquet'))")
for want in $'price\tDECIMAL(12,2)' $'big\tDECIMAL(38,10)' $'small\tDECIMAL(5,1)' $'mid\tDECIMAL(20,3)'; do
  echo "$types" | grep -qF "$want" || { echo "DuckDB sees other types:"; echo "$types"; exit 1; }
done
ours=$(run "SELECT id, price, big, small, mid FROM prices_pq ORDER BY id")
theirs=$($DUCK --format csv "SELECT id, price, big, small, mid FROM read_parquet('$WORK/out/*.parquet') ORDER BY id")
if [ "$ours" != "$theirs" ]; then
  echo "values differ"; diff <(echo "$ours") <(echo "$theirs"); exit 1
fi
[ "$(echo "$ours" | wc -l)" -eq 9 ] || { echo "expected 8 rows and a header: $ours"; exit 1; }

# The other way: DuckDB's decimals (its own encodings, dictionaries) read by sluice.
mkdir -p "$WORK/duck"
$DUCK "COPY (SELECT i AS id, (i * 1.25 - 3)::DECIMAL(7,2) AS a, (i * 1000000.125)::DECIMAL(15,3) AS b,
  (i * 12345678901234567.0123456789::DECIMAL(30,10) - 5)::DECIMAL(30,10) AS c,
  CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 4)::DECIMAL(4,1) END AS d FROM range(0, 5000) t(i))
  TO '$WORK/duck/x.parquet' (FORMAT parquet)" > /dev/null
query="SELECT sum(a) AS a, sum(b) AS b, sum(c) AS c, sum(d) AS d, count(d) AS n, min(c) AS lo, max(c) AS hi"
theirs=$($DUCK --format csv "$query FROM '$WORK/duck/x.parquet'")
ours=$(run "CREATE EXTERNAL TABLE x (id bigint, a decimal(7,2), b decimal(15,3), c decimal(30,10), d decimal(4,1))
STORED AS PARQUET LOCATION '$WORK/duck/'; $query FROM x" | tail -n 2)
if [ "$ours" != "$theirs" ]; then
  echo "sums of DuckDB's decimals differ"; diff <(echo "$ours") <(echo "$theirs"); exit 1
fi
echo "decimal interop: sluice → DuckDB and DuckDB → sluice agree"
