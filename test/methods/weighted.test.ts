import { describe, expect, it } from 'vitest';
import { topBoxShare, weightedMeanInterval, wilsonInterval } from '../../src/methods/weighted.ts';

describe('weighted mean with a t interval (Kish n)', () => {
  it('reproduces R t.test(sleep$extra): mean 1.54, 95% CI 0.5955845 2.4844155, df 19', () => {
    // R's `sleep` data set, column `extra` (20 values).
    const extra = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0, 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const r = weightedMeanInterval(extra);
    expect(r.mean).toBeCloseTo(1.54, 12);
    expect(r.df).toBe(19);
    expect(r.nEff).toBe(20);
    expect(Math.abs(r.lo - 0.5955845)).toBeLessThan(5e-8);
    expect(Math.abs(r.hi - 2.4844155)).toBeLessThan(5e-8);
    // full precision (scipy 1.17.1 stats.ttest_1samp(extra, 0).confidence_interval())
    expect(r.lo).toBeCloseTo(0.5955844996196042, 12);
    expect(r.hi).toBeCloseTo(2.484415500380396, 12);
  });

  it('weighted, by hand (the same example as the SQL macros test)', () => {
    // x = 10, 9, 5, 8, 7 with w = 2, 1, 1, 0.5, NULL(→1); a missing answer is ignored.
    const r = weightedMeanInterval([10, 9, 5, 8, 7, null], [2, 1, 1, 0.5, null, 7]);
    expect(r.n).toBe(5);
    expect(r.nEff).toBeCloseTo(121 / 29, 12); // Σw = 5.5, Σw² = 7.25
    expect(r.mean).toBeCloseTo(90 / 11, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(4.5 / (121 / 29)), 12); // sd_w² = 4.5
    expect(r.df).toBeCloseTo(92 / 29, 12);
    // t quantile: scipy stats.t.ppf(0.975, 92/29) = 3.08680237441853
    expect(r.lo).toBeCloseTo(90 / 11 - 3.08680237441853 * r.se, 9);
    expect(r.lo).toBeCloseTo(4.976129112789069, 9);
    expect(r.hi).toBeCloseTo(11.387507250847294, 9);
  });

  it('is undefined with fewer than two effective answers', () => {
    const one = weightedMeanInterval([4, null]);
    expect(one.mean).toBe(4);
    expect(one.lo).toBeNaN();
    expect(weightedMeanInterval([]).mean).toBeNaN();
  });
});

describe('top-box share with a Wilson interval', () => {
  it('81 of 263: Newcombe (1998) Table II Wilson 0.2553–0.3662; = R prop.test(81, 263, correct = FALSE)', () => {
    const r = topBoxShare([...Array<number>(81).fill(5), ...Array<number>(182).fill(3)], 4);
    expect(r.share).toBeCloseTo((100 * 81) / 263, 12);
    expect(r.lo).toBeCloseTo(25.52885198782742, 9);
    expect(r.hi).toBeCloseTo(36.620957698280004, 9);
  });
  it('uses Kish n with weights', () => {
    const r = topBoxShare([5, 4, 4, 3, 1, null], 4, [2, 1, 0.5, 1, 1.5, 1]);
    expect(r.nEff).toBeCloseTo(36 / 8.5, 12);
    const w = wilsonInterval(3.5 / 6, 36 / 8.5);
    expect(r.lo).toBe(w.lo);
    expect(r.hi).toBe(w.hi);
  });
});
