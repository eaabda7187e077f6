import * as Plot from '@observablehq/plot';
import { scaleLinear } from 'd3';
import { formatValue } from '../text/format.ts';
import type { Locale } from '../text/locale.ts';
import { FONT_SIZE, svgElement, svgMark } from './legend.ts';

/**
 * A value axis that does not reach its floor (0, or the bottom of the metric's scale) magnifies
 * small changes: a rating moving 4.42 → 4.47 fills the panel. Charts drawn on such an axis say so,
 * with a break mark at the foot of the axis and a note in the reader's language.
 */

/** Numbers only: the values a y axis must hold. */
export function finiteValues(values: unknown[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/**
 * The y domain for `values`: the spec's `yDomain: [min, max]` (the metric's scale, e.g. [1, 5] for
 * stars) widened to hold every value, else the values' extent, from `floor` when `zero` is set;
 * rounded outwards to nice ticks.
 */
export function valueDomain(values: number[], options: { given?: unknown; zero?: boolean; floor?: number } = {}): [number, number] {
  const floor = options.floor ?? 0;
  const given = Array.isArray(options.given) && options.given.length === 2 ? options.given.map(Number) : null;
  const base = given && given.every(Number.isFinite) ? [Math.min(given[0]!, given[1]!), Math.max(given[0]!, given[1]!)] : [];
  const all = [...base, ...values, ...(options.zero ? [floor] : [])];
  if (all.length === 0) return [floor, floor + 1];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  // A scale the page gave is kept as given; an extent is rounded outwards to nice ticks.
  return base.length && lo === base[0] && hi === base[1] ? [lo, hi] : (scaleLinear().domain([lo, hi]).nice().domain() as [number, number]);
}

/** "y axis does not start at 0" when the domain leaves out its floor, else null. */
export function floorNote(domain: [number, number], locale: Locale, floor = 0): string | null {
  const at = formatValue(floor);
  if (domain[0] > floor) return locale === 'zh' ? `纵轴未从 ${at} 开始` : `y axis does not start at ${at}`;
  if (domain[1] < floor) return locale === 'zh' ? `纵轴未延伸到 ${at}` : `y axis does not reach ${at}`;
  return null;
}

/** Two short slanted strokes across the y axis, centred on (x, y), over a background-coloured gap: the axis is cut there. */
export function breakMark(document: Document, x: number, y: number): SVGElement {
  const d = `M${x - 5},${y}L${x + 5},${y - 4}M${x - 5},${y + 4}L${x + 5},${y}`;
  const g = svgElement(document, 'g', { class: 'axis-floor', fill: 'none' });
  g.append(svgElement(document, 'path', { d, stroke: 'var(--bg, white)', 'stroke-width': 4 }));
  g.append(svgElement(document, 'path', { d, stroke: 'currentColor', 'stroke-width': 1.2, class: 'axis-break' }));
  return g;
}

/**
 * The break mark at the foot of the y axis (its top, when the axis stops below its floor) and the
 * note under the plot, left-aligned. The caller leaves NOTE_HEIGHT of bottom margin for the note.
 */
export function floorMarks(note: string, atTop: boolean): Plot.Markish {
  return svgMark((document, d) => {
    const g = svgElement(document, 'g', { 'font-size': FONT_SIZE, 'text-anchor': 'start' });
    g.append(breakMark(document, d.marginLeft, atTop ? d.marginTop : d.height - d.marginBottom));
    // The note repeats the mark, so the reader can tie one to the other.
    g.append(breakMark(document, 8, d.height - 7));
    g.append(svgElement(document, 'text', { x: 18, y: d.height - 4, fill: 'currentColor', 'fill-opacity': 0.8, class: 'axis-floor-note' }, note));
    return g;
  });
}

/** Bottom margin the floor note takes. */
export const NOTE_HEIGHT = 16;
