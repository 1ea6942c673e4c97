// Differential test: random but valid queries over the seed's feed, run by
// sluice and by DuckDB (npm @duckdb/node-api) on the same CSV files, results
// compared. Run by tests/integration/differential.sh (see there).
//
//   node differential.mjs SLUICE FEED_DIR WORKDIR [QUERIES] [SEED]
//
// Queries filter, compute, aggregate (grouped or not, with FILTER clauses)
// and order; some join feed to a per-key aggregate of itself
// (INNER/LEFT/RIGHT/FULL with ON, USING, or a comma join with the equality
// in WHERE; inner ones sometimes to a third relation too); some compute
// window functions (see windowCall); some hold IN, EXISTS, scalar and
// quantified subqueries, uncorrelated or correlated; some group by ROLLUP,
// CUBE or GROUPING SETS.
//
// Each query is generated once as a tree and printed twice, in Trino's
// dialect for sluice and in DuckDB's, so that the comparison checks meaning,
// not spelling. Results are compared as multisets of rows unless the query
// orders every output column (then in order); doubles with a tolerance of
// 1e-9 (relative, absolute below 1), as sums may add in a different order.
//
// Known dialect differences between Trino and DuckDB, which the printer
// translates or the generator avoids:
// - integer / integer truncates in Trino, is a double in DuckDB (printed as
//   `//` for DuckDB);
// - concat() with a NULL is NULL in Trino, skips the NULL in DuckDB (printed
//   as `||` for DuckDB);
// - regexp_replace replaces every match in Trino, the first in DuckDB unless
//   given 'g'; regexp_like is DuckDB's regexp_matches;
// - split_part past the last part is NULL in Trino, '' in DuckDB (printed
//   with nullif(..., '') for DuckDB, on regions, whose parts are never empty);
// - count_if over no rows is 0 in Trino, NULL in DuckDB (printed as
//   count(CASE WHEN p THEN 1 END) for DuckDB);
// - greatest/least with a NULL argument are NULL in Trino, ignore it in
//   DuckDB (arguments are wrapped in coalesce);
// - date_format/date_parse take MySQL specifiers (%i minutes), DuckDB's
//   strftime/strptime C ones (%M); date_add('day', n, t) is t + to_days(n);
//   day_of_week is DuckDB's isodow;
// - empty CSV fields are '' for Hive text strings in sluice (as in Athena),
//   NULL by default in DuckDB (read with force_not_null for strings);
// - a bare 2.5 is DECIMAL in Trino, DuckDB and sluice; doubles are written
//   2.5e0 for both;
// - integer overflow is an error in both, so products stay small;
// - arrays: split is DuckDB's string_split, cardinality len, array_join
//   array_to_string, array_sort/array_distinct list_sort/list_distinct
//   (no NULL elements arise), element_at(a, i) a[i] (NULL past the end in
//   both), transform list_transform and reduce over lengths list_sum (split
//   never gives an empty array); CROSS JOIN UNNEST(a) AS u (x) is a comma
//   join with unnest(a) AS u (x);
// - listagg(x, sep) WITHIN GROUP (ORDER BY k) is string_agg(x, sep ORDER BY k);
//   max_by(x, y, n) is arg_max(x, y, n).
//
// Prints `FAIL <n>: <what>` with both texts for each difference, then a
// summary; exits 1 when any query differed or failed in only one engine.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(join(here, '../../tools/duckdb/package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [SLUICE, FEED, WORK, QUERIES = '300', SEED = '1'] = process.argv.slice(2);
if (!SLUICE || !FEED || !WORK) {
  process.stderr.write('usage: node differential.mjs SLUICE FEED_DIR WORKDIR [QUERIES] [SEED]\n');
  process.exit(2);
}
// DIFF_ONLY=272,108 runs only those queries of the seed's sequence (to debug one).
const ONLY = (process.env.DIFF_ONLY || '').split(',').filter(Boolean).map(Number);
const JOBS = 2;  // sluice processes at once (a 2-core machine)
const WAREHOUSE = join(WORK, 'warehouse');

const STRING_COLUMNS = ['year', 'month', 'day', 'customer_id', 'product_code', 'product_title', 'instance_type',
                        'region', 'usage_unit_type', 'currency'];
const DOUBLE_COLUMNS = ['usage_quantity', 'estimated_revenue'];
const COLUMNS = [...STRING_COLUMNS.slice(0, 9), ...DOUBLE_COLUMNS, 'currency'];

// ---------------------------------------------------------------------------
// A seeded generator (mulberry32), so that a failure is reproducible with its seed.

let state = Number(SEED) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const chance = (p) => random() < p;

// An expression: its text for sluice (s), for DuckDB (d) and its type:
// 'double', 'int', 'str', 'bool' or 'ts'.
const e = (s, d, t) => ({ s, d: d ?? s, t });
const same = (text, t) => e(text, text, t);
const call = (f, args, t, duckName = f) =>
  e(`${f}(${args.map((a) => a.s).join(', ')})`, `${duckName}(${args.map((a) => a.d).join(', ')})`, t);
const infix = (op, a, b, t, duckOp = op) => e(`(${a.s} ${op} ${b.s})`, `(${a.d} ${duckOp} ${b.d})`, t);
const quote = (v) => `'${v.replace(/'/g, "''")}'`;

let samples = {};  // column -> some of its values, for literals that match rows

function strLiteral(column) { return same(quote(pick(samples[column] ?? ['x'])), 'str'); }
function doubleLiteral() { return same(`${int(0, 900)}.${int(0, 99)}e0`, 'double'); }
function intLiteral() { return same(String(int(1, 20)), 'int'); }

function intLeaf() {
  return pick([
    () => same('CAST(day AS integer)', 'int'),
    () => same('CAST(month AS integer)', 'int'),
    () => same('(CAST(year AS integer) - 2000)', 'int'),
    intLiteral,
  ])();
}
function doubleLeaf() { return chance(0.8) ? same(pick(DOUBLE_COLUMNS), 'double') : doubleLiteral(); }
function strLeaf() { return same(pick(STRING_COLUMNS), 'str'); }

