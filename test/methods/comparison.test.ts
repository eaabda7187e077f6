import { describe, expect, it } from 'vitest';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { runMethod } from '../../src/methods/cells.ts';
import {
  CHANGE_COLUMNS,
  COMPARE_COLUMNS,
  CORRELATION_COLUMNS,
  bankComparisons,
  correlationCell,
  pearsonCorrelation,
  periodChange,
} from '../../src/methods/comparison.ts';

// Reference values: R 4.2.2, printed with sprintf('%.12g') by test/fixtures/methods/comparison.R
// (regenerate with `Rscript test/fixtures/methods/comparison.R`). Tolerance 1e-6 unless stated.
const TOL = 1e-6;

const close = (actual: unknown, expected: number, label: string, tol = TOL) => {
  expect(typeof actual, label).toBe('number');
  expect(Math.abs((actual as number) - expected), `${label}: ${String(actual)} vs ${expected}`).toBeLessThan(tol);
};

/** Rows of one group: `counts` maps an answer to how many respondents gave it, on one metric. */
function answers(group: string, metric: string, counts: Record<number, number>, extra: Row = {}): Row[] {
  return Object.entries(counts).flatMap(([value, k]) => Array.from({ length: k }, () => ({ group, [metric]: Number(value), ...extra })));
}
function listed(group: string, metric: string, values: number[], weights?: number[], extra: Row = {}): Row[] {
  return values.map((v, i) => ({ group, [metric]: v, weight: weights ? weights[i]! : null, ...extra }));
}
function table(rows: Row[], names = ['group', 'weight', 'nps', 'csat', 'ces', 'overall']): QueryResult {
  const text = new Set(['group', 'period']);
  return { columns: names.map((name) => ({ name, type: text.has(name) ? 'VARCHAR' : 'DOUBLE' })), rows: rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? null]))) };
}
const pick = (result: QueryResult, metric: string, a: string, b: string): Row => {
  const row = result.rows.find((r) => r.metric === metric && r.group_a === a && r.group_b === b);
  if (!row) throw new Error(`no row ${metric} ${a}–${b} in ${JSON.stringify(result.rows.map((r) => [r.metric, r.group_a, r.group_b]))}`);
  return row;
};

// NPS, three banks of 100 respondents each (promoters 9–10, passives 7–8, detractors 0–6):
//   A: 50 promoters, 20 passives, 30 detractors → NPS = 100(0.50 − 0.30) = 20
//   B: 40 / 30 / 30 → NPS = 100(0.40 − 0.30) = 10;   C: 30 / 30 / 40 → NPS = −10
// SE² = 100²·(p + d − (p − d)²)/n:  A 10⁴·(0.80 − 0.04)/100 = 76,  B 10⁴·(0.70 − 0.01)/100 = 69,  C = 69
// A − B = 10, SE = √(76 + 69) = √145 = 12.0415945788, z = 10/12.0415945788 = 0.830454798537,
//   p = 2Φ(−0.8305) = 0.406281694118, 95% CI 10 ± 1.959964·12.0416 = [−13.6011, 33.6011]
// A − C = 30, SE = √145, z = 2.49136439561, p = 0.0127253532829
// B − C = 20, SE = √(69 + 69) = √138 = 11.7473401245, z = 1.70251306152, p = 0.0886592320827
// Holm over the 3 pairs: sorted p = 0.01273 (×3), 0.08866 (×2), 0.40628 (×1)
//   → 0.0381760598487, 0.177318464165, 0.406281694118 (= R p.adjust(…, "holm")).
const npsRows = [
  // mixed answers within each class (10 and 9 are promoters, 8 and 7 passives, 0–6 detractors)
  ...answers('B', 'nps', { 10: 15, 9: 25, 8: 20, 7: 10, 6: 10, 3: 10, 0: 10 }),
  ...answers('A', 'nps', { 10: 30, 9: 20, 8: 10, 7: 10, 5: 20, 1: 10 }),
  ...answers('C', 'nps', { 9: 30, 7: 30, 6: 25, 2: 15 }),
];

