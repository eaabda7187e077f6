import * as Plot from '@observablehq/plot';
import { SERIES_PALETTE } from './series-colours.ts';
import type { Row } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import { textWidth } from './labels.ts';
import { categoryLabel, fitText, firstAppearance, FONT_SIZE, inkOn, LEGEND_LINE, swatchLayout, swatchLegend } from './legend.ts';
import { COLOR_OPTION, formatOption, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType } from './schema.ts';
import { column, label, type ChartContext } from './spec.ts';

/**
 * Horizontal 100%-stacked bars (`type: stacked`), e.g. the shares of negative, neutral and positive
 * emotions at each journey stage: one bar per `y` category (data order), stacked by `series` (data
 * order) from the shares in `x` (0–100). Colours: a `color` column, else the diverging palette for
 * 2–5 series (first red = negative, a grey middle = neutral, last blue = positive; `palette:
 * categorical` opts out), else a categorical scheme. Segments of at least 8% carry their share
 * (`format`, default `.0f`, then "%") in white or dark ink, whichever reads on the fill; a legend
 * above names the series in order. Optional `fy` groups the bars under headings.
 */

// The diverging chart's red and blue, a shade darker: white value labels on them reach 5:1, and the
// fills still stand 3:1 off both the light and the dark page.
const NEGATIVE = '#c23b4e';
const POSITIVE = '#2f6db0';
const NEUTRAL = '#8c929c';
const NEGATIVE_LIGHT = '#e8909b';
const POSITIVE_LIGHT = '#94bde6';

/** Negative → neutral → positive, for 2 to 5 series; fills that read on light and dark pages alike. */
export const DIVERGING: Record<number, string[]> = {
  2: [NEGATIVE, POSITIVE],
  3: [NEGATIVE, NEUTRAL, POSITIVE],
  4: [NEGATIVE, NEGATIVE_LIGHT, POSITIVE_LIGHT, POSITIVE],
  5: [NEGATIVE, NEGATIVE_LIGHT, NEUTRAL, POSITIVE_LIGHT, POSITIVE],
};

const OPTIONS: Record<string, ChartOption> = {
  x: { type: 'column', doc: 'the share, 0–100' },
  y: { type: 'column', doc: "the category, one bar each, in the data's order" },
  series: { type: 'column', doc: "what is stacked, in the data's order" },
  fy: { type: 'column', doc: 'groups the bars under headings' },
  color: COLOR_OPTION,
  palette: { type: 'choice', values: ['diverging', 'categorical'], default: 'diverging', doc: '`diverging`: red – grey – blue for 2–5 series; `categorical` opts out' },
  n: N_OPTION,
  format: formatOption('.0f'),
};

const ROW = 24;
const FACET_HEAD = 20;
const MIN_LABEL_SHARE = 8;

interface Segment {
  row: Row;
  y: string;
  fy: string | null;
  series: string;
  value: number;
  x1: number;
  x2: number;
  fill: string;
  ink: string | null;
  text: string;
}

function stackedChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const seriesCol = column(ctx, 'series')!;
  const fy = column(ctx, 'fy');
  const colorCol = column(ctx, 'color');
  const format = setting<string>(OPTIONS, ctx.spec, 'format')!;
  const share = (v: number) => (format.endsWith('%') ? formatValue(v, format) : `${formatValue(v, format)}%`);

  const rows = ctx.rows.filter((r) => typeof r[x] === 'number' && Number.isFinite(r[x]));
  const categories = firstAppearance(rows.map((r) => String(r[y])));
  const series = firstAppearance(rows.map((r) => String(r[seriesCol])));
  const facets = fy ? firstAppearance(rows.map((r) => String(r[fy]))) : [null];
  const palette = setting(OPTIONS, ctx.spec, 'palette') === 'categorical' || !DIVERGING[series.length] ? SERIES_PALETTE : DIVERGING[series.length]!;
  const colorOf = new Map(series.map((s, i) => [s, palette[i % palette.length]!]));
  const fillOf = (r: Row) => (colorCol && typeof r[colorCol] === 'string' ? (r[colorCol] as string) : colorOf.get(String(r[seriesCol]))!);

  // Each bar stacks its series in the series' data order, whatever the order of its rows, and is
  // drawn to 100% (shares rounded to 99 or 101 still end flush); the labels keep the data's values.
  const segments: Segment[] = [];
  for (const f of facets) {
    for (const c of categories) {
      const bar = series
        .map((s) => rows.find((r) => String(r[y]) === c && String(r[seriesCol]) === s && (fy ? String(r[fy]) === f : true)))
        .filter((r): r is Row => r !== undefined);
      const total = bar.reduce((sum, r) => sum + Math.max(0, r[x] as number), 0);
      let at = 0;
      for (const row of bar) {
        const value = row[x] as number;
        const width = total > 0 ? (Math.max(0, value) / total) * 100 : 0;
        const fill = fillOf(row);
        segments.push({ row, y: c, fy: f, series: String(row[seriesCol]), value, x1: at, x2: at + width, fill, ink: inkOn(fill), text: share(value) });
        at += width;
      }
    }
  }
  const xMax = 100;

  const widest = Math.max(0, ...categories.map((c) => textWidth(c, FONT_SIZE)));
  const marginLeft = Math.round(Math.min(widest + 10, ctx.width * 0.3, 170));
  const marginRight = 14;
  const legendSeries = series.map((s) => ({ label: s, color: colorCol ? fillOf(rows.find((r) => String(r[seriesCol]) === s)!) : colorOf.get(s)! }));
  const legendLeft = Math.min(marginLeft, 8 + ctx.width * 0.1);
  const legendLines = swatchLayout(legendSeries, legendLeft, ctx.width - marginRight).lines;
  const marginTop = 8 + legendLines * LEGEND_LINE + (fy ? FACET_HEAD : 0);
  const marginBottom = 30;
  const panel = categories.length * ROW;
  const pxPerUnit = (ctx.width - marginLeft - marginRight) / xMax;
  const fits = (d: Segment) => d.x2 - d.x1 >= MIN_LABEL_SHARE && (d.x2 - d.x1) * pxPerUnit >= textWidth(d.text, FONT_SIZE) + 4;
  const labelled = segments.filter(fits);
  const title = (d: Segment) => `${d.fy ? `${d.fy} · ` : ''}${d.y} · ${d.series}: ${d.text}`;
  const position = { x: (d: Segment) => (d.x1 + d.x2) / 2, y: 'y', fy: fy ? 'fy' : undefined, text: 'text' } as const;

  return {
    width: ctx.width,
    height: marginTop + marginBottom + facets.length * panel + (facets.length - 1) * FACET_HEAD,
    marginTop,
    marginLeft,
    marginRight,
    marginBottom,
    x: { domain: [0, xMax], label: label(ctx, 'xLabel') ?? null, grid: true, ticks: Math.max(2, Math.min(5, Math.floor(ctx.width / 110))), tickFormat: (v: number) => `${v}%` },
    y: { domain: categories, label: null, tickSize: 0, padding: 0.25, tickFormat: (c: string) => categoryLabel(c, marginLeft - 8) },
    fy: fy ? { domain: facets, axis: null, paddingInner: FACET_HEAD / (panel + FACET_HEAD), paddingOuter: 0 } : undefined,
    color: { type: 'identity' },
    marks: [
      Plot.barX(segments, { x1: 'x1', x2: 'x2', y: 'y', fy: fy ? 'fy' : undefined, fill: 'fill', stroke: 'var(--bg, white)', strokeWidth: 1, title, className: 'stacked-segment' }),
      Plot.text(
        labelled.filter((d) => d.ink !== null),
        { ...position, fill: 'ink', className: 'stacked-value' },
      ),
      Plot.text(
        labelled.filter((d) => d.ink === null),
        { ...position, fill: 'currentColor', stroke: 'var(--bg, white)', strokeWidth: 3, paintOrder: 'stroke', className: 'stacked-value' },
      ),
      ...(fy
        ? [Plot.text(facets as string[], { fy: (f: string) => f, text: (f: string) => fitText(f, ctx.width - 8), frameAnchor: 'top-left', dx: -marginLeft + 4, dy: -6, lineAnchor: 'bottom', textAnchor: 'start', fill: 'currentColor', fontWeight: 600, className: 'stacked-facet' })]
        : []),
      Plot.ruleX([0], { stroke: 'currentColor' }),
      swatchLegend(legendSeries, legendLeft, ctx.width - marginRight, 6, 'stacked-legend'),
    ],
  };
}

export const stacked: ChartType = {
  name: 'stacked',
  doc: 'Horizontal 100% stacked bars, e.g. the shares of negative, neutral and positive feelings at each journey stage: segments wide enough carry their share, and a legend above names the series in order.',
  title: { zh: '堆积条形图', en: 'Stacked bar chart' },
  required: ['x', 'y', 'series'],
  options: OPTIONS,
  encodings: [{ key: 'fy', role: 'panel' }, { key: 'y', role: 'category' }, { key: 'series', role: 'series' }, { key: 'x', role: 'value', formatted: true }, N_ENCODING],
  plot: stackedChart,
};
