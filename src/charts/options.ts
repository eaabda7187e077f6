/**
 * Every option a chart cell may hold, across the chart types: a key outside this list is a page
 * mistake (`colour:`, `xerror:`), refused when the page is parsed rather than silently ignored.
 * Which of them each type reads is still in the type's module (issue 18: per-type descriptors).
 */
import { didYouMean } from '../text/suggest.ts';
import { COLUMN_KEYS, COLUMN_PAIR_KEYS } from './spec.ts';

/** Options that are not columns: the cell's data and type, texts, formats and drawing choices. */
const SETTINGS = [
  'type', 'data', 'title', 'method', 'empty', 'format', 'formatColumn', 'tableColumns', 'columns', 'pageSize',
  'zero', 'yDomain', 'domain', 'scheme', 'palette', 'crosshair', 'crosshairScope', 'diagonal', 'movement',
  'scaleX', 'scaleY', 'xLabel', 'yLabel', 'zLabel',
  // false: the build does not precompute this chart's data for other input states (src/notebook/states.ts).
  'precompute',
] as const;

/** Texts a page may give once or per language (`title`, `title_zh`, `title_en`). */
const TEXTS = new Set(['title', 'method', 'empty']);

const COLUMNS: readonly string[] = [...COLUMN_KEYS, ...COLUMN_PAIR_KEYS];

/** Every key a chart cell may hold without its language suffix (a column's table heading is `<key>Label`). */
export const CHART_OPTIONS: readonly string[] = [...SETTINGS, ...COLUMNS, ...COLUMNS.map((k) => `${k}Label`)];
const KNOWN = new Set(CHART_OPTIONS);

/** The key without a `_zh` / `_en` suffix, when that suffix is one a text option takes. */
function baseKey(key: string): string {
  const m = /^(.+)_(zh|en)$/.exec(key);
  return m && (TEXTS.has(m[1]!) || m[1]!.endsWith('Label')) ? m[1]! : key;
}

/** The first option of a chart spec that no chart type takes, with a did-you-mean; null when all are known. */
export function unknownChartOption(spec: Record<string, unknown>): { key: string; message: string } | null {
  for (const key of Object.keys(spec)) {
    if (KNOWN.has(baseKey(key))) continue;
    return { key, message: `unknown option "${key}"${didYouMean(key, CHART_OPTIONS)}` };
  }
  return null;
}
