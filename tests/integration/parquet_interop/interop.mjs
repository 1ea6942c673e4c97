// Parquet interoperability between sluice and DuckDB, both directions; run by
// tests/integration/parquet_interop.sh (see there for the overview).
//
//   node interop.mjs SLUICE WORKDIR
//
// Prints one line per case, `ok <case>`, `FAIL <case>: <what>` (details
// indented below it) or `SKIP <case>: <why>`, then a summary; exits 1 when a
// case failed. A failure whose sluice error says the feature is missing
// (NOT_SUPPORTED, an unknown session property or function) is marked
// `[NOT BUILT]`: it still counts as a failure.
//
// DuckDB (npm @duckdb/node-api, the copy scripts/install-deps --node puts in
// tests/tools/duckdb/) is the reference: it writes the files sluice must read
// and reads the files sluice writes.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkPages, rawStatistics, writeParquetFile } from './pq.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(join(here, '../../tools/duckdb/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [SLUICE, WORK] = process.argv.slice(2);
if (!SLUICE || !WORK) {
  process.stderr.write('usage: node interop.mjs SLUICE WORKDIR\n');
  process.exit(2);
}
const JOBS = 2;          // sluice processes at once (the test budget is a 2-core machine)
const ROWS = 4200;       // rows per DuckDB file: three row groups (2048, 2048, 104)
const ROW_GROUP = 2048;  // DuckDB rounds ROW_GROUP_SIZE up to its vector size, 2048

// PARQUET_INTEROP_TIMING=1 prints how long each phase took (to stderr).
const phaseStart = Date.now();
function phase(what) {
  if (process.env.PARQUET_INTEROP_TIMING) {
    process.stderr.write(`[${((Date.now() - phaseStart) / 1000).toFixed(1)} s] ${what} ` +
      `(so far ${sluiceRuns.n} sluice runs, ${(sluiceRuns.ms / 1000).toFixed(1)} s)\n`);
  }
}
const duckdb = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
// One statement at a time on the one connection (cases run concurrently).
let duckQueue = Promise.resolve();
function duck(sql) {
  const result = duckQueue.then(() => duckdb.runAndReadAll(sql));
  duckQueue = result.catch(() => {});
  return result;
}
async function duckRows(sql) {
  return (await duck(sql)).getRows();
}

// ---------------------------------------------------------------------------
// Reporting.

const counts = { ok: 0, FAIL: 0, SKIP: 0, notBuilt: 0 };
const failed = [];
function report(name, problems, { notBuilt = false, skip = null } = {}) {
  if (skip) {
    ++counts.SKIP;
    console.log(`SKIP ${name}: ${skip}`);
    return;
  }
  if (problems.length === 0) {
    ++counts.ok;
    console.log(`ok   ${name}`);
    return;
  }
  ++counts.FAIL;
  if (notBuilt) ++counts.notBuilt;
  failed.push(name + (notBuilt ? ' [NOT BUILT]' : ''));
  const [first, ...rest] = problems;
  console.log(`FAIL ${name}${notBuilt ? ' [NOT BUILT]' : ''}: ${first}`);
  for (const p of rest) console.log(`       ${p}`);
}

// Cases run concurrently but print in order: each reserves a slot and
// fills it with its report() argument lists when done.
const slots = [];
let printed = 0;
function reserve() {
  const at = slots.length;
  slots.push(null);
  return (entries) => {
    slots[at] = entries;
    while (printed < slots.length && slots[printed]) for (const e of slots[printed++]) report(...e);
  };
}
// Runs `fn` over `items`, at most `n` at once, in order of `items`.
async function pool(items, n, fn) {
  const out = [];
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }));
  return out;
}

// sluice's words for "this is not there yet".
const NOT_BUILT_RE = /NOT_SUPPORTED|is not supported|unknown session property|INVALID_SESSION_PROPERTY|session property .* does not exist|FUNCTION_NOT_FOUND|unknown (table )?function|function .* (does not exist|not found)/i;

// ---------------------------------------------------------------------------
// Running sluice: at most JOBS at once, each on its own warehouse.

let running = 0;
const sluiceRuns = { n: 0, ms: 0 };
const waiting = [];
async function sluice(warehouse, sql) {
  while (running >= JOBS) await new Promise((resolve) => waiting.push(resolve));
  ++running;
  const t0 = Date.now();
  try {
    return await new Promise((resolve) => {
      const child = spawn(SLUICE, ['sql', '--warehouse', warehouse, '--format', 'csv', sql]);
      const out = [];
      const err = [];
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => err.push(d));
      child.on('close', (code, signal) => {
        const stderr = Buffer.concat(err).toString('utf8');
        // The summary lines "(3 rows, 0.01 s, …)" go to stderr in csv mode.
        const errors = stderr.split('\n').filter((l) => l && !/^\(.*\)$/.test(l)).join('\n');
        resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: errors });
      });
    });
  } finally {
    sluiceRuns.n += 1;
    sluiceRuns.ms += Date.now() - t0;
    --running;
    waiting.shift()?.();
  }
}

// What went wrong with a sluice run, or null when it went fine.
function runProblem(r) {
  if (r.signal) return `sluice crashed (signal ${r.signal}): ${firstLines(r.stderr)}`;
  if (r.code !== 0) return `sluice exit ${r.code}: ${firstLines(r.stderr)}`;
  return null;
}
function firstLines(s, n = 3) {
  const lines = s.trim().split('\n');
  return lines.slice(0, n).join(' | ') + (lines.length > n ? ' | …' : '');
}

// RFC 4180, as sluice's --format csv writes it (fields with , " CR LF quoted).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field;
    if (text[i] === '"') {
      const parts = [];
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {  // unterminated: take the rest
          parts.push(text.slice(j));
          j = n;
          break;
        }
        parts.push(text.slice(j, q));
        if (text[q + 1] === '"') {
          parts.push('"');
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      field = parts.join('');
      i = j;
    } else {
      let j = i;
      while (j < n && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== 10) ++j;
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= n || text.charCodeAt(i) === 10) {
      rows.push(row);
      row = [];
    }
    ++i;  // past the comma or newline
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Values in one canonical text per kind, so that sluice's CSV field and
// DuckDB's value compare with ===. The normalisations, each a difference of
// spelling only, not of value:
//   real      sluice prints C++'s shortest float text (1e+20, inf, nan);
//             node-api hands DuckDB's FLOAT over widened to a double. Both
//             are read as numbers and compared as float32 values (NaN equal
//             to NaN, -0 distinct from 0).
//   double    sluice prints Java's Double.toString layout (1.0E21, 0.1,
//             -0.0, NaN, Infinity); JavaScript prints 1e+21. Both are read as
//             numbers and compared as doubles (NaN equal to NaN, -0 distinct
//             from 0).
//   timestamp sluice prints timestamp(p) with p digits (12:00:00.000000,
//             and nine for nanoseconds, the last three zeros); DuckDB drops
//             a zero fraction and trailing zeros (12:00:00, 12:00:00.5).
//             Both are made six fractional digits.
//   NULL      sluice's CSV spells NULL as an empty field, like an empty
//             string; for text columns the query also selects `c IS NULL`
//             and that decides.
// Every other kind (integers, boolean, date, decimal, varchar, and nested
// columns as JSON text) must match exactly.

function floatText(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(x, -0)) return '-0';
  for (let p = 1; p < 9; ++p) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === x) return String(s);
  }
  return String(Number(x.toPrecision(9)));
}
function doubleText(x) {
  return Object.is(x, -0) ? '-0' : String(x);
}
function parseNumberText(s) {
  const t = s.trim().toLowerCase();
  if (t === 'nan' || t === '-nan') return NaN;
  if (t === 'inf' || t === 'infinity' || t === '+inf' || t === '+infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  const v = Number(s);
  return s.trim() === '' || Number.isNaN(v) ? null : v;
}
function timestampText(s) {
  const m = /^(-?\d{4,}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d{1,9}))?$/.exec(s);
  if (!m) return s;
  const fraction = m[2] ?? '';
  return `${m[1]}.${/^\d{6}0{1,3}$/.test(fraction) ? fraction.slice(0, 6) : fraction.padEnd(6, '0')}`;
}
const TEXT_KINDS = new Set(['varchar', 'json']);

