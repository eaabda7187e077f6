import { describe, expect, it } from 'vitest';
import { npsEstimate, weightedMeanInterval } from '../../src/methods/weighted.ts';
import {
  benjaminiHochberg,
  holm,
  npsDifference,
  oneSampleTTest,
  pairedTTest,
  twoProportionTest,
  welchTTest,
  type TestResult,
} from '../../src/methods/significance.ts';

// Reference values: R 4.2.2, printed with sprintf('%.12g') by test/fixtures/methods/significance.R
// (regenerate with `Rscript test/fixtures/methods/significance.R`). Tolerance 1e-6 unless stated.
const TOL = 1e-6;

interface Expected {
  estimate: number;
  se: number;
  statistic: number;
  df: number | null;
  p: number;
  lo: number;
  hi: number;
}

function expectClose(r: TestResult, e: Expected, tol = TOL): void {
  expect(Math.abs(r.estimate - e.estimate), 'estimate').toBeLessThan(tol);
  expect(Math.abs(r.se - e.se), 'se').toBeLessThan(tol);
  expect(Math.abs(r.statistic - e.statistic), 'statistic').toBeLessThan(tol);
  if (e.df === null) expect(r.df).toBeNull();
  else expect(Math.abs(r.df! - e.df), 'df').toBeLessThan(tol);
  expect(Math.abs(r.p - e.p), 'p').toBeLessThan(tol);
  expect(Math.abs(r.lo - e.lo), 'lo').toBeLessThan(tol);
  expect(Math.abs(r.hi - e.hi), 'hi').toBeLessThan(tol);
}

// R's `sleep` data set (Student 1908): extra hours of sleep of 10 patients under drug 1 and drug 2.
const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
// Own vectors with unequal n and missing values (x2 has 7 answers, y2 has 11).
const x2 = [19.1, 22.4, 17.8, 25.0, 21.3, null, 20.2, 23.9];
const y2 = [16.5, 18.2, 20.9, 15.4, 17.7, 19.8, 14.6, null, 18.1, 16.9, 17.3, 21.0];

