import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { rake, RakingError, type RakingMargin } from '../../src/methods/raking.ts';

// R's survey::rake on the survey package's apistrat, raked to apipop's margins (test/fixtures/raking/raking.R).
const read = (file: string) =>
  Papa.parse<Record<string, string>>(fs.readFileSync(`test/fixtures/raking/${file}`, 'utf8'), { header: true, skipEmptyLines: true }).data;
const schools = read('apistrat.csv');
const margins = (variables: string[]): RakingMargin[] =>
  variables.map((variable) => ({
    variable,
    shares: new Map(read('margins.csv').filter((r) => r.variable === variable).map((r) => [r.category!, Number(r.share)])),
  }));
const categories = Object.fromEntries(['stype', 'sch_wide', 'awards'].map((v) => [v, schools.map((s) => s[v]!)]));
const kishDeff = (w: ArrayLike<number>) => {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < w.length; i++) (s += w[i]!), (s2 += w[i]! * w[i]!);
  return (w.length * s2) / (s * s);
};
const TIGHT = { tolerance: 1e-12, maxIterations: 1000 };

describe('raking (iterative proportional fitting) against R survey::rake', () => {
  it('from the design weights pw, on school type and school-wide target met: every weight and the design effect to 1e-6', () => {
    const r = rake(schools.map((s) => Number(s.pw)), categories, margins(['stype', 'sch_wide']), TIGHT);
    expect(r.converged).toBe(true);
    schools.forEach((s, i) => expect(Math.abs(r.weights[i]! - Number(s.w_two)), `school ${s.cds}`).toBeLessThan(1e-6));
    expect(Math.abs(r.designEffect - 1.18637925585)).toBeLessThan(1e-6);
    expect(r.designEffect).toBeCloseTo(kishDeff(r.weights), 12);
    expect(r.nEff).toBeCloseTo(200 / r.designEffect, 9);
  });

  it('from equal weights, on three variables', () => {
    const r = rake(schools.map(() => null), categories, margins(['stype', 'sch_wide', 'awards']), TIGHT);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(1);
    schools.forEach((s, i) => expect(Math.abs(r.weights[i]! - Number(s.w_three))).toBeLessThan(1e-6));
    expect(Math.abs(r.designEffect - 1.19621590449)).toBeLessThan(1e-6);
    // Mean 1, and every margin met.
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(200, 9);
    for (const m of margins(['stype', 'sch_wide', 'awards'])) {
      for (const [category, share] of m.shares) {
        const got = schools.reduce((s, row, i) => s + (row[m.variable] === category ? r.weights[i]! : 0), 0) / 200;
        expect(got).toBeCloseTo(share, 9);
      }
    }
  });

  it('trims to the cap and says when the cap keeps the margins from being met', () => {
    // 10 respondents, 1 in category b whose target is 50%: its weight would be 5 × the mean, over a cap of 3.
    const cat = { v: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'b'] };
    const m: RakingMargin[] = [{ variable: 'v', shares: new Map([['a', 0.5], ['b', 0.5]]) }];
    const free = rake(new Array(10).fill(1), cat, m);
    expect(free.converged).toBe(true);
    expect(free.max).toBeCloseTo(5, 9);
    const capped = rake(new Array(10).fill(1), cat, m, { cap: 3 });
    expect(capped.converged).toBe(false);
    expect(capped.iterations).toBe(100);
    expect(capped.max).toBeLessThanOrEqual(3 + 1e-9);
    expect(capped.trimmed).toBe(1);
  });

  it('names a category with respondents but no target, and a target with no respondents', () => {
    const m: RakingMargin[] = [{ variable: 'v', shares: new Map([['a', 0.6], ['c', 0.4]]) }];
    expect(() => rake([1, 1], { v: ['a', 'b'] }, m)).toThrow('v "b" has respondents but no target share');
    const e = (() => {
      try {
        rake([1, 1], { v: ['a', 'a'] }, m);
      } catch (err) {
        return err as RakingError;
      }
    })();
    expect(e?.message).toBe('v "c" has a target share but no respondents');
    expect([e?.variable, e?.category]).toEqual(['v', 'c']);
  });

  it('leaves respondents without a value out of that variable, and refuses non-positive base weights', () => {
    const r = rake([1, 1, 1, 1], { v: ['a', 'b', 'b', null] }, [{ variable: 'v', shares: new Map([['a', 0.5], ['b', 0.5]]) }]);
    expect(r.converged).toBe(true);
    expect(r.weights[0]! / r.weights[1]!).toBeCloseTo(2, 9);
    expect(() => rake([1, 0], { v: ['a', 'b'] }, [])).toThrow('respondent 2 has base weight 0');
  });
});
