#!/usr/bin/env bash
# sluice vs DuckDB and Polars on the same generated CSV files, in one run.
#
#   bench/run.sh                    # defaults below (what `make bench` runs)
#   REPS=5 WORKLOADS=a,d2 ENGINES=sluice,polars bench/run.sh
#
# Knobs (environment): ROWS, FILES, SEED, REPS, WORKLOADS, ENGINES, DATA_DIR,
# PARQUET_DIR, OUT_ROOT, BUILD_DIR, DUCKDB_THREADS, POLARS_MAX_THREADS, CHECK;
# see bench/README.md. Lists take commas or spaces.
#
# Each repetition runs every engine on every workload as a fresh process
# under /usr/bin/time -v (peak RSS, CPU), engines interleaved and their order
# rotating between repetitions; the page cache is warmed once and `sync`
# runs before each timed process. An engine that fails is reported (its
# stderr is printed) and marked in the table; the others go on.
# The table shows medians. The engines' answers are then compared: the
# results of d1/d2/r1/r2 as printed, and for a/b/w1 the last run's outputs
# read back with DuckDB (CHECK=0 skips the read-back). A mismatch fails the
# run. r1 and r2 read one Parquet file that DuckDB makes from the CSV once
# per data set (sorted by year, month, day) and keeps in PARQUET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ROWS=${ROWS:-8700000}
FILES=${FILES:-16}
SEED=${SEED:-42}
REPS=${REPS:-3}
WORKLOADS=$(echo "${WORKLOADS:-a b d1 d2 w1 r1 r2 r3 r4}" | tr ',' ' ' | xargs)
ENGINES=$(echo "${ENGINES:-sluice duckdb polars}" | tr ',' ' ' | xargs)
BUILD_DIR=${BUILD_DIR:-build/release}
DATA_DIR=${DATA_DIR:-$ROOT/bench/data/feed-$ROWS-$FILES-$SEED}
PARQUET_DIR=${PARQUET_DIR:-}  # default: see "Parquet input" below
OUT_ROOT=${OUT_ROOT:-$ROOT/bench/out}
DUCKDB_THREADS=${DUCKDB_THREADS:-2}
POLARS_MAX_THREADS=${POLARS_MAX_THREADS:-2}
CHECK=${CHECK:-1}
export DUCKDB_THREADS POLARS_MAX_THREADS

SLUICE=$BUILD_DIR/sluice
DUCKDB_TOOLS=$ROOT/tests/tools/duckdb
PEERS=$ROOT/bench/peers  # the bench's own npm packages (Polars)
TIME=/usr/bin/time

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$TIME" ] || die "$TIME is missing (scripts/install-deps installs it)"
mkdir -p "$OUT_ROOT"
DATA_DIR=$(realpath -m "$DATA_DIR")
OUT_ROOT=$(realpath "$OUT_ROOT")
[ -n "$ENGINES" ] || die "ENGINES is empty"
for e in $ENGINES; do
  case $e in sluice|duckdb|polars) ;; *) die "unknown engine $e (sluice, duckdb, polars)" ;; esac
done
for w in $WORKLOADS; do
  case $w in a|b|d1|d2|w1|r1|r2|r3|r4) ;; *) die "unknown workload $w (a, b, d1, d2, w1, r1, r2, r3, r4)" ;; esac
done
# r1 to r4 read the common Parquet input, which DuckDB writes.
NEED_PARQUET=0
[[ " $WORKLOADS " == *" r"[1234]" "* ]] && NEED_PARQUET=1
if [[ " $ENGINES " == *" duckdb "* ]] || [ "$CHECK" = 1 ] || [ "$NEED_PARQUET" = 1 ]; then
  [ -d "$DUCKDB_TOOLS/node_modules/@duckdb/node-api" ] || bash scripts/install-deps --node
