import type { Table } from 'apache-arrow';
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

/** Converts a DuckDB-WASM Arrow result into columns + row objects. */
export function arrowToResult(table: Table): QueryResult {
  const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
  const vectors = columns.map((_c, i) => table.getChildAt(i));
  const rows: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < columns.length; c++) row[columns[c]!.name] = plainValue(vectors[c]?.get(r));
    rows[r] = row;
  }
  return { columns, rows };
}
