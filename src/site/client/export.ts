import Papa from 'papaparse';
import { valuesFromQuery } from '../../notebook/inputs.ts';
import type { InputValues, Notebook } from '../../notebook/types.ts';
import { ui } from '../i18n.ts';

/**
 * A chart's downloads (CSV, SVG, PNG), built from the figure as the reader sees it right now: after
 * an input change the runtime has redrawn the figure in place, so the files follow. Loaded by
 * downloads.ts on the first download only (papaparse stays out of the first paint).
 */

export type DownloadFormat = 'csv' | 'svg' | 'png';

/** Cells a spreadsheet would run as a formula (OWASP CSV injection): prefixed with `'` when text. */
export const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number;

/**
 * RFC 4180 CSV (papaparse quotes), CRLF line ends, a UTF-8 BOM so that Excel reads Chinese right.
 * Text cells that look like formulas get a leading apostrophe; numbers never do (a negative number
 * stays a number).
 */
export function csvText(fields: string[], rows: CsvCell[][]): string {
  const body = Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START });
  return `\uFEFF${body}\r\n`;
}

/** One part of a file name: ASCII letters, digits, `-` and `_` only (anything else, e.g. Chinese, is dropped). */
export function safePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/** `<page>_<chart>_<input values…>`, e.g. overview_nps_by_bank_2026Q3_cmb; empty parts are left out. */
export function fileStem(slug: string, chart: string, values: InputValues, order: string[] = Object.keys(values)): string {
  const inputs = order.map((k) => {
    const v = values[k];
    return safePart(Array.isArray(v) ? v.join('-') : String(v ?? ''));
  });
  const stem = [safePart(slug), safePart(chart), ...inputs].filter(Boolean).join('_');
  return stem.slice(0, 120).replace(/[-_]+$/, '') || 'chart';
}

/** The page's input values as the URL holds them now (defaults for what the URL leaves out). */
function currentValues(): { values: InputValues; order: string[] } {
  const el = document.getElementById('cx-notebook');
  if (!el) return { values: {}, order: [] };
  const { notebook, defaults } = JSON.parse(el.textContent!) as { notebook: Notebook; defaults: InputValues };
  return { values: valuesFromQuery(notebook, new URLSearchParams(location.search), defaults), order: Object.keys(defaults) };
}

/** The table behind a chart: its accessible data table, or the chart itself for `type: table`. */
export function figureTable(figure: Element): HTMLTableElement | null {
  return figure.querySelector<HTMLTableElement>('[data-chart-table] table') ?? figure.querySelector<HTMLTableElement>('[data-chart-body] table');
}

/**
 * Two header rows: the columns' ids (`data-column`, as the page's spec names them: the same in both
 * languages and across builds, for scripts), then their labels as the reader sees them; then each
 * cell's unrounded number (`data-value`) when it has one, else its text.
 */
