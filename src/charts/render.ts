import * as Plot from '@observablehq/plot';
import type { QueryResult } from '../db/types.ts';
import type { Locale } from '../text/locale.ts';
import { chartTableColumns } from './data-table.ts';
import { themeSeriesColours } from './series-colours.ts';
import { chartType, CHART_TYPES } from './registry.ts';
import { columnKeys } from './schema.ts';
import { column, columnPair, type ChartContext } from './spec.ts';
import { renderTable } from './table.ts';

export { CHART_TYPES };

/** Charts are drawn at most this wide on both sides; the SVG's viewBox makes them fill their column. */
export const CHART_WIDTH = 640;

/**
 * Chart text is set at 10–13 px in drawing units; a drawing is made at most 1/TEXT_SCALE of its
 * column's width and then fills the column (styles.css), so its text reads at 12.5 CSS px or more:
 * a phone gets a chart drawn for its width (not a wide one shrunk), a wide column a 640 px drawing
 * scaled up.
 */
export const TEXT_SCALE = 1.25;

/** The width to draw a chart at for a column `column` CSS px wide. */
export function drawingWidth(column: number): number {
  return column > 0 ? Math.min(CHART_WIDTH, Math.floor(column / TEXT_SCALE)) : CHART_WIDTH;
}

export interface RenderOptions {
  document: Document;
  locale: Locale;
  width?: number;
}

function context(spec: Record<string, unknown>, result: QueryResult, options: RenderOptions): ChartContext {
  return { spec, rows: result.rows, columns: result.columns.map((c) => c.name), locale: options.locale, width: options.width ?? CHART_WIDTH };
}

/** A page mistake in a chart spec against its data, as one message; null when the spec is fine. */
export function chartProblem(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string | null {
  const name = String(spec.type ?? '');
  const type = chartType(name);
  if (!type) return `unknown chart type "${name}" (built-in types: ${CHART_TYPES.join(', ')})`;
  const absent = type.required.filter((k) => typeof spec[k] !== 'string');
  if (absent.length) return `chart type ${name} needs ${absent.join(', ')}`;
  const ctx = context(spec, result, { document: undefined as never, locale });
  // Every column the spec names, as resolved for this locale (`name` → `name_en`).
  const named: string[] = [];
  for (const key of columnKeys(type)) named.push(...(type.options[key]!.type === 'column' ? [column(ctx, key)] : (columnPair(ctx, key) ?? [])).filter((c): c is string => c !== undefined));
  const missing = [...named, ...(type.extraColumns?.(ctx) ?? [])].filter((c) => !ctx.columns.includes(c));
  if (missing.length) return `unknown column ${missing.map((c) => `"${c}"`).join(', ')} (the data has: ${ctx.columns.join(', ')})`;
  return null;
}

/**
 * Whether a chart shows nothing: no rows, or (a drawn chart) an `x` or `y` column with no value in
 * any row, as when the survey lacks the column a metric comes from and every bank's bar is null.
 */
export function chartIsEmpty(spec: Record<string, unknown>, result: QueryResult, locale: Locale): boolean {
  if (result.rows.length === 0) return true;
  if (spec.type === 'table') return false;
  const ctx = context(spec, result, { document: undefined as never, locale });
  return (['x', 'y'] as const).some((key) => {
    const c = column(ctx, key);
    return c !== undefined && ctx.columns.includes(c) && ctx.rows.every((r) => r[c] === null || r[c] === undefined);
  });
}

/** Draws a chart as markup: an SVG from Observable Plot, or the type's own (panels, an HTML table). Same code in Node and in the browser. */
export function renderChart(spec: Record<string, unknown>, result: QueryResult, options: RenderOptions): string {
  const ctx = context(spec, result, options);
  const type = chartType(String(spec.type));
  if (!type) throw new Error(`unknown chart type "${String(spec.type)}"`);
  if (type.markup) return type.markup(ctx, options.document);
  if (ctx.rows.length === 0) return '';
  const colourColumn = column(ctx, 'color');
  const svg = Plot.plot({ ...type.plot!(ctx), document: options.document, style: { background: 'transparent' } });
  themeSeriesColours(svg, colourColumn ? ctx.rows.map((r) => r[colourColumn]) : []);
  return svg.outerHTML;
}

/**
 * The table behind a chart (for screen readers, and the reader who wants the numbers): the columns
 * the chart draws, headed and formatted as the chart shows them (charts/data-table.ts).
 */
export function renderDataTable(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const ctx = context({ ...spec, title: undefined }, result, { document: undefined as never, locale });
  return renderTable({ ...ctx, spec: { columns: chartTableColumns(ctx, chartType(String(spec.type))?.encodings ?? []) } });
}

/** A sql cell marked `display`: every column of its result, as the query names them. */
export function renderResultTable(result: QueryResult, locale: Locale): string {
  return renderTable(context({}, result, { document: undefined as never, locale }));
}
