import * as Plot from '@observablehq/plot';
import { extent, mean, median, scaleLinear } from 'd3';
import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import type { Locale } from '../text/locale.ts';
import { boxesOverlap, placeLabels, textWidth, type Box } from './labels.ts';
import { wrapText } from './legend.ts';
import { groupPanels, panelGrid, panelPlace } from './panels.ts';
import { COLOR_OPTION, defaultOf, formatOption, N_ENCODING, setting, type ChartOption, type ChartType } from './schema.ts';
import { colorChannel, column, columnPair, label, type ChartContext } from './spec.ts';
import { field, LIST_MAX, text, WORDS } from './summary.ts';

/**
 * Importance–performance grid (`type: ipa`): one labelled point per attribute, performance on x and
 * importance on y, crosshairs splitting the plane into four named quadrants.
 */

const OPTIONS: Record<string, ChartOption> = {
  x: { type: 'column', doc: 'performance' },
  y: { type: 'column', doc: 'importance' },
  label: { type: 'column', doc: "the attribute's name (e.g. `label` → `label_zh` / `label_en`)" },
  xError: { type: 'columnPair', doc: "performance's 95% interval, `[lo, hi]`: error bars; a point whose interval crosses a crosshair is drawn dashed and pale as uncertain" },
  yError: { type: 'columnPair', doc: "importance's 95% interval, `[lo, hi]`, likewise" },
  n: { type: 'column', doc: "each attribute's n: fewer than 30 → a hollow point and \"n<30\"" },
  crosshair: { type: 'choiceOrPoint', values: ['data', 'mean', 'median', 'scale'], default: 'data', doc: 'where the crosshairs cross: the means (`data`), the medians, the scales\' midpoints (`scale`, with `scaleX`/`scaleY`), or fixed `{x: 7, y: 8}`' },
  scaleX: { type: 'numberPair', doc: "performance's scale, `[min, max]`, for `crosshair: scale`" },
  scaleY: { type: 'numberPair', doc: "importance's scale, `[min, max]`, for `crosshair: scale`" },
  diagonal: { type: 'boolean', default: false, doc: 'the iso-priority line through the crosshair' },
  prevX: { type: 'column', doc: "last period's performance, for `movement`" },
  prevY: { type: 'column', doc: "last period's importance, for `movement`" },
  movement: { type: 'boolean', default: false, doc: "arrows from last period's position (`prevX`, `prevY`)" },
  color: COLOR_OPTION,
  fx: { type: 'column', doc: 'one panel per value (first-appearance order, titled with it, up to two per row) on shared axes' },
  crosshairScope: { type: 'choice', values: ['panel', 'shared'], default: 'panel', doc: "with `fx`: each panel's own crosshair (`panel`), or one over all rows (`shared`)" },
  columns: { type: 'integer', min: 1, max: 2, doc: 'with `fx`: panels per row; `1` gives long labels room (default: two, one below 500 px)' },
  format: formatOption(),
};

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
  const rule = spec.crosshair ?? defaultOf(OPTIONS, 'crosshair');
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

/** The spec's columns and options, resolved once and shared by the single chart and the panels. */
interface Settings {
  x: string;
  y: string;
  labelCol: string | undefined;
  nCol: string | undefined;
  xErr: [string, string] | undefined;
  yErr: [string, string] | undefined;
  prevX: string | undefined;
  prevY: string | undefined;
  movement: boolean;
  format: string | undefined;
  locale: Locale;
  colorOf: (r: Row) => string;
}

function settingsOf(ctx: ChartContext): Settings {
  const prevX = column(ctx, 'prevX');
  const prevY = column(ctx, 'prevY');
  const colorCol = colorChannel(ctx).fill;
  return {
    x: column(ctx, 'x')!,
    y: column(ctx, 'y')!,
    labelCol: column(ctx, 'label'),
    nCol: column(ctx, 'n'),
    xErr: columnPair(ctx, 'xError'),
    yErr: columnPair(ctx, 'yError'),
    prevX,
    prevY,
    movement: setting<boolean>(OPTIONS, ctx.spec, 'movement') === true && prevX !== undefined && prevY !== undefined,
    format: setting<string>(OPTIONS, ctx.spec, 'format'),
    locale: ctx.locale,
    colorOf: (r: Row) => (colorCol && typeof r[colorCol] === 'string' ? (r[colorCol] as string) : 'var(--accent, steelblue)'),
  };
}