function intExpr(depth) {
  if (depth <= 0 || chance(0.35)) return intLeaf();
  const month = same('CAST(month AS integer)', 'int');  // 1..12: never zero
  return pick([
    () => infix('+', intExpr(depth - 1), intExpr(depth - 1), 'int'),
    () => infix('-', intExpr(depth - 1), intLeaf(), 'int'),
    () => infix('*', intLeaf(), intLeaf(), 'int'),
    () => infix('%', intExpr(depth - 1), month, 'int'),
    () => infix('/', intExpr(depth - 1), month, 'int', '//'),
    () => call('abs', [intExpr(depth - 1)], 'int'),
    () => call('length', [strExpr(depth - 1)], 'int'),
    () => { const s = strExpr(depth - 1); return e(`length(to_utf8(${s.s}))`, `strlen(${s.d})`, 'int'); },
    () => call('strpos', [strExpr(depth - 1), same(quote(pick(['a', 'e', '-', '1', 'us'])), 'str')], 'int'),
    () => call('year', [tsExpr(depth - 1)], 'int'),
    () => call('day_of_week', [tsExpr(depth - 1)], 'int', 'isodow'),
    () => call('day_of_year', [tsExpr(depth - 1)], 'int', 'dayofyear'),
    () => dateDiff(depth - 1),
    () => {
      const a = splitExpr(depth - 1);
      return pick([
        () => e(`cardinality(${a.s})`, `len(${a.d})`, 'int'),
        () => e(`cardinality(array_distinct(${a.s}))`, `len(list_distinct(${a.d}))`, 'int'),
        () => e(`reduce(transform(${a.s}, x -> length(x)), 0, (acc, n) -> acc + n, acc -> acc)`,
                `list_sum(list_transform(${a.d}, x -> length(x)))`, 'int'),
      ])();
    },
  ])();
}
function dateDiff(depth) {
  const a = tsExpr(depth), b = tsExpr(depth);
  return e(`date_diff('day', ${a.s}, ${b.s})`, `date_diff('day', ${a.d}, ${b.d})`, 'int');
}

function doubleExpr(depth) {
  if (depth <= 0 || chance(0.3)) return doubleLeaf();
  const n = () => (chance(0.7) ? doubleExpr(depth - 1) : intExpr(depth - 1));
  return pick([
    () => infix('+', doubleExpr(depth - 1), n(), 'double'),
    () => infix('-', n(), doubleExpr(depth - 1), 'double'),
    () => infix('*', doubleExpr(depth - 1), chance(0.5) ? intLeaf() : doubleLeaf(), 'double'),
    () => call('abs', [doubleExpr(depth - 1)], 'double'),
    () => call('floor', [doubleExpr(depth - 1)], 'double'),
    () => call('ceil', [doubleExpr(depth - 1)], 'double'),
    () => call('round', [doubleExpr(depth - 1)], 'double'),
    () => call('sqrt', [call('abs', [doubleExpr(depth - 1)], 'double')], 'double'),
    () => call('coalesce', [doubleExpr(depth - 1), doubleLiteral()], 'double'),
    () => call('nullif', [doubleLeaf(), doubleLiteral()], 'double'),
    () => {
      const args = [doubleExpr(depth - 1), doubleExpr(depth - 1)].map((a) => call('coalesce', [a, same('0e0', 'double')], 'double'));
      return call(pick(['greatest', 'least']), args, 'double');
    },
    () => {
      const p = boolExpr(depth - 1), a = doubleExpr(depth - 1), b = doubleExpr(depth - 1);
      return e(`CASE WHEN ${p.s} THEN ${a.s} ELSE ${b.s} END`, `CASE WHEN ${p.d} THEN ${a.d} ELSE ${b.d} END`, 'double');
    },
    () => call('if', [boolExpr(depth - 1), doubleExpr(depth - 1), doubleExpr(depth - 1)], 'double'),
  ])();
}

function strExpr(depth) {
  if (depth <= 0 || chance(0.35)) return strLeaf();
  return pick([
    () => call('lower', [strExpr(depth - 1)], 'str'),
    () => call('upper', [strExpr(depth - 1)], 'str'),
    () => call('substr', [strExpr(depth - 1), same(String(int(1, 6)), 'int'), same(String(int(0, 8)), 'int')], 'str'),
    () => {
      const a = strExpr(depth - 1), b = strExpr(depth - 1);
      return e(`concat(${a.s}, ${b.s})`, `(${a.d} || ${b.d})`, 'str');
    },
    () => call('replace', [strExpr(depth - 1), same(quote(pick(['a', '-', '1', 'east'])), 'str'),
                           same(quote(pick(['', '_', 'XY'])), 'str')], 'str'),
    () => call('trim', [strExpr(depth - 1)], 'str'),
    () => call('reverse', [strExpr(depth - 1)], 'str'),
    () => call(pick(['lpad', 'rpad']), [strExpr(depth - 1), same(String(int(0, 14)), 'int'), same("'*'", 'str')], 'str'),
    () => {
      const s = strExpr(depth - 1);
      return e(`regexp_replace(${s.s}, '[aeiou]+', '_')`, `regexp_replace(${s.d}, '[aeiou]+', '_', 'g')`, 'str');
    },
    () => {
      // Regions have three non-empty parts, or are empty: part 1 of '' is ''.
      const k = int(1, 3);
      const duck = k === 1 ? `split_part(region, '-', 1)` : `nullif(split_part(region, '-', ${k}), '')`;
      return e(`split_part(region, '-', ${k})`, duck, 'str');
    },
    () => {
      const t = tsExpr(depth - 1);
      return e(`date_format(${t.s}, '%Y/%m')`, `strftime(${t.d}, '%Y/%m')`, 'str');
    },
    // Binary functions through to_utf8: DuckDB hashes and encodes text directly.
    () => {
      const s = strExpr(depth - 1), f = pick(['md5', 'sha256']);
      return e(`to_hex(${f}(to_utf8(${s.s})))`, `upper(${f}(${s.d}))`, 'str');
    },
    () => { const s = strExpr(depth - 1); return e(`to_hex(to_utf8(${s.s}))`, `hex(${s.d})`, 'str'); },
    () => { const s = strExpr(depth - 1); return e(`to_base64(to_utf8(${s.s}))`, `to_base64(encode(${s.d}))`, 'str'); },
    () => {
      const s = strExpr(depth - 1);
      return e(`from_utf8(from_base64(to_base64(to_utf8(${s.s}))))`, s.d, 'str');
    },
    () => {
      const a = splitExpr(depth - 1), i = int(1, 3);
      return e(`element_at(${a.s}, ${i})`, `${a.d}[${i}]`, 'str');
    },
    () => {
      const a = splitExpr(depth - 1), sep = quote(pick(['|', '', ', ']));
      return pick([
        () => e(`array_join(array_sort(${a.s}), ${sep})`, `array_to_string(list_sort(${a.d}), ${sep})`, 'str'),
        () => e(`array_join(${a.s}, ${sep})`, `array_to_string(${a.d}, ${sep})`, 'str'),
      ])();
    },
  ])();
}

