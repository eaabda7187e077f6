/**
 * The labels of the reference lists (banks.csv names; segments, channels, tasks and metric_defs labels), so that an
 * export answering 招商银行 or "Mobile app" is read as the id it names without a `map`.
 */
import type { CheckedTable } from '../contract/types.ts';

export type LabelGroup = 'bank' | 'segment' | 'channel' | 'task' | 'metric';
/** Label (trimmed, lower-case) → id, per list. */
export type Labels = Record<LabelGroup, Map<string, string>>;

const SOURCES: Record<LabelGroup, { table: string; id: string; labels: string[] }> = {
  bank: { table: 'banks', id: 'bank_id', labels: ['name_zh', 'name_en'] },
  segment: { table: 'segments', id: 'segment_id', labels: ['label_zh', 'label_en'] },
  channel: { table: 'channels', id: 'channel_id', labels: ['label_zh', 'label_en'] },
  task: { table: 'tasks', id: 'task_id', labels: ['label_zh', 'label_en'] },
  metric: { table: 'metric_defs', id: 'metric_id', labels: ['label_zh', 'label_en'] },
};

export function emptyLabels(): Labels {
  return { bank: new Map(), segment: new Map(), channel: new Map(), task: new Map(), metric: new Map() };
}

/** Labels of the checked reference tables; a label two ids share is left out (it names neither). */
export function labelsFrom(tables: Iterable<CheckedTable>): Labels {
  const out = emptyLabels();
  const byName = new Map([...tables].map((t) => [t.name, t]));
  for (const [group, src] of Object.entries(SOURCES) as [LabelGroup, (typeof SOURCES)[LabelGroup]][]) {
    const t = byName.get(src.table);
    if (!t) continue;
    const ids = t.values[src.id] ?? [];
    const clash = new Set<string>();
    for (const col of src.labels) {
      const labels = t.values[col] ?? [];
      for (let i = 0; i < t.rowCount; i++) {
        const id = ids[i];
        const label = labels[i];
        if (typeof id !== 'string' || typeof label !== 'string') continue;
        const key = label.trim().toLowerCase();
        const had = out[group].get(key);
        if (had !== undefined && had !== id) clash.add(key);
        else out[group].set(key, id);
      }
    }
    for (const key of clash) out[group].delete(key);
  }
  return out;
}

/** Which list a contract column's values come from: bank, segment, channel and every pref_ column. */
export function labelGroupOf(column: string): LabelGroup | null {
  if (column === 'bank') return 'bank';
  if (column === 'segment') return 'segment';
  if (column === 'channel' || column.startsWith('pref_')) return 'channel';
  if (column === 'task') return 'task';
  if (column === 'metric') return 'metric';
  return null;
}
