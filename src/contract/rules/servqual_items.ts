/**
 * servqual_items.csv: the SERVQUAL items. Optional: without it the 22 items of Parasuraman,
 * Zeithaml & Berry (1988) apply. `item_id` is the item's number; servqual files name the item's
 * columns `e` / `p` plus the number written with two digits (item 5 → e05, p05).
 */
import { number, oneOf, requiredText } from '../cells.ts';
import { buildTable, DIMENSIONS, settle, sheetOf, type LoadedFile, type ServqualItem } from '../context.ts';
import { compact } from '../sheet.ts';
import type { CellValue, CheckedTable } from '../types.ts';
import { fixedColumns, tableColumns, type ColumnDef } from './common.ts';
import { rejectRow } from '../sheet.ts';
import type { FileKind } from '../kind.ts';

const COLUMNS: ColumnDef[] = [
  { name: 'item_id', type: 'INTEGER', parse: number({ what: 'item_id', min: 1, max: 99, missing: 'error', integer: true }), required: true },
  { name: 'dimension', type: 'VARCHAR', parse: oneOf('dimension', DIMENSIONS, false), required: true },
  { name: 'label_zh', type: 'VARCHAR', parse: requiredText('label_zh'), required: true },
  { name: 'label_en', type: 'VARCHAR', parse: requiredText('label_en'), required: true },
];

export const isServqualItemsColumn = (name: string): boolean => COLUMNS.some((c) => c.name === name);

/** Parasuraman, Zeithaml & Berry (1988), "SERVQUAL: a multiple-item scale…", J. Retailing 64(1): the 22 items, shortened. */
export const STANDARD_ITEMS: ServqualItem[] = (
  [
    ['tangibles', '设备现代化', 'Up-to-date equipment'],
    ['tangibles', '设施美观', 'Visually appealing facilities'],
    ['tangibles', '员工仪表整洁', 'Neat, well-dressed employees'],
    ['tangibles', '服务资料美观', 'Visually appealing materials'],
    ['reliability', '按承诺时间办事', 'Does things by the time promised'],
    ['reliability', '真诚解决客户问题', 'Sincere interest in solving problems'],
    ['reliability', '第一次就做对', 'Performs the service right the first time'],
    ['reliability', '在承诺时间提供服务', 'Provides services at the promised time'],
    ['reliability', '记录准确无误', 'Keeps error-free records'],
    ['responsiveness', '告知服务的确切时间', 'Tells customers exactly when services will be performed'],
    ['responsiveness', '服务迅速', 'Gives prompt service'],
    ['responsiveness', '总是乐于帮助', 'Always willing to help'],
    ['responsiveness', '再忙也及时回应', 'Never too busy to respond to requests'],
    ['assurance', '员工行为值得信赖', 'Employees instil confidence'],
    ['assurance', '交易让人放心', 'Customers feel safe in their transactions'],
    ['assurance', '员工始终礼貌', 'Employees are consistently courteous'],
    ['assurance', '员工有专业知识解答问题', 'Employees have the knowledge to answer questions'],
    ['empathy', '给予个别关注', 'Gives customers individual attention'],
    ['empathy', '营业时间便利', 'Convenient operating hours'],
    ['empathy', '员工给予个人关怀', 'Employees give personal attention'],
    ['empathy', '以客户利益为重', "Has customers' best interests at heart"],
    ['empathy', '了解客户的具体需求', 'Understands customers’ specific needs'],
  ] as const
).map(([dimension, label_zh, label_en], i) => ({ item_id: i + 1, dimension, label_zh, label_en }));

export function itemColumn(prefix: 'e' | 'p', id: number): string {
  return `${prefix}${String(id).padStart(2, '0')}`;
}

function itemsTable(items: ServqualItem[], files: LoadedFile[]): CheckedTable {
  const values: Record<string, CellValue[]> = { item_id: [], dimension: [], label_zh: [], label_en: [] };
  for (const it of items) {
    values.item_id!.push(it.item_id);
    values.dimension!.push(it.dimension);
    values.label_zh!.push(it.label_zh);
    values.label_en!.push(it.label_en);
  }
  return buildTable('servqual_items', tableColumns(COLUMNS), files, [{ rows: items.length, values }]);
}

export function defaultServqualItems(): { table: CheckedTable; items: ServqualItem[] } {
  return { table: itemsTable(STANDARD_ITEMS, []), items: STANDARD_ITEMS };
}

export function checkServqualItems(file: LoadedFile): { table: CheckedTable; items: ServqualItem[] } {
  const sheet = sheetOf(file, fixedColumns(COLUMNS));
  const items: ServqualItem[] = [];
  if (sheet) {
    const ids = sheet.values.get('item_id') ?? [];
    const first = new Map<number, number>();
    for (let i = 0; i < sheet.rowCount; i++) {
      const id = ids[i];
      if (typeof id !== 'number') continue;
      const f = first.get(id);
      if (f !== undefined) rejectRow(sheet, i, 'item_id', `item_id ${id} is a duplicate (first defined at line ${f}); ids must be unique`, String(id));
      else first.set(id, sheet.lines[i]!);
    }
  }
  settle(file, sheet);
  if (sheet) {
    const v = compact(sheet, COLUMNS.map((c) => c.name));
    for (let k = 0; k < file.rowsLoaded; k++) {
      items.push({ item_id: v.item_id![k] as number, dimension: v.dimension![k] as string, label_zh: v.label_zh![k] as string, label_en: v.label_en![k] as string });
    }
  }
  items.sort((a, b) => a.item_id - b.item_id);
  return { table: itemsTable(items, [file]), items };
}

export const servqualItemsKind: FileKind = {
  kind: 'servqual_items',
  file: 'servqual_items.csv',
  doc: 'the SERVQUAL questionnaire\'s items and dimensions',
  after: [],
  isColumn: isServqualItemsColumn,
  check(file, ctx) {
    const r = checkServqualItems(file);
    ctx.servqualItems = r.items;
    return r.table;
  },
  // SERVQUAL answers without their own questionnaire are read against the standard 22 items.
  absent(ctx, present) {
    if (!present('servqual')) return null;
    const r = defaultServqualItems();
    ctx.servqualItems = r.items;
    return r.table;
  },
};