function canonSluice(kind, text, isNull) {
  if (TEXT_KINDS.has(kind) ? isNull : text === '') return null;
  switch (kind) {
    case 'real': {
      const v = parseNumberText(text);
      return v === null ? `unparsable ${JSON.stringify(text)}` : floatText(Math.fround(v));
    }
    case 'double': {
      const v = parseNumberText(text);
      return v === null ? `unparsable ${JSON.stringify(text)}` : doubleText(v);
    }
    case 'ts': return timestampText(text);
    default: return text;
  }
}
function canonDuck(kind, v) {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'real': return floatText(Math.fround(v));
    case 'double': return doubleText(v);
    case 'ts': return timestampText(String(v));
    default: return String(v);
  }
}
function show(v) {
  if (v === null) return 'NULL';
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + '…"' : s;
}

// DuckDB's result as canonical text per column: {rows, cols: Map name ->
// [canonical value per row]} for `columns` ([{name, kind}]).
function duckWant(result, columns) {
  const names = result.columnNames();
  const data = result.getColumns();
  const cols = new Map();
  for (const col of columns) {
    const at = names.indexOf(col.name);
    cols.set(col.name, at < 0 ? null : data[at].map((v) => canonDuck(col.kind, v)));
  }
  return { rows: result.currentRowCount, cols };
}