// An array(varchar): a string split on a separator.
function splitExpr(depth) {
  const s = strExpr(depth), sep = quote(pick(['-', 'a', 'e', '1']));
  return e(`split(${s.s}, ${sep})`, `string_split(${s.d}, ${sep})`, 'array');
}

function tsExpr(depth) {
  const base = e("date_parse(concat(year, '-', month, '-', day), '%Y-%m-%d')",
                 "strptime(year || '-' || month || '-' || day, '%Y-%m-%d')", 'ts');
  if (depth <= 0 || chance(0.4)) return base;
  return pick([
    () => {
      const t = tsExpr(depth - 1), unit = pick(['month', 'year', 'day']);
      return e(`date_trunc('${unit}', ${t.s})`, `date_trunc('${unit}', ${t.d})`, 'ts');
    },
    () => {
      const t = tsExpr(depth - 1), n = int(-40, 40);
      return e(`date_add('day', ${n}, ${t.s})`, `(${t.d} + to_days(${n}))`, 'ts');
    },
    // Interval arithmetic: both clamp months to the month's end. Whole days
    // only: timestamps stay at midnight, where the dialects' date_diff agree
    // (Trino counts whole units, DuckDB boundaries crossed).
    () => {
      const t = tsExpr(depth - 1), n = int(0, 40), unit = pick(['DAY', 'MONTH', 'YEAR']), op = pick(['+', '-']);
      return e(`(${t.s} ${op} INTERVAL '${n}' ${unit})`, `(${t.d} ${op} INTERVAL '${n}' ${unit})`, 'ts');
    },
  ])();
}

function boolExpr(depth) {
  const cmp = () => pick(['=', '<>', '<', '<=', '>', '>=']);
  const leafs = [
    () => infix(cmp(), doubleExpr(depth - 1), doubleExpr(depth - 1), 'bool'),
    () => infix(cmp(), intExpr(depth - 1), intLeaf(), 'bool'),
    () => { const c = pick(STRING_COLUMNS); return infix(cmp(), same(c, 'str'), strLiteral(c), 'bool'); },
    () => {
      const c = pick(STRING_COLUMNS);
      const values = [strLiteral(c), strLiteral(c), strLiteral(c)].map((v) => v.s).join(', ');
      return same(`${c} ${chance(0.3) ? 'NOT ' : ''}IN (${values})`, 'bool');
    },
    () => {
      const x = doubleLeaf();
      const lo = int(0, 500), hi = lo + int(0, 500);
      return e(`${x.s} BETWEEN ${lo}e0 AND ${hi}e0`, `${x.d} BETWEEN ${lo}e0 AND ${hi}e0`, 'bool');
    },
    () => same(`${pick(DOUBLE_COLUMNS)} IS ${chance(0.5) ? 'NOT ' : ''}NULL`, 'bool'),
    () => likeExpr(depth - 1),
    () => call('regexp_like', [strExpr(depth - 1), same(quote(pick(['^[a-m]', '[0-9]$', 'east', 'a.*e'])), 'str')], 'bool', 'regexp_matches'),
    () => call('starts_with', [strExpr(depth - 1), same(quote(pick(['a', 'us', 'm5', '1'])), 'str')], 'bool'),
  ];
  if (depth <= 0 || chance(0.5)) return pick(leafs)();
  return pick([
    () => infix('AND', boolExpr(depth - 1), boolExpr(depth - 1), 'bool'),
    () => infix('OR', boolExpr(depth - 1), boolExpr(depth - 1), 'bool'),
    () => notExpr(depth - 1),
  ])();
}

function likeExpr(depth) {
  const s = strExpr(depth), p = pick(['%a%', 'us-%', '%1', '_u%', '%']);
  return e(`${s.s} LIKE '${p}'`, `${s.d} LIKE '${p}'`, 'bool');
}
function notExpr(depth) {
  const b = boolExpr(depth);
  return e(`(NOT ${b.s})`, `(NOT ${b.d})`, 'bool');
}
function predicate(depth) { return boolExpr(depth); }

// Output columns: timestamps are printed as text the same way by both.
function output(x) {
  if (x.t !== 'ts') return x;
  return e(`date_format(${x.s}, '%Y-%m-%d %H:%i:%s')`, `strftime(${x.d}, '%Y-%m-%d %H:%M:%S')`, 'str');
}
function anyExpr(depth) {
  return pick([() => doubleExpr(depth), () => intExpr(depth), () => strExpr(depth), () => output(tsExpr(depth)),
               () => dateDiff(depth), () => predicate(depth)])();
}

