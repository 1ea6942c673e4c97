// Just enough of the Parquet format for parquet_interop.mjs to (1) walk the
// pages of a column chunk and report each page's type and encoding (DuckDB's
// parquet_metadata() lists a chunk's encodings but not whether its data pages
// are v1 or v2, nor whether a dictionary page is present), and (2) write a
// small file whose strings use DELTA_BYTE_ARRAY, which DuckDB 1.5's writer
// never emits (its writer only has PLAIN, RLE_DICTIONARY, DELTA_BINARY_PACKED,
// DELTA_LENGTH_BYTE_ARRAY and BYTE_STREAM_SPLIT). DuckDB, which reads
// DELTA_BYTE_ARRAY, checks that file before sluice is asked to read it.
//
// The test also writes other encodings into files of its own (data page v2,
// RLE booleans), as DuckDB 1.5's PARQUET_VERSION V2 still writes DATA_PAGE
// (v1) headers: it only switches to the newer encodings.
//
// Written from the Thrift compact protocol and parquet-format specs
// (parquet.thrift, Encodings.md).
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// ---------------------------------------------------------------------------
// Thrift compact protocol: reading into plain objects keyed by field id.

const CT = { TRUE: 1, FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11, STRUCT: 12 };

class CompactReader {
  constructor(buf, pos = 0) {
    this.buf = buf;
    this.pos = pos;
  }
  byte() {
    if (this.pos >= this.buf.length) throw new Error('thrift: truncated');
    return this.buf[this.pos++];
  }
  varint() {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }
  zigzag() {
    const v = this.varint();
    return (v >> 1n) ^ -(v & 1n);
  }
  value(type) {
    switch (type) {
      case CT.TRUE: return true;
      case CT.FALSE: return false;
      case CT.BYTE: return this.byte();
      case CT.I16:
      case CT.I32: return Number(this.zigzag());
      case CT.I64: return this.zigzag();
      case CT.DOUBLE: this.pos += 8; return this.buf.readDoubleLE(this.pos - 8);
      case CT.BINARY: {
        const n = Number(this.varint());
        this.pos += n;
        return this.buf.subarray(this.pos - n, this.pos);
      }
      case CT.LIST:
      case CT.SET: {
        const h = this.byte();
        let n = h >> 4;
        if (n === 15) n = Number(this.varint());
        const et = h & 0x0f;
        const out = [];
        // Booleans inside a list take one byte each (1 = true).
        for (let i = 0; i < n; ++i) out.push(et === CT.TRUE || et === CT.FALSE ? this.byte() === 1 : this.value(et));
        return out;
      }
      case CT.MAP: {
        const n = Number(this.varint());
        if (n === 0) return [];
        const kv = this.byte();
        const out = [];
        for (let i = 0; i < n; ++i) out.push([this.value(kv >> 4), this.value(kv & 0x0f)]);
        return out;
      }
      case CT.STRUCT: return this.struct();
      default: throw new Error(`thrift: unknown compact type ${type}`);
    }
  }
  struct() {
    const out = {};
    let last = 0;
    for (;;) {
      const h = this.byte();
      if (h === 0) return out;
      const delta = h >> 4;
      const id = delta ? last + delta : Number(this.zigzag());
      out[id] = this.value(h & 0x0f);
      last = id;
    }
  }
}

// ---------------------------------------------------------------------------
// Page walking.

export const PAGE_TYPES = ['DATA_PAGE', 'INDEX_PAGE', 'DICTIONARY_PAGE', 'DATA_PAGE_V2'];
export const ENCODINGS = ['PLAIN', 'GROUP_VAR_INT', 'PLAIN_DICTIONARY', 'RLE', 'BIT_PACKED',
  'DELTA_BINARY_PACKED', 'DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY', 'RLE_DICTIONARY', 'BYTE_STREAM_SPLIT'];

