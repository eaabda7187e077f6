import { quantile, randomLcg, randomNormal } from 'd3';
import { describe, expect, it } from 'vitest';
import { bootstrapImportance, percentileInterval } from '../../src/methods/bootstrap.ts';
import { ImportanceError, relativeWeights } from '../../src/methods/importance.ts';
import type { ImportanceInput } from '../../src/methods/importance.ts';
import { pick, readColumns } from './fixture.ts';

const mtcars = readColumns('mtcars.csv');
const mtcarsInput: ImportanceInput = { outcome: mtcars.mpg!, predictors: pick(mtcars, ['cyl', 'disp', 'hp', 'wt']) };

/** Bivariate normal sample with correlation rho (seeded). */
function correlated(n: number, rho: number, seed: number): ImportanceInput {
  const normal = randomNormal.source(randomLcg(seed))();
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = normal();
    x.push(a);
    y.push(rho * a + Math.sqrt(1 - rho * rho) * normal());
  }
  return { outcome: y, predictors: { x } };
}

describe('percentile interval', () => {
  it('takes R’s type-7 quantiles: quantile(1:11, c(.025, .975)) = 1.25, 10.75', () => {
    const r = percentileInterval([11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.lo).toBeCloseTo(1.25, 12);
    expect(r.hi).toBeCloseTo(10.75, 12);
    expect(percentileInterval([3, 1, 2], 0.5)).toEqual({ lo: 1.5, hi: 2.5 });
    expect(percentileInterval([Number.NaN])).toEqual({ lo: Number.NaN, hi: Number.NaN });
  });
});

describe('seeded bootstrap of derived importance', () => {
  it('is exactly the classical row bootstrap: indices floor(u·n) from d3.randomLcg(seed), 2.5/97.5 percentiles', () => {
    const replicates = 25;
    const seed = 7;
    const result = bootstrapImportance(mtcarsInput, 'relative_weights', { replicates, seed });
    // Re-done by hand: each replicate draws n = 32 row indices, recomputes the relative weights.
    const random = randomLcg(seed);
    const draws: Record<string, number[]> = { cyl: [], disp: [], hp: [], wt: [] };
    for (let r = 0; r < replicates; r++) {
      const rows = Array.from({ length: 32 }, () => Math.floor(random() * 32));
      const take = (x: number[]) => rows.map((i) => x[i]!);
      const rw = relativeWeights({
        outcome: take(mtcars.mpg!),
        predictors: Object.fromEntries(Object.keys(draws).map((name) => [name, take(mtcars[name]!)])),
      });
      for (const name of Object.keys(draws)) draws[name]!.push(rw.importance[name]!);
    }
    expect(result).toMatchObject({ replicates, used: replicates, failed: 0, units: 32, n: 32, seed });
    for (const name of Object.keys(draws)) {
      expect(result.importance[name]!.lo).toBeCloseTo(quantile(draws[name]!, 0.025)!, 12);
      expect(result.importance[name]!.hi).toBeCloseTo(quantile(draws[name]!, 0.975)!, 12);
    }
  });

  it('same seed ⇒ identical output; another seed ⇒ another interval', () => {
    const a = bootstrapImportance(mtcarsInput, 'relative_weights', { seed: 42 });
    const b = bootstrapImportance(mtcarsInput, 'relative_weights', { seed: 42 });
    const c = bootstrapImportance(mtcarsInput, 'relative_weights', { seed: 43 });
    expect(a).toEqual(b);
    expect(a.replicates).toBe(200); // the default
    expect(c.importance.wt).not.toEqual(a.importance.wt);
  });

  it('brackets the point estimate and gives intervals for the rescaled figure and R²', () => {
    const point = relativeWeights(mtcarsInput);
    const boot = bootstrapImportance(mtcarsInput, 'relative_weights', { seed: 3, replicates: 300 });
    for (const name of Object.keys(point.importance)) {
      const { lo, hi } = boot.importance[name]!;
      expect(lo).toBeLessThan(point.importance[name]!);
      expect(hi).toBeGreaterThan(point.importance[name]!);
      expect(boot.rescaled![name]!.lo).toBeLessThan(point.rescaled![name]!);
      expect(boot.rescaled![name]!.hi).toBeGreaterThan(point.rescaled![name]!);
    }
    for (const name of Object.keys(point.importance))
      expect(boot.estimate.importance[name]).toBeCloseTo(point.importance[name]!, 12);
    expect(boot.r2.lo).toBeLessThan(point.r2);
    expect(boot.r2.hi).toBeGreaterThan(point.r2);
  });

  it('works for every derived method; only relative weights and dominance have rescaled intervals', () => {
    for (const method of ['correlation', 'regression', 'relative_weights', 'dominance'] as const) {
      const boot = bootstrapImportance(mtcarsInput, method, { seed: 1, replicates: 30 });
      expect(Object.keys(boot.importance)).toEqual(['cyl', 'disp', 'hp', 'wt']);
      expect(boot.rescaled !== undefined).toBe(method === 'relative_weights' || method === 'dominance');
      for (const { lo, hi } of Object.values(boot.importance)) expect(lo).toBeLessThanOrEqual(hi);
    }
  });

  it('matches the textbook spread of a correlation: 95% width ≈ 2·1.96·(1 − ρ²)/√n (Fisher 1915, large n)', () => {
    const n = 4000;
    const rho = 0.5;
    const boot = bootstrapImportance(correlated(n, rho, 11), 'correlation', { seed: 5, replicates: 400 });
    const width = boot.importance.x!.hi - boot.importance.x!.lo;
    const expected = (2 * 1.96 * (1 - rho * rho)) / Math.sqrt(n);
    expect(width / expected).toBeGreaterThan(0.85);
    expect(width / expected).toBeLessThan(1.15);
  });

  it('above maxBlocks rows resamples random blocks and gives the same spread as the row bootstrap', () => {
    const input = correlated(6000, 0.5, 21);
    const rows = bootstrapImportance(input, 'correlation', { seed: 2, replicates: 400, maxBlocks: 6000 });
    const blocks = bootstrapImportance(input, 'correlation', { seed: 2, replicates: 400, maxBlocks: 300 });
    expect(rows.units).toBe(6000);
    expect(blocks.units).toBe(300);
    const width = (r: typeof rows) => r.importance.x!.hi - r.importance.x!.lo;
    expect(width(blocks) / width(rows)).toBeGreaterThan(0.8);
    expect(width(blocks) / width(rows)).toBeLessThan(1.25);
    expect(bootstrapImportance(input, 'correlation', { seed: 2, replicates: 50, maxBlocks: 300 })).toEqual(
      bootstrapImportance(input, 'correlation', { seed: 2, replicates: 50, maxBlocks: 300 }),
    );
  });

  it('counts replicates that have no figure (a resample where a rating does not vary) instead of failing', () => {
    const tiny: ImportanceInput = { outcome: [1, 2, 3, 5], predictors: { a: [0, 0, 0, 1] } };
    const boot = bootstrapImportance(tiny, 'correlation', { seed: 9, replicates: 100 });
    expect(boot.failed).toBeGreaterThan(0);
    expect(boot.used + boot.failed).toBe(100);
  });

  it('rejects bad options and too many predictors for dominance', () => {
    expect(() => bootstrapImportance(mtcarsInput, 'relative_weights', { replicates: 0 })).toThrow(/replicates/);
    expect(() => bootstrapImportance(mtcarsInput, 'relative_weights', { level: 1 })).toThrow(/level/);
    const many = Object.fromEntries(Array.from({ length: 16 }, (_v, j) => [`a${j}`, mtcars.mpg!.map((v, i) => v * ((i + j) % 5))]));
    expect(() => bootstrapImportance({ outcome: mtcars.mpg!, predictors: many }, 'dominance')).toThrow(ImportanceError);
  });
});