function aggregate(depth) {
  return pick([
    () => same('count(*)', 'int'),
    () => call('count', [anyExpr(depth)], 'int'),
    () => { const x = pick([strExpr, intExpr, doubleExpr])(depth); return e(`count(DISTINCT ${x.s})`, `count(DISTINCT ${x.d})`, 'int'); },
    () => { const x = intExpr(depth); return e(`sum(DISTINCT ${x.s})`, `sum(DISTINCT ${x.d})`, 'int'); },
    () => call('sum', [chance(0.5) ? doubleExpr(depth) : intExpr(depth)], 'double'),
    () => call('avg', [chance(0.5) ? doubleExpr(depth) : intExpr(depth)], 'double'),
    () => call(pick(['min', 'max']), [pick([doubleExpr, intExpr, strExpr])(depth)], 'any'),
    () => { const p = predicate(depth); return e(`count_if(${p.s})`, `count(CASE WHEN ${p.d} THEN 1 END)`, 'int'); },
    () => call(pick(['bool_and', 'bool_or']), [predicate(depth)], 'bool'),
    () => call(pick(['variance', 'var_samp', 'var_pop', 'stddev', 'stddev_samp', 'stddev_pop']),
               [chance(0.7) ? doubleExpr(depth) : intExpr(depth)], 'double'),
    () => {
      // corr and the regressions are NULL in Trino unless finite, NaN in
      // DuckDB for a constant argument: DuckDB's are wrapped (and so take
      // no FILTER clause).
      const f = pick(['covar_pop', 'covar_samp', 'corr', 'regr_slope', 'regr_intercept']);
      const y = pick([doubleExpr, intExpr])(depth), x = pick([doubleExpr, intExpr])(depth);
      const call = (k) => `${f}(${y[k]}, ${x[k]})`;
      if (f.startsWith('covar')) return e(call('s'), call('d'), 'double');
      return { ...e(call('s'), `CASE WHEN isfinite(${call('d')}) THEN ${call('d')} END`, 'double'), wrapped: true };
    },
    () => {
      // DuckDB refuses the logarithm of a negative number (Trino's is NaN),
      // and its geometric_mean is a macro, which takes no FILTER clause.
      const x = pick([doubleExpr, intExpr])(depth);
      return { ...e(`geometric_mean(abs(${x.s}) + 1)`, `geometric_mean(abs(${x.d}) + 1)`, 'double'), wrapped: true };
    },
    () => {
      // DuckDB's exact quantile_disc is the ceil(q·n)-th value, sluice's
      // digest the floor(q·n)-th from 0 (as Trino's), equal unless q·n is
      // whole: these q make it whole only for n a multiple of 1000.
      const x = chance(0.5) ? doubleExpr(depth) : intExpr(depth), q = pick(['0.013', '0.137', '0.371', '0.629', '0.863', '0.987']);
      return e(`approx_percentile(${x.s}, ${q})`, `quantile_disc(${x.d}, ${q})`, 'approx');
    },
    () => {
      // Ordered aggregates, the argument last among the keys so that only
      // equal values tie; NULLS spelled out (DuckDB's default differs in
      // places). listagg is DuckDB's string_agg, array_join array_to_string.
      // A key that reads a column (DuckDB refuses a literal as aggregate ORDER BY key).
      const k = pick([strLeaf, () => same(pick(DOUBLE_COLUMNS), 'double'), () => same('CAST(day AS integer)', 'int')])(),
        dir = pick(['', ' DESC']);
      const nulls = pick([' NULLS FIRST', ' NULLS LAST']);
      if (chance(0.5)) {
        const x = strExpr(depth), sep = pick(["','", "' | '", "''"]);
        return e(`listagg(${x.s}, ${sep}) WITHIN GROUP (ORDER BY ${k.s}${dir}${nulls}, ${x.s})`,
                 `string_agg(${x.d}, ${sep} ORDER BY ${k.d}${dir}${nulls}, ${x.d} NULLS LAST)`, 'str');
      }
      const x = intExpr(depth);
      if (chance(0.3)) {
        // The key is the value itself, so ties are equal values.
        const f = pick(['max_by', 'min_by']), n = int(1, 4);
        return { ...e(`array_join(${f}(${x.s}, ${x.s}, ${n}), ',')`,
                      `array_to_string(${f === 'max_by' ? 'arg_max' : 'arg_min'}(${x.d}, ${x.d}, ${n}), ',')`, 'str'),
                 wrapped: true };
      }
      // A scalar over the aggregate: no FILTER clause can follow it.
      return { ...e(`array_join(array_agg(${x.s} ORDER BY ${k.s}${dir}${nulls}, ${x.s}), ',')`,
                    `array_to_string(array_agg(${x.d} ORDER BY ${k.d}${dir}${nulls}, ${x.d} NULLS LAST), ',')`, 'str'),
               wrapped: true };
    },
  ])();
}

// An aggregate with a FILTER clause now and then (same syntax in both).
function filteredAggregate(depth) {
  const a = aggregate(depth);
  if (a.wrapped || !chance(0.25)) return a;
  const p = predicate(1);
  return e(`${a.s} FILTER (WHERE ${p.s})`, `${a.d} FILTER (WHERE ${p.d})`, a.t);
}

// ---------------------------------------------------------------------------
// Window functions. Only deterministic forms: functions that depend on the
// order of rows within a peer group (row_number, ntile, lag/lead, value
// functions, ROWS frames) get a total order (every column of feed, so that
// only identical rows tie, and those give identical results); ranking
// functions and RANGE/GROUPS frames, which treat peers alike, may have any
// ORDER BY. Doubles summed over frames may differ in the last bits (the
// comparison's tolerance covers that); variance and approx_distinct are left
// out for the same reason.

const ALL_COLUMNS = COLUMNS.map((c) => same(c, DOUBLE_COLUMNS.includes(c) ? 'double' : 'str'));

function orderItem(x) {
  const dir = chance(0.5) ? '' : pick([' ASC', ' DESC']);
  const nulls = chance(0.6) ? '' : pick([' NULLS FIRST', ' NULLS LAST']);
  return e(`${x.s}${dir}${nulls}`, `${x.d}${dir}${nulls}`, x.t);
}