// Compares sluice's CSV (header + rows, ordered like DuckDB's) with DuckDB's
// rows (duckWant) for `columns` ([{name, kind}]); the CSV also has
// `<name>_isnull` for text columns. Returns problems (one per differing
// column, with examples).
function compareRows(columns, sluiceCsv, want) {
  const rows = parseCsv(sluiceCsv);
  if (rows.length === 0) return ['sluice printed nothing'];
  const header = rows.shift();
  const problems = [];
  if (rows.length !== want.rows) problems.push(`sluice returned ${rows.length} rows, DuckDB ${want.rows}`);
  const idAt = header.indexOf('id');
  for (const col of columns) {
    const s = header.indexOf(col.name);
    const theirs = want.cols.get(col.name);
    if (!theirs) {
      problems.push(`column ${col.name}: not in DuckDB's result`);
      continue;
    }
    if (s < 0) {
      problems.push(`column ${col.name}: not in sluice's output (columns: ${header.join(',')})`);
      continue;
    }
    const sNull = header.indexOf(`${col.name}_isnull`);
    let bad = 0;
    const examples = [];
    for (let r = 0; r < Math.min(rows.length, want.rows); ++r) {
      const text = rows[r][s] ?? '';
      const isNull = TEXT_KINDS.has(col.kind) ? rows[r][sNull] === 'true' : text === '';
      const a = canonSluice(col.kind, text, isNull);
      const b = theirs[r];
      if (a !== b) {
        if (++bad <= 3) examples.push(`id=${idAt >= 0 ? rows[r][idAt] : r}: sluice ${show(a)}, DuckDB ${show(b)}`);
      }
    }
    if (bad) problems.push(`column ${col.name} (${col.label ?? col.kind}): ${bad} values differ; ${examples.join('; ')}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Direction 1: DuckDB writes, sluice reads.
//
// Each flat file holds every type below; the matrix is parquet version (V1:
// PLAIN or dictionary; V2: data page v2 and the delta / byte-stream-split
// encodings) × data shape (low cardinality, so dictionary; high cardinality,
// so not) × codec × nulls (none, some, all). Edge values sit at fixed rows.

const sq = (s) => `'${s.replaceAll("'", "''")}'`;

// name, DuckDB type, sluice's column type, comparison kind, edge values (SQL
// literals), a high-cardinality pattern over row number i, and (optional) the
// DuckDB expression the expected output reads (sluice's timestamps hold
// microseconds, and it has no unsigned integers: it widens them).
const FLAT = [
  ['b', 'BOOLEAN', 'boolean', 'bool', ['true', 'false'], 'hash(i) % 3 = 0'],
  ['i8', 'TINYINT', 'tinyint', 'int', ['-128', '127', '0', '-1', '1'], '(i * 37) % 256 - 128'],
  ['i16', 'SMALLINT', 'smallint', 'int', ['-32768', '32767', '0', '-1'], '(i * 7919) % 65536 - 32768'],
  ['i32', 'INTEGER', 'int', 'int', ['-2147483648', '2147483647', '0', '-1'],
    '(hash(i) % 4294967296)::BIGINT - 2147483648'],
  ['i64', 'BIGINT', 'bigint', 'int', ['-9223372036854775808', '9223372036854775807', '0', '-1'],
    '(hash(i) >> 1)::BIGINT * (1 - 2 * (i % 2))'],
  ['f32', 'FLOAT', 'real', 'real',
    ["'3.4028235e38'", "'-3.4028235e38'", "'1.4e-45'", "'-0.0'", "'0.1'", "'nan'", "'inf'", "'-inf'", "'16777216'"],
    '(hash(i) % 2000000)::DOUBLE / 7.0 - 100000.0'],
  ['f64', 'DOUBLE', 'double', 'double',
    ["'1.7976931348623157e308'", "'-1.7976931348623157e308'", "'5e-324'", "'-0.0'", "'0.1'", "'nan'", "'inf'",
      "'-inf'", "'1e21'", "'1e-7'", "'123456789.125'"],
    '(hash(i) % 2000000000)::DOUBLE / 7.0 - 100000000.0'],
  ['s', 'VARCHAR', 'string', 'varchar',
    ["''", "'a'", "repeat('long', 750)", sq('héllo wörld'), sq('日本語テキスト'), sq('🦆 duck'), sq('with,comma'),
      sq('with "quote"'), "'line' || chr(10) || 'break'", "'cr' || chr(13) || chr(10) || 'lf'", sq(' padded '),
      "'tab' || chr(9) || 'x'", sq('back\\slash')],
    "'v' || (hash(i) % 100000000)::VARCHAR || CASE WHEN i % 10 = 0 THEN ' é日本' ELSE '' END" +
      " || CASE WHEN i % 97 = 0 THEN repeat('x', 3000 + i % 50) ELSE '' END"],
  ['d', 'DATE', 'date', 'date',
    ["DATE '0001-01-01'", "DATE '9999-12-31'", "DATE '1969-12-31'", "DATE '1970-01-01'", "DATE '1582-10-04'",
      "DATE '2000-02-29'"],
    "DATE '1970-01-01' + ((hash(i) % 200000)::INTEGER - 100000)"],
  ['ts', 'TIMESTAMP', 'timestamp(6)', 'ts',
    ["'0001-01-01 00:00:00'", "'9999-12-31 23:59:59.999999'", "'1969-12-31 23:59:59.999999'",
      "'1970-01-01 00:00:00'", "'2022-08-01 12:34:56.789012'", "'1900-01-01 00:00:00.5'"],
    'make_timestamp((hash(i) % 8000000000000000)::BIGINT - 4000000000000000)'],
  ['ts_ms', 'TIMESTAMP_MS', 'timestamp(3)', 'ts',
    ["'0001-01-01 00:00:00'", "'9999-12-31 23:59:59.999'", "'1969-12-31 23:59:59.999'", "'1970-01-01 00:00:00'",
      "'2022-08-01 12:34:56.789'"],
    'make_timestamp(((hash(i) % 8000000000000)::BIGINT - 4000000000000) * 1000)', 'ts_ms::TIMESTAMP'],
  // Whole microseconds only: sluice's timestamps are microseconds, and how
  // to drop sub-microsecond digits (truncate, floor, round) is not this
  // test's business.
  ['ts_ns', 'TIMESTAMP_NS', 'timestamp(9)', 'ts',
    ["'1677-09-22 00:00:00'", "'2262-04-11 23:47:16.854775'", "'1969-12-31 23:59:59.999999'",
      "'1970-01-01 00:00:00'", "'2022-08-01 12:34:56.789012'"],
    'make_timestamp((hash(i) % 8000000000000000)::BIGINT - 4000000000000000)', 'ts_ns::TIMESTAMP'],
  ['dec4', 'DECIMAL(4,2)', 'decimal(4,2)', 'dec', ["'-99.99'", "'99.99'", "'0.00'", "'0.01'", "'-0.01'"],
    "CASE WHEN i % 2 = 0 THEN '' ELSE '-' END || (hash(i) % 100)::VARCHAR || '.' ||" +
      " lpad((hash(i + 1) % 100)::VARCHAR, 2, '0')"],
  ['dec18', 'DECIMAL(18,3)', 'decimal(18,3)', 'dec',
    ["'-999999999999999.999'", "'999999999999999.999'", "'0.000'", "'0.001'"],
    "CASE WHEN i % 2 = 0 THEN '' ELSE '-' END || (hash(i) % 1000000000000000)::VARCHAR || '.' ||" +
      " lpad((hash(i + 1) % 1000)::VARCHAR, 3, '0')"],
  ['dec38', 'DECIMAL(38,10)', 'decimal(38,10)', 'dec',
    ["'-9999999999999999999999999999.9999999999'", "'9999999999999999999999999999.9999999999'",
      "'0.0000000000'", "'0.0000000001'", "'-1.0000000000'"],
    "CASE WHEN i % 2 = 0 THEN '' ELSE '-' END || CASE WHEN i % 3 = 0 THEN (hash(i) % 1000)::VARCHAR" +
      " ELSE (hash(i) % 10000000000000000000)::VARCHAR || lpad((hash(i + 1) % 1000000000)::VARCHAR, 9, '0') END" +
      " || '.' || lpad((hash(i + 2) % 10000000000)::VARCHAR, 10, '0')"],
  ['u8', 'UTINYINT', 'smallint', 'int', ['0', '255', '128', '127'], 'hash(i) % 256'],
  ['u16', 'USMALLINT', 'int', 'int', ['0', '65535', '32768', '32767'], 'hash(i) % 65536'],
  ['u32', 'UINTEGER', 'bigint', 'int', ['0', '4294967295', '2147483648', '2147483647'], 'hash(i) % 4294967296'],
  ['u64', 'UBIGINT', 'decimal(20,0)', 'dec',
    ['0', '18446744073709551615', '9223372036854775808', '9223372036854775807'], 'hash(i)'],
].map(([name, duckType, sluiceType, kind, edges, pattern, expected]) =>
  ({ name, duckType, sluiceType, kind, edges, pattern, expected: expected ?? name, label: duckType }));

// Nested columns: sluice reads them as VARCHAR holding compact JSON text,
// which must equal DuckDB's to_json(col). (No FLOAT, NaN, infinities or -0.0
// inside: DuckDB's to_json widens floats to doubles, spells non-finite
// doubles as bare Infinity/NaN, which is not JSON, and prints -0.0 as 0.0.)
const NESTED = [
  ['li', 'INTEGER[]', 'array<int>', ['[]', '[NULL]', '[1, 2, 3]', '[-2147483648, 2147483647]'],
    'list_transform(range(i % 5), lambda x: x * 1000 + i)'],
  ['lb', 'BIGINT[]', 'array<bigint>', ['[9223372036854775807, -9223372036854775808, 0]'],
    '[(hash(i) >> 1)::BIGINT, -i]'],
  ['ls', 'VARCHAR[]', 'array<string>',
    ["['', NULL, 'a']", `['quote"', ${sq('back\\slash')}, 'new' || chr(10) || 'line', 'tab' || chr(9), 'ctl' || chr(1)]`,
      `[${sq('é日🦆')}, '/slash', ${sq('{"json": [1]}')}]`],
    "['s' || i, 'x' || (i % 13)]"],
  ['ld', 'DOUBLE[]', 'array<double>', ['[1.5, -0.25, 1e300, 0.1, 5e-324, 1e21, 1e-7, 100.0]'], '[i / 8.0, i * 1.1]'],
  ['lbool', 'BOOLEAN[]', 'array<boolean>', ['[true, false, NULL]'], '[i % 2 = 0]'],
  ['ldate', 'DATE[]', 'array<date>', ["[DATE '0001-01-01', DATE '9999-12-31', DATE '1969-12-31']"],
    "[DATE '2000-01-01' + i::INTEGER]"],
  ['lts', 'TIMESTAMP[]', 'array<timestamp(6)>',
    ["[TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMP '2022-08-01 12:34:56', TIMESTAMP '2022-08-01 12:34:56.5']"],
    '[make_timestamp(i::BIGINT * 1000003)]'],
  ['ldec', 'DECIMAL(18,3)[]', 'array<decimal(18,3)>', ["['-999999999999999.999', '0.000', '1.500']"],
    '[i * 0.125]'],
  ['lli', 'INTEGER[][]', 'array<array<int>>', ['[[1, 2], [], NULL, [NULL]]', '[[]]'],
    '[[i], [i + 1, NULL]]'],
  ['st', 'STRUCT(a INTEGER, b VARCHAR)', 'struct<a:int,b:string>',
    ["{'a': NULL, 'b': NULL}", "{'a': 1, 'b': ''}", `{'a': -2147483648, 'b': 'quote"'}`],
    "{'a': i, 'b': 'b' || i}"],
  ['stn', 'STRUCT(p STRUCT(q INTEGER, r VARCHAR[]), z BIGINT)', 'struct<p:struct<q:int,r:array<string>>,z:bigint>',
    ["{'p': NULL, 'z': 1}", "{'p': {'q': NULL, 'r': []}, 'z': NULL}"],
    "{'p': {'q': i, 'r': ['r' || i]}, 'z': i}"],
  ['m', 'MAP(VARCHAR, INTEGER)', 'map<string,int>', ['MAP {}', "MAP {'k': 1, 'z': NULL}", `MAP {'quote"': -1}`],
    "MAP {'k' || i: i, 'j': i * 2}"],
  ['lst', 'STRUCT(x INTEGER, y VARCHAR)[]', 'array<struct<x:int,y:string>>',
    ['[]', '[NULL]', "[{'x': NULL, 'y': NULL}]"], "[{'x': i, 'y': 'y' || i}, {'x': NULL, 'y': 'z'}]"],
].map(([name, duckType, sluiceType, edges, pattern]) =>
  ({ name, duckType, sluiceType, kind: 'json', edges, pattern, expected: `to_json(${name})`, label: duckType }));

// The DuckDB expression of column k (index into its list) for a file.
function valueSql(col, k, shape, nulls) {
  const t = col.duckType;
  if (nulls === 'all') return `NULL::${t}`;
  const edges = `[${col.edges.map((e) => `(${e})::${t}`).join(', ')}]`;
  const value = shape === 'dict'
    ? `${edges}[(i * 7 + ${k}) % ${col.edges.length} + 1]`
    : `CASE WHEN i % 1000 < ${col.edges.length} THEN ${edges}[i % 1000 + 1] ELSE (${col.pattern})::${t} END`;
  if (nulls === 'none') return value;
  // Some: the first row, a fifth of the rest, and for every third column the
  // whole second row group (a column chunk of nulls only).
  return `CASE WHEN i = 0 OR hash(i + ${k * 100003}) % 5 = 0` +
    (k % 3 === 0 ? ` OR i BETWEEN ${ROW_GROUP} AND ${2 * ROW_GROUP - 1}` : '') + ` THEN NULL ELSE ${value} END`;
}

async function writeDuckFile(path, columns, shape, nulls, options) {
  const select = [`i::BIGINT AS id`, ...columns.map((c, k) => `${valueSql(c, k, shape, nulls)} AS ${c.name}`)];
  if (options.tail) select.push('(i * 3)::INTEGER AS tail');
  await duck(`COPY (SELECT ${select.join(', ')} FROM range(${ROWS}) t(i) ORDER BY i) TO ${sq(path)}
    (FORMAT parquet, ROW_GROUP_SIZE ${ROW_GROUP}, ${options.copy})`);
}

const CODECS = [['uncompressed', 'UNCOMPRESSED'], ['snappy', 'SNAPPY'], ['gzip', 'GZIP'], ['zstd', 'ZSTD'],
  ['lz4raw', 'LZ4_RAW']];

// The encodings and page types in a file, from its footer and pages.
async function fileEncodings(path) {
  const chunks = await duckRows(`SELECT path_in_schema, encodings, dictionary_page_offset, data_page_offset,
    total_compressed_size FROM parquet_metadata(${sq(path)})`);
  const out = new Map();  // path_in_schema -> Set of "PAGE_TYPE/ENCODING"
  for (const [col, , dict, data, size] of chunks) {
    const start = dict !== null && dict > 0n && dict < data ? dict : data;
    const set = out.get(col) ?? new Set();
    for (const p of chunkPages(path, start, size)) set.add(`${p.type}/${p.encoding}`);
    out.set(col, set);
  }
  return out;
}

// The page types and encodings of a column's chunks (all its leaves).
function encodingsOf(c, name) {
  const set = new Set();
  for (const [path, e] of c.encodings) if (path === name || path.startsWith(`${name}, `)) for (const x of e) set.add(x);
  return [...set].sort().join(' ') || 'no chunks';
}

// Sluice's type of a column as DESCRIBE prints it.
function describedType(sluiceType) {
  if (/^(array|map|struct)</.test(sluiceType)) return 'varchar';
  return { int: 'integer', string: 'varchar' }[sluiceType] ?? sluiceType;
}

// One direction-1 case: a file and its columns.
//   columns: [{name, sluiceType, kind, expected, label}] (id is implied)
//   extraTail: whether the file ends with a flat INTEGER column `tail`
async function readCase(c, rpSkip) {
  const entries = [];
  const cols = [...c.columns];
  if (c.tail) cols.push({ name: 'tail', sluiceType: 'int', kind: 'int', expected: 'tail', label: 'INTEGER' });
  const expectedSql = `SELECT id, ${cols.map((col) => `${col.expected} AS ${col.name}`).join(', ')}
    FROM read_parquet(${sq(c.file)}) ORDER BY id`;
  const want = duckWant(await duck(expectedSql), cols);
  const ddl = (table, list) => `CREATE EXTERNAL TABLE ${table} (id bigint, ${list.map((col) => `${col.name} ${col.sluiceType}`).join(', ')})
    STORED AS PARQUET LOCATION ${sq(c.dir + '/')}`;
  const selectList = (list) => ['id', ...list.map((col) => col.name),
    ...list.filter((col) => TEXT_KINDS.has(col.kind)).map((col) => `${col.name} IS NULL AS ${col.name}_isnull`)].join(', ');
  const wh = join(WORK, 'wh', c.name.replaceAll('/', '_'));
  const whole = await sluice(wh, `${ddl('t', cols)}; SELECT ${selectList(cols)} FROM t ORDER BY id`);
  let problems;
  let notBuilt = false;
  const wholeProblem = runProblem(whole);
  if (!wholeProblem) {
    problems = compareRows(cols, whole.stdout, want);
  } else {
    // Find every unreadable column, so that one does not hide how the others
    // fare: drop the column the error names and read again; when an error
    // names no column (a crash), read each remaining column on its own.
    problems = [`reading all columns: ${wholeProblem}`];
    notBuilt = NOT_BUILT_RE.test(whole.stderr);
    let remaining = cols;
    let last = whole;
    const failedColumn = (col, res) => {
      notBuilt ||= NOT_BUILT_RE.test(res.stderr);
      problems.push(`column ${col.name} (${col.label}; ${encodingsOf(c, col.name)}): ${runProblem(res)}`);
    };
    for (let attempt = 1; runProblem(last) && remaining.length; ++attempt) {
      const named = /column '([^'.]+)/.exec(last.stderr)?.[1]?.toLowerCase();
      const bad = remaining.find((col) => col.name === named);
      if (!bad) {
        const each = await Promise.all(remaining.map((col, k) =>
          sluice(join(wh, `c${k}`), `${ddl('t', [col])}; SELECT ${selectList([col])} FROM t ORDER BY id`)));
        each.forEach((res, k) => {
          if (runProblem(res)) failedColumn(remaining[k], res);
          else problems.push(...compareRows([remaining[k]], res.stdout, want));
        });
        remaining = [];
        break;
      }
      failedColumn(bad, last);
      remaining = remaining.filter((col) => col !== bad);
      if (remaining.length) {
        last = await sluice(join(wh, `x${attempt}`), `${ddl('t', remaining)}; SELECT ${selectList(remaining)} FROM t ORDER BY id`);
      }
    }
    if (remaining.length) problems.push(...compareRows(remaining, last.stdout, want));
    if (problems.length === 1) problems.push('(every column read fine on its own)');
  }
  entries.push([`d1/${c.name}`, problems, { notBuilt }]);
  entries.push(await readParquetCase(c, cols, want, rpSkip));
  return entries;
}

// read_parquet(): sluice's own schema for the file; sluice's types (from a
// CTAS WITH NO DATA and DESCRIBE) must be the ones the DDL above declares.
async function readParquetCase(c, cols, want, skip) {
  const name = `d1/${c.name} read_parquet`;
  if (skip) return [name, [], { skip }];
  const wh = join(WORK, 'wh', `rp_${c.name.replaceAll('/', '_')}`);
  const glob = sq(`${c.dir}/*.parquet`);
  const companions = cols.filter((col) => TEXT_KINDS.has(col.kind)).map((col) => `, ${col.name} IS NULL AS ${col.name}_isnull`).join('');
  const rows = await sluice(wh, `SELECT *${companions} FROM read_parquet(${glob}) ORDER BY id`);
  const problems = [];
  let notBuilt = false;
  const p = runProblem(rows);
  if (p) {
    problems.push(`SELECT * FROM read_parquet(...): ${p}`);
    notBuilt = NOT_BUILT_RE.test(rows.stderr);
  } else {
    const header = parseCsv(rows.stdout)[0] ?? [];
    const wantNames = ['id', ...cols.map((col) => col.name)];
    const got = header.filter((h) => !h.endsWith('_isnull'));
    if (got.join(',') !== wantNames.join(',')) problems.push(`columns ${got.join(',')}, want ${wantNames.join(',')}`);
    problems.push(...compareRows(cols, rows.stdout, want));
  }
  const types = await sluice(wh, `CREATE TABLE rp WITH (format = 'PARQUET', external_location = ${sq(join(WORK, 'rp', c.name.replaceAll('/', '_')) + '/')})
    AS SELECT * FROM read_parquet(${glob}) WITH NO DATA; DESCRIBE rp`);
  const tp = runProblem(types);
  if (tp) {
    problems.push(`types (CTAS WITH NO DATA + DESCRIBE): ${tp}`);
    notBuilt ||= NOT_BUILT_RE.test(types.stderr);
  } else {
    const described = new Map(parseCsv(types.stdout).slice(1).map((row) => [row[0], row[1]]));
    for (const col of [{ name: 'id', sluiceType: 'bigint', label: 'BIGINT' }, ...cols]) {
      const want = describedType(col.sluiceType);
      const got = described.get(col.name);
      if ((got ?? '').toLowerCase() !== want) problems.push(`type of ${col.name} (${col.label}): sluice ${got ?? 'missing'}, want ${want}`);
    }
  }
  return [name, problems, { notBuilt }];
}

// The columns of the test's own files: each encoding DuckDB does not write,
// and those it writes only in DATA_PAGE (v1) pages. 700 rows in pages of 300;
// s_dba is NULL on the whole second page (a page without values).
function handColumns() {
  const n = 700;
  const rows = Array.from({ length: n }, (_, i) => i);
  const nul = (k, f) => rows.map((i) => (i === 0 || (i * (k + 3)) % 10 === 7 ? null : f(i)));
  const long = (i) => `long/${'y'.repeat(40 + (i % 7))}/${i % 5}`;
  const strings = (i) => (i % 50 === 0 ? '' : i % 11 === 0 ? `é${i}` : i % 13 === 0 ? `è${i}` : i % 101 === 0
    ? 'prefix/common/' + 'z'.repeat(3000) + i : i % 17 === 0 ? 'same' : `prefix/common/${(i * 37) % 1000}`);
  const col = (name, physical, encoding, sluiceType, kind, values, extra = {}) =>
    ({ name, physical, encoding, sluiceType, kind, values, ...extra });
  const i32 = (i) => BigInt.asIntN(32, BigInt(i) * 2654435761n);  // the whole INT32 range
  return [
    col('id', 'INT64', 'PLAIN', 'bigint', 'int', rows.map(BigInt), { required: true }),
    col('b_rle', 'BOOLEAN', 'RLE', 'boolean', 'bool', nul(1, (i) => i % 3 === 0 || i % 7 === 0)),
    col('b_plain', 'BOOLEAN', 'PLAIN', 'boolean', 'bool', nul(2, (i) => i % 5 < 2)),
    col('i32_dbp', 'INT32', 'DELTA_BINARY_PACKED', 'int', 'int', nul(3, i32)),
    col('i64_dbp', 'INT64', 'DELTA_BINARY_PACKED', 'bigint', 'int',
      nul(4, (i) => BigInt.asIntN(64, BigInt(i) * 0x9e3779b97f4a7c15n))),
    col('i32_dict', 'INT32', 'RLE_DICTIONARY', 'int', 'int', nul(5, (i) => BigInt([-2147483648, 0, 7, 2147483647][i % 4]))),
    col('f64_bss', 'DOUBLE', 'BYTE_STREAM_SPLIT', 'double', 'double',
      nul(6, (i) => [NaN, -0, Infinity, 5e-324][i % 40] ?? (i - 350) / 7 * Math.PI)),
    col('f64_plain', 'DOUBLE', 'PLAIN', 'double', 'double', nul(7, (i) => (i % 9) * 0.1)),
    col('s_plain', 'BYTE_ARRAY', 'PLAIN', 'string', 'varchar', nul(8, strings), { utf8: true }),
    col('s_dict', 'BYTE_ARRAY', 'RLE_DICTIONARY', 'string', 'varchar', nul(9, long), { utf8: true }),
    col('s_dlba', 'BYTE_ARRAY', 'DELTA_LENGTH_BYTE_ARRAY', 'string', 'varchar', nul(10, strings), { utf8: true }),
    col('s_dba', 'BYTE_ARRAY', 'DELTA_BYTE_ARRAY', 'string', 'varchar',
      nul(11, strings).map((v, i) => (i >= 300 && i < 600 ? null : v)), { utf8: true }),
  ];
}

async function direction1() {
  const root = join(WORK, 'd1');
  const cases = [];
  const add = (name, columns, shape, nulls, copy, extra = {}) => {
    const dir = join(root, name.replaceAll('/', '_'));
    mkdirSync(dir, { recursive: true });
    cases.push({ name, columns, shape, nulls, copy, dir, file: join(dir, 'data.parquet'), ...extra });
  };
  for (const [version, versionSql] of [['v1', 'PARQUET_VERSION V1'], ['v2', 'PARQUET_VERSION V2']]) {
    for (const [codec, codecSql] of CODECS) {
      for (const nulls of ['none', 'some', 'all']) {
        for (const shape of nulls === 'all' ? ['plain'] : ['dict', 'plain']) {
          add(`${version}-${shape}-${codec}-${nulls}nulls`, FLAT, shape, nulls,
            `${versionSql}, COMPRESSION ${sq(codecSql)}${codec === 'zstd' ? ', COMPRESSION_LEVEL 9' : ''}`);
        }
      }
    }
  }
  // Nested columns, reported on their own: a few versions, shapes, codecs.
  for (const [name, shape, nulls, copy] of [
    ['v1-dict-snappy-somenulls', 'dict', 'some', "PARQUET_VERSION V1, COMPRESSION 'SNAPPY'"],
    ['v1-plain-gzip-nonulls', 'plain', 'none', "PARQUET_VERSION V1, COMPRESSION 'GZIP'"],
    ['v2-plain-zstd-somenulls', 'plain', 'some', "PARQUET_VERSION V2, COMPRESSION 'ZSTD'"],
    ['v2-dict-uncompressed-somenulls', 'dict', 'some', "PARQUET_VERSION V2, COMPRESSION 'UNCOMPRESSED'"],
    ['v2-plain-lz4raw-allnulls', 'plain', 'all', "PARQUET_VERSION V2, COMPRESSION 'LZ4_RAW'"],
  ]) add(`nested/${name}`, NESTED, shape, nulls, copy, { tail: true });

  phase('d1: start');
  for (const c of cases) await writeDuckFile(c.file, c.columns, c.shape, c.nulls, { copy: c.copy, tail: c.tail });
  phase('d1: DuckDB wrote the matrix');

  // What DuckDB does not write (DATA_PAGE_V2, DELTA_BYTE_ARRAY, RLE
  // booleans): files of our own (see pq.mjs), each checked by DuckDB first.
  for (const [pageVersion, codec] of [[1, 'UNCOMPRESSED'], [1, 'GZIP'], [2, 'UNCOMPRESSED'], [2, 'GZIP']]) {
    const name = `hand/v${pageVersion}-${codec.toLowerCase()}-somenulls`;
    const dir = join(root, name.replaceAll('/', '_'));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'data.parquet');
    const columns = handColumns();
    writeParquetFile(file, columns, { pageVersion, codec, pageRows: 300 });
    const back = await duck(`SELECT * FROM read_parquet(${sq(file)}) ORDER BY id`);
    const rows = back.getRows();
    const wrong = [];
    columns.forEach((col, k) => {
      const i = col.values.findIndex((v, r) => String(rows[r]?.[k] ?? null) !== String(v));
      if (i >= 0) wrong.push(`${col.name} row ${i}: DuckDB ${String(rows[i]?.[k])}, written ${String(col.values[i])}`);
    });
    if (rows.length !== columns[0].values.length || wrong.length) {
      report(`d1/${name}`, [`the test's own file reads back wrong in DuckDB: ${wrong.join('; ')}`]);
      continue;
    }
    cases.push({ name, dir, file, columns: columns.slice(1).map((col) => ({ name: col.name, sluiceType: col.sluiceType,
      kind: col.kind, expected: col.name, label: `${col.physical} ${col.encoding}` })) });
  }

  // Which encodings and page types the matrix holds: each of DuckDB's must
  // be covered by some file, else the matrix has silently shrunk.
  const seen = new Map();  // "PAGE/ENCODING" -> example "case:column"
  for (const c of cases) {
    c.encodings = await fileEncodings(c.file);
    for (const [col, set] of c.encodings) for (const e of set) if (!seen.has(e)) seen.set(e, `${c.name}:${col}`);
  }
  writeFileSync(join(root, 'coverage.txt'), [...seen].map(([e, where]) => `${e}\t${where}`).sort().join('\n') + '\n');
  const needed = [];
  for (const page of ['DATA_PAGE', 'DATA_PAGE_V2']) {
    for (const e of ['PLAIN', 'RLE', 'RLE_DICTIONARY', 'DELTA_BINARY_PACKED', 'DELTA_LENGTH_BYTE_ARRAY',
      'DELTA_BYTE_ARRAY', 'BYTE_STREAM_SPLIT']) needed.push(`${page}/${e}`);
  }
  needed.push('DICTIONARY_PAGE/PLAIN');
  const missing = needed.filter((e) => !seen.has(e));
  report('d1/encoding coverage', missing.length ? [`no file has ${missing.join(', ')}`] : []);

  phase('d1: encodings read');

  // read_parquet(), if sluice has it yet.
  const probe = await sluice(join(WORK, 'wh', 'rp_probe'), `SELECT * FROM read_parquet(${sq(cases[0].file)})`);
  let rpSkip = null;
  if (runProblem(probe) && /read_parquet/i.test(probe.stderr) &&
      /not found|unknown|does not exist|not supported|no such|not a table function|FUNCTION_NOT_FOUND/i.test(probe.stderr)) {
    rpSkip = `sluice has no read_parquet() table function yet (${firstLines(probe.stderr, 1)})`;
  }
  const fill = cases.map(() => reserve());
  await pool(cases, 3, async (c, i) => fill[i](await readCase(c, rpSkip)));
  phase('d1: sluice read every file');

  // BROTLI: sluice must refuse it with an error naming the codec, not crash.
  {
    const dir = join(root, 'brotli');
    mkdirSync(dir, { recursive: true });
    await writeDuckFile(join(dir, 'data.parquet'), FLAT.slice(0, 3), 'plain', 'some', { copy: "COMPRESSION 'BROTLI'" });
    const r = await sluice(join(WORK, 'wh', 'brotli'), `CREATE EXTERNAL TABLE t (id bigint, b boolean, i8 tinyint, i16 smallint)
      STORED AS PARQUET LOCATION ${sq(dir + '/')}; SELECT * FROM t ORDER BY id`);
    const problems = [];
    if (r.signal) problems.push(`sluice crashed (signal ${r.signal}): ${firstLines(r.stderr)}`);
    else if (r.code === 0) problems.push('sluice read a BROTLI file without an error');
    else if (r.code !== 1) problems.push(`sluice exit ${r.code} (want 1): ${firstLines(r.stderr)}`);
    else if (!/brotli/i.test(r.stderr)) problems.push(`the error does not name BROTLI: ${firstLines(r.stderr)}`);
    else if (/internal error/i.test(r.stderr)) problems.push(`an internal error: ${firstLines(r.stderr)}`);
    report('d1/brotli rejected', problems);
  }
}

