// Runs SQL in an in-memory DuckDB and prints the last statement's result.
//
//   node duckdb-query.mjs [--format csv|tsv|json] [--threads N] [--memory-limit X] "SQL; SQL"
//
// csv (default): header + rows, NULL as empty; tsv: rows only, NULL as NULL;
// json: one object per line. Doubles print with full precision. Exit 1 on error.
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
let format = 'csv';
const config = {};
const statements = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--format') format = args[++i];
  else if (args[i] === '--threads') config.threads = String(args[++i]);
  else if (args[i] === '--memory-limit') config.memory_limit = String(args[++i]);
  else statements.push(args[i]);
}

function render(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function csvField(s) {
  if (s === null) return '';
  return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

try {
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  let reader = null;
  for (const sql of statements) reader = await conn.runAndReadAll(sql);
  if (reader) {
    const names = reader.columnNames();
    const rows = reader.getRowsJson();
    const out = [];
    if (format === 'csv') out.push(names.map(csvField).join(','));
    for (const row of rows) {
      const cells = row.map(render);
      if (format === 'json') {
        out.push(JSON.stringify(Object.fromEntries(names.map((n, i) => [n, cells[i]]))));
      } else if (format === 'tsv') {
        out.push(cells.map((c) => (c === null ? 'NULL' : c)).join('\t'));
      } else {
        out.push(cells.map(csvField).join(','));
      }
    }
    if (out.length) process.stdout.write(out.join('\n') + '\n');
  }
} catch (e) {
  process.stderr.write(`duckdb: ${e.message}\n`);
  process.exit(1);
}