// { s, d, order: 'none' | 'partial' | 'total' | 'numeric' }: a window
// specification's text (inside the parentheses) and what its ORDER BY allows.
function windowSpec() {
  const parts = Array.from({ length: int(0, 2) }, () => pick([strLeaf, () => intExpr(1)])());
  const kind = pick(['none', 'partial', 'total', 'total', 'numeric']);
  let order = [];
  if (kind === 'partial') order = Array.from({ length: int(1, 2) }, () => orderItem(pick([strLeaf, () => intExpr(1), doubleLeaf])()));
  if (kind === 'numeric') order = [orderItem(chance(0.5) ? same(pick(DOUBLE_COLUMNS), 'double') : intExpr(1))];
  if (kind === 'total') {
    const first = Array.from({ length: int(0, 2) }, () => orderItem(pick([strLeaf, () => intExpr(1), doubleLeaf])()));
    order = [...first, ...ALL_COLUMNS.map(orderItem)];
  }
  const text = (k) => [parts.length ? `PARTITION BY ${parts.map((x) => x[k]).join(', ')}` : '',
                       order.length ? `ORDER BY ${order.map((x) => x[k]).join(', ')}` : ''].filter(Boolean).join(' ');
  return { s: text('s'), d: text('d'), order: kind };
}

function frameBound(start) {
  const n = int(0, 3);
  return pick(start ? ['UNBOUNDED PRECEDING', `${n} PRECEDING`, 'CURRENT ROW', `${n} FOLLOWING`]
                    : [`${n} PRECEDING`, 'CURRENT ROW', `${n} FOLLOWING`, 'UNBOUNDED FOLLOWING']);
}
// A frame valid for `unit` (Trino's rules on which bounds may pair).
function frame(unit, offset = () => String(int(0, 3))) {
  const rank = (b) => (b.startsWith('UNBOUNDED P') ? 0 : b.endsWith('PRECEDING') ? 1 : b === 'CURRENT ROW' ? 2 :
                       b.endsWith(' FOLLOWING') && !b.startsWith('UNBOUNDED') ? 3 : 4);
  for (;;) {
    const a = frameBound(true).replace(/^\d+/, offset), b = frameBound(false).replace(/^\d+/, offset);
    const ra = rank(a), rb = rank(b);
    if ((ra === 2 && rb === 1) || (ra === 3 && rb <= 2)) continue;
    // An empty frame (3 FOLLOWING .. 1 FOLLOWING) counts -1 rows in DuckDB
    // 1.5.6; Trino and sluice count 0. Such frames are left out.
    const n = (x) => parseFloat(x);
    if (ra === rb && ra === 3 && n(a) > n(b)) continue;
    if (ra === rb && ra === 1 && n(a) < n(b)) continue;
    return `${unit} BETWEEN ${a} AND ${b}`;
  }
}

function windowAggregate() {
  const x = () => (chance(0.5) ? doubleExpr(1) : intExpr(1));
  const a = pick([
    () => same('count(*)', 'int'),
    () => call('count', [anyExpr(1)], 'int'),
    () => call('sum', [x()], 'double'),
    () => call('avg', [x()], 'double'),
    () => call(pick(['min', 'max']), [pick([doubleExpr, intExpr, strExpr])(1)], 'any'),
    () => { const p = predicate(1); return e(`count_if(${p.s})`, `count(CASE WHEN ${p.d} THEN 1 END)`, 'int'); },
    () => call(pick(['bool_and', 'bool_or']), [predicate(1)], 'bool'),
  ])();
  if (!chance(0.2)) return a;
  const p = predicate(1);
  return e(`${a.s} FILTER (WHERE ${p.s})`, `${a.d} FILTER (WHERE ${p.d})`, a.t);
}

// One window function call with a specification it is deterministic under.
function windowCall() {
  const spec = windowSpec();
  const over = (k, extra = '') => `OVER (${[spec[k], extra].filter(Boolean).join(' ')})`;
  const options = [() => {
    const a = windowAggregate();
    return e(`${a.s} ${over('s')}`, `${a.d} ${over('d')}`, a.t);
  }];
  if (spec.order !== 'none') {
    options.push(() => {
      const f = pick(['rank()', 'dense_rank()', 'percent_rank()', 'cume_dist()']);
      return e(`${f} ${over('s')}`, `${f} ${over('d')}`, 'any');
    });
    options.push(() => {
      const a = windowAggregate(), fr = frame('GROUPS');
      return e(`${a.s} ${over('s', fr)}`, `${a.d} ${over('d', fr)}`, a.t);
    });
  }
  if (spec.order === 'numeric') {
    options.push(() => {
      const a = windowAggregate(), fr = frame('RANGE', () => pick(['0', '1', '2.5e0', '10', '100']));
      return e(`${a.s} ${over('s', fr)}`, `${a.d} ${over('d', fr)}`, a.t);
    });
  }
  if (spec.order === 'total') {
    options.push(() => {
      const f = pick(['row_number()', `ntile(${int(1, 7)})`]);
      return e(`${f} ${over('s')}`, `${f} ${over('d')}`, 'int');
    });
    options.push(() => {
      const a = windowAggregate(), fr = frame('ROWS');
      return e(`${a.s} ${over('s', fr)}`, `${a.d} ${over('d', fr)}`, a.t);
    });
    options.push(() => {
      // lag/lead and the value functions, with IGNORE NULLS now and then
      // (inside the parentheses in DuckDB).
      const x = pick([doubleExpr, intExpr, strExpr])(1);
      const ignore = chance(0.3) ? ' IGNORE NULLS' : '';
      const fr = chance(0.5) ? frame('ROWS') : '';
      return pick([
        () => {
          const f = pick(['lag', 'lead']), k = int(0, 3);
          const def = chance(0.4) && x.t !== 'str' ? (x.t === 'int' ? ', 0' : ', 0e0') : '';
          return e(`${f}(${x.s}, ${k}${def})${ignore} ${over('s')}`, `${f}(${x.d}, ${k}${def}${ignore}) ${over('d')}`, x.t);
        },
        () => {
          const f = pick(['first_value', 'last_value']);
          return e(`${f}(${x.s})${ignore} ${over('s', fr)}`, `${f}(${x.d}${ignore}) ${over('d', fr)}`, x.t);
        },
        () => {
          const k = int(1, 3);
          return e(`nth_value(${x.s}, ${k})${ignore} ${over('s', fr)}`, `nth_value(${x.d}, ${k}${ignore}) ${over('d', fr)}`, x.t);
        },
      ])();
    });
  }
  return pick(options)();
}