fi
polars_version() {
  sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$PEERS/node_modules/nodejs-polars/package.json" 2>/dev/null || true
}
if [[ " $ENGINES " == *" polars "* ]]; then
  # The pinned version and its native binding, which package.json names
  # itself: npm skips it silently as an optional dependency on Node 20
  # (it declares node >= 22 but works; see shared/perf/peers.md, caveat 2).
  pinned=$(sed -n 's/.*"nodejs-polars": *"\([^"]*\)".*/\1/p' "$PEERS/package.json")
  if [ "$(polars_version)" != "$pinned" ] || [ ! -d "$PEERS/node_modules/nodejs-polars-linux-x64-gnu" ]; then
    # Not `npm ci`: it refuses this lock file, which lacks five of
    # nodejs-polars' optional platform packages (they are not on the
    # registry at 0.26.1). `install --no-save` installs what the lock file
    # pins, with its integrity hashes, and leaves the file as it is.
    echo "bench: installing npm packages in bench/peers (nodejs-polars $pinned)"
    (cd "$PEERS" && npm install --no-save --no-audit --no-fund --loglevel=error > /dev/null)
  fi
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

# --- Parquet input (r1, r2) ---------------------------------------------------
# One snappy Parquet file of the whole CSV, sorted by year, month, day (so the
# row groups' min/max of those columns are tight), written by DuckDB
# (`duckdb-bench.mjs parquet-input`) and read by all three engines. It lives
# in DATA_DIR/_parquet/ for generated data (sluice's CSV table skips names
# starting with '_', the peers read DATA_DIR/*.csv only), and in
# OUT_ROOT/input-parquet/ for one's own DATA_DIR, which is never written to.
# Its stamp holds the CSV files' names, sizes and times, DuckDB's version and
# PARQUET_INPUT_VERSION (bump it when the layout in duckdb-bench.mjs changes);
# it is remade when the stamp differs. A PARQUET_DIR with .parquet files but
# no stamp is someone's own: used as it is, never overwritten.
PARQUET_INPUT_VERSION=1
PQ_BYTES=0
if [ "$NEED_PARQUET" = 1 ]; then
  if [ -z "$PARQUET_DIR" ]; then
    if [ -f "$DATA_DIR/.gen_feed" ]; then PARQUET_DIR=$DATA_DIR/_parquet
    else PARQUET_DIR=$OUT_ROOT/input-parquet; fi
  fi
  PARQUET_DIR=$(realpath -m "$PARQUET_DIR")
  csv_id=$(find "$DATA_DIR" -maxdepth 1 -name '*.csv' -printf '%f %s %T@\n' | sort | sha256sum | cut -c1-16)
  pq_stamp="version=$PARQUET_INPUT_VERSION duckdb=${duckdb_version:-?} csv=$csv_id"
  if [ -f "$PARQUET_DIR/.stamp" ] || ! compgen -G "$PARQUET_DIR/*.parquet" > /dev/null; then
    if [ "$(cat "$PARQUET_DIR/.stamp" 2>/dev/null)" != "$pq_stamp" ]; then
      mkdir -p "$PARQUET_DIR"
      rm -f "$PARQUET_DIR"/*.parquet "$PARQUET_DIR/.stamp" "$PARQUET_DIR/.feed.parquet.tmp"
      start=$EPOCHREALTIME
      # Not measured: all cores. (Rows of one day may come in any order.)
      DUCKDB_THREADS=$(nproc) node bench/duckdb-bench.mjs parquet-input "$DATA_DIR" \
        "$PARQUET_DIR/.feed.parquet.tmp" > /dev/null
      mv "$PARQUET_DIR/.feed.parquet.tmp" "$PARQUET_DIR/feed.parquet"
      echo "wrote the Parquet input in $(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.2f", b - a}') s"
      echo "$pq_stamp" > "$PARQUET_DIR/.stamp"
    fi
  fi
  PQ_BYTES=$(find "$PARQUET_DIR" -maxdepth 1 -name '*.parquet' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  [ "$PQ_BYTES" -gt 0 ] || die "no Parquet files in $PARQUET_DIR"
  cat "$PARQUET_DIR"/*.parquet > /dev/null  # page cache, as for the CSV
fi

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); sluice: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- src 2>/dev/null || echo '+uncommitted'), $SLUICE"
echo "peers: DuckDB @duckdb/node-api ${duckdb_version:-?}, threads=$DUCKDB_THREADS; Polars nodejs-polars $(polars_version | grep . || echo '?'), POLARS_MAX_THREADS=$POLARS_MAX_THREADS, streaming engine"
echo "data: $(find "$DATA_DIR" -maxdepth 1 -name '*.csv' | wc -l) files, $BYTES bytes of CSV in $DATA_DIR"
if [ "$NEED_PARQUET" = 1 ]; then
  pq_groups=$(node "$DUCKDB_TOOLS/duckdb-query.mjs" --format tsv "SELECT count(*) FROM parquet_metadata(
      '$PARQUET_DIR/*.parquet') WHERE column_id = 0" 2>/dev/null | tail -n 1 || true)
  echo "parquet input (r1, r2): $PQ_BYTES bytes, ${pq_groups:-?} row groups, in $PARQUET_DIR"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); reps: $REPS"

# --- one measured run ---------------------------------------------------------
RESULTS=$(mktemp)
CHECKS=$(mktemp)  # "workload engine answer", the answer tab-separated
trap 'rm -f "$RESULTS" "$CHECKS"' EXIT

# Writes the sluice script for a workload: the table definitions (the
# Parquet input's for r1 and r2), then the workload's statement, with the
# directories filled in.
sluice_sql() {  # workload out_dir file
  local tables=(bench/sql/feed_table.sql)
  [[ $1 == r* ]] && tables+=(bench/sql/feed_parquet_table.sql)
  cat "${tables[@]}" bench/sql/"$1"_*.sql |
    sed -e "s|\${DATA_DIR}|$DATA_DIR/|g" -e "s|\${PARQUET_DIR}|$PARQUET_DIR/|g" \
        -e "s|\${OUT_DIR}|$2/|g" > "$3"
}

run_one() {  # engine workload rep
  local engine=$1 workload=$2 rep=$3
  local out=$OUT_ROOT/$engine-$workload log=$OUT_ROOT/$engine-$workload.log
  local err=$OUT_ROOT/$engine-$workload.err tf=$OUT_ROOT/$engine-$workload.time
  local cmd status=ok rc=0
  # r4's running total includes the row's peers (Trino's default frame),
  # which nodejs-polars has no expression for: DuckDB is its only peer.
  [ "$engine" = polars ] && [ "$workload" = r4 ] && return
  rm -rf "$out" "$OUT_ROOT/wh-$engine-$workload"
  if [ "$engine" = sluice ]; then
    sluice_sql "$workload" "$out" "$OUT_ROOT/sluice-$workload.sql"
    # CSV output: a result is one line to compare; the statement timings go to stderr.
    cmd=("$SLUICE" sql --format csv --warehouse "$OUT_ROOT/wh-$engine-$workload" -f "$OUT_ROOT/sluice-$workload.sql")
  elif [[ $workload == r* ]]; then  # the peers' DATA_DIR is the Parquet input's
    cmd=(node bench/"$engine"-bench.mjs "$workload" "$PARQUET_DIR" "$out")
  else
    cmd=(node bench/"$engine"-bench.mjs "$workload" "$DATA_DIR" "$out")
  fi
  sync  # the previous run's writeback is not billed to this one
  local start=$EPOCHREALTIME
  "$TIME" -v -o "$tf" "${cmd[@]}" > "$log" 2> "$err" || rc=$?
  local wall
  wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.3f", b - a}')
  [ "$rc" = 0 ] || status=failed
  local rss cpu inproc files size answer
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf" 2>/dev/null)
  cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$tf" 2>/dev/null)
  # The query's own time, without process start: the peers' scripts print
  # it last; sluice reports "(STATEMENT, 4.030 s, ...)" per statement.
  if [ "$engine" = sluice ]; then
    inproc=$(grep -oE '[0-9]+\.[0-9]+ s[,)]' "$err" | awk '{s += $1; n++} END {if (n) printf "%.3f", s}' || true)
  else
    inproc=$(tail -n 1 "$log" | grep -E '^[0-9.]+$' || true)
  fi
  # d1/d2/r1/r2 answer in the output: sluice's CSV rows after the header,
  # the peers' line before the time; the values tab-separated, rows one
  # after the other (no field holds a comma; NUL bytes, which only a broken
  # string could hold, are dropped). The last repetition's answer is the
  # one compared.
  if [ "$status" = ok ] && [[ $workload == [dr]* ]]; then
    if [ "$engine" = sluice ]; then answer=$(tail -n +2 "$log" | tr -d '\000' | paste -sd ',' | tr ',' '\t')
    else answer=$(tail -n 2 "$log" | head -n 1 | tr -d '\000'); fi
    echo "$workload $engine $answer" >> "$CHECKS"
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

read -ra engine_list <<< "$ENGINES"
for rep in $(seq 1 "$REPS"); do
  # Rotate who goes first (sluice duckdb polars, then duckdb polars sluice,
  # ...), so no engine always runs in the same place.
  k=$(( (rep - 1) % ${#engine_list[@]} ))
  order="${engine_list[*]:k} ${engine_list[*]:0:k}"
  for w in $WORKLOADS; do
    for e in $order; do run_one "$e" "$w" "$rep"; done
  done
done

# --- output check -------------------------------------------------------------
# The engines' last outputs of a/b must hold the same rows: row count,
# partitions and the sum of the revenue column, read back by DuckDB. w1's
# file(s) in addition: the quantity sum, the bytes of the titles and the
# non-null values of all 12 columns.
if [ "$CHECK" = 1 ]; then
  for w in $WORKLOADS; do
    [[ $w == [dr]* ]] && continue  # answered in the run itself
    for e in $ENGINES; do
      awk -v w="$w" -v e="$e" '$1 == w && $2 == e {last = $4} END {exit last != "ok"}' "$RESULTS" || continue
      if [ "$w" = a ]; then cols="sum(estimated_revenue), count(DISTINCT (year, month))"
      elif [ "$w" = w1 ]; then
        cols="sum(estimated_revenue), sum(usage_quantity), count(DISTINCT (year, month)),
          sum(length(product_title)), count(year) + count(month) + count(day) + count(customer_id)
          + count(product_code) + count(product_title) + count(instance_type) + count(region)
          + count(usage_unit_type) + count(usage_quantity) + count(estimated_revenue) + count(currency)"
      else cols="sum(revenue), count(DISTINCT date)"; fi
      answer=$(node "$DUCKDB_TOOLS/duckdb-query.mjs" --format tsv "SELECT count(*), $cols FROM read_parquet(
          '$OUT_ROOT/$e-$w/**/*.parquet', hive_partitioning=true, hive_types_autocast=false)" 2>&1 | tail -n 1)
      echo "$w $e $answer" >> "$CHECKS"
    done
  done
