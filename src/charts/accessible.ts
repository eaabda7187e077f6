import type { QueryResult } from '../db/types.ts';
import type { Locale } from '../text/locale.ts';
import { chartType } from './registry.ts';
import type { ChartType, Role } from './schema.ts';
import { ON_PAGE_TEXT } from './spec.ts';
import type { Row } from '../db/types.ts';
import { field, generic, text, WORDS } from './summary.ts';
import { TARGET_CLASS, targetSummary } from './target.ts';
import { contrast, luminance, rgbOf, THEME_BACKGROUNDS, type Rgb } from './colour.ts';

/**
 * What a screen reader gets for a chart: the figure's caption names it, this text summarises it
 * (the chart's kind and its main figures, in the reader's language), and the table behind the
 * chart ("show the data as a table") holds every number. Computed from the same rows as the drawing,
 * so it follows the inputs. Each chart type writes its own figures (its descriptor's `summary`,
 * charts/summary.ts); types without one get the generic summary.
 */

const TARGETS: Record<Locale, string> = { zh: '目标', en: 'targets' };

/**
 * A chart's targets (`target:`) read against its figures (charts/target.ts), as its descriptor's
 * encodings place them: per category, or each series' latest (per panel); '' without targets.
 */
function targetsText(type: ChartType, spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  if (!('target' in type.options)) return '';
  const columns = result.columns.map((c) => c.name);
  const key = (k: string | undefined) => (k ? field(spec, columns, k, locale).key : undefined);
  const encoded = (role: Role) => key(type.encodings.find((e) => e.role === role)?.key);
  const ctx = { spec, rows: result.rows, columns, locale, width: 0 };
  const format = (r: Row) => {
    const f = typeof spec.formatColumn === 'string' ? r[spec.formatColumn] : spec.format;
    return typeof f === 'string' ? f : undefined;
  };
  const value = encoded('value');
  if (!value) return '';
  const category = encoded('category');
  if (category) return targetSummary(ctx, (r) => text(r[category]), value, { format });
  const order = encoded('period') ?? key('x');
  const series = key('seriesName') ?? key('z');
  const panel = encoded('panel');
  const name = (r: Row) => [panel ? text(r[panel]) : '', series ? text(r[series]) : ''].filter(Boolean).join(' · ');
  return order ? targetSummary(ctx, name, value, { latestBy: name, order, format }) : '';
}

/** A one-paragraph text alternative for a chart: its kind, then its figures. '' for `type: table` (a table is its own text). */
export function chartSummary(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const type = chartType(String(spec.type ?? ''));
  if (type && type.title === null) return '';
  const w = WORDS[locale];
  const kind = type?.title?.[locale] ?? w.chart;
  let body: string;
  if (result.rows.length === 0) body = w.empty;
  else body = (type?.summary ?? generic)(spec, result, locale);
  const targets = type && result.rows.length ? targetsText(type, spec, result, locale) : '';
  return `${kind}${w.colon}${body}${targets ? `${w.sep}${TARGETS[locale]}${w.colon}${targets}` : ''}${w.end}`;
}

/** The page backgrounds chart text is read on. */
const BACKGROUNDS = THEME_BACKGROUNDS;
/** WCAG 2 AA contrast for text of normal size: chart labels are 10–12 px. */
const TEXT_CONTRAST = 4.5;

const hexOf = (rgb: number[]) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** The colour, mixed toward black (on a light background) or white (on a dark one) just enough to read as text on `bg`. */
export function readableOn(colour: string, bg: string): string {
  const c = rgbOf(colour);
  const b = rgbOf(bg)!;
  if (!c || contrast(c, b) >= TEXT_CONTRAST) return colour;
  const toward = luminance(b) > 0.18 ? 0 : 255;
  for (let t = 0.05; t < 1; t += 0.05) {
    const mixed = c.map((v) => v + (toward - v) * t) as Rgb;
    if (contrast(mixed, b) >= TEXT_CONTRAST) return hexOf(mixed);
  }
  return hexOf([toward, toward, toward]);
}

/**
 * Text in data colours on the page's background keeps its hue but is darkened on the light theme and
 * lightened on the dark one until it reads at 4.5:1 — the fill attribute holds the light theme's
 * colour, a `light-dark()` style the pair (browsers without it keep the attribute). Lines, dots and
 * bars keep the data's colours as they are.
 */
function readableText(svg: Element): void {
  for (const el of svg.querySelectorAll(`g.${ON_PAGE_TEXT}[fill], g.${ON_PAGE_TEXT} text[fill]`)) {
    const fill = el.getAttribute('fill')!;
    if (!rgbOf(fill)) continue;
    const light = readableOn(fill, BACKGROUNDS.light);
    const dark = readableOn(fill, BACKGROUNDS.dark);
    if (light === fill && dark === fill) continue;
    el.setAttribute('fill', light);
    const style = el.getAttribute('style');
    el.setAttribute('style', `${style ? `${style.replace(/;\s*$/, '')}; ` : ''}fill: light-dark(${light}, ${dark})`);
  }
}

/**
 * A chart's markup for assistive technology: the figure's chart body is one image (role="img", named
 * by the caption, described by the summary), so the labels Plot puts on its inner groups ("dot",
 * "rule", …), which ARIA does not allow on elements without a role, leave the accessibility tree:
 * each becomes `data-mark` (the mark's name, for styles and tests). Text in data colours is made
 * readable on both themes (readableText). Parsed and serialised with the given document, the same
 * in Node and in the browser.
 */
export function accessibleMarkup(markup: string, document: Document): string {
  if (!markup.includes('<svg')) return markup;
  const holder = document.createElement('div');
  holder.innerHTML = markup;
  for (const el of holder.querySelectorAll('svg [aria-label], svg [aria-description]')) {
    // A target's rule or label (charts/target.ts) is named as such, not as the line or text it is drawn with.
    const name = el.classList.contains(TARGET_CLASS) ? 'target' : el.getAttribute('aria-label');
    if (name !== null) el.setAttribute('data-mark', name);
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  for (const svg of holder.querySelectorAll('svg')) readableText(svg);
  return holder.innerHTML;
}