/** One point per row, its quadrant and uncertainty judged against `cross`. */
function pointsOf(rows: Row[], cross: Crosshair, s: Settings): Point[] {
  const { xErr, yErr, nCol, labelCol, format } = s;
  const ui = UI[s.locale];
  return rows.map((row) => {
    const px = num(row[s.x]);
    const py = num(row[s.y]);
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
      quadrantName(quadrant, s.locale),
      ...(Number.isFinite(n) ? [`n = ${formatValue(n, ',d')}${small ? ` (n<${SMALL_N})` : ''}`] : []),
      ...(uncertain ? [ui.uncertain] : []),
    ].filter((t) => t !== '').join('\n');
    return { row, x: px, y: py, quadrant, uncertain, small, text, title };
  });
}

/** Every x and every y value the axes must show: crosshairs, points, intervals, last quarter's positions. */
function valuesOf(points: Point[], crosses: Crosshair[], s: Settings): { xs: number[]; ys: number[] } {
  const xs = [...crosses.map((c) => c.x), ...points.map((p) => p.x)];
  const ys = [...crosses.map((c) => c.y), ...points.map((p) => p.y)];
  for (const p of points) {
    if (s.xErr) xs.push(num(p.row[s.xErr[0]]), num(p.row[s.xErr[1]]));
    if (s.yErr) ys.push(num(p.row[s.yErr[0]]), num(p.row[s.yErr[1]]));
    if (s.movement) xs.push(num(p.row[s.prevX!])), ys.push(num(p.row[s.prevY!]));
  }
  return { xs, ys };
}

type Anchor = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** Quadrant names in the corners of the frame (high importance on top, high performance on the right). */
const CORNERS: { quadrant: Quadrant; anchor: Anchor }[] = [
  { quadrant: 'concentrate', anchor: 'top-left' },
  { quadrant: 'keep', anchor: 'top-right' },
  { quadrant: 'low', anchor: 'bottom-left' },
  { quadrant: 'overkill', anchor: 'bottom-right' },
];

/** The smallest quadrant-name size: drawn 1.25× on a phone (charts/render.ts, TEXT_SCALE), it reads at 12.5 px. */
const MIN_QUADRANT_FONT = 10;

/** How the quadrant names are set in a frame: their font size, and whether each is broken over two lines. */
interface QuadrantType {
  size: number;
  wrap: boolean;
}

/** A quadrant name as drawn: on one line, or broken at the space nearest its middle ("Keep up the / good work"). */
function quadrantText(quadrant: Quadrant, locale: Locale, wrap: boolean): string {
  const name = quadrantName(quadrant, locale);
  if (!wrap) return name;
  const spaces = [...name.matchAll(/ /g)].map((m) => m.index!);
  if (spaces.length === 0) return name;
  const at = spaces.reduce((best, i) => (Math.abs(i - name.length / 2) < Math.abs(best - name.length / 2) ? i : best));
  return `${name.slice(0, at)}\n${name.slice(at + 1)}`;
}

const linesOf = (text: string) => text.split('\n');

/**
 * The quadrant names' type: `preferred` size, or smaller (not below MIN_QUADRANT_FONT) where two
 * names side by side would not fit the frame; at the smallest size, names that still do not fit
 * break over two lines (a phone).
 */
function quadrantFont(frame: Box, locale: Locale, preferred: number): QuadrantType {
  const widthOf = (q: Quadrant, size: number, wrap: boolean) => Math.max(...linesOf(quadrantText(q, locale, wrap)).map((l) => textWidth(l, size)));
  const pair = (size: number, wrap: boolean) => Math.max(widthOf('concentrate', size, wrap) + widthOf('keep', size, wrap), widthOf('low', size, wrap) + widthOf('overkill', size, wrap)) + 3 * CORNER_INSET;
  let size = preferred;
  while (size > MIN_QUADRANT_FONT && pair(size, false) > frame.x1 - frame.x0) size -= 0.5;
  return { size, wrap: pair(size, false) > frame.x1 - frame.x0 };
}

function cornerBoxesOf(frame: Box, locale: Locale, type: QuadrantType): Box[] {
  return CORNERS.map(({ quadrant, anchor }) => {
    const lines = linesOf(quadrantText(quadrant, locale, type.wrap));
    const w = Math.max(...lines.map((l) => textWidth(l, type.size)));
    const h = type.size * LINE_HEIGHT * lines.length;
    const x0 = anchor.endsWith('left') ? frame.x0 + CORNER_INSET : frame.x1 - CORNER_INSET - w;
    const y0 = anchor.startsWith('top') ? frame.y0 + CORNER_INSET : frame.y1 - CORNER_INSET - h;
    return { x0, y0, x1: x0 + w, y1: y0 + h };
  });
}