fi

python3 - "$RESULTS" "$CHECKS" "$BYTES" "$PQ_BYTES" <<'PY'
import collections
import statistics
import sys

results, checks, total_bytes, parquet_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
runs = collections.defaultdict(list)
for line in open(results):
    w, e, rep, status, wall, rss, cpu, inproc, files, size = line.split()
    runs[(w, e)].append(dict(ok=status == 'ok', wall=float(wall), rss=int(rss), cpu=float(cpu),
                             inproc=None if inproc == '-' else float(inproc), files=int(files),
                             size=int(size)))

names = {'a': 'a: CSV → Parquet by year, month', 'b': 'b: seed CTAS (GROUP BY → Parquet by date)',
         'd1': 'd1: count(*) over the CSV', 'd2': 'd2: parse all 12 columns (count each)',
         'w1': 'w1: CSV → one Parquet file', 'r1': 'r1: Parquet full scan, GROUP BY region',
         'r2': "r2: Parquet, one month (year = '2022' AND month = '08')",
         'r3': 'r3: Parquet, join to per-customer totals (hash join)',
         'r4': 'r4: Parquet, window functions (row_number, rank, running sum)'}
workload_order = ['a', 'b', 'd1', 'd2', 'w1', 'r1', 'r2', 'r3', 'r4']
written = ('a', 'b', 'w1')  # workloads whose output is reported and read back
order = {'sluice': 0, 'duckdb': 1, 'polars': 2}
medians = {}
for key, rs in runs.items():
    ok = [r for r in rs if r['ok']]
    if ok:
        medians[key] = statistics.median(r['wall'] for r in ok)

