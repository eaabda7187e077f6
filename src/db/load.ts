import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import type { CheckedTable, ColumnType } from '../contract/types.ts';
import type { Database, QueryResult } from './types.ts';

const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  VARCHAR: () => new Utf8(),
  DOUBLE: () => new Float64(),
  INTEGER: () => new Int32(),
  BOOLEAN: () => new Bool(),
};

/** A checked table as an Arrow IPC stream, with exactly the contract's columns and types. */
export function tableIPC(t: CheckedTable): Uint8Array {
  const vectors = Object.fromEntries(t.columns.map((c) => [c.name, vectorFromArray(t.values[c.name]!, ARROW_TYPES[c.type]())]));
  return tableToIPC(new Table(vectors), 'stream');
}

/**
 * A query-shaped result (e.g. a method cell's) as Arrow IPC. Columns typed DOUBLE / INTEGER /
 * BOOLEAN / VARCHAR keep that type; others take it from their first value (numbers, booleans, else text).
 */
export function resultIPC(result: QueryResult): Uint8Array {
  const vectors = Object.fromEntries(
    result.columns.map(({ name, type: declared }) => {
      const values = result.rows.map((r) => r[name] ?? null);
      const sample = values.find((v) => v !== null);
      const kind = (declared in ARROW_TYPES ? declared : typeof sample === 'number' ? 'DOUBLE' : typeof sample === 'boolean' ? 'BOOLEAN' : 'VARCHAR') as ColumnType;
      const type = ARROW_TYPES[kind]();
      return [name, vectorFromArray(type instanceof Utf8 ? values.map((v) => (v === null ? null : String(v))) : values, type)];
    }),
  );
  return tableToIPC(new Table(vectors), 'stream');
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
 * disk) and in the browser (bytes fetched from the site), so both sides hold identical tables.
 */
export async function loadTables(db: Database, tables: { name: string; ipc: Uint8Array }[]): Promise<void> {
  for (const t of tables) await db.insertArrowIPC(t.name, t.ipc);
}

/** Names of the data tables available to pages. */
export async function tableNames(db: Database): Promise<string[]> {
  const r = await db.query("SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1");
  return r.rows.map((row) => String(row.table_name));
}