/** A placed label in pixels: its centre, and its leader from the point to the nearest edge of its box. */
interface PixelLabel {
  text: string;
  px: number;
  py: number;
  leader: boolean;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

type Scale = (value: number) => number;

/** Places the labels of `points` inside `frame` (pixels), clear of the points and the obstacles. */
function labelsOf(points: Point[], sx: Scale, sy: Scale, cross: Crosshair, frame: Box, obstacles: Box[], variant: { side?: 'cross' | 'fit' | 'room'; ticks?: number } = {}): PixelLabel[] {
  const labelled = points.filter((p) => p.text !== '');
  const placed = placeLabels(
    // Labels go on the side away from the vertical crosshair, so a crowd splits into two columns;
    // in panels, variants put a label that cannot fit there on the other side (`fit`), or every
    // label on the side of its point with more room (`room`).
    labelled.map((p) => {
      const x = sx(p.x);
      const width = textWidth(p.text, LABEL_FONT);
      const reach = POINT_R + 1 + 4 + width;
      let side: 'left' | 'right' = p.x < cross.x ? 'left' : 'right';
      if (variant.side === 'fit' && side === 'right' && x + reach > frame.x1 && x - reach >= frame.x0) side = 'left';
      else if (variant.side === 'fit' && side === 'left' && x - reach < frame.x0 && x + reach <= frame.x1) side = 'right';
      else if (variant.side === 'room') side = x - frame.x0 > frame.x1 - x ? 'left' : 'right';
      return { x, y: sy(p.y), width, height: LABEL_FONT * LINE_HEIGHT, side };
    }),
    { bounds: frame, obstacles, pointRadius: POINT_R + 1, ...(variant.ticks ? { ticks: variant.ticks } : {}) },
  );
  return labelled.map((p, i) => {
    const at = placed[i]!;
    const px = sx(p.x);
    const py = sy(p.y);
    // Leader from the point to the nearest edge of its label's box, when the label was moved away.
    const ex = Math.min(Math.max(px, at.box.x0), at.box.x1);
    const ey = Math.min(Math.max(py, at.box.y0), at.box.y1);
    const far = Math.hypot(ex - px, ey - py) > POINT_R + 6;
    return { text: p.text, px: at.x, py: at.y, leader: at.moved && far, x1: px, y1: py, x2: ex, y2: ey };
  });
}

/** Label pairs whose boxes (as placed, label font height) overlap, plus labels over a quadrant name. */
function overlapsOf(labels: PixelLabel[], corners: Box[] = []): number {
  const h = (LABEL_FONT * LINE_HEIGHT) / 2;
  const boxes = labels.map((l) => ({ x0: l.px - textWidth(l.text, LABEL_FONT) / 2, x1: l.px + textWidth(l.text, LABEL_FONT) / 2, y0: l.py - h, y1: l.py + h }));
  let count = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (boxesOverlap(boxes[i]!, boxes[j]!)) count++;
    for (const corner of corners) if (boxesOverlap(boxes[i]!, corner)) count++;
  }
  return count;
}

/**
 * Where the names do not fit without overlapping (many attributes on a phone's grid), each point is
 * labelled with a number instead, the same number for the same attribute in every panel, and a key
 * under the chart gives the names in full: nothing is cut and nothing collides.
 */
interface NumberKey {
  numberOf: Map<string, string>;
  nameOf: Map<string, string>;
  /** The key's lines, each entry wrapped to the chart's width, with the y offset of each from the key's top. */
  lines: { text: string; dy: number }[];
  height: number;
}

const KEY_LINE = LABEL_FONT * LINE_HEIGHT;

function numberKey(points: Point[], width: number): NumberKey {
  const numberOf = new Map<string, string>();
  const nameOf = new Map<string, string>();
  for (const p of points) {
    if (p.text === '' || numberOf.has(p.text)) continue;
    const n = String(numberOf.size + 1);
    numberOf.set(p.text, n);
    nameOf.set(n, p.text);
  }
  const lines: { text: string; dy: number }[] = [];
  let dy = 0;
  for (const [name, n] of numberOf) {
    for (const line of wrapText(`${n}  ${name}`, width - 16, 4, LABEL_FONT) ?? [`${n}  ${name}`]) {
      lines.push({ text: line, dy });
      dy += KEY_LINE;
    }
  }
  return { numberOf, nameOf, lines, height: lines.length ? dy + 12 : 0 };
}

const numbered = (points: Point[], key: NumberKey): Point[] => points.map((p) => ({ ...p, text: key.numberOf.get(p.text) ?? p.text }));

