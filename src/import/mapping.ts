/**
 * The mapping file written once per questionnaire (`<export>.map.yml` beside the export): which
 * platform, which export column feeds which contract column and how its answers become values.
 * Every part keeps its line in the mapping file, so a message can point at the line to change.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { FORMATS, HEADER_ROWS, type ExportFormat } from './platforms.ts';
import type { DateOrder, PeriodGrain } from './values.ts';

export const CONVERSIONS = ['text', 'number', 'quarter', 'month', 'year'] as const;
export type Conversion = (typeof CONVERSIONS)[number];

export interface ColumnRule {
  /** The contract column, lower-case (`csat`, `perf_queue`), or a metric id in `metrics:`. */
  target: string;
  /** Line of the rule in the mapping file. */
  line: number;
  /** The export column it comes from (its id or full header text); null for a constant. */
  from: string | null;
  /** The value every row gets (`constants:`). */
  constant: string | null;
  as: Conversion | null;
  /** Answer text (trimmed, lower-case) → value; null when no `map`. */
  map: Map<string, string | number> | null;
  mapLine: number;
}

export interface Mapping {
  /** The mapping file as shown in messages. */
  file: string;
  format: ExportFormat;
  headerRows: number;
  /** Worksheet of an .xlsx export; null = the first. */
  sheet: string | null;
  dateOrder: DateOrder | null;
  columns: ColumnRule[];
  /**
   * Metrics in wide form: one metrics row per listed column and export row, `metric` the key and
   * `value` the cell. null for long form (and for every other table).
   */
  wide: ColumnRule[] | null;
  wideLine: number;
}

export interface MappingError {
  line: number;
  message: string;
}

export type MappingResult = { ok: true; mapping: Mapping } | { ok: false; errors: MappingError[] };

const TOP_KEYS = ['format', 'header_rows', 'sheet', 'date_order', 'constants', 'columns', 'metrics'];
const RULE_KEYS = ['from', 'as', 'map'];

export const isTodo = (v: unknown): boolean => typeof v === 'string' && /^\s*TODO\b/.test(v);

export function parseMapping(text: string, file: string): MappingResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  const errors: MappingError[] = [];
  const lineOf = (node: Node | null | undefined): number => (node?.range ? counter.linePos(node.range[0]).line : 1);
  for (const e of doc.errors) errors.push({ line: e.linePos?.[0]?.line ?? 1, message: `not valid YAML: ${e.message.split('\n')[0]}` });
  if (errors.length > 0) return { ok: false, errors };
  const root = doc.contents;
  if (!isMap(root)) return { ok: false, errors: [{ line: 1, message: 'a mapping file is a YAML map with format:, columns: and optionally header_rows:, sheet:, constants:' }] };

  const pairs = new Map<string, Pair>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_KEYS.includes(key)) errors.push({ line: lineOf(pair.key as Node), message: `unknown key ${JSON.stringify(key)} (the keys are ${TOP_KEYS.join(', ')})` });
    else pairs.set(key, pair);
  }
  const scalar = (key: string): { value: unknown; line: number } | null => {
    const pair = pairs.get(key);
    if (!pair) return null;
    const line = lineOf(pair.key as Node);
    if (!isScalar(pair.value)) {
      errors.push({ line, message: `${key} must be a single value` });
      return null;
    }
    return { value: pair.value.value, line };
  };

  let format: ExportFormat = 'plain';
  const f = scalar('format');
  if (f === null) errors.push({ line: 1, message: `format: is missing (one of ${FORMATS.join(', ')})` });
  else if (isTodo(f.value) || !FORMATS.includes(String(f.value) as ExportFormat)) {
    errors.push({ line: f.line, message: `format ${JSON.stringify(f.value)} is not one of ${FORMATS.join(', ')}` });
  } else format = String(f.value) as ExportFormat;

  let headerRows = HEADER_ROWS[format];
  const h = scalar('header_rows');
  if (h !== null) {
    if (typeof h.value === 'number' && Number.isInteger(h.value) && h.value >= 1 && h.value <= 20) headerRows = h.value;
    else errors.push({ line: h.line, message: `header_rows ${JSON.stringify(h.value)} must be a whole number from 1 to 20: the rows above the first respondent` });
  }
  const s = scalar('sheet');
  const sheet = s === null || s.value === null ? null : String(s.value);
  let dateOrder: DateOrder | null = format === 'surveymonkey' ? 'mdy' : null;
  const d = scalar('date_order');
  if (d !== null) {
    if (d.value === 'mdy' || d.value === 'dmy') dateOrder = d.value;
    else errors.push({ line: d.line, message: `date_order ${JSON.stringify(d.value)} must be mdy (10/03/2026 is 3 October) or dmy (03/10/2026 is 3 October)` });
  }

  const rulesOf = (key: string, constants: boolean): ColumnRule[] => {
    const pair = pairs.get(key);
    if (!pair || pair.value === null) return [];
    if (!isMap(pair.value)) {
      errors.push({ line: lineOf(pair.key as Node), message: `${key}: must be a map of ${constants ? 'contract column: value' : 'contract column: export column'}` });
      return [];
    }
    return (pair.value as YAMLMap).items.flatMap((p) => {
      const rule = ruleOf(p, key, constants, lineOf, errors);
      return rule ? [rule] : [];
    });
  };
  const columns = [...rulesOf('constants', true), ...rulesOf('columns', false)];
  const seen = new Map<string, number>();
  for (const c of columns) {
    const first = seen.get(c.target);
    if (first !== undefined) errors.push({ line: c.line, message: `${c.target} is mapped twice (first at line ${first}); keep one` });
    else seen.set(c.target, c.line);
  }
  const widePair = pairs.get('metrics');
  const wide = widePair ? rulesOf('metrics', false) : null;
  if (columns.length === 0 && !wide) errors.push({ line: 1, message: 'columns: is missing: list each contract column with the export column it comes from' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    mapping: { file, format, headerRows, sheet, dateOrder, columns, wide, wideLine: widePair ? lineOf(widePair.key as Node) : 0 },
  };
}

