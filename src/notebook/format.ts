import { format as d3format } from 'd3';
import type { Row, SqlValue } from '../db/types.ts';
import type { Locale } from './types.ts';

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
