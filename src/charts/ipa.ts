import * as Plot from '@observablehq/plot';
import { extent, mean, median, scaleLinear } from 'd3';
import type { Row, SqlValue } from '../db/types.ts';
import { formatValue } from '../notebook/format.ts';
import type { Locale } from '../notebook/types.ts';
import { placeLabels, textWidth, type Box } from './labels.ts';
import { colorChannel, column, columnPair, label, type ChartContext } from './spec.ts';

/**
 * Importance–performance grid (`type: ipa`): one labelled point per attribute, performance on x and
 * importance on y, crosshairs splitting the plane into four named quadrants.
 */

export interface Crosshair {
  x: number;
  y: number;
}

export type Quadrant = 'concentrate' | 'keep' | 'low' | 'overkill';

/** Quadrant names (Martilla & James 1977, the four cells of the importance–performance grid). */
export const QUADRANT_NAMES: Record<Quadrant, Record<Locale, string>> = {
  concentrate: { zh: '重点改进区', en: 'Concentrate here' },
  keep: { zh: '继续保持区', en: 'Keep up the good work' },
  low: { zh: '低优先区', en: 'Low priority' },
  overkill: { zh: '过度投入区', en: 'Possible overkill' },
};

/** Priority order of the quadrants, as a table sorts them. */
export const QUADRANTS: Quadrant[] = ['concentrate', 'keep', 'low', 'overkill'];

export function quadrantName(quadrant: Quadrant, locale: Locale): string {
  return QUADRANT_NAMES[quadrant][locale];
}

/**
 * The quadrant of a point with performance `x` and importance `y` (Martilla & James 1977): high
 * importance is y ≥ crosshair, high performance x ≥ crosshair (a point on a crosshair counts as high).
 */
export function quadrantOf(x: number, y: number, crosshair: Crosshair): Quadrant {
  const important = y >= crosshair.y;
  const performing = x >= crosshair.x;
  if (important) return performing ? 'keep' : 'concentrate';
  return performing ? 'overkill' : 'low';
}

/**
 * Signed distance from the iso-priority line importance − performance = c through the crosshair
 * (Slack 1994): > 0 above the line (an improvement priority), < 0 below it (possible excess).
 */
export function isoPriority(x: number, y: number, crosshair: Crosshair): number {
  return y - crosshair.y - (x - crosshair.x);
}

/** Whether a 95% interval [lo, hi] contains the crosshair value: the point's side is uncertain (methods.md). */
export function crossesCrosshair(lo: number, hi: number, at: number): boolean {
  return Number.isFinite(lo) && Number.isFinite(hi) && Math.min(lo, hi) <= at && at <= Math.max(lo, hi);
}

/** Fewer respondents than this flags an attribute (methods.md: n < 30). */
export const SMALL_N = 30;

