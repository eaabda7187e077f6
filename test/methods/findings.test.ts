import { randomLcg, randomNormal } from 'd3';
import { describe, expect, it } from 'vitest';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { runMethod } from '../../src/methods/cells.ts';
import { compareMetric } from '../../src/methods/comparison.ts';
import { twoProportionTest } from '../../src/methods/significance.ts';
import { shiftQuarter } from '../../src/methods/findings.ts';
import { benjaminiHochberg, welchTTest } from '../../src/methods/significance.ts';

/** Seeded respondents of two banks over five quarters; cmb's NPS and queue rating rise in 2026Q3 (planted), nothing else moves. */
function data(): QueryResult {
  const random = randomLcg(42);
  const normal = randomNormal.source(random);
  const rows: Row[] = [];
  for (const period of ['2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3']) {
    for (const bank of ['cmb', 'icbc']) {
      const planted = bank === 'cmb' && period === '2026Q3';
      const queue = normal(planted ? 7.2 : 6, 1.5);
      for (let i = 0; i < 400; i++) {
        const u = random();
        rows.push({
          bank,
          period,
          weight: 0.5 + random(),
          // Planted: 50% promoters instead of 30%.
          nps: u < (planted ? 0.5 : 0.3) ? 9 + Math.floor(random() * 2) : u < 0.6 ? 7 + Math.floor(random() * 2) : Math.floor(random() * 7),
          csat: 1 + Math.floor(random() * 5),
          perf_queue: Math.min(10, Math.max(0, Math.round(queue()))),
        });
      }
    }
  }
  return {
    columns: [
      { name: 'bank', type: 'VARCHAR' },
      { name: 'period', type: 'VARCHAR' },
      { name: 'weight', type: 'DOUBLE' },
      { name: 'nps', type: 'DOUBLE' },
      { name: 'csat', type: 'DOUBLE' },
      { name: 'perf_queue', type: 'DOUBLE' },
    ],
    rows,
  };
}

