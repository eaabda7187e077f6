import * as Plot from '@observablehq/plot';
import type { Row } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import { categoryMargin } from './labels.ts';
import { COLOR_OPTION, formatOption, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType, TARGET_ENCODINGS } from './schema.ts';
import { column, columnPair, colorChannel, label, type ChartContext } from './spec.ts';
import { categorical } from './summary.ts';
import { targetMarksX, targetOf } from './target.ts';

const OPTIONS: Record<string, ChartOption> = {
  x: { type: 'column', doc: 'the value (e.g. `nps`)' },
  y: { type: 'column', doc: 'the category, one row of dots each, in the data\'s order (e.g. `name`)' },
  xError: { type: 'columnPair', doc: 'the interval around each value, `[lo, hi]`: error bars' },
  color: COLOR_OPTION,
  fill: { type: 'column', doc: 'a column of fill colours, when `color` is not given' },
  n: N_OPTION,
  format: formatOption(),
  zero: { type: 'boolean', default: false, doc: 'the x axis includes 0, drawn as a faint rule' },
  target: { type: 'column', doc: 'the target each value is read against (e.g. from `targets.csv` through the `targets` table): a dashed, labelled rule' },
  targetName: { type: 'column', doc: "the target's name for the reader (e.g. `target_label` → `target_label_zh` / `_en`); without it, 目标 / target" },
};

/** Dots per category with optional horizontal error bars: e.g. each bank's NPS ± margin of error. */
function dotChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const err = columnPair(ctx, 'xError');
  const color = colorChannel(ctx);
  const fill = color.fill ?? column(ctx, 'fill') ?? 'currentColor';
  const format = setting<string>(OPTIONS, ctx.spec, 'format');
  const zero = setting<boolean>(OPTIONS, ctx.spec, 'zero');
  const text = (d: Row) => formatValue(d[x], format);
  // The value's label sits right of the dot's interval, and of its target's rule when that is further right.
  const target = targetOf(ctx);
  const labelX = (d: Row) => Math.max(...[d[err ? err[1] : x], target(d)].filter((v): v is number => typeof v === 'number'));
  return {
    width: ctx.width,
    height: Math.max(110, 50 + ctx.rows.length * 36),
    marginLeft: categoryMargin(ctx.rows.map((r) => r[y])),
    marginRight: 48,
    x: { label: label(ctx, 'xLabel') ?? x, grid: true, nice: true, zero },
    // Categories keep the data's order (the page's SQL sorts them), not Plot's alphabetical default.
    y: { label: null, domain: [...new Set(ctx.rows.map((r) => r[y]))] },
    color: color.scale,
    marks: [
      ...(zero ? [Plot.ruleX([0], { strokeOpacity: 0.4 })] : []),
      ...(err ? [Plot.ruleY(ctx.rows, { y, x1: err[0], x2: err[1], stroke: fill, strokeWidth: 2.5, strokeOpacity: 0.55 })] : []),
      // `target:` a rule at each row's target (targets.csv), labelled, under the dot; nothing without targets.
      ...targetMarksX(ctx, y, format),
      Plot.dot(ctx.rows, { x, y, fill, r: 6 }),
      Plot.text(ctx.rows, { x: labelX, y, text, dx: 8, textAnchor: 'start', fill: 'currentColor' }),
    ],
  };
}

export const dot: ChartType = {
  name: 'dot',
  doc: "Dots per category with optional horizontal error bars, e.g. each bank's NPS with its margin of error.",
  title: { zh: '点图', en: 'Dot chart' },
  required: ['x', 'y'],
  options: OPTIONS,
  encodings: [{ key: 'y', role: 'category' }, { key: 'x', role: 'value', formatted: true, interval: 'xError' }, ...TARGET_ENCODINGS, N_ENCODING],
  plot: dotChart,
  summary: (spec, result, locale) => categorical(spec, result, locale, 'y'),
};