/**
 * Panel labels: a panel is small, so a few fixed placement variants are tried in order (labels
 * beside their point away from the crosshair, as in the single chart; flipped when they do not fit;
 * on the side with more room; each again with a longer run) and the first
 * without overlaps is kept (else the one with fewest): deterministic, as each run is.
 */
function panelLabelsOf(points: Point[], sx: Scale, sy: Scale, cross: Crosshair, frame: Box, obstacles: Box[]): PixelLabel[] {
  let best: PixelLabel[] = [];
  let fewest = Number.POSITIVE_INFINITY;
  const sides = ['cross', 'fit', 'room'] as const;
  for (const variant of [...sides.map((side) => ({ side })), ...sides.map((side) => ({ side, ticks: 600 }))]) {
    const labels = labelsOf(points, sx, sy, cross, frame, obstacles, variant);
    const count = overlapsOf(labels, obstacles);
    if (count < fewest) [best, fewest] = [labels, count];
    if (count === 0) break;
  }
  return best;
}


/** How points are drawn in a grid or a panel: certain vs uncertain, hollow when n < 30, and which move. */
function pointStyles(
  points: Point[],
  colorOf: (row: Row) => string,
  x: (p: Point) => number,
  y: (p: Point) => number,
  movement: boolean,
  prevX: string | undefined,
  prevY: string | undefined,
) {
  return {
    certain: points.filter((p) => !p.uncertain),
    uncertain: points.filter((p) => p.uncertain),
    dotOptions: {
      x,
      y,
      r: POINT_R,
      fill: (p: Point) => (p.small ? 'none' : colorOf(p.row)),
      stroke: (p: Point) => colorOf(p.row),
      strokeWidth: 1.5,
      title: (p: Point) => p.title,
    },
    errorStroke: { stroke: (p: Point) => colorOf(p.row), strokeWidth: 1.5, strokeOpacity: 0.45 },
    moving: movement ? points.filter((p) => Number.isFinite(num(p.row[prevX!])) && Number.isFinite(num(p.row[prevY!]))) : [],
  };
}

/** The iso-priority line y − x = c through the crosshair (Slack 1994), clipped to the domains. */
function diagonalOf(cross: Crosshair, xDomain: [number, number], yDomain: [number, number]): [number, number][] {
  const c = cross.y - cross.x;
  const d0 = Math.max(xDomain[0], yDomain[0] - c);
  const d1 = Math.min(xDomain[1], yDomain[1] - c);
  return d1 > d0 ? [[d0, d0 + c], [d1, d1 + c]] : [];
}

