#!/usr/bin/env bash
# The sluice command: output formats, summary line, errors with file:line:col
# and exit codes, statements from a file and from stdin, --local-buckets,
# malformed rows and Parquet row groups skipped in the summary line.
set -euo pipefail
SLUICE=$1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

out=$("$SLUICE" sql --warehouse "$WORK/wh" "SELECT 1 AS a, 'x' AS b")
echo "$out" | grep -q '^ a | b$' || fail "table header: $out"
echo "$out" | grep -q '^(1 row, .* s, 0 B scanned)$' || fail "summary line: $out"

csv=$("$SLUICE" sql --warehouse "$WORK/wh" --format csv "SELECT 1 AS a, 'x,y' AS b" 2>/dev/null)
[ "$csv" = $'a,b\n1,"x,y"' ] || fail "csv output: $csv"

json=$("$SLUICE" sql --warehouse "$WORK/wh" --format json "SELECT 1 AS a, CAST(NULL AS varchar) AS b" 2>/dev/null)
[ "$json" = '{"a":1,"b":null}' ] || fail "json output: $json"

printf 'SELECT 1;\nSELECT nope\n  FROM t;\n' > "$WORK/bad.sql"
set +e
err=$("$SLUICE" sql --warehouse "$WORK/wh" -f "$WORK/bad.sql" 2>&1 >/dev/null)
code=$?
set -e
[ "$code" = 1 ] || fail "exit code $code for a bad statement"
echo "$err" | grep -q "bad.sql:3:8: TABLE_NOT_FOUND: Table 'default.t' does not exist" || fail "error: $err"

set +e
err=$("$SLUICE" sql --warehouse "$WORK/wh" "SELECT 1 +" 2>&1)
code=$?
set -e
[ "$code" = 1 ] || fail "exit code $code for a syntax error"
echo "$err" | grep -q "<command line>:1:11: SYNTAX_ERROR" || fail "syntax error: $err"

n=$(echo "SELECT 40 + 2 AS answer;" | "$SLUICE" sql --warehouse "$WORK/wh" --format csv 2>/dev/null | tail -n 1)
[ "$n" = 42 ] || fail "stdin: $n"

mkdir -p "$WORK/buckets/b1/data"
printf 'k,v\na,1\nb,2\n' > "$WORK/buckets/b1/data/x.csv"
sum=$(SLUICE_LOCAL_BUCKETS="$WORK/buckets" "$SLUICE" sql --warehouse "$WORK/wh" --format csv \
  "CREATE EXTERNAL TABLE t (k string, v int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
   LOCATION 's3://b1/data/' TBLPROPERTIES ('skip.header.line.count'='1');
   SELECT sum(v) AS s FROM t" 2>/dev/null | tail -n 1)
[ "$sum" = 3 ] || fail "local buckets: $sum"

# Skipped malformed rows are counted in the summary line.
printf 'k,v\na,1\nb\nc,3,x\nd,4\n' > "$WORK/buckets/b1/data/ragged.csv"
summary=$(SLUICE_LOCAL_BUCKETS="$WORK/buckets" "$SLUICE" sql --warehouse "$WORK/wh2" \
  "CREATE EXTERNAL TABLE r (k string, v int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
   LOCATION 's3://b1/data/ragged.csv'
   TBLPROPERTIES ('skip.header.line.count'='1', 'sluice.csv.malformed_rows'='skip');
   SELECT count(*) AS n FROM r" | tail -n 1)
echo "$summary" | grep -q '^(1 row, .* scanned, 2 malformed rows skipped)$' || fail "skipped rows: $summary"

# Row groups that Parquet statistics rule out are counted in the summary
# line: 60000 ascending ids in row groups of 64 KiB, one of which holds 100-200.
mkdir -p "$WORK/ids"
seq 1 60000 | awk '{print $1 "," ($1 * 7) % 1000}' > "$WORK/ids/ids.csv"
summary=$("$SLUICE" sql --warehouse "$WORK/wh3" \
  "CREATE EXTERNAL TABLE ids (id bigint, v bigint) ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
   LOCATION '$WORK/ids/';
   SET SESSION sluice.parquet.row_group_size = 65536;
   CREATE TABLE pids WITH (external_location = '$WORK/pids/') AS SELECT * FROM ids;
   SELECT count(*) AS n, sum(v) AS s FROM pids WHERE id BETWEEN 100 AND 200" | tail -n 2)
echo "$summary" | grep -q '^ 101 | 48050$' || fail "pruned answer: $summary"
echo "$summary" | grep -qE '^\(1 row, .* scanned, ([0-9]+) of ([0-9]+) row groups skipped by statistics\)$' ||
  fail "row groups skipped: $summary"
skipped=$(echo "$summary" | sed -nE 's/.* ([0-9]+) of ([0-9]+) row groups skipped.*/\1 \2/p')
read -r k n <<< "$skipped"
[ "$n" -ge 4 ] && [ "$k" -ge $((n - 2)) ] || fail "expected nearly all of $n row groups skipped, got $k"

set +e
"$SLUICE" sql --bogus > /dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "usage error exit code $code"
echo "cli: all checks passed"
