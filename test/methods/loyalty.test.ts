import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDatabase } from '../../src/db/node.ts';
import type { Row } from '../../src/db/types.ts';
import { LOYALTY_MACROS, installMethods } from '../../src/methods/loyalty.ts';

/** |actual − expected| ≤ tol, with a readable failure message. */
function expectClose(actual: unknown, expected: number, tol = 1e-9): void {
  expect(typeof actual, `expected a number close to ${expected}, got ${String(actual)}`).toBe('number');
  expect(Math.abs((actual as number) - expected), `${String(actual)} vs ${expected}`).toBeLessThanOrEqual(tol);
}

/** A VALUES list of (s, w) rows; `null` becomes SQL NULL. */
function values(rows: [number | null, number | null][]): string {
  const lit = (v: number | null) => (v === null ? 'NULL' : String(v));
  return rows.map(([s, w]) => `(${lit(s)}, ${lit(w)})`).join(', ');
}

const ALL = `kish_n(s, w) AS k, n_answers(s) AS n, nps_score(s, w) AS nps, nps_se(s, w) AS se,
  nps_moe(s, w) AS moe, csat_share(s, w) AS csat, csat_lo(s, w) AS lo, csat_hi(s, w) AS hi,
  mean_w(s, w) AS mean, mean_moe(s, w) AS mean_moe`;

