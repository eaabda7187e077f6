/**
 * Derived importance for importance–performance analysis (methods.md, "IPA"): how strongly each
 * attribute rating relates to the overall rating. Pure functions, no I/O.
 *
 * Every method works on the weighted correlation matrix of the complete cases (listwise deletion),
 * so all of them are invariant to linear rescaling of any variable (a 1–5 or 1–10 scale, or R's
 * raw mtcars units give the same answer).
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import {
  type CompleteCases,
  type ImportanceInput,
  type MaybeNumber,
  ImportanceError,
  completeCases,
  correlationFromMoments,
  momentsOf,
} from './moments.ts';

export { ImportanceError, completeCases, type CompleteCases, type ImportanceInput, type MaybeNumber };

export type DerivedMethod = 'correlation' | 'regression' | 'relative_weights' | 'dominance';
export const DERIVED_METHODS: readonly DerivedMethod[] = ['correlation', 'regression', 'relative_weights', 'dominance'];

/** Exact dominance analysis visits all 2^p subsets of predictors; beyond this it is too slow for a page. */
export const MAX_DOMINANCE_PREDICTORS = 15;

/** Importance of each predictor from the correlation matrix alone (what the bootstrap recomputes). */
export interface ImportanceFigures {
  /** The method's figure per predictor: r, beta, raw relative weight or general dominance. */
  importance: Record<string, number>;
  /** Relative weights and dominance only: the figure as a percentage of R² (sums to 100). */
  rescaled?: Record<string, number>;
  /** R² of the full regression of the outcome on all predictors. */
  r2: number;
}

export interface ImportanceResult extends ImportanceFigures {
  method: DerivedMethod;
  /** Rows used after listwise deletion, and rows dropped. */
  n: number;
  dropped: number;
  /** Kish effective n of the rows used (= n without weights). */
  nEff: number;
}

/** Pearson (1896) correlation, weighted: Σw(x−x̄)(y−ȳ) / sqrt(Σw(x−x̄)² Σw(y−ȳ)²) over pairs where both are present. */
export function pearson(x: readonly MaybeNumber[], y: readonly MaybeNumber[], weights?: readonly MaybeNumber[]): number {
  const cases = completeCases({ outcome: y, predictors: { x }, weights });
  if (cases.n < 2) return Number.NaN;
  try {
    return correlationFromMoments(momentsOf(cases), ['x', 'y'])[0]![1]!;
  } catch (e) {
    if (e instanceof ImportanceError) return Number.NaN; // a constant variable has no correlation
    throw e;
  }
}

/** The full correlation matrix of the complete cases: predictors in `names` order, outcome last. */
export function correlationMatrix(cases: CompleteCases): number[][] {
  if (cases.n < 2) throw new ImportanceError(`too few complete rows (${cases.n})`);
  return correlationFromMoments(momentsOf(cases), [...cases.names, 'outcome']);
}

function split(corr: number[][]): { rxx: Matrix; rxy: number[] } {
  const p = corr.length - 1;
  const rxx = new Matrix(corr.slice(0, p).map((row) => row.slice(0, p)));
  const rxy = corr.slice(0, p).map((row) => row[p]!);
  return { rxx, rxy };
}

function byName(names: readonly string[], values: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(names.map((name, j) => [name, values[j]!]));
}

/** Eigen-decomposition of the predictors' correlation matrix; throws if it is (numerically) singular. */
function eigenOf(rxx: Matrix): { values: number[]; vectors: Matrix } {
  const eig = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const p = rxx.rows;
  // A correlation matrix's eigenvalues sum to p; one this close to 0 means perfect collinearity.
  if (Math.min(...values) <= 1e-10 * p)
    throw new ImportanceError(
      'the predictors are (almost) perfectly collinear: one is a linear combination of the others in these rows',
    );
  return { values, vectors: eig.eigenvectorMatrix };
}

/** R² = r_xyᵀ R_xx⁻¹ r_xy for the predictors in `subset` (standardised normal equations). */
function rSquaredOf(corr: number[][], subset: readonly number[]): number {
  if (subset.length === 0) return 0;
  const p = corr.length - 1;
  const a = new Matrix(subset.map((i) => subset.map((j) => corr[i]![j]!)));
  const r = Matrix.columnVector(subset.map((i) => corr[i]![p]!));
  const chol = new CholeskyDecomposition(a);
  if (!chol.isPositiveDefinite()) throw new ImportanceError('the predictors are perfectly collinear in these rows');
  const beta = chol.solve(r);
  let r2 = 0;
  for (let j = 0; j < subset.length; j++) r2 += beta.get(j, 0) * r.get(j, 0);
  return r2;
}

/** Standardised regression coefficients: solve R_xx β = r_xy (OLS/WLS on z-scores); R² = βᵀ r_xy. */
export function betasFromCorrelation(names: readonly string[], corr: number[][]): ImportanceFigures {
  const { rxx, rxy } = split(corr);
  eigenOf(rxx);
  const beta = solve(rxx, Matrix.columnVector(rxy)).getColumn(0);
  return { importance: byName(names, beta), r2: beta.reduce((s, b, j) => s + b * rxy[j]!, 0) };
}

/**
 * Johnson (2000), Multivariate Behavioral Research 35(1), "A heuristic method for estimating the
 * relative weight of predictor variables": R_xx = QΛQᵀ, L = QΛ^{1/2}Qᵀ, β = L⁻¹ r_xy,
 * raw weight_j = Σ_k L²_jk β²_k (sums to R²); rescaled = 100 · raw / R². Same steps as R's `rwa`.
 */
