/**
 * Significance tests for comparing report figures: paired, one-sample and Welch t tests (optionally
 * weighted, with Kish's effective n), the two-proportion chi-square test, the difference of two
 * independent NPS values, and Holm's multiple-comparison adjustment. Pure functions; unweighted they
 * equal R's t.test, prop.test(correct = FALSE) and p.adjust(method = "holm")
 * (reference values: test/fixtures/methods/significance.R).
 *
 * Conventions (as in weighted.ts): missing answers (null/undefined/NaN) are skipped; a missing
 * weight counts as 1; nothing throws on too little data: with fewer than two effective answers, or
 * with constant data, the undefined parts of a result are NaN.
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileAt from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { MaybeNumber } from './moments.ts';
import { weightedMeanInterval, type MeanInterval, type NpsValue } from './weighted.ts';

export interface TestResult {
  /** The quantity tested: a mean, a difference of means, of proportions (0–1) or of NPS (0–100). */
  estimate: number;
  /** Standard error of `estimate` (the one its interval uses). */
  se: number;
  /** t, X² or z, as named by each function. */
  statistic: number;
  /** Degrees of freedom of the reference distribution; null for the normal (z) tests. */
  df: number | null;
  /** Two-sided p-value. */
  p: number;
  /** Confidence interval of `estimate` at the requested level. */
  lo: number;
  hi: number;
  /** Observations used (pairs for the paired test; both samples together for two-sample tests). */
  n: number;
}

/** One-sample or paired t test: one Kish effective n, df = n_eff − 1. */
export interface MeanTestResult extends TestResult {
  df: number;
  nEff: number;
}

/** Welch two-sample t test, with each sample's summary. */
export interface WelchTestResult extends TestResult {
  df: number;
  x: MeanInterval;
  y: MeanInterval;
}

/** Two-proportion test: `estimate` = p1 − p2 on a 0–1 scale, `statistic` = Pearson X² (df 1). */
export interface ProportionTestResult extends TestResult {
  df: 1;
  p1: number;
  p2: number;
  /** Pooled SE of p1 − p2 under H0 (the one behind X² = ((p1 − p2)/sePooled)²); `se` is the unpooled one of the interval. */
  sePooled: number;
}

// Standard normal quantile, R qnorm(p).
const normalQuantile = (p: number): number => normalQuantileAt(p, 0, 1);

// Two-sided t p-value 2·P(T_df ≤ −|t|), as R t.test: 2 * pt(-abs(tstat), df).
function tTwoSided(statistic: number, df: number): number {
  return Number.isNaN(statistic) || !(df > 0) ? Number.NaN : 2 * tCdf(-Math.abs(statistic), df);
}

// R t.test's "data are essentially constant" rule: stderr < 10·ε·max|mean| (R stops; here the statistic is NaN).
function essentiallyConstant(se: number, ...means: number[]): boolean {
  return se < 10 * Number.EPSILON * Math.max(...means.map(Math.abs));
}

/**
 * One-sample t test of H0: mean = mu (R t.test(values, mu = mu)): t = (m − mu)/se, df = n_eff − 1, and
 * the interval of the mean itself (as R). With weights, m is the weighted mean and n is Kish's n_eff,
 * exactly as {@link weightedMeanInterval}.
 */
export function oneSampleTTest(
  values: readonly MaybeNumber[],
  weights?: readonly MaybeNumber[],
  mu = 0,
  level = 0.95,
): MeanTestResult {
  const m = weightedMeanInterval(values, weights, level);
  // Student (1908): t = (x̄ − μ0) / (s/√n), n → Kish (1965) n_eff with weights.
  const statistic = essentiallyConstant(m.se, m.mean) ? Number.NaN : (m.mean - mu) / m.se;
  return {
    estimate: m.mean,
    se: m.se,
    statistic,
    df: m.df,
    p: tTwoSided(statistic, m.df),
    lo: m.lo,
    hi: m.hi,
    n: m.n,
    nEff: m.nEff,
  };
}

/**
 * Paired t test of x − y: the one-sample t test of the differences over the pairs where both are
 * present (R t.test(x, y, paired = TRUE) drops incomplete pairs the same way). `weights` are per pair.
 */
export function pairedTTest(
  x: readonly MaybeNumber[],
  y: readonly MaybeNumber[],
  weights?: readonly MaybeNumber[],
  level = 0.95,
): MeanTestResult {
  if (x.length !== y.length) throw new Error(`paired samples differ in length: ${x.length} and ${y.length}`);
  const differences = x.map((xi, i) => {
    const yi = y[i];
    return typeof xi === 'number' && typeof yi === 'number' ? xi - yi : null; // d_i = x_i − y_i (NaN stays missing)
  });
  return oneSampleTTest(differences, weights, 0, level);
}

/**
 * Welch (1947) two-sample t test of mean(x) − mean(y), unequal variances (R t.test(x, y), var.equal = FALSE).
 * With weights, each sample's variance of the mean is sd_w²/n_eff (Kish) and n_eff − 1 replaces n − 1
 * in the Welch–Satterthwaite df.
 */