// The pages of one column chunk: [{type, encoding, num_values}], from its
// first page (the dictionary page when there is one) to the end of its
// total_compressed_size bytes.
export function chunkPages(path, start, totalCompressedSize) {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Number(totalCompressedSize));
    readSync(fd, buf, 0, buf.length, Number(start));
    const pages = [];
    let pos = 0;
    while (pos < buf.length) {
      const r = new CompactReader(buf, pos);
      const h = r.struct();
      const type = PAGE_TYPES[h[1]] ?? `PAGE_TYPE_${h[1]}`;
      const sub = h[5] ?? h[7] ?? h[8] ?? {};
      const encoding = h[8] ? sub[4] : sub[2];
      pages.push({ type, encoding: ENCODINGS[encoding] ?? `ENCODING_${encoding}`, num_values: sub[1] });
      pos = r.pos + h[3];
    }
    return pages;
  } finally {
    closeSync(fd);
  }
}

// The raw statistics of every column chunk, from the footer: Map
// "rowGroup|path.in.schema" -> {min, max} (min_value / max_value bytes, or
// undefined). DuckDB's parquet_metadata() shows infinite float statistics as
// NULL, so those are checked here.
export function rawStatistics(path) {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const tail = Buffer.alloc(8);
    readSync(fd, tail, 0, 8, size - 8);
    const len = tail.readUInt32LE(0);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - 8 - len);
    const meta = new CompactReader(buf).struct();
    const out = new Map();
    (meta[4] ?? []).forEach((rg, r) => {
      for (const chunk of rg[1] ?? []) {
        const m = chunk[3] ?? {};
        const stats = m[12] ?? {};
        out.set(`${r}|${(m[3] ?? []).map((p) => p.toString('utf8')).join('.')}`, { min: stats[6], max: stats[5] });
      }
    });
    return out;
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------
// Thrift compact protocol: writing. A struct is a list of [id, type, value];
// types: 'i32', 'i64', 'bool', 'bin' (string or Buffer), 'struct' (a field
// list), ['list', elemType] (an array).

class CompactWriter {
  constructor() {
    this.parts = [];
  }
  bytes(b) {
    this.parts.push(Buffer.from(b));
  }
  varint(v) {
    let x = BigInt(v);
    const out = [];
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x) b |= 0x80;
      out.push(b);
    } while (x);
    this.bytes(out);
  }
  zigzag(v) {
    const x = BigInt(v);
    this.varint(x >= 0n ? x << 1n : ((-x) << 1n) - 1n);
  }
  static typeId(t) {
    if (Array.isArray(t)) return CT.LIST;
    return { i32: CT.I32, i64: CT.I64, bool: CT.TRUE, bin: CT.BINARY, struct: CT.STRUCT }[t];
  }
  value(t, v) {
    if (Array.isArray(t)) {
      const et = CompactWriter.typeId(t[1]);
      if (v.length < 15) this.bytes([(v.length << 4) | et]);
      else {
        this.bytes([0xf0 | et]);
        this.varint(v.length);
      }
      for (const e of v) this.value(t[1], e);
    } else if (t === 'i32' || t === 'i64') this.zigzag(v);
    else if (t === 'bin') {
      const b = Buffer.from(v);
      this.varint(b.length);
      this.bytes(b);
    } else if (t === 'struct') this.struct(v);
    else throw new Error(`thrift writer: type ${t}`);
  }
  struct(fields) {
    let last = 0;
    for (const [id, t, v] of fields) {
      if (v === undefined) continue;
      const tid = t === 'bool' ? (v ? CT.TRUE : CT.FALSE) : CompactWriter.typeId(t);
      const delta = id - last;
      if (delta > 0 && delta <= 15) this.bytes([(delta << 4) | tid]);
      else {
        this.bytes([tid]);
        this.zigzag(id);
      }
      if (t !== 'bool') this.value(t, v);
      last = id;
    }
    this.bytes([0]);
  }
  buffer() {
    return Buffer.concat(this.parts);
  }
}