describe('Welch two-sample t test', () => {
  it('sleep: = R t.test(extra ~ group, data = sleep)', () => {
    const r = welchTTest(sleep1, sleep2);
    expectClose(r, {
      estimate: -1.58,
      se: 0.849091017239,
      statistic: -1.86081346749,
      df: 17.7764735162,
      p: 0.0793941401874,
      lo: -3.36548323071,
      hi: 0.205483230712,
    });
    expect(r.x.mean).toBeCloseTo(0.75, 12);
    expect(r.y.mean).toBeCloseTo(2.33, 12);
    expect(r.n).toBe(20);
  });

  it('unequal n with missing values: = R t.test(x2, y2), and t.test(y2, x2, conf.level = 0.9)', () => {
    const r = welchTTest(x2, y2);
    expectClose(r, {
      estimate: 3.53116883117,
      se: 1.15738624694,
      statistic: 3.05098565021,
      df: 10.8329975054,
      p: 0.0112101041204,
      lo: 0.978979393099,
      hi: 6.08335826924,
    });
    expect(r.x.n).toBe(7);
    expect(r.y.n).toBe(11);
    expect(r.n).toBe(18);
    expect(r.x.mean).toBeCloseTo(21.3857142857, 9);
    expect(r.y.mean).toBeCloseTo(17.8545454545, 9);
    const s = welchTTest(y2, x2, undefined, undefined, 0.9);
    expectClose(s, {
      estimate: -3.53116883117,
      se: 1.15738624694,
      statistic: -3.05098565021,
      df: 10.8329975054,
      p: 0.0112101041204,
      lo: -5.6126373285,
      hi: -1.44970033384,
    });
  });

  it('one sample with zero variance is fine: = R t.test(c(1, 1, 1), c(2, 3, 4))', () => {
    expectClose(welchTTest([1, 1, 1], [2, 3, 4]), {
      estimate: -2,
      se: 0.57735026919,
      statistic: -3.46410161514,
      df: 2,
      p: 0.0741799002274,
      lo: -4.48413771175,
      hi: 0.48413771175,
    });
  });

  it('weights all 1 equal the unweighted test', () => {
    const ones = (v: readonly unknown[]) => v.map(() => 1);
    const u = welchTTest(x2, y2);
    const w = welchTTest(x2, y2, ones(x2), ones(y2));
    for (const key of ['estimate', 'se', 'statistic', 'df', 'p', 'lo', 'hi'] as const) expect(w[key]).toBeCloseTo(u[key], 12);
  });

  it('weighted, by hand (Kish n_eff per sample, Welch–Satterthwaite df with n_eff − 1)', () => {
    // x = 7, 8, 6, 9, 10 with w = 1, 2, 1, 0.5, 1.5: Σw = 6, Σw² = 8.5, n_eff = 36/8.5 = 4.23529…,
    //   mean = 48.5/6 = 8.08333…, sd_w² = Σw(x − m)²/(Σw − Σw²/Σw) = (275/24)/(55/12) = 2.5, se = sqrt(2.5/n_eff) = 0.768295…
    // y = 5, 6, 8, 4, 6, 7 with w = 2, 1, 1, 1, 0.5, 1: mean = 38/6.5 = 5.84615…, n_eff = 42.25/8.25 = 5.12121…
    // se = sqrt(se_x² + se_y²), df = se⁴ / (se_x⁴/(n_eff,x − 1) + se_y⁴/(n_eff,y − 1)); computed in significance.R §7.
    const xw = [7, 8, 6, 9, 10];
    const wx = [1, 2, 1, 0.5, 1.5];
    const yw = [5, 6, 8, 4, 6, 7];
    const wy = [2, 1, 1, 1, 0.5, 1];
    const r = welchTTest(xw, yw, wx, wy);
    expect(r.x.mean).toBeCloseTo(48.5 / 6, 12);
    expect(r.x.nEff).toBeCloseTo(36 / 8.5, 12);
    expect(r.y.mean).toBeCloseTo(38 / 6.5, 12);
    expect(r.y.nEff).toBeCloseTo(42.25 / 8.25, 12);
    expect(r.x.se).toBeCloseTo(0.768295371441, 9);
    expect(r.y.se).toBeCloseTo(0.636309954747, 9);
    expectClose(r, {
      estimate: 2.23717948718,
      se: 0.997581142709,
      statistic: 2.24260402628,
      df: 6.71546258242,
      p: 0.0614330535704,
      lo: -0.142138359689,
      hi: 4.61649733405,
    });
  });

  it('integer weights k give the same means as repeating rows k times', () => {
    const r = welchTTest([3, 5, 8], [2, 4], [2, 1, 3], [1, 4]);
    const rep = welchTTest([3, 3, 5, 8, 8, 8], [2, 4, 4, 4, 4]);
    expect(r.estimate).toBeCloseTo(rep.estimate, 12);
    expect(r.x.mean).toBeCloseTo(rep.x.mean, 12);
    expect(r.y.mean).toBeCloseTo(rep.y.mean, 12);
    // …but not the same n: the weighted version uses Kish n_eff (36/14 and 25/17), not 6 and 5.
    expect(r.x.nEff).toBeCloseTo(36 / 14, 12);
    expect(r.y.nEff).toBeCloseTo(25 / 17, 12);
  });

  it('identical samples: estimate 0, t 0, p 1', () => {
    const r = welchTTest(sleep1, sleep1);
    expect(r.estimate).toBe(0);
    expect(r.statistic).toBe(0);
    expect(r.p).toBeCloseTo(1, 12);
    expect(r.df).toBeCloseTo(18, 12);
    expect(r.lo).toBeCloseTo(-r.hi, 12);
  });

  it('constant samples or n < 2: NaN where undefined, never a throw', () => {
    const constant = welchTTest([1, 1, 1], [2, 2, 2]); // R stops: "data are essentially constant"
    expect(constant.estimate).toBe(-1);
    expect(constant.se).toBe(0);
    expect(constant.statistic).toBeNaN();
    expect(constant.p).toBeNaN();
    expect(constant.df).toBeNaN();
    expect(constant.lo).toBeNaN();
    const one = welchTTest([4], [1, 2, 3]);
    expect(one.estimate).toBe(2);
    expect(one.statistic).toBeNaN();
    expect(one.p).toBeNaN();
    expect(one.lo).toBeNaN();
    expect(one.hi).toBeNaN();
    const empty = welchTTest([], [null, null]);
    expect(empty.estimate).toBeNaN();
    expect(empty.p).toBeNaN();
    expect(empty.n).toBe(0);
  });
});

