/**
 * tasks.csv: the things customers do with a bank (open an account, transfer money, ask about a
 * loan, …) for which the survey asks the preferred channel, one `pref_<task_id>` column each.
 */
import { number, requiredText, slug } from '../cells.ts';
import { buildTable, settle, sheetOf, type LoadedFile } from '../context.ts';
import { compact } from '../sheet.ts';
import type { CheckedTable } from '../types.ts';
import { orderedIds, requiredNames, resolver, tableColumns, uniqueIds, type ColumnDef } from './common.ts';

const COLUMNS: ColumnDef[] = [
  { name: 'task_id', type: 'VARCHAR', parse: slug('task_id'), required: true },
  { name: 'label_zh', type: 'VARCHAR', parse: requiredText('label_zh'), required: true },
  { name: 'label_en', type: 'VARCHAR', parse: requiredText('label_en'), required: true },
  { name: 'order', type: 'INTEGER', parse: number({ what: 'order', missing: 'null', integer: true }) },
];

export const isTasksColumn = (name: string): boolean => COLUMNS.some((c) => c.name === name);

/** The table and the task ids in their order (the order of the survey's pref_ columns). */
export function checkTasks(file: LoadedFile): { table: CheckedTable; tasks: string[] } {
  const sheet = sheetOf(file, { required: requiredNames(COLUMNS), resolve: resolver(COLUMNS) });
  const tasks = orderedIds(sheet, 'task_id', uniqueIds(sheet, 'task_id', 'task_id'));
  settle(file, sheet);
  const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, COLUMNS.map((c) => c.name)) }] : [];
  return { table: buildTable('tasks', tableColumns(COLUMNS), [file], parts), tasks };
}
