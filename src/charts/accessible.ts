import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { formatValue, resolveColumn } from '../text/format.ts';
import type { Locale } from '../text/locale.ts';
import { GAP_NAMES } from './gapmodel.ts';
import { QUADRANTS, crosshairOf, quadrantName, quadrantOf, type Quadrant } from './ipa.ts';
import { ON_PAGE_TEXT } from './spec.ts';
import { TARGET_CLASS, targetSummary } from './target.ts';
import { contrast, luminance, rgbOf, THEME_BACKGROUNDS, type Rgb } from './colour.ts';

/**
 * What a screen reader gets for a chart: the figure's caption names it, this text summarises it
 * (the chart's kind and its main figures, in the reader's language), and the table behind the
 * chart ("show the data as a table") holds every number. Computed from the same rows as the drawing,
 * so it follows the inputs. Chart types without a summary of their own get the generic one.
 */

const KIND: Record<string, Record<Locale, string>> = {
  dot: { zh: '点图', en: 'Dot chart' },
  bar: { zh: '条形图', en: 'Bar chart' },
  line: { zh: '折线图', en: 'Line chart' },
  ipa: { zh: '重要性–表现矩阵', en: 'Importance–performance grid' },
  diverging: { zh: '发散条形图', en: 'Diverging bar chart' },
  gapmodel: { zh: '五差距模型图', en: 'Five-gap model diagram' },
  multiples: { zh: '小多图', en: 'Small multiples' },
  stacked: { zh: '堆积条形图', en: 'Stacked bar chart' },
  heatmap: { zh: '热力图', en: 'Heatmap' },
  emotionmap: { zh: '情绪曲线图', en: 'Emotion map' },
};