print()
print('| workload | engine | median wall s (min–max) | MB/s | in-proc s | peak RSS MiB | CPU % | output '
      '| peer ÷ sluice | faster peer ÷ sluice |')
print('|---|---|---:|---:|---:|---:|---:|---|---:|---:|')
for (w, e) in sorted(runs, key=lambda k: (workload_order.index(k[0]), order[k[1]])):
    rs = runs[(w, e)]
    ok = [r for r in rs if r['ok']]
    failed = len(rs) - len(ok)
    if not ok:
        print(f'| {names[w]} | {e} | **FAILED** ({failed}/{len(rs)} runs) | – | – | – | – | – | – | – |')
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
    output = f"{last['files']} files, {last['size'] / 1e6:.1f} MB" if w in written else '–'
    # MB/s of the workload's input: the CSV, or for r1/r2 the Parquet file.
    input_bytes = parquet_bytes if w.startswith('r') else total_bytes
    # Above 1 means sluice is faster. The sluice row carries the ratio to
    # the faster of the peers that ran, and names it.
    mine, fastest = '', ''
    base = medians.get((w, 'sluice'))
    if base and e != 'sluice':
        mine = f'{med / base:.2f}×'
    peers = [(medians[(w, p)], p) for p in ('duckdb', 'polars') if (w, p) in medians]
    if base and e == 'sluice' and peers:
        best, name = min(peers)
        fastest = f'**{best / base:.2f}×** ({name})'
    print(f'| {names[w]} | {e} | {wall} | {input_bytes / med / 1e6:.0f} | {inproc} | {rss:.0f} | '
          f'{cpu:.0f} | {output} | {mine} | {fastest} |')