describe('paired t test', () => {
  it('sleep: = R t.test(x1, y1, paired = TRUE), 95% and 99%', () => {
    const expected = {
      estimate: -1.58,
      se: 0.388958723888,
      statistic: -4.06212768338,
      df: 9,
      p: 0.00283289019738,
      lo: -2.45988576328,
      hi: -0.700114236723,
    };
    const r = pairedTTest(sleep1, sleep2);
    expectClose(r, expected);
    expect(r.n).toBe(10);
    expect(r.nEff).toBe(10);
    expectClose(pairedTTest(sleep1, sleep2, undefined, 0.99), { ...expected, lo: -2.8440518851, hi: -0.315948114895 });
  });

  it('drops incomplete pairs: = R t.test(x2, y2[1:8], paired = TRUE) (6 complete pairs)', () => {
    const r = pairedTTest(x2, y2.slice(0, 8));
    expect(r.n).toBe(6);
    expectClose(r, {
      estimate: 3.75,
      se: 1.69425499852,
      statistic: 2.21336221719,
      df: 5,
      p: 0.077774789619,
      lo: -0.605221124124,
      hi: 8.10522112412,
    });
  });

  it('weights all 1 equal the unweighted test', () => {
    const u = pairedTTest(sleep1, sleep2);
    const w = pairedTTest(sleep1, sleep2, sleep1.map(() => 1));
    for (const key of ['estimate', 'se', 'statistic', 'df', 'p', 'lo', 'hi', 'nEff'] as const) expect(w[key]).toBeCloseTo(u[key], 12);
  });

  it('weighted, by hand: = the weighted mean interval of the differences', () => {
    // d = x − y = 1, 0, 3, 3, −1, 2 with w = 1, 2, 0.5, 1.5, 1, 3: Σw = 9, Σw² = 17.5, n_eff = 81/17.5 = 4.628571…,
    //   mean = Σw·d/Σw = 12/9 = 1.3333…, sd_w² = Σw(d − m)²/(Σw − Σw²/Σw) = 16/7.0555… = 2.26772…,
    //   se = sqrt(sd_w²/n_eff) = 0.699956…, t = 1.904881, df = n_eff − 1 = 3.628571 (significance.R §7).
    const x = [5, 7, 6, 9, 4, 8];
    const y = [4, 7, 3, 6, 5, 6];
    const w = [1, 2, 0.5, 1.5, 1, 3];
    const r = pairedTTest(x, y, w);
    expect(r.nEff).toBeCloseTo(81 / 17.5, 12);
    expect(r.estimate).toBeCloseTo(12 / 9, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(16 / (9 - 17.5 / 9) / (81 / 17.5)), 12);
    expectClose(r, {
      estimate: 1.33333333333,
      se: 0.699956254101,
      statistic: 1.90488094866,
      df: 3.62857142857,
      p: 0.136770385309,
      lo: -0.691081768574,
      hi: 3.35774843524,
    });
    const m = weightedMeanInterval([1, 0, 3, 3, -1, 2], w);
    expect(r.lo).toBe(m.lo);
    expect(r.hi).toBe(m.hi);
    // a pair with a missing side drops its weight too
    const withGap = pairedTTest([...x, null, 3], [...y, 2, undefined], [...w, 50, 50]);
    expect(withGap.n).toBe(6);
    expect(withGap.p).toBe(r.p);
  });

  it('integer weights k give the same mean difference as repeating pairs k times', () => {
    const r = pairedTTest([5, 7, 6], [4, 4, 6], [3, 1, 2]);
    const rep = pairedTTest([5, 5, 5, 7, 6, 6], [4, 4, 4, 4, 6, 6]);
    expect(r.estimate).toBeCloseTo(rep.estimate, 12);
    expect(r.nEff).toBeCloseTo(36 / 14, 12);
  });

  it('identical samples, constant differences, n < 2: NaN, no throw', () => {
    const same = pairedTTest(sleep1, sleep1);
    expect(same.estimate).toBe(0);
    expect(same.se).toBe(0);
    expect(same.statistic).toBeNaN();
    expect(same.p).toBeNaN();
    expect(same.lo).toBe(0);
    expect(same.hi).toBe(0);
    const shift = pairedTTest([1.1, 2.2, 3.3], [0.1, 1.2, 2.3]); // d ≈ 1 up to rounding: still "constant"
    expect(shift.estimate).toBeCloseTo(1, 12);
    expect(shift.statistic).toBeNaN();
    const one = pairedTTest([3, null], [1, 2]);
    expect(one.n).toBe(1);
    expect(one.estimate).toBe(2);
    expect(one.lo).toBeNaN();
    expect(one.hi).toBeNaN();
    expect(one.p).toBeNaN();
    expect(pairedTTest([], []).estimate).toBeNaN();
    expect(() => pairedTTest([1, 2], [1])).toThrow(/length/);
  });
});

