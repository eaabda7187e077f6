import * as Plot from '@observablehq/plot';
import type { Row } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import { categoryMargin } from './labels.ts';
import { column, columnPair, colorChannel, label, type ChartContext } from './spec.ts';
import { targetMarksX, targetOf } from './target.ts';

/** Dots per category with optional horizontal error bars: e.g. each bank's NPS ± margin of error. */
export function dotChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const err = columnPair(ctx, 'xError');
  const color = colorChannel(ctx);
  const fill = color.fill ?? column(ctx, 'fill') ?? 'currentColor';
  const format = typeof ctx.spec.format === 'string' ? ctx.spec.format : undefined;
  const text = (d: Row) => formatValue(d[x], format);
  // The value's label sits right of the dot's interval, and of its target's rule when that is further right.
  const target = targetOf(ctx);
  const labelX = (d: Row) => Math.max(...[d[err ? err[1] : x], target(d)].filter((v): v is number => typeof v === 'number'));
  return {
    width: ctx.width,
    height: Math.max(110, 50 + ctx.rows.length * 36),
    marginLeft: categoryMargin(ctx.rows.map((r) => r[y])),
    marginRight: 48,
    x: { label: label(ctx, 'xLabel') ?? x, grid: true, nice: true, zero: ctx.spec.zero === true },
    // Categories keep the data's order (the page's SQL sorts them), not Plot's alphabetical default.
    y: { label: null, domain: [...new Set(ctx.rows.map((r) => r[y]))] },
    color: color.scale,
    marks: [
      ...(ctx.spec.zero === true ? [Plot.ruleX([0], { strokeOpacity: 0.4 })] : []),
      ...(err ? [Plot.ruleY(ctx.rows, { y, x1: err[0], x2: err[1], stroke: fill, strokeWidth: 2.5, strokeOpacity: 0.55 })] : []),
      // `target:` a rule at each row's target (targets.csv), labelled, under the dot; nothing without targets.
      ...targetMarksX(ctx, y, format),
      Plot.dot(ctx.rows, { x, y, fill, r: 6 }),
      Plot.text(ctx.rows, { x: labelX, y, text, dx: 8, textAnchor: 'start', fill: 'currentColor' }),
    ],
  };
}
