import * as Plot from '@observablehq/plot';
import type { Row } from '../db/types.ts';
import { formatPeriod, formatValue } from '../text/format.ts';
import { finiteValues, floorMarks, floorNote, NOTE_HEIGHT, valueDomain } from './axis-floor.ts';
import { textWidth } from './labels.ts';
import { LEGEND_LINE, firstAppearance, swatchLayout, swatchLegend } from './legend.ts';
import { COLOR_OPTION, formatOption, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType, TARGET_ENCODINGS } from './schema.ts';
import { SERIES_NAME, column, columnPair, label, seriesNameColumn, type ChartContext } from './spec.ts';
import { lines } from './summary.ts';
import { targetMarksY, targetValues } from './target.ts';

const OPTIONS: Record<string, ChartOption> = {
  x: { type: 'column', doc: 'the period (e.g. `quarter`), an ordinal axis sorted as text' },
  y: { type: 'column', doc: 'the value' },
  z: { type: 'column', doc: 'the series: one line per value (e.g. `bank`)' },
  seriesName: { type: 'column', doc: 'the column naming each `z` series for the reader (e.g. `name` → `name_zh` / `name_en`); without it `z` itself is shown' },
  band: { type: 'columnPair', doc: 'the interval around each value, `[lo, hi]`: a shaded band' },
  color: COLOR_OPTION,
  stroke: { type: 'column', doc: 'a column of line colours, when `color` is not given' },
  n: N_OPTION,
  format: formatOption(),
  yDomain: { type: 'numberPair', doc: "the metric's own scale, `[min, max]` (e.g. `[1, 5]`), instead of the values' span" },
  zero: { type: 'boolean', default: false, doc: 'the y axis starts at 0' },
  target: { type: 'column', doc: 'the target each value is read against (e.g. from `targets.csv` through the `targets` table): a dashed, labelled rule' },
  targetName: { type: 'column', doc: "the target's name for the reader (e.g. `target_label` → `target_label_zh` / `_en`); without it, 目标 / target" },
};

/**
 * A line over an ordinal axis such as quarters (`2025Q3` sorts as text), with an optional
 * confidence band, one line per `z` series (coloured by `color` when given), values labelled.
 * The y axis spans the values (with `zero: true`, from 0), or the metric's scale given as
 * `yDomain: [min, max]`; when it leaves out 0 the chart says so (axis-floor.ts).
 * Periods tick as the reader's edition writes them (`2026Q3`; months `2026年3月` / `Mar 2026`).
 * Several series get a legend above the plot, named by `seriesName` (else `z`).
 */
function lineChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const z = column(ctx, 'z');
  const band = columnPair(ctx, 'band');
  const colorCol = column(ctx, 'color');
  const stroke = colorCol ?? column(ctx, 'stroke') ?? 'var(--accent, steelblue)';
  const format = setting<string>(OPTIONS, ctx.spec, 'format');
  const domain = [...new Set(ctx.rows.map((r) => String(r[x])))].sort();
  // On a narrow chart (a phone) every k-th period is labelled, counted back from the latest, so labels never overlap.
  const tickFormat = (d: string) => formatPeriod(d, ctx.locale);
  const labelWidth = Math.max(0, ...domain.map((d) => textWidth(tickFormat(d), 10))) + 8;
  const every = Math.max(1, Math.ceil((domain.length * labelWidth) / (ctx.width - 30 - 48)));
  const ticks = every > 1 ? domain.filter((_, i) => (domain.length - 1 - i) % every === 0) : undefined;
  const given = setting<readonly [number, number]>(OPTIONS, ctx.spec, 'yDomain');
  const yDomain = valueDomain(finiteValues([...ctx.rows.flatMap((r) => [r[y], ...(band ? [r[band[0]], r[band[1]]] : [])]), ...targetValues(ctx)]), { given, zero: setting<boolean>(OPTIONS, ctx.spec, 'zero') });
  // A scale the page gave (yDomain) starts where the metric does; otherwise the floor is 0.
  const note = given ? null : floorNote(yDomain, ctx.locale);
  // Several series: a legend of their names (in their colours) above the plot.
  const nameCol = seriesNameColumn(ctx);
  const ids = z ? firstAppearance(ctx.rows.map((r) => String(r[z]))) : [];
  const swatches =
    z && nameCol && ids.length > 1
      ? ids.map((id) => {
          const row = ctx.rows.find((r) => String(r[z]) === id)!;
          const color = colorCol && typeof row[colorCol] === 'string' ? (row[colorCol] as string) : 'var(--accent, steelblue)';
          return { label: String(row[nameCol] ?? id), color };
        })
      : [];
  const legendLines = swatchLayout(swatches, 48, ctx.width - 30).lines;
  const marginTop = 20 + legendLines * LEGEND_LINE;
  return {
    width: ctx.width,
    height: 260 + legendLines * LEGEND_LINE + (note ? NOTE_HEIGHT : 0),
    marginTop,
    marginRight: 30,
    marginLeft: 48,
    marginBottom: 30 + (note ? NOTE_HEIGHT : 0),
    x: { type: 'point', domain, ticks, tickFormat, label: label(ctx, 'xLabel') ?? null, padding: 0.3 },
    y: { label: label(ctx, 'yLabel') ?? y, grid: true, domain: yDomain },
    color: colorCol ? { type: 'identity' } : undefined,
    marks: [
      ...(band ? [Plot.areaY(ctx.rows, { x, y1: band[0], y2: band[1], z, fill: stroke, fillOpacity: 0.15 })] : []),
      Plot.lineY(ctx.rows, { x, y, z, stroke, strokeWidth: 2 }),
      Plot.dot(ctx.rows, { x, y, fill: stroke, r: 3.5 }),
      Plot.text(ctx.rows, { x, y, text: (d: Row) => formatValue(d[y], format), dy: -10, fill: 'currentColor' }),
      // `target:` a dashed line through the targets (targets.csv), labelled; nothing without targets.
      ...targetMarksY(ctx, x, y, { left: 48, right: ctx.width - 30 }, format),
      ...(note ? [floorMarks(note, yDomain[1] < 0)] : []),
      ...(swatches.length ? [swatchLegend(swatches, 48, ctx.width - 30, 4, `line-legend ${SERIES_NAME}`)] : []),
    ],
  };
}

export const line: ChartType = {
  name: 'line',
  doc: 'A line over an ordinal axis such as quarters, one line per `z` series (a legend names several), values labelled, with an optional confidence band. The y axis spans the values, or `yDomain`, or from 0 with `zero: true`; when it leaves 0 out, the chart says so.',
  title: { zh: '折线图', en: 'Line chart' },
  required: ['x', 'y'],
  options: OPTIONS,
  encodings: [{ key: 'seriesName', role: 'series' }, { key: 'x', role: 'period' }, { key: 'y', role: 'value', formatted: true, interval: 'band' }, ...TARGET_ENCODINGS, N_ENCODING],
  plot: lineChart,
  summary: (spec, result, locale) => lines(spec, result.rows, result.columns.map((c) => c.name), locale),
};
