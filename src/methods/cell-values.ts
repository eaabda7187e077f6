import type { SqlValue } from '../db/types.ts';

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
