// One Polars workload in this process, for bench/run.sh.
//
//   node bench/polars-bench.mjs WORKLOAD DATA_DIR OUT_DIR
//
// Workloads (the same as bench/sql/ gives sluice and duckdb-bench.mjs DuckDB):
//   a   CSV -> snappy Parquet, every column, Hive-partitioned by year, month
//   b   the seed's CTAS: SUM(estimated_revenue) by year, month, product_code,
//       snappy Parquet partitioned by date = year-month-01
//   d1  count(*) over the CSV
//   d2  count(col) of each of the 12 columns: every field parsed
//   w1  CSV -> snappy Parquet, every column, one file: OUT_DIR/feed.parquet,
//       fully streaming (scanCSV().sinkParquet())
//   r1  count, sum(estimated_revenue), sum(usage_quantity) by region over the
//       common Parquet input (DATA_DIR is then its directory; bench/run.sh
//       has DuckDB write it)
//   r2  count, sum(estimated_revenue) of year '2022', month '08' over it
//   r3  every row joined to its customer's revenue total (a hash join),
//       where that total is over 130000: count, sum(total), sum(revenue)
// The CSV is read with the sluice table's schema (bench/sql/feed_table.sql),
// not an inferred one, and with Hive's text semantics as sluice has them: an
// empty field is '' in a string column and NULL in a double column.
// Threads: $POLARS_MAX_THREADS, default 2. Queries run on the streaming
// engine. nodejs-polars 0.26.1 has no partitioned sink, so a and b collect
// into memory, split with partitionBy (unstable: faster) and sink each part,
// as in shared/perf/peers.md (caveat 3).
// d1, d2, r1, r2 and r3 print their answer on the line before the last: the
// result's values tab-separated, its rows one after the other (r1's in the
// order of region); the last line of stdout is the seconds the query took in
// the process.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Read by the native library when it loads, so set before the require.
process.env.POLARS_MAX_THREADS ??= '2';
// The package is the bench's own (bench/peers, installed by bench/run.sh).
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'peers/package.json'));
const pl = require('nodejs-polars');

const [workload, dataDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node bench/polars-bench.mjs a|b|d1|d2|w1|r1|r2|r3 DATA_DIR OUT_DIR');
  process.exit(2);
}

const S = pl.String, F = pl.Float64;
const schema = {
  year: S, month: S, day: S, customer_id: S, product_code: S, product_title: S,
  instance_type: S, region: S, usage_unit_type: S, usage_quantity: F,
  estimated_revenue: F, currency: S,
};
const feed = () => pl.scanCSV(path.join(dataDir, '*.csv'), {
  hasHeader: true, sep: ',', quoteChar: '"', schema, missingUtf8IsEmptyString: true,
});
const parquet = () => pl.scanParquet(path.join(dataDir, '*.parquet'));
const streaming = { engine: 'streaming' };

// Writes df as Hive partitions OUT_DIR/k1=v1/k2=v2/part-0.parquet, without
// the key columns in the files (like DuckDB's PARTITION_BY and sluice).
function writePartitioned(df, keys) {
  for (const part of df.partitionBy(keys, false, true)) {
    const dir = path.join(outDir, ...keys.map((k) => `${k}=${part.getColumn(k).get(0)}`));
    fs.mkdirSync(dir, { recursive: true });
    part.drop(keys).lazy()
      .sinkParquet(path.join(dir, 'part-0.parquet'), { compression: 'snappy' })
      .collectSync(streaming);
  }
}

const workloads = {
  a() {
    writePartitioned(feed().collectSync(streaming), ['year', 'month']);
  },
  b() {
    const df = feed()
      .groupBy(['year', 'month', 'product_code'])
      .agg(pl.col('estimated_revenue').sum().alias('revenue'))
      .sort(['year', 'month', 'product_code'])
      .select('product_code', 'revenue',
        pl.concatString([pl.col('year'), pl.lit('-'), pl.col('month'), pl.lit('-01')], '').alias('date'))
      .collectSync(streaming);
    writePartitioned(df, ['date']);
  },
  d1: () => feed().select(pl.len()).collectSync(streaming),
  d2: () => feed().select(...Object.keys(schema).map((c) => pl.col(c).count())).collectSync(streaming),
  w1() {
    fs.mkdirSync(outDir, { recursive: true });
    feed().sinkParquet(path.join(outDir, 'feed.parquet'), { compression: 'snappy' }).collectSync(streaming);
  },
  r1: () => parquet()
    .groupBy('region')
    .agg(pl.len(), pl.col('estimated_revenue').sum(), pl.col('usage_quantity').sum())
    .sort('region')
    .collectSync(streaming),
  r2: () => parquet()
    .filter(pl.col('year').eq(pl.lit('2022')).and(pl.col('month').eq(pl.lit('08'))))
    .select(pl.len(), pl.col('estimated_revenue').sum())
    .collectSync(streaming),
  r3: () => parquet()
    .join(parquet().groupBy('customer_id').agg(pl.col('estimated_revenue').sum().alias('total')),
      { on: 'customer_id', how: 'inner' })
    .filter(pl.col('total').gt(pl.lit(130000)))
    .select(pl.len(), pl.col('total').sum(), pl.col('estimated_revenue').sum())
    .collectSync(streaming),
};
if (!workloads[workload]) {
  console.error(`unknown workload ${workload}`);
  process.exit(2);
}
const start = process.hrtime.bigint();
const answer = workloads[workload]();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (answer) console.log(answer.rows().flat().map(String).join('\t'));
console.log(seconds.toFixed(3));
