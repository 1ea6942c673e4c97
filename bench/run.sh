#!/usr/bin/env bash
# sluice vs DuckDB on the same generated files, in one run.
#
#   bench/run.sh                       # defaults below; knobs via environment
#   ROWS=8700000 FILES=16 REPS=3 WORKLOADS="a b" ENGINES="sluice duckdb" bench/run.sh
#
# Each repetition runs every engine as a fresh process under /usr/bin/time -v
# (peak RSS), engines interleaved; the table shows medians of the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-8700000}
FILES=${FILES:-16}
REPS=${REPS:-3}
WORKLOADS=${WORKLOADS:-"a b"}
ENGINES=${ENGINES:-"sluice duckdb"}
BUILD_DIR=${BUILD_DIR:-build/release}
DATA_DIR=${DATA_DIR:-$PWD/bench/data/feed-$ROWS-$FILES}
OUT_ROOT=${OUT_ROOT:-$PWD/bench/out}
SLUICE=$BUILD_DIR/sluice

if [ ! -f "$DATA_DIR/.complete" ]; then
  rm -rf "$DATA_DIR"
  "$BUILD_DIR/bench/gen_feed" --rows "$ROWS" --files "$FILES" --seed 42 --out "$DATA_DIR" > /dev/null
  touch "$DATA_DIR/.complete"
fi
BYTES=$(find "$DATA_DIR" -name '*.csv' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "data: $ROWS rows, $FILES files, $BYTES bytes in $DATA_DIR"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

RESULTS=$(mktemp)
run_one() {  # engine workload rep
  local engine=$1 workload=$2 out="$OUT_ROOT/$1-$2" timing status=ok
  rm -rf "$out" "$OUT_ROOT/wh-$1"
  mkdir -p "$OUT_ROOT"
  sync
  if [ "$engine" = sluice ]; then
    cat bench/sql/feed_table.sql "bench/sql/${workload}_"*.sql |
      sed -e "s|\${DATA_DIR}|$DATA_DIR|g" -e "s|\${OUT_DIR}|$out/|g" > "$OUT_ROOT/$workload.sql"
    /usr/bin/time -o "$OUT_ROOT/time" -f '%e %M' "$SLUICE" sql --warehouse "$OUT_ROOT/wh-$engine" \
      -f "$OUT_ROOT/$workload.sql" > "$OUT_ROOT/$engine-$workload.log" 2>&1 || status=failed
  else
    /usr/bin/time -o "$OUT_ROOT/time" -f '%e %M' node bench/duckdb-bench.mjs "$workload" "$DATA_DIR" "$out" \
      > "$OUT_ROOT/$engine-$workload.log" 2>&1 || status=failed
  fi
  timing=$(tail -n 1 "$OUT_ROOT/time")
  if [ "$status" != ok ]; then
    echo "  $engine $workload failed:"; sed 's/^/    /' "$OUT_ROOT/$engine-$workload.log" | tail -5
  fi
  local files size
  files=$(find "$out" -name '*.parquet' 2>/dev/null | wc -l)
  size=$(find "$out" -name '*.parquet' -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')
  echo "$workload $engine $(echo "$timing" | tail -n 1) $files $size $status" >> "$RESULTS"
}

for rep in $(seq 1 "$REPS"); do
  for w in $WORKLOADS; do
    for e in $ENGINES; do
      run_one "$e" "$w" "$rep"
      echo "  rep $rep: $w $e $(tail -n 1 "$RESULTS" | cut -d' ' -f3-)"
    done
  done
done

python3 - "$RESULTS" "$BYTES" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
meta = {}
for line in open(sys.argv[1]):
    w, e, secs, rss, files, size, status = line.split()
    if status != 'ok':
        continue
    rows[(w, e)].append((float(secs), int(rss)))
    meta[(w, e)] = (int(files), int(size))
total = int(sys.argv[2])
names = {'a': 'a: CSV → Parquet partitioned by year, month', 'b': 'b: seed CTAS (GROUP BY → Parquet by date)'}
print()
print('| workload | engine | median wall s | MB/s | peak RSS MiB | output | DuckDB ÷ sluice |')
print('|---|---|---:|---:|---:|---|---:|')
for w in sorted({k[0] for k in rows}):
    base = statistics.median(s for s, _ in rows[(w, 'duckdb')]) if (w, 'duckdb') in rows else None
    for e in ('sluice', 'duckdb'):
        if (w, e) not in rows:
            continue
        secs = statistics.median(s for s, _ in rows[(w, e)])
        rss = max(r for _, r in rows[(w, e)]) / 1024
        files, size = meta[(w, e)]
        ratio = f'{base / secs:.2f}×' if base and e == 'sluice' else ''
        print(f'| {names.get(w, w)} | {e} | {secs:.3f} | {total / secs / 1e6:.0f} | {rss:.0f} | '
              f'{files} files, {size / 1e6:.1f} MB | {ratio} |')
PY
rm -f "$RESULTS"