function thriftStruct(fields) {
  const w = new CompactWriter();
  w.struct(fields);
  return w.buffer();
}

// ---------------------------------------------------------------------------
// Encoders.

function uleb(v) {
  const w = new CompactWriter();
  w.varint(v);
  return w.buffer();
}

function zigzagLeb(v) {
  const w = new CompactWriter();
  w.zigzag(v);
  return w.buffer();
}

// Packs 32 unsigned BigInts of `width` bits each, least significant bit first.
function bitPack32(values, width) {
  const out = Buffer.alloc(4 * width);
  let bit = 0;
  for (const v of values) {
    for (let b = 0; b < width; ++b, ++bit) {
      if ((v >> BigInt(b)) & 1n) out[bit >> 3] |= 1 << (bit & 7);
    }
  }
  return out;
}

// DELTA_BINARY_PACKED: blocks of 128 values in 4 miniblocks of 32. Deltas
// wrap at the physical type's width (32 or 64 bits), as the spec asks, so
// that no miniblock is wider than the type.
export function deltaBinaryPacked(values, bits = 64) {
  const vals = values.map(BigInt);
  const parts = [uleb(128), uleb(4), uleb(vals.length), zigzagLeb(vals.length ? vals[0] : 0n)];
  const deltas = [];
  for (let i = 1; i < vals.length; ++i) deltas.push(BigInt.asIntN(bits, vals[i] - vals[i - 1]));
  for (let b = 0; b < deltas.length; b += 128) {
    const block = deltas.slice(b, b + 128);
    const min = block.reduce((a, c) => (c < a ? c : a));
    // (delta - min) as an unsigned number of the type's width.
    const widths = [];
    const bodies = [];
    for (let m = 0; m < 4; ++m) {
      const mini = block.slice(m * 32, m * 32 + 32).map((d) => BigInt.asUintN(bits, d - min));
      if (mini.length === 0) {
        widths.push(0);  // an unneeded miniblock: width byte only, no body
        continue;
      }
      while (mini.length < 32) mini.push(0n);
      const max = mini.reduce((a, c) => (c > a ? c : a));
      const width = max === 0n ? 0 : max.toString(2).length;
      widths.push(width);
      bodies.push(bitPack32(mini, width));
    }
    parts.push(zigzagLeb(min), Buffer.from(widths), ...bodies);
  }
  return Buffer.concat(parts);
}

// DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, then the
// suffixes as DELTA_LENGTH_BYTE_ARRAY (their lengths, then their bytes).
export function deltaByteArray(strings) {
  const bufs = strings.map((s) => Buffer.from(s, 'utf8'));
  const prefixes = [];
  const suffixes = [];
  let prev = Buffer.alloc(0);
  for (const b of bufs) {
    let p = 0;
    while (p < b.length && p < prev.length && b[p] === prev[p]) ++p;
    prefixes.push(p);
    suffixes.push(b.subarray(p));
    prev = b;
  }
  return Buffer.concat([deltaBinaryPacked(prefixes), deltaBinaryPacked(suffixes.map((s) => s.length)),
    ...suffixes]);
}

// ---------------------------------------------------------------------------
// Writing a whole file: flat columns, one row group, pages of `pageRows`
// rows, data pages v1 or v2, UNCOMPRESSED or GZIP (what node's zlib has).
//
// A column: {name, physical: BOOLEAN|INT32|INT64|DOUBLE|BYTE_ARRAY, utf8,
// required, encoding: PLAIN|RLE|DELTA_BINARY_PACKED|DELTA_LENGTH_BYTE_ARRAY|
// DELTA_BYTE_ARRAY|BYTE_STREAM_SPLIT|RLE_DICTIONARY, values (null = NULL;
// BigInt or number for integers, strings for BYTE_ARRAY)}.

const PHYSICAL = { BOOLEAN: 0, INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 };
const ENCODING_ID = Object.fromEntries(ENCODINGS.map((e, i) => [e, i]));
const CODEC_ID = { UNCOMPRESSED: 0, GZIP: 2 };