function ipaChart(ctx: ChartContext): Plot.PlotOptions {
  if (column(ctx, 'fx') !== undefined) return ipaPanels(ctx);
  const s = settingsOf(ctx);
  const { xErr, yErr, prevX, prevY } = s;
  const ui = UI[ctx.locale];

  const rows = ctx.rows.filter((r) => Number.isFinite(num(r[s.x])) && Number.isFinite(num(r[s.y])));
  const cross = crosshairOf(rows, { ...ctx.spec, x: s.x, y: s.y });
  const colorOf = s.colorOf;
  const points = pointsOf(rows, cross, s);

  // Scales computed here, handed to Plot unchanged (no nice, no inset), so pixels are known now.
  const { xs, ys } = valuesOf(points, [cross], s);
  const width = ctx.width;
  const xDomain = domainOf(xs);
  const yDomain = domainOf(ys);
  const frame: Box = { x0: MARGIN.left, y0: MARGIN.top, x1: width - MARGIN.right, y1: HEIGHT - MARGIN.bottom };
  const sx = scaleLinear().domain(xDomain).range([frame.x0, frame.x1]);
  const sy = scaleLinear().domain(yDomain).range([frame.y1, frame.y0]);

  const quadrantType = quadrantFont(frame, ctx.locale, QUADRANT_FONT);
  const corners = cornerBoxesOf(frame, ctx.locale, quadrantType);
  let pixelLabels = labelsOf(points, sx, sy, cross, frame, corners);
  const key = overlapsOf(pixelLabels, corners) > 0 ? numberKey(points, width) : null;
  if (key) pixelLabels = labelsOf(numbered(points, key), sx, sy, cross, frame, corners);
  const labels = pixelLabels.map((l) => ({
    text: l.text,
    name: key?.nameOf.get(l.text) ?? l.text,
    x: sx.invert(l.px),
    y: sy.invert(l.py),
    leader: l.leader,
    x1: sx.invert(l.x1),
    y1: sy.invert(l.y1),
    x2: sx.invert(l.x2),
    y2: sy.invert(l.y2),
  }));

  const diagonal = setting<boolean>(OPTIONS, ctx.spec, 'diagonal') ? diagonalOf(cross, xDomain, yDomain) : [];

  const { certain, uncertain, dotOptions, errorStroke, moving } = pointStyles(points, colorOf, (p) => p.x, (p) => p.y, s.movement, prevX, prevY);

  return {
    width,
    height: HEIGHT + (key?.height ?? 0),
    marginTop: MARGIN.top,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom + (key?.height ?? 0),
    marginLeft: MARGIN.left,
    x: { domain: xDomain, nice: false, inset: 0, label: label(ctx, 'xLabel') ?? ui.x, labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: yDomain, nice: false, inset: 0, label: label(ctx, 'yLabel') ?? ui.y, labelAnchor: 'center', labelArrow: 'none' },
    color: { type: 'identity' },
    marks: [
      Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.2 }),
      Plot.ruleX([cross.x], { stroke: 'currentColor', strokeOpacity: 0.5, className: 'ipa-crosshair' }),
      Plot.ruleY([cross.y], { stroke: 'currentColor', strokeOpacity: 0.5, className: 'ipa-crosshair' }),
      ...(diagonal.length ? [Plot.line(diagonal, { stroke: 'var(--muted, gray)', strokeDasharray: '6,4', strokeWidth: 1.2, className: 'ipa-iso-priority' })] : []),
      ...CORNERS.map(({ quadrant, anchor }) =>
        Plot.text([quadrantText(quadrant, ctx.locale, quadrantType.wrap)], {
          frameAnchor: anchor,
          dx: anchor.endsWith('left') ? CORNER_INSET : -CORNER_INSET,
          dy: anchor.startsWith('top') ? CORNER_INSET : -CORNER_INSET,
          text: (d: string) => d,
          textAnchor: anchor.endsWith('left') ? 'start' : 'end',
          lineAnchor: anchor.startsWith('top') ? 'top' : 'bottom',
          fontSize: quadrantType.size,
          lineHeight: LINE_HEIGHT,
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
        ...(key ? { title: 'name' } : {}),
        className: 'ipa-label',
      }),
      // The key of a numbered grid, under the x axis's label.
      ...(key ? key.lines.map((line) => Plot.text([line.text], { frameAnchor: 'bottom-left', dx: 8 - MARGIN.left, dy: MARGIN.bottom + 8 + line.dy, text: (d: string) => d, textAnchor: 'start', lineAnchor: 'top', fontSize: LABEL_FONT, fill: 'currentColor', className: 'ipa-key' })) : []),
    ],
  };
}

/** Small multiples (`fx`): panel layout in pixels. */
const PANEL_MARGIN = { top: 30, right: 14, bottom: 42, left: 52 };
const PANEL_HEIGHT_2 = 320;
const PANEL_HEIGHT_1 = 380;
const PANEL_QUADRANT_FONT = 10;
const PANEL_TITLE_FONT = 13;
const TICK_FONT = 10;
const TICK_SIZE = 4;

/** One panel of a small-multiples grid: its title, its rows' points, its crosshair, its frame in pixels. */
interface Panel {
  title: string;
  points: Point[];
  cross: Crosshair;
  frame: Box;
}

/** Panels per row: up to 2, each at least 250 px wide (one per row on charts narrower than 500 px). */
export function panelColumns(width: number, count: number, requested?: unknown): number {
  // A page may ask for one panel per row: wider panels leave long labels room to spread.
  if (requested === 1) return 1;
  return panelGrid(count, width, { min: 250, max: 2 }).perRow;
}

/**
 * Small multiples of the grid (`fx`): one panel per distinct value of the `fx` column (first
 * appearance order), laid out up to two per row, all on the same x and y domains (computed over
 * every row, intervals included). Each panel has its own crosshair (its rows' means/medians), unless
 * `crosshairScope: shared` puts one crosshair over all rows in every panel. Everything is laid out
 * in pixels here and handed to Plot with identity scales, so each panel's labels are placed in its
 * own frame with the same placeLabels.
 */