export function welchTTest(
  x: readonly MaybeNumber[],
  y: readonly MaybeNumber[],
  wx?: readonly MaybeNumber[],
  wy?: readonly MaybeNumber[],
  level = 0.95,
): WelchTestResult {
  const a = weightedMeanInterval(x, wx, level);
  const b = weightedMeanInterval(y, wy, level);
  const vx = a.se * a.se;
  const vy = b.se * b.se;
  const estimate = a.mean - b.mean;
  // Welch (1947): se = sqrt(s_x²/n_x + s_y²/n_y).
  const se = Math.sqrt(vx + vy);
  // Welch–Satterthwaite (Satterthwaite 1946): df = (v_x + v_y)² / (v_x²/(n_x − 1) + v_y²/(n_y − 1)), v = s²/n.
  const df = (vx + vy) ** 2 / ((vx * vx) / a.df + (vy * vy) / b.df);
  const statistic = essentiallyConstant(se, a.mean, b.mean) ? Number.NaN : estimate / se;
  const half = df > 0 ? tQuantile((1 + level) / 2, df) * se : Number.NaN;
  return {
    estimate,
    se,
    statistic,
    df,
    p: tTwoSided(statistic, df),
    lo: estimate - half,
    hi: estimate + half,
    n: a.n + b.n,
    x: a,
    y: b,
  };
}

/**
 * Two-proportion test as R prop.test(c(x1, x2), c(n1, n2), correct = FALSE): Pearson X² of the 2×2
 * table (df 1), and R's unpooled Wald interval of p1 − p2 (0–1 scale, clipped to [−1, 1]).
 * Counts need not be integers: for weighted data pass x = share × n_eff and n = n_eff (Kish).
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, level = 0.95): ProportionTestResult {
  if (!(n1 > 0 && n2 > 0 && x1 >= 0 && x2 >= 0 && x1 <= n1 && x2 <= n2))
    return { estimate: Number.NaN, se: Number.NaN, statistic: Number.NaN, df: 1, p: Number.NaN, lo: Number.NaN, hi: Number.NaN, n: n1 + n2, p1: x1 / n1, p2: x2 / n2, sePooled: Number.NaN };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const estimate = p1 - p2;
  const pooled = (x1 + x2) / (n1 + n2);
  // Pearson X² for a 2×2 table = (p1 − p2)² / (p̄(1 − p̄)(1/n1 + 1/n2)), p̄ = (x1 + x2)/(n1 + n2) (Agresti 2013, §3.1.5).
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const statistic = (estimate / sePooled) ** 2;
  // R: pchisq(X2, 1, lower.tail = FALSE).
  const p = 1 - chisquareCdf(statistic, 1);
  // R prop.test, k = 2: DELTA ± qnorm((1 + level)/2)·sqrt(Σ p(1 − p)/n), clipped to [−1, 1].
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const half = normalQuantile((1 + level) / 2) * se;
  return {
    estimate,
    se,
    statistic,
    df: 1,
    p,
    lo: Math.max(estimate - half, -1),
    hi: Math.min(estimate + half, 1),
    n: n1 + n2,
    p1,
    p2,
    sePooled,
  };
}

/**
 * Difference a − b of two independent NPS (0–100 scale): SEs add in quadrature (methods.md, Loyalty),
 * z = (a − b)/se against the standard normal, two-sided p, and a − b ± z_{(1+level)/2}·se.
 */
export function npsDifference(a: NpsValue, b: NpsValue, level = 0.95): TestResult {
  const estimate = a.nps - b.nps;
  // methods.md: Var(NPS_a − NPS_b) = SE_a² + SE_b² (independent samples).
  const se = Math.sqrt(a.se * a.se + b.se * b.se);
  const statistic = se > 0 ? estimate / se : Number.NaN;
  // Two-sided normal p-value 2Φ(−|z|).
  const p = 2 * normalCdf(-Math.abs(statistic), 0, 1);
  const half = normalQuantile((1 + level) / 2) * se;
  return {
    estimate,
    se,
    statistic,
    df: null,
    p,
    lo: estimate - half,
    hi: estimate + half,
    n: (a.n ?? Number.NaN) + (b.n ?? Number.NaN),
  };
}

/**
 * Benjamini & Hochberg (1995), JRSS B 57(1): step-up false-discovery-rate adjustment, equal to R
 * p.adjust(p, "BH"): sorted descending, q_(i) = min(1, min_{j ≥ i} m·p_(j)/j), m = number of
 * non-missing p. Results keep the input order; a missing p gives NaN and does not count in m.
 */
export function benjaminiHochberg(p: readonly MaybeNumber[]): number[] {
  const present = p.flatMap((v, i) => (typeof v === 'number' && !Number.isNaN(v) ? [{ v, i }] : []));
  const m = present.length;
  present.sort((a, b) => a.v - b.v);
  const out = p.map(() => Number.NaN);
  let running = 1;
  for (let j = m - 1; j >= 0; j--) {
    const { v, i } = present[j]!;
    running = Math.min(running, (m * v) / (j + 1));
    out[i] = running;
  }
  return out;
}

/**
 * Holm (1979), Scand. J. Statist. 6(2): step-down adjustment, equal to R p.adjust(p, "holm"):
 * sorted ascending, p̃_(i) = min(1, max_{j ≤ i} (m − j + 1)·p_(j)), m = number of non-missing p.
 * Results keep the input order; a missing p (null/undefined/NaN) gives NaN and does not count in m.
 */
export function holm(p: readonly MaybeNumber[]): number[] {
  const present = p.flatMap((v, i) => (typeof v === 'number' && !Number.isNaN(v) ? [{ v, i }] : []));
  const m = present.length;
  present.sort((a, b) => a.v - b.v); // stable: ties keep their order, as R's order()
  const out = p.map(() => Number.NaN);
  let running = 0;
  present.forEach(({ v, i }, j) => {
    running = Math.max(running, (m - j) * v); // (m − j + 1)·p_(j) with 1-based j
    out[i] = Math.min(1, running);
  });
  return out;
}
