import { describe, expect, it } from 'vitest';
import {
  DERIVED_METHODS,
  ImportanceError,
  completeCases,
  correlations,
  derivedImportance,
  dominance,
  pearson,
  relativeWeights,
  standardizedBetas,
} from '../../src/methods/importance.ts';
import type { ImportanceInput, MaybeNumber } from '../../src/methods/importance.ts';
import { pick, readColumns, rounded } from './fixture.ts';

const mtcars = readColumns('mtcars.csv');
const attitude = readColumns('attitude.csv');
const MTCARS_PREDICTORS = ['cyl', 'disp', 'hp', 'wt'];
const ATTITUDE_PREDICTORS = ['complaints', 'privileges', 'learning', 'raises', 'critical', 'advance'];
const mtcarsInput: ImportanceInput = { outcome: mtcars.mpg!, predictors: pick(mtcars, MTCARS_PREDICTORS) };
const attitudeInput: ImportanceInput = { outcome: attitude.rating!, predictors: pick(attitude, ATTITUDE_PREDICTORS) };

function sd(x: readonly number[]): number {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
}
const total = (x: readonly number[]) => x.reduce((s, v) => s + v, 0);
const sum = (r: Record<string, number>) => total(Object.values(r));

function expectSameFigures(a: Record<string, number>, b: Record<string, number>, tol = 1e-10): void {
  expect(Object.keys(a)).toEqual(Object.keys(b));
  for (const key of Object.keys(a)) expect(Math.abs(a[key]! - b[key]!), key).toBeLessThanOrEqual(tol);
}

describe('fixtures are R’s data sets', () => {
  it('mtcars: 32 cars, column sums as in R (sum(mtcars$mpg) = 642.9, hp 4694, disp 7383.1, wt 102.952)', () => {
    expect(mtcars.mpg).toHaveLength(32);
    expect(rounded(total(mtcars.mpg!), 6)).toBe(642.9);
    expect(rounded(total(mtcars.hp!), 6)).toBe(4694);
    expect(rounded(total(mtcars.disp!), 6)).toBe(7383.1);
    expect(rounded(total(mtcars.wt!), 6)).toBe(102.952);
  });
  it('attitude: 30 rows, no missing value', () => {
    for (const column of Object.values(attitude)) {
      expect(column).toHaveLength(30);
      expect(column.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('Pearson correlation', () => {
  it('reproduces R cor(mtcars): mpg with cyl −0.852162, disp −0.8475514, hp −0.7761684, wt −0.8676594', () => {
    expect(rounded(pearson(mtcars.cyl!, mtcars.mpg!), 6)).toBe(-0.852162);
    expect(rounded(pearson(mtcars.disp!, mtcars.mpg!), 7)).toBe(-0.8475514);
    expect(rounded(pearson(mtcars.hp!, mtcars.mpg!), 7)).toBe(-0.7761684);
    expect(rounded(pearson(mtcars.wt!, mtcars.mpg!), 7)).toBe(-0.8676594);
    const r = correlations(mtcarsInput);
    expect(r.importance.wt).toBeCloseTo(pearson(mtcars.wt!, mtcars.mpg!), 14);
  });

  it('by hand: x = 1, 2, 3, 4; y = 2, 4, 5, 9 → r = Σdxdy/sqrt(Σdx²Σdy²) = 11/sqrt(5·26)', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(5 * 26), 14);
  });

  it('drops incomplete pairs; NaN when undefined', () => {
    expect(pearson([1, null, 2, 3, 4, 7], [2, 5, 4, 5, 9, undefined])).toBeCloseTo(11 / Math.sqrt(5 * 26), 14);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1], [2])).toBeNaN();
  });

  it('weights act as frequencies: weight 2 equals a duplicated pair', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9], [1, 2, 1, 1])).toBeCloseTo(pearson([1, 2, 2, 3, 4], [2, 4, 4, 5, 9]), 14);
  });
});