describe('one-sample t test', () => {
  it('= R t.test(sleep$extra, mu = 1)', () => {
    const r = oneSampleTTest([...sleep1, ...sleep2], undefined, 1);
    expectClose(r, {
      estimate: 1.54,
      se: 0.451220566907,
      statistic: 1.19675395938,
      df: 19,
      p: 0.24612241804,
      lo: 0.59558449962,
      hi: 2.48441550038,
    });
  });
  it('= R t.test(x2, mu = 20, conf.level = 0.9) (missing value skipped)', () => {
    const r = oneSampleTTest(x2, undefined, 20, 0.9);
    expect(r.n).toBe(7);
    expectClose(r, {
      estimate: 21.3857142857,
      se: 0.974784120528,
      statistic: 1.42156017577,
      df: 6,
      p: 0.204985969062,
      lo: 19.4915330049,
      hi: 23.2798955665,
    });
  });
});

describe('two-proportion test (R prop.test, correct = FALSE)', () => {
  it('R ?prop.test smokers: prop.test(c(83, 90), c(86, 93))', () => {
    const r = twoProportionTest(83, 86, 90, 93);
    expect(r.p1).toBeCloseTo(0.96511627907, 10);
    expect(r.p2).toBeCloseTo(0.967741935484, 10);
    expect(r.df).toBe(1);
    expect(r.n).toBe(179);
    expect(Math.abs(r.statistic - 0.00950851874818)).toBeLessThan(TOL);
    expect(Math.abs(r.p - 0.922320095734)).toBeLessThan(TOL);
    expect(Math.abs(r.lo - -0.0554773785585)).toBeLessThan(TOL);
    expect(Math.abs(r.hi - 0.0502260657303)).toBeLessThan(TOL);
  });

  it('prop.test(c(129, 70), c(136, 82)) at 95% and 90%', () => {
    const r = twoProportionTest(129, 136, 70, 82);
    expect(r.estimate).toBeCloseTo(0.948529411765 - 0.853658536585, 10);
    expect(Math.abs(r.statistic - 5.78719866037)).toBeLessThan(TOL);
    expect(Math.abs(r.p - 0.0161432937786)).toBeLessThan(TOL);
    expect(Math.abs(r.lo - 0.00983318873023)).toBeLessThan(TOL);
    expect(Math.abs(r.hi - 0.179908561628)).toBeLessThan(TOL);
    expect(r.statistic).toBeCloseTo((r.estimate / r.sePooled) ** 2, 12);
    const n = twoProportionTest(129, 136, 70, 82, 0.9);
    expect(n.p).toBe(r.p);
    expect(Math.abs(n.lo - 0.0235049990272)).toBeLessThan(TOL);
    expect(Math.abs(n.hi - 0.166236751332)).toBeLessThan(TOL);
  });

  it('non-integer (weighted) counts: prop.test(c(41.3, 28.7), c(60.2, 55.9))', () => {
    const r = twoProportionTest(41.3, 60.2, 28.7, 55.9);
    expect(r.p1).toBeCloseTo(0.686046511628, 10);
    expect(r.p2).toBeCloseTo(0.513416815742, 10);
    expect(Math.abs(r.statistic - 3.60805014183)).toBeLessThan(TOL);
    expect(Math.abs(r.p - 0.0575004992171)).toBeLessThan(TOL);
    expect(Math.abs(r.lo - -0.00318796379863)).toBeLessThan(TOL);
    expect(Math.abs(r.hi - 0.34844735557)).toBeLessThan(TOL);
  });

  it('clips the interval to [−1, 1] as R: prop.test(c(9, 1), c(10, 10))', () => {
    const r = twoProportionTest(9, 10, 1, 10);
    expect(r.statistic).toBeCloseTo(12.8, 10);
    expect(Math.abs(r.p - 0.000346619351135)).toBeLessThan(TOL);
    expect(Math.abs(r.lo - 0.537043237827)).toBeLessThan(TOL);
    expect(r.hi).toBe(1);
  });

  it('degenerate input gives NaN, no throw', () => {
    const none = twoProportionTest(0, 10, 0, 12); // R: X-squared NaN
    expect(none.estimate).toBe(0);
    expect(none.statistic).toBeNaN();
    expect(none.p).toBeNaN();
    expect(twoProportionTest(3, 0, 1, 5).p).toBeNaN();
    expect(twoProportionTest(6, 5, 1, 5).p).toBeNaN();
  });
});

