import * as Plot from '@observablehq/plot';
import type { Row } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import { categoryMargin, textWidth } from './labels.ts';
import { categoryLabel } from './legend.ts';
import { COLOR_OPTION, formatOption, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType } from './schema.ts';
import { column, columnPair, colorChannel, label, type ChartContext } from './spec.ts';
import { categorical } from './summary.ts';

const OPTIONS: Record<string, ChartOption> = {
  x: { type: 'column', doc: 'the value; bars start at 0' },
  y: { type: 'column', doc: "the category, one bar each, in the data's order" },
  fy: { type: 'column', doc: "one panel per value (e.g. each level), named in the right margin, in the data's order" },
  xError: { type: 'columnPair', doc: 'the interval around each value, `[lo, hi]`: error bars' },
  color: COLOR_OPTION,
  fill: { type: 'column', doc: 'a column of fill colours, when `color` is not given' },
  n: N_OPTION,
  format: formatOption(),
};

/** The least width left for the bars between the category and panel names. */
const MIN_PLOT_WIDTH = 120;

/** Horizontal bars per category (from zero, in data order) with optional error bars, optionally faceted by `fy`. */
function barChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const fy = column(ctx, 'fy');
  const err = columnPair(ctx, 'xError');
  const color = colorChannel(ctx);
  const fill = color.fill ?? column(ctx, 'fill') ?? 'var(--accent, steelblue)';
  const format = setting<string>(OPTIONS, ctx.spec, 'format');
  // Categories and panels keep the data's order (the page's SQL sorts them), not Plot's alphabetical default.
  const order = (col: string) => [...new Set(ctx.rows.map((r) => r[col]))];
  const facets = fy ? order(fy).length : 1;
  const perFacet = fy ? Math.max(1, Math.round(ctx.rows.length / facets)) : ctx.rows.length;
  // Panel names sit in the right margin: room for the longest. Long names on a narrow drawing give way
  // (right margin first, then the categories'), so the bars always keep MIN_PLOT_WIDTH.
  let marginLeft = categoryMargin(ctx.rows.map((r) => r[y]));
  let marginRight = fy ? Math.max(48, Math.min(200, Math.max(...order(fy).map((f) => textWidth(String(f), 10))) + 56)) : 48;
  const excess = marginLeft + marginRight + MIN_PLOT_WIDTH - ctx.width;
  if (excess > 0) {
    const fromRight = Math.min(excess, Math.max(0, marginRight - 48));
    marginRight -= fromRight;
    marginLeft = Math.max(60, marginLeft - (excess - fromRight));
  }
  return {
    width: ctx.width,
    height: Math.max(110, 50 + facets * (perFacet * 30 + 16)),
    marginLeft,
    marginRight,
    x: { label: label(ctx, 'xLabel') ?? x, grid: true, nice: true },
    // Names longer than their margin wrap onto two lines, else are cut (the table has them whole): never drawn past the SVG's edge.
    y: { label: null, domain: order(y), tickFormat: (t: unknown) => categoryLabel(String(t), marginLeft - 10) },
    fy: fy ? { label: null, domain: order(fy), tickFormat: (t: unknown) => categoryLabel(String(t), marginRight - 12) } : undefined,
    color: color.scale,
    marks: [
      Plot.barX(ctx.rows, { x, y, fy, fill, fillOpacity: 0.85 }),
      ...(err ? [Plot.ruleY(ctx.rows, { y, fy, x1: err[0], x2: err[1], stroke: 'currentColor', strokeWidth: 1.5 })] : []),
      Plot.text(ctx.rows, { x: err ? err[1] : x, y, fy, text: (d: Row) => formatValue(d[x], format), dx: 6, textAnchor: 'start', fill: 'currentColor' }),
      Plot.ruleX([0]),
    ],
  };
}

export const bar: ChartType = {
  name: 'bar',
  doc: "Horizontal bars from 0 per category, in the data's order, with optional error bars, optionally one panel per value of `fy`.",
  title: { zh: '条形图', en: 'Bar chart' },
  required: ['x', 'y'],
  options: OPTIONS,
  encodings: [{ key: 'fy', role: 'panel' }, { key: 'y', role: 'category' }, { key: 'x', role: 'value', formatted: true, interval: 'xError' }, N_ENCODING],
  plot: barChart,
  summary: (spec, result, locale) => categorical(spec, result, locale, 'y'),
};