function num(value: SqlValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function numberPair(value: unknown, key: string): [number, number] {
  if (Array.isArray(value) && value.length === 2) {
    const pair = [Number(value[0]), Number(value[1])];
    if (pair.every(Number.isFinite)) return pair as [number, number];
  }
  throw new Error(`chart type ipa: crosshair "scale" needs ${key}: [min, max] (numbers)`);
}

/**
 * The crosshair point for rows (x = performance column, y = importance column, as row keys) and a
 * spec's `crosshair` rule (Martilla & James 1977 use the scale midpoints; grand means are the common
 * data-centred variant): `data` (default) means of x and of y, `median` medians, `scale` the midpoints
 * of `scaleX`/`scaleY`, or fixed values `{ x, y }`.
 */
export function crosshairOf(rows: Row[], spec: Record<string, unknown>): Crosshair {
  const rule = spec.crosshair ?? 'data';
  const xs = rows.map((r) => num(r[String(spec.x)])).filter(Number.isFinite);
  const ys = rows.map((r) => num(r[String(spec.y)])).filter(Number.isFinite);
  if (rule === 'data' || rule === 'mean') return { x: mean(xs) ?? Number.NaN, y: mean(ys) ?? Number.NaN };
  if (rule === 'median') return { x: median(xs) ?? Number.NaN, y: median(ys) ?? Number.NaN };
  if (rule === 'scale') {
    const [x0, x1] = numberPair(spec.scaleX, 'scaleX');
    const [y0, y1] = numberPair(spec.scaleY, 'scaleY');
    return { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
  }
  if (rule !== null && typeof rule === 'object' && !Array.isArray(rule)) {
    const fixed = rule as Record<string, unknown>;
    const x = Number(fixed.x);
    const y = Number(fixed.y);
    if (Number.isFinite(x) && Number.isFinite(y)) return { x, y };
  }
  throw new Error(`chart type ipa: crosshair must be data, median, scale or { x: number, y: number } (got ${JSON.stringify(rule)})`);
}

/** Drawing constants: the chart is laid out in pixels before Plot draws it, so labels can be placed. */
const HEIGHT = 480;
const MARGIN = { top: 20, right: 20, bottom: 44, left: 56 };
const POINT_R = 5;
const LABEL_FONT = 11;
const QUADRANT_FONT = 12;
const LINE_HEIGHT = 1.3;
const CORNER_INSET = 6;

const UI: Record<Locale, { x: string; y: string; uncertain: string; n: string; importance: string; performance: string }> = {
  zh: { x: '表现', y: '重要性', uncertain: '区间跨越十字线，象限不确定', n: 'n', importance: '重要性', performance: '表现' },
  en: { x: 'Performance', y: 'Importance', uncertain: 'interval crosses a crosshair: quadrant uncertain', n: 'n', importance: 'Importance', performance: 'Performance' },
};

interface Point {
  row: Row;
  x: number;
  y: number;
  quadrant: Quadrant;
  uncertain: boolean;
  small: boolean;
  text: string;
  title: string;
}

/** A domain covering all values, padded by 6% on each side and rounded to nice ticks. */
function domainOf(values: number[]): [number, number] {
  const [lo, hi] = extent(values.filter(Number.isFinite)) as [number | undefined, number | undefined];
  if (lo === undefined || hi === undefined) return [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.06 : Math.max(Math.abs(lo) * 0.1, 1);
  return scaleLinear().domain([lo - pad, hi + pad]).nice().domain() as [number, number];
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === 1;
}

export function ipaChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const labelCol = column(ctx, 'label');
  const nCol = column(ctx, 'n');
  const xErr = columnPair(ctx, 'xError');
  const yErr = columnPair(ctx, 'yError');
  const prevX = column(ctx, 'prevX');
  const prevY = column(ctx, 'prevY');
  const movement = truthy(ctx.spec.movement) && prevX !== undefined && prevY !== undefined;
  const colorCol = colorChannel(ctx).fill;
  const format = typeof ctx.spec.format === 'string' ? ctx.spec.format : undefined;
  const ui = UI[ctx.locale];

  const rows = ctx.rows.filter((r) => Number.isFinite(num(r[x])) && Number.isFinite(num(r[y])));
  const cross = crosshairOf(rows, { ...ctx.spec, x, y });
  const colorOf = (r: Row) => (colorCol && typeof r[colorCol] === 'string' ? (r[colorCol] as string) : 'var(--accent, steelblue)');

  const points: Point[] = rows.map((row) => {
    const px = num(row[x]);
    const py = num(row[y]);
    const quadrant = quadrantOf(px, py, cross);
    const uncertain =
      (xErr !== undefined && crossesCrosshair(num(row[xErr[0]]), num(row[xErr[1]]), cross.x)) ||
      (yErr !== undefined && crossesCrosshair(num(row[yErr[0]]), num(row[yErr[1]]), cross.y));
    const n = nCol ? num(row[nCol]) : Number.NaN;
    const small = Number.isFinite(n) && n < SMALL_N;
    const name = labelCol ? formatValue(row[labelCol]) : '';
    const text = small ? `${name} (n<${SMALL_N})`.trim() : name;
    const title = [
      name,
      `${ui.performance} ${formatValue(px, format)}${xErr ? ` [${formatValue(num(row[xErr[0]]), format)}, ${formatValue(num(row[xErr[1]]), format)}]` : ''}`,
      `${ui.importance} ${formatValue(py, format)}${yErr ? ` [${formatValue(num(row[yErr[0]]), format)}, ${formatValue(num(row[yErr[1]]), format)}]` : ''}`,
      quadrantName(quadrant, ctx.locale),
      ...(Number.isFinite(n) ? [`n = ${formatValue(n, ',d')}${small ? ` (n<${SMALL_N})` : ''}`] : []),
      ...(uncertain ? [ui.uncertain] : []),
    ].filter((s) => s !== '').join('\n');
    return { row, x: px, y: py, quadrant, uncertain, small, text, title };
  });

  // Scales computed here, handed to Plot unchanged (no nice, no inset), so pixels are known now.
  const xs = [cross.x, ...points.map((p) => p.x)];
  const ys = [cross.y, ...points.map((p) => p.y)];
  for (const p of points) {
    if (xErr) xs.push(num(p.row[xErr[0]]), num(p.row[xErr[1]]));
    if (yErr) ys.push(num(p.row[yErr[0]]), num(p.row[yErr[1]]));
    if (movement) xs.push(num(p.row[prevX!])), ys.push(num(p.row[prevY!]));
  }
  const width = ctx.width;
  const xDomain = domainOf(xs);
  const yDomain = domainOf(ys);
  const frame: Box = { x0: MARGIN.left, y0: MARGIN.top, x1: width - MARGIN.right, y1: HEIGHT - MARGIN.bottom };
  const sx = scaleLinear().domain(xDomain).range([frame.x0, frame.x1]);
  const sy = scaleLinear().domain(yDomain).range([frame.y1, frame.y0]);

  // Quadrant names in the corners of the frame (high importance on top, high performance on the right).
  const corners: { quadrant: Quadrant; anchor: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' }[] = [
    { quadrant: 'concentrate', anchor: 'top-left' },
    { quadrant: 'keep', anchor: 'top-right' },
    { quadrant: 'low', anchor: 'bottom-left' },
    { quadrant: 'overkill', anchor: 'bottom-right' },
  ];
  const cornerBoxes: Box[] = corners.map(({ quadrant, anchor }) => {
    const w = textWidth(quadrantName(quadrant, ctx.locale), QUADRANT_FONT);
    const h = QUADRANT_FONT * LINE_HEIGHT;
    const left = anchor.endsWith('left');
    const top = anchor.startsWith('top');
    const x0 = left ? frame.x0 + CORNER_INSET : frame.x1 - CORNER_INSET - w;
    const y0 = top ? frame.y0 + CORNER_INSET : frame.y1 - CORNER_INSET - h;
    return { x0, y0, x1: x0 + w, y1: y0 + h };
  });

  const labelled = points.filter((p) => p.text !== '');
  const placed = placeLabels(
    // Labels go on the side away from the vertical crosshair, so a crowd splits into two columns.
    labelled.map((p) => ({ x: sx(p.x), y: sy(p.y), width: textWidth(p.text, LABEL_FONT), height: LABEL_FONT * LINE_HEIGHT, side: p.x < cross.x ? ('left' as const) : ('right' as const) })),
    { bounds: frame, obstacles: cornerBoxes, pointRadius: POINT_R + 1 },
  );
  const labels = labelled.map((p, i) => {
    const at = placed[i]!;
    const px = sx(p.x);
    const py = sy(p.y);
    // Leader from the point to the nearest edge of its label's box, when the label was moved away.
    const ex = Math.min(Math.max(px, at.box.x0), at.box.x1);
    const ey = Math.min(Math.max(py, at.box.y0), at.box.y1);
    const far = Math.hypot(ex - px, ey - py) > POINT_R + 6;
    return { text: p.text, x: sx.invert(at.x), y: sy.invert(at.y), leader: at.moved && far, x1: p.x, y1: p.y, x2: sx.invert(ex), y2: sy.invert(ey) };
  });

  // The iso-priority line y − x = c through the crosshair (Slack 1994), clipped to the frame.
  const c = cross.y - cross.x;
  const d0 = Math.max(xDomain[0], yDomain[0] - c);
  const d1 = Math.min(xDomain[1], yDomain[1] - c);
  const diagonal = truthy(ctx.spec.diagonal) && d1 > d0 ? [[d0, d0 + c], [d1, d1 + c]] : [];

  const certain = points.filter((p) => !p.uncertain);
  const uncertain = points.filter((p) => p.uncertain);
  const dotOptions = {
    x: (p: Point) => p.x,
    y: (p: Point) => p.y,
    r: POINT_R,
    fill: (p: Point) => (p.small ? 'none' : colorOf(p.row)),
    stroke: (p: Point) => colorOf(p.row),
    strokeWidth: 1.5,
    title: (p: Point) => p.title,
  };
  const errorStroke = { stroke: (p: Point) => colorOf(p.row), strokeWidth: 1.5, strokeOpacity: 0.45 };
  const moving = movement ? points.filter((p) => Number.isFinite(num(p.row[prevX!])) && Number.isFinite(num(p.row[prevY!]))) : [];

  return {
    width,
    height: HEIGHT,
    marginTop: MARGIN.top,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    x: { domain: xDomain, nice: false, inset: 0, label: label(ctx, 'xLabel') ?? ui.x, labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: yDomain, nice: false, inset: 0, label: label(ctx, 'yLabel') ?? ui.y, labelAnchor: 'center', labelArrow: 'none' },
    color: { type: 'identity' },
    marks: [
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.2 }),
      Plot.ruleX([cross.x], { stroke: 'currentColor', strokeOpacity: 0.5, className: 'ipa-crosshair' }),
      Plot.ruleY([cross.y], { stroke: 'currentColor', strokeOpacity: 0.5, className: 'ipa-crosshair' }),
      ...(diagonal.length ? [Plot.line(diagonal, { stroke: 'var(--muted, gray)', strokeDasharray: '6,4', strokeWidth: 1.2, className: 'ipa-iso-priority' })] : []),
      ...corners.map(({ quadrant, anchor }) =>
        Plot.text([quadrantName(quadrant, ctx.locale)], {
          frameAnchor: anchor,
          dx: anchor.endsWith('left') ? CORNER_INSET : -CORNER_INSET,
          dy: anchor.startsWith('top') ? CORNER_INSET : -CORNER_INSET,
          text: (d: string) => d,
          textAnchor: anchor.endsWith('left') ? 'start' : 'end',
          lineAnchor: anchor.startsWith('top') ? 'top' : 'bottom',
          fontSize: QUADRANT_FONT,
          fontWeight: 600,
          fill: 'var(--muted, gray)',
          className: `ipa-quadrant ipa-quadrant-${quadrant}`,
        }),
      ),
      ...(xErr ? [Plot.ruleY(points, { y: (p: Point) => p.y, x1: (p: Point) => num(p.row[xErr[0]]), x2: (p: Point) => num(p.row[xErr[1]]), ...errorStroke, className: 'ipa-x-error' })] : []),
      ...(yErr ? [Plot.ruleX(points, { x: (p: Point) => p.x, y1: (p: Point) => num(p.row[yErr[0]]), y2: (p: Point) => num(p.row[yErr[1]]), ...errorStroke, className: 'ipa-y-error' })] : []),
      ...(moving.length
        ? [Plot.arrow(moving, { x1: (p: Point) => num(p.row[prevX!]), y1: (p: Point) => num(p.row[prevY!]), x2: (p: Point) => p.x, y2: (p: Point) => p.y, stroke: 'var(--muted, gray)', strokeWidth: 1.2, headLength: 6, insetEnd: POINT_R + 1, className: 'ipa-movement' })]
        : []),
      ...(labels.some((l) => l.leader)
        ? [Plot.link(labels.filter((l) => l.leader), { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: 'var(--muted, gray)', strokeWidth: 0.75, strokeOpacity: 0.8, className: 'ipa-leader' })]
        : []),
      Plot.dot(certain, { ...dotOptions, className: 'ipa-point' }),
      ...(uncertain.length ? [Plot.dot(uncertain, { ...dotOptions, fillOpacity: 0.35, strokeDasharray: '2,2', className: 'ipa-point ipa-uncertain' })] : []),
      Plot.text(labels, {
        x: 'x',
        y: 'y',
        text: 'text',
        textAnchor: 'middle',
        lineAnchor: 'middle',
        fontSize: LABEL_FONT,
        fill: 'currentColor',
        stroke: 'var(--bg, white)',
        strokeWidth: 3,
        paintOrder: 'stroke',
        className: 'ipa-label',
      }),
    ],
  };
}
