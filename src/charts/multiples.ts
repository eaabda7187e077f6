import * as Plot from '@observablehq/plot';
import { extent, scaleLinear } from 'd3';
import type { Row, SqlValue } from '../db/types.ts';
import { formatValue } from '../notebook/format.ts';
import { escapeHtml } from '../notebook/html.ts';
import { ON_PAGE_TEXT, column, type ChartContext } from './spec.ts';

/**
 * Small multiples over time (`type: multiples`): one panel per value of `panel` (e.g. each metric),
 * each with its own y scale and unit, all on one shared time axis, one line per `z` (e.g. bank) in
 * its `color`, and each line's latest value labelled. `x` holds a date (e.g. `period_mid(period)`),
 * so yearly, quarterly and monthly series sit side by side at their own periods, never averaged
 * into one another. `formatColumn` names a column with each row's d3-format (e.g. the metric's),
 * `unit` a column with the panel's subtitle, `period` a column shown in the points' titles.
 */

/** A panel's drawing width; on a phone, the chart's own (narrower) drawing width, so the panel's text keeps its size once it fills the column. */
const PANEL_WIDTH = 320;
const PANEL_HEIGHT = 190;
const MARGIN = { top: 14, right: 56, bottom: 26, left: 44 };
const LABEL_GAP = 11;

function time(value: SqlValue | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const d = new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Moves labels apart vertically (pixels, top-down) so that none is closer than `gap` to the next. */
export function dodge(positions: number[], gap: number, min: number, max: number): number[] {
  const order = positions.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) order[k]!.y = Math.max(order[k]!.y, order[k - 1]!.y + gap);
  const overflow = order.length ? order[order.length - 1]!.y - max : 0;
  if (overflow > 0) for (const o of order) o.y -= overflow;
  for (let k = order.length - 2; k >= 0; k--) order[k]!.y = Math.min(order[k]!.y, order[k + 1]!.y - gap);
  if (order.length && order[0]!.y < min) {
    const shift = min - order[0]!.y;
    for (const o of order) o.y += shift;
  }
  const out = new Array<number>(positions.length);
  for (const o of order) out[o.i] = o.y;
  return out;
}

function panelSvg(ctx: ChartContext, rows: Row[], domain: [Date, Date], document: Document): string {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const z = column(ctx, 'z');
  const colorCol = column(ctx, 'color');
  const formatCol = typeof ctx.spec.formatColumn === 'string' ? column({ ...ctx, spec: { f: ctx.spec.formatColumn } }, 'f') : undefined;
  const periodCol = column(ctx, 'period');
  const format = (r: Row) => (formatCol && typeof r[formatCol] === 'string' ? (r[formatCol] as string) : typeof ctx.spec.format === 'string' ? ctx.spec.format : undefined);
  const points = rows
    .map((r) => ({ r, t: time(r[x]), v: typeof r[y] === 'number' ? (r[y] as number) : null }))
    .filter((p): p is { r: Row; t: Date; v: number } => p.t !== null && p.v !== null)
    .sort((a, b) => a.t.getTime() - b.t.getTime());
  const [lo, hi] = extent(points, (p) => p.v) as [number, number];
  const yScale = scaleLinear()
    .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .nice()
    .range([PANEL_HEIGHT - MARGIN.bottom, MARGIN.top]);
  const series = (p: { r: Row }) => (z ? String(p.r[z]) : '');
  const stroke = (p: { r: Row }) => (colorCol && typeof p.r[colorCol] === 'string' ? (p.r[colorCol] as string) : 'var(--accent, steelblue)');
  // The latest point of each series carries its value, moved apart from the others' when close.
  const latest = [...new Map(points.map((p) => [series(p), p])).values()];
  const labelY = dodge(latest.map((p) => yScale(p.v)), LABEL_GAP, MARGIN.top, PANEL_HEIGHT - MARGIN.bottom);
  const labels = latest.map((p, i) => ({ ...p, ly: yScale.invert(labelY[i]!) }));
  const svg = Plot.plot({
    document,
    width: Math.min(PANEL_WIDTH, ctx.width),
    height: PANEL_HEIGHT,
    marginTop: MARGIN.top,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    style: { background: 'transparent', fontSize: '10px' },
    x: { type: 'time', domain, label: null, ticks: 4 },
    y: { domain: yScale.domain(), label: null, grid: true, ticks: 4, tickFormat: (v: number) => formatValue(v, points[0] ? format(points[0].r) : undefined) },
    color: { type: 'identity' },
    marks: [
      Plot.line(points, { x: 't', y: 'v', z: series, stroke, strokeWidth: 2 }),
      Plot.dot(points, {
        x: 't',
        y: 'v',
        fill: stroke,
        r: 2.5,
        title: (p: { r: Row; v: number }) => `${z ? `${String(p.r[z])} ` : ''}${periodCol ? String(p.r[periodCol]) : ''}: ${formatValue(p.v, format(p.r))}`,
      }),
      // In the series' colour on the page: made readable on both themes (charts/accessible.ts).
      Plot.text(labels, { x: 't', y: 'ly', text: (p: { r: Row; v: number }) => formatValue(p.v, format(p.r)), fill: stroke, dx: 6, textAnchor: 'start', fontWeight: 600, className: ON_PAGE_TEXT }),
    ],
  });
  return svg.outerHTML;
}

export function renderMultiples(ctx: ChartContext, document: Document): string {
  const panel = column(ctx, 'panel')!;
  const x = column(ctx, 'x')!;
  const unit = column(ctx, 'unit');
  const panels = new Map<string, Row[]>();
  for (const r of ctx.rows) {
    const key = String(r[panel]);
    if (!panels.has(key)) panels.set(key, []);
    panels.get(key)!.push(r);
  }
  const times = ctx.rows.map((r) => time(r[x])).filter((t): t is Date => t !== null);
  if (times.length === 0) return '';
  const domain = extent(times) as [Date, Date];
  const out = [...panels].map(([name, rows]) => {
    const subtitle = unit && rows[0]![unit] !== null ? `<span class="panel-unit">${escapeHtml(String(rows[0]![unit]))}</span>` : '';
    return `<div class="panel"><p class="panel-title">${escapeHtml(name)}${subtitle}</p>${panelSvg(ctx, rows, domain, document)}</div>`;
  });
  return `<div class="multiples">${out.join('')}</div>`;
}
