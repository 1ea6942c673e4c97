#!/usr/bin/env bash
# sluice vs DuckDB on the same generated CSV files, in one run.
#
#   bench/run.sh                    # defaults below (what `make bench` runs)
#   REPS=5 WORKLOADS=a ENGINES=duckdb bench/run.sh
#
# Knobs (environment): ROWS, FILES, SEED, REPS, WORKLOADS, ENGINES, DATA_DIR,
# OUT_ROOT, BUILD_DIR, DUCKDB_THREADS, CHECK; see bench/README.md.
#
# Each repetition runs every engine on every workload as a fresh process
# under /usr/bin/time -v (peak RSS, CPU), engines interleaved and their order
# alternating between repetitions; the page cache is warmed once and `sync`
# runs before each timed process. An engine that fails is reported (its
# stderr is printed) and marked in the table; the other engine goes on.
# The table shows medians; the last run's outputs are then checked against
# each other with DuckDB (CHECK=0 skips that).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ROWS=${ROWS:-8700000}
FILES=${FILES:-16}
SEED=${SEED:-42}
REPS=${REPS:-3}
WORKLOADS=${WORKLOADS:-"a b"}
ENGINES=${ENGINES:-"sluice duckdb"}
BUILD_DIR=${BUILD_DIR:-build/release}
DATA_DIR=${DATA_DIR:-$ROOT/bench/data/feed-$ROWS-$FILES-$SEED}
OUT_ROOT=${OUT_ROOT:-$ROOT/bench/out}
DUCKDB_THREADS=${DUCKDB_THREADS:-2}
CHECK=${CHECK:-1}
export DUCKDB_THREADS

SLUICE=$BUILD_DIR/sluice
DUCKDB_TOOLS=$ROOT/tests/tools/duckdb
TIME=/usr/bin/time

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$TIME" ] || die "$TIME is missing (scripts/install-deps installs it)"
mkdir -p "$OUT_ROOT"
DATA_DIR=$(realpath -m "$DATA_DIR")
OUT_ROOT=$(realpath "$OUT_ROOT")
case " $ENGINES " in *" duckdb "*|*" sluice "*) ;; *) die "ENGINES must name sluice and/or duckdb" ;; esac
for w in $WORKLOADS; do
  case $w in a|b) ;; *) die "unknown workload $w (a, b)" ;; esac
done
if [[ " $ENGINES " == *" duckdb "* ]] || [ "$CHECK" = 1 ]; then
  [ -d "$DUCKDB_TOOLS/node_modules/@duckdb/node-api" ] || bash scripts/install-deps --node
fi

# --- input data ---------------------------------------------------------------
# Generated data carries a stamp of its parameters and of the generator's
# source, and is regenerated when either changes. A DATA_DIR with CSV files
# but no stamp is someone's own data: used as it is, never overwritten.
stamp="rows=$ROWS files=$FILES seed=$SEED gen_feed=$(sha256sum bench/gen_feed.cpp | cut -c1-16)"
if [ -f "$DATA_DIR/.gen_feed" ] || ! compgen -G "$DATA_DIR/*.csv" > /dev/null; then
  if [ "$(cat "$DATA_DIR/.gen_feed" 2>/dev/null)" != "$stamp" ]; then
    GEN_FEED=$BUILD_DIR/bench/gen_feed
    if [ ! -x "$GEN_FEED" ] || [ "$GEN_FEED" -ot bench/gen_feed.cpp ]; then
      # Without a (fresh) build, compile the generator alone: it needs only
      # the standard library.
      GEN_FEED=$OUT_ROOT/gen_feed
      c++ -std=c++20 -O2 -pthread -o "$GEN_FEED" bench/gen_feed.cpp
    fi
    mkdir -p "$DATA_DIR"
    rm -f "$DATA_DIR"/part-*.csv "$DATA_DIR/.gen_feed"
    start=$EPOCHREALTIME
    "$GEN_FEED" --rows "$ROWS" --files "$FILES" --seed "$SEED" --out "$DATA_DIR" > /dev/null
    echo "generated $ROWS rows in $FILES files in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.2f", b - a}') s"
    echo "$stamp" > "$DATA_DIR/.gen_feed"
  fi
