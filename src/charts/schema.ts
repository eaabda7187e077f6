/**
 * A chart type's descriptor: its name, the options it takes (what each holds, its default, what it
 * does, in English for the README), what it cannot do without, the columns of its data table, how it
 * draws and how it reads to a screen reader. Pages are checked against their type's options when
 * they are parsed (charts/options.ts), and the README's chart reference is written from them
 * (scripts/chart-docs.ts), so neither can drift from what the type reads.
 */
import type * as Plot from '@observablehq/plot';
import type { QueryResult } from '../db/types.ts';
import type { Locale } from '../text/locale.ts';
import { didYouMean } from '../text/suggest.ts';
import type { ChartContext } from './spec.ts';
import type { TableColumnSpec } from './table.ts';

export type ChartOption =
  /** A name: the chart type, the cell it draws. */
  | { type: 'name'; doc: string }
  /** Names a column of the chart's data (`name` resolves to `name_zh` / `name_en`). */
  | { type: 'column'; doc: string }
  /** Two columns, `[lo, hi]`: an interval. */
  | { type: 'columnPair'; doc: string }
  /** A text, once or per language (`title`, `title_zh`, `title_en`). */
  | { type: 'text'; doc: string }
  | { type: 'boolean'; default: boolean; doc: string }
  /** A d3-format specifier such as `.1f`; without a default, the value's own formatting. */
  | { type: 'format'; default?: string; doc: string }
  /** One of `values` (`ignoreCase`: in any case, as `Blues`). */
  | { type: 'choice'; values: readonly string[]; default: string; ignoreCase?: boolean; doc: string }
  /** One of `values`, or fixed coordinates `{ x: number, y: number }`. */
  | { type: 'choiceOrPoint'; values: readonly string[]; default: string; doc: string }
  | { type: 'integer'; min: number; max?: number; doc: string }
  /** `[min, max]`, two numbers. */
  | { type: 'numberPair'; default?: readonly [number, number]; doc: string }
  /** Table columns: names, or `{ column, label_zh, label_en, format, … }`. */
  | { type: 'tableColumns'; doc: string };

/** What a chart's data table calls the column it shows for an encoding (charts/data-table.ts). */
export type Role = 'target' | 'targetName' | 'category' | 'value' | 'series' | 'panel' | 'period' | 'item' | 'gap' | 'group' | 'significant' | 'n' | 'highlight' | 'performance' | 'importance' | 'stage';

/** One encoding of the data table: the spec key naming the column, its role, and whether it is a value in the chart's format. */
export interface Encoding {
  key: string;
  role: Role;
  /** A number drawn with the chart's `format` (or the row's `formatColumn`). */
  formatted?: boolean;
  /** The interval pair (`xError`, `yError`, `band`) around this value. */
  interval?: string;
  /** Shown only when some row has a value (a target: without targets.csv the table stays as it was). */
  optional?: boolean;
}

/** `target:` and its name (charts/target.ts), after the value they are read against. */
export const TARGET_ENCODINGS: readonly Encoding[] = [
  { key: 'target', role: 'target', formatted: true, optional: true },
  { key: 'targetName', role: 'targetName', optional: true },
];

export interface ChartType {
  name: string;
  /** What the type draws and how to feed it, in English: the README's reference. */
  doc: string;
  /** The type's name as a summary opens ("Dot chart: …"); null for a table, which is its own text. */
  title: Record<Locale, string> | null;
  /** Options the type cannot do without. */
  required: readonly string[];
  options: Readonly<Record<string, ChartOption>>;
  /** The columns of "show the data as a table", in the order a reader scans the chart. */
  encodings: readonly Encoding[];
  /** A chart drawn as one SVG: Observable Plot's options. */
  plot?(ctx: ChartContext): Plot.PlotOptions;
  /** A chart drawn as its own markup (several SVGs, an HTML table), rows or none. */
  markup?(ctx: ChartContext, document: Document): string;
  /** The figures of the text alternative (after the type's title), from rows there are. */
  summary?(spec: Record<string, unknown>, result: QueryResult, locale: Locale): string;
  /** Columns the spec names outside its column options (a table's `columns`), checked against the data. */
  extraColumns?(ctx: ChartContext): string[];
}

/** Options every chart cell takes. */
export const COMMON_OPTIONS: Readonly<Record<string, ChartOption>> = {
  type: { type: 'name', doc: 'the chart type' },
  data: { type: 'name', doc: 'the sql (or method) cell above whose result the chart draws' },
  title: { type: 'text', doc: "the figure's caption (may hold inline values such as `{kpi.quarter}`)" },
  method: { type: 'text', doc: 'how the figures were computed, with their n: the build fails without one' },
  empty: { type: 'text', doc: 'shown instead of the chart when it has nothing to draw: say what would enable it' },
  precompute: { type: 'boolean', default: true, doc: "`false`: the build does not precompute this chart's data for other input states (the engine draws them)" },
};

/** The data table's own columns (charts only; a table chart's `columns` are the table). */
export const TABLE_COLUMNS_OPTION: ChartOption = { type: 'tableColumns', doc: 'every type but `table`: the columns of "show the data as a table" (as a table\'s `columns`), instead of the ones derived from the chart' };

/** Keys a table column entry may hold: every key of charts/table.ts `TableColumnSpec`, and only those (the compiler holds this list to it). */
export const TABLE_COLUMN_KEYS = ['column', 'label', 'label_zh', 'label_en', 'format', 'tone', 'link', 'wrap', 'formatColumn', 'period', 'optional'] as const satisfies readonly (keyof TableColumnSpec)[];
export type UnlistedTableColumnKeys = Exclude<keyof TableColumnSpec, (typeof TABLE_COLUMN_KEYS)[number]>;
// A key added to TableColumnSpec but not to the list above fails here.
export const TABLE_COLUMN_KEYS_COMPLETE: [UnlistedTableColumnKeys] extends [never] ? true : never = true;

