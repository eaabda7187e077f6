/**
 * The performance axis of importance–performance analysis (methods.md, IPA): the weighted mean of
 * an attribute's ratings with a t-based interval, and the optional top-2-box share. Pure functions.
 * Missing answers (null/undefined/NaN) are excluded; a missing weight counts as 1 (as in the SQL macros).
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { MaybeNumber } from './moments.ts';

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
  /** Weighted share on a 0–100 scale, with its Wilson interval. */
  share: number;
  lo: number;
  hi: number;
  n: number;
  nEff: number;
}

function answered(values: readonly MaybeNumber[], weights?: readonly MaybeNumber[]): { x: number[]; w: number[] } {
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
  const nEff = sw2 > 0 ? (sw * sw) / sw2 : 0;
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

/** Top-box share: weighted share of answers ≥ `atLeast` (e.g. 4 on 1–5, 9 on 1–10) with its Wilson 95% interval. */
export function topBoxShare(values: readonly MaybeNumber[], atLeast: number, weights?: readonly MaybeNumber[]): ShareInterval {
  const { x, w } = answered(values, weights);
  let sw = 0;
  let sw2 = 0;
  let hit = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i]!;
    sw2 += w[i]! * w[i]!;
    if (x[i]! >= atLeast) hit += w[i]!;
  }
  const share01 = sw > 0 ? hit / sw : Number.NaN;
  const nEff = sw2 > 0 ? (sw * sw) / sw2 : 0;
  return { share: 100 * share01, ...wilsonInterval(share01, nEff), n: x.length, nEff };
}
