/**
 * channels.csv: the service channels (branch, app, web, phone, …). When present, the survey's
 * served `channel` and every preferred channel (`pref_<task_id>`) must be one of its ids.
 */
import type { LoadedFile } from '../context.ts';
import type { CheckedTable } from '../types.ts';
import { labelledList } from './labelled-list.ts';
import type { FileKind } from '../kind.ts';

const CHANNELS = labelledList('channels', 'channel_id');

export const isChannelsColumn = CHANNELS.isColumn;

/** The table and the channel ids in their order (as listed in messages about unknown channels). */
export function checkChannels(file: LoadedFile): { table: CheckedTable; channels: string[] } {
  const { table, ids } = CHANNELS.check(file);
  return { table, channels: ids };
}

export const channelsKind: FileKind = {
  kind: 'channels',
  file: 'channels.csv',
  doc: 'the service channels',
  after: [],
  isColumn: isChannelsColumn,
  check(file, ctx) {
    const r = checkChannels(file);
    ctx.channels = r.channels;
    return r.table;
  },
};
