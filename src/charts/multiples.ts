import * as Plot from '@observablehq/plot';
import { extent, scaleLinear, scaleTime } from 'd3';
import type { Row, SqlValue } from '../db/types.ts';
import { formatDateTick, formatPeriod, formatValue } from '../text/format.ts';
import { escapeHtml } from '../text/html.ts';
import { breakMark, finiteValues, floorNote, valueDomain } from './axis-floor.ts';
import type { Locale } from '../text/locale.ts';
import { textWidth } from './labels.ts';
import { FONT_SIZE, firstAppearance, htmlLegend, svgMark } from './legend.ts';
import { groupPanels } from './panels.ts';
import { COLOR_OPTION, N_ENCODING, N_OPTION, setting, type ChartOption, type ChartType, TARGET_ENCODINGS } from './schema.ts';
import { themeSeriesColours } from './series-colours.ts';
import { ON_PAGE_TEXT, column, seriesNameColumn, type ChartContext } from './spec.ts';
import { field, lines, text, WORDS } from './summary.ts';
import type { QueryResult } from '../db/types.ts';
import { TARGET_DASH, TARGET_MARK, labelSide, targetColumns, targetLabel } from './target.ts';

/**
 * Small multiples over time (`type: multiples`): one panel per value of `panel` (e.g. each metric),
 * each with its own y scale and unit, all on one shared time axis, one line per `z` (e.g. bank) in
 * its `color`, and each line's latest value labelled. `x` holds a date (e.g. `period_mid(period)`),
 * so yearly, quarterly and monthly series sit side by side at their own periods, never averaged
 * into one another. `formatColumn` names a column with each row's d3-format (e.g. the metric's),
 * `unit` a column with the panel's subtitle, `period` a column shown in the points' titles and on
 * the time axis (quarters as `2026Q3`, months as `2026年3月` / `Mar 2026`: never a month name in the
 * zh edition). Several series get a legend above the panels, named by `seriesName` (else `z`).
 * A panel whose y axis leaves out 0 says so under its title and breaks its axis (axis-floor.ts).
 */

const OPTIONS: Record<string, ChartOption> = {
  panel: { type: 'column', doc: 'one panel per value (e.g. each metric), with its own y scale' },
  x: { type: 'column', doc: 'a date (use `period_mid(period)`): all panels share one time axis, and yearly, quarterly and monthly series each sit at their own periods' },
  y: { type: 'column', doc: 'the value' },
  z: { type: 'column', doc: 'the series: one line per value (e.g. `bank`), its latest value labelled' },
  seriesName: { type: 'column', doc: "the column naming each `z` series in the legend above the panels and in each point's tooltip, `招商银行 2024Q4：20.3` (else `z`)" },
  color: COLOR_OPTION,
  unit: { type: 'column', doc: "the panel's subtitle (e.g. its unit)" },
  period: { type: 'column', doc: "the period column: the time axis ticks the periods of the grain most rows have, and points' tooltips name them" },
  formatColumn: { type: 'column', doc: "a column of each row's d3-format (e.g. the metric's)" },
  n: N_OPTION,
  format: { type: 'format', doc: 'the d3-format of the values, where `formatColumn` gives none' },  target: { type: 'column', doc: 'the target each value is read against (e.g. from `targets.csv` through the `targets` table): a dashed, labelled rule' },
  targetName: { type: 'column', doc: "the target's name for the reader (e.g. `target_label` → `target_label_zh` / `_en`); without it, 目标 / target" },
};

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

/**
 * About four ticks whose labels differ in the panel's format: a ',d' axis over 1,787–1,789 or a '.0%'
 * axis over 93–95% would otherwise print the same label twice (1,788 at 1,787.5 and at 1,788).
 */
export function distinctTicks(domain: [number, number], format: string | undefined): number[] {
  for (const count of [4, 3, 2]) {
    const ticks = scaleLinear().domain(domain).ticks(count);
    if (new Set(ticks.map((v) => formatValue(v, format))).size === ticks.length) return ticks;
  }
  const seen = new Set<string>();
  return scaleLinear()
    .domain(domain)
    .ticks(2)
    .filter((v) => !seen.has(formatValue(v, format)) && seen.add(formatValue(v, format)));
}