const WORDS = {
  zh: {
    chart: '图表',
    rows: (n: number) => `${n} 行数据`,
    values: (n: number) => `${n} 个数值`,
    range: (lo: string, hi: string) => `最低 ${lo}，最高 ${hi}`,
    series: (n: number) => `${n} 条线`,
    span: (a: string, b: string, n: number) => (n === 1 ? `仅 ${a}` : `${a} 至 ${b}（${n} 个时点）`),
    latest: (at: string) => `${at} 的值`,
    fromTo: (a: string, va: string, b: string, vb: string) => `从 ${a} 的 ${va} 到 ${b} 的 ${vb}`,
    attributes: (n: number) => `${n} 个属性，横轴为表现，纵轴为重要性`,
    panels: (n: number) => `${n} 个小图`,
    empty: '当前筛选条件下没有数据',
    more: (n: number) => `等 ${n} 项`,
    sep: '；',
    list: '、',
    colon: '：',
    end: '。',
  },
  en: {
    chart: 'Chart',
    rows: (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`,
    values: (n: number) => `${n} values`,
    range: (lo: string, hi: string) => `lowest ${lo}, highest ${hi}`,
    series: (n: number) => `${n} lines`,
    span: (a: string, b: string, n: number) => (n === 1 ? `${a} only` : `${a} to ${b} (${n} points)`),
    latest: (at: string) => `values in ${at}`,
    fromTo: (a: string, va: string, b: string, vb: string) => `from ${va} in ${a} to ${vb} in ${b}`,
    attributes: (n: number) => `${n} ${n === 1 ? 'attribute' : 'attributes'}, performance across, importance up`,
    panels: (n: number) => `${n} panels`,
    empty: 'no data for the current filters',
    more: (n: number) => `and ${n} more`,
    sep: '; ',
    list: ', ',
    colon: ': ',
    end: '.',
  },
} as const;

/** Rows listed one by one up to this many; beyond, the extremes only (the table has the rest). */
const LIST_MAX = 8;

interface Field {
  key: string | undefined;
}

function field(spec: Record<string, unknown>, columns: string[], key: string, locale: Locale): Field {
  const value = spec[key];
  return { key: typeof value === 'string' ? resolveColumn(columns, value, locale) : undefined };
}

function num(value: SqlValue | undefined): number {
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
}

function text(value: SqlValue | undefined): string {
  return value === null || value === undefined ? '' : formatValue(value);
}

interface Item {
  label: string;
  value: number;
  row: Row;
}

/** "A 1.0, B 2.0" in the data's order, or the extremes when there are many. */
function describeItems(items: Item[], fmt: (v: number, r: Row) => string, locale: Locale): string {
  const w = WORDS[locale];
  if (items.length === 0) return w.empty;
  const show = (i: Item) => `${i.label} ${fmt(i.value, i.row)}`;
  if (items.length <= LIST_MAX) return items.map(show).join(w.list);
  let lo = items[0]!;
  let hi = items[0]!;
  for (const i of items) {
    if (i.value < lo.value) lo = i;
    if (i.value > hi.value) hi = i;
  }
  return `${w.values(items.length)}${w.colon}${w.range(show(lo), show(hi))}`;
}

function formatter(spec: Record<string, unknown>, columns: string[]): (v: number, r: Row) => string {
  const format = typeof spec.format === 'string' ? spec.format : undefined;
  // multiples: a column of d3-format specifiers, one per row.
  const formatColumn = typeof spec.formatColumn === 'string' && columns.includes(spec.formatColumn) ? spec.formatColumn : undefined;
  return (v, r) => formatValue(v, formatColumn && typeof r[formatColumn] === 'string' ? (r[formatColumn] as string) : format);
}

/** Values of a category axis (`y`) against a value axis (`x`), optionally per facet (`fy`/`fx`). */
function categorical(spec: Record<string, unknown>, result: QueryResult, locale: Locale, categoryKey: string): string {
  const columns = result.columns.map((c) => c.name);
  const x = field(spec, columns, 'x', locale).key;
  const cat = field(spec, columns, categoryKey, locale).key;
  const facet = field(spec, columns, 'fy', locale).key ?? field(spec, columns, 'fx', locale).key;
  const sig = field(spec, columns, 'significant', locale).key;
  const fmt = formatter(spec, columns);
  const star = (r: Row) => (sig && r[sig] === true ? '*' : '');
  const items: Item[] = result.rows
    .filter((r) => x && Number.isFinite(num(r[x])))
    .map((r) => ({ label: [facet ? text(r[facet]) : '', cat ? text(r[cat]) : ''].filter(Boolean).join(' · '), value: num(r[x!]), row: r }));
  return describeItems(items, (v, r) => `${fmt(v, r)}${star(r)}`, locale);
}

/** A line over an ordered axis: its span, then each series' latest value (or one series' first and last). */
function lines(spec: Record<string, unknown>, rows: Row[], columns: string[], locale: Locale): string {
  const w = WORDS[locale];
  const x = field(spec, columns, 'x', locale).key;
  const y = field(spec, columns, 'y', locale).key;
  const z = field(spec, columns, 'z', locale).key;
  if (!x || !y) return w.rows(rows.length);
  const fmt = formatter(spec, columns);
  const valued = rows.filter((r) => Number.isFinite(num(r[y])));
  if (valued.length === 0) return w.empty;
  const order = (r: Row) => (typeof r[x] === 'number' ? (r[x] as number) : String(r[x]));
  const sorted = [...valued].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const at = (r: Row) => text(r[x]);
  const points = new Set(sorted.map(at));
  const span = w.span(at(sorted[0]!), at(sorted[sorted.length - 1]!), points.size);
  // A series is named by the row's `name` (e.g. the bank's, in the reader's language) when the data have one.
  const nameKey = resolveColumn(columns, 'name', locale);
  const seriesName = z && columns.includes(nameKey) ? nameKey : z;
  const series = new Map<string, Row[]>();
  for (const r of sorted) {
    const key = seriesName ? text(r[seriesName]) : '';
    series.set(key, [...(series.get(key) ?? []), r]);
  }
  if (series.size === 1) {
    const only = [...series.values()][0]!;
    const first = only[0]!;
    const last = only[only.length - 1]!;
    let lo = first;
    let hi = first;
    for (const r of only) {
      if (num(r[y]) < num(lo[y])) lo = r;
      if (num(r[y]) > num(hi[y])) hi = r;
    }
    const show = (r: Row) => `${fmt(num(r[y]), r)} (${at(r)})`;
    return `${span}${w.sep}${w.fromTo(at(first), fmt(num(first[y]), first), at(last), fmt(num(last[y]), last))}${w.sep}${w.range(show(lo), show(hi))}`;
  }
  const latest = [...series].map(([name, rs]) => ({ label: name, value: num(rs[rs.length - 1]![y]), row: rs[rs.length - 1]! }));
  const last = at(sorted[sorted.length - 1]!);
  return `${span}, ${w.series(series.size)}${w.sep}${w.latest(last)}${w.colon}${describeItems(latest, fmt, locale)}`;
}

/** Small multiples: per panel, each series' latest value. */
function multiples(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const w = WORDS[locale];
  const columns = result.columns.map((c) => c.name);
  const panel = field(spec, columns, 'panel', locale).key;
  if (!panel) return w.rows(result.rows.length);
  const panels = new Map<string, Row[]>();
  for (const r of result.rows) panels.set(text(r[panel]), [...(panels.get(text(r[panel])) ?? []), r]);
  const lineSpec = { ...spec, x: typeof spec.period === 'string' ? spec.period : spec.x };
  const parts = [...panels].map(([name, rows]) => `${name}${w.colon}${lines(lineSpec, rows, columns, locale)}`);
  return `${w.panels(panels.size)}${w.sep}${parts.join(w.sep)}`;
}

/** The grid's quadrants and the attributes in each (per panel with `fx`), by the chart's own crosshair rule. */
function ipa(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
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
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(fx ? text(r[fx]) : '', [...(groups.get(fx ? text(r[fx]) : '') ?? []), r]);
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

/** Any other type: the first numeric field of x, y, fill as the value, the other named fields as its label. */
function generic(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const columns = result.columns.map((c) => c.name);
  const keys = ['x', 'y', 'fill'].map((k) => field(spec, columns, k, locale).key).filter((k): k is string => k !== undefined && columns.includes(k));
  const value = keys.find((k) => result.rows.some((r) => typeof r[k] === 'number'));
  if (!value) return WORDS[locale].rows(result.rows.length);
  const labels = ['fy', 'fx', 'series', 'z', 'x', 'y']
    .map((k) => field(spec, columns, k, locale).key)
    .filter((k): k is string => k !== undefined && k !== value && columns.includes(k) && !result.rows.some((r) => typeof r[k] === 'number'));
  const fmt = formatter(spec, columns);
  const items = result.rows
    .filter((r) => Number.isFinite(num(r[value])))
    .map((r) => ({ label: [...new Set(labels)].map((k) => text(r[k])).filter(Boolean).join(' · '), value: num(r[value]), row: r }));
  return describeItems(items, fmt, locale);
}

function gapModel(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const columns = result.columns.map((c) => c.name);
  const gap = field(spec, columns, 'gap', locale).key;
  const x = field(spec, columns, 'x', locale).key;
  const sig = field(spec, columns, 'significant', locale).key;
  const format = typeof spec.format === 'string' ? spec.format : '+.2f';
  const byGap = new Map<number, Row>();
  for (const r of result.rows) if (gap) byGap.set(Number(r[gap]), r);
  const notMeasured = locale === 'zh' ? '未测量' : 'not measured';
  return ([1, 2, 3, 4, 5] as const)
    .map((g) => {
      const r = byGap.get(g);
      const v = r && x ? num(r[x]) : Number.NaN;
      const figure = Number.isFinite(v) ? `${formatValue(v, format)}${sig && r?.[sig] === true ? '*' : ''}` : notMeasured;
      return `${GAP_NAMES[g][locale]} ${figure}`;
    })
    .join(WORDS[locale].sep);
}

const TARGETS: Record<Locale, string> = { zh: '目标', en: 'targets' };

/**
 * A chart's targets (`target:`) read against its figures (charts/target.ts): per category, or each
 * series' latest (per panel); '' without targets.
 */
function targetsText(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const columns = result.columns.map((c) => c.name);
  const key = (k: string) => field(spec, columns, k, locale).key;
  const ctx = { spec, rows: result.rows, columns, locale, width: 0 };
  const format = (r: Row) => {
    const f = typeof spec.formatColumn === 'string' ? r[spec.formatColumn] : spec.format;
    return typeof f === 'string' ? f : undefined;
  };
  const type = String(spec.type);
  if (type === 'dot' || type === 'bar') {
    const [x, y] = [key('x'), key('y')];
    return x && y ? targetSummary(ctx, (r) => text(r[y]), x, { format }) : '';
  }
  if (type === 'line' || type === 'multiples') {
    const y = key('y');
    const order = type === 'multiples' ? (key('period') ?? key('x')) : key('x');
    const series = key('seriesName') ?? key('z');
    const panel = type === 'multiples' ? key('panel') : undefined;
    const name = (r: Row) => [panel ? text(r[panel]) : '', series ? text(r[series]) : ''].filter(Boolean).join(' · ');
    return y && order ? targetSummary(ctx, name, y, { latestBy: name, order, format }) : '';
  }
  return '';
}

/** A one-paragraph text alternative for a chart: its kind, then its figures. '' for `type: table` (a table is its own text). */
export function chartSummary(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
  const type = String(spec.type ?? '');
  if (type === 'table') return '';
  const w = WORDS[locale];
  const kind = (Object.hasOwn(KIND, type) ? KIND[type]![locale] : undefined) ?? w.chart;
  const columns = result.columns.map((c) => c.name);
  let body: string;
  if (result.rows.length === 0) body = w.empty;
  else if (type === 'line') body = lines(spec, result.rows, columns, locale);
  else if (type === 'multiples') body = multiples(spec, result, locale);
  else if (type === 'ipa') body = ipa(spec, result, locale);
  else if (type === 'gapmodel') body = gapModel(spec, result, locale);
  else if (type === 'dot' || type === 'bar' || type === 'diverging') body = categorical(spec, result, locale, 'y');
  else body = generic(spec, result, locale);
  const targets = result.rows.length ? targetsText(spec, result, locale) : '';
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
