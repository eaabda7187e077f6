/**
 * Seeded percentile bootstrap for derived importance (methods.md, IPA: "a seeded bootstrap for
 * derived importance"). Deterministic: the same input, method and seed give the same interval at
 * build time in Node and in the browser (d3's LCG, fixed summation order).
 */
import { quantileSorted, randomLcg, shuffler } from 'd3';
import {
  type DerivedMethod,
  type ImportanceFigures,
  type ImportanceInput,
  assertDominanceSize,
  importanceFromCorrelation,
} from './importance.ts';
import {
  type CompleteCases,
  type Moments,
  ImportanceError,
  addMoments,
  addRow,
  completeCases,
  correlationFromMoments,
  emptyMoments,
  shiftsOf,
} from './moments.ts';

export interface BootstrapOptions {
  /** Bootstrap replicates (default 200). */
  replicates?: number;
  /** Seed of d3.randomLcg (default 1). */
  seed?: number;
  /** Coverage of the percentile interval (default 0.95 → 2.5th and 97.5th percentiles). */
  level?: number;
  /**
   * Above this many complete rows, rows are dealt at random into this many equal blocks and the
   * blocks are resampled (default 2000); at or below it, rows are resampled one by one.
   */
  maxBlocks?: number;
}

export interface Interval {
  lo: number;
  hi: number;
}

export interface BootstrapResult {
  method: DerivedMethod;
  seed: number;
  /** Replicates requested, replicates that gave a figure, and those that could not (e.g. a constant resample). */
  replicates: number;
  used: number;
  failed: number;
  /** Resampling units: complete rows, or blocks of rows when there are more than `maxBlocks`. */
  units: number;
  n: number;
  /** The point figures on all complete rows (the same as `derivedImportance`), so a page needs one pass only. */
  estimate: ImportanceFigures;
  importance: Record<string, Interval>;
  /** Relative weights and dominance: the interval of the rescaled (% of R²) figure. */
  rescaled?: Record<string, Interval>;
  r2: Interval;
}

/** Percentile interval (Efron & Tibshirani 1993, ch. 13) with R's default type-7 quantiles (d3.quantileSorted). */
export function percentileInterval(values: readonly number[], level = 0.95): Interval {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { lo: Number.NaN, hi: Number.NaN };
  const tail = (1 - level) / 2;
  return { lo: quantileSorted(sorted, tail)!, hi: quantileSorted(sorted, 1 - tail)! };
}

/**
 * The resampling units of a moments bootstrap (see {@link bootstrapImportance}): complete rows dealt
 * by a seeded shuffle into at most `maxBlocks` blocks of summed moments (one row per block when
 * n ≤ maxBlocks), their total, and a draw of one replicate's summed moments from the same stream.
 */
export function momentBlocks(cases: CompleteCases, seed: number, maxBlocks: number): { all: Moments; resample: () => Moments } {
  const { n } = cases;
  const random = randomLcg(seed);
  const k = cases.columns.length;
  const shifts = shiftsOf(cases);
  const scratch = new Float64Array(k);
  const units = Math.min(n, maxBlocks);
  // Every block's Σw·v and Σw·v·vᵀ side by side in one array: a replicate sums up to 2,000 blocks
  // of ~100 numbers, 200 times per input change, and reads them in order.
  const width = k + (k * (k + 1)) / 2;
  const packed = new Float64Array(units * width);
  const view = (sums: Float64Array, at: number): Moments => ({ k, sw: 0, s1: sums.subarray(at, at + k), s2: sums.subarray(at + k, at + width) });
  const blocks = Array.from({ length: units }, (_v, b) => view(packed, b * width));
  if (units === n) {
    for (let i = 0; i < n; i++) addRow(blocks[i]!, cases, shifts, i, scratch);
  } else {
    const order = shuffler(random)(Array.from({ length: n }, (_v, i) => i));
    order.forEach((row, position) => addRow(blocks[position % units]!, cases, shifts, row, scratch));
  }
  const all = emptyMoments(k);
  for (const block of blocks) addMoments(all, block);
  const counts = new Uint32Array(units);
  const resample = () => {
    counts.fill(0);
    for (let t = 0; t < units; t++) counts[Math.floor(random() * units)]!++;
    // What addMoments(total, block, count) gives, block by block in the same order: the same sums.
    const sums = new Float64Array(width);
    const total = view(sums, 0);
    for (let b = 0; b < units; b++) {
      const c = counts[b]!;
      if (c === 0) continue;
      total.sw += c * blocks[b]!.sw;
      for (let j = 0, at = b * width; j < width; j++, at++) sums[j]! += c * packed[at]!;
    }
    return total;
  };
  return { all, resample };
}