describe('findings: the quarter\'s changes, tested as a family', () => {
  const input = data();
  const result = runMethod('findings', input, {});
  const find = (bank: string, metric: string, comparison: string) => result.rows.find((r) => r.bank === bank && r.metric === metric && r.comparison === comparison)!;

  it('tests every score for all banks and each bank, against the previous quarter, a year earlier and the peers', () => {
    // 3 groups (all, cmb, icbc) × 3 metrics × 3 comparisons, less the peers of "all".
    expect(result.rows).toHaveLength(3 * 3 * 3 - 3);
    expect(find('cmb', 'nps', 'previous')).toMatchObject({ period: '2026Q3', other_period: '2026Q2', n: 400, n_other: 400 });
    expect(find('cmb', 'nps', 'year_ago')).toMatchObject({ other_period: '2025Q3' });
    expect(find('cmb', 'nps', 'peers')).toMatchObject({ other_period: null, n_other: 400 });
  });

  it('finds the planted changes and, at q = 0.05, none of the others', () => {
    const significant = result.rows.filter((r) => r.significant).map((r) => `${r.bank} ${r.metric} ${r.comparison}`).sort();
    expect(significant).toEqual(expect.arrayContaining(['cmb nps previous', 'cmb nps year_ago', 'cmb nps peers', 'cmb perf_queue previous']));
    // Nothing on csat, which was never moved, and nothing for icbc against its own past.
    expect(significant.filter((s) => s.includes('csat') || /^icbc .* (previous|year_ago)$/.test(s))).toEqual([]);
    expect(find('cmb', 'nps', 'previous').difference as number).toBeGreaterThan(10);
    expect(find('cmb', 'nps', 'previous').effect as number).toBeGreaterThan(0.2);
  });

  it('each test is the one the metric\'s page uses, and q is Benjamini–Hochberg over the whole family', () => {
    const byPeriod = (bank: string, period: string, metric: string) => {
      const rs = input.rows.filter((r) => r.bank === bank && r.period === period);
      return { values: rs.map((r) => r[metric] as number), weights: rs.map((r) => r.weight as number) };
    };
    const nps = compareMetric('nps', byPeriod('cmb', '2026Q3', 'nps'), byPeriod('cmb', '2026Q2', 'nps'));
    expect(find('cmb', 'nps', 'previous')).toMatchObject({ difference: nps.difference, p_value: nps.p, lo: nps.lo, hi: nps.hi });
    const a = byPeriod('icbc', '2026Q3', 'perf_queue');
    const b = byPeriod('icbc', '2025Q3', 'perf_queue');
    const welch = welchTTest(a.values, b.values, a.weights, b.weights);
    expect(find('icbc', 'perf_queue', 'year_ago').p_value).toBeCloseTo(welch.p, 12);
    // Minimum detectable difference at 80% power: (qnorm(0.975) + qnorm(0.8)) · SE = 2.801585 · SE.
    expect(find('icbc', 'perf_queue', 'year_ago').mde as number).toBeCloseTo(2.80158521 * welch.se, 6);
    const q = benjaminiHochberg(result.rows.map((r) => r.p_value as number));
    result.rows.forEach((r, i) => expect(r.q_value).toBeCloseTo(q[i]!, 12));
  });

  it('shifts quarters across years, and takes the current period as an option', () => {
    expect([shiftQuarter('2026Q1', -1), shiftQuarter('2026Q3', -4), shiftQuarter('2025Q4', 1), shiftQuarter('2025-03', -1)]).toEqual(['2025Q4', '2025Q3', '2026Q1', null]);
    const earlier = runMethod('findings', input, { current: '2026Q2' });
    expect(earlier.rows.every((r) => r.period === '2026Q2')).toBe(true);
    expect(earlier.rows.filter((r) => r.significant).length).toBeLessThanOrEqual(1);
    expect(() => runMethod('findings', input, { q: 5 })).toThrow('q must be between 0 and 1');
  });

  it('takes figures measured on other respondents as long rows (metric, value): a 0/1 mismatch as a share, a gap as a mean, in the same family', () => {
    const random = randomLcg(7);
    const extra: Row[] = [];
    for (const period of ['2026Q2', '2026Q3']) {
      for (const bank of ['cmb', 'icbc']) {
        // Planted: cmb's seniors are served outside their preferred channel far more often in 2026Q3 (60% instead of 30%).
        const share = bank === 'cmb' && period === '2026Q3' ? 0.6 : 0.3;
        for (let i = 0; i < 300; i++) extra.push({ bank, period, weight: null, metric: 'mismatch_senior', value: random() < share ? 1 : 0 });
        for (let i = 0; i < 200; i++) extra.push({ bank, period, weight: 1, metric: 'gap5_reliability', value: -1 + (random() - 0.5) * 2 });
      }
    }
    const mixed: QueryResult = {
      columns: [...input.columns, { name: 'metric', type: 'VARCHAR' }, { name: 'value', type: 'DOUBLE' }],
      rows: [...input.rows.map((r) => ({ ...r, metric: null, value: null })), ...extra],
    };
    const r = runMethod('findings', mixed, {});
    const get = (bank: string, metric: string, comparison: string) => r.rows.find((x) => x.bank === bank && x.metric === metric && x.comparison === comparison)!;
    // The wide figures are unchanged by the long rows beside them.
    expect(get('cmb', 'nps', 'previous')).toMatchObject({ difference: find('cmb', 'nps', 'previous').difference, n: 400 });
    const cmb = extra.filter((x) => x.bank === 'cmb' && x.metric === 'mismatch_senior');
    const hits = (period: string) => cmb.filter((x) => x.period === period && x.value === 1).length;
    // Unweighted 0/1: exactly R's prop.test(c(x1, x2), c(300, 300), correct = FALSE).
    const expected = twoProportionTest(hits('2026Q3'), 300, hits('2026Q2'), 300);
    expect(get('cmb', 'mismatch_senior', 'previous')).toMatchObject({ n: 300, n_other: 300, significant: true, test: 'two-proportion' });
    expect(get('cmb', 'mismatch_senior', 'previous').p_value).toBeCloseTo(expected.p, 12);
    expect(get('cmb', 'mismatch_senior', 'previous').difference).toBeCloseTo(100 * expected.estimate, 10);
    expect(get('icbc', 'mismatch_senior', 'previous').significant).toBe(false);
    expect(get('cmb', 'gap5_reliability', 'previous')).toMatchObject({ n: 200, test: 'Welch t' });
    // Long figures have no year-ago data here: only the tests that can be made are listed, and all join one BH family.
    expect(r.rows.some((x) => x.metric === 'gap5_reliability' && x.comparison === 'year_ago')).toBe(false);
    const q = benjaminiHochberg(r.rows.map((x) => x.p_value as number));
    r.rows.forEach((x, i) => expect(x.q_value).toBeCloseTo(q[i]!, 12));
    // The minimum detectable difference in standard deviations, to compare with a stated size.
    expect(get('icbc', 'gap5_reliability', 'previous').mde_d as number).toBeGreaterThan(0.2);
    // A figure whose page shows one bank at a time is not tested for all banks together.
    expect(r.rows.some((x) => x.bank === '*' && x.metric === 'gap5_reliability')).toBe(true);
    const perBank = runMethod('findings', mixed, { per_bank_only: '^gap5_' });
    expect(perBank.rows.some((x) => x.bank === '*' && x.metric === 'gap5_reliability')).toBe(false);
    expect(perBank.rows.some((x) => x.bank === 'cmb' && x.metric === 'gap5_reliability')).toBe(true);
  });
});
