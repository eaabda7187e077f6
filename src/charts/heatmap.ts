import * as Plot from '@observablehq/plot';
import {
  interpolateBlues,
  interpolateCividis,
  interpolateGreens,
  interpolateGreys,
  interpolateOranges,
  interpolatePurples,
  interpolateReds,
  interpolateViridis,
  scaleLinear,
} from 'd3';
import type { Row } from '../db/types.ts';
import { formatValue } from '../text/format.ts';
import type { Locale } from '../text/locale.ts';
import { textWidth } from './labels.ts';
import { panelGrid as gridOf, panelPlace } from './panels.ts';
import { bandTicks, categoryLabel, fitText, firstAppearance, FONT_SIZE, inkOn, svgElement, svgMark, wrapText } from './legend.ts';
import { formatOption, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType } from './schema.ts';
import { column, label, type ChartContext } from './spec.ts';

/**
 * A heatmap (`type: heatmap`): categorical `x` × `y` (both in data order), each cell filled by the
 * number in `fill` on a sequential scheme (`scheme`, default blues; `domain: [min, max]`, default
 * [0, max]) and printed in it (`text` column, else the value in `format`) in white or dark ink,
 * whichever reads on the cell. `highlight` (a boolean column) outlines cells, e.g. the diagonal where
 * the preferred channel is the one that served. `fx` draws one panel per value side by side,
 * wrapping into rows when the chart is too narrow for all (each panel at least ~150 px wide).
 * Cells are opaque, so they read the same on light and dark pages; a colour legend sits on top.
 * A cell with no data (no row for its x × y in its panel, or no number in `fill`) is always drawn
 * the same way, hatched with no number, and a key under the chart says "no data"; a real 0 is a 0.
 */

const SCHEMES: Record<string, (t: number) => string> = {
  blues: interpolateBlues,
  greens: interpolateGreens,
  oranges: interpolateOranges,
  purples: interpolatePurples,
  reds: interpolateReds,
  greys: interpolateGreys,
  viridis: interpolateViridis,
  cividis: interpolateCividis,
};

const OPTIONS: Record<string, ChartOption> = {
  x: { type: 'column', doc: "the column category, in the data's order" },
  y: { type: 'column', doc: "the row category, in the data's order" },
  fill: { type: 'column', doc: "the cell's value, on the colour scale" },
  fx: { type: 'column', doc: 'one panel per value, side by side, wrapping into rows on a narrow chart' },
  text: { type: 'column', doc: "a column to print in each cell (default: the value in `format`)" },
  highlight: { type: 'column', doc: 'a boolean column: outlined cells (e.g. preferred = served)' },
  n: N_OPTION,
  format: formatOption(),
  scheme: { type: 'choice', values: Object.keys(SCHEMES), default: 'blues', ignoreCase: true, doc: 'the sequential colour scheme' },
  domain: { type: 'numberPair', doc: 'the colour scale, `[min, max]` (default: 0 to the largest value)' },
};

const MIN_PANEL = 150;
const MAX_CELL = 110;
const PANEL_GAP = 18;
const TITLE = 18;
const CELL_HEIGHT = 26;
const LEGEND_HEIGHT = 30;
const CAPTION = 16;

const NO_DATA_KEY = 22;
const HATCH_STEP = 6;

const ROWS: Record<Locale, string> = { zh: '行', en: 'rows' };
const NO_DATA: Record<Locale, string> = { zh: '无数据', en: 'no data' };
const COLUMNS: Record<Locale, string> = { zh: '列', en: 'columns' };

interface Cell {
  row: Row;
  x: string;
  y: string;
  panel: string | null;
  col: number;
  line: number;
  value: number | null;
  fill: string;
  ink: string;
  text: string;
  highlight: boolean;
}

/** How many panels per row (and rows) fit a width: as many as leave each at least MIN_PANEL wide. */
export function panelGrid(panels: number, room: number): { perRow: number; rows: number } {
  return gridOf(panels, room, { min: MIN_PANEL, gap: PANEL_GAP });
}

