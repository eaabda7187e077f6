import type { SqlValue } from '../db/types.ts';
import { inputForParam } from './parse.ts';
import { NotebookError, type InputCell, type InputValue, type InputValues, type Notebook, type SqlCell } from './types.ts';

/** Separator of multi-select values in their one bound string (SQL sees a list via string_split). */
const UNIT_SEPARATOR = '\u001f';

/** A search box's text is cut to this many characters (a URL can carry any amount). */
export const SEARCH_MAX_LENGTH = 200;

/** Search text as bound: trimmed, runs of white space as one space, at most SEARCH_MAX_LENGTH characters. */
export function searchText(raw: string): string {
  return [...raw.replace(/\s+/g, ' ').trim()].slice(0, SEARCH_MAX_LENGTH).join('').trim();
}

export function inputCells(nb: Notebook): InputCell[] {
  return nb.blocks.filter((b): b is InputCell => b.kind === 'input');
}

function pick(spec: unknown, options: string[]): string | undefined {
  if (spec === 'first') return options[0];
  if (spec === 'last') return options[options.length - 1];
  return spec === undefined || spec === null ? undefined : String(spec);
}

/** The input's default value, checked against its options (a page mistake otherwise). */
export function defaultValue(input: InputCell, path: string): InputValue {
  if (input.type === 'search') {
    if (typeof input.defaultSpec !== 'string') throw new NotebookError(path, input.line, `input "${input.name}": a search default is text`);
    return searchText(input.defaultSpec);
  }
  const values = input.options.map((o) => o.value);
  // Data without any option (e.g. no quarterly metric to choose) leave the input empty; the cells
  // reading it return no rows and their charts say why (empty_zh/empty_en), checked at build time.
  if (values.length === 0) return input.type === 'select' ? '' : input.type === 'range' ? ['', ''] : [];
  const fail = (v: unknown): never => {
    throw new NotebookError(path, input.line, `input "${input.name}": default ${JSON.stringify(v)} is not among its options (${values.slice(0, 8).join(', ')}${values.length > 8 ? ', …' : ''})`);
  };
  if (input.type === 'select') {
    const v = pick(input.defaultSpec, values);
    return v !== undefined && values.includes(v) ? v : fail(input.defaultSpec);
  }
  const spec = input.defaultSpec === 'all' ? values : input.defaultSpec;
  const list = Array.isArray(spec) ? spec : input.type === 'range' ? ['first', 'last'] : [spec];
  const resolved = list.map((s) => pick(s, values));
  for (let i = 0; i < resolved.length; i++) if (resolved[i] === undefined || !values.includes(resolved[i]!)) fail(list[i]);
  if (input.type === 'range' && resolved.length !== 2) fail(input.defaultSpec);
  return resolved as string[];
}

export function defaultValues(nb: Notebook): InputValues {
  return Object.fromEntries(inputCells(nb).map((i) => [i.name, defaultValue(i, nb.path)]));
}

/** Keeps only values that are among the options, so a hand-edited URL cannot bind arbitrary text. */
function sanitize(input: InputCell, raw: string[], fallback: InputValue): InputValue {
  // Free text is never spliced into SQL: it is bound as a parameter, so any text is safe to keep.
  if (input.type === 'search') return searchText(raw[0] ?? '');
  const allowed = new Set(input.options.map((o) => o.value));
  const ok = raw.filter((v) => allowed.has(v));
  if (input.type === 'select') return ok[0] ?? fallback;
  if (input.type === 'range') return ok.length === 2 ? ok : fallback;
  return ok.length ? ok : fallback;
}

/** Input state from a URL query string; anything absent or invalid falls back to the default. */
export function valuesFromQuery(nb: Notebook, query: URLSearchParams, defaults: InputValues): InputValues {
  const out: InputValues = { ...defaults };
  for (const input of inputCells(nb)) {
    const raw = query.getAll(input.name).flatMap((v) => (input.type === 'select' || input.type === 'search' ? [v] : v.split(',')));
    if (raw.length) out[input.name] = sanitize(input, raw, defaults[input.name]!);
  }
  return out;
}

/** What a URL asked of one input that its options do not hold (the page shows its fallback instead). */
export interface UnknownInQuery {
  input: InputCell;
  /** The values asked for that the options lack, as written in the URL (a range of known values but not two: all of them). */
  asked: string[];
}

/**
 * The inputs whose URL value `valuesFromQuery` could not keep: a value not among the options, or a
 * range that is not two of them. Search text is never refused (any text is a search).
 */
export function unknownInQuery(nb: Notebook, query: URLSearchParams): UnknownInQuery[] {
  const out: UnknownInQuery[] = [];
  for (const input of inputCells(nb)) {
    if (input.type === 'search') continue;
    const raw = query.getAll(input.name).flatMap((v) => (input.type === 'select' ? [v] : v.split(',')));
    if (!raw.length) continue;
    const allowed = new Set(input.options.map((o) => o.value));
    const unknown = raw.filter((v) => !allowed.has(v));
    if (input.type === 'range' && (unknown.length || raw.length !== 2)) out.push({ input, asked: unknown.length ? unknown : raw });
    else if (unknown.length) out.push({ input, asked: unknown });
  }
  return out;
}

/** The URL query string for a state: only inputs that differ from their defaults, in page order. */
export function valuesToQuery(nb: Notebook, values: InputValues, defaults: InputValues): string {
  const q = new URLSearchParams();
  for (const input of inputCells(nb)) {
    const v = values[input.name];
    if (v === undefined || sameValue(v, defaults[input.name])) continue;
    q.set(input.name, Array.isArray(v) ? v.join(',') : v);
  }
  return q.toString();
}

export function sameValue(a: InputValue | undefined, b: InputValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Positional parameters for a cell, in the order its SQL uses them. */
export function bindValues(cell: SqlCell, nb: Notebook, values: InputValues): SqlValue[] {
  const inputs = new Map(inputCells(nb).map((i) => [i.name, i]));
  return cell.params.map((param) => {
    const input = inputForParam(param, inputs)!;
    const v = values[input.name]!;
    if (input.type === 'select' || input.type === 'search') return v as string;
    if (input.type === 'multiselect') return (v as string[]).join(UNIT_SEPARATOR);
    return (v as string[])[param.endsWith('_from') ? 0 : 1]!;
  });
}
