import { randomLcg, randomNormal } from 'd3';
import { describe, expect, it } from 'vitest';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { runMethod } from '../../src/methods/cells.ts';
import { compareMetric } from '../../src/methods/comparison.ts';
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
});