function heatmapChart(ctx: ChartContext): Plot.PlotOptions {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const fillCol = column(ctx, 'fill')!;
  const fx = column(ctx, 'fx');
  const textCol = column(ctx, 'text');
  const highlightCol = column(ctx, 'highlight');
  const format = setting<string>(OPTIONS, ctx.spec, 'format');
  const scheme = String(setting(OPTIONS, ctx.spec, 'scheme')).toLowerCase();
  const interpolate = (Object.hasOwn(SCHEMES, scheme) ? SCHEMES[scheme] : undefined) ?? interpolateBlues;

  const xs = firstAppearance(ctx.rows.map((r) => String(r[x])));
  const ys = firstAppearance(ctx.rows.map((r) => String(r[y])));
  const panels = fx ? firstAppearance(ctx.rows.map((r) => String(r[fx]))) : [];
  const numeric = (r: Row) => (typeof r[fillCol] === 'number' && Number.isFinite(r[fillCol]) ? (r[fillCol] as number) : null);
  const values = ctx.rows.map(numeric).filter((v): v is number => v !== null);
  const given = setting<readonly [number, number]>(OPTIONS, ctx.spec, 'domain');
  const domain: [number, number] = given ? [given[0], given[1]] : [0, Math.max(0, ...values)];
  if (domain[1] === domain[0]) domain[1] = domain[0] + 1;
  // The palest tenth of the scheme is left out: the lowest cells stay visible on a white page.
  const t = scaleLinear().domain(domain).range([0.1, 1]).clamp(true);
  const colorOf = (v: number) => interpolate(t(v));

  // Layout: y labels at the left, then the panels in a grid as wide as the chart allows.
  const widestY = Math.max(0, ...ys.map((s) => textWidth(s, FONT_SIZE)));
  const marginLeft = Math.round(Math.min(widestY + 16, ctx.width * 0.3, 150));
  const room = ctx.width - marginLeft - 8;
  const grid = panelGrid(Math.max(1, panels.length), room);
  const panelWidth = Math.min((room - (grid.perRow - 1) * PANEL_GAP) / grid.perRow, xs.length * MAX_CELL);
  const marginRight = ctx.width - marginLeft - grid.perRow * panelWidth - (grid.perRow - 1) * PANEL_GAP;
  const cellWidth = panelWidth / Math.max(1, xs.length);
  const ticks = bandTicks(xs, cellWidth, 90);
  const axisHeight = ticks.margin - 12;
  const title = fx ? TITLE : 0;
  const panelHeight = ys.length * CELL_HEIGHT;
  const rowGap = axisHeight + title + 8;
  const xLabel = label(ctx, 'xLabel');
  const yLabel = label(ctx, 'yLabel');
  const caption = xLabel || yLabel ? [yLabel && `${ROWS[ctx.locale]}: ${yLabel}`, xLabel && `${COLUMNS[ctx.locale]}: ${xLabel}`].filter(Boolean).join(ctx.locale === 'zh' ? '；' : ' · ') : '';
  const legendLeft = Math.min(marginLeft, 8 + ctx.width * 0.1);
  // The axes' names over as many lines as a phone's drawing needs (never cut off at the SVG's edge).
  const captionLines = caption ? (wrapText(caption, ctx.width - legendLeft - 4, 3) ?? [fitText(caption, ctx.width - legendLeft - 4)]) : [];
  const marginTop = LEGEND_HEIGHT + captionLines.length * CAPTION + title + 4;
  const marginBottom = axisHeight + 6;

  const place = new Map(panels.map((p, i) => [p, panelPlace(i, grid.perRow)]));
  const cells: Cell[] = ctx.rows.map((row) => {
    const value = numeric(row);
    const panel = fx ? String(row[fx]) : null;
    const fill = value === null ? 'none' : colorOf(value);
    const text = textCol ? formatValue(row[textCol], format) : formatValue(value, format);
    return {
      row,
      x: String(row[x]),
      y: String(row[y]),
      panel,
      ...(panel !== null ? place.get(panel)! : { col: 0, line: 0 }),
      value,
      fill,
      ink: value === null ? 'currentColor' : (inkOn(fill) ?? 'currentColor'),
      text,
      highlight: highlightCol ? row[highlightCol] === true : false,
    };
  });
  // Every x × y of every panel is a cell: a combination the rows lack is a cell with no data.
  const present = new Set(cells.map((d) => JSON.stringify([d.panel, d.x, d.y])));
  for (const panel of fx ? panels : [null]) {
    for (const yv of ys) {
      for (const xv of xs) {
        if (present.has(JSON.stringify([panel, xv, yv]))) continue;
        cells.push({ row: {}, x: xv, y: yv, panel, ...(panel !== null ? place.get(panel)! : { col: 0, line: 0 }), value: null, fill: 'none', ink: 'currentColor', text: '', highlight: false });
      }
    }
  }
  const filled = cells.filter((d) => d.value !== null);
  const empty = cells.filter((d) => d.value === null);
  for (const d of empty) d.text = NO_DATA[ctx.locale];
  const key = empty.length ? NO_DATA_KEY : 0;
  const facet = fx ? ({ fx: 'col', fy: 'line' } as const) : {};
  const cellTitle = (d: Cell) => [d.panel, `${xLabel ? `${xLabel}: ` : ''}${d.x}`, `${yLabel ? `${yLabel}: ` : ''}${d.y}`].filter((s) => s !== null).join(' · ') + `: ${d.text}`;
  const printed = filled.filter((d) => d.text !== '' && textWidth(d.text, FONT_SIZE) <= cellWidth - 4);

  return {
    width: ctx.width,
    height: marginTop + marginBottom + key + grid.rows * panelHeight + (grid.rows - 1) * rowGap,
    marginTop,
    marginLeft,
    marginRight,
    marginBottom: marginBottom + key,
    x: { domain: xs, label: null, padding: 0.04, axis: null },
    y: { domain: ys, label: null, padding: 0.06, tickSize: 0, tickFormat: (s: string) => categoryLabel(s, marginLeft - 8) },
    ...(fx
      ? {
          fx: { domain: [...new Set(cells.map((d) => d.col))].sort((a, b) => a - b), axis: null, paddingInner: PANEL_GAP / (panelWidth + PANEL_GAP), paddingOuter: 0 },
          fy: { domain: [...new Set(cells.map((d) => d.line))].sort((a, b) => a - b), axis: null, paddingInner: rowGap / (panelHeight + rowGap), paddingOuter: 0 },
        }
      : {}),
    color: { type: 'identity' },
    marks: [
      Plot.axisX({ ...(fx ? { facetAnchor: null } : {}), tickSize: 0, tickRotate: ticks.rotate, tickFormat: ticks.format, label: null }),
      Plot.cell(filled, { x: 'x', y: 'y', ...facet, fill: 'fill', title: cellTitle, className: 'heatmap-cell' }),
      ...(empty.length
        ? [
            Plot.cell(empty, {
              x: 'x',
              y: 'y',
              ...facet,
              fill: 'none',
              stroke: 'currentColor',
              strokeOpacity: 0.35,
              title: cellTitle,
              className: 'heatmap-empty',
              render: (index, scales, values, dimensions, context, next) => hatchRects(next!(index, scales, values, dimensions, context)!),
            }),
          ]
        : []),
      Plot.text(printed, { x: 'x', y: 'y', ...facet, text: 'text', fill: 'ink', className: 'heatmap-value' }),
      ...(cells.some((d) => d.highlight)
        ? [
            Plot.cell(
              cells.filter((d) => d.highlight),
              { x: 'x', y: 'y', ...facet, fill: 'none', stroke: 'var(--bg, white)', strokeWidth: 4, inset: 1.5 },
            ),
            Plot.cell(
              cells.filter((d) => d.highlight),
              { x: 'x', y: 'y', ...facet, fill: 'none', stroke: 'currentColor', strokeWidth: 2, inset: 1.5, className: 'heatmap-highlight' },
            ),
          ]
        : []),
      ...(fx
        ? [
            Plot.text(
              panels.map((p) => ({ p, ...place.get(p)! })),
              { fx: 'col', fy: 'line', text: (d: { p: string }) => fitText(d.p, panelWidth), frameAnchor: 'top-left', dy: -6, lineAnchor: 'bottom', textAnchor: 'start', fill: 'currentColor', fontWeight: 600, className: 'heatmap-panel' },
            ),
          ]
        : []),
      colorLegend(domain, colorOf, format, legendLeft, captionLines),
      ...(empty.length ? [noDataKey(NO_DATA[ctx.locale], legendLeft)] : []),
    ],
  };
}

