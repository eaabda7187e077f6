/**
 * The findings page on the bundled sample (data/): it finds every change the generator plants
 * (src/sample/planted.ts, listed in data/SAMPLE.md) and, among what it lists, changes the generator's
 * population did not make are no more than the page's stated false discovery rate (Benjamini–Hochberg q).
 * Real contract, real DuckDB-WASM, the real page file, run in its default state (the latest quarter).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/build/prepare.ts';
import type { Row } from '../../src/db/types.ts';
import { defaultValues } from '../../src/notebook/inputs.ts';
import { dropCellTables, resolveInputs, runCells } from '../../src/notebook/run.ts';
import { DEFAULT_OPTIONS } from '../../src/sample/index.ts';
import { PLANTED_SIZE, plantedChanges } from '../../src/sample/planted.ts';
import { loadNotebook, PageEngine } from '../../src/site/engine.ts';

let work = '';
let tests: Row[] = [];
let quarter = '';

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-findings-sample-'));
  const prepared = await prepareData(path.resolve('data'), work, () => {});
  const engine = new PageEngine(prepared.tablesDir, prepared.tables, prepared.files);
  try {
    const nb = loadNotebook(path.resolve('pages/findings.md'), 'findings');
    const db = await engine.db();
    await resolveInputs(nb, db);
    const values = defaultValues(nb);
    quarter = values.quarter as string;
    try {
      tests = (await runCells(nb, db, values)).tests!.rows;
    } finally {
      await dropCellTables(nb, db);
    }
  } finally {
    await engine.close();
  }
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the findings page on the sample', () => {
  it('lists every change the generator plants, in its direction, and no more unplanted ones than its false discovery rate', () => {
    expect(quarter).toBe('2026Q3');
    const planted = plantedChanges(quarter, DEFAULT_OPTIONS.seed);
    const result = (p: (typeof planted)[number]) => tests.find((t) => t.bank === p.bank && t.metric === `perf_${p.attribute}` && t.comparison === p.comparison);
    const big = planted.filter((p) => Math.abs(p.change) >= PLANTED_SIZE);
    expect(big.length).toBeGreaterThanOrEqual(4);
    for (const p of big) {
      const r = result(p)!;
      expect({ ...p, significant: r.significant, up: (r.difference as number) > 0 }).toMatchObject({ significant: true, up: p.change > 0 });
    }
    // Every bank and quarter's means also carry the generator's seeded jitter (SAMPLE.md): small real differences that 2,000
    // respondents per bank and quarter can detect. A listed change is false when the generator's population did not move that
    // way: the opposite sign, or less than NEGLIGIBLE (well under half the smallest detectable change here).
    const listed = planted.filter((p) => result(p)?.significant === true);
    expect(listed.length).toBeGreaterThan(big.length);
    const NEGLIGIBLE = 0.05;
    const wrong = listed.filter((p) => Math.sign(p.population) !== Math.sign(result(p)!.difference as number) || Math.abs(p.population) < NEGLIGIBLE);
    expect(Math.min(...listed.map((p) => result(p)!.mde as number))).toBeGreaterThan(2 * NEGLIGIBLE);
    // The page states q = 0.05: the share of false discoveries among the listed changes.
    expect(wrong.length / listed.length).toBeLessThanOrEqual(0.05);
    // And the unplanted true nulls (attributes no trend moves, jitter aside) stay unlisted unless the jitter moved them.
    for (const p of listed.filter((x) => x.change === 0)) expect(Math.abs(p.population)).toBeGreaterThan(2 * NEGLIGIBLE);
  });
});
