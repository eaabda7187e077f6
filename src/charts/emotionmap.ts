import * as Plot from '@observablehq/plot';
import { scaleLinear } from 'd3';
import { SERIES_PALETTE } from './series-colours.ts';
import type { Row, SqlValue } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import type { Locale } from '../text/locale.ts';
import { textWidth } from './labels.ts';
import { bandTicks, fitText, firstAppearance, FONT_SIZE } from './legend.ts';
import { dodge } from './multiples.ts';
import { COLOR_OPTION, formatOption, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType } from './schema.ts';
import { SERIES_NAME, column, columnPair, label, type ChartContext } from './spec.ts';

/**
 * The customer emotion map (`type: emotionmap`): mean emotion (`y`, e.g. −3…+3) at each journey
 * stage (`x`), one line per `z` series (bank, segment) in its `color` or a categorical scheme, with
 * 95% intervals (`yError: [lo, hi]`) as vertical bars, a zero line, and the "moments of truth"
 * (`highlight`, a boolean column) shaded behind their stage and starred on the axis. Stages run in
 * data order, or by a numeric `order` column. Several series: each named at its last point (names
 * moved apart when close); one series: each point labelled with its value (`format`).
 */

const OPTIONS: Record<string, ChartOption> = {
  x: { type: 'column', doc: "the journey stage, in the data's order (or by `order`)" },
  y: { type: 'column', doc: 'the mean emotion (e.g. −3…+3)' },
  z: { type: 'column', doc: 'the series: one line per value (bank, segment), each named at its last point' },
  seriesName: { type: 'column', doc: "the column naming each series in the data table (else `z`)" },
  yError: { type: 'columnPair', doc: 'the 95% interval, `[lo, hi]`: vertical bars' },
  color: COLOR_OPTION,
  highlight: { type: 'column', doc: 'a boolean column: the moments of truth, shaded behind their stage and starred (`highlightLabel` names them in the key)' },
  order: { type: 'column', doc: 'a numeric column ordering the stages' },
  n: N_OPTION,
  format: formatOption('+.1f'),
  yDomain: { type: 'numberPair', default: [-3, 3], doc: 'the emotion scale, `[min, max]`; it always holds 0 and every value' },
};

const MOMENT: Record<Locale, string> = { zh: '★ 关键时刻', en: '★ moment of truth' };
const CI: Record<Locale, string> = { zh: '95% 置信区间', en: '95% CI' };
const STAR = '★ ';
const LABEL_GAP = 12;
const MARGIN_TOP = 28;