describe('relative weights (Johnson 2000) against R package rwa on mtcars, mpg ~ cyl + disp + hp + wt', () => {
  const result = relativeWeights(mtcarsInput);
  it('raw weights 0.2096904, 0.1883043, 0.1799590, 0.2706812 (within 1e-6; printed 7 dp, all digits match)', () => {
    const expected = { cyl: 0.2096904, disp: 0.1883043, hp: 0.179959, wt: 0.2706812 };
    for (const [name, value] of Object.entries(expected)) {
      expect(Math.abs(result.importance[name]! - value), name).toBeLessThan(1e-6);
      expect(rounded(result.importance[name]!, 7), name).toBe(value);
    }
  });
  it('raw weights sum to R² 0.8486348', () => {
    expect(rounded(sum(result.importance), 7)).toBe(0.8486348);
    expect(rounded(result.r2, 7)).toBe(0.8486348);
    expect(sum(result.importance)).toBeCloseTo(result.r2, 12);
  });
  it('rescaled 24.70914, 22.18908, 21.20570, 31.89607 (R prints 5 dp: each rounds to the printed value) and sum to 100', () => {
    const expected = { cyl: 24.70914, disp: 22.18908, hp: 21.2057, wt: 31.89607 };
    for (const [name, value] of Object.entries(expected)) expect(rounded(result.rescaled![name]!, 5), name).toBe(value);
    expect(sum(result.rescaled!)).toBeCloseTo(100, 10);
  });
  it('reports the n used', () => {
    expect(result).toMatchObject({ method: 'relative_weights', n: 32, dropped: 0, nEff: 32 });
  });
});

describe('dominance (general dominance / LMG) against R package dominanceanalysis on attitude', () => {
  const result = dominance(attitudeInput);
  it('complaints 0.371, learning 0.156, raises 0.120, privileges 0.051, advance 0.028, critical 0.007 (to 1e-3)', () => {
    const expected = { complaints: 0.371, privileges: 0.051, learning: 0.156, raises: 0.12, critical: 0.007, advance: 0.028 };
    for (const [name, value] of Object.entries(expected)) {
      expect(Math.abs(result.importance[name]! - value), name).toBeLessThan(1e-3);
      expect(rounded(result.importance[name]!, 3), name).toBe(value);
    }
  });
  it('sums to the full-model R² 0.733 (summary(lm(rating ~ ., attitude)): Multiple R-squared 0.7326)', () => {
    expect(rounded(result.r2, 3)).toBe(0.733);
    expect(rounded(result.r2, 4)).toBe(0.7326);
    expect(sum(result.importance)).toBeCloseTo(result.r2, 12);
    expect(sum(result.rescaled!)).toBeCloseTo(100, 10);
  });
  it('with one predictor, dominance is that predictor’s R² = r²', () => {
    const single = dominance({ outcome: attitude.rating!, predictors: pick(attitude, ['complaints']) });
    // summary(lm(rating ~ complaints, attitude)): Multiple R-squared 0.6813
    expect(rounded(single.importance.complaints!, 4)).toBe(0.6813);
    expect(single.importance.complaints).toBeCloseTo(pearson(attitude.complaints!, attitude.rating!) ** 2, 12);
  });
  it('with two predictors, by hand: d_1 = (r²_1 + R²_12 − r²_2)/2', () => {
    const input = { outcome: mtcars.mpg!, predictors: pick(mtcars, ['wt', 'hp']) };
    const r2wt = pearson(mtcars.wt!, mtcars.mpg!) ** 2;
    const r2hp = pearson(mtcars.hp!, mtcars.mpg!) ** 2;
    const d = dominance(input);
    // summary(lm(mpg ~ wt + hp, mtcars)): Multiple R-squared 0.8268
    expect(rounded(d.r2, 4)).toBe(0.8268);
    expect(d.importance.wt).toBeCloseTo((r2wt + d.r2 - r2hp) / 2, 12);
    expect(d.importance.hp).toBeCloseTo((r2hp + d.r2 - r2wt) / 2, 12);
  });
  it('refuses more than 15 predictors with a clear error; 15 are fine', () => {
    const rows = 40;
    const noise = (j: number) => Array.from({ length: rows }, (_v, i) => Math.sin(i * (j + 1) * 1.7 + j) + ((i * 7 + j * 3) % 11) / 5);
    const predictors = (p: number) => Object.fromEntries(Array.from({ length: p }, (_v, j) => [`a${j}`, noise(j)]));
    const outcome = noise(99);
    expect(() => dominance({ outcome, predictors: predictors(16) })).toThrow(ImportanceError);
    expect(() => dominance({ outcome, predictors: predictors(16) })).toThrow(/at most 15 predictors; got 16/);
    const fifteen = dominance({ outcome, predictors: predictors(15) });
    expect(sum(fifteen.importance)).toBeCloseTo(fifteen.r2, 10);
  });
});

