import { DataType, Dictionary, Field, Int16, Int32, Int8, Precision, RecordBatch, Schema, Struct, Table, Utf8, makeData, makeVector, type Data } from 'apache-arrow';
import type { ColumnType } from '../contract/types.ts';
import { CONTRACT_TYPE_KEY, columnVector } from './load.ts';

/**
 * Narrow column slices (build side): a slice column is written in the smallest Arrow type that holds
 * its values exactly, and every column names its contract type in its field metadata, so that
 * `loadTables` creates the table with those types and the narrow columns are widened back as they
 * are loaded (db/load.ts), on both sides alike. Text with few distinct values (a survey's quarter,
 * bank, segment) travels as a dictionary; whole numbers (Likert scores held as DOUBLE) travel as 8-,
 * 16- or 32-bit integers. On a 200k-respondent survey slice this halves the gzip bytes.
 */

/** A column as the writer handles it: its field and its data, one chunk per record batch of its table. */
export interface Column {
  field: Field;
  chunks: Data[];
}

const INTEGERS = [
  { type: () => new Int8(), bits: 8, min: -(2 ** 7), max: 2 ** 7 - 1, array: Int8Array },
  { type: () => new Int16(), bits: 16, min: -(2 ** 15), max: 2 ** 15 - 1, array: Int16Array },
  { type: () => new Int32(), bits: 32, min: -(2 ** 31), max: 2 ** 31 - 1, array: Int32Array },
] as const;

/** Most distinct values of a dictionary column: what 16-bit (signed) indices address. */
const MAX_DICTIONARY = 2 ** 15;
/**
 * A text column becomes a dictionary only when its values repeat at least this often on average:
 * ids and free text stay plain text (a dictionary as long as the column saves nothing), and so do
 * small label tables, which would only cost the loader a type change.
 */
const MIN_REPEATS = 4;

function withContractType(field: Field, type: DataType, contract: ColumnType): Field {
  return new Field(field.name, type, field.nullable, new Map([...field.metadata, [CONTRACT_TYPE_KEY, contract]]));
}

/** A chunk's validity as makeData takes it: a fresh bitmap (no offset to carry) when some value is null. */
function validity(data: Data): { length: number; nullCount: number; nullBitmap: Uint8Array } {
  const { length, nullCount } = data;
  const nullBitmap = new Uint8Array(nullCount > 0 ? Math.ceil(length / 8) : 0);
  if (nullCount > 0) for (let i = 0; i < length; i++) if (data.getValid(i)) nullBitmap[i >> 3]! |= 1 << (i & 7);
  return { length, nullCount, nullBitmap };
}

/**
 * A DOUBLE or INTEGER column whose values are all whole numbers as the narrowest integer type that
 * holds them and is narrower than the column; null when some value is not whole (or is -0, which an
 * integer would turn into 0), when none is narrower, or when the column holds no value.
 */