describe('NPS estimate and difference of two independent NPS', () => {
  // By hand (methods.md, Loyalty; checked in significance.R §6):
  //   A: 90 promoters, 40 detractors of 200 → p = 0.45, d = 0.20, NPS = 25,
  //      SE = 100·sqrt((0.65 − 0.25²)/200) = 100·sqrt(0.5875/200) = 5.41987084717
  //   B: 54 promoters, 45 detractors of 150 → p = 0.36, d = 0.30, NPS = 6,
  //      SE = 100·sqrt((0.66 − 0.06²)/150) = 100·sqrt(0.6564/150) = 6.61513416342
  //   A − B = 19, SE = sqrt(29.375 + 43.76) = sqrt(73.135) = 8.5519003736, z = 19/8.5519… = 2.22172840772,
  //   p = 2Φ(−2.2217…) = 0.0263016655267, 95% CI 19 ± 1.95996398454·8.5519… = [2.23858326837, 35.7614167316],
  //   90% CI 19 ± 1.64485362695·8.5519… = [4.93337565315, 33.0666243468].
  const a = npsEstimate(90, 40, 200);
  const b = npsEstimate(54, 45, 150);

  it('NPS and SE from counts', () => {
    expect(a.nps).toBeCloseTo(25, 12);
    expect(a.se).toBeCloseTo(100 * Math.sqrt(0.5875 / 200), 12);
    expect(Math.abs(a.se - 5.41987084717)).toBeLessThan(TOL);
    expect(b.nps).toBeCloseTo(6, 12);
    expect(Math.abs(b.se - 6.61513416342)).toBeLessThan(TOL);
    expect(a.promoters).toBe(0.45);
    expect(a.detractors).toBe(0.2);
    expect(a.nEff).toBe(200);
  });

  it('weighted sums with Kish n_eff in the SE', () => {
    // shares from weighted sums (Σw = 80), SE with n_eff = 50
    const w = npsEstimate(36, 16, 80, 50);
    expect(w.nps).toBeCloseTo(25, 12);
    expect(w.se).toBeCloseTo(100 * Math.sqrt(0.5875 / 50), 12);
  });

  it('difference: SEs in quadrature, z test, two-sided p, CI', () => {
    const d = npsDifference(a, b);
    expectClose(d, {
      estimate: 19,
      se: 8.5519003736,
      statistic: 2.22172840772,
      df: null,
      p: 0.0263016655267,
      lo: 2.23858326837,
      hi: 35.7614167316,
    });
    expect(d.n).toBe(350);
    const d90 = npsDifference(a, b, 0.9);
    expect(Math.abs(d90.lo - 4.93337565315)).toBeLessThan(TOL);
    expect(Math.abs(d90.hi - 33.0666243468)).toBeLessThan(TOL);
    const reversed = npsDifference(b, a);
    expect(reversed.estimate).toBeCloseTo(-19, 12);
    expect(reversed.p).toBe(d.p);
  });

  it('plain {nps, se} input; equal NPS; zero SE; no respondents', () => {
    const d = npsDifference({ nps: 30, se: 3 }, { nps: 30, se: 4 });
    expect(d.estimate).toBe(0);
    expect(d.se).toBe(5);
    expect(d.statistic).toBe(0);
    expect(d.p).toBe(1);
    expect(d.n).toBeNaN();
    const zero = npsDifference({ nps: 100, se: 0 }, { nps: 100, se: 0 });
    expect(zero.statistic).toBeNaN();
    expect(zero.p).toBeNaN();
    const empty = npsEstimate(0, 0, 0);
    expect(empty.nps).toBeNaN();
    expect(empty.se).toBeNaN();
    expect(npsEstimate(10, 0, 10).se).toBe(0);
  });
});