# --- answers: every engine must give the first one's answer -------------------
fields = {'a': ['rows', 'revenue sum', 'partitions'], 'b': ['rows', 'revenue sum', 'partitions'],
          'w1': ['rows', 'revenue sum', 'quantity sum', 'months', 'title bytes', 'non-null values'],
          'd1': ['count(*)'], 'r2': ['count(*)', 'revenue sum'],
          'r3': ['count(*)', 'customer total sum', 'revenue sum'],
          'r4': ['count(*)', 'row_number sum', 'rank sum', 'running revenue sum'],
          'd2': ['year', 'month', 'day', 'customer_id', 'product_code', 'product_title',
                 'instance_type', 'region', 'usage_unit_type', 'usage_quantity',
                 'estimated_revenue', 'currency']}


def same(x, y):
    """Counts exactly; anything else (sums) within 1e-9 relative."""
    if x.lstrip('-').isdigit() and y.lstrip('-').isdigit():
        return int(x) == int(y)
    try:
        fx, fy = float(x), float(y)
    except ValueError:
        return x == y
    return abs(fx - fy) <= 1e-9 * max(abs(fx), abs(fy))


R1_FIELDS = ['count(*)', 'revenue sum', 'quantity sum']  # after the region, per row


def groups(a):
    """r1's answer, rows of (region, count, revenue sum, quantity sum), as
    {region: values}; None when it does not come in rows of four."""
    if len(a) % 4 or not a:
        return None
    return {a[i]: a[i + 1:i + 4] for i in range(0, len(a), 4)}