function integerColumn(column: Column, contract: 'DOUBLE' | 'INTEGER'): Column | null {
  let min = Infinity;
  let max = -Infinity;
  for (const data of column.chunks) {
    const values = makeVector(data).toArray() as Float64Array | Int32Array;
    const nulls = data.nullCount > 0;
    for (let i = 0; i < data.length; i++) {
      if (nulls && !data.getValid(i)) continue;
      const x = values[i]!;
      if (!Number.isInteger(x) || Object.is(x, -0)) return null;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const sourceBits = contract === 'DOUBLE' ? 64 : 32;
  const spec = INTEGERS.find((t) => t.bits < sourceBits && min >= t.min && max <= t.max);
  if (!spec || min > max) return null;
  const type = spec.type();
  const chunks = column.chunks.map((data) => {
    const values = makeVector(data).toArray() as Float64Array | Int32Array;
    const narrow = new spec.array(data.length);
    const nulls = data.nullCount > 0;
    for (let i = 0; i < data.length; i++) if (!nulls || data.getValid(i)) narrow[i] = values[i]!;
    return makeData({ type, ...validity(data), data: narrow });
  });
  return { field: withContractType(column.field, type, contract), chunks };
}

/**
 * A VARCHAR column with few distinct values (see MIN_REPEATS) as a dictionary of its values in
 * order of first appearance, with 8-bit indices when they suffice; null otherwise. `id` is the
 * dictionary's id in the written stream (fixed, so the same table gives the same bytes).
 */
function dictionaryColumn(column: Column, id: number): Column | null {
  const rows = column.chunks.reduce((n, d) => n + d.length, 0);
  const limit = Math.min(MAX_DICTIONARY, Math.floor(rows / MIN_REPEATS));
  const index = new Map<string, number>();
  const codes: Int32Array[] = [];
  for (const data of column.chunks) {
    const vector = makeVector(data);
    const chunkCodes = new Int32Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const value = vector.get(i) as string | null;
      if (value === null) continue;
      let code = index.get(value);
      if (code === undefined) {
        if (index.size >= limit) return null;
        code = index.size;
        index.set(value, code);
      }
      chunkCodes[i] = code;
    }
    codes.push(chunkCodes);
  }
  if (index.size === 0) return null;
  const spec = index.size <= 2 ** 7 ? INTEGERS[0] : INTEGERS[1];
  const type = new Dictionary(new Utf8(), spec.type(), id);
  // One dictionary vector for every chunk: the IPC writer then writes it once per stream.
  const dictionary = columnVector([...index.keys()], 'VARCHAR');
  const chunks = column.chunks.map((data, c) => makeData({ type, ...validity(data), data: spec.array.from(codes[c]!), dictionary }));
  return { field: withContractType(column.field, type, 'VARCHAR'), chunks };
}

/** The contract type of a prepared table's column, from the Arrow type db/load.ts writes it in. */
function contractType(type: DataType): ColumnType {
  if (DataType.isUtf8(type)) return 'VARCHAR';
  if (DataType.isFloat(type) && type.precision === Precision.DOUBLE) return 'DOUBLE';
  if (DataType.isInt(type) && type.bitWidth === 32 && type.isSigned) return 'INTEGER';
  if (DataType.isBool(type)) return 'BOOLEAN';
  throw new Error(`no contract type is written as Arrow ${String(type)}`);
}

/**
 * One column of a prepared table (Utf8, Float64, Int32 or Bool, as db/load.ts writes them) in its
 * narrowest exact form, or in its own (same chunks, no copy) when nothing narrower holds it; either
 * way naming its contract type. `dictionaryId` must differ between the columns written into one
 * stream (their index will do).
 */
export function narrowColumn(column: Column, dictionaryId: number): Column {
  const contract = contractType(column.field.type);
  const narrowed =
    contract === 'VARCHAR' ? dictionaryColumn(column, dictionaryId) : contract === 'DOUBLE' || contract === 'INTEGER' ? integerColumn(column, contract) : null;
  return narrowed ?? { field: withContractType(column.field, column.field.type, contract), chunks: column.chunks };
}

/** The columns of one table (each with one chunk per record batch of `batchLengths`) as a table. */
export function tableOfColumns(columns: readonly Column[], batchLengths: readonly number[]): Table {
  const fields = columns.map((c) => c.field);
  const schema = new Schema(fields);
  const batches = batchLengths.map(
    (length, b) => new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children: columns.map((c) => c.chunks[b]!) })),
  );
  return new Table(schema, batches);
}

/** The columns of `table` as the writer takes them. */
export function tableColumns(table: Table): Column[] {
  return table.schema.fields.map((field, i) => ({ field, chunks: table.batches.map((b) => b.data.children[i]!) }));
}

/** Every column of `table` narrowed (see narrowColumn), in the same order. */
export function narrowTable(table: Table): Table {
  return tableOfColumns(
    tableColumns(table).map((c, i) => narrowColumn(c, i)),
    table.batches.map((b) => b.numRows),
  );
}