const num = (v: SqlValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

interface Point {
  row: Row;
  stage: string;
  series: string;
  value: number;
  lo: number | null;
  hi: number | null;
}

function emotionMapChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const z = column(ctx, 'z');
  const err = columnPair(ctx, 'yError');
  const colorCol = column(ctx, 'color');
  const highlightCol = column(ctx, 'highlight');
  const orderCol = column(ctx, 'order');
  const format = setting<string>(OPTIONS, ctx.spec, 'format')!;

  // Stages: data order, or by the numeric `order` column (stages without one keep data order, last).
  let stages = firstAppearance(ctx.rows.map((r) => String(r[x])));
  if (orderCol) {
    const rank = new Map<string, number>();
    for (const r of ctx.rows) {
      const o = num(r[orderCol]);
      if (o !== null && !rank.has(String(r[x]))) rank.set(String(r[x]), o);
    }
    stages = stages
      .map((s, i) => ({ s, i, o: rank.get(s) ?? Number.POSITIVE_INFINITY }))
      .sort((a, b) => a.o - b.o || a.i - b.i)
      .map((d) => d.s);
  }
  const moments = new Set(highlightCol ? ctx.rows.filter((r) => r[highlightCol] === true).map((r) => String(r[x])) : []);

  const points: Point[] = ctx.rows
    .map((row) => ({ row, stage: String(row[x]), series: z ? String(row[z]) : '', value: num(row[y]), lo: err ? num(row[err[0]]) : null, hi: err ? num(row[err[1]]) : null }))
    .filter((p): p is Point => p.value !== null);
  const seriesNames = firstAppearance(points.map((p) => p.series));
  const many = seriesNames.length > 1;
  const colorOf = new Map<string, string>();
  seriesNames.forEach((s, i) => {
    const given = colorCol ? points.find((p) => p.series === s && typeof p.row[colorCol] === 'string')?.row[colorCol] : undefined;
    colorOf.set(s, typeof given === 'string' ? given : many ? SERIES_PALETTE[i % SERIES_PALETTE.length]! : 'var(--accent, steelblue)');
  });

  // The y domain: −3…+3 unless given, always holding zero and every value and interval.
  const given = setting<readonly [number, number]>(OPTIONS, ctx.spec, 'yDomain')!;
  const base = [Math.min(given[0], given[1]), Math.max(given[0], given[1])];
  const all = points.flatMap((p) => [p.value, p.lo, p.hi]).filter((v): v is number => v !== null);
  const domain = [Math.min(base[0]!, 0, ...all), Math.max(base[1]!, 0, ...all)] as [number, number];
  const yLabel = label(ctx, 'yLabel') ?? y;

  // Room for the series names at the right; then the stages' step decides whether their labels turn.
  const nameRoom = many ? Math.min(Math.round(ctx.width * 0.25), Math.max(...seriesNames.map((s) => textWidth(s, FONT_SIZE))) + 2) : 0;
  const marginLeft = 44;
  const marginRight = many ? nameRoom + 24 : 16;
  const tickText = (s: string) => (moments.has(s) ? `${STAR}${s}` : s);
  const step = (ctx.width - marginLeft - marginRight) / Math.max(1, stages.length);
  const ticks = bandTicks(stages.map(tickText), step);
  const xLabel = label(ctx, 'xLabel');
  const cutStages = stages.some((s) => ticks.format(tickText(s)).endsWith('…'));
  const marginBottom = ticks.margin + (xLabel && ticks.rotate ? 14 : 0);
  const height = Math.round(Math.min(340, Math.max(240, ctx.width * 0.48))) + (marginBottom - 30);
  const yScale = scaleLinear()
    .domain(domain)
    .nice()
    .range([height - marginBottom, MARGIN_TOP]);
  const [y0, y1] = yScale.domain() as [number, number];

  // With intervals and several series, each series sits a little apart so that its bars do not hide another's.
  const spread = err && many ? Math.min(6, (step * 0.4) / (seriesNames.length - 1)) : 0;
  const offset = (i: number) => (i - (seriesNames.length - 1) / 2) * spread;
  const interval = (p: Point) => (p.lo !== null && p.hi !== null ? ` (${CI[ctx.locale]} ${formatValue(p.lo, format)} – ${formatValue(p.hi, format)})` : '');
  const title = (p: Point) => `${p.series ? `${p.series} · ` : ''}${p.stage}: ${formatValue(p.value, format)}${interval(p)}`;
  const inStageOrder = (ps: Point[]) => stages.flatMap((s) => ps.filter((p) => p.stage === s));

  // Several series: each name beside its last point, moved apart vertically when close.
  const last = seriesNames.map((s) => inStageOrder(points.filter((p) => p.series === s)).at(-1)!);
  const labelY = dodge(last.map((p) => yScale(p.value)), LABEL_GAP, MARGIN_TOP, height - marginBottom);
  const nameLabels = last.map((p, i) => ({ ...p, ly: yScale.invert(labelY[i]!), text: fitText(p.series, nameRoom), color: colorOf.get(p.series)! }));

  const momentLegend = moments.size ? (label(ctx, 'highlightLabel') ?? MOMENT[ctx.locale]) : null;
  return {
    width: ctx.width,
    height,
    marginTop: MARGIN_TOP,
    marginLeft,
    marginRight,
    marginBottom,
    x: {
      type: 'band',
      domain: stages,
      padding: 0,
      label: xLabel ?? null,
      tickFormat: (s: string) => ticks.format(tickText(s)),
      tickRotate: ticks.rotate,
      tickSize: 0,
    },
    ...(cutStages ? {} : {}),
    y: { domain: [y0, y1], label: yLabel, grid: true },
    color: { type: 'identity' },
    marks: [
      // A stage name cut short keeps its full text as the tick's title (the axis drawn as a mark for that).
      ...(cutStages ? [Plot.axisX({ tickFormat: (s: string) => ticks.format(tickText(s)), tickRotate: ticks.rotate, tickSize: 0, label: xLabel ?? null, title: (s: string) => tickText(s) })] : []),
      ...(moments.size
        ? [Plot.barY([...moments].filter((s) => stages.includes(s)), { x: (s: string) => s, y1: y0, y2: y1, fill: 'currentColor', fillOpacity: 0.08, className: 'emotion-moment' })]
        : []),
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.7, className: 'emotion-zero' }),
      ...seriesNames.flatMap((s, i) => {
        const ps = inStageOrder(points.filter((p) => p.series === s));
        const stroke = colorOf.get(s)!;
        const dx = offset(i);
        const withCi = ps.filter((p) => p.lo !== null && p.hi !== null);
        return [
          ...(withCi.length ? [Plot.ruleX(withCi, { x: 'stage', y1: 'lo', y2: 'hi', stroke, strokeWidth: 1.5, strokeOpacity: 0.7, dx, className: 'emotion-error' })] : []),
          Plot.lineY(ps, { x: 'stage', y: 'value', stroke, strokeWidth: 2.5, dx, className: 'emotion-line' }),
          Plot.dot(ps, { x: 'stage', y: 'value', fill: stroke, stroke: 'var(--bg, white)', strokeWidth: 1, r: 4.5, dx, title, className: 'emotion-point' }),
        ];
      }),
      ...(many
        ? [
            Plot.dot(nameLabels, { x: 'stage', y: 'ly', fill: 'color', r: 4, symbol: 'square', dx: step / 2 + 8, className: 'emotion-key' }),
            Plot.text(nameLabels, { x: 'stage', y: 'ly', text: 'text', dx: step / 2 + 15, textAnchor: 'start', fill: 'currentColor', fontWeight: 600, className: `emotion-series ${SERIES_NAME}` }),
          ]
        : [
            Plot.text(points, {
              x: 'stage',
              y: (p: Point) => (p.hi !== null ? Math.max(p.hi, p.value) : p.value),
              text: (p: Point) => formatValue(p.value, format),
              dy: -9,
              fill: 'currentColor',
              stroke: 'var(--bg, white)',
              strokeWidth: 3,
              paintOrder: 'stroke',
              className: 'emotion-value',
            }),
          ]),
      ...(momentLegend ? [Plot.text([momentLegend], { frameAnchor: 'top-right', dy: -MARGIN_TOP + 8, text: (d: string) => d, textAnchor: 'end', fill: 'currentColor', className: 'emotion-moment-legend' })] : []),
    ],
  };
}

export const emotionmap: ChartType = {
  name: 'emotionmap',
  doc: 'The customer emotion map: the mean emotion at each journey stage, one line per `z` series, with 95% intervals as vertical bars, a zero line, and the moments of truth shaded and starred. Several series are named at their last point; one series has its values labelled.',
  title: { zh: '情绪曲线图', en: 'Emotion map' },
  required: ['x', 'y'],
  options: OPTIONS,
  encodings: [{ key: 'seriesName', role: 'series' }, { key: 'x', role: 'stage' }, { key: 'y', role: 'value', formatted: true, interval: 'yError' }, { key: 'highlight', role: 'highlight' }, N_ENCODING],
  plot: emotionMapChart,
};