export const heatmap: ChartType = {
  name: 'heatmap',
  doc: 'Categorical `x` × `y`, each cell filled by the number in `fill` on a sequential scheme and printed in white or dark ink, whichever reads on it; a colour legend on top. A cell with no data (no row for its x × y in its panel, or no number in `fill`) is drawn hatched with no number, and a key "no data / 无数据" sits under the chart; a real 0 is printed as 0.',
  title: { zh: '热力图', en: 'Heatmap' },
  required: ['x', 'y', 'fill'],
  options: OPTIONS,
  encodings: [{ key: 'fx', role: 'panel' }, { key: 'y', role: 'category' }, { key: 'x', role: 'category' }, { key: 'fill', role: 'value', formatted: true }, N_ENCODING],
  plot: heatmapChart,
};

/** The colour scale as five steps between its ends, each end labelled; the axes' names above it. */
function colorLegend(domain: [number, number], colorOf: (v: number) => string, format: string | undefined, left: number, caption: string[]): Plot.Markish {
  const steps = 5;
  const swatch = 22;
  return svgMark((document) => {
    const g = svgElement(document, 'g', { class: 'heatmap-legend', 'aria-label': 'legend', 'font-size': FONT_SIZE, 'text-anchor': 'start' });
    let top = 4;
    for (const line of caption) {
      g.append(svgElement(document, 'text', { x: left, y: top + 10, fill: 'currentColor' }, line));
      top += CAPTION;
    }
    const lo = formatValue(domain[0], format);
    let at = left + textWidth(lo, FONT_SIZE) + 6;
    g.append(svgElement(document, 'text', { x: left, y: top + 10, fill: 'currentColor' }, lo));
    for (let i = 0; i < steps; i++) {
      const v = domain[0] + ((domain[1] - domain[0]) * (i + 0.5)) / steps;
      g.append(svgElement(document, 'rect', { x: at, y: top + 1, width: swatch, height: 11, fill: colorOf(v) }));
      at += swatch;
    }
    g.append(svgElement(document, 'text', { x: at + 6, y: top + 10, fill: 'currentColor' }, formatValue(domain[1], format)));
    return g;
  });
}