export function tableCsv(table: HTMLTableElement): string {
  const head = table.tHead?.rows[0];
  const cells = head ? [...head.cells] : [];
  const fields = cells.map((c) => c.getAttribute('data-column') ?? (c.textContent ?? '').trim());
  const labels: CsvCell[] = cells.map((c) => (c.textContent ?? '').trim());
  const body = [...table.tBodies].flatMap((b) => [...b.rows]).map((tr) =>
    [...tr.cells].map((td): CsvCell => {
      const raw = td.getAttribute('data-value');
      if (raw !== null && raw.trim() !== '') {
        const n = Number(raw);
        if (!Number.isNaN(n) || raw === 'NaN') return n;
      }
      return td.textContent ?? '';
    }),
  );
  return csvText(fields, [labels, ...body]);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Attributes that are CSS colour properties: their computed value is what the reader sees. */
const COLOUR_ATTRIBUTES = new Set(['fill', 'stroke', 'color', 'stop-color', 'flood-color', 'lighting-color']);
const PAGE_DEPENDENT = /currentcolor|var\(|light-dark\(/i;

/** Replaces var(--x, fallback) with the custom property's value here, and currentColor with `color`. */
function resolveText(text: string, style: CSSStyleDeclaration, color: string): string {
  let out = text;
  for (let prev = ''; prev !== out && out.includes('var('); ) {
    prev = out;
    // Innermost first: a fallback may itself be a var().
    out = out.replace(/var\(\s*(--[\w-]+)\s*(?:,([^()]*))?\)/g, (_, name: string, fallback: string | undefined) => style.getPropertyValue(name).trim() || (fallback ?? '').trim() || 'initial');
  }
  return out.replace(/currentcolor/gi, color);
}

function resolveStyleAttribute(text: string, style: CSSStyleDeclaration): string {
  return text
    .split(';')
    .map((decl) => {
      const i = decl.indexOf(':');
      if (i < 0 || !PAGE_DEPENDENT.test(decl)) return decl;
      const prop = decl.slice(0, i).trim();
      return `${prop}: ${style.getPropertyValue(prop).trim() || resolveText(decl.slice(i + 1), style, style.color)}`;
    })
    .join(';');
}

/** Walks the live element and its clone together, writing computed values where the page's CSS decides. */
function inlinePageColours(live: Element, clone: Element): void {
  const style = getComputedStyle(live);
  for (const attr of [...clone.attributes]) {
    if (!PAGE_DEPENDENT.test(attr.value)) continue;
    if (attr.name === 'style') clone.setAttribute('style', resolveStyleAttribute(attr.value, style));
    else if (COLOUR_ATTRIBUTES.has(attr.name)) clone.setAttribute(attr.name, style.getPropertyValue(attr.name).trim() || resolveText(attr.value, style, style.color));
    else clone.setAttribute(attr.name, resolveText(attr.value, style, style.color));
  }
  if (clone.localName === 'style' && clone.textContent && PAGE_DEPENDENT.test(clone.textContent)) clone.textContent = resolveText(clone.textContent, style, style.color);
  const liveChildren = live.children;
  const cloneChildren = clone.children;
  for (let i = 0; i < liveChildren.length && i < cloneChildren.length; i++) inlinePageColours(liveChildren[i]!, cloneChildren[i]!);
}

/** The page's background behind `el` (the first opaque one up the tree), so the file looks as on screen. */
function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  const rect = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || box?.width || rect.width;
  const height = Number(svg.getAttribute('height')) || box?.height || rect.height;
  return { width, height };
}

/** A copy of a live chart SVG that renders the same outside the page. */
function standaloneCopy(live: SVGSVGElement): SVGSVGElement {
  const clone = live.cloneNode(true) as SVGSVGElement;
  inlinePageColours(live, clone);
  clone.setAttribute('color', getComputedStyle(live).color);
  return clone;
}

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  return el;
}

function withBackground(svg: SVGSVGElement, background: string, box: { x: number; y: number; width: number; height: number }): void {
  svg.style.background = background;
  svg.insertBefore(svgElement('rect', { x: box.x, y: box.y, width: box.width, height: box.height, fill: background }), svg.firstChild);
}

interface Drawing {
  svg: SVGSVGElement;
  width: number;
  height: number;
}

export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

function serialise(svg: SVGSVGElement, width: number, height: number): StandaloneSvg {
  svg.setAttribute('xmlns', SVG_NS);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
  return { text, width, height };
}

/**
 * The series legend of small multiples (HTML above the panels on the page) as SVG swatches and
 * names in rows `room` wide, at the origin: the exported file names its banks as the page does.
 */
function seriesLegend(grid: HTMLElement, room: number): { marks: SVGElement[]; height: number } {
  const items = [...grid.querySelectorAll<HTMLElement>(':scope > .chart-legend li')];
  if (items.length === 0) return { marks: [], height: 0 };
  const style = getComputedStyle(items[0]!);
  const size = parseFloat(style.fontSize) || 12;
  const measure = document.createElement('canvas').getContext('2d');
  if (measure) measure.font = `${size}px ${style.fontFamily}`;
  const swatch = size * 0.8;
  const line = size * 1.5;
  const marks: SVGElement[] = [];
  let x = 0;
  let y = 0;
  for (const li of items) {
    const label = li.textContent?.trim() ?? '';
    const rect = li.querySelector('rect');
    const width = swatch + 4 + (measure ? measure.measureText(label).width : label.length * size * 0.6) + 14;
    if (x > 0 && x + width > room) {
      x = 0;
      y += line;
    }
    marks.push(svgElement('rect', { x, y: y + (line - swatch) / 2, width: swatch, height: swatch, rx: 2, fill: rect ? getComputedStyle(rect).fill : style.color }));
    const text = svgElement('text', { x: x + swatch + 4, y: y + line / 2 + size * 0.35, 'font-size': size, 'font-family': style.fontFamily, fill: style.color });
    text.textContent = label;
    marks.push(text);
    x += width;
  }
  return { marks, height: y + line + 4 };
}

/**
 * Small multiples (`type: multiples`, several SVGs with HTML panel titles): one SVG that lays the
 * panels out in the grid the reader sees (as many per row as the page shows), under the series
 * legend, each under its title and unit, at the panels' own drawing size.
 */
function multiplesSvg(grid: HTMLElement, background: string): Drawing | null {
  const panels = [...grid.querySelectorAll<HTMLElement>(':scope > .panel')]
    .map((panel) => ({ panel, svg: panel.querySelector<SVGSVGElement>('svg') }))
    .filter((p): p is { panel: HTMLElement; svg: SVGSVGElement } => p.svg !== null);
  if (panels.length === 0) return null;
  const shownColumns = getComputedStyle(grid).gridTemplateColumns.split(' ').filter((c) => c && c !== 'none').length;
  const cols = Math.max(1, Math.min(panels.length, shownColumns || 1));
  const pad = 8;
  const gapX = 20;
  const gapY = 16;
  const texts = panels.map(({ panel }) => {
    const title = panel.querySelector<HTMLElement>('.panel-title');
    const unit = title?.querySelector<HTMLElement>('.panel-unit');
    const titleText = title ? [...title.childNodes].filter((n) => n !== unit).map((n) => n.textContent ?? '').join('').trim() : '';
    return { title, unit, titleText, unitText: unit?.textContent?.trim() ?? '' };
  });
  const fontSize = (el: Element | null | undefined, fallback: number) => (el ? parseFloat(getComputedStyle(el).fontSize) || fallback : fallback);
  const titleSize = fontSize(texts[0]?.title, 13);
  const unitSize = fontSize(texts.find((t) => t.unit)?.unit, 11);
  const titleHeight = (texts.some((t) => t.titleText) ? titleSize * 1.3 : 0) + (texts.some((t) => t.unitText) ? unitSize * 1.3 : 0) + (texts.some((t) => t.titleText || t.unitText) ? 4 : 0);
  const sizes = panels.map(({ svg }) => sizeOf(svg));
  const cellWidth = Math.max(...sizes.map((s) => s.width));
  const cellHeight = titleHeight + Math.max(...sizes.map((s) => s.height));
  const rows = Math.ceil(panels.length / cols);
  const width = Math.ceil(pad * 2 + cols * cellWidth + (cols - 1) * gapX);
  const legend = seriesLegend(grid, width - pad * 2);
  const height = Math.ceil(pad * 2 + legend.height + rows * cellHeight + (rows - 1) * gapY);

  const out = svgElement('svg', { width, height, viewBox: `0 0 ${width} ${height}` });
  withBackground(out, background, { x: 0, y: 0, width, height });
  for (const mark of legend.marks) {
    for (const [name, value] of [['x', pad], ['y', pad]] as const) mark.setAttribute(name, String(Number(mark.getAttribute(name)) + value));
    out.append(mark);
  }
  panels.forEach(({ svg }, i) => {
    const left = pad + (i % cols) * (cellWidth + gapX);
    const top = pad + legend.height + Math.floor(i / cols) * (cellHeight + gapY);
    const { title, unit, titleText, unitText } = texts[i]!;
    let y = top;
    for (const [el, text, size] of [
      [title, titleText, titleSize],
      [unit, unitText, unitSize],
    ] as const) {
      if (!el || !text) continue;
      const style = getComputedStyle(el);
      y += size;
      const t = svgElement('text', { x: left, y, 'font-size': size, 'font-weight': style.fontWeight, 'font-family': style.fontFamily, fill: style.color });
      t.textContent = text;
      out.append(t);
      y += size * 0.3;
    }
    const panel = standaloneCopy(svg);
    panel.setAttribute('x', String(left));
    panel.setAttribute('y', String(top + titleHeight));
    panel.setAttribute('width', String(sizes[i]!.width));
    panel.setAttribute('height', String(sizes[i]!.height));
    out.append(panel);
  });
  return { svg: out, width, height };
}

/** The chart as drawn, before its context is added. */
function chartDrawing(figure: Element, background: string): Drawing | null {
  const body = figure.querySelector<HTMLElement>('[data-chart-body]');
  if (!body) return null;
  const grid = body.querySelector<HTMLElement>('.multiples');
  if (grid) return multiplesSvg(grid, background);
  const live = body.querySelector<SVGSVGElement>('svg');
  if (!live) return null;
  const { width, height } = sizeOf(live);
  const svg = standaloneCopy(live);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  const box = live.viewBox.baseVal;
  withBackground(svg, background, box && box.width ? { x: box.x, y: box.y, width: box.width, height: box.height } : { x: 0, y: 0, width, height });
  return { svg, width, height };
}

/**
 * What a chart needs to say what it shows once it leaves the page (pasted into a slide): its title,
 * the inputs it was drawn with, in words (the print line, kept current by the client), its method
 * text with the n, and where it comes from: the page's address with its state, the site's name, the
 * data's period, and the synthetic-data notice when the site shows one.
 */
export interface ExportContext {
  title: string;
  inputs: string;
  method: string;
  source: string;
}

const textOf = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

export function figureContext(figure: Element): ExportContext {
  const t = ui(document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');
  const colon = document.documentElement.lang.startsWith('zh') ? '：' : ': ';
  const period = document.querySelector<HTMLMetaElement>('meta[name="cx-data-period"]')?.content;
  const source = [
    `${t.source}${colon}${location.href}`,
    textOf(document.querySelector('.site-title')),
    period ? `${t.dataPeriod}${colon}${period}` : '',
    textOf(document.querySelector('.synthetic-banner')),
  ];
  return {
    title: textOf(figure.querySelector(':scope > .chart-title')),
    inputs: textOf(document.querySelector('[data-print-state]')),
    method: textOf(figure.querySelector(':scope > .chart-method')),
    source: source.filter(Boolean).join(' · '),
  };
}

/** Splits text into lines no wider than `width` (by words; Chinese, or a word too long, by characters). */
export function wrapLines(text: string, width: number, measure: (s: string) => number): string[] {
  const tokens = text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const token of tokens) {
    if (measure(line + token) <= width) {
      line += token;
      continue;
    }
    if (/^\s+$/.test(token)) {
      push();
      continue;
    }
    push();
    if (measure(token) <= width) {
      line = token;
      continue;
    }
    for (const ch of token) {
      if (measure(line + ch) > width) push();
      line += ch;
    }
  }
  push();
  return lines;
}

/** The drawing with its context as real SVG text: title and inputs above, method and source below. */
function withContext(drawing: Drawing, context: ExportContext, figure: Element, background: string): Drawing {
  const pad = 12;
  const width = Math.ceil(Math.max(drawing.width, 360) + pad * 2);
  const room = width - pad * 2;
  const figureStyle = getComputedStyle(figure);
  const family = figureStyle.fontFamily;
  const ink = figureStyle.color;
  const muted = getComputedStyle(figure.querySelector('.chart-method') ?? figure).color;
  const measurer = document.createElement('canvas').getContext('2d');
  const block = (text: string, size: number, weight: string, colour: string) => {
    if (measurer) measurer.font = `${weight} ${size}px ${family}`;
    const measure = (s: string) => (measurer ? measurer.measureText(s).width : s.length * size * 0.6);
    return { lines: text ? wrapLines(text, room, measure) : [], size, weight, colour };
  };
  const above = [block(context.title, 15, '600', ink), block(context.inputs, 12, '400', muted)];
  const below = [block(context.method, 11, '400', muted), block(context.source, 11, '400', muted)];
  const heightOf = (blocks: typeof above) => blocks.reduce((h, b) => h + b.lines.length * b.size * 1.35, 0);
  const top = pad + heightOf(above) + (above.some((b) => b.lines.length) ? 6 : 0);
  const bottom = 8 + heightOf(below) + pad;
  const height = Math.ceil(top + drawing.height + bottom);

  const out = svgElement('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': family });
  withBackground(out, background, { x: 0, y: 0, width, height });
  const write = (blocks: typeof above, startY: number) => {
    let y = startY;
    for (const b of blocks) {
      for (const line of b.lines) {
        y += b.size * 1.35;
        const text = svgElement('text', { x: pad, y: y - b.size * 0.3, 'font-size': b.size, 'font-weight': b.weight, fill: b.colour, 'data-export-context': '' });
        text.textContent = line;
        out.append(text);
      }
    }
  };
  write(above, pad);
  drawing.svg.setAttribute('x', String(pad + (room - drawing.width) / 2));
  drawing.svg.setAttribute('y', String(top));
  out.append(drawing.svg);
  write(below, top + drawing.height + 8);
  return { svg: out, width, height };
}

