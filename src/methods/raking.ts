/**
 * Raking (iterative proportional fitting) of survey weights to population margins: Deming & Stephan
 * (1940), Ann. Math. Statist. 11(4), as R's survey::rake (Lumley 2004). Each sweep scales the weights
 * of every category of every variable in turn so that the category's weighted total matches its
 * target; sweeps repeat until every margin is within `tolerance` (as a share) or `maxIterations`.
 *
 * Conventions: the weights start from the base weights (a missing base weight is 1) and end summing
 * to the number of respondents, so their mean is 1. A respondent without a value for a variable is
 * left out of that variable's step (its shares are over the respondents who have one). With `cap`,
 * after each sweep no weight may exceed cap × the mean weight: the excess is spread over the other
 * weights in proportion (trimming, as anesrake's `cap`), and the next sweep rakes again, so a cap too
 * tight to meet the margins ends unconverged, which the result says.
 */
import { effectiveN } from './weighted.ts';

export interface RakingMargin {
  variable: string;
  /** Category → target share; the shares sum to 1. */
  shares: ReadonlyMap<string, number>;
}

export interface RakingOptions {
  /** Largest |weighted share − target| accepted on every margin (default 1e-6). */
  tolerance?: number;
  /** Sweeps before giving up (default 100). */
  maxIterations?: number;
  /** Largest weight as a multiple of the mean weight (trimming); null for none (default). */
  cap?: number | null;
}

export interface RakingResult {
  weights: Float64Array;
  iterations: number;
  converged: boolean;
  /** Largest |weighted share − target| over the margins at the end. */
  maxDifference: number;
  min: number;
  max: number;
  /** Kish's design effect of the weights, n·Σw²/(Σw)² (1 + CV²), and the effective n = n / deff. */
  designEffect: number;
  nEff: number;
  /** Respondents whose weight is at the cap after the last sweep. */
  trimmed: number;
}

/** Margins the respondents cannot meet; `variable` and `category` name the target at fault. */
export class RakingError extends Error {
  override name = 'RakingError';
  readonly variable: string | null;
  readonly category: string | null;
  constructor(message: string, variable: string | null = null, category: string | null = null) {
    super(message);
    this.variable = variable;
    this.category = category;
  }
}

/** Trims weights above cap × their mean to it and spreads the excess over the others in proportion, keeping the total; repeats until none is above. */
function trim(w: Float64Array, cap: number): void {
  const n = w.length;
  const total = w.reduce((s, x) => s + x, 0);
  const limit = (cap * total) / n;
  for (let round = 0; round < n; round++) {
    let excess = 0;
    let free = 0;
    for (let i = 0; i < n; i++) {
      if (w[i]! > limit) {
        excess += w[i]! - limit;
        w[i] = limit;
      } else if (w[i]! < limit) free += w[i]!;
    }
    if (excess <= 1e-12 * total || free === 0) return;
    const scale = (free + excess) / free;
    for (let i = 0; i < n; i++) if (w[i]! < limit) w[i]! *= scale;
  }
}

/**
 * Rakes `base` weights (one per respondent) so that, for each margin, the weighted shares of
 * `categories[variable][i]` match the targets. Every category present among the respondents must
 * have a target, and every target a respondent (otherwise a {@link RakingError} names it).
 */
export function rake(
  base: readonly (number | null | undefined)[],
  categories: Readonly<Record<string, readonly (string | null | undefined)[]>>,
  margins: readonly RakingMargin[],
  options: RakingOptions = {},
): RakingResult {
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 100;
  const cap = options.cap ?? null;
  const n = base.length;
  if (n === 0) throw new RakingError('no respondents to weight');
  if (cap !== null && !(cap > 1)) throw new RakingError(`the weight cap must be above 1 (the mean weight), got ${cap}`);

  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = base[i];
    const v = b === null || b === undefined ? 1 : b;
    if (!(v > 0) || !Number.isFinite(v)) throw new RakingError(`respondent ${i + 1} has base weight ${String(b)}: raking needs positive weights`);
    w[i] = v;
  }

  // Per margin: each respondent's category index (−1 = no value) and the target shares in that order.
  const plans = margins.map((m) => {
    const column = categories[m.variable];
    if (!column || column.length !== n) throw new RakingError(`no column "${m.variable}" for its ${n} respondents`);
    const names = [...m.shares.keys()];
    const index = new Map(names.map((c, j) => [c, j]));
    const cell = new Int32Array(n);
    const counts = new Array<number>(names.length).fill(0);
    for (let i = 0; i < n; i++) {
      const c = column[i];
      if (c === null || c === undefined) {
        cell[i] = -1;
        continue;
      }
      const j = index.get(c);
      if (j === undefined) throw new RakingError(`${m.variable} "${c}" has respondents but no target share`, m.variable);
      cell[i] = j;
      counts[j]!++;
    }
    names.forEach((c, j) => {
      if (counts[j] === 0) throw new RakingError(`${m.variable} "${c}" has a target share but no respondents`, m.variable, c);
    });
    return { variable: m.variable, cell, targets: names.map((c) => m.shares.get(c)!) };
  });

  const totals = (plan: (typeof plans)[number]) => {
    const sums = new Array<number>(plan.targets.length).fill(0);
    for (let i = 0; i < n; i++) if (plan.cell[i]! >= 0) sums[plan.cell[i]!]! += w[i]!;
    return sums;
  };
  const difference = () => {
    let worst = 0;
    for (const plan of plans) {
      const sums = totals(plan);
      const all = sums.reduce((s, x) => s + x, 0);
      plan.targets.forEach((t, j) => (worst = Math.max(worst, Math.abs(sums[j]! / all - t))));
    }
    return worst;
  };

  let iterations = 0;
  let maxDifference = difference();
  while (maxDifference > tolerance && iterations < maxIterations) {
    iterations++;
    for (const plan of plans) {
      const sums = totals(plan);
      const all = sums.reduce((s, x) => s + x, 0);
      const factor = plan.targets.map((t, j) => (t * all) / sums[j]!);
      for (let i = 0; i < n; i++) if (plan.cell[i]! >= 0) w[i]! *= factor[plan.cell[i]!]!;
    }
    if (cap !== null) trim(w, cap);
    maxDifference = difference();
  }

  // Mean weight 1: the weights sum to the respondents.
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i]!;
  let sum2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    w[i] = (w[i]! * n) / sum;
    sum2 += w[i]! * w[i]!;
    min = Math.min(min, w[i]!);
    max = Math.max(max, w[i]!);
  }
  const nEff = effectiveN(n, sum2);
  const trimmed = cap === null ? 0 : w.reduce((k, x) => k + (x >= cap * (1 - 1e-12) ? 1 : 0), 0);
  return { weights: w, iterations, converged: maxDifference <= tolerance, maxDifference, min, max, designEffect: n / nEff, nEff, trimmed };
}