/** The grain of a contract period (`2026`, `2026Q3`, `2026-03`), or null for anything else. */
function grainOf(period: string): 'year' | 'quarter' | 'month' | null {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  return null;
}

interface TimeAxis {
  ticks?: Date[];
  tickFormat: (d: Date) => string;
}

/**
 * The shared time axis' ticks: with a `period` column, the periods of the grain most rows have,
 * each labelled as the reader's edition writes it, at its middle (where its values sit), every
 * k-th one (counted back from the latest) so that labels never overlap; without, the scale's own
 * ticks, labelled as years or months in the reader's language.
 */
function timeAxis(ctx: ChartContext, locale: Locale): TimeAxis {
  const x = column(ctx, 'x')!;
  const periodCol = column(ctx, 'period');
  const fallback: TimeAxis = { tickFormat: (d) => formatDateTick(d, locale) };
  if (!periodCol) return fallback;
  const count = new Map<string, number>();
  const at = new Map<string, Date>();
  for (const r of ctx.rows) {
    const p = r[periodCol];
    const t = time(r[x]);
    if (typeof p !== 'string' || !t || !grainOf(p)) continue;
    const g = grainOf(p)!;
    count.set(g, (count.get(g) ?? 0) + 1);
    if (!at.has(p)) at.set(p, t);
  }
  if (at.size === 0) return fallback;
  const grain = [...count].sort((a, b) => b[1] - a[1])[0]![0];
  const periods = [...at.keys()].filter((p) => grainOf(p) === grain).sort();
  const labelOf = new Map(periods.map((p) => [at.get(p)!.getTime(), formatPeriod(p, locale)]));
  const room = PANEL_WIDTH - MARGIN.left - MARGIN.right + 24;
  const widest = Math.max(...periods.map((p) => textWidth(formatPeriod(p, locale), FONT_SIZE))) + 10;
  const every = Math.max(1, Math.ceil((periods.length * widest) / room));
  const shown = periods.filter((_, i) => (periods.length - 1 - i) % every === 0);
  return { ticks: shown.map((p) => at.get(p)!), tickFormat: (d) => labelOf.get(d.getTime()) ?? formatDateTick(d, locale) };
}

/** A point's title: `China Merchants Bank 2024Q4: 20.3` / `招商银行 2024Q4：20.3`. */
function pointTitle(name: string, period: string, value: string, locale: Locale): string {
  const head = [name, period].filter(Boolean).join(' ');
  return head ? `${head}${locale === 'zh' ? '：' : ': '}${value}` : value;
}

