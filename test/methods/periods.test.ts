import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDatabase } from '../../src/db/node.ts';
import { installMethods } from '../../src/methods/loyalty.ts';

describe('period macros (real DuckDB-WASM engine)', () => {
  let db: NodeDatabase;
  beforeAll(async () => {
    db = await NodeDatabase.open();
    await installMethods(db);
  });
  afterAll(async () => db.close());

  const row = async (p: string) =>
    (
      await db.query(
        `SELECT period_grain_of($1) AS grain, period_shift($1, -1) AS previous, period_shift($1, 1) AS next, period_year_ago($1) AS year_ago,
                CAST(period_start($1) AS VARCHAR) AS start, CAST(period_end($1) AS VARCHAR) AS "end", CAST(period_mid($1) AS VARCHAR) AS mid`,
        [p],
      )
    ).rows[0];

  it.each([
    ['2025', { grain: 'year', previous: '2024', next: '2026', year_ago: '2024', start: '2025-01-01', end: '2026-01-01', mid: '2025-07-02' }],
    ['2025Q1', { grain: 'quarter', previous: '2024Q4', next: '2025Q2', year_ago: '2024Q1', start: '2025-01-01', end: '2025-04-01', mid: '2025-02-15' }],
    ['2025Q4', { grain: 'quarter', previous: '2025Q3', next: '2026Q1', year_ago: '2024Q4', start: '2025-10-01', end: '2026-01-01', mid: '2025-11-16' }],
    ['2025-01', { grain: 'month', previous: '2024-12', next: '2025-02', year_ago: '2024-01', start: '2025-01-01', end: '2025-02-01', mid: '2025-01-16' }],
    ['2024-12', { grain: 'month', previous: '2024-11', next: '2025-01', year_ago: '2023-12', start: '2024-12-01', end: '2025-01-01', mid: '2024-12-16' }],
  ])('%s: grain, neighbours within the grain, and its place on the time axis', async (p, expected) => {
    expect(await row(p)).toEqual(expected);
  });
});
