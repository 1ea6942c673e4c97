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
// d1 and d2 print their answer (tab-separated counts) on the line before the
// last; the last line of stdout is the seconds the query took in the process.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The DuckDB package lives with the test tools (scripts/install-deps --node).
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/tools/duckdb/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [workload, dataDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node bench/duckdb-bench.mjs a|b|d1|d2 DATA_DIR OUT_DIR');
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
}[workload];
if (!sql) {
  console.error(`unknown workload ${workload}`);
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:', { threads: process.env.DUCKDB_THREADS || '2' });
const connection = await instance.connect();
const start = process.hrtime.bigint();
const reader = await connection.runAndReadAll(sql);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (workload.startsWith('d')) console.log(reader.getRows()[0].map(String).join('\t'));
console.log(seconds.toFixed(3));