// CSAT top-2-box (4–5 on 1–5): A 72 of 100, B 120 of 180, C 45 of 80.
const csatRows = [
  ...answers('C', 'csat', { 5: 20, 4: 25, 3: 20, 2: 10, 1: 5 }),
  ...answers('A', 'csat', { 5: 40, 4: 32, 3: 15, 2: 8, 1: 5 }),
  ...answers('B', 'csat', { 5: 60, 4: 60, 3: 30, 2: 20, 1: 10 }),
];

// CES (1–7): the three banks' answers (comparison.R, section 3).
const cesA = [6, 7, 5, 6, 4, 7, 6, 5, 6, 7, 3, 6];
const cesB = [5, 4, 6, 3, 5, 4, 5, 6, 2, 5, 4];
const cesC = [4, 5, 3, 6, 2, 4, 5, 3, 4, 7, 5, 1, 4, 3];
const cesRows = [...listed('B', 'ces', cesB), ...listed('C', 'ces', cesC), ...listed('A', 'ces', cesA)];

describe('compare: pairs of banks', () => {
  const result = bankComparisons(table([...npsRows, ...csatRows, ...cesRows]), {});

  it('NPS difference through the cell, by hand (z test, SEs in quadrature)', () => {
    const r = pick(result, 'nps', 'A', 'B');
    close(r.estimate_a, 20, 'nps A');
    close(r.estimate_b, 10, 'nps B');
    close(r.difference, 10, 'difference');
    close(r.se, Math.sqrt(145), 'se = √(76 + 69)');
    close(r.se, 12.0415945788, 'se (R)');
    close(r.statistic, 0.830454798537, 'z');
    expect(r.df).toBeNull();
    close(r.p_value, 0.406281694118, 'p');
    close(r.lo, -13.6010916909, 'lo');
    close(r.hi, 33.6010916909, 'hi');
    expect(r.n_a).toBe(100);
    expect(r.n_b).toBe(100);
    expect(r.test).toBe('NPS difference (z, SEs in quadrature)');
    const ac = pick(result, 'nps', 'A', 'C');
    close(ac.difference, 30, 'A − C');
    close(ac.statistic, 2.49136439561, 'z A − C');
    close(ac.p_value, 0.0127253532829, 'p A − C');
    close(ac.lo, 6.39890830913, 'lo A − C');
    const bc = pick(result, 'nps', 'B', 'C');
    close(bc.se, Math.sqrt(138), 'se B − C = √(69 + 69)');
    close(bc.p_value, 0.0886592320827, 'p B − C');
    close(bc.hi, 43.0243635581, 'hi B − C');
  });

  it('Holm across the 3 NPS pairs = R p.adjust(p, "holm"); significant = p_holm < 0.05', () => {
    close(pick(result, 'nps', 'A', 'B').p_holm, 0.406281694118, 'holm A − B');
    close(pick(result, 'nps', 'A', 'C').p_holm, 0.0381760598487, 'holm A − C');
    close(pick(result, 'nps', 'B', 'C').p_holm, 0.177318464165, 'holm B − C');
    expect(pick(result, 'nps', 'A', 'C').significant).toBe(true);
    expect(pick(result, 'nps', 'A', 'B').significant).toBe(false);
    expect(pick(result, 'nps', 'B', 'C').significant).toBe(false);
  });

  it('the higher estimate is always group_a, pairs in the groups\' order of first appearance', () => {
    // groups appear B, A, C (nps rows first): pairs (B, A) → A–B, (B, C), (A, C)
    expect(result.rows.filter((r) => r.metric === 'nps').map((r) => `${r.group_a}-${r.group_b}`)).toEqual(['A-B', 'B-C', 'A-C']);
    for (const r of result.rows) expect(r.estimate_a as number).toBeGreaterThanOrEqual(r.estimate_b as number);
    for (const r of result.rows) expect(r.difference as number).toBeGreaterThanOrEqual(0);
    expect(result.rows.map((r) => r.metric)).toEqual(['nps', 'nps', 'nps', 'csat', 'csat', 'csat', 'ces', 'ces', 'ces']);
  });

  it('CSAT = R prop.test(correct = FALSE), in percentage points; Holm = p.adjust', () => {
    const ab = pick(result, 'csat', 'A', 'B');
    close(ab.estimate_a, 72, 'A %');
    close(ab.estimate_b, 66.6666666667, 'B %', 1e-9);
    close(ab.difference, 5.33333333333, 'difference (pp)');
    close(ab.statistic, 0.848484848485, 'X²');
    expect(ab.df).toBe(1);
    close(ab.p_value, 0.356981320408, 'p');
    close(ab.lo, -5.84115669372, 'lo (pp)');
    close(ab.hi, 16.5078233604, 'hi (pp)');
    expect([ab.n_a, ab.n_b]).toEqual([100, 180]);
    expect(ab.test).toBe('two-proportion (prop.test, no continuity correction)');
    const ac = pick(result, 'csat', 'A', 'C');
    close(ac.statistic, 4.84615384615, 'X² A − C');
    close(ac.p_value, 0.0277078493581, 'p A − C');
    close(ac.lo, 1.76380374594, 'lo A − C');
    close(ac.hi, 29.7361962541, 'hi A − C');
    const bc = pick(result, 'csat', 'B', 'C');
    close(bc.statistic, 2.59170653907, 'X² B − C');
    close(bc.p_value, 0.107424535793, 'p B − C');
    close(bc.lo, -2.45171681267, 'lo B − C');
    close(bc.hi, 23.285050146, 'hi B − C');
    close(ab.p_holm, 0.356981320408, 'holm A − B');
    close(ac.p_holm, 0.0831235480742, 'holm A − C');
    close(bc.p_holm, 0.214849071586, 'holm B − C');
    // significant before the correction (p = 0.028), not after it (0.083)
    expect(ac.significant).toBe(false);
  });

  it('CES = R t.test(var.equal = FALSE); Holm = p.adjust', () => {
    const expected = {
      'A-B': { est: [5.66666666667, 4.45454545455], d: 1.21212121212, se: 0.510046001634, t: 2.37649390101, df: 20.8762121818, p: 0.0271275657224, ci: [0.151039386684, 2.27320303756], holm: 0.0542551314449, n: [12, 11] },
      'A-C': { est: [5.66666666667, 4], d: 1.66666666667, se: 0.549624237172, t: 3.03237476433, df: 23.8435148562, p: 0.00577200897032, ci: [0.531903889857, 2.80142944348], holm: 0.017316026911, n: [12, 14] },
      'B-C': { est: [4.45454545455, 4], d: 0.454545454545, se: 0.55651457604, t: 0.816771876453, df: 22.9994191514, p: 0.422438854134, ci: [-0.696694267291, 1.60578517638], holm: 0.422438854134, n: [11, 14] },
    };
    for (const [pair, e] of Object.entries(expected)) {
      const [a, b] = pair.split('-') as [string, string];
      const r = pick(result, 'ces', a, b);
      close(r.estimate_a, e.est[0]!, `${pair} mean a`);
      close(r.estimate_b, e.est[1]!, `${pair} mean b`);
      close(r.difference, e.d, `${pair} difference`);
      close(r.se, e.se, `${pair} se`);
      close(r.statistic, e.t, `${pair} t`);
      close(r.df, e.df, `${pair} df`);
      close(r.p_value, e.p, `${pair} p`);
      close(r.lo, e.ci[0]!, `${pair} lo`);
      close(r.hi, e.ci[1]!, `${pair} hi`);
      close(r.p_holm, e.holm, `${pair} holm`);
      expect([r.n_a, r.n_b]).toEqual(e.n);
      expect(r.test).toBe('Welch t');
      expect(r.significant).toBe(e.holm < 0.05);
    }
  });

  it('options: metrics as a list or a comma string, level', () => {
    const data = table([...npsRows, ...csatRows, ...cesRows]);
    const one = bankComparisons(data, { metrics: 'nps' });
    expect(new Set(one.rows.map((r) => r.metric))).toEqual(new Set(['nps']));
    const two = bankComparisons(data, { metrics: 'ces, nps' });
    expect(two.rows.map((r) => r.metric)).toEqual(['ces', 'ces', 'ces', 'nps', 'nps', 'nps']);
    expect(bankComparisons(data, { metrics: ['csat'] }).rows).toHaveLength(3);
    // 90%: z_0.95 = 1.644854; A − B: 10 ± 1.644854·√145 (R: −9.80666051721, 29.8066605172); significant = p_holm < 0.10
    const r90 = bankComparisons(data, { metrics: 'nps', level: 0.9 });
    close(pick(r90, 'nps', 'A', 'B').lo, -9.80666051721, 'lo 90%');
    close(pick(r90, 'nps', 'A', 'B').hi, 29.8066605172, 'hi 90%');
    expect(pick(r90, 'nps', 'A', 'C').significant).toBe(true);
    expect(() => bankComparisons(data, { metrics: 'nps, effort' })).toThrow(/"effort" is not one of nps, csat, ces, overall/);
    expect(() => bankComparisons(data, { level: 95 })).toThrow(/level must be between 0 and 1/);
  });

  it('default metrics: the metric columns present; an absent column cannot be asked for', () => {
    const only = table(npsRows, ['group', 'nps']);
    expect(new Set(bankComparisons(only, {}).rows.map((r) => r.metric))).toEqual(new Set(['nps']));
    expect(() => bankComparisons(only, { metrics: 'csat' })).toThrow(/no column "csat"/);
    expect(() => bankComparisons(table(npsRows, ['group', 'weight']), {})).toThrow(/needs at least one of the columns nps, csat, ces, overall/);
    expect(() => bankComparisons(table(npsRows, ['nps']), {})).toThrow(/needs columns group/);
  });

  it('answers outside the scale fail; a bank without answers to a metric has no pairs for it', () => {
    expect(() => bankComparisons(table([{ group: 'A', nps: 11 }]), {})).toThrow(/row 1: nps must be a number from 0 to 10 \(got 11\)/);
    expect(() => bankComparisons(table([{ group: 'A', csat: 0 }]), {})).toThrow(/csat must be a number from 1 to 5/);
    expect(() => bankComparisons(table([{ group: 'A', nps: 9, weight: -1 }]), {})).toThrow(/weight must be a number ≥ 0/);
    // D answered nothing (only null scores): two NPS groups → one pair; CES: A only → no pair
    const r = bankComparisons(table([...answers('A', 'nps', { 9: 2, 3: 1 }), ...answers('B', 'nps', { 10: 1, 7: 2 }), { group: 'D', nps: null }, ...listed('A', 'ces', [4, 5])]), {});
    expect(r.rows.map((x) => `${x.metric}:${x.group_a}-${x.group_b}`)).toEqual(['nps:A-B']);
  });

  it('a single group, or too few answers, gives no test (null), never a fake p', () => {
    const r = bankComparisons(table([...listed('A', 'ces', [5]), ...listed('B', 'ces', [3, 4])]), {});
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.p_value).toBeNull();
    expect(r.rows[0]!.p_holm).toBeNull();
    expect(r.rows[0]!.significant).toBeNull();
    expect(r.rows[0]!.estimate_a).toBe(5);
  });

  it('empty input: typed columns, no rows', () => {
    const r = bankComparisons(table([]), {});
    expect(r.rows).toEqual([]);
    expect(r.columns).toEqual(COMPARE_COLUMNS);
    const types = Object.fromEntries(r.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ metric: 'VARCHAR', group_a: 'VARCHAR', estimate_a: 'DOUBLE', p_holm: 'DOUBLE', significant: 'BOOLEAN', n_a: 'DOUBLE', test: 'VARCHAR', df: 'DOUBLE' });
    expect(r.columns.map((c) => c.name)).toEqual(['metric', 'group_a', 'group_b', 'estimate_a', 'estimate_b', 'difference', 'se', 'statistic', 'df', 'p_value', 'p_holm', 'significant', 'lo', 'hi', 'n_a', 'n_b', 'test']);
    // with `by`: the by column leads, still typed
    const byEmpty = bankComparisons({ columns: [...table([]).columns, { name: 'channel', type: 'VARCHAR' }], rows: [] }, { by: 'channel' });
    expect(byEmpty.columns.map((c) => c.name).slice(0, 2)).toEqual(['channel', 'metric']);
  });

  it('registered as `compare`, and `by` compares within each value', () => {
    const rows = [...npsRows.map((r) => ({ ...r, channel: 'app' })), ...npsRows.map((r) => ({ ...r, channel: 'branch' }))];
    const data = { columns: [...table([]).columns, { name: 'channel', type: 'VARCHAR' }], rows: rows.map((r) => ({ weight: null, csat: null, ces: null, overall: null, ...r })) };
    const r = runMethod('compare', data, { by: 'channel', metrics: 'nps' });
    expect(r.rows).toHaveLength(6);
    expect(r.rows.filter((x) => x.channel === 'branch').map((x) => x.p_holm)).toEqual(r.rows.filter((x) => x.channel === 'app').map((x) => x.p_holm));
    close(r.rows.find((x) => x.channel === 'branch' && x.group_a === 'A' && x.group_b === 'C')!.p_holm, 0.0381760598487, 'holm within branch');
  });
});

