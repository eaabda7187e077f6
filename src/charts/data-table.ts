import { resolveColumn } from '../text/format.ts';
import type { Locale } from '../text/locale.ts';
import type { Encoding, Role } from './schema.ts';
import { label, type ChartContext } from './spec.ts';
import type { TableColumnSpec } from './table.ts';

/**
 * "Show the data as a table": the columns a chart draws, not the whole result of its SQL cell. Each
 * encoding of the spec (facet, category, series, x, y, its interval, n, …) becomes one column, in the
 * order a reader scans the chart, headed by the chart's own words for it (its axis labels, or
 * `<key>Label_zh` / `<key>Label_en` such as `seriesNameLabel_en: Bank`) or else a generic word in the
 * reader's language, and formatted as the chart formats it (`format`, or a row's `formatColumn`).
 * A page can list the columns itself with `tableColumns:` (the `columns` of a table chart).
 * Columns stay identified by the spec's own names (`name`, `nps_lo`) for the CSV download. What
 * each chart type draws is its descriptor's `encodings`.
 */

const WORDS: Record<Role, Record<Locale, string>> = {
  target: { zh: '目标', en: 'Target' },
  targetName: { zh: '目标名称', en: 'Target name' },
  category: { zh: '类别', en: 'Category' },
  value: { zh: '数值', en: 'Value' },
  series: { zh: '系列', en: 'Series' },
  panel: { zh: '小图', en: 'Panel' },
  period: { zh: '期间', en: 'Period' },
  item: { zh: '项目', en: 'Item' },
  gap: { zh: '差距', en: 'Gap' },
  group: { zh: '分组', en: 'Group' },
  significant: { zh: '显著', en: 'Significant' },
  n: { zh: '样本量（n）', en: 'n' },
  highlight: { zh: '突出显示', en: 'Highlighted' },
  performance: { zh: '表现', en: 'Performance' },
  importance: { zh: '重要性', en: 'Importance' },
  stage: { zh: '阶段', en: 'Stage' },
};

const BOUND: Record<Locale, { lo: (v: string) => string; hi: (v: string) => string }> = {
  zh: { lo: (v) => `${v}（下限）`, hi: (v) => `${v}（上限）` },
  en: { lo: (v) => `${v} (lower bound)`, hi: (v) => `${v} (upper bound)` },
};

/** The spec key a chart type takes its axis title from, when the encoding is on an axis. */
const AXIS_LABEL: Record<string, string> = { x: 'xLabel', y: 'yLabel' };

/** `seriesName` falls back to `z` (the series' id) when the page names no label column, `period` to `x` (the date). */
const FALLBACK: Record<string, string> = { seriesName: 'z', period: 'x' };

function specColumn(spec: Record<string, unknown>, key: string): string | undefined {
  const value = spec[key] ?? (Object.hasOwn(FALLBACK, key) ? spec[FALLBACK[key]!] : undefined);
  return typeof value === 'string' ? value : undefined;
}

function heading(ctx: ChartContext, e: Encoding): string {
  const own = label(ctx, `${e.key}Label`) ?? (e.key === 'seriesName' ? label(ctx, 'zLabel') : undefined);
  if (own) return own;
  // A category axis' title names the categories; a value axis' title names the values.
  const axis = AXIS_LABEL[e.key];
  const axisTitle = axis ? label(ctx, axis) : undefined;
  return axisTitle ?? WORDS[e.role][ctx.locale];
}

/** The columns of a chart's data table, as `columns` entries of a table chart (labels already in the reader's language). */
export function chartTableColumns(ctx: ChartContext, encodings: readonly Encoding[]): TableColumnSpec[] {
  if (Array.isArray(ctx.spec.tableColumns)) return ctx.spec.tableColumns as TableColumnSpec[];
  const format = typeof ctx.spec.format === 'string' ? ctx.spec.format : undefined;
  const formatColumn = typeof ctx.spec.formatColumn === 'string' ? ctx.spec.formatColumn : undefined;
  const out: TableColumnSpec[] = [];
  const seen = new Set<string>();
  const add = (c: TableColumnSpec) => {
    if (seen.has(c.column)) return;
    seen.add(c.column);
    out.push(c);
  };
  for (const e of encodings) {
    const col = specColumn(ctx.spec, e.key);
    if (!col) continue;
    if (e.optional && !ctx.rows.some((r) => { const v = r[resolveColumn(ctx.columns, col, ctx.locale)]; return v !== null && v !== undefined; })) continue;
    const text = heading(ctx, e);
    const fmt = e.formatted ? { ...(format ? { format } : {}), ...(formatColumn ? { formatColumn } : {}) } : {};
    add({ column: col, label: text, ...fmt, ...(e.role === 'period' ? { period: true } : {}) });
    const pair = e.interval ? ctx.spec[e.interval] : undefined;
    if (Array.isArray(pair) && pair.length === 2) {
      add({ column: String(pair[0]), label: BOUND[ctx.locale].lo(text), ...fmt });
      add({ column: String(pair[1]), label: BOUND[ctx.locale].hi(text), ...fmt });
    }
  }
  return out;
}
