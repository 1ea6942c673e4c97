// One DuckDB workload per process, for bench/run.sh.
//   node bench/duckdb-bench.mjs WORKLOAD DATA_DIR OUT_DIR
// Workloads: a = CSV → Parquet partitioned by year, month; b = the seed CTAS.
// Prints the in-process seconds on stdout.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/tools/duckdb/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [workload, dataDir, outDir] = process.argv.slice(2);
const csv = `read_csv('${dataDir}/*.csv', header=true, delim=',', quote='"', escape='"',
  columns={'year':'VARCHAR','month':'VARCHAR','day':'VARCHAR','customer_id':'VARCHAR',
           'product_code':'VARCHAR','product_title':'VARCHAR','instance_type':'VARCHAR',
           'region':'VARCHAR','usage_unit_type':'VARCHAR','usage_quantity':'DOUBLE',
           'estimated_revenue':'DOUBLE','currency':'VARCHAR'})`;
const sql = {
  a: `COPY (SELECT * FROM ${csv}) TO '${outDir}' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (year, month))`,
  b: `COPY (SELECT product_code, SUM(estimated_revenue) AS revenue, concat(year, '-', month, '-01') AS date
            FROM ${csv} GROUP BY year, month, product_code ORDER BY year, month, product_code)
      TO '${outDir}' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (date))`,
}[workload];
if (!sql) {
  console.error(`unknown workload ${workload}`);
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();
const start = process.hrtime.bigint();
await conn.run(sql);
console.log((Number(process.hrtime.bigint() - start) / 1e9).toFixed(3));