describe('compare: weighted (by hand; comparison.R section 4)', () => {
  // NPS. P: scores 10, 9, 5, 8 with weights 2, 1, 1, 0.5 → Σw = 4.5, promoters 2 + 1 = 3, detractors 1
  //   p = 3/4.5 = 2/3, d = 1/4.5 = 2/9, NPS = 100(6/9 − 2/9) = 44.444; n_eff = 4.5²/(4 + 1 + 1 + 0.25) = 3.24
  //   SE = 100·√((8/9 − (4/9)²)/3.24) = 100·√((56/81)/3.24) = 46.1933010713
  // Q: scores 9, 6, 7, 3, 10 with weights 1, 1, 2, 1, 1 → Σw = 6, p = 2/6, d = 2/6, NPS = 0;
  //   n_eff = 36/8 = 4.5, SE = 100·√((2/3 − 0)/4.5) = 38.490017946
  // P − Q = 44.444, SE = √(46.1933² + 38.4900²) = 60.1273859846, z = 0.739171406118, p = 0.459802921452
  it('NPS: weighted shares, Kish n_eff in the SE', () => {
    const rows = [...listed('Q', 'nps', [9, 6, 7, 3, 10], [1, 1, 2, 1, 1]), ...listed('P', 'nps', [10, 9, 5, 8], [2, 1, 1, 0.5])];
    const r = pick(bankComparisons(table(rows), {}), 'nps', 'P', 'Q');
    close(r.estimate_a, 400 / 9, 'NPS P = 44.444');
    close(r.estimate_b, 0, 'NPS Q');
    close(r.se, Math.sqrt(100 ** 2 * (56 / 81 / 3.24) + 100 ** 2 * ((2 / 3) / 4.5)), 'se by hand');
    close(r.se, 60.1273859846, 'se (R)');
    close(r.statistic, 0.739171406118, 'z');
    close(r.p_value, 0.459802921452, 'p');
    close(r.lo, -73.40306657, 'lo');
    close(r.hi, 162.291955459, 'hi');
    expect([r.n_a, r.n_b]).toEqual([4, 5]);
  });

  // CSAT. P: answers 5, 4, 2, 3, 4 with weights 2, 1, 1, 0.5, 1.5 → Σw = 6, top-2-box weight 4.5, share 0.75;
  //   n_eff = 36/(4 + 1 + 1 + 0.25 + 2.25) = 36/8.5 = 4.23529411765, x = 0.75·4.2353 = 3.17647058824
  // Q: answers 4, 1, 5, 2 with weights 1, 3, 1, 1 → Σw = 6, share 2/6, n_eff = 36/12 = 3, x = 1
  // = R prop.test(c(3.17647058824, 1), c(4.23529411765, 3), correct = FALSE)
  it('CSAT: x = weighted share·n_eff, n = n_eff, then prop.test', () => {
    const rows = [...listed('P', 'csat', [5, 4, 2, 3, 4], [2, 1, 1, 0.5, 1.5]), ...listed('Q', 'csat', [4, 1, 5, 2], [1, 3, 1, 1])];
    const r = pick(bankComparisons(table(rows), {}), 'csat', 'P', 'Q');
    close(r.estimate_a, 75, 'P %');
    close(r.estimate_b, 100 / 3, 'Q %');
    close(r.statistic, 1.24932286024, 'X²');
    close(r.p_value, 0.263681846717, 'p');
    close(r.lo, -25.7586318825, 'lo');
    expect(r.hi).toBe(100); // R clips the interval at 1
  });

  // CES. P: 7, 6, 4, 5, 6 (weights 2, 1, 1, 0.5, 1.5): mean = 35.5/6 = 5.91667, n_eff = 4.2353;
  // Q: 5, 3, 4, 6, 2, 4 (weights 1, 3, 1, 1, 2, 1): mean = 32/9 = 3.55556, n_eff = 81/17 = 4.7647;
  // sd_w² = Σw(x − m)²/(Σw − Σw²/Σw), SE = sd_w/√n_eff, Welch–Satterthwaite df on n_eff − 1.
  it('CES: weighted Welch t with Kish n_eff', () => {
    const rows = [...listed('Q', 'ces', [5, 3, 4, 6, 2, 4], [1, 3, 1, 1, 2, 1]), ...listed('P', 'ces', [7, 6, 4, 5, 6], [2, 1, 1, 0.5, 1.5])];
    const r = pick(bankComparisons(table(rows), {}), 'ces', 'P', 'Q');
    close(r.estimate_a, 35.5 / 6, 'mean P');
    close(r.estimate_b, 32 / 9, 'mean Q');
    close(r.se, 0.867441702146, 'se');
    close(r.statistic, 2.72192483399, 't');
    close(r.df, 6.98872044518, 'df');
    close(r.p_value, 0.0297291077545, 'p');
    close(r.lo, 0.309266131785, 'lo');
    close(r.hi, 4.41295609044, 'hi');
  });

  it('a null weight counts as 1', () => {
    const unweighted = bankComparisons(table(cesRows), {});
    const nullWeights = bankComparisons(table(cesRows.map((r) => ({ ...r, weight: null }))), {});
    const ones = bankComparisons(table(cesRows.map((r) => ({ ...r, weight: 1 }))), {});
    expect(nullWeights.rows).toEqual(unweighted.rows);
    for (const [i, r] of ones.rows.entries()) close(r.p_value, unweighted.rows[i]!.p_value as number, 'p', 1e-12);
  });
});

