import { DataType, type RecordBatch, type Schema, type Utf8, type Vector } from 'apache-arrow';
import { columnarResult } from './columns.ts';
import type { QueryResult, Row, SqlValue } from './types.ts';

/** Turns a cell read from Arrow into a plain JSON-safe value, identically on both sides. */
function plainValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  // Lists and structs arrive as Arrow vectors/rows; JSON keeps them printable without a second code path.
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
}

/**
 * One column's values of one batch, written into `out` from `at`. Numbers, text and booleans are read in bulk (`toArray`, a typed array for
 * numbers), which is several times faster than a `get` per cell on large results; nulls come from
 * the validity bitmap, since typed arrays have no null.
 */
function columnValues(vector: Vector | null, length: number, out: SqlValue[], at: number): void {
  if (!vector) {
    out.fill(null, at, at + length);
    return;
  }
  const type = vector.type;
  const bulk = DataType.isFloat(type) || (DataType.isInt(type) && type.bitWidth <= 32) || DataType.isUtf8(type) || DataType.isBool(type);
  if (!bulk) {
    for (let i = 0; i < length; i++) out[at + i] = plainValue(vector.get(i));
    return;
  }
  const values = (DataType.isUtf8(type) ? utf8Values(vector as Vector<Utf8>) : vector.toArray()) as ArrayLike<SqlValue>;
  const nulls = vector.nullCount > 0;
  for (let i = 0; i < length; i++) out[at + i] = nulls && !vector.isValid(i) ? null : (values[i] ?? null);
}

const utf8 = new TextDecoder();

/**
 * A text column's strings. Arrow decodes each string on its own (a TextDecoder call per cell, most of
 * the time a method cell's respondent-level rows take to read); an all-ASCII chunk, such as ids and
 * codes, is decoded once and cut at its offsets, which are then character offsets too.
 */
function utf8Values(vector: Vector<Utf8>): (string | null)[] {
  const out: (string | null)[] = [];
  for (const data of vector.data) {
    const offsets = data.valueOffsets;
    const bytes = data.values;
    const from = offsets[0]!;
    const to = offsets[data.length]!;
    let ascii = true;
    for (let i = from; i < to && ascii; i++) ascii = bytes[i]! < 0x80;
    if (!ascii) {
      for (let i = 0; i < data.length; i++) out.push(utf8.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!)));
      continue;
    }
    const text = utf8.decode(bytes.subarray(from, to));
    for (let i = 0; i < data.length; i++) out.push(text.slice(offsets[i]! - from, offsets[i + 1]! - from));
  }
  return out;
}

/** What a query gives back: an Arrow table, or the batches a streamed result arrived in (same shape). */
export interface ArrowResult {
  schema: Schema;
  batches: readonly RecordBatch[];
}

/** Converts a DuckDB-WASM Arrow result into columns + row objects. */
export function arrowToResult(result: ArrowResult): QueryResult {
  const columns = result.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
  const n = result.batches.reduce((sum, b) => sum + b.numRows, 0);
  // Each column filled in place, batch after batch (flatMap over large arrays is several times slower).
  const data = columns.map((_c, i) => {
    const out: SqlValue[] = new Array(n);
    let at = 0;
    for (const b of result.batches) {
      columnValues(b.getChildAt(i), b.numRows, out, at);
      at += b.numRows;
    }
    return out;
  });
  // Rows are built when read (a method cell reads its data by column: db/columns.ts).
  return columnarResult(columns, data, (data) => {
    const rows: Row[] = new Array(n);
    // No prototype: a column named `__proto__` or `constructor` is an ordinary key, and a missing one
    // reads undefined. Each row is a copy of one template rather than an `Object.create(null)` filled
    // key by key, which V8 keeps as a hash table: the copies share one layout (fast properties), less
    // than half the memory for a million rows of a method cell's data. The template holds each
    // column's first value, so the layout already stores numbers as numbers and no row has to change it.
    const first: Row = Object.create(null) as Row;
    columns.forEach((c, i) => (first[c.name] = data[i]!.find((v) => v !== null) ?? null));
    // Copied once into fast properties: copying a hash-table object is the slow path, row after row.
    const template = Object.setPrototypeOf({ ...first }, null) as Row;
    for (let r = 0; r < n; r++) {
      const row = Object.setPrototypeOf({ ...template }, null) as Row;
      for (let c = 0; c < columns.length; c++) row[columns[c]!.name] = data[c]![r]!;
      rows[r] = row;
    }
    return rows;
  });
}