/** Diagonal hatching (45°, HATCH_STEP apart) clipped to a rectangle, as one SVG path. */
function hatchPath(x: number, y: number, width: number, height: number): string {
  const parts: string[] = [];
  // Lines x − x0 + (y1 − y) = k, from the lower-left corner towards the upper-right.
  for (let k = HATCH_STEP / 2; k < width + height; k += HATCH_STEP) {
    const x0 = x + Math.max(0, k - height);
    const y0 = y + height - Math.min(k, height);
    const x1 = x + Math.min(k, width);
    const y1 = y + height - Math.max(0, k - width);
    parts.push(`M${x0.toFixed(1)},${y0.toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}`);
  }
  return parts.join('');
}

/** Hatches every rect Plot drew (the cells with no data), in the cell's own group so facets keep their place. */
function hatchRects(g: SVGElement): SVGElement {
  for (const rect of [...g.querySelectorAll('rect')]) {
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a) ?? 0)) as [number, number, number, number];
    const path = g.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', hatchPath(x, y, w, h));
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-opacity', '0.35');
    path.setAttribute('fill', 'none');
    path.setAttribute('class', 'heatmap-hatch');
    rect.after(path);
  }
  return g;
}

/** The key under the chart: a hatched swatch, "no data". */
function noDataKey(text: string, left: number): Plot.Markish {
  return svgMark((document, dimensions) => {
    const top = dimensions.height - NO_DATA_KEY + 4;
    const g = svgElement(document, 'g', { class: 'heatmap-nodata-key', 'font-size': FONT_SIZE, 'text-anchor': 'start' });
    g.append(svgElement(document, 'rect', { x: left, y: top, width: 22, height: 12, fill: 'none', stroke: 'currentColor', 'stroke-opacity': 0.35 }));
    g.append(svgElement(document, 'path', { d: hatchPath(left, top, 22, 12), stroke: 'currentColor', 'stroke-opacity': 0.35, fill: 'none' }));
    g.append(svgElement(document, 'text', { x: left + 28, y: top + 10, fill: 'currentColor' }, text));
    return g;
  });
}
