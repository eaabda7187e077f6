/** Quarter arithmetic for the generator: quarters as `YYYYQn`, counted on one integer axis. */

const QUARTER = /^(\d{4})Q([1-4])$/;

/** Quarters since year 0, so that consecutive quarters differ by 1. */
export function quarterOrdinal(quarter: string): number {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter (YYYYQn): ${quarter}`);
  return Number(m[1]) * 4 + Number(m[2]) - 1;
}

export function quarterFromOrdinal(ordinal: number): string {
  return `${Math.floor(ordinal / 4)}Q${(ordinal % 4) + 1}`;
}

/** The `count` consecutive quarters ending with `end`, oldest first. */
export function quarterRange(end: string, count: number): string[] {
  const last = quarterOrdinal(end);
  return Array.from({ length: count }, (_, i) => quarterFromOrdinal(last - count + 1 + i));
}

/** The three months of a quarter as `YYYY-MM`. */
export function monthsOfQuarter(quarter: string): string[] {
  const o = quarterOrdinal(quarter);
  const year = Math.floor(o / 4);
  const first = (o % 4) * 3 + 1;
  return [0, 1, 2].map((k) => `${year}-${String(first + k).padStart(2, '0')}`);
}

export function yearOfQuarter(quarter: string): number {
  return Math.floor(quarterOrdinal(quarter) / 4);
}