describe('change: this period against the previous one', () => {
  // pab: previous 2025Q2 = bank B of the compare tests, current 2025Q3 = bank A (NPS, CSAT and CES):
  // change = current − previous, so the references are those of A − B.
  const rows = [
    ...[...npsRows, ...csatRows, ...cesRows].filter((r) => r.group === 'A').map((r) => ({ ...r, group: 'pab', period: '2025Q3' })),
    ...[...npsRows, ...csatRows, ...cesRows].filter((r) => r.group === 'B').map((r) => ({ ...r, group: 'pab', period: '2025Q2' })),
    // icbc: current quarter only (a new bank in the survey)
    ...answers('icbc', 'nps', { 10: 3, 8: 1 }, { period: '2025Q3' }),
  ];
  const names = ['group', 'period', 'weight', 'nps', 'csat', 'ces', 'overall'];
  const result = periodChange(table(rows, names), {});
  const get = (group: string, metric: string) => result.rows.find((r) => r.group === group && r.metric === metric)!;

  it('NPS change: by hand, as A − B above (+10 points, SE √145, p = 0.406)', () => {
    const r = get('pab', 'nps');
    expect([r.previous_period, r.current_period]).toEqual(['2025Q2', '2025Q3']);
    close(r.estimate_previous, 10, 'previous');
    close(r.estimate_current, 20, 'current');
    close(r.change, 10, 'change');
    close(r.se, Math.sqrt(145), 'se');
    close(r.p_value, 0.406281694118, 'p');
    expect(r.df).toBeNull();
    expect(r.significant).toBe(false);
    expect([r.n_previous, r.n_current]).toEqual([100, 100]);
    expect(r.test).toBe('NPS difference (z, SEs in quadrature)');
  });

  it('CSAT and CES change: = R prop.test / t.test (current, previous), no Holm', () => {
    const c = get('pab', 'csat');
    close(c.change, 5.33333333333, 'csat change (pp)');
    close(c.statistic, 0.848484848485, 'X²');
    close(c.p_value, 0.356981320408, 'p');
    close(c.lo, -5.84115669372, 'lo');
    const e = get('pab', 'ces');
    close(e.change, 1.21212121212, 'ces change');
    close(e.statistic, 2.37649390101, 't');
    close(e.df, 20.8762121818, 'df');
    close(e.p_value, 0.0271275657224, 'p (unadjusted)');
    expect(e.significant).toBe(true); // 0.027 < 0.05: one test per group and metric, no correction
    expect(result.columns.map((x) => x.name)).not.toContain('p_holm');
  });

  it('a group with one period only: its estimate, no test', () => {
    const r = get('icbc', 'nps');
    close(r.estimate_current, 75, 'current NPS = 100·3/4');
    expect(r.estimate_previous).toBeNull();
    expect([r.change, r.p_value, r.significant, r.se]).toEqual([null, null, null, null]);
    expect([r.n_previous, r.n_current]).toEqual([0, 4]);
    expect(result.rows.filter((x) => x.group === 'icbc')).toHaveLength(1); // no answers to csat/ces: no row
  });

  it('periods: sorted (numbers numerically), one period = current, more than two need `current`', () => {
    const numeric = periodChange(table([...listed('A', 'ces', [3, 4, 5], undefined, { period: 10 }), ...listed('A', 'ces', [5, 6, 7], undefined, { period: 9 })], names), {});
    expect([numeric.rows[0]!.previous_period, numeric.rows[0]!.current_period]).toEqual(['9', '10']);
    close(numeric.rows[0]!.change, -2, 'change 9 → 10');
    const three = table(['2025Q1', '2025Q2', '2025Q3'].flatMap((q, k) => listed('A', 'ces', [3 + k, 4 + k, 5 + k], undefined, { period: q })), names);
    expect(() => periodChange(three, {})).toThrow(/period holds 3 values \(2025Q1, 2025Q2, 2025Q3\)/);
    const picked = periodChange(three, { current: '2025Q2' });
    expect([picked.rows[0]!.previous_period, picked.rows[0]!.current_period]).toEqual(['2025Q1', '2025Q2']);
    close(picked.rows[0]!.change, 1, 'Q1 → Q2');
    const first = periodChange(three, { current: '2025Q1' });
    expect(first.rows[0]!.previous_period).toBeNull();
    expect(first.rows[0]!.p_value).toBeNull();
    const explicit = periodChange(three, { current: '2025Q3', previous: '2025Q1' });
    close(explicit.rows[0]!.change, 2, 'Q1 → Q3');
    expect(() => periodChange(table(npsRows, ['group', 'nps']), {})).toThrow(/needs columns period/);
  });

  it('empty input: typed columns, no rows; registered as `change`', () => {
    const r = runMethod('change', table([], names), {});
    expect(r.rows).toEqual([]);
    expect(r.columns).toEqual(CHANGE_COLUMNS);
    expect(r.columns.map((c) => c.name)).toEqual(['group', 'metric', 'previous_period', 'current_period', 'estimate_previous', 'estimate_current', 'change', 'se', 'statistic', 'df', 'p_value', 'significant', 'lo', 'hi', 'n_previous', 'n_current', 'test']);
    expect(Object.fromEntries(r.columns.map((c) => [c.name, c.type]))).toMatchObject({ group: 'VARCHAR', previous_period: 'VARCHAR', change: 'DOUBLE', significant: 'BOOLEAN', n_current: 'DOUBLE' });
  });
});

