// Runs SQL in one in-memory DuckDB and prints the last statement's result.
// The reference engine of sluice's integration tests and benchmarks.
//
//   node duckdb-query.mjs [--format csv|json|tsv] [--threads N] [--memory-limit X] "SQL; SQL" ...
//
// The statements may come as one argument or several, or on standard input
// when no SQL argument is given. Output formats:
//   csv  (default) header line, then RFC 4180 rows; NULL is an empty field.
//   tsv  rows only, no header, tab-separated, NULL spelt NULL; values are not
//        quoted, so a tab or newline inside a string is printed as is.
//   json one object per row (JSON lines): numbers as JSON numbers (BIGINT,
//        HUGEINT and DECIMAL exactly, as digits), NULL as null, NaN and
//        infinities as the strings "NaN", "Infinity", "-Infinity", dates and
//        timestamps as strings, lists and structs as JSON arrays and objects.
// Doubles are printed with the shortest digits that read back to the same
// double (0.30000000000000004, 1e+21); FLOAT (REAL) values with the shortest
// that read back to the same float. Other values use DuckDB's own spelling
// (dates 2022-08-01, timestamps 2022-08-01 12:34:56.789, lists [1, 2]).
// On error: the message on stderr and exit code 1; bad usage exits 2.
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const USAGE =
  'usage: node duckdb-query.mjs [--format csv|json|tsv] [--threads N] [--memory-limit X] "SQL; SQL" ...\n';

function usageError(message) {
  process.stderr.write(`duckdb-query: ${message}\n${USAGE}`);
  process.exit(2);
}

const args = process.argv.slice(2);
let format = 'csv';
const config = {};
const statements = [];
for (let i = 0; i < args.length; ++i) {
  const arg = args[i];
  const value = () => (i + 1 < args.length ? args[++i] : usageError(`${arg} needs a value`));
  if (arg === '--format') format = value();
  else if (arg === '--threads') config.threads = String(value());
  else if (arg === '--memory-limit') config.memory_limit = String(value());
  else if (arg === '--help' || arg === '-h') {
    process.stdout.write(USAGE);
    process.exit(0);
  } else statements.push(arg);
}
if (!['csv', 'tsv', 'json'].includes(format)) usageError(`unknown format ${format}`);
if (statements.length === 0) statements.push(readFileSync(0, 'utf8'));

// The shortest decimal spelling that reads back to the same float32: the
// double a FLOAT widens to (0.6666666865348816) is not what the user stored.
function floatText(v) {
  if (!Number.isFinite(v)) return String(v);
  for (let p = 1; p < 9; ++p) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return numberText(s);
  }
  return numberText(Number(v.toPrecision(9)));  // 9 digits always suffice
}

// JavaScript's Number-to-string is already the shortest round-trip form;
// only negative zero needs help (String(-0) is "0").
function numberText(v) {
  return Object.is(v, -0) ? '-0' : String(v);
}

const FLOAT_IDS = new Set([DuckDBTypeId.FLOAT]);
const EXACT_NUMBER_IDS = new Set([
  DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

// One value as text for csv/tsv; null for SQL NULL.
function text(v, typeId) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return typeId === DuckDBTypeId.FLOAT ? floatText(v) : numberText(v);
  return String(v);  // bigint, boolean, string and DuckDB's value classes
}

// One value as JSON text, starting from node-api's JSON form of it (which
// turns 64-bit and wider integers and decimals into strings).
function json(v, jsonValue, typeId) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return JSON.stringify(String(v));
    return FLOAT_IDS.has(typeId) ? floatText(v) : numberText(v);
  }
  if (EXACT_NUMBER_IDS.has(typeId)) return String(jsonValue);
  return JSON.stringify(jsonValue);
}

function csvField(s) {
  if (s === null) return '';
  return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

let reader = null;
try {
  const instance = await DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();
  // Each argument may hold several statements. They are split and run one
  // by one: given several at once, DuckDB's query call answers with the
  // first result rather than the last. Each is prepared only after the one
  // before it ran, so it sees the tables that one created.
  for (const sql of statements) {
    if (sql.trim() === '') continue;
    const extracted = await connection.extractStatements(sql);
    for (let i = 0; i < extracted.count; ++i) {
      const prepared = await extracted.prepare(i);
      try {
        reader = await prepared.runAndReadAll();
      } finally {
        prepared.destroySync();
      }
    }
  }
  if (reader === null) throw new Error('no SQL statement given');
} catch (e) {
  process.stderr.write(`duckdb: ${e.message}\n`);
  process.exit(1);
}

const names = reader.columnNames();
const typeIds = reader.columnTypes().map((t) => t.typeId);
const rows = reader.getRows();
const jsonRows = format === 'json' ? reader.getRowsJson() : null;
const lines = [];
if (format === 'csv') lines.push(names.map(csvField).join(','));
for (let r = 0; r < rows.length; ++r) {
  const row = rows[r];
  if (format === 'json') {
    const members = row.map((v, c) => `${JSON.stringify(names[c])}:${json(v, jsonRows[r][c], typeIds[c])}`);
    lines.push(`{${members.join(',')}}`);
  } else if (format === 'tsv') {
    lines.push(row.map((v, c) => text(v, typeIds[c]) ?? 'NULL').join('\t'));
  } else {
    lines.push(row.map((v, c) => csvField(text(v, typeIds[c]))).join(','));
  }
}
if (lines.length) process.stdout.write(lines.join('\n') + '\n');