function ipaPanels(ctx: ChartContext): Plot.PlotOptions {
  const s = settingsOf(ctx);
  const { xErr, yErr, prevX, prevY } = s;
  const ui = UI[ctx.locale];
  const fx = column(ctx, 'fx')!;
  const scope = ctx.spec.crosshairScope ?? defaultOf(OPTIONS, 'crosshairScope');
  if (scope !== 'panel' && scope !== 'shared') throw new Error(`chart type ipa: crosshairScope must be panel or shared (got ${JSON.stringify(scope)})`);

  const rows = ctx.rows.filter((r) => Number.isFinite(num(r[s.x])) && Number.isFinite(num(r[s.y])));
  const groups = groupPanels(rows, (r) => formatValue(r[fx]));
  const spec = { ...ctx.spec, x: s.x, y: s.y };
  const shared = crosshairOf(rows, spec);
  const built = [...groups].map(([title, groupRows]) => {
    const cross = scope === 'shared' ? shared : crosshairOf(groupRows, spec);
    return { title, cross, points: pointsOf(groupRows, cross, s) };
  });

  // Shared axes: one domain over every panel's values and crosshair.
  const { xs, ys } = valuesOf(
    built.flatMap((b) => b.points),
    built.map((b) => b.cross),
    s,
  );
  const xDomain = domainOf(xs);
  const yDomain = domainOf(ys);

  const width = ctx.width;
  const cols = panelColumns(width, built.length, setting(OPTIONS, ctx.spec, 'columns'));
  const cellWidth = width / cols;
  const cellHeight = cols === 1 ? PANEL_HEIGHT_1 : PANEL_HEIGHT_2;
  const height = Math.max(1, Math.ceil(built.length / cols)) * cellHeight;
  const panels: Panel[] = built.map((b, i) => {
    const { col, line } = panelPlace(i, cols);
    const left = col * cellWidth;
    const top = line * cellHeight;
    const frame = { x0: left + PANEL_MARGIN.left, y0: top + PANEL_MARGIN.top, x1: left + cellWidth - PANEL_MARGIN.right, y1: top + cellHeight - PANEL_MARGIN.bottom };
    return { ...b, frame };
  });

  const xLabel = label(ctx, 'xLabel') ?? ui.x;
  const yLabel = label(ctx, 'yLabel') ?? ui.y;
  const diagonalOn = setting<boolean>(OPTIONS, ctx.spec, 'diagonal') === true;
  const xTicks = scaleLinear().domain(xDomain).ticks(cols === 1 ? 8 : 5);
  const yTicks = scaleLinear().domain(yDomain).ticks(6);
  const xTickFormat = scaleLinear().domain(xDomain).tickFormat(cols === 1 ? 8 : 5);
  const yTickFormat = scaleLinear().domain(yDomain).tickFormat(6);
  const muted = 'var(--muted, gray)';

  // Numbers instead of names when any panel's names would overlap (one key for all panels, so an
  // attribute has the same number everywhere).
  const named = panels.map(({ frame, cross, points }) => {
    const sx = scaleLinear().domain(xDomain).range([frame.x0, frame.x1]);
    const sy = scaleLinear().domain(yDomain).range([frame.y1, frame.y0]);
    const quadrantType = quadrantFont(frame, ctx.locale, PANEL_QUADRANT_FONT);
    const corners = cornerBoxesOf(frame, ctx.locale, quadrantType);
    const labels = panelLabelsOf(points, sx, sy, cross, frame, corners);
    return { quadrantType, corners, labels, crowded: overlapsOf(labels, corners) > 0 };
  });
  const key = named.some((n) => n.crowded) ? numberKey(panels.flatMap((p) => p.points), width) : null;

  const marks: Plot.Markish[] = [];
  panels.forEach((panel, i) => {
    const { frame, cross, points } = panel;
    const sx = scaleLinear().domain(xDomain).range([frame.x0, frame.x1]);
    const sy = scaleLinear().domain(yDomain).range([frame.y1, frame.y0]);
    const cls = (name: string) => `${name} ipa-panel-${i}`;
    const X = (p: Point) => sx(p.x);
    const Y = (p: Point) => sy(p.y);
    const colorOf = s.colorOf;
    const { quadrantType, corners } = named[i]!;
    const labels = key ? panelLabelsOf(numbered(points, key), sx, sy, cross, frame, corners).map((l) => ({ ...l, name: key.nameOf.get(l.text) ?? l.text })) : named[i]!.labels;
    const diagonal = diagonalOn ? diagonalOf(cross, xDomain, yDomain).map(([a, b]) => [sx(a), sy(b)]) : [];
    const { certain, uncertain, dotOptions, errorStroke, moving } = pointStyles(points, colorOf, X, Y, s.movement, prevX, prevY);
    const crossOn = Number.isFinite(cross.x) && Number.isFinite(cross.y);

    marks.push(
      Plot.text([panel.title], { x: frame.x0, y: frame.y0 - 8, text: (d: string) => d, textAnchor: 'start', lineAnchor: 'bottom', fontSize: PANEL_TITLE_FONT, fontWeight: 700, fill: 'currentColor', className: cls('ipa-panel-title') }),
      Plot.rect([frame], { x1: 'x0', x2: 'x1', y1: 'y0', y2: 'y1', fill: 'none', stroke: 'currentColor', strokeOpacity: 0.2, className: cls('ipa-frame') }),
      // Shared axes, drawn under every panel so each can be read on its own.
      Plot.ruleX(xTicks, { x: (t: number) => sx(t), y1: frame.y1, y2: frame.y1 + TICK_SIZE, stroke: 'currentColor', strokeOpacity: 0.5, className: cls('ipa-tick-x') }),
      Plot.text(xTicks, { x: (t: number) => sx(t), y: frame.y1 + TICK_SIZE + 2, text: (t: number) => xTickFormat(t), textAnchor: 'middle', lineAnchor: 'top', fontSize: TICK_FONT, fill: 'currentColor', className: cls('ipa-axis-x') }),
      Plot.ruleY(yTicks, { y: (t: number) => sy(t), x1: frame.x0 - TICK_SIZE, x2: frame.x0, stroke: 'currentColor', strokeOpacity: 0.5, className: cls('ipa-tick-y') }),
      Plot.text(yTicks, { x: frame.x0 - TICK_SIZE - 2, y: (t: number) => sy(t), text: (t: number) => yTickFormat(t), textAnchor: 'end', lineAnchor: 'middle', fontSize: TICK_FONT, fill: 'currentColor', className: cls('ipa-axis-y') }),
      Plot.text([xLabel], { x: (frame.x0 + frame.x1) / 2, y: frame.y1 + TICK_SIZE + 2 + TICK_FONT * LINE_HEIGHT + 4, text: (d: string) => d, textAnchor: 'middle', lineAnchor: 'top', fontSize: TICK_FONT + 1, fill: 'currentColor', className: cls('ipa-axis-label-x') }),
      Plot.text([yLabel], { x: frame.x0 - PANEL_MARGIN.left + 10, y: (frame.y0 + frame.y1) / 2, text: (d: string) => d, rotate: -90, textAnchor: 'middle', lineAnchor: 'middle', fontSize: TICK_FONT + 1, fill: 'currentColor', className: cls('ipa-axis-label-y') }),
      ...(crossOn
        ? [
            Plot.ruleX([sx(cross.x)], { y1: frame.y0, y2: frame.y1, stroke: 'currentColor', strokeOpacity: 0.5, className: cls('ipa-crosshair ipa-crosshair-x') }),
            Plot.ruleY([sy(cross.y)], { x1: frame.x0, x2: frame.x1, stroke: 'currentColor', strokeOpacity: 0.5, className: cls('ipa-crosshair ipa-crosshair-y') }),
          ]
        : []),
      ...(diagonal.length ? [Plot.line(diagonal, { x: '0', y: '1', stroke: muted, strokeDasharray: '6,4', strokeWidth: 1.2, className: cls('ipa-iso-priority') })] : []),
      ...CORNERS.map(({ quadrant, anchor }, k) => {
        const box = corners[k]!;
        return Plot.text([quadrantText(quadrant, ctx.locale, quadrantType.wrap)], {
          x: anchor.endsWith('left') ? box.x0 : box.x1,
          y: anchor.startsWith('top') ? box.y0 : box.y1,
          text: (d: string) => d,
          textAnchor: anchor.endsWith('left') ? 'start' : 'end',
          lineAnchor: anchor.startsWith('top') ? 'top' : 'bottom',
          fontSize: quadrantType.size,
          lineHeight: LINE_HEIGHT,
          fontWeight: 600,
          fill: muted,
          className: cls(`ipa-quadrant ipa-quadrant-${quadrant}`),
        });
      }),
      ...(xErr ? [Plot.ruleY(points, { y: Y, x1: (p: Point) => sx(num(p.row[xErr[0]])), x2: (p: Point) => sx(num(p.row[xErr[1]])), ...errorStroke, className: cls('ipa-x-error') })] : []),
      ...(yErr ? [Plot.ruleX(points, { x: X, y1: (p: Point) => sy(num(p.row[yErr[0]])), y2: (p: Point) => sy(num(p.row[yErr[1]])), ...errorStroke, className: cls('ipa-y-error') })] : []),
      ...(moving.length
        ? [Plot.arrow(moving, { x1: (p: Point) => sx(num(p.row[prevX!])), y1: (p: Point) => sy(num(p.row[prevY!])), x2: X, y2: Y, stroke: muted, strokeWidth: 1.2, headLength: 6, insetEnd: POINT_R + 1, className: cls('ipa-movement') })]
        : []),
      ...(labels.some((l) => l.leader)
        ? [Plot.link(labels.filter((l) => l.leader), { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: muted, strokeWidth: 0.75, strokeOpacity: 0.8, className: cls('ipa-leader') })]
        : []),
      ...(certain.length ? [Plot.dot(certain, { ...dotOptions, className: cls('ipa-point') })] : []),
      ...(uncertain.length ? [Plot.dot(uncertain, { ...dotOptions, fillOpacity: 0.35, strokeDasharray: '2,2', className: cls('ipa-point ipa-uncertain') })] : []),
      Plot.text(labels, {
        x: 'px',
        y: 'py',
        text: 'text',
        textAnchor: 'middle',
        lineAnchor: 'middle',
        fontSize: LABEL_FONT,
        fill: 'currentColor',
        stroke: 'var(--bg, white)',
        strokeWidth: 3,
        paintOrder: 'stroke',
        ...(key ? { title: 'name' } : {}),
        className: cls('ipa-label'),
      }),
    );
  });
  if (key) for (const line of key.lines) marks.push(Plot.text([line.text], { x: 8, y: height + 8 + line.dy, text: (d: string) => d, textAnchor: 'start', lineAnchor: 'top', fontSize: LABEL_FONT, fill: 'currentColor', className: 'ipa-key' }));

  return {
    width,
    height: height + (key?.height ?? 0),
    margin: 0,
    // Everything above is in pixels already: identity scales, no Plot axes.
    x: { type: 'identity', axis: null },
    y: { type: 'identity', axis: null },
    color: { type: 'identity' },
    marks,
  };
}

