/** stages.csv: the journey stages, in journey order. */
import { boolean, number, requiredText, slug } from '../cells.ts';
import { buildTable, settle, sheetOf, type LoadedFile, type StageInfo } from '../context.ts';
import { compact } from '../sheet.ts';
import type { CheckedTable } from '../types.ts';
import { fixedColumns, tableColumns, uniqueIds, type ColumnDef } from './common.ts';
import type { FileKind } from '../kind.ts';

const COLUMNS: ColumnDef[] = [
  { name: 'stage_id', type: 'VARCHAR', parse: slug('stage_id'), required: true },
  { name: 'order', type: 'INTEGER', parse: number({ what: 'order', missing: 'error', integer: true }), required: true },
  { name: 'label_zh', type: 'VARCHAR', parse: requiredText('label_zh'), required: true },
  { name: 'label_en', type: 'VARCHAR', parse: requiredText('label_en'), required: true },
  { name: 'moment_of_truth', type: 'BOOLEAN', parse: boolean('moment_of_truth') },
];

export const isStagesColumn = (name: string): boolean => COLUMNS.some((c) => c.name === name);

export function checkStages(file: LoadedFile): { table: CheckedTable; stages: Map<string, StageInfo> } {
  const sheet = sheetOf(file, fixedColumns(COLUMNS));
  const ids = uniqueIds(sheet, 'stage_id', 'stage_id');
  const stages = new Map<string, StageInfo>();
  if (sheet) {
    const idCol = sheet.values.get('stage_id') ?? [];
    const orderCol = sheet.values.get('order') ?? [];
    for (let i = 0; i < sheet.rowCount; i++) {
      const id = idCol[i];
      if (typeof id === 'string' && ids.has(id) && !stages.has(id)) {
        const o = orderCol[i];
        stages.set(id, { id, order: typeof o === 'number' ? o : Number.MAX_SAFE_INTEGER });
      }
    }
  }
  settle(file, sheet);
  const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, COLUMNS.map((c) => c.name), { moment_of_truth: false }) }] : [];
  return { table: buildTable('stages', tableColumns(COLUMNS), [file], parts), stages };
}

/** Stage ids in journey order (order, then id): the column order of emo_ columns. */
export function stageOrder(stages: Map<string, StageInfo>): string[] {
  return [...stages.values()].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((s) => s.id);
}

export const stagesKind: FileKind = {
  kind: 'stages',
  file: 'stages.csv',
  doc: 'the journey stages in order, with their moments of truth',
  after: [],
  isColumn: isStagesColumn,
  check(file, ctx) {
    const r = checkStages(file);
    ctx.stages = r.stages;
    return r.table;
  },
};
