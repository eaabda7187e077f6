/**
 * A method cell's descriptor: its name, the options it takes (type, range, default, what each does)
 * and the columns of its result. Pages are checked against it when they are parsed (unknown or
 * misspelt options, values of the wrong type or out of range, with the page's line) and the bound
 * options again before each run (a `$input` value), so a method never sees an option it did not
 * declare, a missing default, or a NaN.
 */
import type { QueryResult } from '../db/types.ts';
import { didYouMean } from '../text/suggest.ts';

export type OptionSpec =
  | { type: 'integer'; min: number; max: number; default: number | null; doc: string }
  | { type: 'number'; /** exclusive bounds */ above: number; below: number; default: number; doc: string }
  | { type: 'choice'; values: readonly string[]; default: string; doc: string }
  /** Several of `values`, as a YAML list or a comma-separated text; `null` default = decided by the data. */
  | { type: 'choices'; values: readonly string[]; doc: string }
  /** A column of the method's data (checked against the data when it runs). */
  | { type: 'column'; doc: string }
  /** A value of the data (e.g. a period); `null` default = decided by the data. */
  | { type: 'value'; doc: string };

/** Options after checking: every declared option present (its default, or null when the data decide). */
export type MethodOptions = Record<string, string | number | string[] | null>;

export interface MethodDescriptor {
  name: string;
  doc: string;
  /** Columns the method's data must hold (others are read when present, as its doc says). */
  input: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  /** The result's columns, after the `by` column when one is given. */
  columns: readonly (readonly [string, string])[];
  /** Runs the method; it checks `options` with {@link checkOptions} against this descriptor first. */
  run(input: QueryResult, options: Record<string, unknown>): QueryResult;
}

/** `by`: per-group figures for small multiples, the same option for every method that groups. */
export const BY_OPTION: OptionSpec = { type: 'column', doc: 'a column such as `bank`: the method runs per group, and the group leads every result row' };

/** The bootstrap's replicates and seed, the same for every bootstrapped method. */
export const REPLICATES_OPTION = { type: 'integer', min: 1, max: 100_000, default: 200, doc: 'bootstrap replicates' } as const satisfies OptionSpec;
export const SEED_OPTION: OptionSpec = { type: 'integer', min: 0, max: 2 ** 31 - 1, default: 1, doc: 'the bootstrap seed' };

/** The confidence level of every tested method's intervals. */
export const LEVEL_OPTION: OptionSpec = { type: 'number', above: 0, below: 1, default: 0.95, doc: 'the confidence level of the intervals; significant means p < 1 − level' };

/** A method option the descriptor refuses; `key` names it, so a page can point at its line. */
export class MethodOptionError extends Error {
  override name = 'MethodOptionError';
  readonly key: string;
  constructor(message: string, key: string) {
    super(message);
    this.key = key;
  }
}

const show = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

function checkValue(key: string, spec: OptionSpec, value: unknown): string | number | string[] | null {
  const bad = (rule: string, hint = '') => new MethodOptionError(`${key} ${rule} (got ${show(value)})${hint}`, key);
  if (value === undefined || value === null || value === '') {
    if (spec.type === 'integer' || spec.type === 'number' || spec.type === 'choice') return spec.default;
    return null;
  }
  switch (spec.type) {
    case 'integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isInteger(n) || n < spec.min || n > spec.max) throw bad(`must be a whole number from ${spec.min} to ${spec.max}`);
      return n;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!(n > spec.above && n < spec.below)) throw bad(`must be between ${spec.above} and ${spec.below}, e.g. ${spec.default}`);
      return n;
    }
    case 'choice': {
      const s = String(value);
      if (!spec.values.includes(s)) throw bad(`must be one of ${spec.values.join(', ')}`, didYouMean(s, spec.values));
      return s;
    }
    case 'choices': {
      const list = (Array.isArray(value) ? value : String(value).split(',')).map((m) => String(m).trim()).filter((m) => m !== '');
      if (list.length === 0) throw bad(`must name at least one of ${spec.values.join(', ')}`);
      for (const m of list) {
        if (!spec.values.includes(m)) throw new MethodOptionError(`${key}: "${m}" is not one of ${spec.values.join(', ')}${didYouMean(m, spec.values)}`, key);
      }
      return [...new Set(list)];
    }
    case 'column':
      if (typeof value !== 'string') throw bad('must name a column of the data');
      return value;
    case 'value':
      if (typeof value !== 'string' && typeof value !== 'number') throw bad('must be a single value');
      return String(value);
  }
}

/**
 * Checks options against the descriptor. `bound` false (at parse time): values that are `$input`
 * references are not known yet, so only their keys are checked.
 */
export function checkOptions(method: MethodDescriptor, raw: Readonly<Record<string, unknown>>, bound = true): MethodOptions {
  const known = Object.keys(method.options);
  const out: MethodOptions = Object.create(null);
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(method.options, key)) {
      const takes = known.length ? `it takes ${known.join(', ')}` : 'it takes none';
      throw new MethodOptionError(`method "${method.name}" has no option "${key}"${didYouMean(key, known)}; ${takes}`, key);
    }
  }
  for (const key of known) {
    const value = raw[key];
    if (!bound && typeof value === 'string' && value.startsWith('$')) continue;
    out[key] = checkValue(key, method.options[key]!, value);
  }
  return out;
}
