import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import type { CheckedTable, ColumnType } from '../contract/types.ts';
import type { NodeDatabase } from './node.ts';

const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  VARCHAR: () => new Utf8(),
  DOUBLE: () => new Float64(),
  INTEGER: () => new Int32(),
  BOOLEAN: () => new Bool(),
};

/** Rows are sent in slices so that a 200k-respondent survey never needs one giant IPC buffer. */
const SLICE_ROWS = 50_000;

/** Turns the contract's checked tables into DuckDB tables, with exactly the contract's columns and types. */
export function loadTables(db: NodeDatabase, tables: CheckedTable[]): void {
  for (const t of tables) {
    for (let start = 0; start < Math.max(t.rowCount, 1); start += SLICE_ROWS) {
      const end = Math.min(t.rowCount, start + SLICE_ROWS);
      const vectors = Object.fromEntries(
        t.columns.map((c) => [c.name, vectorFromArray(t.values[c.name]!.slice(start, end), ARROW_TYPES[c.type]())]),
      );
      const ipc = tableToIPC(new Table(vectors), 'stream');
      if (start === 0) db.insertArrowIPC(t.name, ipc);
      else db.insertArrowIPCAppend(t.name, ipc);
    }
  }
}