/** The chart's SVG as a file of its own: xmlns, page colours resolved, the theme's background, and its context. */
export function figureSvg(figure: Element): StandaloneSvg | null {
  const background = backgroundOf(figure);
  const drawing = chartDrawing(figure, background);
  if (!drawing) return null;
  const { svg, width, height } = withContext(drawing, figureContext(figure), figure, background);
  return serialise(svg, width, height);
}

/** The standalone SVG drawn at `scale` × its size onto a canvas (Image from a blob URL), as PNG. */
export async function svgToPng(svg: StandaloneSvg, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The figure as a PNG (its SVG with context, at 2×), e.g. for the clipboard. */
export async function figurePng(figure: HTMLElement): Promise<Blob> {
  const svg = figureSvg(figure);
  if (!svg) throw new Error('this chart has no drawing');
  return svgToPng(svg, 2);
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Builds one of the figure's files and hands it to the browser as a download. */
export async function downloadFigure(figure: HTMLElement, format: DownloadFormat): Promise<void> {
  const slug = figure.closest<HTMLElement>('[data-slug]')?.dataset.slug ?? 'page';
  const { values, order } = currentValues();
  const name = `${fileStem(slug, figure.dataset.chart ?? 'chart', values, order)}.${format}`;
  if (format === 'csv') {
    const table = figureTable(figure);
    if (!table) throw new Error('this chart has no data table');
    save(new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' }), name);
    return;
  }
  const svg = figureSvg(figure);
  if (!svg) throw new Error('this chart has no drawing');
  if (format === 'svg') save(new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }), name);
  else save(await svgToPng(svg, 2), name);
}
