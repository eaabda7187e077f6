import * as Plot from '@observablehq/plot';
import { escapeHtml } from '../text/html.ts';
import type { Locale } from '../text/locale.ts';
import { contrast, rgbOf } from './colour.ts';
import { textWidth } from './labels.ts';
import { SERIES_NAME } from './spec.ts';

/**
 * Small drawing helpers shared by the chart types (first written for emotionmap, stacked, heatmap): the ink that
 * reads on a coloured fill, labels shortened to their room, category order, and legends drawn
 * inside the chart's own SVG (so the downloaded SVG/PNG carries them, and no canvas is needed).
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';
/** Dark text on light fills (the light theme's --fg; a fixed colour, since the fill is fixed too). */
export const DARK_INK = '#1d1f23';
export const LIGHT_INK = '#ffffff';
export const FONT_SIZE = 10;

/**
 * White or dark text, whichever contrasts more with a fill (WCAG relative luminance); null when the
 * fill is not a colour we can read (e.g. a CSS variable), and the caller falls back to a halo.
 */
export function inkOn(fill: string): string | null {
  const c = rgbOf(fill);
  if (!c) return null;
  return contrast(c, rgbOf(LIGHT_INK)!) >= contrast(c, rgbOf(DARK_INK)!) ? LIGHT_INK : DARK_INK;
}

/** Shortens a label to fit `room` pixels (the full text stays in titles and the data table). */
export function fitText(text: string, room: number, fontSize = FONT_SIZE): string {
  if (textWidth(text, fontSize) <= room) return text;
  let out = text;
  while (out.length > 1 && textWidth(`${out}…`, fontSize) > room) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

/** Distinct values in first-appearance order (the page's SQL decides the order, never the alphabet). */
export function firstAppearance<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** A mark drawn once over the whole chart (also when faceted), from a function of the chart's size. */
export function svgMark(draw: (document: Document, dimensions: Plot.Dimensions) => SVGElement): Plot.Markish {
  return Plot.frame({ facet: 'super', render: (_index, _scales, _values, dimensions, context) => draw(context.document, dimensions) });
}

export function svgElement(document: Document, name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG_NS, name) as SVGElement;
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  // textContent: labels from the data are text, never markup.
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface Swatch {
  label: string;
  color: string;
}

const SWATCH = 10;
const SWATCH_GAP = 4;
const ITEM_GAP = 14;
export const LEGEND_LINE = 16;

/** Legend items laid out left to right from `left`, wrapping before `right`: each item's position and line. */
export function swatchLayout(items: Swatch[], left: number, right: number): { items: (Swatch & { x: number; line: number; text: string })[]; lines: number } {
  const room = Math.max(40, right - left);
  let x = left;
  let line = 0;
  const out = items.map((item) => {
    const text = fitText(item.label, room - SWATCH - SWATCH_GAP);
    const w = SWATCH + SWATCH_GAP + textWidth(text, FONT_SIZE);
    if (x > left && x + w > right) {
      line += 1;
      x = left;
    }
    const placed = { ...item, x, line, text };
    x += w + ITEM_GAP;
    return placed;
  });
  return { items: out, lines: items.length ? line + 1 : 0 };
}

/** A row (or rows) of colour swatches with names, top at `top`, as a chart-wide mark. */
export function swatchLegend(items: Swatch[], left: number, right: number, top: number, className: string): Plot.Markish {
  const layout = swatchLayout(items, left, right);
  return svgMark((document) => {
    const g = svgElement(document, 'g', { class: className, 'aria-label': 'legend', 'font-size': FONT_SIZE, 'text-anchor': 'start' });
    for (const item of layout.items) {
      const y = top + item.line * LEGEND_LINE;
      g.append(svgElement(document, 'rect', { x: item.x, y: y + 1, width: SWATCH, height: SWATCH, fill: item.color, rx: 2 }));
      g.append(svgElement(document, 'text', { x: item.x + SWATCH + SWATCH_GAP, y: y + SWATCH - 1, fill: 'currentColor' }, item.text));
    }
    return g;
  });
}

/** Whitespace, one CJK (full-width) character, or a run of anything else: the units a label breaks between. */
const TOKENS = /\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/gu;

/** A label broken into lines of at most `room` pixels, at spaces or between CJK characters; null if a word is too long or it takes more than `maxLines`. */
export function wrapText(text: string, room: number, maxLines = 2, fontSize = FONT_SIZE): string[] | null {
  const tokens = text.match(TOKENS) ?? [];
  const lines: string[] = [];
  let line = '';
  let space = false;
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      space = line !== '';
      continue;
    }
    const candidate = `${line}${space ? ' ' : ''}${token}`;
    if (line === '' || textWidth(candidate, fontSize) <= room) line = candidate;
    else {
      lines.push(line);
      line = token;
    }
    space = false;
  }
  if (line) lines.push(line);
  return lines.length <= maxLines && lines.every((l) => textWidth(l, fontSize) <= room) ? lines : null;
}

/**
 * Tick labels along a band axis of `step` pixels per category: on one line when they fit, else on
 * two (broken at spaces, or between CJK characters), else turned 35° and shortened to `maxRoom`.
 * `margin` is the room they need below the axis line (with an axis label).
 */
export function bandTicks(labels: string[], step: number, maxRoom = 120): { rotate: number; margin: number; format: (label: string) => string } {
  const room = step - 6;
  if (labels.every((l) => textWidth(l, FONT_SIZE) <= room)) return { rotate: 0, margin: 30, format: (l) => l };
  if (labels.every((l) => wrapText(l, room) !== null)) return { rotate: 0, margin: 42, format: (l) => (wrapText(l, room) ?? [l]).join('\n') };
  const widest = Math.min(maxRoom, Math.max(0, ...labels.map((l) => textWidth(l, FONT_SIZE))));
  return { rotate: -35, margin: Math.ceil(16 + widest * Math.sin((35 * Math.PI) / 180) + FONT_SIZE), format: (l) => fitText(l, maxRoom) };
}

const LEGEND_NAME: Record<Locale, string> = { zh: '图例', en: 'Legend' };

/**
 * A legend as HTML, for a chart drawn as several SVGs (small multiples): one swatch and name per
 * series, above the panels, wrapping with the page. Swatches are tiny SVGs (no inline style).
 */
export function htmlLegend(items: Swatch[], locale: Locale): string {
  if (items.length === 0) return '';
  const li = items
    .map((i) => `<li><svg width="${SWATCH}" height="${SWATCH}" aria-hidden="true"><rect width="${SWATCH}" height="${SWATCH}" rx="2" fill="${escapeHtml(i.color)}"></rect></svg>${escapeHtml(i.label)}</li>`)
    .join('');
  return `<ul class="chart-legend ${SERIES_NAME}" aria-label="${LEGEND_NAME[locale]}">${li}</ul>`;
}

/**
 * A category label for an axis with `room` pixels: whole when it fits, else on two lines, else
 * shortened with "…" (its full text stays in the chart's data table). Wrapping comes before cutting,
 * so a phone's narrower drawing keeps names whole where it can.
 */
export function categoryLabel(text: string, room: number, fontSize = FONT_SIZE): string {
  if (textWidth(text, fontSize) <= room) return text;
  return wrapText(text, room, 2, fontSize)?.join('\n') ?? fitText(text, room, fontSize);
}