// A window function over a grouped query's keys and aggregates.
function windowOverGroups(keys, aggs) {
  // Ranked by an aggregate that is no double: a double aggregate (var_pop,
  // avg) may differ in its last bits between engines, and so tie or not.
  const exact = aggs.filter((a) => a.t !== 'double' && a.t !== 'approx');
  const numeric = aggs.filter((a) => a.t === 'int' || a.t === 'double');
  const options = [() => same('count(*) OVER ()', 'int')];
  if (exact.length) {
    const agg = pick(exact);
    options.push(() => e(`rank() OVER (ORDER BY ${agg.s} DESC)`, `rank() OVER (ORDER BY ${agg.d} DESC)`, 'int'));
  }
  if (numeric.length) {
    const n = pick(numeric);
    options.push(() => e(`sum(${n.s}) OVER ()`, `sum(${n.d}) OVER ()`, 'double'));
  }
  if (keys.length) {
    const k = pick(keys);
    options.push(() => e(`dense_rank() OVER (ORDER BY ${k.s})`, `dense_rank() OVER (ORDER BY ${k.d})`, 'int'));
  }
  return pick(options)();
}

// FROM feed joined to a per-key aggregate of feed (j: jk, jv, jn), by ON
// (sometimes with a condition on feed's columns), USING or a comma join
// with the equality in WHERE: { from: {s, d}, where: {s, d} | null, cols }.
function joinedFrom() {
  if (chance(0.25)) {
    // A lateral UNNEST of each row's split string.
    const a = splitExpr(1);
    return { from: { s: `feed CROSS JOIN UNNEST(${a.s}) AS u (part)`, d: `feed, unnest(${a.d}) AS u (part)` },
             where: null, cols: [same('u.part', 'str')] };
  }
  const key = pick(['region', 'product_code', 'customer_id', 'instance_type', 'day', 'month']);
  const agg = aggregate(1);
  const subWhere = chance(0.5) ? predicate(1) : null;
  const using = chance(0.3);
  const sub = (k) => `(SELECT ${key}${using ? '' : ' AS jk'}, ${agg[k]} AS jv, count(*) AS jn FROM feed` +
    `${subWhere ? ` WHERE ${subWhere[k]}` : ''} GROUP BY 1) j`;
  const type = using ? pick(['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN'])
                     : pick(['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN', ',']);
  const cols = [same('j.jv', agg.t), same('j.jn', 'int')];
  if (!using) cols.push(same('j.jk', 'str'));
  // Inner joins sometimes take a third relation, a count per another key,
  // so that the join order is the planner's choice.
  const key2 = pick(['region', 'product_code', 'instance_type', 'currency', 'usage_unit_type']);
  const third = !using && (type === ',' || type === 'JOIN') && chance(0.4);
  const sub2 = `(SELECT ${key2} AS kk, count(*) AS kn FROM feed GROUP BY 1) k`;
  if (third) cols.push(same('k.kn', 'int'));
  if (type === ',') {
    const where = third ? same(`${key} = j.jk AND ${key2} = k.kk`, 'bool') : same(`${key} = j.jk`, 'bool');
    const tail = third ? `, ${sub2}` : '';
    return { from: { s: `feed, ${sub('s')}${tail}`, d: `feed, ${sub('d')}${tail}` }, where, cols };
  }
  if (using) {
    return { from: { s: `feed ${type} ${sub('s')} USING (${key})`, d: `feed ${type} ${sub('d')} USING (${key})` },
             where: null, cols };
  }
  const extra = chance(0.3) ? predicate(1) : null;
  const on = (k) => `${key} = j.jk${extra ? ` AND ${extra[k]}` : ''}`;
  const tail = third ? ` JOIN ${sub2} ON ${key2} = k.kk` : '';
  return { from: { s: `feed ${type} ${sub('s')} ON ${on('s')}${tail}`, d: `feed ${type} ${sub('d')} ON ${on('d')}${tail}` },
           where: null, cols };
}

// Subqueries in expressions over feed (an inner `feed` or `f2`; its bare
// columns are the inner query's), uncorrelated or correlated with the outer
// feed row by equalities and non-equalities. Their aggregates keep scalar
// subqueries at one row.
const CORRELATION_KEYS = ['region', 'product_code', 'customer_id', 'instance_type', 'month'];
function correlation() {
  const key = pick(CORRELATION_KEYS);
  const extra = pick(['', '', ' AND f2.day < feed.day', ' AND f2.estimated_revenue >= feed.estimated_revenue',
                      ' AND f2.region <> feed.region']);
  return `f2.${key} = feed.${key}${extra}`;
}
function subqueryPredicate() {
  const inner = chance(0.5) ? predicate(1) : null;
  const and = (k) => (inner ? ` AND ${inner[k]}` : '');
  const where = (k) => (inner ? ` WHERE ${inner[k]}` : '');
  return pick([
    () => {
      const c = pick(STRING_COLUMNS), not = chance(0.3) ? 'NOT ' : '';
      return e(`${c} ${not}IN (SELECT ${c} FROM feed${where('s')})`, `${c} ${not}IN (SELECT ${c} FROM feed${where('d')})`, 'bool');
    },
    () => {
      const c = pick(DOUBLE_COLUMNS), not = chance(0.5) ? 'NOT ' : '', corr = correlation();
      return e(`${c} ${not}IN (SELECT ${c} FROM feed f2 WHERE ${corr}${and('s')})`,
               `${c} ${not}IN (SELECT ${c} FROM feed f2 WHERE ${corr}${and('d')})`, 'bool');
    },
    () => {
      const c = correlation(), not = chance(0.3) ? 'NOT ' : '';
      return e(`${not}EXISTS (SELECT 1 FROM feed f2 WHERE ${c}${and('s')})`, `${not}EXISTS (SELECT 1 FROM feed f2 WHERE ${c}${and('d')})`, 'bool');
    },
    () => {
      const x = doubleExpr(1), op = pick(['=', '<>', '<', '<=', '>', '>=']), s = scalarSubquery(true);
      return e(`(${x.s} ${op} ${s.s})`, `(${x.d} ${op} ${s.d})`, 'bool');
    },
    () => {
      const c = pick(DOUBLE_COLUMNS), op = pick(['=', '<>', '<', '<=', '>', '>=']), q = pick(['ALL', 'ANY']);
      const corr = chance(0.5) ? ` WHERE ${correlation()}` : '';
      return same(`${c} ${op} ${q} (SELECT ${c} FROM feed f2${corr})`, 'bool');
    },
  ])();
}
function scalarSubquery(numeric = false) {
  const agg = pick(['count(*)', 'sum(estimated_revenue)', 'max(usage_quantity)', 'count(DISTINCT product_code)',
                    'avg(usage_quantity)', ...(numeric ? [] : ['min(day)'])]);
  const corr = chance(0.8) ? ` WHERE ${correlation()}` : '';
  const t = agg.startsWith('count') ? 'int' : agg.startsWith('min') ? 'str' : 'double';
  return same(`(SELECT ${agg} FROM feed f2${corr})`, t);
}

