/**
 * Cell parsers: raw field text → typed value, or a CellError whose message states the rule.
 * They run once per cell on files with millions of cells, so they avoid regular expressions and
 * allocate only on failure.
 */
import type { CellValue } from './types.ts';
import { showValue } from './issues.ts';

export class CellError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

export type CellParser = (raw: string) => CellValue | CellError;

/** Per-file settings that change how numbers are read. */
export interface NumberStyle {
  /** Semicolon-delimited files come from locales that write decimals with a comma (4,5). */
  decimalComma: boolean;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000;
}

/** Trims only when needed: most cells have no surrounding space and `trim()` would copy them. */
export function tidy(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  return isSpace(raw.charCodeAt(0)) || isSpace(raw.charCodeAt(n - 1)) ? raw.trim() : raw;
}

/** Missing-value markers: empty, NA, N/A, -, — (em dash) and – (en dash); case-insensitive. */
export function isMissingMarker(t: string): boolean {
  switch (t.length) {
    case 0:
      return true;
    case 1:
      return t === '-' || t === '—' || t === '–';
    case 2:
      return (t.charCodeAt(0) | 32) === 110 && (t.charCodeAt(1) | 32) === 97; // na
    case 3:
      return (t.charCodeAt(0) | 32) === 110 && t.charCodeAt(1) === 47 && (t.charCodeAt(2) | 32) === 97; // n/a
    default:
      return false;
  }
}

/**
 * A finite decimal number, or NaN. `Number()` alone would also accept hex (0x1F), binary and octal
 * literals and Infinity; those are not ratings a survey platform writes.
 */
export function toNumber(t: string, style?: NumberStyle): number {
  if (t.length === 0) return NaN;
  let v = +t;
  if (v !== v) {
    // Fallbacks for spreadsheet habits: a Unicode minus sign, a decimal comma.
    let u = t.replace('\u2212', '-');
    if (style?.decimalComma) {
      const comma = u.indexOf(',');
      if (comma !== -1 && u.indexOf(',', comma + 1) === -1 && u.indexOf('.') === -1) u = u.replace(',', '.');
    }
    if (u === t) return NaN;
    v = +u;
    if (v !== v) return NaN;
  }
  if (v === Infinity || v === -Infinity) return NaN;
  if (t.length > 1 && t.charCodeAt(0) === 48) {
    const c = t.charCodeAt(1) | 32;
    if (c === 120 || c === 98 || c === 111) return NaN; // 0x, 0b, 0o
  }
  return v;
}

/** Numbers in messages: as the user would write them. */
export function fmt(n: number): string {
  return String(n);
}

export function rangeText(min: number, max: number): string {
  const lo = min < 0 ? `−${fmt(-min)}` : fmt(min);
  const hi = max < 0 ? `−${fmt(-max)}` : min < 0 ? `+${fmt(max)}` : fmt(max);
  return min < 0 ? `${lo}..${hi}` : `${lo}–${hi}`;
}

/** Optional free text: empty → null, everything else byte-exact (no trimming, no markers). */
export const exactText: CellParser = (raw) => (raw === '' ? null : raw);

/** Optional label or category: trimmed; empty and the missing markers → null. */
export const optionalText: CellParser = (raw) => {
  const t = tidy(raw);
  return isMissingMarker(t) ? null : t;
};

export function requiredText(what: string): CellParser {
  return (raw) => {
    const t = tidy(raw);
    return t === '' ? new CellError(`${what} is required`) : t;
  };
}

