// One DuckDB workload in this process, for bench/run.sh.
//
//   node bench/duckdb-bench.mjs WORKLOAD DATA_DIR OUT_DIR
//
// Workloads (the same as bench/sql/ gives sluice):
//   a   CSV -> snappy Parquet, every column, PARTITION_BY (year, month)
//   b   the seed's CTAS: SUM(estimated_revenue) by year, month, product_code,
//       written as snappy Parquet with PARTITION_BY (date)
//   d1  count(*) over the CSV
//   d2  count(col) of each of the 12 columns: every field parsed
//   w1  CSV -> snappy Parquet, every column, one file: OUT_DIR/feed.parquet
//   r1  count(*), sum(estimated_revenue), sum(usage_quantity) by region over
//       the common Parquet input (DATA_DIR is then its directory)
//   r2  count(*), sum(estimated_revenue) of year '2022', month '08' over it
//   r3  every row joined to its customer's revenue total (a hash join),
//       where that total is over 130000: count, sum(total), sum(revenue)
//   r4  window functions over it: row_number per customer, rank per product,
//       a running revenue sum per region (peers included), summed
// and, not measured, the common Parquet input itself, which bench/run.sh
// makes once per data set:
//   parquet-input  DATA_DIR OUT_FILE: the CSV sorted by year, month, day into
//       one snappy file of row groups of ROW_GROUP_ROWS rows, strings as read
//       here ('' where a field is empty). Bump PARQUET_INPUT_VERSION in
//       bench/run.sh when changing it, so cached copies are remade.
// The CSV is read with the sluice table's column types (year, month and day
// as VARCHAR, so the date is "2022-08-01"; the ids as VARCHAR; quantities as
// DOUBLE) rather than sniffed, and with Hive's text semantics as sluice has
// them: force_not_null keeps an empty string field '' (DuckDB's default
// would make it NULL); an empty double is NULL. Not in b: DuckDB 1.5.6
// applies force_not_null by position among the columns it reads, so with
// projection pushdown it hits the wrong ones (estimated_revenue, which then
// fails on ''); b keeps NULL for an empty product_code, which only renames
// one group. Threads: $DUCKDB_THREADS, default 2; other settings stay at
// DuckDB's defaults.
// d1, d2 and r1 to r4 print their answer on the line before the last: the
// result's values tab-separated, its rows one after the other (r1's in the
// order of region); the last line of stdout is the seconds the query took in
// the process.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The DuckDB package lives with the test tools (scripts/install-deps --node).
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/tools/duckdb/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [workload, dataDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node bench/duckdb-bench.mjs a|b|d1|d2|w1|r1|r2|r3|r4|parquet-input DATA_DIR OUT_DIR|OUT_FILE');
  process.exit(2);
}
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const strings = ['year', 'month', 'day', 'customer_id', 'product_code', 'product_title',
  'instance_type', 'region', 'usage_unit_type', 'currency'];
const notNull = workload === 'b' ? '' : `force_not_null=[${strings.map(quote).join(', ')}],`;
const csv = `read_csv(${quote(path.join(dataDir, '*.csv'))}, header=true, delim=',', quote='"', escape='"', ${notNull}
  columns={'year':'VARCHAR','month':'VARCHAR','day':'VARCHAR','customer_id':'VARCHAR',
           'product_code':'VARCHAR','product_title':'VARCHAR','instance_type':'VARCHAR',
           'region':'VARCHAR','usage_unit_type':'VARCHAR','usage_quantity':'DOUBLE',
           'estimated_revenue':'DOUBLE','currency':'VARCHAR'})`;
const parquet = `read_parquet(${quote(path.join(dataDir, '*.parquet'))})`;
// The common input's row groups: 71 of them for 8.7 M rows, about two per
// month, so r2's month is in three of them.
const ROW_GROUP_ROWS = 122880;
const sql = {
  a: `COPY (SELECT * FROM ${csv}) TO ${quote(outDir)}
        (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (year, month))`,
  b: `COPY (SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') AS date
            FROM ${csv} GROUP BY year, month, product_code ORDER BY year, month, product_code)
        TO ${quote(outDir)} (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (date))`,
  d1: `SELECT count(*) FROM ${csv}`,
  d2: `SELECT count(year), count(month), count(day), count(customer_id), count(product_code),
         count(product_title), count(instance_type), count(region), count(usage_unit_type),
         count(usage_quantity), count(estimated_revenue), count(currency) FROM ${csv}`,
  w1: `COPY (SELECT * FROM ${csv}) TO ${quote(path.join(outDir, 'feed.parquet'))}
        (FORMAT parquet, COMPRESSION snappy)`,
  r1: `SELECT region, count(*), sum(estimated_revenue), sum(usage_quantity) FROM ${parquet}
         GROUP BY region ORDER BY region`,
  r2: `SELECT count(*), sum(estimated_revenue) FROM ${parquet} WHERE year = '2022' AND month = '08'`,
  r3: `SELECT count(*), sum(c.total), sum(f.estimated_revenue) FROM ${parquet} f
         JOIN (SELECT customer_id, sum(estimated_revenue) AS total FROM ${parquet} GROUP BY customer_id) c
         ON f.customer_id = c.customer_id WHERE c.total > 130000`,
  r4: `SELECT count(*), sum(rn), sum(rk), sum(running)
       FROM (SELECT row_number() OVER (PARTITION BY customer_id ORDER BY year, month, day) AS rn,
                    rank() OVER (PARTITION BY product_code ORDER BY estimated_revenue DESC) AS rk,
                    sum(estimated_revenue) OVER (PARTITION BY region ORDER BY year, month, day) AS running
             FROM ${parquet})`,
  'parquet-input': `COPY (SELECT * FROM ${csv} ORDER BY year, month, day) TO ${quote(outDir)}
        (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${ROW_GROUP_ROWS})`,
}[workload];
if (!sql) {
  console.error(`unknown workload ${workload}`);
  process.exit(2);
}
if (workload === 'w1') fs.mkdirSync(outDir, { recursive: true });
const instance = await DuckDBInstance.create(':memory:', { threads: process.env.DUCKDB_THREADS || '2' });
const connection = await instance.connect();
const start = process.hrtime.bigint();
const reader = await connection.runAndReadAll(sql);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (/^[dr]/.test(workload)) console.log(reader.getRows().flat().map(String).join('\t'));
console.log(seconds.toFixed(3));