// GROUP BY ROLLUP / CUBE / GROUPING SETS over the key expressions (a plain
// key first, sometimes, for the cross product).
function groupingSets(keys) {
  const list = (k, xs) => xs.map((x) => x[k]).join(', ');
  const form = (k) => {
    const [first, ...rest] = keys;
    switch (shapeOfSets) {
      case 0: return `ROLLUP (${list(k, keys)})`;
      case 1: return `CUBE (${list(k, keys)})`;
      case 2: return `GROUPING SETS ((${list(k, keys)}), (${first[k]}), ())`;
      default: return rest.length ? `${first[k]}, ROLLUP (${list(k, rest)})` : `GROUPING SETS ((${first[k]}), ())`;
    }
  };
  const shapeOfSets = int(0, 3);
  return { s: form('s'), d: form('d') };
}

// One query: { sluice, duck, ordered }.
// Set operations: the same columns selected twice from feed, each side
// with its own filter (no doubles: only exact values are compared).
function setOperation() {
  const cols = Array.from({ length: int(1, 3) }, () => pick([strLeaf, () => strExpr(1), () => intExpr(1), () => predicate(1)])());
  const side = () => {
    const p = chance(0.8) ? predicate(2) : null;
    return { s: p ? ` WHERE ${p.s}` : '', d: p ? ` WHERE ${p.d}` : '' };
  };
  const a = side(), b = side();
  const op = pick(['INTERSECT ALL', 'EXCEPT ALL', 'INTERSECT', 'EXCEPT', 'UNION', 'UNION ALL']);
  const list = (k) => cols.map((c, i) => `${c[k]} AS c${i}`).join(', ');
  return {
    sluice: `SELECT ${list('s')} FROM feed${a.s} ${op} SELECT ${list('s')} FROM feed${b.s}`,
    duck: `SELECT ${list('d')} FROM feed${a.d} ${op} SELECT ${list('d')} FROM feed${b.d}`,
    ordered: false,
    approx: cols.map(() => false),
  };
}

function query() {
  if (chance(0.08)) return setOperation();
  const joined = chance(0.3) ? joinedFrom() : null;
  let where = chance(0.7) ? predicate(2) : null;
  if (chance(0.25)) {
    const sub = subqueryPredicate();
    where = where ? infix(pick(['AND', 'OR']), where, sub, 'bool') : sub;
  }
  if (joined?.where) where = where ? infix('AND', joined.where, where, 'bool') : joined.where;
  const whereS = where ? ` WHERE ${where.s}` : '', whereD = where ? ` WHERE ${where.d}` : '';
  const fromS = joined ? joined.from.s : 'feed', fromD = joined ? joined.from.d : 'feed';
  const shape = pick(['group', 'group', 'global', 'rows', 'window', 'window']);
  let cols = [];
  let tail = { s: '', d: '' };
  let ordered = false;
  if (shape === 'rows') {
    cols = Array.from({ length: int(1, 4) }, () => anyExpr(2));
    if (joined) cols.push(...joined.cols.filter(() => chance(0.6)));
    if (chance(0.15)) cols.push(chance(0.5) ? scalarSubquery() : subqueryPredicate());
    const order = cols.map((_, i) => String(i + 1)).join(', ');
    const limit = int(1, 30);
    tail = { s: ` ORDER BY ${order} LIMIT ${limit}`, d: ` ORDER BY ${order} LIMIT ${limit}` };
    ordered = true;
  } else if (shape === 'window') {
    cols = [...Array.from({ length: int(0, 2) }, () => anyExpr(1)), ...Array.from({ length: int(1, 3) }, windowCall)];
  } else {
    const keys = shape === 'group' ? Array.from({ length: int(1, 2) }, () => pick([strLeaf, () => strExpr(1), () => intExpr(1)])()) : [];
    // Not a double sum as a key: summed in another order, it differs in the last bits.
    const joinKeys = joined ? joined.cols.filter((c) => c.t !== 'double') : [];
    if (joinKeys.length && shape === 'group' && chance(0.5)) keys.push(pick(joinKeys));
    const aggs = Array.from({ length: int(1, 3) }, () => filteredAggregate(1));
    cols = [...keys, ...aggs];
    if (chance(0.25)) cols.push(windowOverGroups(keys, aggs));
    if (keys.length) {
      const having = chance(0.3) ? ` HAVING count(*) > ${int(0, 30)}` : '';
      const sets = chance(0.25) ? groupingSets(keys) : null;
      if (sets) {
        if (chance(0.5)) cols.push(e(`grouping(${keys.map((k) => k.s).join(', ')})`, `grouping(${keys.map((k) => k.d).join(', ')})`, 'int'));
        tail = { s: ` GROUP BY ${sets.s}${having}`, d: ` GROUP BY ${sets.d}${having}` };
      } else {
        const by = keys.map((_, i) => String(i + 1)).join(', ');
        tail = { s: ` GROUP BY ${by}${having}`, d: ` GROUP BY ${by}${having}` };
      }
    }
  }
  const list = (k) => cols.map((c, i) => `${c[k]} AS c${i}`).join(', ');
  return {
    sluice: `SELECT ${list('s')} FROM ${fromS}${whereS}${tail.s}`,
    duck: `SELECT ${list('d')} FROM ${fromD}${whereD}${tail.d}`,
    ordered,
    approx: cols.map((c) => c.t === 'approx'),
  };
}

