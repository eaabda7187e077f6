import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import type { CellResults } from '../notebook/run.ts';

/**
 * The file of one precomputed input state: the rows of the cells it holds, as the build's engine
 * returned them (src/site/precompute.ts writes it, the browser's renderer reads it). JSON with the
 * rows as arrays in column order; numbers round-trip exactly (JSON keeps the shortest exact form),
 * and the few JSON cannot hold (NaN, ±Infinity, -0) travel as {"$": "NaN"} and so on.
 */

export interface StateFile {
  /** cell name → columns and rows (each row an array in column order). */
  cells: Record<string, { columns: QueryResult['columns']; rows: unknown[][] }>;
}

/** Where a page's precomputed states are: the folder's URL and, per state key (its URL query), the file name. */
export interface StateManifest {
  url: string;
  files: Record<string, string>;
}

function encodeValue(v: SqlValue): unknown {
  if (typeof v !== 'number' || (Number.isFinite(v) && !Object.is(v, -0))) return v;
  return { $: Object.is(v, -0) ? '-0' : String(v) };
}

function decodeValue(v: unknown): SqlValue {
  if (v !== null && typeof v === 'object') return Number((v as { $: string }).$);
  return v as SqlValue;
}

export function encodeStateFile(results: CellResults, cells: string[]): string {
  const out: StateFile = { cells: {} };
  for (const name of cells) {
    const r = results[name];
    if (!r) continue;
    out.cells[name] = { columns: r.columns, rows: r.rows.map((row) => r.columns.map((c) => encodeValue(row[c.name] ?? null))) };
  }
  return JSON.stringify(out);
}

export function decodeStateFile(text: string): CellResults {
  const file = JSON.parse(text) as StateFile;
  const results: CellResults = {};
  for (const [name, cell] of Object.entries(file.cells)) {
    results[name] = {
      columns: cell.columns,
      // Rows have no prototype, as the engine's rows (src/db/arrow.ts): a column name never meets Object's keys.
      rows: cell.rows.map((values) => {
        const row = Object.create(null) as Row;
        cell.columns.forEach((c, i) => (row[c.name] = decodeValue(values[i])));
        return row;
      }),
    };
  }
  return results;
}
