// One implementation of each statistic: the SQL macros (loyalty.ts) and their JavaScript reference
// (weighted.ts) give the same numbers, to 1e-9, on the sample survey and on R's mtcars fixture.
import fs from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../src/contract/index.ts';
import { loadTables, tableIPC } from '../../src/db/load.ts';
import { NodeDatabase } from '../../src/db/node.ts';
import type { Row } from '../../src/db/types.ts';
import { installMethods } from '../../src/methods/loyalty.ts';
import type { MaybeNumber } from '../../src/methods/moments.ts';
import { kishN, npsOfAnswers, topBoxShare, weightedMeanInterval, weightedShare } from '../../src/methods/weighted.ts';

/** Relative agreement to 1e-9 (absolute below 1): SQL and JS sum in different orders. */
function agree(sql: unknown, js: number, what: string): void {
  if (sql === null) {
    expect(Number.isFinite(js), `${what}: SQL NULL, JS ${js}`).toBe(false);
    return;
  }
  expect(typeof sql, what).toBe('number');
  expect(Math.abs((sql as number) - js), `${what}: SQL ${String(sql)} vs JS ${js}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(js)));
}

/** Every statistic both sides compute, of the score `s` weighted by `w`, per group `g`. */
const STATISTICS = `g, kish_n(s, w) AS kish, nps_score(s, w) AS nps, nps_se(s, w) AS nps_se,
  share_w(s, s >= $cut, w) AS share, wilson_lo(s, s >= $cut, w) AS lo, wilson_hi(s, s >= $cut, w) AS hi,
  csat_share(s, w) AS csat, csat_lo(s, w) AS csat_lo, csat_hi(s, w) AS csat_hi,
  mean_w(s, w) AS mean, sd_w(s, w) AS sd`;

/** Checks every group's SQL row against the JS reference on the very rows (g, s, w) SQL aggregated. */
function compareGroups(rows: Row[], data: Row[], cut: number): number {
  const num = (v: unknown): MaybeNumber => (v === null || v === undefined ? null : Number(v));
  for (const r of rows) {
    const g = String(r.g);
    const mine = data.filter((d) => d.g === g);
    const s = mine.map((d) => num(d.s));
    const w = mine.map((d) => num(d.w));
    const answeredWeights = w.filter((_, i) => s[i] !== null).map((x) => x ?? 1);
    agree(r.kish, kishN(answeredWeights), `${g} kish_n`);
    const nps = npsOfAnswers(s, w);
    agree(r.nps, nps.nps, `${g} nps_score`);
    agree(r.nps_se, nps.se, `${g} nps_se`);
    agree(r.kish, nps.nEff, `${g} kish_n (NPS)`);
    const share = weightedShare(s, (x) => x >= cut, w);
    agree(r.share, share.share, `${g} share_w`);
    agree(r.lo, share.lo, `${g} wilson_lo`);
    agree(r.hi, share.hi, `${g} wilson_hi`);
    const csat = topBoxShare(s, 4, w);
    agree(r.csat, csat.share, `${g} csat_share`);
    agree(r.csat_lo, csat.lo, `${g} csat_lo`);
    agree(r.csat_hi, csat.hi, `${g} csat_hi`);
    const mean = weightedMeanInterval(s, w);
    agree(r.mean, mean.mean, `${g} mean_w`);
    // sd_w from the JS interval: se = sd_w / sqrt(n_eff).
    agree(r.sd, mean.se * Math.sqrt(mean.nEff), `${g} sd_w`);
  }
  return rows.length;
}

describe('SQL macros and their JavaScript reference agree (real DuckDB-WASM)', () => {
  let db: NodeDatabase;
  beforeAll(async () => {
    db = await NodeDatabase.open();
    await installMethods(db);
  });
  afterAll(async () => db.close());

  it('on the sample survey: NPS, CSAT, CES and overall per bank and quarter, with the survey weights', async () => {
    const contract = await checkDataFolder('data');
    const survey = contract.tables.find((t) => t.name === 'survey')!;
    expect(survey.rowCount).toBeGreaterThan(10_000);
    await loadTables(db, [{ name: 'survey', ipc: tableIPC(survey) }]);
    let groups = 0;
    for (const [column, cut] of [['nps', 9], ['csat', 4], ['ces', 5], ['overall', 8]] as const) {
      const data = `SELECT bank || ' ' || quarter AS g, ${column} AS s, weight AS w FROM survey`;
      const result = await db.query(`SELECT ${STATISTICS.replaceAll('$cut', String(cut))} FROM (${data}) GROUP BY g ORDER BY g`);
      groups += compareGroups(result.rows, (await db.query(data)).rows, cut);
    }
    // 3 banks × 8 quarters × 4 metrics in the sample; other data just give other groups.
    expect(groups).toBeGreaterThanOrEqual(4);
  });

  it('on R’s mtcars (test/fixtures/methods): a 0–10 score from mpg, weighted by wt, per gear, with a NULL and a NULL weight', async () => {
    const parsed = Papa.parse<Record<string, string>>(fs.readFileSync('test/fixtures/methods/mtcars.csv', 'utf8'), { header: true, skipEmptyLines: true });
    const values = parsed.data.map((r, i) => {
      // The first car's score is missing and the second's weight: NULLs must be skipped (score) and count 1 (weight).
      const s = i === 0 ? 'NULL' : String(Math.min(10, Math.round(Number(r.mpg) / 3.4)));
      const w = i === 1 ? 'NULL' : r.wt;
      return `('gear ${r.gear}', ${s}, ${w})`;
    });
    expect(values).toHaveLength(32);
    const data = `SELECT * FROM (VALUES ${values.join(', ')}) t(g, s, w)`;
    const result = await db.query(`SELECT ${STATISTICS.replaceAll('$cut', '6')} FROM (${data}) GROUP BY g ORDER BY g`);
    expect(compareGroups(result.rows, (await db.query(data)).rows, 6)).toBe(3);
  });
});