def show(w, a):
    if w == 'r1':
        g = groups(a)
        if g is None:
            return 'unreadable answer: ' + ' '.join(a)
        rows = sum(int(x) for x in a[1::4])
        revenue = sum(float(x) for x in a[2::4] if x not in ('', 'null'))
        quantity = sum(float(x) for x in a[3::4] if x not in ('', 'null'))
        return (f'{len(a) // 4} regions, {rows} rows, revenue sum {revenue:.15g}, '
                f'quantity sum {quantity:.15g}')
    if len(a) != len(fields[w]):
        return 'unreadable answer: ' + ' '.join(a)
    if w in ('a', 'b'):
        return f'{a[0]} rows, {a[2]} partitions, revenue sum {float(a[1]):.15g}'
    if w == 'w1':
        return (f'{a[0]} rows, {a[3]} months, revenue sum {float(a[1]):.15g}, quantity sum '
                f'{float(a[2]):.15g}, {a[4]} title bytes, {a[5]} non-null values')
    if w == 'r2':
        return f'{a[0]} rows, revenue sum {float(a[1]):.15g}'
    if w == 'r3':
        return f'{a[0]} rows, customer total sum {float(a[1]):.15g}, revenue sum {float(a[2]):.15g}'
    if w == 'r4':
        return f'{a[0]} rows, row numbers {a[1]}, ranks {a[2]}, running sums {float(a[3]):.15g}'
    if w == 'd2':
        return ', '.join(f'{f} {v}' for f, v in zip(fields[w], a))
    return f'{a[0]} rows'


def differences(w, e, a, ref_engine, ref):
    """What engine e's answer a has other than ref_engine's ref."""
    if w == 'r1':  # rows compared by region, whatever order they came in
        g, gref = groups(a), groups(ref)
        if g is None or gref is None:
            return [f'{e} gave {len(a)} values, {ref_engine} {len(ref)} (rows of 4 expected)']
        diffs = [f'{x} gave {n // 4 - len(gx)} duplicate regions' for x, n, gx in
                 [(e, len(a), g), (ref_engine, len(ref), gref)] if n // 4 != len(gx)]
        diffs += [f'region {r!r} only in {x}' for r, x in
                 [(r, e) for r in g.keys() - gref.keys()] + [(r, ref_engine) for r in gref.keys() - g.keys()]]
        for r in sorted(g.keys() & gref.keys()):
            diffs += [f'{r or "(empty)"} {f}: {e} {x} ≠ {ref_engine} {y}'
                      for f, x, y in zip(R1_FIELDS, g[r], gref[r]) if not same(x, y)]
        return diffs
    if len(a) != len(ref) or len(a) != len(fields[w]):
        return [f'{e} gave {len(a)} values, {ref_engine} {len(ref)}']
    return [f'{f}: {e} {x} ≠ {ref_engine} {y}' for f, x, y in zip(fields[w], a, ref) if not same(x, y)]


answers = collections.defaultdict(dict)
for line in open(checks, encoding='utf-8', errors='backslashreplace'):
    w, e, rest = (line.rstrip('\n').split(' ', 2) + [''])[:3]
    answers[w][e] = rest.split('\t')  # the last repetition's answer wins
mismatch = False
if answers:
    print()
for w in sorted(answers, key=workload_order.index):
    by_engine = sorted(answers[w].items(), key=lambda kv: order[kv[0]])
    ref_engine, ref = by_engine[0]
    diffs = []
    for e, a in by_engine[1:]:
        diffs += differences(w, e, a, ref_engine, ref)
    if len(by_engine) == 1:
        verdict = ' (one engine: nothing to compare)'
    elif diffs:
        mismatch = True
        more = f'; … {len(diffs) - 8} more' if len(diffs) > 8 else ''
        verdict = ' — **MISMATCH: ' + '; '.join(diffs[:8]) + more + '**'
    else:
        verdict = f' — all {len(by_engine)} engines agree'
    if diffs or len({tuple(a) for _, a in by_engine}) > 1:
        # Sums may differ in the last digits: show every engine's.
        print(f'check {w}: ' + '; '.join(f'{e}: {show(w, a)}' for e, a in by_engine) + verdict)
    else:
        print(f'check {w}: {show(w, ref)}' + verdict)
print()
print('MB/s: input bytes (10^6: the CSV, for r1 and r2 the Parquet file) ÷ median wall time of the whole')
print('process; in-proc: the query alone;')
print('peer ÷ sluice and faster peer ÷ sluice (the faster of DuckDB and Polars) > 1 mean sluice is faster.')
if mismatch:
    print('\n!!! bench: the engines DISAGREE (see the MISMATCH lines above) !!!', file=sys.stderr)
    sys.exit(1)
PY