function panelSvg(ctx: ChartContext, rows: Row[], domain: [Date, Date], axis: TimeAxis, document: Document): string {
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const z = column(ctx, 'z');
  const nameCol = seriesNameColumn(ctx);
  const colorCol = column(ctx, 'color');
  const formatCol = column(ctx, 'formatColumn');
  const periodCol = column(ctx, 'period');
  const format = (r: Row) => (formatCol && typeof r[formatCol] === 'string' ? (r[formatCol] as string) : setting<string>(OPTIONS, ctx.spec, 'format'));
  const points = rows
    .map((r) => ({ r, t: time(r[x]), v: typeof r[y] === 'number' ? (r[y] as number) : null }))
    .filter((p): p is { r: Row; t: Date; v: number } => p.t !== null && p.v !== null)
    .sort((a, b) => a.t.getTime() - b.t.getTime());
  // `target:` each period's target (targets.csv), drawn once where series share it.
  const target = targetColumns(ctx);
  const targets = target ? panelTargets(rows, target.value, x) : [];
  const yScale = scaleLinear()
    .domain(valueDomain([...points.map((p) => p.v), ...targets.map((p) => p.v)]))
    .range([PANEL_HEIGHT - MARGIN.bottom, MARGIN.top]);
  const broken = floorNote(yScale.domain() as [number, number], ctx.locale) !== null;
  const series = (p: { r: Row }) => (z ? String(p.r[z]) : '');
  const stroke = (p: { r: Row }) => (colorCol && typeof p.r[colorCol] === 'string' ? (p.r[colorCol] as string) : 'var(--accent, steelblue)');
  // The latest point of each series carries its value, moved apart from the others' when close.
  const latest = [...new Map(points.map((p) => [series(p), p])).values()];
  const labelY = dodge(latest.map((p) => yScale(p.v)), LABEL_GAP, MARGIN.top, PANEL_HEIGHT - MARGIN.bottom);
  const labels = latest.map((p, i) => ({ ...p, ly: yScale.invert(labelY[i]!) }));
  const width = Math.min(PANEL_WIDTH, ctx.width);
  const xScale = scaleTime().domain(domain).range([MARGIN.left, width - MARGIN.right]);
  const svg = Plot.plot({
    document,
    width,
    height: PANEL_HEIGHT,
    marginTop: MARGIN.top,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    style: { background: 'transparent', fontSize: '10px' },
    x: { type: 'time', domain, label: null, ticks: axis.ticks ?? 4, tickFormat: axis.tickFormat },
    y: { domain: yScale.domain(), label: null, grid: true, ticks: distinctTicks(yScale.domain() as [number, number], points[0] ? format(points[0].r) : undefined), tickFormat: (v: number) => formatValue(v, points[0] ? format(points[0].r) : undefined) },
    color: { type: 'identity' },
    marks: [
      Plot.line(points, { x: 't', y: 'v', z: series, stroke, strokeWidth: 2 }),
      Plot.dot(points, {
        x: 't',
        y: 'v',
        fill: stroke,
        r: 2.5,
        title: (p: { r: Row; v: number }) =>
          pointTitle(nameCol ? String(p.r[nameCol] ?? '') : '', periodCol && p.r[periodCol] !== null ? formatPeriod(String(p.r[periodCol]), ctx.locale) : '', formatValue(p.v, format(p.r)), ctx.locale),
      }),
      // In the series' colour on the page: made readable on both themes (charts/accessible.ts).
      Plot.text(labels, { x: 't', y: 'ly', text: (p: { r: Row; v: number }) => formatValue(p.v, format(p.r)), fill: stroke, dx: 6, textAnchor: 'start', fontWeight: 600, className: ON_PAGE_TEXT }),
      ...(target && targets.length
        ? [
            Plot.line(targets, { x: 't', y: 'v', z: (p: { v: number }) => p.v, stroke: 'currentColor', strokeWidth: 1.5, strokeDasharray: TARGET_DASH, ...TARGET_MARK }),
            // Each level labelled at its first period, on the side with more room, cut to fit the panel.
            ...[...new Map(targets.map((p) => [p.v, p] as const).reverse()).values()].reverse().map((p) => {
              const side = labelSide(xScale(p.t), MARGIN.left, width - MARGIN.right);
              return Plot.text([p], {
                x: 't',
                y: 'v',
                text: (q: { r: Row }) => targetLabel(q.r, target, ctx.locale, format(q.r), side.room),
                dy: side.anchor === 'end' ? 0 : -6,
                dx: side.anchor === 'end' ? -6 : 0,
                textAnchor: side.anchor,
                fill: 'currentColor',
                ...TARGET_MARK,
              });
            }),
          ]
        : []),
      // The axis does not reach 0: a break mark at its foot (its top, for values below 0); the note is under the panel's title.
      ...(broken ? [svgMark((doc) => breakMark(doc, MARGIN.left, yScale.domain()[1]! < 0 ? MARGIN.top : PANEL_HEIGHT - MARGIN.bottom))] : []),
    ],
  });
  return svg.outerHTML;
}

