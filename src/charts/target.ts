/**
 * Targets as reference marks (`target: <column>`, optional `targetName: <column>` for its label, e.g.
 * `target_label` → `target_label_zh` / `target_label_en`): each row's target is drawn where its value
 * is, as a dashed rule in the page's text colour (currentColor: dark on light, light on dark) labelled
 * "目标 35" / "target 35", so it reads without colour and is told from the data by its dash. Rows
 * without a target draw nothing: without targets.csv a chart is drawn exactly as before. The same
 * rows give the text alternative's sentence and the data table's column (accessible.ts, data-table.ts).
 */
import * as Plot from '@observablehq/plot';
import type { Row } from '../db/types.ts';
import type { Locale } from '../text/locale.ts';
import { formatTarget, targetSentence } from '../text/targets.ts';
import { textWidth } from './labels.ts';
import { fitText } from './legend.ts';
import { column, type ChartContext } from './spec.ts';

/** Dashes of a target's rule: unlike any data line (solid) or interval (solid, pale). */
export const TARGET_DASH = '5,3';
/** Class of every target mark, for styles and tests. */
export const TARGET_CLASS = 'cx-target';
/**
 * What every target mark carries: its class, by which it is also named `data-mark="target"`
 * (accessible.ts), so that it is never taken for a series' line or dot.
 */
export const TARGET_MARK = { className: TARGET_CLASS } as const;

const WORD: Record<Locale, string> = { zh: '目标', en: 'target' };

export interface TargetColumns {
  value: string;
  name: string | undefined;
}

/** The spec's target columns when the data hold at least one target; null otherwise (nothing to draw). */
export function targetColumns(ctx: ChartContext): TargetColumns | null {
  const value = column(ctx, 'target');
  if (!value || !ctx.columns.includes(value) || !ctx.rows.some((r) => typeof r[value] === 'number')) return null;
  const name = column(ctx, 'targetName');
  return { value, name: name && ctx.columns.includes(name) ? name : undefined };
}

/** Each row's target, or null: a dot chart sets its value label right of the target's rule too. */
export function targetOf(ctx: ChartContext): (r: Row) => number | null {
  const t = targetColumns(ctx);
  return (r) => (t && typeof r[t.value] === 'number' && Number.isFinite(r[t.value] as number) ? (r[t.value] as number) : null);
}

/** The target values, for scales that are computed before drawing (a line chart's y domain). */
export function targetValues(ctx: ChartContext): number[] {
  const t = targetColumns(ctx);
  return t ? ctx.rows.map((r) => r[t.value]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)) : [];
}

/** A target's name on the chart is cut to this many pixels (its full text is in the data table and the summary). */
const NAME_ROOM = 200;

/**
 * "目标 35" / "2026 goal 35": the row's own label, else the generic word, and the target as people
 * write it; the name is cut to fit `room` pixels with the value (at 10 px), the value never.
 */
export function targetLabel(row: Row, t: TargetColumns, locale: Locale, format?: string, room = Infinity): string {
  const own = t.name ? row[t.name] : null;
  const value = formatTarget(row[t.value] as number, format);
  const fits = Math.max(12, Math.min(NAME_ROOM, room - textWidth(` ${value}`, 10)));
  const name = fitText(typeof own === 'string' && own.trim() !== '' ? own.trim() : WORD[locale], fits, 10);
  return `${name} ${value}`;
}

/**
 * Where a rule starting at `at` px (of a plot from `left` to `right` px) is labelled: left of its start
 * when there is more room there (the latest periods carry the series' own values), else from its
 * start; `room` is the width the label may take.
 */
export function labelSide(at: number, left: number, right: number): { anchor: 'start' | 'end'; room: number } {
  return at - left > right - at ? { anchor: 'end', room: at - left - 6 } : { anchor: 'start', room: right - at };
}

const withTarget = (rows: Row[], t: TargetColumns) => rows.filter((r) => typeof r[t.value] === 'number' && Number.isFinite(r[t.value] as number));

/**
 * Category charts with values across (dot): a short vertical rule at each row's target, across the
 * row's line, labelled above it.
 */
