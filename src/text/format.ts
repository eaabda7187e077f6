import { format as d3format } from 'd3';
import type { Row, SqlValue } from '../db/types.ts';
import type { Locale } from './locale.ts';

const cache = new Map<string, (n: number) => string>();

/** Formats a value with a d3-format specifier (or `p` for p-values); numbers without one get a readable default. */
export function formatValue(value: SqlValue | undefined, spec?: string): string {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return '–';
  // `p`: a p-value as journals print it (APA 7th ed., 6.36): three decimals, "< 0.001" below that;
  // `p=` the same after "p" in prose: "= 0.023" or "< 0.001".
  if (spec === 'p' || spec === 'p=') return value < 0.001 ? '< 0.001' : `${spec === 'p=' ? '= ' : ''}${formatValue(value, '.3f')}`;
  const key = spec || (Number.isInteger(value) ? ',d' : ',.1f');
  let f = cache.get(key);
  if (!f) cache.set(key, (f = d3format(key)));
  // d3-format writes the minus sign as U+2212; keep it, it is the typographically right sign.
  return f(value);
}

/**
 * A column of a row in the reader's language: `name` resolves to `name` itself, or to `name_zh` /
 * `name_en` when the query returned the label in both languages.
 */
export function localizedColumn(row: Row | undefined, column: string, locale: Locale): SqlValue | undefined {
  if (!row) return undefined;
  if (column in row) return row[column];
  return row[`${column}_${locale}`];
}

/** The column key to use for a field in rows: `name` or `name_<locale>`. */
export function resolveColumn(columns: string[], column: string, locale: Locale): string {
  if (columns.includes(column)) return column;
  const localized = `${column}_${locale}`;
  return columns.includes(localized) ? localized : column;
}

const PERIOD = /^(\d{4})(?:Q([1-4])|-(0[1-9]|1[0-2]))?$/;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A reporting period of the contract (`2026`, `2026Q3`, `2026-03`) as the reader's edition writes
 * it: years and quarters as written in both languages (the quarter inputs, tables and file names use
 * `2026Q3` too, so the site reads one way everywhere), months as `2026年3月` / `Mar 2026`. Anything
 * else is returned as it is.
 */
export function formatPeriod(value: string, locale: Locale): string {
  const m = PERIOD.exec(value.trim());
  if (!m) return value;
  if (m[3] === undefined) return value.trim();
  const month = Number(m[3]);
  return locale === 'zh' ? `${m[1]}年${month}月` : `${MONTHS_EN[month - 1]} ${m[1]}`;
}

/** A date on a time axis without a period: the year on 1 January, else the month, in the reader's language. */
export function formatDateTick(date: Date, locale: Locale): string {
  const y = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (month === 0 && date.getUTCDate() === 1) return String(y);
  return locale === 'zh' ? `${y}年${month + 1}月` : `${MONTHS_EN[month]} ${y}`;
}

/** true / false in the reader's language (tables of booleans such as "significant"). */
export function formatBoolean(value: boolean, locale: Locale): string {
  return locale === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
}