export function relativeWeightsFromCorrelation(names: readonly string[], corr: number[][]): ImportanceFigures {
  const { rxx, rxy } = split(corr);
  const { values, vectors } = eigenOf(rxx);
  const p = names.length;
  const q = vectors.to2DArray();
  const root = values.map(Math.sqrt);
  // L⁻¹ = Q Λ^{-1/2} Qᵀ (eigenOf refuses a singular R_xx), so β = Q Λ^{-1/2} (Qᵀ r_xy) needs no solve:
  // plain loops, as this runs for every bootstrap replicate.
  const qtr = new Float64Array(p);
  for (let k = 0; k < p; k++) for (let i = 0; i < p; i++) qtr[k]! += q[i]![k]! * rxy[i]!;
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) beta[j]! += (q[j]![k]! * qtr[k]!) / root[k]!;
  const raw = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      let ljk = 0;
      for (let m = 0; m < p; m++) ljk += q[j]![m]! * root[m]! * q[k]![m]!;
      raw[j]! += ljk ** 2 * beta[k]! ** 2;
    }
  }
  const r2 = raw.reduce((s, v) => s + v, 0);
  return {
    importance: byName(names, raw),
    rescaled: byName(names, raw.map((v) => (100 * v) / r2)),
    r2,
  };
}

/** Throws the clear "too many predictors" error of exact dominance analysis. */
export function assertDominanceSize(p: number): void {
  if (p > MAX_DOMINANCE_PREDICTORS)
    throw new ImportanceError(
      `dominance analysis is exact over all 2^p subsets and supports at most ${MAX_DOMINANCE_PREDICTORS} predictors; got ${p}. Use relative weights instead.`,
    );
}

/**
 * General dominance (Azen & Budescu 2003, Psychological Methods 8(2)) = the LMG / Shapley share of R²
 * (Lindeman, Merenda & Gold 1980): predictor j's added R², averaged within each subset size, then
 * over sizes 0…p−1. Exact over all 2^p subsets; sums to the full R².
 */
export function dominanceFromCorrelation(names: readonly string[], corr: number[][]): ImportanceFigures {
  const p = names.length;
  assertDominanceSize(p);
  eigenOf(split(corr).rxx);
  const subsets = 1 << p;
  const r2 = new Float64Array(subsets);
  const size = new Uint8Array(subsets);
  for (let mask = 1; mask < subsets; mask++) {
    const members: number[] = [];
    for (let j = 0; j < p; j++) if (mask & (1 << j)) members.push(j);
    size[mask] = members.length;
    r2[mask] = rSquaredOf(corr, members);
  }
  // binomial(p − 1, s): how many subsets of size s leave out a given predictor.
  const choose = [1];
  for (let s = 1; s < p; s++) choose.push((choose[s - 1]! * (p - s)) / s);
  const general = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const bit = 1 << j;
    let total = 0;
    for (let mask = 0; mask < subsets; mask++) {
      if (mask & bit) continue;
      total += (r2[mask | bit]! - r2[mask]!) / choose[size[mask]!]!;
    }
    general[j] = total / p;
  }
  const full = r2[subsets - 1]!;
  return {
    importance: byName(names, general),
    rescaled: byName(names, general.map((v) => (100 * v) / full)),
    r2: full,
  };
}

/** Pearson r of each predictor with the outcome, plus the full-model R² for reference. */
export function correlationsFromCorrelation(names: readonly string[], corr: number[][]): ImportanceFigures {
  const { rxy } = split(corr);
  return { importance: byName(names, rxy), r2: rSquaredOf(corr, names.map((_n, j) => j)) };
}

/** The figures of one method from a correlation matrix (predictors in `names` order, outcome last). */
export function importanceFromCorrelation(
  method: DerivedMethod,
  names: readonly string[],
  corr: number[][],
): ImportanceFigures {
  switch (method) {
    case 'correlation':
      return correlationsFromCorrelation(names, corr);
    case 'regression':
      return betasFromCorrelation(names, corr);
    case 'relative_weights':
      return relativeWeightsFromCorrelation(names, corr);
    case 'dominance':
      return dominanceFromCorrelation(names, corr);
    default:
      throw new ImportanceError(`unknown importance method "${String(method)}"`);
  }
}

/** Derived importance by `method`, after listwise deletion, with the n used. */
export function derivedImportance(input: ImportanceInput, method: DerivedMethod): ImportanceResult {
  const cases = completeCases(input);
  if (method === 'dominance') assertDominanceSize(cases.names.length); // before any work
  if (cases.n <= cases.names.length)
    throw new ImportanceError(`${cases.n} complete rows are too few for ${cases.names.length} predictors`);
  const figures = importanceFromCorrelation(method, cases.names, correlationMatrix(cases));
  return { method, ...figures, n: cases.n, dropped: cases.dropped, nEff: cases.nEff };
}

/** Pearson r of each attribute with the outcome (listwise, so the n matches the other derived methods). */
export const correlations = (input: ImportanceInput): ImportanceResult => derivedImportance(input, 'correlation');
/** Standardised regression coefficients (betas) of the outcome on all attributes. */
export const standardizedBetas = (input: ImportanceInput): ImportanceResult => derivedImportance(input, 'regression');
/** Johnson's (2000) relative weights: raw (sum to R²) and rescaled (sum to 100). */
export const relativeWeights = (input: ImportanceInput): ImportanceResult =>
  derivedImportance(input, 'relative_weights');
/** General dominance (LMG): raw (sum to R²) and rescaled (sum to 100); at most 15 predictors. */
export const dominance = (input: ImportanceInput): ImportanceResult => derivedImportance(input, 'dominance');