describe('correlation over periods = R cor.test', () => {
  const x10 = [12.5, 15.1, 14.0, 18.2, 21.7, 20.3, 24.8, 23.1, 27.9, 30.2];
  const y10 = [4.3, 4.1, 4.4, 4.2, 4.6, 4.3, 4.5, 4.7, 4.4, 4.8];
  const series = (group: string, x: (number | null)[], y: (number | null)[]): Row[] => x.map((xi, i) => ({ group, x: xi, y: y[i]! }));
  const input: QueryResult = {
    columns: [
      { name: 'group', type: 'VARCHAR' },
      { name: 'x', type: 'DOUBLE' },
      { name: 'y', type: 'DOUBLE' },
    ],
    rows: [
      ...series('ten', x10, y10),
      // a sixth quarter without y: not a complete pair
      ...series('five', [3, 8, 5, 10, 7, 6], [2.1, 3.9, 2.2, 4.0, 4.4, null]),
      ...series('three', [1, 2, 4], [2, 1, 5]),
      ...series('two', [1, 2], [3, 5]),
      ...series('flat', [1, 2, 3, 4, 5, 6, 7, 8], [4, 4, 4, 4, 4, 4, 4, 4]),
      ...series('eight', [1, 2, 3, 4, 5, 6, 7, 8], [9, 7, 8, 5, 6, 3, 4, 1]),
    ],
  };
  const result = correlationCell(input, {});
  const get = (g: string) => result.rows.find((r) => r.group === g)!;

  it('ten periods: r, t, p and the Fisher-z interval, no warning', () => {
    const r = get('ten');
    close(r.r, 0.690602557444, 'r');
    expect(r.n).toBe(10);
    close(r.statistic, 2.70081013836, 't');
    expect(r.df).toBe(8);
    close(r.p_value, 0.0270400917555, 'p');
    close(r.lo, 0.107888500087, 'lo');
    close(r.hi, 0.920134544407, 'hi');
    expect(r.warning_en).toBeNull();
    expect(r.warning_zh).toBeNull();
    const r90 = correlationCell(input, { level: 0.9 }).rows[0]!;
    close(r90.lo, 0.22356978275, 'lo 90%');
    close(r90.hi, 0.899730531575, 'hi 90%');
  });

  it('five complete periods: the values, and the warning for n < 8', () => {
    const r = get('five');
    expect(r.n).toBe(5);
    close(r.r, 0.830709742885, 'r');
    close(r.p_value, 0.081458072609, 'p');
    close(r.lo, -0.193029183708, 'lo');
    close(r.hi, 0.988498434463, 'hi');
    expect(r.warning_en).toBe('only 5 periods: too few for a reliable correlation (fewer than 8)');
    expect(r.warning_zh).toBe('仅 5 期：期数太少（少于 8 期），相关系数不可靠');
  });

  it('eight periods (negative): no warning', () => {
    const r = get('eight');
    close(r.r, -0.928587494238, 'r');
    close(r.statistic, -6.12902858, 't');
    close(r.p_value, 0.000862396676183, 'p');
    close(r.lo, -0.98725176642, 'lo');
    close(r.hi, -0.647808099355, 'hi');
    expect(r.warning_en).toBeNull();
  });

  it('three periods: r and p, no interval (as R); two periods or a constant series: null r', () => {
    const three = get('three');
    close(three.r, 0.838627869378, 'r');
    close(three.p_value, 0.366716573321, 'p');
    expect([three.lo, three.hi]).toEqual([null, null]);
    const two = get('two');
    expect([two.r, two.p_value, two.lo, two.statistic]).toEqual([null, null, null, null]);
    expect(two.n).toBe(2);
    expect(two.warning_en).toBe('only 2 periods: too few for a reliable correlation (fewer than 8)');
    const flat = get('flat');
    expect(flat.r).toBeNull();
    expect(flat.n).toBe(8);
    expect(flat.warning_en).toBe('one series is constant: no correlation');
  });

  it('pure function: perfect correlation, mismatched lengths', () => {
    const perfect = pearsonCorrelation([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(perfect.r).toBe(1);
    expect(perfect.p).toBe(0);
    expect(perfect.hi).toBe(1);
    expect(() => pearsonCorrelation([1, 2], [1])).toThrow(/differ in length/);
  });

  it('without a group column: one row with a null group; empty input: typed columns; registered', () => {
    const ungrouped = correlationCell({ columns: input.columns.slice(1), rows: series('ten', x10, y10).map(({ x, y }) => ({ x, y })) }, {});
    expect(ungrouped.rows).toHaveLength(1);
    expect(ungrouped.rows[0]!.group).toBeNull();
    close(ungrouped.rows[0]!.r, 0.690602557444, 'r');
    const empty = runMethod('correlation', { columns: input.columns, rows: [] }, {});
    expect(empty.rows).toEqual([]);
    expect(empty.columns).toEqual(CORRELATION_COLUMNS);
    expect(Object.fromEntries(empty.columns.map((c) => [c.name, c.type]))).toEqual({
      group: 'VARCHAR',
      r: 'DOUBLE',
      n: 'DOUBLE',
      statistic: 'DOUBLE',
      df: 'DOUBLE',
      p_value: 'DOUBLE',
      lo: 'DOUBLE',
      hi: 'DOUBLE',
      warning_en: 'VARCHAR',
      warning_zh: 'VARCHAR',
    });
    expect(() => correlationCell({ columns: [{ name: 'x', type: 'DOUBLE' }], rows: [] }, {})).toThrow(/needs columns y/);
  });
});
