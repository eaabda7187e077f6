/**
 * Complete cases and weighted cross-product moments: the sufficient statistics from which every
 * derived-importance method (correlation, regression, relative weights, dominance) is computed.
 * Working from moments lets the bootstrap add up blocks of rows instead of re-reading every row.
 */
import { kishN } from './weighted.ts';

/** A rating as it arrives from a query: missing answers are `null` (or `undefined`). */
export type MaybeNumber = number | null | undefined;

/** An outcome, its predictors by name, and optional respondent weights (all of the same length). */
export interface ImportanceInput {
  outcome: readonly MaybeNumber[];
  predictors: Readonly<Record<string, readonly MaybeNumber[]>>;
  /** Respondent weights; a missing weight counts as 1, as in the SQL macros. */
  weights?: readonly MaybeNumber[] | undefined;
}

/** The rows kept by listwise deletion, column-major. */
export interface CompleteCases {
  names: string[];
  /** One column per predictor, in `names` order, then the outcome last. */
  columns: Float64Array[];
  weights: Float64Array;
  /** Rows used (complete and with a positive weight). */
  n: number;
  /** Rows dropped because the outcome or a predictor was missing (or the weight was 0). */
  dropped: number;
  /** Kish (1965): effective n = (Σw)² / Σw². */
  nEff: number;
}

/** A problem with the data that makes a method undefined (too few rows, a constant or collinear predictor…). */
export class ImportanceError extends Error {
  override name = 'ImportanceError';
}

function isNumber(v: MaybeNumber): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Listwise deletion: keeps the rows where the outcome and every predictor are present. */
export function completeCases(input: ImportanceInput): CompleteCases {
  const names = Object.keys(input.predictors);
  if (names.length === 0) throw new ImportanceError('at least one predictor is needed');
  const total = input.outcome.length;
  const raw = [...names.map((name) => input.predictors[name]!), input.outcome];
  names.forEach((name, j) => {
    if (raw[j]!.length !== total)
      throw new ImportanceError(`predictor "${name}" has ${raw[j]!.length} values but the outcome has ${total}`);
  });
  if (input.weights && input.weights.length !== total)
    throw new ImportanceError(`${input.weights.length} weights for ${total} rows`);

  // Plain loops over a row mask: this runs on every input change for up to ~200k respondents.
  const complete = new Uint8Array(total);
  const allWeights = new Float64Array(total);
  const given = input.weights;
  for (let i = 0; i < total; i++) {
    const w = given ? given[i] : undefined;
    const weight = w === null || w === undefined ? 1 : w;
    if (!Number.isFinite(weight) || weight < 0) throw new ImportanceError(`row ${i} has an invalid weight ${String(w)}`);
    allWeights[i] = weight;
    complete[i] = weight > 0 ? 1 : 0;
  }
  for (const column of raw)
    for (let i = 0; i < total; i++) if (complete[i] && !isNumber(column[i])) complete[i] = 0;
  let n = 0;
  for (let i = 0; i < total; i++) n += complete[i]!;
  const columns = raw.map((column) => {
    const out = new Float64Array(n);
    for (let i = 0, r = 0; i < total; i++) if (complete[i]) out[r++] = column[i] as number;
    return out;
  });
  const weights = new Float64Array(n);
  for (let i = 0, r = 0; i < total; i++) if (complete[i]) weights[r++] = allWeights[i]!;
  return { names, columns, weights, n, dropped: total - n, nEff: kishN(weights) };
}

/**
 * Weighted moments of k variables about fixed shifts: Σw, Σw·v and Σw·v·vᵀ (upper triangle, row-major).
 * Moments of disjoint row sets add up, which is what the block bootstrap relies on.
 */
export interface Moments {
  k: number;
  sw: number;
  s1: Float64Array;
  s2: Float64Array;
}

export function emptyMoments(k: number): Moments {
  return { k, sw: 0, s1: new Float64Array(k), s2: new Float64Array((k * (k + 1)) / 2) };
}

/** Adds `times` × the moments `b` into `a` (in place). */
export function addMoments(a: Moments, b: Moments, times = 1): void {
  a.sw += times * b.sw;
  for (let j = 0; j < a.k; j++) a.s1[j]! += times * b.s1[j]!;
  for (let j = 0; j < a.s2.length; j++) a.s2[j]! += times * b.s2[j]!;
}

/**
 * The shift used for every column: its first value. Covariances do not depend on it, a constant
 * column becomes exactly 0, and ratings far from 0 lose no precision in the sums of squares.
 */
export function shiftsOf(cases: CompleteCases): Float64Array {
  return Float64Array.from(cases.columns, (column) => column[0] ?? 0);
}

/** Accumulates row `i` of `cases` into `m`. */
export function addRow(m: Moments, cases: CompleteCases, shifts: Float64Array, i: number, v: Float64Array): void {
  const w = cases.weights[i]!;
  const k = m.k;
  for (let j = 0; j < k; j++) v[j] = cases.columns[j]![i]! - shifts[j]!;
  m.sw += w;
  let t = 0;
  for (let a = 0; a < k; a++) {
    const wa = w * v[a]!;
    m.s1[a]! += wa;
    for (let b = a; b < k; b++) m.s2[t++]! += wa * v[b]!;
  }
}

/** Moments of all complete cases. */
export function momentsOf(cases: CompleteCases): Moments {
  const k = cases.columns.length;
  const m = emptyMoments(k);
  const shifts = shiftsOf(cases);
  const v = new Float64Array(k);
  for (let i = 0; i < cases.n; i++) addRow(m, cases, shifts, i, v);
  return m;
}

/**
 * Weighted Pearson correlation matrix from moments: cov = Σw·v·vᵀ/Σw − mean·meanᵀ (the weight
 * normalisation cancels in a correlation, so frequency and sampling weights give the same r).
 * Throws when a variable has no variance.
 */
export function correlationFromMoments(m: Moments, names: readonly string[]): number[][] {
  const k = m.k;
  if (!(m.sw > 0)) throw new ImportanceError('no complete rows');
  const mean = Array.from(m.s1, (s) => s / m.sw);
  const cov: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let t = 0;
  for (let a = 0; a < k; a++)
    for (let b = a; b < k; b++) {
      const c = m.s2[t++]! / m.sw - mean[a]! * mean[b]!;
      cov[a]![b] = c;
      cov[b]![a] = c;
    }
  const sd = cov.map((row, j) => {
    const second = m.s2[j * k - (j * (j - 1)) / 2]! / m.sw; // E[v²] about the shift
    // Relative test: a variance that is only rounding noise of E[v²] is zero.
    if (!(row[j]! > 1e-12 * second)) throw new ImportanceError(`"${names[j] ?? `variable ${j}`}" does not vary in these rows`);
    return Math.sqrt(row[j]!);
  });
  return cov.map((row, a) => row.map((c, b) => (a === b ? 1 : c / (sd[a]! * sd[b]!))));
}