describe('Holm step-down adjustment (R p.adjust(p, "holm"))', () => {
  it('unsorted input with ties', () => {
    const r = holm([0.01, 0.04, 0.03, 0.005, 0.04, 0.2, 0.03]);
    const expected = [0.06, 0.15, 0.15, 0.035, 0.15, 0.2, 0.15];
    r.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });
  it('missing values pass through as NaN and do not count', () => {
    const r = holm([0.02, null, 0.001, 0.5, 0.02]);
    expect(r[1]).toBeNaN();
    [0.06, Number.NaN, 0.004, 0.5, 0.06].forEach((v, i) => {
      if (i !== 1) expect(r[i]).toBeCloseTo(v, 12);
    });
    const n = holm([0.02, Number.NaN, 0.001, undefined]);
    expect(n[1]).toBeNaN();
    expect(n[3]).toBeNaN();
    expect(n[0]).toBeCloseTo(0.02, 12);
    expect(n[2]).toBeCloseTo(0.002, 12);
  });
  it('capped at 1', () => {
    const r = holm([0.3, 0.6, 0.01, 0.9]);
    [0.9, 1, 0.04, 1].forEach((v, i) => expect(r[i]).toBeCloseTo(v, 12));
  });
  it('empty and single', () => {
    expect(holm([])).toEqual([]);
    expect(holm([0.03])).toEqual([0.03]);
  });
});

describe('Benjamini–Hochberg adjustment (R p.adjust(p, "BH"))', () => {
  it('matches R, keeps the order, and skips missing p-values', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2, null, 0.04, 0.9]);
    [0.035, 0.056, 0.056, 0.035, 0.233333333333, Number.NaN, 0.056, 0.9].forEach((r, i) => {
      if (Number.isNaN(r)) expect(q[i]).toBeNaN();
      else expect(q[i]).toBeCloseTo(r, 11);
    });
    // set.seed(7); round(runif(12)^3, 6)
    const p = [0.967096, 0.062924, 0.001549, 0.000339, 0.014482, 0.496813, 0.039326, 0.918507, 0.004562, 0.096768, 0.005066, 0.012403];
    const r = [0.967096, 0.094386, 0.009294, 0.004068, 0.028964, 0.5961756, 0.067416, 0.967096, 0.015198, 0.129024, 0.015198, 0.028964];
    benjaminiHochberg(p).forEach((v, i) => expect(v).toBeCloseTo(r[i]!, 9));
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
