import { Bool, Float64, Int32, RecordBatchReader, Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type { CellValue, CheckedTable, ColumnType } from '../contract/types.ts';
import { quoteIdent } from '../notebook/sql.ts';
import type { Database, QueryResult, SqlValue } from './types.ts';

const COLUMN_TYPES = new Set<string>(['VARCHAR', 'DOUBLE', 'INTEGER', 'BOOLEAN']);

/**
 * One column as an Arrow vector, its buffers written directly (validity bitmap, values, offsets).
 * Arrow's builders (`vectorFromArray`) compile their null test with `new Function`, which the page's
 * Content-Security-Policy refuses (src/site/csp.ts); the browser builds method cells' results here.
 */
export function columnVector(values: readonly (CellValue | SqlValue | undefined)[], kind: ColumnType): Vector {
  const length = values.length;
  const nullBitmap = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (values[i] === null || values[i] === undefined) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  }
  const validity = { length, nullCount, nullBitmap: nullCount > 0 ? nullBitmap : new Uint8Array(0) };
  switch (kind) {
    case 'DOUBLE':
      return makeVector(makeData({ type: new Float64(), ...validity, data: Float64Array.from(values, (v) => (v === null || v === undefined ? 0 : Number(v))) }));
    case 'INTEGER':
      return makeVector(makeData({ type: new Int32(), ...validity, data: Int32Array.from(values, (v) => (v === null || v === undefined ? 0 : Number(v))) }));
    case 'BOOLEAN': {
      const bits = new Uint8Array(Math.ceil(length / 8));
      for (let i = 0; i < length; i++) if (values[i] === true) bits[i >> 3]! |= 1 << (i & 7);
      return makeVector(makeData({ type: new Bool(), ...validity, data: bits }));
    }
    case 'VARCHAR': {
      const encoder = new TextEncoder();
      const encoded = values.map((v) => (v === null || v === undefined ? null : encoder.encode(String(v))));
      const valueOffsets = new Int32Array(length + 1);
      for (let i = 0; i < length; i++) valueOffsets[i + 1] = valueOffsets[i]! + (encoded[i]?.length ?? 0);
      const data = new Uint8Array(valueOffsets[length]!);
      encoded.forEach((bytes, i) => bytes && data.set(bytes, valueOffsets[i]!));
      return makeVector(makeData({ type: new Utf8(), ...validity, valueOffsets, data }));
    }
  }
}

/**
 * Rows `start` to `end` of a checked table as an Arrow IPC stream, with exactly the contract's columns
 * and types (the whole table by default).
 */
export function tableIPC(t: CheckedTable, start = 0, end = t.rowCount): Uint8Array {
  const vectors = Object.fromEntries(t.columns.map((c) => [c.name, columnVector(t.values[c.name]!.slice(start, end), c.type)]));
  return tableToIPC(new Table(vectors), 'stream');
}

/**
 * The contract type of a column typed as a query's Arrow result names it (`Float64`, `Int32`, `Utf8`,
 * `Bool`): a method cell that passes its input's columns through keeps their types, even when every
 * value is null (a change with no previous period). Wider integers and decimals read as DOUBLE.
 */
function arrowKind(type: string): ColumnType | null {
  if (/^(Float|Decimal|Int64|Uint64)/.test(type)) return 'DOUBLE';
  if (/^U?Int(8|16|32)$/.test(type)) return 'INTEGER';
  if (type === 'Bool') return 'BOOLEAN';
  if (/^(Utf8|LargeUtf8)$/.test(type)) return 'VARCHAR';
  return null;
}

/**
 * A query-shaped result (e.g. a method cell's) as Arrow IPC. Columns typed DOUBLE / INTEGER /
 * BOOLEAN / VARCHAR (or their Arrow names) keep that type; others take it from their first value
 * (numbers, booleans, else text).
 */
export function resultIPC(result: QueryResult): Uint8Array {
  const vectors = Object.fromEntries(
    result.columns.map(({ name, type: declared }) => {
      const values = result.rows.map((r) => r[name] ?? null);
      const sample = values.find((v) => v !== null);
      const kind = (COLUMN_TYPES.has(declared) ? declared : arrowKind(declared) ?? (typeof sample === 'number' ? 'DOUBLE' : typeof sample === 'boolean' ? 'BOOLEAN' : 'VARCHAR')) as ColumnType;
      return [name, columnVector(values, kind)];
    }),
  );
  return tableToIPC(new Table(vectors), 'stream');
}

/**
 * Field metadata naming a column's contract type, which column slices carry on every column
 * (db/narrow.ts): a column may travel narrower than its type (a dictionary for VARCHAR, a smaller
 * integer for DOUBLE or INTEGER), and DuckDB-WASM would read an Int8 as TINYINT.
 */
export const CONTRACT_TYPE_KEY = 'cx:contract-type';

/**
 * The contract types of an Arrow IPC stream's columns, read from its schema alone; null when its
 * columns carry none (the build's prepared tables, already in their contract types).
 */