// ---------------------------------------------------------------------------
// Direction 2: sluice writes, DuckDB reads.
//
// The source is a CSV file (written here) that sluice reads as a table of
// every type sluice has; each case is a CTAS of it with one compression or
// session setting. DuckDB must describe the expected types, return the rows
// sluice's own SELECT over the source returns, see the codec asked for, and
// find right statistics in every column chunk.

const SOURCE = [
  ['b', 'boolean', 'BOOLEAN'], ['i8', 'tinyint', 'TINYINT'], ['i16', 'smallint', 'SMALLINT'],
  ['i32', 'int', 'INTEGER'], ['i64', 'bigint', 'BIGINT'], ['f32', 'real', 'FLOAT'], ['f64', 'double', 'DOUBLE'],
  ['s', 'varchar', 'VARCHAR'], ['s_low', 'varchar', 'VARCHAR'], ['d', 'date', 'DATE'], ['ts', 'timestamp(6)', 'TIMESTAMP'],
  ['dec4', 'decimal(4,2)', 'DECIMAL(4,2)'], ['dec9', 'decimal(9,2)', 'DECIMAL(9,2)'],
  ['dec18', 'decimal(18,3)', 'DECIMAL(18,3)'], ['dec38', 'decimal(38,10)', 'DECIMAL(38,10)'],
  ['all_null', 'int', 'INTEGER'],
].map(([name, sluiceType, duckType]) => ({ name, sluiceType, duckType, label: duckType, kind: kindOf(duckType) }));

