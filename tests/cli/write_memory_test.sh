#!/usr/bin/env bash
# A partitioned CTAS of hundreds of partitions under a small
# sluice.write.buffer_memory: open files write row groups early, so the
# statement's peak memory stays well under that of the unbounded run, and
# the table holds the same rows. (Peak RSS is compared on release builds
# only: sanitizers keep freed memory in quarantine.)
#   write_memory_test.sh SLUICE_BINARY SANITIZED(0|1)
set -euo pipefail
SLUICE=$1
SANITIZED=${2:-0}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1.2M rows over 300 partitions, ~70 MB of CSV.
mkdir -p "$WORK/in"
awk 'BEGIN { srand(7); for (i = 0; i < 1200000; i++)
  printf "%d,%d,%.3f,customer-%d,product %d title text\n", i, i % 300, rand() * 1000, int(rand() * 100000), i % 37 }' \
  > "$WORK/in/data.csv"

run() {  # name buffer_memory(or "")
  local sql=$WORK/$1.sql
  {
    [ -n "$2" ] && echo "SET SESSION sluice.write.buffer_memory = $2;"
    cat <<SQL
CREATE EXTERNAL TABLE src (id bigint, p int, amount double, customer string, title string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION '$WORK/in/';
CREATE TABLE t WITH (external_location = '$WORK/$1/', partitioned_by = ARRAY['p']) AS
SELECT id, amount, customer, title, p FROM src;
SQL
  } > "$sql"
  /usr/bin/time -f '%M' -o "$WORK/$1.rss" "$SLUICE" sql --warehouse "$WORK/wh-$1" -f "$sql" > /dev/null 2> "$WORK/$1.err" ||
    { cat "$WORK/$1.err"; fail "$1: the CTAS failed"; }
  # Every row group's id range excludes -1: the summary line counts them all.
  "$SLUICE" sql --warehouse "$WORK/wh-$1" --format csv \
    "SELECT count(*), sum(id), min(p), max(p) FROM t WHERE id <> -1 OR customer = 'x'" > "$WORK/$1.answer" 2>/dev/null
  "$SLUICE" sql --warehouse "$WORK/wh-$1" "SELECT count(*) FROM t WHERE id = -1" 2>&1 |
    sed -nE 's/.* ([0-9]+) of ([0-9]+) row groups skipped.*/\2/p' > "$WORK/$1.groups"
}

run unbounded ""
run bounded 4194304

cmp -s "$WORK/unbounded.answer" "$WORK/bounded.answer" ||
  fail "answers differ: $(cat "$WORK/unbounded.answer") vs $(cat "$WORK/bounded.answer")"
grep -q '^1200000,719999400000,0,299$' "$WORK/bounded.answer" || fail "rows: $(cat "$WORK/bounded.answer")"
files=$(find "$WORK/bounded" -name '*.parquet' | wc -l)
[ "$files" -ge 300 ] || fail "expected a file per partition at least, got $files"
groups_unbounded=$(cat "$WORK/unbounded.groups")
groups_bounded=$(cat "$WORK/bounded.groups")
[ -n "$groups_bounded" ] && [ "$groups_bounded" -gt "$files" ] ||
  fail "no row group was written early: $groups_bounded row groups in $files files"
[ "$groups_unbounded" -le $((files + 10)) ] || fail "unbounded run cut row groups: $groups_unbounded"

if [ "$SANITIZED" = 0 ]; then
  rss_unbounded=$(cat "$WORK/unbounded.rss")
  rss_bounded=$(cat "$WORK/bounded.rss")
  echo "peak RSS: unbounded $rss_unbounded KiB, bounded $rss_bounded KiB; row groups $groups_unbounded -> $groups_bounded"
  [ $((rss_bounded * 10)) -le $((rss_unbounded * 7)) ] ||
    fail "peak RSS $rss_bounded KiB with a 4 MiB buffer is not well under the unbounded $rss_unbounded KiB"
fi
echo "write memory: ok"