describe('loyalty macros (real DuckDB-WASM engine)', () => {
  let db: NodeDatabase;
  beforeAll(async () => {
    db = await NodeDatabase.open();
    await installMethods(db);
  });
  afterAll(async () => db.close());

  async function one(sql: string): Promise<Row> {
    const r = await db.query(sql);
    expect(r.rows).toHaveLength(1);
    return r.rows[0]!;
  }
  const over = (rows: [number | null, number | null][]) =>
    one(`SELECT ${ALL} FROM (VALUES ${values(rows)}) t(s, w)`);

  it('is plain SQL text, safe to install twice (CREATE OR REPLACE)', async () => {
    expect(LOYALTY_MACROS).toMatch(/CREATE OR REPLACE TEMP MACRO nps_score/);
    await installMethods(db);
  });

  it('NPS of ten unweighted scores, by hand', async () => {
    // 10 10 9 9 → 4 promoters; 8 8 7 7 → passives; 6 2 → 2 detractors. p = 0.4, d = 0.2.
    const r = await over([10, 10, 9, 9, 8, 8, 7, 7, 6, 2].map((s) => [s, null] as [number, null]));
    expect(r.n).toBe(10);
    expectClose(r.k, 10);
    expectClose(r.nps, 20); // 100 × (0.4 − 0.2)
    // SE = 100·sqrt((p + d − (p − d)²)/n) = 100·sqrt((0.6 − 0.04)/10) = 100·sqrt(0.056)
    expectClose(r.se, 100 * Math.sqrt(0.056));
    expectClose(r.se, 23.664319132398465);
    expectClose(r.moe, 46.38206549950099); // 1.96 × SE
    // Mean 7.6, Σ(x − 7.6)² = 50.4, sample variance 50.4/9 = 5.6 → moe 1.96·sqrt(5.6)/sqrt(10).
    expectClose(r.mean, 7.6);
    expectClose(r.mean_moe, (1.96 * Math.sqrt(5.6)) / Math.sqrt(10));
  });

  it('weighted NPS and mean with Kish n; NULL scores ignored, NULL weight = 1', async () => {
    const r = await over([
      [10, 2],
      [9, 1],
      [5, 1],
      [8, 0.5],
      [7, null], // weight NULL → 1
      [null, 7], // score NULL → ignored, its weight too
    ]);
    // Σw = 5.5, Σw² = 4 + 1 + 1 + 0.25 + 1 = 7.25 → n_eff = 5.5²/7.25 = 121/29.
    expect(r.n).toBe(5);
    expectClose(r.k, 121 / 29);
    // p = 3/5.5 = 6/11, d = 1/5.5 = 2/11 → NPS = 100 × 4/11.
    expectClose(r.nps, 400 / 11);
    // p + d − (p − d)² = 8/11 − 16/121 = 72/121; /n_eff = 72·29/121² = 2088/14641 → SE = 100·sqrt(2088)/121.
    expectClose(r.se, (100 * Math.sqrt(2088)) / 121);
    expectClose(r.moe, 74.01776175616494);
    // Weighted mean = (20 + 9 + 5 + 4 + 7)/5.5 = 90/11; Σw(x − m)² = 18.8181…; variance with
    // reliability weights = 18.8181…/(Σw − Σw²/Σw) = 18.8181…/4.1818… = 4.5 → moe 1.96·sqrt(4.5)/sqrt(121/29).
    expectClose(r.mean, 90 / 11);
    expectClose(r.mean_moe, (1.96 * Math.sqrt(4.5 * 29)) / 11);
    expectClose(r.mean_moe, 2.035488448294535);
  });

  it('a constant weight changes nothing; unit weights equal no weights', async () => {
    const scores = [10, 3, 9, 7, 6, 8, 10, 1, 5, 9, 9];
    const plain = await over(scores.map((s) => [s, null] as [number, null]));
    const ones = await over(scores.map((s) => [s, 1] as [number, number]));
    const threes = await over(scores.map((s) => [s, 3] as [number, number]));
    for (const key of Object.keys(plain)) {
      expectClose(ones[key], plain[key] as number);
      expectClose(threes[key], plain[key] as number);
    }
  });

  it('Kish n of a known design: half the weight on one respondent', async () => {
    // weights 4, 1, 1, 1, 1: Σw = 8, Σw² = 20 → n_eff = 64/20 = 3.2
    const r = await over([
      [9, 4],
      [9, 1],
      [9, 1],
      [9, 1],
      [9, 1],
    ]);
    expectClose(r.k, 3.2);
  });

  it('CSAT Wilson interval equals R prop.test(x, n, correct = FALSE)$conf.int', async () => {
    // Published: Newcombe (1998), Statistics in Medicine 17:857–872, Table II, method 3 (Wilson score,
    // no continuity correction) — the interval R's prop.test(x, n, correct = FALSE) returns — to 4 dp.
    // Full precision: scipy 1.17.1 binomtest(x, n).proportion_ci(method = 'wilson'), z = qnorm(0.975).
    const cases = [
      { x: 81, n: 263, published: [0.2553, 0.3662], exact: [0.2552885198782742, 0.36620957698280004] },
      { x: 15, n: 148, published: [0.0624, 0.1605], exact: [0.06238639953073629, 0.16048724172330803] },
      { x: 0, n: 20, published: [0, 0.1611], exact: [0, 0.16112515805281935] },
      { x: 1, n: 29, published: [0.0061, 0.1718], exact: [0.006113214292762667, 0.17175521879320282] },
    ];
    for (const { x, n, published, exact } of cases) {
      // x satisfied answers (5) and n − x dissatisfied ones (2).
      const r = await one(
        `SELECT ${ALL} FROM (SELECT CASE WHEN i < ${x} THEN 5 ELSE 2 END AS s, 1 AS w FROM range(${n}) r(i))`,
      );
      expectClose(r.csat, (100 * x) / n);
      expectClose(r.lo, 100 * exact[0]!, 1e-9);
      expectClose(r.hi, 100 * exact[1]!, 1e-9);
      expectClose(r.lo, 100 * published[0]!, 0.005 + 1e-12);
      expectClose(r.hi, 100 * published[1]!, 0.005 + 1e-12);
    }
  });

  it('weighted CSAT uses weighted shares and n = Kish n_eff in the Wilson formula', async () => {
    // Satisfied: 5 (w 2), 4 (w 1), 4 (w 0.5); not: 3 (w 1), 1 (w 1.5); NULL ignored.
    const r = await over([
      [5, 2],
      [4, 1],
      [4, 0.5],
      [3, 1],
      [1, 1.5],
      [null, 1],
    ]);
    const sw = 6;
    const sw2 = 4 + 1 + 0.25 + 1 + 2.25;
    const n = (sw * sw) / sw2; // 36/8.5
    const p = 3.5 / 6;
    const z = 1.959963984540054; // qnorm(0.975)
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)));
    expectClose(r.k, 36 / 8.5);
    expectClose(r.csat, 100 * p);
    expectClose(r.lo, 100 * (centre - half));
    expectClose(r.hi, 100 * (centre + half));
  });

  it('edge cases: all promoters, all detractors, n = 1, nothing answered', async () => {
    const promoters = await over([
      [10, 1],
      [9, 2],
      [10, 1],
    ]);
    expectClose(promoters.nps, 100);
    expectClose(promoters.se, 0);
    expectClose(promoters.moe, 0);
    expectClose(promoters.csat, 100);
    // All 29 satisfied: Wilson [0.8830302015002592, 1] (scipy, as R prop.test(29, 29, correct = FALSE)).
    const allSatisfied = await one(`SELECT ${ALL} FROM (SELECT 5 AS s, NULL AS w FROM range(29))`);
    expectClose(allSatisfied.lo, 88.30302015002592);
    expectClose(allSatisfied.hi, 100);

    const detractors = await over([
      [0, 1],
      [6, 1],
    ]);
    expectClose(detractors.nps, -100);
    expectClose(detractors.moe, 0);

    const single = await over([[8, 3]]);
    expect(single.n).toBe(1);
    expectClose(single.k, 1);
    expectClose(single.nps, 0);
    expectClose(single.moe, 0); // p = d = 0: no spread in one trinomial draw
    expectClose(single.mean, 8);
    expect(single.mean_moe).toBeNull(); // no sd from one answer

    const none = await over([
      [null, 1],
      [null, 2],
    ]);
    expect(none.n).toBe(0);
    for (const key of ['k', 'nps', 'se', 'moe', 'csat', 'lo', 'hi', 'mean', 'mean_moe']) expect(none[key]).toBeNull();

    const zeroWeights = await over([
      [9, 0],
      [3, 0],
    ]);
    expect(zeroWeights.nps).toBeNull();
    expect(zeroWeights.mean).toBeNull();
  });

  it('works per group on integer-typed columns, as a page would use it', async () => {
    await db.exec(`CREATE OR REPLACE TABLE survey AS
      SELECT * FROM (VALUES ('A', 10, 4, 2, 1), ('A', 9, 5, 3, 1), ('A', 3, 2, 6, 2), ('B', 7, 4, 4, 1), ('B', 8, NULL, 5, 1))
      v(bank, nps, csat, ces, weight)`);
    await db.exec(`ALTER TABLE survey ALTER nps TYPE TINYINT; ALTER TABLE survey ALTER csat TYPE TINYINT;
      ALTER TABLE survey ALTER ces TYPE TINYINT; ALTER TABLE survey ALTER weight TYPE INTEGER`);
    const r = await db.query(`SELECT bank, nps_score(nps, weight) AS nps, nps_moe(nps, weight) AS moe,
        csat_share(csat, weight) AS csat, n_answers(csat) AS n_csat, mean_w(ces, weight) AS ces,
        share_w(ces, ces >= 5, weight) AS ces_easy
      FROM survey GROUP BY bank ORDER BY bank`);
    const [a, b] = r.rows as [Row, Row];
    // A: weights 1, 1, 2 → p = 2/4, d = 2/4 → NPS 0; CSAT 4–5: weights 2 of 4 → 50; CES (2 + 3 + 12)/4.
    expectClose(a.nps, 0);
    expectClose(a.csat, 50);
    expectClose(a.ces, 17 / 4);
    expectClose(a.ces_easy, 50); // ces 6 with weight 2 of 4
    // B: two passives → NPS 0, SE 0; CSAT answered once (NULL ignored) → 100.
    expectClose(b.nps, 0);
    expectClose(b.moe, 0);
    expect(b.n_csat).toBe(1);
    expectClose(b.csat, 100);
    expectClose(b.ces, 4.5);
  });
});