fi
BYTES=$(find "$DATA_DIR" -maxdepth 1 -name '*.csv' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
[ "$BYTES" -gt 0 ] || die "no CSV files in $DATA_DIR"
cat "$DATA_DIR"/*.csv > /dev/null  # warm the page cache: the engines are measured, not the disk

duckdb_version=$(sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$DUCKDB_TOOLS/node_modules/@duckdb/node-api/package.json" 2>/dev/null || true)
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); sluice: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- src 2>/dev/null || echo '+uncommitted'), $SLUICE; DuckDB: @duckdb/node-api ${duckdb_version:-?}, threads=$DUCKDB_THREADS"
echo "data: $(find "$DATA_DIR" -maxdepth 1 -name '*.csv' | wc -l) files, $BYTES bytes of CSV in $DATA_DIR"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); reps: $REPS"

# --- one measured run ---------------------------------------------------------
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT

# Writes the sluice script for a workload: the table definition, then the
# workload's statement, with the directories filled in.
sluice_sql() {  # workload out_dir file
  cat bench/sql/feed_table.sql bench/sql/"$1"_*.sql |
    sed -e "s|\${DATA_DIR}|$DATA_DIR/|g" -e "s|\${OUT_DIR}|$2/|g" > "$3"
}

run_one() {  # engine workload rep
  local engine=$1 workload=$2 rep=$3
  local out=$OUT_ROOT/$engine-$workload log=$OUT_ROOT/$engine-$workload.log
  local err=$OUT_ROOT/$engine-$workload.err tf=$OUT_ROOT/$engine-$workload.time
  local cmd status=ok rc=0
  rm -rf "$out" "$OUT_ROOT/wh-$engine-$workload"
  if [ "$engine" = sluice ]; then
    sluice_sql "$workload" "$out" "$OUT_ROOT/sluice-$workload.sql"
    cmd=("$SLUICE" sql --warehouse "$OUT_ROOT/wh-$engine-$workload" -f "$OUT_ROOT/sluice-$workload.sql")
  else
    cmd=(node bench/duckdb-bench.mjs "$workload" "$DATA_DIR" "$out")
  fi
  sync  # the previous run's writeback is not billed to this one
  local start=$EPOCHREALTIME
  "$TIME" -v -o "$tf" "${cmd[@]}" > "$log" 2> "$err" || rc=$?
  local wall
  wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.3f", b - a}')
  [ "$rc" = 0 ] || status=failed
  local rss cpu inproc files size
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf" 2>/dev/null)
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$tf" 2>/dev/null)
  # The query's own time, without process start: DuckDB's script prints it
  # last; sluice reports "(STATEMENT: ..., 4.030 s, ...)" per statement.
  if [ "$engine" = duckdb ]; then
    inproc=$(tail -n 1 "$log" | grep -E '^[0-9.]+$' || true)
  else
    inproc=$(grep -oE '[0-9]+\.[0-9]+ s[,)]' "$log" | awk '{s += $1; n++} END {if (n) printf "%.3f", s}' || true)
  fi
  # (pipefail: find fails when an engine left no output directory)
  files=$(find "$out" -name '*.parquet' 2>/dev/null | wc -l || true)
  size=$(find "$out" -name '*.parquet' -printf '%s\n' 2>/dev/null | awk '{s += $1} END {print s + 0}' || true)
  echo "$workload $engine $rep $status $wall ${rss:-0} ${cpu:-0} ${inproc:--} $files $size" >> "$RESULTS"
  if [ "$status" = ok ]; then
    printf '  rep %s  %s %-6s %7.3f s  %5d MiB  %s files\n' "$rep" "$workload" "$engine" "$wall" \
      "$(( ${rss:-0} / 1024 ))" "$files"
  else
    echo "  rep $rep  $workload $engine FAILED (exit $rc) after $wall s; its output:"
    cat "$log" "$err" | grep -v '^Command exited with non-zero status' | tail -n 20 | sed 's/^/    | /' || true
  fi
}

for rep in $(seq 1 "$REPS"); do
  order=$ENGINES
  # Alternate who goes first, so neither engine always follows the other.
  (( rep % 2 == 0 )) && order=$(echo "$ENGINES" | tr ' ' '\n' | tac | xargs)
  for w in $WORKLOADS; do
    for e in $order; do run_one "$e" "$w" "$rep"; done
  done
done

# --- output check -------------------------------------------------------------
# Both engines' last outputs must hold the same rows: row count, partitions
# and the sum of the revenue column, read back by DuckDB.
CHECKS=$(mktemp)
trap 'rm -f "$RESULTS" "$CHECKS"' EXIT
if [ "$CHECK" = 1 ]; then
  for w in $WORKLOADS; do
    for e in $ENGINES; do
      awk -v w="$w" -v e="$e" '$1 == w && $2 == e {last = $4} END {exit last != "ok"}' "$RESULTS" || continue
      if [ "$w" = a ]; then cols="sum(estimated_revenue), count(DISTINCT (year, month))"
      else cols="sum(revenue), count(DISTINCT date)"; fi
      answer=$(node "$DUCKDB_TOOLS/duckdb-query.mjs" --format tsv "SELECT count(*), $cols FROM read_parquet(
          '$OUT_ROOT/$e-$w/**/*.parquet', hive_partitioning=true, hive_types_autocast=false)" 2>&1 | tail -n 1)
      echo "$w $e $answer" >> "$CHECKS"
    done
  done
fi

python3 - "$RESULTS" "$CHECKS" "$BYTES" "$REPS" <<'PY'
import collections
import statistics
import sys

results, checks, total_bytes, reps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
runs = collections.defaultdict(list)
for line in open(results):
    w, e, rep, status, wall, rss, cpu, inproc, files, size = line.split()
    runs[(w, e)].append(dict(ok=status == 'ok', wall=float(wall), rss=int(rss), cpu=float(cpu),
                             inproc=None if inproc == '-' else float(inproc), files=int(files),
                             size=int(size)))

names = {'a': 'a: CSV → Parquet by year, month', 'b': 'b: seed CTAS (GROUP BY → Parquet by date)'}
medians = {}
for key, rs in runs.items():
    ok = [r for r in rs if r['ok']]
    if ok:
        medians[key] = statistics.median(r['wall'] for r in ok)

print()
print('| workload | engine | median wall s (min–max) | MB/s | in-proc s | peak RSS MiB | CPU % | output | DuckDB ÷ sluice |')
print('|---|---|---:|---:|---:|---:|---:|---|---:|')
order = {'sluice': 0, 'duckdb': 1}
for (w, e) in sorted(runs, key=lambda k: (k[0], order.get(k[1], 9))):
    rs = runs[(w, e)]
    ok = [r for r in rs if r['ok']]
    failed = len(rs) - len(ok)
    if not ok:
        print(f'| {names.get(w, w)} | {e} | **FAILED** ({failed}/{len(rs)} runs) | – | – | – | – | – | – |')
        continue
    med = medians[(w, e)]
    walls = [r['wall'] for r in ok]
    wall = f'{med:.3f} ({min(walls):.2f}–{max(walls):.2f})'
    if failed:
        wall += f' ⚠ {failed}/{len(rs)} runs failed'
    inprocs = [r['inproc'] for r in ok if r['inproc'] is not None]
    inproc = f'{statistics.median(inprocs):.3f}' if inprocs else '–'
    rss = max(r['rss'] for r in ok) / 1024
    cpu = statistics.median(r['cpu'] / r['wall'] * 100 for r in ok)
    last = ok[-1]
    output = f"{last['files']} files, {last['size'] / 1e6:.1f} MB"
    ratio = ''
    if e == 'sluice' and (w, 'duckdb') in medians:
        ratio = f"{medians[(w, 'duckdb')] / med:.2f}×"
    print(f'| {names.get(w, w)} | {e} | {wall} | {total_bytes / med / 1e6:.0f} | {inproc} | {rss:.0f} | '
          f'{cpu:.0f} | {output} | {ratio} |')

answers = collections.defaultdict(dict)
for line in open(checks):
    w, e, rest = line.rstrip('\n').split(' ', 2)
    answers[w][e] = rest.split('\t')
if answers:
    print()
for w, by_engine in sorted(answers.items()):
    def show(a):
        return f'{a[0]} rows, {a[2]} partitions, revenue sum {float(a[1]):.6g}' if len(a) == 3 else ' '.join(a)
    parts = [f'{e}: {show(a)}' for e, a in sorted(by_engine.items())]
    verdict = ''
    if len(by_engine) == 2:
        (x, y) = by_engine.values()
        try:
            same = (len(x) == len(y) == 3 and x[0] == y[0] and x[2] == y[2] and
                    abs(float(x[1]) - float(y[1])) <= 1e-9 * max(1.0, abs(float(y[1]))))
        except ValueError:
            same = False
        verdict = ' — the outputs agree' if same else ' — **the outputs differ**'
    print(f'check {w}: ' + '; '.join(parts) + verdict)
print()
print('MB/s: input CSV bytes (10^6) ÷ median wall time of the whole process; in-proc: the query alone;')
print('DuckDB ÷ sluice > 1 means sluice is faster.')
PY
