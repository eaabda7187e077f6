/**
 * A labelled list file: an id, its label in both languages and an optional display order, e.g.
 * tasks.csv, channels.csv, segments.csv. Other files' values refer to its ids.
 */
import { number, requiredText, slug } from '../cells.ts';
import { buildTable, settle, sheetOf, type LoadedFile } from '../context.ts';
import { compact } from '../sheet.ts';
import type { CheckedTable, TableColumn } from '../types.ts';
import { orderedIds, fixedColumns, tableColumns, uniqueIds, type ColumnDef } from './common.ts';

export interface LabelledList {
  columns: TableColumn[];
  isColumn(name: string): boolean;
  /** The table and the ids in their order (as messages about unknown values list them). */
  check(file: LoadedFile): { table: CheckedTable; ids: string[] };
}

export function labelledList(table: string, idColumn: string): LabelledList {
  const defs: ColumnDef[] = [
    { name: idColumn, type: 'VARCHAR', parse: slug(idColumn), required: true },
    { name: 'label_zh', type: 'VARCHAR', parse: requiredText('label_zh'), required: true },
    { name: 'label_en', type: 'VARCHAR', parse: requiredText('label_en'), required: true },
    { name: 'order', type: 'INTEGER', parse: number({ what: 'order', missing: 'null', integer: true }) },
  ];
  return {
    columns: tableColumns(defs),
    isColumn: (name) => defs.some((c) => c.name === name),
    check(file) {
      const sheet = sheetOf(file, fixedColumns(defs));
      const ids = orderedIds(sheet, idColumn, uniqueIds(sheet, idColumn, idColumn));
      settle(file, sheet);
      const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, defs.map((c) => c.name)) }] : [];
      return { table: buildTable(table, tableColumns(defs), [file], parts), ids };
    },
  };
}