const isColumnOption = (o: ChartOption) => o.type === 'column' || o.type === 'columnPair';

/** Every option a type takes, the common ones first, without the language suffixes and `<key>Label` headings. */
export function optionsOf(type: ChartType): Record<string, ChartOption> {
  return { ...COMMON_OPTIONS, ...(type.title ? { tableColumns: TABLE_COLUMNS_OPTION } : {}), ...type.options };
}

/** The option keys of a type that name columns: each may carry a `<key>Label` heading. */
export function columnKeys(type: ChartType): string[] {
  return Object.entries(type.options)
    .filter(([, o]) => isColumnOption(o))
    .map(([k]) => k);
}

/** Every key a chart cell of this type may hold without a language suffix. */
export function keysOf(type: ChartType): string[] {
  return [...Object.keys(optionsOf(type)), ...columnKeys(type).map((k) => `${k}Label`)];
}

/** The key without a `_zh` / `_en` suffix, when that suffix is one a text takes (texts and `…Label` headings). */
export function baseKey(key: string, texts: ReadonlySet<string>): string {
  const m = /^(.+)_(zh|en)$/.exec(key);
  return m && (texts.has(m[1]!) || m[1]!.endsWith('Label')) ? m[1]! : key;
}

/** The text options of a type (they take `_zh` / `_en`). */
export function textKeys(type: ChartType): Set<string> {
  return new Set(
    Object.entries(optionsOf(type))
      .filter(([, o]) => o.type === 'text')
      .map(([k]) => k),
  );
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Why a value does not fit its option, as the end of a message; null when it fits. */
export function valueProblem(key: string, option: ChartOption, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const got = ` (got ${show(value)})`;
  switch (option.type) {
    case 'name':
      return typeof value === 'string' ? null : `${key} must be a name${got}`;
    case 'column':
      return typeof value === 'string' ? null : `${key} must name a column${got}`;
    case 'columnPair':
      return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') ? null : `${key} must name two columns, [lo, hi]${got}`;
    case 'text':
      // A mapping is let through: `{ zh, en }`, and also a text YAML read as one (`method: {cell.n}`), as before.
      return typeof value === 'string' || isPlainObject(value) ? null : `${key} must be a text${got}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${key} must be true or false${got}`;
    case 'format':
      return typeof value === 'string' ? null : `${key} must be a d3-format specifier such as ".1f"${got}`;
    case 'choice':
      return option.values.includes(option.ignoreCase ? String(value).toLowerCase() : String(value)) ? null : `${key} must be one of ${option.values.join(', ')}${got}${didYouMean(String(value), option.values)}`;
    case 'choiceOrPoint':
      if (typeof value === 'string' && option.values.includes(value)) return null;
      if (isPlainObject(value) && Object.keys(value).length === 2 && ['x', 'y'].every((k) => typeof value[k] === 'number' && Number.isFinite(value[k]))) return null;
      return `${key} must be one of ${option.values.join(', ')} or { x: number, y: number }${got}${typeof value === 'string' ? didYouMean(value, option.values) : ''}`;
    case 'integer':
      return Number.isInteger(value) && (value as number) >= option.min && (option.max === undefined || (value as number) <= option.max)
        ? null
        : `${key} must be a whole number ${option.max === undefined ? `of ${option.min} or more` : `from ${option.min} to ${option.max}`}${got}`;
    case 'numberPair':
      return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v)) ? null : `${key} must be [min, max], two numbers${got}`;
    case 'tableColumns': {
      if (!Array.isArray(value)) return `${key} must be a list of columns${got}`;
      for (const [i, entry] of value.entries()) {
        if (typeof entry === 'string') continue;
        if (!isPlainObject(entry) || typeof entry.column !== 'string') return `${key}[${i}] must be a column name or { column, label_zh, label_en, format }${got}`;
        const unknown = Object.keys(entry).find((k) => !(TABLE_COLUMN_KEYS as readonly string[]).includes(k));
        if (unknown) return `${key}[${i}] has no key "${unknown}"${didYouMean(unknown, TABLE_COLUMN_KEYS)}`;
      }
      return null;
    }
  }
}

/** An option's default (for code that refuses a wrong value itself rather than falling back). */
export function defaultOf(options: Readonly<Record<string, ChartOption>>, key: string): unknown {
  const option = options[key]!;
  return 'default' in option ? option.default : undefined;
}

/**
 * The option a page gave as written, or the type's default when it gave none (or one of the wrong
 * kind, which a parsed page cannot hold).
 */
export function setting<T = unknown>(options: Readonly<Record<string, ChartOption>>, spec: Record<string, unknown>, key: string): T | undefined {
  const option = options[key]!;
  const value = spec[key];
  if (value !== undefined && value !== null && valueProblem(key, option, value) === null) return value as T;
  return defaultOf(options, key) as T | undefined;
}

/** Options several types take with the same meaning. */
export const N_OPTION: ChartOption = { type: 'column', doc: "each row's n (respondents), shown in the data table" };
export const COLOR_OPTION: ChartOption = { type: 'column', doc: "a column of CSS colours (e.g. each bank's), used as they are" };
export const N_ENCODING: Encoding = { key: 'n', role: 'n' };
export function formatOption(fallback?: string): ChartOption {
  return fallback === undefined
    ? { type: 'format', doc: 'the d3-format of the value labels (e.g. `.1f`)' }
    : { type: 'format', default: fallback, doc: 'the d3-format of the value labels' };
}
