import * as Plot from '@observablehq/plot';
import type { Row } from '../db/types.ts';
import { formatValue } from '../notebook/format.ts';
import { finiteValues, floorMarks, floorNote, NOTE_HEIGHT, valueDomain } from './axis-floor.ts';
import { textWidth } from './labels.ts';
import { column, columnPair, label, type ChartContext } from './spec.ts';

/**
 * A line over an ordinal axis such as quarters (`2025Q3` sorts as text), with an optional
 * confidence band, one line per `z` series (coloured by `color` when given), values labelled.
 * The y axis spans the values (with `zero: true`, from 0), or the metric's scale given as
 * `yDomain: [min, max]`; when it leaves out 0 the chart says so (axis-floor.ts).
 */
export function lineChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const z = column(ctx, 'z');
  const band = columnPair(ctx, 'band');
  const colorCol = column(ctx, 'color');
  const stroke = colorCol ?? column(ctx, 'stroke') ?? 'var(--accent, steelblue)';
  const format = typeof ctx.spec.format === 'string' ? ctx.spec.format : undefined;
  const domain = [...new Set(ctx.rows.map((r) => String(r[x])))].sort();
  // On a narrow chart (a phone) every k-th period is labelled, counted back from the latest, so labels never overlap.
  const labelWidth = Math.max(0, ...domain.map((d) => textWidth(d, 10))) + 8;
  const every = Math.max(1, Math.ceil((domain.length * labelWidth) / (ctx.width - 30 - 48)));
  const ticks = every > 1 ? domain.filter((_, i) => (domain.length - 1 - i) % every === 0) : undefined;
  const yDomain = valueDomain(finiteValues(ctx.rows.flatMap((r) => [r[y], ...(band ? [r[band[0]], r[band[1]]] : [])])), { given: ctx.spec.yDomain, zero: ctx.spec.zero === true });
  // A scale the page gave (yDomain) starts where the metric does; otherwise the floor is 0.
  const note = Array.isArray(ctx.spec.yDomain) ? null : floorNote(yDomain, ctx.locale);
  return {
    width: ctx.width,
    height: 260 + (note ? NOTE_HEIGHT : 0),
    marginRight: 30,
    marginLeft: 48,
    marginBottom: 30 + (note ? NOTE_HEIGHT : 0),
    x: { type: 'point', domain, ticks, label: label(ctx, 'xLabel') ?? null, padding: 0.3 },
    y: { label: label(ctx, 'yLabel') ?? y, grid: true, domain: yDomain },
    color: colorCol ? { type: 'identity' } : undefined,
    marks: [
      ...(band ? [Plot.areaY(ctx.rows, { x, y1: band[0], y2: band[1], z, fill: stroke, fillOpacity: 0.15 })] : []),
      Plot.lineY(ctx.rows, { x, y, z, stroke, strokeWidth: 2 }),
      Plot.dot(ctx.rows, { x, y, fill: stroke, r: 3.5 }),
      Plot.text(ctx.rows, { x, y, text: (d: Row) => formatValue(d[y], format), dy: -10, fill: 'currentColor' }),
      ...(note ? [floorMarks(note, yDomain[1] < 0)] : []),
    ],
  };
}
