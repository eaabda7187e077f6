import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a numeric CSV fixture of test/fixtures/methods/ into columns by header name (non-numbers become NaN). */
export function readColumns(file: string): Record<string, number[]> {
  const path = fileURLToPath(new URL(`../fixtures/methods/${file}`, import.meta.url));
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = header!.split(',');
  const cells = lines.map((line) => line.split(','));
  return Object.fromEntries(names.map((name, j) => [name, cells.map((row) => Number(row[j]))]));
}

/** Picks some columns of a table, in the given order. */
export function pick(table: Record<string, number[]>, names: readonly string[]): Record<string, number[]> {
  return Object.fromEntries(names.map((name) => [name, table[name]!]));
}

/** The value rounded to `decimals` places, as R prints it. */
export function rounded(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}