export function targetMarksX(ctx: ChartContext, y: string, format?: string): Plot.Markish[] {
  const t = targetColumns(ctx);
  if (!t) return [];
  const rows = withTarget(ctx.rows, t);
  // Consecutive rows sharing a target (a `*` one) are labelled once, at the first.
  const named = (r: Row) => `${String(r[t.value])}\u0000${t.name ? String(r[t.name] ?? '') : ''}`;
  const labelled = rows.filter((r, i) => i === 0 || named(r) !== named(rows[i - 1]!));
  return [
    Plot.ruleX(rows, { x: t.value, y1: y, y2: y, stroke: 'currentColor', strokeWidth: 2, strokeDasharray: TARGET_DASH, insetTop: -12, insetBottom: -12, ...TARGET_MARK }),
    Plot.text(labelled, { x: t.value, y, text: (r: Row) => targetLabel(r, t, ctx.locale, format), dy: -19, fontSize: 10, fill: 'currentColor', ...TARGET_MARK }),
  ];
}

/**
 * Charts over time (line): a dashed line through each series' targets per period (one line where
 * series share a target), labelled at its first period.
 */
export function targetMarksY(ctx: ChartContext, x: string, y: string, plot: { left: number; right: number }, format?: string): Plot.Markish[] {
  const t = targetColumns(ctx);
  if (!t) return [];
  const seen = new Set<string>();
  // Series sharing the same target in the same period (a `*` target) draw it once.
  const rows = withTarget(ctx.rows, t).filter((r) => {
    const key = `${String(r[x])}\u0000${String(r[t.value])}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const line = (r: Row) => `${String(r[t.value])}\u0000${t.name ? String(r[t.name] ?? '') : ''}`;
  // Labelled at its first period: left of the rule's start where there is more room there (the latest
  // periods carry the series' own values), else from its start, above the rule where the series runs
  // below it there and below where it runs above.
  const first = [...new Map(rows.map((r) => [line(r), r] as const).reverse()).values()].reverse();
  const domain = [...new Set(ctx.rows.map((r) => String(r[x])))].sort();
  const at = (r: Row) => plot.left + ((domain.indexOf(String(r[x])) + 0.3) / Math.max(1, domain.length - 1 + 0.6)) * (plot.right - plot.left);
  const side = (r: Row) => labelSide(at(r), plot.left, plot.right);
  const over = (r: Row) => !(typeof r[y] === 'number' && (r[y] as number) > (r[t.value] as number));
  const text = (rows: Row[], options: Plot.TextOptions) =>
    Plot.text(rows, { x, y: t.value, text: (r: Row) => targetLabel(r, t, ctx.locale, format, side(r).room), fontSize: 10, fill: 'currentColor', ...TARGET_MARK, ...options });
  const before = first.filter((r) => side(r).anchor === 'end');
  const from = first.filter((r) => side(r).anchor === 'start');
  return [
    Plot.lineY(rows, { x, y: t.value, z: line, stroke: 'currentColor', strokeWidth: 1.5, strokeDasharray: TARGET_DASH, ...TARGET_MARK }),
    text(before, { textAnchor: 'end', dx: -6 }),
    text(from.filter(over), { textAnchor: 'start', dy: -7 }),
    text(from.filter((r) => !over(r)), { textAnchor: 'start', dy: 12 }),
  ];
}

/**
 * The text alternative's sentence: each row with a target (for charts over time, each series' latest
 * one) read against it — "China Merchants Bank 31.0, target 35: below". '' when there is none.
 */
export function targetSummary(ctx: ChartContext, label: (r: Row) => string, value: string, options: { latestBy?: (r: Row) => string; order?: string; format?: (r: Row) => string | undefined } = {}): string {
  const t = targetColumns(ctx);
  if (!t) return '';
  let rows = withTarget(ctx.rows, t).filter((r) => typeof r[value] === 'number');
  if (options.latestBy && options.order) {
    const key = options.latestBy;
    const order = options.order;
    const latest = new Map<string, Row>();
    for (const r of rows) {
      const k = key(r);
      const have = latest.get(k);
      if (!have || String(r[order]) >= String(have[order])) latest.set(k, r);
    }
    rows = [...latest.values()];
  }
  if (rows.length === 0) return '';
  const sep = ctx.locale === 'zh' ? '；' : '; ';
  return rows
    .map((r) => {
      const own = t.name ? r[t.name] : null;
      return targetSentence(
        { figure: label(r), value: r[value] as number, target: r[t.value] as number, label: typeof own === 'string' ? own : null, format: options.format?.(r) },
        ctx.locale,
      );
    })
    .join(sep);
}