export function contractTypes(ipc: Uint8Array): [string, ColumnType][] | null {
  const fields = RecordBatchReader.from(ipc).open().schema.fields;
  if (!fields.some((f) => f.metadata.has(CONTRACT_TYPE_KEY))) return null;
  return fields.map((f) => {
    const type = f.metadata.get(CONTRACT_TYPE_KEY);
    if (type === undefined || !COLUMN_TYPES.has(type)) throw new Error(`column ${f.name}: no contract type (${type ?? 'none'})`);
    return [f.name, type as ColumnType];
  });
}

/** One table of the report as it travels: Arrow IPC, gzip-compressed, content-hashed. */
export interface TableFile {
  name: string;
  file: string;
  rows: number;
  bytes: number;
}

/**
 * Loads the report's tables into a database. The same function runs at build time (bytes read from
 * disk) and in the browser (bytes fetched from the site), so both sides hold identical tables. A
 * table shipped in parts (db/slices.ts) comes as several entries of one name, in row order. A slice's
 * table is created with the contract types its columns name, so columns that travel narrowed
 * (db/narrow.ts) are widened back to them.
 */
export async function loadTables(db: Database, tables: { name: string; ipc: Uint8Array }[]): Promise<void> {
  const loaded = new Set<string>();
  for (const t of tables) {
    const append = loaded.has(t.name);
    // Read before inserting: the browser's engine takes the bytes over (they are transferred to its worker).
    const types = append ? null : contractTypes(t.ipc);
    // The table gets the contract's types first; DuckDB casts narrow columns as it appends the rows
    // (one pass, quicker than loading plain columns, and than changing the types afterwards).
    if (types) await db.exec(`CREATE TABLE ${quoteIdent(t.name)} (${types.map(([c, type]) => `${quoteIdent(c)} ${type}`).join(', ')})`);
    await db.insertArrowIPC(t.name, t.ipc, append || types !== null);
    loaded.add(t.name);
  }
  for (const [name, columns] of OPTIONAL_STAND_INS) {
    if (!tables.some((t) => t.name === name)) await db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${name} (${columns})`);
  }
}

/**
 * Empty stand-ins for the optional files, created when the data lack them, on both sides alike.
 * Labelled lists name the ids of a column every survey may have (the served `channel`): pages still
 * find an empty table to LEFT JOIN for labels (falling back to the id). The others let a page that
 * summarises the whole report (the findings page) read every optional kind and show each section only
 * when its data exist, instead of being left out for want of one file. Their columns are those the
 * contract's table shape always has (data/README.md). They are temporary, so they are no data
 * tables: pages that list them in `tables:` are still left out, and the catalogue does not show them.
 */
const OPTIONAL_STAND_INS: [string, string][] = [
  ['channels', 'channel_id VARCHAR, label_zh VARCHAR, label_en VARCHAR, "order" INTEGER'],
  ['attributes', 'attribute_id VARCHAR, label_zh VARCHAR, label_en VARCHAR, stage_id VARCHAR, dimension VARCHAR, scale_min DOUBLE, scale_max DOUBLE, na_codes VARCHAR'],
  ['stages', 'stage_id VARCHAR, "order" INTEGER, label_zh VARCHAR, label_en VARCHAR, moment_of_truth BOOLEAN'],
  ['tasks', 'task_id VARCHAR, label_zh VARCHAR, label_en VARCHAR, "order" INTEGER'],
  ['servqual', 'respondent_id VARCHAR, quarter VARCHAR, bank VARCHAR, role VARCHAR, weight DOUBLE, e01 DOUBLE, p01 DOUBLE, w_tangibles DOUBLE, w_reliability DOUBLE, w_responsiveness DOUBLE, w_assurance DOUBLE, w_empathy DOUBLE, source_file VARCHAR'],
  ['servqual_items', 'item_id INTEGER, dimension VARCHAR, label_zh VARCHAR, label_en VARCHAR'],
  ['servqual_provider', 'quarter VARCHAR, bank VARCHAR, measure VARCHAR, item INTEGER, value DOUBLE, source VARCHAR, n INTEGER, note VARCHAR, source_file VARCHAR'],
  ['metrics', 'bank VARCHAR, period VARCHAR, period_grain VARCHAR, metric VARCHAR, value DOUBLE, source VARCHAR, note VARCHAR, source_file VARCHAR'],
  ['metric_defs', 'metric_id VARCHAR, label_zh VARCHAR, label_en VARCHAR, unit_zh VARCHAR, unit_en VARCHAR, unit VARCHAR, direction VARCHAR, format VARCHAR, group_zh VARCHAR, group_en VARCHAR'],
  // targets.csv (src/contract/rules/targets.ts): without it, pages join no target and draw no mark.
  ['targets', 'metric VARCHAR, bank VARCHAR, period VARCHAR, period_grain VARCHAR, value DOUBLE, label_zh VARCHAR, label_en VARCHAR, source VARCHAR, all_banks BOOLEAN, source_line INTEGER'],
];

/** Names of the data tables available to pages. */
export async function tableNames(db: Database): Promise<string[]> {
  const r = await db.query("SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1");
  return r.rows.map((row) => String(row.table_name));
}
