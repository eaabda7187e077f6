import * as Plot from '@observablehq/plot';
import type { Row } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import { textWidth } from './labels.ts';
import { categoryLabel, FONT_SIZE } from './legend.ts';
import { COLOR_OPTION, formatOption, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType } from './schema.ts';
import { column, columnPair, colorChannel, label, type ChartContext } from './spec.ts';
import { categorical } from './summary.ts';

/**
 * Diverging bars from zero (`type: diverging`), e.g. SERVQUAL gaps P − E per item: negative bars
 * point left in the shortfall colour, positive right; optional error bars (`xError`), groups
 * (`fy`, e.g. the five dimensions) and a boolean `significant` column: significant bars are solid
 * and their value carries a star, the others are pale.
 */

/** Shortfall / surplus colours, legible on light and dark backgrounds. */
export const NEGATIVE = '#d1495b';
export const POSITIVE = '#3b82c4';

const OPTIONS: Record<string, ChartOption> = {
  x: { type: 'column', doc: 'the value, e.g. a gap P − E: negative bars point left in red, positive right in blue' },
  y: { type: 'column', doc: "the category, one bar each, in the data's order" },
  fy: { type: 'column', doc: 'one panel per value, when the same categories repeat (e.g. banks per dimension)' },
  group: { type: 'column', doc: "names runs of consecutive rows (e.g. a dimension's items): a rule between runs, the name in the right margin" },
  xError: { type: 'columnPair', doc: 'the interval around each value, `[lo, hi]`: error bars' },
  significant: { type: 'column', doc: 'a boolean column: significant bars are solid and their value gets a `*`, the others pale' },
  color: COLOR_OPTION,
  n: N_OPTION,
  format: formatOption('+.2f'),
};

const MAX_LABEL = 230;

const ROW = 20;
const ROW_TWO_LINES = 28;
const MARGIN_TOP = 10;
const MARGIN_BOTTOM = 36;

function divergingChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const fy = column(ctx, 'fy');
  const group = column(ctx, 'group');
  const err = columnPair(ctx, 'xError');
  const sig = column(ctx, 'significant');
  const color = colorChannel(ctx);
  const format = setting<string>(OPTIONS, ctx.spec, 'format')!;
  const value = (d: Row) => (typeof d[x] === 'number' ? (d[x] as number) : Number.NaN);
  const significant = (d: Row) => (sig ? d[sig] === true : true);
  const rows = ctx.rows.filter((d) => Number.isFinite(value(d)));
  const fill = color.fill ?? ((d: Row) => (value(d) < 0 ? NEGATIVE : POSITIVE));
  const widest = Math.max(0, ...rows.map((d) => textWidth(String(d[y]), FONT_SIZE)));
  // At most about a third of a narrow (phone) chart for the labels; cut ones keep their full text in the bar's title.
  const room = Math.min(MAX_LABEL, widest + 8, Math.round(ctx.width * 0.36));
  // Categories in data order: the page's SQL decides (e.g. items in questionnaire order).
  const categories = [...new Set(rows.map((d) => String(d[y])))];
  const facets = fy ? [...new Set(rows.map((d) => String(d[fy])))] : [null];
  // `group` names consecutive runs of rows (items of one dimension): a rule above each run and its name in the right margin.
  const runs: { name: string; first: string; middle: string }[] = [];
  if (group) {
    let start = 0;
    rows.forEach((d, i) => {
      const next = rows[i + 1];
      if (next && String(next[group]) === String(d[group])) return;
      const run = rows.slice(start, i + 1);
      runs.push({ name: String(d[group]), first: String(run[0]![y]), middle: String(run[Math.floor((run.length - 1) / 2)]![y]) });
      start = i + 1;
    });
  }
  const end = (d: Row) => {
    const v = value(d);
    if (!err) return v;
    const bound = d[v < 0 ? err[0] : err[1]];
    return typeof bound === 'number' ? bound : v;
  };
  const text = (d: Row) => `${formatValue(d[x], format)}${sig && significant(d) ? '*' : ''}`;
  const facetGap = fy ? 18 : 0;
  // A label on two lines needs a taller row.
  const row = categories.some((c) => categoryLabel(c, room).includes('\n')) ? ROW_TWO_LINES : ROW;
  return {
    width: ctx.width,
    height: MARGIN_TOP + MARGIN_BOTTOM + facets.length * (categories.length * row + facetGap),
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    marginLeft: room + 6,
    marginRight: fy || group ? 100 : 48,
    x: { label: label(ctx, 'xLabel') ?? x, grid: true, nice: true, inset: 30 },
    y: { label: null, domain: categories, tickFormat: (t: unknown) => categoryLabel(String(t), room), tickSize: 0, padding: 0.2 },
    fy: fy ? { label: null, domain: facets, padding: facetGap / (categories.length * row + facetGap) } : undefined,
    color: color.scale,
    style: { fontSize: `${FONT_SIZE}px` },
    marks: [
      ...runs.slice(1).map((r) => Plot.ruleY([r.first], { dy: -row / 2, stroke: 'currentColor', strokeOpacity: 0.25 })),
      ...(runs.length
        ? [Plot.text(runs, { y: 'middle', text: 'name', frameAnchor: 'right', textAnchor: 'start', dx: 8, fill: 'currentColor', fontWeight: 600 })]
        : []),
      Plot.barX(rows, {
        x,
        y,
        fy,
        fill,
        fillOpacity: (d: Row) => (significant(d) ? 0.9 : 0.35),
        title: (d: Row) => `${String(d[y])}: ${text(d)}`,
      }),
      ...(err ? [Plot.ruleY(rows, { y, fy, x1: err[0], x2: err[1], stroke: 'currentColor', strokeWidth: 1.2, strokeOpacity: 0.75 })] : []),
      Plot.text(
        rows.filter((d) => value(d) < 0),
        { x: end, y, fy, text, dx: -4, textAnchor: 'end', fill: 'currentColor' },
      ),
      Plot.text(
        rows.filter((d) => value(d) >= 0),
        { x: end, y, fy, text, dx: 4, textAnchor: 'start', fill: 'currentColor' },
      ),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
  };
}

export const diverging: ChartType = {
  name: 'diverging',
  doc: "Bars from zero (e.g. SERVQUAL gaps per item): shortfalls in red to the left, surpluses in blue to the right (or the row's `color`), categories in the data's order.",
  title: { zh: '发散条形图', en: 'Diverging bar chart' },
  required: ['x', 'y'],
  options: OPTIONS,
  encodings: [{ key: 'fy', role: 'panel' }, { key: 'group', role: 'group' }, { key: 'y', role: 'category' }, { key: 'x', role: 'value', formatted: true, interval: 'xError' }, { key: 'significant', role: 'significant' }, N_ENCODING],
  plot: divergingChart,
  summary: (spec, result, locale) => categorical(spec, result, locale, 'y'),
};
