import type { QueryResult, SqlValue } from '../db/types.ts';

/** Reading a method cell's input rows: what counts as a number or a text in a cell (shared by the method cells). */

export const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A numeric cell: numbers, and numeric strings (a VARCHAR column of numbers); anything else is missing. */
export function numberOf(v: SqlValue | undefined): number | null {
  if (finite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const x = Number(v);
    return Number.isFinite(x) ? x : null;
  }
  return null;
}

/** A text cell: null stays null, anything else as its string. */
export const textOf = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

/** NaN and ±Infinity become null: a result table holds no made-up numbers. */
export const orNull = (v: number | null | undefined): number | null => (finite(v) ? v : null);

/** A weight: missing → 1 (as the SQL macros); negative or not a number → error. */
export function weightOf(v: SqlValue | undefined, respondent: string): number {
  if (v === null || v === undefined) return 1;
  const w = numberOf(v);
  if (w === null || w < 0) throw new Error(`respondent "${respondent}" has an invalid weight ${String(v)}`);
  return w;
}

/** The method's input must hold these columns: an error names the absent ones and those present. */
export function requireColumns(input: QueryResult, needed: readonly string[], method: string): void {
  const have = input.columns.map((c) => c.name);
  const absent = needed.filter((c) => !have.includes(c));
  if (absent.length) throw new Error(`the ${method} method needs columns ${absent.join(', ')} in its data (has ${have.join(', ')})`);
}

/** A per-respondent value repeated on each of the respondent's rows: the rows must agree. */
export function agree(previous: number | null, next: number | null, what: string, respondent: string): number | null {
  if (next === null) return previous;
  if (previous === null || previous === next) return next;
  throw new Error(
    `respondent "${respondent}" has two ${what} values (${previous} and ${next}): respondent ids must be unique in the data ` +
      `(survey ids are unique only within a quarter and bank: filter to one, or combine them, e.g. bank || '/' || respondent_id)`,
  );
}

/** A weight cell as given: null when absent (counts as 1), else checked as {@link weightOf}. */
export const givenWeight = (v: SqlValue | undefined, respondent: string): number | null => (v === null || v === undefined ? null : weightOf(v, respondent));

/** Result columns from (name, DuckDB type) pairs. */
export const typed = (spec: readonly (readonly [string, string])[]) => spec.map(([name, type]) => ({ name, type }));
