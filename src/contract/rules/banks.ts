/** banks.csv: the units being compared. */
import { color, optionalText, requiredText, slug } from '../cells.ts';
import { buildTable, settle, sheetOf, type LoadedFile } from '../context.ts';
import { compact } from '../sheet.ts';
import type { CheckedTable } from '../types.ts';
import { fixedColumns, tableColumns, uniqueIds, type ColumnDef } from './common.ts';
import type { FileKind } from '../kind.ts';
import { labelsFrom } from '../../import/labels.ts';

const COLUMNS: ColumnDef[] = [
  { name: 'bank_id', type: 'VARCHAR', parse: slug('bank_id'), required: true },
  { name: 'name_zh', type: 'VARCHAR', parse: requiredText('name_zh'), required: true },
  { name: 'name_en', type: 'VARCHAR', parse: requiredText('name_en'), required: true },
  { name: 'color', type: 'VARCHAR', parse: color },
  { name: 'peer_group', type: 'VARCHAR', parse: optionalText },
];

export const isBanksColumn = (name: string): boolean => COLUMNS.some((c) => c.name === name);

export function checkBanks(file: LoadedFile): { table: CheckedTable; ids: Set<string> } {
  const sheet = sheetOf(file, fixedColumns(COLUMNS));
  const ids = uniqueIds(sheet, 'bank_id', 'bank_id');
  settle(file, sheet);
  const names = COLUMNS.map((c) => c.name);
  const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, names) }] : [];
  return { table: buildTable('banks', tableColumns(COLUMNS), [file], parts), ids };
}

export const banksKind: FileKind = {
  kind: 'banks',
  file: 'banks.csv',
  doc: 'the units being compared, with their names and colours',
  after: [],
  isColumn: isBanksColumn,
  check(file, ctx) {
    const r = checkBanks(file);
    ctx.banks = r.ids;
    // For messages about a bank's name written where its id belongs.
    ctx.bankNames = labelsFrom([r.table]).bank;
    return r.table;
  },
};
