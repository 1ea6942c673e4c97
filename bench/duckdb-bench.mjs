// One DuckDB workload in this process, for bench/run.sh.
//
//   node bench/duckdb-bench.mjs WORKLOAD DATA_DIR OUT_DIR
//
// Workloads (the same as bench/sql/ gives sluice):
//   a  CSV -> snappy Parquet, every column, PARTITION_BY (year, month)
//   b  the seed's CTAS: SUM(estimated_revenue) by year, month, product_code,
//      written as snappy Parquet with PARTITION_BY (date)
// The CSV is read with the sluice table's column types (year, month and day
// as VARCHAR, so the date is "2022-08-01"; the ids as VARCHAR; quantities as
// DOUBLE) rather than sniffed. Threads: $DUCKDB_THREADS, default 2; other
// settings stay at DuckDB's defaults. Prints the seconds the query took
// inside the process on the last line of stdout.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The DuckDB package lives with the test tools (scripts/install-deps --node).
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/tools/duckdb/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [workload, dataDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node bench/duckdb-bench.mjs a|b DATA_DIR OUT_DIR');
  process.exit(2);
}
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const csv = `read_csv(${quote(path.join(dataDir, '*.csv'))}, header=true, delim=',', quote='"', escape='"',
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
}[workload];
if (!sql) {
  console.error(`unknown workload ${workload}`);
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:', { threads: process.env.DUCKDB_THREADS || '2' });
const connection = await instance.connect();
const start = process.hrtime.bigint();
await connection.run(sql);
console.log((Number(process.hrtime.bigint() - start) / 1e9).toFixed(3));