/** The grid's quadrants and the attributes in each (per panel with `fx`), by the chart's own crosshair rule. */
function ipaSummary(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const w = WORDS[locale];
  const columns = result.columns.map((c) => c.name);
  const x = field(spec, columns, 'x', locale).key;
  const y = field(spec, columns, 'y', locale).key;
  const name = field(spec, columns, 'label', locale).key;
  const fx = field(spec, columns, 'fx', locale).key;
  if (!x || !y) return w.rows(result.rows.length);
  const rows = result.rows.filter((r) => Number.isFinite(num(r[x])) && Number.isFinite(num(r[y])));
  if (rows.length === 0) return w.empty;
  const cspec = { ...spec, x, y };
  const groups = groupPanels(rows, (r) => (fx ? text(r[fx]) : ''));
  const shared = spec.crosshairScope === 'shared' ? crosshairOf(rows, cspec) : undefined;
  const describe = (group: Row[]) => {
    const cross = shared ?? crosshairOf(group, cspec);
    const members = new Map<Quadrant, string[]>();
    for (const r of group) {
      const q = quadrantOf(num(r[x]), num(r[y]), cross);
      members.set(q, [...(members.get(q) ?? []), name ? text(r[name]) : '']);
    }
    return QUADRANTS.filter((q) => members.has(q))
      .map((q) => {
        const list = members.get(q)!;
        const shown = list.slice(0, LIST_MAX).join(w.list);
        return `${quadrantName(q, locale)}${w.colon}${shown}${list.length > LIST_MAX ? ` ${w.more(list.length - LIST_MAX)}` : ''}`;
      })
      .join(w.sep);
  };
  const body = [...groups].map(([g, rs]) => (fx ? `${g} — ${describe(rs)}` : describe(rs))).join(w.sep);
  return `${w.attributes(new Set(rows.map((r) => (name ? text(r[name]) : ''))).size)}${w.sep}${body}`;
}

export const ipa: ChartType = {
  name: 'ipa',
  doc: "The importance–performance grid (Martilla & James 1977): one labelled point per attribute row, performance across and importance up, crosshairs splitting it into four quadrants named in the reader's language (broken over two lines where two do not fit side by side). Labels are placed without overlaps by a fixed, deterministic d3-force run (`src/charts/labels.ts`); where they cannot all be (many attributes on a phone), each point gets a number, the same for an attribute in every panel, with a key under the grid naming them in full. Tables get the same quadrant with `quadrantOf(x, y, crosshairOf(rows, spec))`.",
  title: { zh: '重要性–表现矩阵', en: 'Importance–performance grid' },
  required: ['x', 'y'],
  options: OPTIONS,
  encodings: [
    { key: 'fx', role: 'panel' },
    { key: 'label', role: 'item' },
    { key: 'x', role: 'performance', formatted: true, interval: 'xError' },
    { key: 'y', role: 'importance', formatted: true, interval: 'yError' },
    N_ENCODING,
  ],
  plot: ipaChart,
  summary: ipaSummary,
};
