/**
 * channels.csv: the service channels (branch, app, web, phone, …). When present, the survey's
 * served `channel` and every preferred channel (`pref_<task_id>`) must be one of its ids.
 */
import { number, requiredText, slug } from '../cells.ts';
import { buildTable, settle, sheetOf, type LoadedFile } from '../context.ts';
import { compact } from '../sheet.ts';
import type { CheckedTable } from '../types.ts';
import { orderedIds, requiredNames, resolver, tableColumns, uniqueIds, type ColumnDef } from './common.ts';

const COLUMNS: ColumnDef[] = [
  { name: 'channel_id', type: 'VARCHAR', parse: slug('channel_id'), required: true },
  { name: 'label_zh', type: 'VARCHAR', parse: requiredText('label_zh'), required: true },
  { name: 'label_en', type: 'VARCHAR', parse: requiredText('label_en'), required: true },
  { name: 'order', type: 'INTEGER', parse: number({ what: 'order', missing: 'null', integer: true }) },
];

export const isChannelsColumn = (name: string): boolean => COLUMNS.some((c) => c.name === name);

/** The table and the channel ids in their order (as listed in messages about unknown channels). */
export function checkChannels(file: LoadedFile): { table: CheckedTable; channels: string[] } {
  const sheet = sheetOf(file, { required: requiredNames(COLUMNS), resolve: resolver(COLUMNS) });
  const channels = orderedIds(sheet, 'channel_id', uniqueIds(sheet, 'channel_id', 'channel_id'));
  settle(file, sheet);
  const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, COLUMNS.map((c) => c.name)) }] : [];
  return { table: buildTable('channels', tableColumns(COLUMNS), [file], parts), channels };
}
