/**
 * Weighted estimators: the JavaScript reference of the SQL macros in loyalty.ts (a test runs both on
 * the same data, test/methods/sql-js-agreement.test.ts). Every method that needs a weighted share,
 * mean, NPS or Kish's effective n outside SQL calls these; nothing else computes them.
 * Missing answers (null/undefined/NaN) are excluded; a missing weight counts as 1 (as in the SQL macros).
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { MaybeNumber } from './moments.ts';

/** An NPS (0–100) with its standard error, as returned by {@link npsEstimate}. */
export interface NpsValue {
  nps: number;
  se: number;
  /** Respondents (or Kish effective n); optional, only summed into the difference's `n`. */
  n?: number;
}

export interface NpsEstimate extends NpsValue {
  /** Shares (0–1) of promoters and detractors. */
  promoters: number;
  detractors: number;
  n: number;
  nEff: number;
}

export interface MeanInterval {
  mean: number;
  /** Standard error: sd_w / sqrt(n_eff). */
  se: number;
  lo: number;
  hi: number;
  /** Answers used, their Kish effective n, and the t distribution's degrees of freedom (n_eff − 1). */
  n: number;
  nEff: number;
  df: number;
}

export interface ShareInterval {
  /** Weighted share on a 0–100 scale, with its Wilson interval; `proportion` is the same share on 0–1. */
  share: number;
  proportion: number;
  lo: number;
  hi: number;
  n: number;
  nEff: number;
}

/** Kish (1965), Survey Sampling (Wiley): effective sample size (Σw)² / Σw², from the two sums (0 when Σw² = 0). */
export function effectiveN(sumW: number, sumW2: number): number {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}

/** Kish's effective n of a list of weights (as the SQL `kish_n`). */
export function kishN(weights: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i]!;
    s2 += weights[i]! * weights[i]!;
  }
  return effectiveN(s, s2);
}

/** The answered values and their weights (a missing weight is 1; a negative or non-finite one is an error). */
export function answered(values: readonly MaybeNumber[], weights?: readonly MaybeNumber[]): { x: number[]; w: number[] } {
  if (weights && weights.length !== values.length) throw new Error(`${weights.length} weights for ${values.length} values`);
  const x: number[] = [];
  const w: number[] = [];
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    const raw = weights?.[i];
    const weight = raw === null || raw === undefined ? 1 : raw;
    if (!Number.isFinite(weight) || weight < 0) throw new Error(`value ${i} has an invalid weight ${String(raw)}`);
    x.push(v);
    w.push(weight);
  });
  return { x, w };
}

/**
 * Weighted mean with a Student-t interval, n replaced by Kish's (1965) effective n:
 * mean ± t_{(1+level)/2, n_eff−1} · sd_w / sqrt(n_eff), where
 * sd_w² = Σw(x − m)² / (Σw − Σw²/Σw) (= the n − 1 sample variance when w ≡ 1; same as the SQL `sd_w`).
 * With fewer than two effective answers the bounds are NaN.
 */
export function weightedMeanInterval(
  values: readonly MaybeNumber[],
  weights?: readonly MaybeNumber[],
  level = 0.95,
): MeanInterval {
  const { x, w } = answered(values, weights);
  let sw = 0;
  let sw2 = 0;
  let swx = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i]!;
    sw2 += w[i]! * w[i]!;
    swx += w[i]! * x[i]!;
  }
  const mean = sw > 0 ? swx / sw : Number.NaN;
  const nEff = effectiveN(sw, sw2);
  let ss = 0; // two-pass sum of squares: exact for any scale
  for (let i = 0; i < x.length; i++) ss += w[i]! * (x[i]! - mean) ** 2;
  const df = nEff - 1;
  const variance = df > 0 ? ss / (sw - sw2 / sw) : Number.NaN;
  const se = Math.sqrt(variance / nEff);
  const half = df > 0 ? tQuantile((1 + level) / 2, df) * se : Number.NaN;
  return { mean, se, lo: mean - half, hi: mean + half, n: x.length, nEff, df };
}

/** Wilson (1927), JASA 22(158): score interval for a proportion, n = Kish n_eff; 0–100 scale (as the SQL `wilson_lo/hi`). */
export function wilsonInterval(share01: number, nEff: number, z = 1.959963984540054): { lo: number; hi: number } {
  if (!(nEff > 0) || !Number.isFinite(share01)) return { lo: Number.NaN, hi: Number.NaN };
  const z2 = z * z;
  const centre = (share01 + z2 / (2 * nEff)) / (1 + z2 / nEff);
  const half = (z / (1 + z2 / nEff)) * Math.sqrt((share01 * (1 - share01)) / nEff + z2 / (4 * nEff * nEff));
  return { lo: 100 * (centre - half), hi: 100 * (centre + half) };
}

/**
 * Weighted share (0–100) of the answers for which `hit` holds, Σw·[hit] / Σw, with its Wilson 95%
 * interval on Kish's n_eff (the SQL `share_w`, `wilson_lo`, `wilson_hi`).
 */
export function weightedShare(values: readonly MaybeNumber[], hit: (x: number) => boolean, weights?: readonly MaybeNumber[]): ShareInterval {
  const { x, w } = answered(values, weights);
  let sw = 0;
  let sw2 = 0;
  let sh = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i]!;
    sw2 += w[i]! * w[i]!;
    if (hit(x[i]!)) sh += w[i]!;
  }
  const share01 = sw > 0 ? sh / sw : Number.NaN;
  const nEff = effectiveN(sw, sw2);
  return { share: 100 * share01, proportion: share01, ...wilsonInterval(share01, nEff), n: x.length, nEff };
}

/** Top-box share: weighted share of answers ≥ `atLeast` (e.g. 4 on 1–5, 9 on 1–10) with its Wilson 95% interval. */
export function topBoxShare(values: readonly MaybeNumber[], atLeast: number, weights?: readonly MaybeNumber[]): ShareInterval {
  return weightedShare(values, (x) => x >= atLeast, weights);
}

/**
 * NPS = 100(p − d) and its SE from promoter and detractor counts (or weighted sums) out of n (or Σw);
 * `nEff` is the n of the SE (Kish's n_eff with weights; defaults to n).
 */
export function npsEstimate(promoters: number, detractors: number, n: number, nEff = n): NpsEstimate {
  const p = n > 0 ? promoters / n : Number.NaN;
  const d = n > 0 ? detractors / n : Number.NaN;
  // methods.md (Loyalty): NPS = 100(p − d); SE = 100·sqrt((p + d − (p − d)²)/n) (trinomial variance of p − d).
  const variance = Math.max(p + d - (p - d) ** 2, 0);
  const se = nEff > 0 ? 100 * Math.sqrt(variance / nEff) : Number.NaN;
  return { nps: 100 * (p - d), se, promoters: p, detractors: d, n, nEff };
}

/**
 * Reichheld (2003), HBR: NPS = 100(p − d) on weighted shares of promoters (9–10) and detractors (0–6)
 * of the 0–10 answers, with its SE on Kish's n_eff (the SQL `nps_score`, `nps_se`).
 */
export function npsOfAnswers(values: readonly MaybeNumber[], weights?: readonly MaybeNumber[]): NpsEstimate {
  const { x, w } = answered(values, weights);
  let sw = 0;
  let sw2 = 0;
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i]!;
    sw2 += w[i]! * w[i]!;
    if (x[i]! >= 9) promoters += w[i]!;
    if (x[i]! <= 6) detractors += w[i]!;
  }
  return npsEstimate(promoters, detractors, sw, effectiveN(sw, sw2));
}