export function isSlug(t: string): boolean {
  if (t.length === 0) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

export function slug(what: string): CellParser {
  return (raw) => {
    const t = tidy(raw);
    if (t === '') return new CellError(`${what} is required`);
    if (!isSlug(t)) {
      const hint = isSlug(t.toLowerCase()) ? ` (write it as ${t.toLowerCase()})` : '';
      return new CellError(`${what} ${showValue(t)} is not a valid id: use only lowercase letters, digits, _ and -${hint}`);
    }
    return t;
  };
}

/**
 * A reference to an id defined in another file. `labels` (label, lower-case → id) lets the message
 * name the id a label stands for: a file half converted from an export still holds 招商银行.
 */
export function reference(what: string, known: ReadonlySet<string>, target: string, labels?: ReadonlyMap<string, string>): CellParser {
  return (raw) => {
    const t = tidy(raw);
    if (t === '') return new CellError(`${what} is required`);
    if (known.has(t)) return t;
    const lower = t.toLowerCase();
    const label = labels?.get(lower);
    const hint = known.has(lower)
      ? ` (ids are case-sensitive: did you mean ${lower}?)`
      : label !== undefined
        ? ` (${t} is the name of ${label} there: write ${label}, or read the export through a mapping file, which takes names; see data/README.md)`
        : '';
    return new CellError(`${what} ${showValue(t)} is not defined in ${target}${hint}`);
  };
}

export interface NumberRule {
  /** How the value is named in messages, e.g. "nps (likelihood to recommend)". */
  what: string;
  min?: number;
  max?: number;
  /** Text after the range in a range error, e.g. "attribute queue's scale". */
  rangeNote?: string;
  /** When the value is missing: null, a default, or an error. */
  missing: 'null' | 'error' | number;
  integer?: boolean;
  /** Strictly greater than `min` instead of at least `min`. */
  exclusiveMin?: boolean;
  /** Extra codes meaning "not applicable" (an attribute's na_codes). */
  naNumbers?: ReadonlySet<number>;
  naStrings?: ReadonlySet<string>;
}

export function number(rule: NumberRule, style?: NumberStyle): CellParser {
  const { min, max, missing, integer, exclusiveMin, naNumbers, naStrings } = rule;
  const hasRange = min !== undefined || max !== undefined;
  const range =
    min !== undefined && max !== undefined
      ? rangeText(min, max)
      : min !== undefined
        ? `${exclusiveMin ? 'greater than' : 'at least'} ${fmt(min)}`
        : `at most ${fmt(max!)}`;
  const note = rule.rangeNote ? ` (${rule.rangeNote})` : '';
  const markers = naNumbers && naNumbers.size > 0 ? ` (the NA codes ${[...naNumbers].join(';')} also mean missing)` : '';
  const ifMissing = (): CellValue | CellError =>
    missing === 'null' ? null : missing === 'error' ? new CellError(`${rule.what} is required`) : missing;
  return (raw) => {
    const t = tidy(raw);
    if (isMissingMarker(t)) return ifMissing();
    const v = toNumber(t, style);
    if (v !== v) {
      if (naStrings !== undefined && naStrings.has(t)) return ifMissing();
      return new CellError(
        `value ${showValue(raw)} is not a number: expected ${hasRange ? range : 'a number'}${note}; leave the cell empty or write NA when missing${markers}`,
      );
    }
    if (naNumbers !== undefined && naNumbers.has(v)) return ifMissing();
    if (integer && !Number.isInteger(v)) return new CellError(`value ${showValue(raw)} is not a whole number`);
    if ((min !== undefined && (exclusiveMin ? v <= min : v < min)) || (max !== undefined && v > max)) {
      return new CellError(`value ${showValue(t)} is ${min !== undefined && max !== undefined ? 'outside' : 'not'} ${range}${note}`);
    }
    return v;
  };
}

export function oneOf(what: string, allowed: readonly string[], optional: boolean): CellParser {
  const set = new Set(allowed);
  return (raw) => {
    const t = tidy(raw);
    if (optional && isMissingMarker(t)) return null;
    if (t === '') return new CellError(`${what} is required (one of ${allowed.join(', ')})`);
    if (set.has(t)) return t;
    if (set.has(t.toLowerCase())) return t.toLowerCase();
    return new CellError(`${what} ${showValue(t)} is not one of ${allowed.join(', ')}`);
  };
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否']);

/** true/false, as Excel writes them (TRUE/FALSE) or as people type them; empty → false. */
export function boolean(what: string): CellParser {
  return (raw) => {
    const t = tidy(raw).toLowerCase();
    if (t === '' || FALSE_WORDS.has(t)) return false;
    if (TRUE_WORDS.has(t)) return true;
    return new CellError(`${what} ${showValue(raw)} is not true or false`);
  };
}

/** `YYYYQn` with n in 1..4, as a string; null when not one. */
export function quarterOf(t: string): string | null {
  if (t.length !== 6) return null;
  for (let i = 0; i < 4; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  if (t.charCodeAt(4) !== 81) return null; // Q
  const q = t.charCodeAt(5);
  return q >= 49 && q <= 52 ? t : null;
}

export function quarter(fromFileName: string | null): CellParser {
  return (raw) => {
    const t = tidy(raw);
    if (t === '') {
      return fromFileName ?? new CellError('quarter is required (e.g. 2025Q3), or start the file name with it (e.g. 2025Q3_wave.csv)');
    }
    const q = quarterOf(t) ?? quarterOf(t.toUpperCase());
    if (q === null) return new CellError(`quarter ${showValue(t)} is not in the form YYYYQn (e.g. 2025Q3, quarter 1–4)`);
    if (fromFileName !== null && q !== fromFileName) {
      return new CellError(`quarter ${q} does not match the quarter ${fromFileName} at the start of the file name`);
    }
    return q;
  };
}

/** A file name that starts with a quarter: `2025Q3.csv`, `2025Q3_wave.csv`, `2025Q3-bank.csv`. */
export function quarterFromFileName(name: string): string | null {
  const q = quarterOf(name.slice(0, 6).toUpperCase());
  if (q === null) return null;
  const next = name.charAt(6);
  return next === '' || next === '.' || next === '_' || next === '-' || next === ' ' ? q : null;
}

export type PeriodGrain = 'year' | 'quarter' | 'month';

/** Metric periods: YYYY, YYYYQn or YYYY-MM. */
export function periodGrain(t: string): PeriodGrain | null {
  for (let i = 0; i < 4; i++) {
    const c = t.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return null;
  }
  if (t.length === 4) return 'year';
  if (quarterOf(t) !== null) return 'quarter';
  if (t.length === 7 && t.charCodeAt(4) === 45) {
    const m = Number(t.slice(5));
    const d1 = t.charCodeAt(5);
    const d2 = t.charCodeAt(6);
    if (d1 >= 48 && d1 <= 57 && d2 >= 48 && d2 <= 57 && m >= 1 && m <= 12) return 'month';
  }
  return null;
}

export function isHexColor(t: string): boolean {
  if (t.length !== 7 || t.charCodeAt(0) !== 35) return false;
  for (let i = 1; i < 7; i++) {
    const c = t.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

export const color: CellParser = (raw) => {
  const t = tidy(raw);
  if (t === '') return null;
  if (isHexColor(t)) return t.toLowerCase();
  return new CellError(`color ${showValue(t)} is not a #rrggbb hex color (e.g. #c8102e)`);
};
