#!/usr/bin/env bash
# The seed pipeline end to end, checked by DuckDB as an independent engine:
#  1. generate the feed (quoted titles with commas and "", empty values);
#  2. sluice: CREATE EXTERNAL TABLE + the seed's CTAS into a local bucket;
#  3. DuckDB reads sluice's Parquet (types and values) and compares it with
#     the aggregation it computes itself from the same CSV files;
#  4. sluice's own query over its output must agree with DuckDB's.
set -euo pipefail
SLUICE=$1
GEN_FEED=$2
SRC=${SLUICE_SOURCE_DIR:?}
DUCK="node $SRC/tests/tools/duckdb/duckdb-query.mjs"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

RAW=$WORK/bucket/raw/feed
"$GEN_FEED" --rows 60000 --files 3 --seed 7 --out "$RAW" > /dev/null

cat > "$WORK/seed.sql" <<SQL
CREATE DATABASE awsmp;
CREATE EXTERNAL TABLE awsmp.cas_daily_business_usage_by_instance_type (
  year string, month string, day string, customer_id string, product_code string,
  product_title string, instance_type string, region string, usage_unit_type string,
  usage_quantity double, estimated_revenue double, currency string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
LOCATION 's3://raw/feed/'
TBLPROPERTIES ('skip.header.line.count'='1');
CREATE TABLE monthly_recurring_revenue WITH (
format = 'Parquet',
external_location = 's3://lake/monthly_recurring_revenue/',
partitioned_by = ARRAY['date']
) AS SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') as date FROM (
SELECT year, month, day, product_code, estimated_revenue FROM "awsmp"."cas_daily_business_usage_by_instance_type" ORDER BY year, month, day
) GROUP BY year, month, product_code ORDER BY year, month, product_code;
SQL
"$SLUICE" sql --warehouse "$WORK/wh" --local-buckets "$WORK/bucket" -f "$WORK/seed.sql" > "$WORK/sluice.out"

OUT=$WORK/bucket/lake/monthly_recurring_revenue
ls "$OUT" | grep -q '^date=20' || { echo "no Hive partition folders in $OUT"; ls -R "$OUT"; exit 1; }
if find "$OUT" -name '.tmp*' -o -path '*_sluice_staging*' | grep -q .; then
  echo "staging or temporary files left behind:"; find "$OUT"; exit 1
fi

CSV_SRC="read_csv('$RAW/*.csv', header=true, delim=',', quote='\"', escape='\"',
  columns={'year':'VARCHAR','month':'VARCHAR','day':'VARCHAR','customer_id':'VARCHAR',
           'product_code':'VARCHAR','product_title':'VARCHAR','instance_type':'VARCHAR',
           'region':'VARCHAR','usage_unit_type':'VARCHAR','usage_quantity':'DOUBLE',
           'estimated_revenue':'DOUBLE','currency':'VARCHAR'})"
PQ_SRC="read_parquet('$OUT/*/*.parquet', hive_partitioning=true, hive_types_autocast=false)"

# Types as DuckDB sees them in sluice's files.
types=$($DUCK --format tsv "SELECT column_name, column_type FROM (DESCRIBE SELECT product_code, revenue FROM read_parquet('$OUT/*/*.parquet'))")
echo "$types" | grep -q $'product_code\tVARCHAR' || { echo "unexpected types: $types"; exit 1; }
echo "$types" | grep -q $'revenue\tDOUBLE' || { echo "unexpected types: $types"; exit 1; }

# DuckDB treats empty CSV fields as NULL; Hive (and sluice) keep '' for
# strings, so the expected side maps NULL product codes to ''.
check=$($DUCK --format tsv "
WITH expected AS (
  SELECT coalesce(product_code, '') AS product_code, sum(estimated_revenue) AS revenue,
         concat(year, '-', month, '-01') AS date
  FROM $CSV_SRC GROUP BY year, month, coalesce(product_code, '')),
actual AS (SELECT product_code, revenue, date FROM $PQ_SRC)
SELECT (SELECT count(*) FROM expected) AS expected_rows,
       (SELECT count(*) FROM actual) AS actual_rows,
       (SELECT count(*) FROM expected e FULL JOIN actual a
          ON e.product_code = a.product_code AND e.date = a.date
        WHERE a.date IS NULL OR e.date IS NULL
           OR NOT ((e.revenue IS NULL AND a.revenue IS NULL)
                   OR abs(e.revenue - a.revenue) <= 1e-9 * greatest(1, abs(e.revenue)))) AS mismatches")
read -r expected_rows actual_rows mismatches <<< "$(echo "$check" | tail -n 1)"
echo "expected rows: $expected_rows, sluice rows: $actual_rows, mismatches: $mismatches"
[ "$expected_rows" -gt 0 ] && [ "$expected_rows" = "$actual_rows" ] && [ "$mismatches" = 0 ] || exit 1

# sluice's own answer over its Parquet, partition-pruned, equals DuckDB's.
month=$($DUCK --format tsv "SELECT min(date) FROM $PQ_SRC" | tail -n 1)
ours=$("$SLUICE" sql --warehouse "$WORK/wh" --local-buckets "$WORK/bucket" --format csv \
  "SELECT count(*) AS n, round(sum(revenue), 4) AS total FROM monthly_recurring_revenue WHERE date = '$month'" 2>/dev/null | tail -n 1)
theirs=$($DUCK --format csv "SELECT count(*) AS n, round(sum(revenue), 4) AS total FROM $PQ_SRC WHERE date = '$month'" | tail -n 1)
echo "date=$month: sluice $ours, duckdb $theirs"
python3 - "$ours" "$theirs" <<'PY'
import sys
a = sys.argv[1].split(','); b = sys.argv[2].split(',')
assert a[0] == b[0], (a, b)
assert abs(float(a[1]) - float(b[1])) <= 1e-6 * max(1.0, abs(float(b[1]))), (a, b)
PY
echo "seed pipeline: DuckDB agrees"