function plain(physical, values) {
  switch (physical) {
    case 'BOOLEAN': {
      const out = Buffer.alloc(Math.ceil(values.length / 8));
      values.forEach((v, i) => { if (v) out[i >> 3] |= 1 << (i & 7); });
      return out;
    }
    case 'INT32': {
      const out = Buffer.alloc(4 * values.length);
      values.forEach((v, i) => out.writeInt32LE(Number(v), 4 * i));
      return out;
    }
    case 'INT64': {
      const out = Buffer.alloc(8 * values.length);
      values.forEach((v, i) => out.writeBigInt64LE(BigInt(v), 8 * i));
      return out;
    }
    case 'DOUBLE': {
      const out = Buffer.alloc(8 * values.length);
      values.forEach((v, i) => out.writeDoubleLE(v, 8 * i));
      return out;
    }
    case 'BYTE_ARRAY':
      return Buffer.concat(values.flatMap((v) => {
        const b = Buffer.from(v, 'utf8');
        const len = Buffer.alloc(4);
        len.writeUInt32LE(b.length);
        return [len, b];
      }));
    default: throw new Error(`plain: ${physical}`);
  }
}

// RLE/bit-packed hybrid, RLE runs only, of values `width` bits wide.
function rleRuns(values, width) {
  const bytes = Math.ceil(width / 8);
  const parts = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j < values.length && values[j] === values[i]) ++j;
    const v = Buffer.alloc(bytes);
    for (let b = 0; b < bytes; ++b) v[b] = (values[i] >> (8 * b)) & 0xff;
    parts.push(uleb((j - i) * 2), v);
    i = j;
  }
  return Buffer.concat(parts);
}

function encodeValues(col, values, dictionary) {
  switch (col.encoding) {
    case 'PLAIN': return plain(col.physical, values);
    case 'RLE': {  // booleans: a 4-byte length, then the hybrid runs
      const runs = rleRuns(values.map((v) => (v ? 1 : 0)), 1);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(runs.length);
      return Buffer.concat([len, runs]);
    }
    case 'DELTA_BINARY_PACKED': return deltaBinaryPacked(values, col.physical === 'INT32' ? 32 : 64);
    case 'DELTA_LENGTH_BYTE_ARRAY': {
      const bufs = values.map((v) => Buffer.from(v, 'utf8'));
      return Buffer.concat([deltaBinaryPacked(bufs.map((b) => b.length), 32), ...bufs]);
    }
    case 'DELTA_BYTE_ARRAY': return deltaByteArray(values);
    case 'BYTE_STREAM_SPLIT': {
      const p = plain(col.physical, values);
      const width = p.length / Math.max(values.length, 1);
      const out = Buffer.alloc(p.length);
      for (let i = 0; i < values.length; ++i) for (let k = 0; k < width; ++k) out[k * values.length + i] = p[i * width + k];
      return out;
    }
    case 'RLE_DICTIONARY': {
      const width = Math.max(1, Math.ceil(Math.log2(Math.max(dictionary.keys.size, 2))));
      return Buffer.concat([Buffer.from([width]), rleRuns(values.map((v) => dictionary.keys.get(String(v))), width)]);
    }
    default: throw new Error(`encoding ${col.encoding}`);
  }
}

