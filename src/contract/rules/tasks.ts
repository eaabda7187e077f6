/**
 * tasks.csv: the things customers do with a bank (open an account, transfer money, ask about a
 * loan, …) for which the survey asks the preferred channel, one `pref_<task_id>` column each.
 */
import type { LoadedFile } from '../context.ts';
import type { CheckedTable } from '../types.ts';
import { labelledList } from './labelled-list.ts';
import type { FileKind } from '../kind.ts';

const TASKS = labelledList('tasks', 'task_id');

export const isTasksColumn = TASKS.isColumn;

/** The table and the task ids in their order (the order of the survey's pref_ columns). */
export function checkTasks(file: LoadedFile): { table: CheckedTable; tasks: string[] } {
  const { table, ids } = TASKS.check(file);
  return { table, tasks: ids };
}

export const tasksKind: FileKind = {
  kind: 'tasks',
  file: 'tasks.csv',
  doc: 'the tasks the survey asks the preferred channel for',
  after: [],
  isColumn: isTasksColumn,
  check(file, ctx) {
    const r = checkTasks(file);
    ctx.tasks = r.tasks;
    return r.table;
  },
};