describe('standardized betas', () => {
  it('times sd(y)/sd(x) give R’s lm(rating ~ ., attitude) coefficients (printed 5 dp)', () => {
    const betas = standardizedBetas(attitudeInput);
    const lm = { complaints: 0.61319, privileges: -0.07305, learning: 0.32033, raises: 0.08173, critical: 0.03838, advance: -0.21706 };
    for (const [name, b] of Object.entries(lm))
      expect(rounded((betas.importance[name]! * sd(attitude.rating!)) / sd(attitude[name]!), 5), name).toBe(b);
    expect(rounded(betas.r2, 4)).toBe(0.7326);
  });
  it('mtcars: lm(mpg ~ cyl + disp + hp + wt) coefficients −1.29332, 0.01160, −0.02054, −3.85390', () => {
    const betas = standardizedBetas(mtcarsInput);
    const lm = { cyl: -1.29332, disp: 0.0116, hp: -0.02054, wt: -3.8539 };
    for (const [name, b] of Object.entries(lm)) {
      const raw = (betas.importance[name]! * sd(mtcars.mpg!)) / sd(mtcars[name]!);
      expect(Math.abs(raw - b), name).toBeLessThan(5e-6);
    }
  });
});

describe('every derived method', () => {
  const linear = (x: readonly number[], a: number, b: number) => x.map((v) => a + b * v);
  const toScale = (x: readonly number[], lo: number, hi: number) => {
    const min = Math.min(...x);
    const max = Math.max(...x);
    return x.map((v) => lo + ((hi - lo) * (v - min)) / (max - min));
  };

  it('is invariant to linear rescaling of any variable (e.g. attitude mapped onto 1–10 rating scales)', () => {
    const rescaledInput: ImportanceInput = {
      outcome: toScale(attitude.rating!, 1, 10),
      predictors: Object.fromEntries(ATTITUDE_PREDICTORS.map((name) => [name, toScale(attitude[name]!, 1, 10)])),
    };
    for (const method of DERIVED_METHODS) {
      const a = derivedImportance(attitudeInput, method);
      const b = derivedImportance(rescaledInput, method);
      expectSameFigures(a.importance, b.importance);
      expect(a.r2).toBeCloseTo(b.r2, 12);
      if (a.rescaled) expectSameFigures(a.rescaled, b.rescaled!, 1e-9);
    }
  });

  it('relative weights and dominance ignore a reversed scale; r and beta change sign only', () => {
    const flipped: ImportanceInput = {
      outcome: mtcars.mpg!,
      predictors: { ...pick(mtcars, MTCARS_PREDICTORS), wt: linear(mtcars.wt!, 10, -2) },
    };
    expectSameFigures(relativeWeights(flipped).importance, relativeWeights(mtcarsInput).importance);
    expectSameFigures(dominance(flipped).importance, dominance(mtcarsInput).importance);
    expect(correlations(flipped).importance.wt).toBeCloseTo(-correlations(mtcarsInput).importance.wt!, 12);
    expect(standardizedBetas(flipped).importance.wt).toBeCloseTo(-standardizedBetas(mtcarsInput).importance.wt!, 12);
    expect(standardizedBetas(flipped).importance.hp).toBeCloseTo(standardizedBetas(mtcarsInput).importance.hp!, 12);
  });

  it('treats integer weights as frequencies (weight 2 = the row twice) and reports Kish n', () => {
    const weights = mtcars.mpg!.map((_v, i) => 1 + (i % 3)); // 1, 2, 3, 1, 2, 3, …
    const duplicated = (x: readonly number[]) => x.flatMap((v, i) => Array<number>(weights[i]!).fill(v));
    const expanded: ImportanceInput = {
      outcome: duplicated(mtcars.mpg!),
      predictors: Object.fromEntries(MTCARS_PREDICTORS.map((name) => [name, duplicated(mtcars[name]!)])),
    };
    for (const method of DERIVED_METHODS) {
      const weighted = derivedImportance({ ...mtcarsInput, weights }, method);
      const copies = derivedImportance(expanded, method);
      expectSameFigures(weighted.importance, copies.importance);
      expect(weighted.n).toBe(32);
      // 11 ones, 11 twos, 10 threes: Σw = 63, Σw² = 11 + 44 + 90 = 145 → n_eff = 63²/145
      expect(weighted.nEff).toBeCloseTo((63 * 63) / 145, 12);
    }
    // a missing weight counts as 1, as in the SQL macros
    const missingWeights = derivedImportance({ ...mtcarsInput, weights: mtcars.mpg!.map(() => null) }, 'relative_weights');
    expectSameFigures(missingWeights.importance, relativeWeights(mtcarsInput).importance, 1e-14);
  });

  it('drops incomplete rows listwise and reports the n used', () => {
    const holes = (x: readonly number[], at: number[]): MaybeNumber[] => x.map((v, i) => (at.includes(i) ? null : v));
    const input: ImportanceInput = {
      outcome: holes(mtcars.mpg!, [0]),
      predictors: { cyl: mtcars.cyl!, disp: holes(mtcars.disp!, [5, 6]), hp: holes(mtcars.hp!, [6]), wt: mtcars.wt! },
    };
    const keep = (x: readonly number[]) => x.filter((_v, i) => ![0, 5, 6].includes(i));
    const subset: ImportanceInput = {
      outcome: keep(mtcars.mpg!),
      predictors: Object.fromEntries(MTCARS_PREDICTORS.map((name) => [name, keep(mtcars[name]!)])),
    };
    const cases = completeCases(input);
    expect(cases).toMatchObject({ n: 29, dropped: 3, names: MTCARS_PREDICTORS });
    for (const method of DERIVED_METHODS) {
      const a = derivedImportance(input, method);
      expect(a).toMatchObject({ n: 29, dropped: 3 });
      expectSameFigures(a.importance, derivedImportance(subset, method).importance);
    }
  });

  it('explains data that leave a method undefined', () => {
    const constant = { outcome: [1, 2, 3, 4, 5], predictors: { a: [1, 3, 2, 5, 4], same: [2, 2, 2, 2, 2] } };
    expect(() => relativeWeights(constant)).toThrow(/"same" does not vary/);
    const collinear = { outcome: [1, 2, 3, 4, 6], predictors: { a: [1, 3, 2, 5, 4], twice: [2, 6, 4, 10, 8] } };
    for (const method of ['regression', 'relative_weights', 'dominance'] as const)
      expect(() => derivedImportance(collinear, method)).toThrow(/collinear/);
    expect(() => relativeWeights({ outcome: [1, 2], predictors: { a: [1, 2], b: [2, 1] } })).toThrow(/too few/);
    expect(() => relativeWeights({ outcome: [1, 2, 3], predictors: { a: [1, 2] } })).toThrow(/2 values but the outcome has 3/);
    expect(() => relativeWeights({ outcome: [1, 2, 3], predictors: {} })).toThrow(/at least one predictor/);
    expect(() => relativeWeights({ outcome: [1, 2, 3], predictors: { a: [3, 1, 2] }, weights: [1, -1, 1] })).toThrow(/invalid weight/);
  });
});