function kindOf(duckType) {
  if (duckType === 'BOOLEAN') return 'bool';
  if (duckType === 'FLOAT') return 'real';
  if (duckType === 'DOUBLE') return 'double';
  if (duckType === 'VARCHAR') return 'varchar';
  if (duckType === 'DATE') return 'date';
  if (duckType.startsWith('TIMESTAMP')) return 'ts';
  if (duckType.startsWith('DECIMAL')) return 'dec';
  return 'int';
}

function sourceCsv(rows) {
  // A deterministic generator: the same file every run.
  let seed = 12345n;
  const rand = (n) => {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number((seed >> 33n) % BigInt(n));
  };
  const pick = (list) => list[rand(list.length)];
  const digits = (n) => Array.from({ length: n }, () => rand(10)).join('').replace(/^0+(?=\d)/, '');
  const pad2 = (n) => String(n).padStart(2, '0');
  const edges = {
    b: ['true', 'false'],
    i8: ['-128', '127', '0'], i16: ['-32768', '32767', '0'], i32: ['-2147483648', '2147483647', '0'],
    i64: ['-9223372036854775808', '9223372036854775807', '0'],
    f32: ['3.4028235E38', '-3.4028235E38', '1.4E-45', '-0.0', '0.1', 'NaN', 'Infinity', '-Infinity'],
    f64: ['1.7976931348623157E308', '-1.7976931348623157E308', '4.9E-324', '-0.0', '0.1', 'NaN', 'Infinity',
      '-Infinity', '1.0E21'],
    s: ['', 'a', 'long'.repeat(3000), 'héllo wörld', '日本語テキスト', '🦆 duck', 'with,comma', 'with "quote"',
      'line\nbreak', 'tab\tx', 'back\\slash'],
    d: ['0001-01-01', '9999-12-31', '1969-12-31', '1970-01-01', '2000-02-29'],
    ts: ['0001-01-01 00:00:00', '9999-12-31 23:59:59.999999', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:00',
      '2022-08-01 12:34:56.789', '2022-08-01 12:34:56.789012'],
    dec4: ['-99.99', '99.99', '0.00'], dec9: ['-9999999.99', '9999999.99', '0.00'],
    dec18: ['-999999999999999.999', '999999999999999.999', '0.000'],
    dec38: ['-9999999999999999999999999999.9999999999', '9999999999999999999999999999.9999999999', '0.0000000001'],
  };
  const sign = () => (rand(2) ? '-' : '');
  const gen = {
    b: () => pick(['true', 'false']),
    i8: () => String(rand(256) - 128), i16: () => String(rand(65536) - 32768),
    i32: () => String(rand(4294967296) - 2147483648),
    i64: () => sign() + digits(1 + rand(18)),
    f32: () => floatText(Math.fround((rand(2000000) - 1000000) / 7)),
    f64: () => String((rand(2000000000) - 1000000000) / 7 * Math.PI),
    s: () => `v${rand(100000000)}${rand(10) === 0 ? ' é日本' : ''}${rand(97) === 0 ? 'x'.repeat(3000) : ''}`,
    s_low: () => pick(['alpha', 'beta', 'gamma', 'δέλτα', '']),
    d: () => new Date(Date.UTC(1970, 0, 1) + (rand(200000) - 100000) * 86400000).toISOString().slice(0, 10),
    ts: () => {
      const t = new Date(Date.UTC(1900, 0, 1) + rand(4000000000000));
      return `${t.toISOString().slice(0, 10)} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}.${String(rand(1000000)).padStart(6, '0')}`;
    },
    dec4: () => `${sign()}${rand(100)}.${pad2(rand(100))}`,
    dec9: () => `${sign()}${rand(10000000)}.${pad2(rand(100))}`,
    dec18: () => `${sign()}${digits(1 + rand(15))}.${String(rand(1000)).padStart(3, '0')}`,
    dec38: () => `${sign()}${digits(1 + rand(28))}.${digits(10).padStart(10, '0')}`,
    all_null: () => null,
  };
  const field = (v) => (v === null ? '\\N' : /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [['id', ...SOURCE.map((c) => c.name)].join(',')];
  for (let i = 0; i < rows; ++i) {
    const row = [String(i)];
    SOURCE.forEach((c, k) => {
      let v;
      if (i === 0 || (i * (k + 3)) % 10 === 7) v = null;
      else if (edges[c.name] && i % 100 < edges[c.name].length) v = edges[c.name][i % 100];
      else v = gen[c.name]();
      row.push(field(v));
    });
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

// Small row groups and pages (sluice.parquet.row_group_size and page_size
// are bytes), so that most cases write several of each.
const SMALL = ['SET SESSION sluice.parquet.row_group_size = 131072', 'SET SESSION sluice.parquet.page_size = 8192'];
const V2 = 'SET SESSION sluice.parquet.page_version = 2';
const NO_DICT = 'SET SESSION sluice.parquet.dictionary = false';
const WRITES = [
  // name, WITH properties, session settings, what the chunks must show
  ['default', "format = 'PARQUET'", [], { codec: 'SNAPPY', dictionary: true }],
  ['snappy', "format = 'PARQUET', write_compression = 'SNAPPY'", [], { codec: 'SNAPPY' }],
  ['none', "format = 'PARQUET', write_compression = 'NONE'", SMALL, { codec: 'UNCOMPRESSED', dictionary: true }],
  ['gzip', "format = 'PARQUET', write_compression = 'GZIP'", SMALL, { codec: 'GZIP' }],
  ['zstd-level3', "format = 'PARQUET', write_compression = 'ZSTD', compression_level = 3", SMALL, { codec: 'ZSTD' }],
  ['lz4', "format = 'PARQUET', write_compression = 'LZ4'", SMALL, { codec: 'LZ4_RAW' }],
  ['pagev2-zstd', "format = 'PARQUET', write_compression = 'ZSTD'", [...SMALL, V2], { codec: 'ZSTD', pageV2: true }],
  ['pagev2-uncompressed', "format = 'PARQUET', write_compression = 'NONE'", [V2],
    { codec: 'UNCOMPRESSED', pageV2: true, dictionary: true }],
  ['nodict-snappy', "format = 'PARQUET', write_compression = 'SNAPPY'", [...SMALL, NO_DICT],
    { codec: 'SNAPPY', noDictionary: true }],
  ['pagev2-nodict-gzip', "format = 'PARQUET', write_compression = 'GZIP'", [...SMALL, V2, NO_DICT],
    { codec: 'GZIP', pageV2: true, noDictionary: true }],
];

async function direction2() {
  const root = join(WORK, 'd2');
  const srcDir = join(root, 'source');
  mkdirSync(srcDir, { recursive: true });
  writeFileSync(join(srcDir, 'source.csv'), sourceCsv(3000));
  const createSource = `CREATE EXTERNAL TABLE src (id bigint, ${SOURCE.map((c) => `${c.name} ${c.sluiceType}`).join(', ')})
    ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' NULL DEFINED AS '\\N' LOCATION ${sq(srcDir + '/')}
    TBLPROPERTIES ('skip.header.line.count' = '1', 'sluice.csv.bad_value' = 'error')`;
  const companions = SOURCE.filter((c) => TEXT_KINDS.has(c.kind)).map((c) => `, ${c.name} IS NULL AS ${c.name}_isnull`).join('');
  const source = await sluice(join(WORK, 'wh', 'd2_source'), `${createSource}; SELECT *${companions} FROM src ORDER BY id`);
  const sourceProblem = runProblem(source);
  if (sourceProblem) {
    report('d2/source (sluice reads the CSV source)', [sourceProblem]);
  } else {
    const n = parseCsv(source.stdout).length - 1;
    report('d2/source (sluice reads the CSV source)', n === 3000 ? [] : [`${n} rows, want 3000`]);
  }
  const fill = WRITES.map(() => reserve());
  await pool(WRITES, 3, async ([name, props, settings, want], i) => {
    const entries = [];
    const report = (...a) => entries.push(a);  // printed in order, by fill[i]
    await writeAndCheck(name, props, settings, want, report);
    fill[i](entries);
  });

  async function writeAndCheck(name, props, settings, want, report) {
    const dir = join(root, name);
    const wh = join(WORK, 'wh', `d2_${name}`);
    const r = await sluice(wh, [...settings, createSource,
      `CREATE TABLE t WITH (${props}, external_location = ${sq(dir + '/')}) AS SELECT * FROM src`].join('; '));
    const p = runProblem(r);
    if (p) return report(`d2/${name} write`, [p], { notBuilt: NOT_BUILT_RE.test(r.stderr) });
    const files = listParquet(dir);
    if (files.length === 0) return report(`d2/${name} write`, [`no .parquet file under ${dir}`]);
    report(`d2/${name} write`, []);
    await checkWritten(name, dir, files, want, sourceProblem ? null : source.stdout, report);
  }
}

function listParquet(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!e.name.startsWith('_') && !e.name.startsWith('.')) walk(join(d, e.name));
      } else if (!e.name.startsWith('_') && !e.name.startsWith('.')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

async function checkWritten(name, dir, files, want, sourceCsvOut, report) {
  const list = `[${files.map(sq).join(', ')}]`;
  // Types.
  {
    const got = new Map((await duckRows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${list}))`))
      .map(([n, t]) => [n, t]));
    const problems = [];
    for (const c of [{ name: 'id', duckType: 'BIGINT' }, ...SOURCE]) {
      if (got.get(c.name) !== c.duckType) problems.push(`${c.name}: DuckDB sees ${got.get(c.name) ?? 'no such column'}, want ${c.duckType}`);
    }
    const extra = [...got.keys()].filter((k) => k !== 'id' && !SOURCE.some((c) => c.name === k));
    if (extra.length) problems.push(`extra columns ${extra.join(', ')}`);
    report(`d2/${name} types`, problems);
  }
  // Rows: DuckDB's reading of the files against sluice's SELECT of the source.
  if (sourceCsvOut !== null) {
    let problems;
    try {
      const r = await duck(`SELECT * FROM read_parquet(${list}) ORDER BY id`);
      const columns = [{ name: 'id', kind: 'int', label: 'BIGINT' }, ...SOURCE];
      problems = compareRows(columns, sourceCsvOut, duckWant(r, columns));
    } catch (e) {
      problems = [`DuckDB cannot read the files: ${e.message}`];
    }
    report(`d2/${name} rows`, problems);
  } else {
    report(`d2/${name} rows`, ['no reference: sluice could not read the CSV source']);
  }
  // Codec, statistics and pages of every column chunk.
  const meta = await duck(`SELECT file_name, row_group_id, row_group_num_rows, path_in_schema, compression, encodings,
      stats_null_count, stats_min_value, stats_max_value, min_is_exact, max_is_exact,
      dictionary_page_offset, data_page_offset, total_compressed_size
    FROM parquet_metadata(${list}) ORDER BY file_name, row_group_id, column_id`);
  const chunks = meta.getRowObjects();
  {
    const bad = chunks.filter((m) => m.compression !== want.codec);
    report(`d2/${name} codec ${want.codec}`, bad.length
      ? [`${bad.length} of ${chunks.length} chunks are ${[...new Set(bad.map((m) => m.compression))].join(', ')}`] : []);
  }
  report(`d2/${name} statistics`, await checkStatistics(list, chunks));
  {
    const problems = [];
    const dictionaryColumns = new Set();
    for (const m of chunks) {
      const where = `${m.file_name.slice(dir.length + 1)} rg ${m.row_group_id} ${m.path_in_schema}`;
      const dict = m.dictionary_page_offset;
      const start = dict !== null && dict > 0n && dict < m.data_page_offset ? dict : m.data_page_offset;
      let pages;
      try {
        pages = chunkPages(m.file_name, start, m.total_compressed_size);
      } catch (e) {
        problems.push(`${where}: pages unreadable: ${e.message}`);
        continue;
      }
      const listed = new Set(m.encodings.split(', '));
      for (const p of pages) {
        if (!listed.has(p.encoding)) problems.push(`${where}: a ${p.type} in ${p.encoding}, which the chunk's encodings (${m.encodings}) omit`);
      }
      const dataPages = pages.filter((p) => p.type !== 'DICTIONARY_PAGE');
      if (want.pageV2 && dataPages.some((p) => p.type !== 'DATA_PAGE_V2')) {
        problems.push(`${where}: data pages ${[...new Set(dataPages.map((p) => p.type))].join(', ')}, want DATA_PAGE_V2 (sluice.parquet.page_version = 2)`);
      }
      const hasDict = pages.some((p) => p.type === 'DICTIONARY_PAGE') || /DICTIONARY/.test(m.encodings) ||
        (dict !== null && dict > 0n);
      if (want.noDictionary && hasDict) problems.push(`${where}: dictionary-encoded (${m.encodings}) despite sluice.parquet.dictionary = false`);
      if (hasDict) dictionaryColumns.add(m.path_in_schema);
    }
    if (want.dictionary && !dictionaryColumns.has('s_low')) {
      problems.push('s_low (five distinct values) has no dictionary: the default should use one where it pays');
    }
    const shown = problems.length > 8 ? [...problems.slice(0, 8), `… and ${problems.length - 8} more`] : problems;
    report(`d2/${name} pages${want.pageV2 ? ' (v2)' : ''}${want.noDictionary ? ' (no dictionary)' : ''}`, shown);
  }
}

// Each chunk's null_count, min_value and max_value against DuckDB's own
// aggregates over the chunk's rows (NaN excluded from min/max, as the
// Parquet spec asks). Strings may be truncated when marked inexact.
let statsTables = 0;
async function checkStatistics(list, chunks) {
  const problems = [];
  // Tables of this case's own: the cases are checked concurrently.
  const rg = `rg_${++statsTables}`;
  const data = `data_${statsTables}`;
  const raw = {};
  await duck(`CREATE OR REPLACE TEMP TABLE ${rg} AS SELECT file_name, row_group_id, row_group_num_rows AS n,
      sum(row_group_num_rows) OVER (PARTITION BY file_name ORDER BY row_group_id) - row_group_num_rows AS start
    FROM (SELECT DISTINCT file_name, row_group_id, row_group_num_rows FROM parquet_metadata(${list}))`);
  await duck(`CREATE OR REPLACE TEMP TABLE ${data} AS SELECT * FROM read_parquet(${list}, filename = true, file_row_number = true)`);
  for (const c of [{ name: 'id', duckType: 'BIGINT', kind: 'int' }, ...SOURCE]) {
    const filter = c.kind === 'real' || c.kind === 'double' ? ` FILTER (WHERE NOT isnan(data.${c.name}))` : '';
    const rows = await duck(`SELECT rg.file_name, rg.row_group_id, count(*) - count(data.${c.name}) AS nulls,
        min(data.${c.name})${filter} AS mn, max(data.${c.name})${filter} AS mx
      FROM ${rg} rg JOIN ${data} data ON data.filename = rg.file_name AND data.file_row_number >= rg.start
        AND data.file_row_number < rg.start + rg.n
      GROUP BY ALL ORDER BY ALL`);
    const expected = new Map(rows.getRowObjects().map((e) => [`${e.file_name}|${e.row_group_id}`, e]));
    for (const m of chunks.filter((x) => x.path_in_schema === c.name)) {
      const e = expected.get(`${m.file_name}|${m.row_group_id}`);
      const where = `${c.name} rg ${m.row_group_id}`;
      if (!e) {
        problems.push(`${where}: no rows found for the chunk`);
        continue;
      }
      if (m.stats_null_count === null) problems.push(`${where}: no null_count`);
      else if (m.stats_null_count !== e.nulls) problems.push(`${where}: null_count ${m.stats_null_count}, want ${e.nulls}`);
      for (const [label, stat, exact, value, cmp] of [
        ['min', m.stats_min_value, m.min_is_exact, e.mn, '<='], ['max', m.stats_max_value, m.max_is_exact, e.mx, '>=']]) {
        if (value === null) {
          if (stat !== null) problems.push(`${where}: ${label}_value ${show(stat)} in a chunk of nulls only`);
          continue;
        }
        if (stat === null && (value === Infinity || value === -Infinity)) {
          // DuckDB's parquet_metadata() shows infinite statistics as NULL:
          // read the footer's bytes instead.
          raw[m.file_name] ??= rawStatistics(m.file_name);
          const bytes = raw[m.file_name].get(`${m.row_group_id}|${c.name}`)?.[label];
          const got = !bytes ? null : bytes.length === 4 ? bytes.readFloatLE(0) : bytes.length === 8 ? bytes.readDoubleLE(0) : NaN;
          if (got !== value) problems.push(`${where}: ${label}_value ${got === null ? 'absent' : got}, want ${value}`);
          continue;
        }
        if (stat === null) {
          problems.push(`${where}: no ${label}_value (want ${show(String(value))})`);
          continue;
        }
        // Compare as the column's type, in DuckDB.
        const [[ok, okBound]] = await duckRows(`SELECT TRY_CAST(${sq(stat)} AS ${c.duckType}) = $v,
            TRY_CAST(${sq(stat)} AS ${c.duckType}) ${cmp} $v`.replace(/\$v/g, literal(c, value)));
        const truncatedOk = c.kind === 'varchar' && exact === false && okBound;
        if (!ok && !truncatedOk) problems.push(`${where}: ${label}_value ${show(stat)}, want ${show(String(value))}`);
      }
    }
  }
  await duck(`DROP TABLE ${rg}; DROP TABLE ${data}`);
  return problems.length > 12 ? [...problems.slice(0, 12), `… and ${problems.length - 12} more`] : problems;
}

function literal(c, value) {
  if (c.kind === 'real' || c.kind === 'double') {
    return `${sq(c.kind === 'real' ? floatText(value) : doubleText(value))}::${c.duckType}`;
  }
  return `${sq(String(value))}::${c.duckType}`;
}

// ---------------------------------------------------------------------------
// Direction 3: types a CSV source cannot hold, written by a CTAS over VALUES.
// DuckDB must describe the column as `duckType` and show, row by row, the
// text `duckText` makes of it; sluice must read its own file back with the
// same type and values. Also DuckDB writes such a column and sluice reads it.

const NEW_TYPES = [
  { name: 'varbinary', sluiceType: 'varbinary', values: ["X'00FF'", "X''", "X'616263'", 'NULL'],
    duckType: 'BLOB', duckText: (c) => `hex(${c})`, want: ['00FF', '', '616263', null],
    sluiceWant: ['00 ff', '', '61 62 63', ''],
    duckValues: ["'\\x00\\xFF'::BLOB", "''::BLOB", "'abc'::BLOB", 'NULL'] },
  { name: 'json', sluiceType: 'json', values: [`JSON '{"b":1,"a":[1,2.5]}'`, "JSON 'null'", `JSON '"x"'`, 'NULL'],
    duckType: 'JSON', duckText: (c) => `CAST(${c} AS VARCHAR)`, want: ['{"a":[1,2.5],"b":1}', 'null', '"x"', null],
    sluiceWant: ['{"a":[1,2.5],"b":1}', 'null', '"x"', ''],
    duckValues: [`'{"a":[1,2.5],"b":1}'::JSON`, "'null'::JSON", `'"x"'::JSON`, 'NULL'] },
];

async function direction3() {
  const root = join(WORK, 'd3');
  await pool(NEW_TYPES, 2, async (t) => {
    const dir = join(root, t.name);
    const rows = t.values.map((v, i) => `(${i + 1}, ${v})`).join(', ');
    const r = await sluice(join(WORK, 'wh', `d3_${t.name}`), [
      `CREATE TABLE t WITH (external_location = ${sq(dir + '/')}) AS SELECT * FROM (VALUES ${rows}) AS v (id, c)`,
      `SELECT typeof(c), c FROM read_parquet(${sq(dir + '/')}) ORDER BY id`].join('; '));
    const p = runProblem(r);
    if (p) return report(`d3/${t.name} write`, [p], { notBuilt: NOT_BUILT_RE.test(r.stderr) });
    const problems = [];
    const back = parseCsv(r.stdout).slice(1);
    back.forEach(([type, text], i) => {
      if (type !== t.sluiceType) problems.push(`sluice reads row ${i + 1} back as ${type}, want ${t.sluiceType}`);
      if (text !== t.sluiceWant[i]) problems.push(`sluice reads row ${i + 1} back as ${show(text)}, want ${show(t.sluiceWant[i])}`);
    });
    const list = `[${listParquet(dir).map(sq).join(', ')}]`;
    const [[duckType]] = await duckRows(`SELECT column_type FROM (DESCRIBE SELECT c FROM read_parquet(${list}))`);
    if (duckType !== t.duckType) problems.push(`DuckDB sees ${duckType}, want ${t.duckType}`);
    const got = (await duckRows(`SELECT ${t.duckText('c')} FROM read_parquet(${list}) ORDER BY id`)).map(([v]) => v);
    got.forEach((v, i) => {
      if (v !== t.want[i]) problems.push(`DuckDB reads row ${i + 1} as ${show(v)}, want ${show(t.want[i])}`);
    });
    report(`d3/${t.name} sluice → DuckDB`, problems);

    // DuckDB writes the type; sluice reads it.
    const file = join(root, `${t.name}_duck.parquet`);
    await duck(`COPY (SELECT * FROM (VALUES ${t.duckValues.map((v, i) => `(${i + 1}, ${v})`).join(', ')}) AS v (id, c))
      TO ${sq(file)} (FORMAT PARQUET)`);
    const s = await sluice(join(WORK, 'wh', `d3_${t.name}_read`),
      `SELECT typeof(c), c FROM read_parquet(${sq(file)}) ORDER BY id`);
    const q = runProblem(s);
    if (q) return report(`d3/${t.name} DuckDB → sluice`, [q], { notBuilt: NOT_BUILT_RE.test(s.stderr) });
    const read = [];
    parseCsv(s.stdout).slice(1).forEach(([type, text], i) => {
      if (type !== t.sluiceType) read.push(`row ${i + 1}: ${type}, want ${t.sluiceType}`);
      if (text !== t.sluiceWant[i]) read.push(`row ${i + 1}: ${show(text)}, want ${show(t.sluiceWant[i])}`);
    });
    report(`d3/${t.name} DuckDB → sluice`, read);
  });
}

// ---------------------------------------------------------------------------

const started = Date.now();
const seconds = (t) => ((Date.now() - t) / 1000).toFixed(1);
await direction1();
const half = Date.now();
phase('d2: start');
await direction2();
phase('d3: start');
await direction3();
phase('end');
console.log(`\nparquet interop: ${counts.ok} ok, ${counts.FAIL} FAIL (${counts.notBuilt} marked [NOT BUILT]), ` +
  `${counts.SKIP} skipped; ${seconds(started)} s (DuckDB → sluice ${((half - started) / 1000).toFixed(1)} s, ` +
  `sluice → DuckDB ${seconds(half)} s)`);
if (failed.length) {
  console.log('failed:');
  for (const f of failed) console.log(`  ${f}`);
}
process.exit(counts.FAIL ? 1 : 0);
