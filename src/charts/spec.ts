import type { Row } from '../db/types.ts';
import { resolveColumn } from '../text/format.ts';
import { readLocalized } from '../text/locale.ts';
import { localize, type Locale, type Localized } from '../text/locale.ts';

/** What every chart type receives: the spec as written, the rows of its data cell, the reader's language. */
export interface ChartContext {
  spec: Record<string, unknown>;
  rows: Row[];
  columns: string[];
  locale: Locale;
  width: number;
}

/** A field of the spec that names a column, resolved to the column key for this locale (`name` → `name_en`). */
export function column(ctx: ChartContext, key: string): string | undefined {
  const value = ctx.spec[key];
  return typeof value === 'string' ? resolveColumn(ctx.columns, value, ctx.locale) : undefined;
}

/** A pair of columns such as `xError: [lo, hi]`. */
export function columnPair(ctx: ChartContext, key: string): [string, string] | undefined {
  const value = ctx.spec[key];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  return [resolveColumn(ctx.columns, String(value[0]), ctx.locale), resolveColumn(ctx.columns, String(value[1]), ctx.locale)];
}

export function label(ctx: ChartContext, key: string): string | undefined {
  const text: Localized | undefined = readLocalized(ctx.spec, key);
  return text === undefined ? undefined : localize(text, ctx.locale);
}

/** Spec keys that hold column names, per chart type: checked against the data before drawing. */
export const COLUMN_KEYS = ['x', 'y', 'fill', 'stroke', 'fx', 'fy', 'color', 'text', 'z', 'seriesName', 'label', 'n', 'prevX', 'prevY', 'group', 'significant', 'gap', 'panel', 'unit', 'period', 'series', 'highlight', 'order', 'target', 'targetName'] as const;
export const COLUMN_PAIR_KEYS = ['xError', 'yError', 'band'] as const;

/** Columns the spec names that the data lacks (page mistakes), checked for every chart type. */
export function missingColumns(ctx: ChartContext): string[] {
  const wanted: string[] = [];
  for (const key of COLUMN_KEYS) if (typeof ctx.spec[key] === 'string') wanted.push(column(ctx, key)!);
  for (const key of COLUMN_PAIR_KEYS) wanted.push(...(columnPair(ctx, key) ?? []));
  return wanted.filter((c) => !ctx.columns.includes(c));
}

/** Bank colours (or any CSS colours) given per row in a column are used as they are. */
export function colorChannel(ctx: ChartContext): { fill?: string; scale?: { type: 'identity' } } {
  const colorCol = column(ctx, 'color');
  return colorCol ? { fill: colorCol, scale: { type: 'identity' } } : {};
}

/**
 * Class a chart type gives a text mark drawn in data colours (a bank's, a gap's red or blue) on the
 * page's background: charts/accessible.ts makes it readable on both themes. Text drawn over marks (a
 * bar's white or dark ink) picks its own colour against the mark and goes without it.
 */
export const ON_PAGE_TEXT = 'cx-text-on-page';

/**
 * The column naming each `z` series for the reader: `seriesName` (e.g. `name` → `name_zh` /
 * `name_en`) when the spec gives one, else `z` itself. Lines are still told apart by `z` (an id),
 * so two series with the same name stay two lines.
 */
export function seriesNameColumn(ctx: ChartContext): string | undefined {
  return column(ctx, 'seriesName') ?? column(ctx, 'z');
}

/**
 * Class of the marks that name a chart's series (a legend's entries, names at the lines' ends), so
 * that tests and tools can find the names whatever the chart type draws them with.
 */
export const SERIES_NAME = 'cx-series-name';