// ---------------------------------------------------------------------------
// Running.

function runSluice(sql, format = 'json') {
  return new Promise((resolve) => {
    const child = spawn(SLUICE, ['sql', '--warehouse', WAREHOUSE, '--format', format, sql]);
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

const duckdb = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
let duckQueue = Promise.resolve();
function duck(sql) {
  const result = duckQueue.then(() => duckdb.runAndReadAll(sql));
  duckQueue = result.catch(() => {});
  return result;
}

// Canonical values: NULL, numbers (DuckDB's BIGINT and HUGEINT come as
// BigInt), booleans and strings.
function canonical(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  return v;
}
// `approx`: an approx_percentile column, compared with DuckDB's exact
// quantile_disc within 5% (exact below 1025 values, t-digest above).
function close(a, b, approx = false) {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return true;
    // Relative, and absolute near zero (a variance of equal values may come
    // out as 0 or as rounding noise).
    return Math.abs(a - b) <= (approx ? 0.05 : 1e-9) * Math.max(Math.abs(a), Math.abs(b), 1);
  }
  return false;
}
// A sort key that rows differing only in the last bits of a double share.
// Ten digits: window functions give many rows whose running averages agree
// in eight (two such rows sorted apart in the two engines would be paired
// wrongly), and the tolerance (1e-9) leaves the tenth to the engines.
// Approximate columns take no part.
function sortKey(row, approx) {
  return JSON.stringify(row.map((v, c) => (approx[c] ? null : typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
}

async function main() {
  const cols = COLUMNS.map((c) => `${c} ${DOUBLE_COLUMNS.includes(c) ? 'double' : 'string'}`).join(', ');
  const ddl = await runSluice(`CREATE EXTERNAL TABLE IF NOT EXISTS feed (${cols}) ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
    LOCATION '${FEED}/' TBLPROPERTIES ('skip.header.line.count'='1')`, 'csv');
  if (ddl.code !== 0) throw new Error(`sluice could not create the table: ${ddl.err}`);
  const duckColumns = COLUMNS.map((c) => `'${c}': '${DOUBLE_COLUMNS.includes(c) ? 'DOUBLE' : 'VARCHAR'}'`).join(', ');
  await duck(`CREATE TABLE feed AS SELECT * FROM read_csv('${FEED}/*.csv', header = true, quote = '"', escape = '"',
    columns = {${duckColumns}}, force_not_null = [${STRING_COLUMNS.map((c) => `'${c}'`).join(', ')}])`);
  for (const c of STRING_COLUMNS) {
    const rows = (await duck(`SELECT DISTINCT ${c} FROM feed ORDER BY 1 LIMIT 40`)).getRows();
    samples[c] = rows.map((r) => r[0]);
  }

  const n = Number(QUERIES);
  const queries = Array.from({ length: n }, query);
  let next = 0, failures = 0, bothFailed = 0, compared = 0;
  const timings = [];  // sluice's wall time per query: the slowest are printed
  const fail = (i, q, what) => {
    failures++;
    console.log(`FAIL ${i}: ${what}\n  sluice: ${q.sluice}\n  duckdb: ${q.duck}`);
  };
  async function worker() {
    while (next < n) {
      const i = next++;
      const q = queries[i];
      if (ONLY.length && !ONLY.includes(i)) continue;
      const started = performance.now();
      const [mine, theirs] = await Promise.all([
        runSluice(q.sluice).then((r) => ({ ...r, ms: performance.now() - started })),
        duck(q.duck).then((r) => ({ rows: r.getRowsJS() }), (error) => ({ error })),
      ]);
      timings.push({ i, ms: mine.ms, sql: q.sluice });
      if (mine.signal) { fail(i, q, `sluice crashed (${mine.signal}): ${mine.err.slice(0, 400)}`); continue; }
      const mineFailed = mine.code !== 0;
      if (mineFailed && theirs.error) { bothFailed++; continue; }
      if (mineFailed) { fail(i, q, `only sluice failed: ${mine.err.trim().slice(0, 400)}`); continue; }
      if (theirs.error) { fail(i, q, `only DuckDB failed: ${String(theirs.error.message).slice(0, 400)}`); continue; }
      const a = mine.out.split('\n').filter((l) => l.startsWith('{')).map((l) => Object.values(JSON.parse(l)).map(canonical));
      const b = theirs.rows.map((r) => r.map(canonical));
      if (!q.ordered) {
        const key = (row) => sortKey(row, q.approx);
        a.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
        b.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
      }
      compared++;
      if (a.length !== b.length) { fail(i, q, `${a.length} rows from sluice, ${b.length} from DuckDB`); continue; }
      for (let r = 0; r < a.length; r++) {
        const diff = a[r].findIndex((v, c) => !close(v, b[r][c], q.approx[c]));
        if (a[r].length !== b[r].length || diff >= 0) {
          fail(i, q, `row ${r} differs: sluice ${JSON.stringify(a[r])}, DuckDB ${JSON.stringify(b[r])}`);
          break;
        }
      }
    }
  }
  await Promise.all(Array.from({ length: JOBS }, worker));
  // A slow query here is a slow plan (10,000 rows): show the worst.
  timings.sort((x, y) => y.ms - x.ms);
  const total = timings.reduce((t, x) => t + x.ms, 0);
  console.log(`sluice: ${(total / 1000).toFixed(1)} s in all; slowest:`);
  for (const t of timings.slice(0, 5)) console.log(`  ${(t.ms / 1000).toFixed(2)} s  #${t.i}: ${t.sql.slice(0, 1500)}`);
  console.log(`differential: ${n} queries (seed ${SEED}), ${compared} compared, ${bothFailed} failed in both, ` +
              `${failures} FAIL`);
  process.exit(failures ? 1 : 0);
}

await main();