function ruleOf(pair: Pair, section: string, constant: boolean, lineOf: (n: Node | null | undefined) => number, errors: MappingError[]): ColumnRule | null {
  const line = lineOf(pair.key as Node);
  const target = isScalar(pair.key) ? String(pair.key.value).trim().toLowerCase() : '';
  const where = `${section}.${target}`;
  if (target === '') {
    errors.push({ line, message: `${section}: a key is empty` });
    return null;
  }
  const rule: ColumnRule = { target, line, from: null, constant: null, as: null, map: null, mapLine: line };
  const errorsBefore = errors.length;
  const v = pair.value;
  if (isScalar(v) || v === null) {
    const value = isScalar(v) ? v.value : null;
    if (value === null || value === '' || isTodo(value)) {
      errors.push({ line, message: `${where} is ${value === null || value === '' ? 'empty' : 'still TODO'}: ${constant ? 'give its value' : 'name the export column it comes from (its id or full header text)'}, or delete the line` });
      return null;
    }
    if (constant) rule.constant = String(value);
    else rule.from = String(value);
    return rule;
  }
  if (constant || !isMap(v)) {
    errors.push({ line, message: `${where} must be ${constant ? 'a single value' : 'an export column, or { from: column, as: …, map: {…} }'}` });
    return null;
  }
  for (const p of v.items) {
    const key = isScalar(p.key) ? String(p.key.value) : '';
    const keyLine = lineOf(p.key as Node);
    const value = isScalar(p.value) ? p.value.value : undefined;
    if (!RULE_KEYS.includes(key)) {
      errors.push({ line: keyLine, message: `${where}: unknown key ${JSON.stringify(key)} (the keys are from, as, map)` });
    } else if (key === 'from') {
      if (value === undefined || value === null || value === '' || isTodo(value)) errors.push({ line: keyLine, message: `${where}.from is ${isTodo(value) ? 'still TODO' : 'empty'}: name the export column` });
      else rule.from = String(value);
    } else if (key === 'as') {
      if (CONVERSIONS.includes(value as Conversion)) rule.as = value as Conversion;
      else errors.push({ line: keyLine, message: `${where}.as ${JSON.stringify(value)} is not one of ${CONVERSIONS.join(', ')}` });
    } else {
      rule.mapLine = keyLine;
      if (!isMap(p.value)) {
        errors.push({ line: keyLine, message: `${where}.map must be a map of answer text: value` });
        continue;
      }
      rule.map = new Map();
      for (const m of p.value.items) {
        const answer = isScalar(m.key) ? String(m.key.value).trim().toLowerCase() : '';
        const to = isScalar(m.value) ? m.value.value : null;
        const mLine = lineOf(m.key as Node);
        if (isTodo(to)) errors.push({ line: mLine, message: `${where}.map: the answer ${JSON.stringify(String((m.key as { value?: unknown })?.value ?? ''))} is still TODO: give its number or id` });
        else if (typeof to === 'number' || (typeof to === 'string' && to.trim() !== '')) rule.map.set(answer, typeof to === 'string' ? to.trim() : to);
        else if (to === null) rule.map.set(answer, '');
        else errors.push({ line: mLine, message: `${where}.map: the answer ${JSON.stringify(answer)} must map to a number or an id` });
      }
    }
  }
  if (rule.from === null && errors.length === errorsBefore) errors.push({ line, message: `${where} has no from: name the export column` });
  return rule.from === null ? null : rule;
}

/** The mapping file of an export: same folder, same base name, `.map.yml` (or `.map.yaml`). */
export function mappingNameFor(exportName: string): string {
  const dot = exportName.lastIndexOf('.');
  return `${dot > 0 ? exportName.slice(0, dot) : exportName}.map.yml`;
}
