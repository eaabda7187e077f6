import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { formatValue, resolveColumn } from '../text/format.ts';
import type { Locale } from '../text/locale.ts';

/**
 * The words and figures of a chart's text alternative, shared by the chart types' `summary`: the
 * chart's kind (its type's title) and then its main figures in the reader's language, computed from
 * the same rows as the drawing. A type without a summary of its own gets the generic one.
 */

export const WORDS = {
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
export const LIST_MAX = 8;

interface Field {
  key: string | undefined;
}

export function field(spec: Record<string, unknown>, columns: string[], key: string, locale: Locale): Field {
  const value = spec[key];
  return { key: typeof value === 'string' ? resolveColumn(columns, value, locale) : undefined };
}

export function num(value: SqlValue | undefined): number {
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
}

export function text(value: SqlValue | undefined): string {
  return value === null || value === undefined ? '' : formatValue(value);
}

export interface Item {
  label: string;
  value: number;
  row: Row;
}

/** "A 1.0, B 2.0" in the data's order, or the extremes when there are many. */
export function describeItems(items: Item[], fmt: (v: number, r: Row) => string, locale: Locale): string {
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

/** The `format` as the page wrote it (a type's default format is its drawing's; the text has always used the values' own). */
export function formatter(spec: Record<string, unknown>, columns: string[]): (v: number, r: Row) => string {
  const format = typeof spec.format === 'string' ? spec.format : undefined;
  // multiples: a column of d3-format specifiers, one per row.
  const formatColumn = typeof spec.formatColumn === 'string' && columns.includes(spec.formatColumn) ? spec.formatColumn : undefined;
  return (v, r) => formatValue(v, formatColumn && typeof r[formatColumn] === 'string' ? (r[formatColumn] as string) : format);
}

/** Values of a category axis (`y`) against a value axis (`x`), optionally per facet (`fy`/`fx`). */
export function categorical(spec: Record<string, unknown>, result: QueryResult, locale: Locale, categoryKey: string): string {
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
export function lines(spec: Record<string, unknown>, rows: Row[], columns: string[], locale: Locale): string {
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

/** Any other type: the first numeric field of x, y, fill as the value, the other named fields as its label. */
export function generic(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string {
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