export function writeParquetFile(path, columns, { pageVersion = 1, codec = 'UNCOMPRESSED', pageRows = 300 } = {}) {
  const compress = (b) => (codec === 'GZIP' ? gzipSync(b) : b);
  const numRows = columns[0].values.length;
  const chunks = [];
  let offset = 4;
  for (const col of columns) {
    const pages = [];
    let dictionary = null;
    let dictionaryOffset;
    if (col.encoding === 'RLE_DICTIONARY') {
      const keys = new Map();
      const entries = [];
      for (const v of col.values) {
        if (v !== null && !keys.has(String(v))) {
          keys.set(String(v), entries.length);
          entries.push(v);
        }
      }
      dictionary = { keys };
      const body = plain(col.physical, entries);
      const data = compress(body);
      pages.push(Buffer.concat([thriftStruct([[1, 'i32', 2], [2, 'i32', body.length], [3, 'i32', data.length],
        [7, 'struct', [[1, 'i32', entries.length], [2, 'i32', 0]]]]), data]));
      dictionaryOffset = offset;
    }
    const firstDataPage = offset + pages.reduce((a, p) => a + p.length, 0);
    for (let p = 0; p < numRows; p += pageRows) {
      const part = col.values.slice(p, p + pageRows);
      const present = part.filter((v) => v !== null);
      const values = encodeValues(col, present, dictionary);
      const levels = col.required ? Buffer.alloc(0) : rleRuns(part.map((v) => (v === null ? 0 : 1)), 1);
      const encoding = ENCODING_ID[col.encoding];
      let header;
      let data;
      if (pageVersion === 2) {
        const compressed = compress(values);
        data = Buffer.concat([levels, compressed]);
        header = thriftStruct([[1, 'i32', 3], [2, 'i32', levels.length + values.length], [3, 'i32', data.length],
          [8, 'struct', [[1, 'i32', part.length], [2, 'i32', part.length - present.length], [3, 'i32', part.length],
            [4, 'i32', encoding], [5, 'i32', levels.length], [6, 'i32', 0], [7, 'bool', codec !== 'UNCOMPRESSED']]]]);
      } else {
        const len = Buffer.alloc(4);
        len.writeUInt32LE(levels.length);
        const body = col.required ? values : Buffer.concat([len, levels, values]);
        data = compress(body);
        header = thriftStruct([[1, 'i32', 0], [2, 'i32', body.length], [3, 'i32', data.length],
          [5, 'struct', [[1, 'i32', part.length], [2, 'i32', encoding], [3, 'i32', 3], [4, 'i32', 3]]]]);
      }
      pages.push(Buffer.concat([header, data]));
    }
    const bytes = Buffer.concat(pages);
    const encodings = [...new Set([ENCODING_ID[col.encoding], 3, ...(dictionary ? [0] : [])])];
    chunks.push({ bytes, offset, meta: [[1, 'i32', PHYSICAL[col.physical]], [2, ['list', 'i32'], encodings],
      [3, ['list', 'bin'], [col.name]], [4, 'i32', CODEC_ID[codec]], [5, 'i64', numRows],
      [6, 'i64', bytes.length], [7, 'i64', bytes.length], [9, 'i64', firstDataPage], [11, 'i64', dictionaryOffset]] });
    offset += bytes.length;
  }
  const schema = [[[4, 'bin', 'schema'], [5, 'i32', columns.length]], ...columns.map((col) => [
    [1, 'i32', PHYSICAL[col.physical]], [3, 'i32', col.required ? 0 : 1], [4, 'bin', col.name],
    [6, 'i32', col.utf8 ? 0 : undefined], [10, 'struct', col.utf8 ? [[1, 'struct', []]] : undefined]])];
  const footer = thriftStruct([
    [1, 'i32', pageVersion === 2 ? 2 : 1],
    [2, ['list', 'struct'], schema],
    [3, 'i64', numRows],
    [4, ['list', 'struct'], [[
      [1, ['list', 'struct'], chunks.map((c) => [[2, 'i64', c.offset], [3, 'struct', c.meta]])],
      [2, 'i64', chunks.reduce((a, c) => a + c.bytes.length, 0)],
      [3, 'i64', numRows],
    ]]],
    [6, 'bin', 'sluice parquet_interop test (pq.mjs)'],
  ]);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(footer.length);
  writeFileSync(path, Buffer.concat([Buffer.from('PAR1'), ...chunks.map((c) => c.bytes), footer, len,
    Buffer.from('PAR1')]));
}