/** A panel's targets by time, once per period and value (series sharing a `*` target draw one line). */
function panelTargets(rows: Row[], value: string, x: string): { r: Row; t: Date; v: number }[] {
  const seen = new Set<string>();
  const out: { r: Row; t: Date; v: number }[] = [];
  for (const r of rows) {
    const t = time(r[x]);
    const v = r[value];
    if (!t || typeof v !== 'number' || !Number.isFinite(v)) continue;
    const key = `${t.getTime()}\u0000${v}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ r, t, v });
  }
  return out.sort((a, b) => a.t.getTime() - b.t.getTime());
}

export function renderMultiples(ctx: ChartContext, document: Document): string {
  const panel = column(ctx, 'panel')!;
  const x = column(ctx, 'x')!;
  const y = column(ctx, 'y')!;
  const unit = column(ctx, 'unit');
  const panels = groupPanels(ctx.rows, (r) => String(r[panel]));
  const times = ctx.rows.map((r) => time(r[x])).filter((t): t is Date => t !== null);
  if (times.length === 0) return '';
  const domain = extent(times) as [Date, Date];
  const axis = timeAxis(ctx, ctx.locale);
  const out = [...panels].map(([name, rows]) => {
    const unitText = unit && rows[0]![unit] !== null ? escapeHtml(String(rows[0]![unit])) : '';
    const target = targetColumns(ctx);
    const drawn = rows.filter((r) => time(r[x]) !== null).flatMap((r) => [r[y], ...(target ? [r[target.value]] : [])]);
    const note = floorNote(valueDomain(finiteValues(drawn)), ctx.locale);
    // The note rides in the unit line, so that it travels wherever the unit does (the SVG export too).
    const axisNote = note ? `<span class="panel-axis-note">${unitText ? ' · ' : ''}${escapeHtml(note)}</span>` : '';
    const subtitle = unitText || axisNote ? `<span class="panel-unit">${unitText}${axisNote}</span>` : '';
    return `<div class="panel"><p class="panel-title">${escapeHtml(name)}${subtitle}</p>${panelSvg(ctx, rows, domain, axis, document)}</div>`;
  });
  return `<div class="multiples">${seriesLegend(ctx)}${out.join('')}</div>`;
}

/** One swatch per series (first appearance), named in the reader's language; none for a single series. */
function seriesLegend(ctx: ChartContext): string {
  const z = column(ctx, 'z');
  const nameCol = seriesNameColumn(ctx);
  const colorCol = column(ctx, 'color');
  if (!z || !nameCol) return '';
  const ids = firstAppearance(ctx.rows.map((r) => String(r[z])));
  if (ids.length < 2) return '';
  const items = ids.map((id) => {
    const row = ctx.rows.find((r) => String(r[z]) === id)!;
    const color = colorCol && typeof row[colorCol] === 'string' ? (row[colorCol] as string) : 'var(--accent, steelblue)';
    return { label: String(row[nameCol] ?? id), color };
  });
  return htmlLegend(items, ctx.locale);
}

/** Small multiples: per panel, each series' latest value. */
function multiplesSummary(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const w = WORDS[locale];
  const columns = result.columns.map((c) => c.name);
  const panel = field(spec, columns, 'panel', locale).key;
  if (!panel) return w.rows(result.rows.length);
  const panels = groupPanels(result.rows, (r) => text(r[panel]));
  const lineSpec = { ...spec, x: typeof spec.period === 'string' ? spec.period : spec.x };
  const parts = [...panels].map(([name, rows]) => `${name}${w.colon}${lines(lineSpec, rows, columns, locale)}`);
  return `${w.panels(panels.size)}${w.sep}${parts.join(w.sep)}`;
}

/** The panels' markup, series colours made readable on both themes. */
function multiplesMarkup(ctx: ChartContext, document: Document): string {
  if (ctx.rows.length === 0) return '';
  const colourColumn = column(ctx, 'color');
  const holder = document.createElement('div');
  holder.innerHTML = renderMultiples(ctx, document);
  themeSeriesColours(holder, colourColumn ? ctx.rows.map((r) => r[colourColumn]) : []);
  return holder.innerHTML;
}

export const multiples: ChartType = {
  name: 'multiples',
  doc: "Small multiples over time: one panel per value of `panel`, each with its own y scale and `unit` subtitle, all on one shared time axis, one line per `z` in its `color`, each line's latest value labelled. Nothing is averaged across grains. A panel whose y axis leaves out 0 says so under its title and breaks its axis.",
  title: { zh: '小多图', en: 'Small multiples' },
  required: ['panel', 'x', 'y'],
  options: OPTIONS,
  encodings: [{ key: 'panel', role: 'panel' }, { key: 'seriesName', role: 'series' }, { key: 'period', role: 'period' }, { key: 'y', role: 'value', formatted: true }, ...TARGET_ENCODINGS, N_ENCODING],
  markup: multiplesMarkup,
  summary: multiplesSummary,
};