/**
 * Efron (1979), Annals of Statistics 7(1): nonparametric bootstrap — resample the complete rows
 * with replacement, recompute the importance, take the percentiles of the replicates.
 *
 * Speed-up for large n (why: a 200k-respondent page must update in the browser): each row's
 * contribution is a weighted cross-product, and those add up. Above `maxBlocks` rows, rows are
 * dealt at random (seeded shuffle) into `maxBlocks` equal blocks whose moments are summed once;
 * each replicate then resamples blocks. Blocks of randomly dealt i.i.d. rows are exchangeable, and
 * every method is a smooth function of the summed moments, so resampling blocks estimates the same
 * sampling spread from `maxBlocks` units instead of n; with n ≤ maxBlocks every block is one row and
 * it is exactly the classical bootstrap.
 */
export function bootstrapImportance(
  input: ImportanceInput,
  method: DerivedMethod,
  options: BootstrapOptions = {},
): BootstrapResult {
  const replicates = options.replicates ?? 200;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  const maxBlocks = options.maxBlocks ?? 2000;
  if (!Number.isInteger(replicates) || replicates < 1) throw new ImportanceError(`replicates must be a positive integer, got ${replicates}`);
  if (!(level > 0 && level < 1)) throw new ImportanceError(`level must be between 0 and 1, got ${level}`);
  if (!Number.isInteger(maxBlocks) || maxBlocks < 2) throw new ImportanceError(`maxBlocks must be an integer ≥ 2, got ${maxBlocks}`);

  const cases = completeCases(input);
  const { names, n } = cases;
  if (method === 'dominance') assertDominanceSize(names.length);
  if (n <= names.length) throw new ImportanceError(`${n} complete rows are too few for ${names.length} predictors`);

  const { all, resample } = momentBlocks(cases, seed, maxBlocks);
  const labels = [...names, 'outcome'];
  const estimate = importanceFromCorrelation(method, names, correlationFromMoments(all, labels));
  const draws = names.map(() => [] as number[]);
  const rescaledDraws = names.map(() => [] as number[]);
  const r2Draws: number[] = [];
  let hasRescaled = false;
  let failed = 0;
  for (let r = 0; r < replicates; r++) {
    const total = resample();
    let figures;
    try {
      figures = importanceFromCorrelation(method, names, correlationFromMoments(total, labels));
    } catch (e) {
      if (!(e instanceof ImportanceError)) throw e;
      failed++; // a resample without variance or with collinear predictors has no figure
      continue;
    }
    names.forEach((name, j) => {
      draws[j]!.push(figures.importance[name]!);
      if (figures.rescaled) rescaledDraws[j]!.push(figures.rescaled[name]!);
    });
    hasRescaled ||= figures.rescaled !== undefined;
    r2Draws.push(figures.r2);
  }

  const intervals = (all: number[][]) =>
    Object.fromEntries(names.map((name, j) => [name, percentileInterval(all[j]!, level)]));
  return {
    method,
    seed,
    replicates,
    used: replicates - failed,
    failed,
    units: Math.min(n, maxBlocks),
    n,
    estimate,
    importance: intervals(draws),
    ...(hasRescaled ? { rescaled: intervals(rescaledDraws) } : {}),
    r2: percentileInterval(r2Draws, level),
  };
}
