/**
 * The peak-end rule (methods.md, "Journey emotions and the peak-end rule"), as pure functions and the
 * `peak_end` method cell ({@link peakEndCell}): does the remembered experience — (peak + end)/2 over
 * the journey stages — predict the outcome better than the plain mean of the stages?
 *
 * Conventions (as weighted.ts and significance.ts): missing answers (null/NaN) are skipped; a
 * missing weight counts as 1; a negative or non-numeric weight is an error; figures the data cannot
 * support are null, never made up. Respondent ids must be unique in a cell's data: a respondent whose
 * rows disagree on the outcome or weight is an error (survey ids are unique only within a quarter and
 * bank, so a page filters to one, or combines them, e.g. `bank || '/' || respondent_id`).
 */
import { BY_OPTION, REPLICATES_OPTION, SEED_OPTION, checkOptions, type MethodDescriptor } from './method.ts';
import type { QueryResult, Row } from '../db/types.ts';
import { momentBlocks, percentileInterval } from './bootstrap.ts';
import { perGroup } from './groups.ts';
import { type Moments, ImportanceError, completeCases, correlationFromMoments, momentsOf, type MaybeNumber } from './moments.ts';
import { agree, finite, givenWeight, numberOf, orNull, requireColumns, textOf, typed } from './cell-values.ts';

/** One respondent's remembered experience over the journey stages. */
export interface PeakEnd {
  /** The most intense answered emotion (largest |value|); of equally intense ones, the later. */
  peak: number;
  /** Index (in the input, i.e. journey order) of the peak stage and of the end stage. */
  peakStage: number;
  /** The last answered stage. */
  end: number;
  endStage: number;
  /** (peak + end) / 2. */
  score: number;
  /** Plain mean of the answered stages. */
  mean: number;
  /** Stages answered. */
  answered: number;
}

/**
 * Kahneman, Fredrickson, Schreiber & Redelmeier (1993), Psychological Science 4(6); Kahneman (2011),
 * Thinking, Fast and Slow, ch. 35: the remembered experience ≈ (peak + end)/2, with peak = the most
 * intense moment (largest |emotion|) and end = the last moment. `emotions` are the stages in journey
 * order; null/NaN = stage not answered (skipped: the end is the last *answered* stage). Ties in
 * intensity (equal values, or +v and −v) go to the later stage — nearer the end, so by the same rule
 * the more memorable one; the choice is a convention, methods.md does not settle it. null when no
 * stage is answered.
 */
export function peakEnd(emotions: readonly MaybeNumber[]): PeakEnd | null {
  let peak = Number.NaN;
  let peakStage = -1;
  let end = Number.NaN;
  let endStage = -1;
  let sum = 0;
  let answered = 0;
  emotions.forEach((v, i) => {
    if (!finite(v)) return;
    answered++;
    sum += v;
    end = v;
    endStage = i;
    if (peakStage < 0 || Math.abs(v) >= Math.abs(peak)) {
      peak = v;
      peakStage = i;
    }
  });
  if (answered === 0) return null;
  return { peak, peakStage, end, endStage, score: (peak + end) / 2, mean: sum / answered, answered };
}

export interface PeakEndRespondent {
  /** Emotions per stage in journey order (null = not answered). */
  emotions: readonly MaybeNumber[];
  /** The outcome to predict (e.g. `overall`). */
  outcome: MaybeNumber;
  /** Survey weight; missing counts as 1. */
  weight?: MaybeNumber;
}

export interface PeakEndTestOptions {
  /** Bootstrap replicates (default 200). */
  replicates?: number;
  /** Seed of d3.randomLcg (default 1). */
  seed?: number;
  /** Coverage of the percentile interval (default 0.95). */
  level?: number;
  /** Respondents need at least this many answered stages (default 1; see {@link peakEndTest}). */
  minStages?: number;
  /** Above this many respondents, the bootstrap resamples blocks of respondents (default 2000, as bootstrap.ts). */
  maxBlocks?: number;
}

export type PeakEndWinner = 'peak_end' | 'mean' | 'tie';

export interface PeakEndTestResult {
  /** Respondents used: ≥ minStages answered stages, an outcome and a positive weight. */
  n: number;
  /** Kish (1965) effective n of those respondents. */
  nEff: number;
  /** R² of the outcome on the peak-end score, and on the plain mean of the stages. */
  r2PeakEnd: number | null;
  r2Mean: number | null;
  /** r2PeakEnd − r2Mean, with its seeded percentile bootstrap interval. */
  difference: number | null;
  lo: number | null;
  hi: number | null;
  /** 'peak_end' or 'mean' when the interval excludes 0; 'tie' (not distinguishable) when it includes 0. */
  winner: PeakEndWinner | null;
  seed: number;
  /** Replicates requested, used, and failed (a resample in which a predictor or the outcome is constant). */
  replicates: number;
  used: number;
  failed: number;
  /** Why figures are null, or why replicates failed. */
  note: string | null;
}

/** R² differences smaller than this are rounding noise (R² lies in [0, 1]). */
const ROUNDING = 1e-12;

const PEAK_END_LABELS = ['the peak-end score', 'the mean emotion', 'the outcome'];

/** R² of each simple regression = the squared weighted Pearson correlation with the outcome. */
function r2Pair(m: Moments): [number, number] {
  // Weighted least squares with an intercept and one predictor: R² = r_w(x, y)² (e.g. Draper & Smith 1998, §1.4 and §9.2).
  const c = correlationFromMoments(m, PEAK_END_LABELS);
  return [c[0]![2]! ** 2, c[1]![2]! ** 2];
}

/**
 * The peak-end test (methods.md): how well (peak + end)/2 and the plain mean of the stages each
 * predict the outcome, as R² of a simple (weighted) linear regression, and whether the difference
 * R²_pe − R²_mean is distinguishable from 0: a seeded percentile bootstrap (Efron 1979; Efron &
 * Tibshirani 1993, ch. 13) that resamples respondents, with exactly the seeding and resampling of
 * bootstrap.ts (d3.randomLcg(seed); indices floor(u·n); above `maxBlocks` respondents, randomly
 * dealt blocks are resampled), so the same seed gives the same interval at build time and in the
 * browser.
 *
 * Respondents need one answered stage by default (`minStages` 1): with one stage both predictors
 * equal it, so such respondents cannot separate the two, but they are part of the population whose
 * outcome is predicted and leaving them out would flatter whichever predictor fits the rest. Pass
 * `minStages: 2` to compare on multi-stage journeys only.
 */
export function peakEndTest(respondents: readonly PeakEndRespondent[], options: PeakEndTestOptions = {}): PeakEndTestResult {
  const replicates = options.replicates ?? 200;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  const minStages = options.minStages ?? 1;
  const maxBlocks = options.maxBlocks ?? 2000;
  if (!Number.isInteger(replicates) || replicates < 1) throw new Error(`replicates must be a positive integer, got ${replicates}`);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a number, got ${seed}`);
  if (!(level > 0 && level < 1)) throw new Error(`level must be between 0 and 1, got ${level}`);
  if (!Number.isInteger(minStages) || minStages < 1) throw new Error(`min_stages must be an integer ≥ 1, got ${minStages}`);
  if (!Number.isInteger(maxBlocks) || maxBlocks < 2) throw new Error(`maxBlocks must be an integer ≥ 2, got ${maxBlocks}`);

  const score: MaybeNumber[] = [];
  const mean: MaybeNumber[] = [];
  for (const r of respondents) {
    const f = peakEnd(r.emotions);
    const ok = f !== null && f.answered >= minStages;
    score.push(ok ? f.score : null);
    mean.push(ok ? f.mean : null);
  }
  // Listwise: a stage summary, the outcome and a positive weight (moments.ts checks the weights).
  const cases = completeCases({
    outcome: respondents.map((r) => r.outcome),
    predictors: { peak_end: score, mean },
    weights: respondents.map((r) => r.weight ?? null),
  });
  const { n, nEff } = cases;
  const empty = { n, nEff, r2PeakEnd: null, r2Mean: null, difference: null, lo: null, hi: null, winner: null, seed, replicates, used: 0, failed: 0 };
  if (n < 3) {
    return { ...empty, note: `${n} respondent${n === 1 ? '' : 's'} with ${minStages > 1 ? `${minStages}+ answered stages` : 'an answered stage'} and an outcome: at least 3 are needed` };
  }

  let r2PeakEnd: number;
  let r2Mean: number;
  try {
    [r2PeakEnd, r2Mean] = r2Pair(momentsOf(cases));
  } catch (e) {
    if (!(e instanceof ImportanceError)) throw e;
    return { ...empty, note: `${e.message.replace(/^"(.*)"/, '$1')}, so R² is undefined` };
  }

  // Resampling units, dealt as bootstrap.ts deals them (same random stream for the same seed).
  const { resample } = momentBlocks(cases, seed, maxBlocks);
  const draws: number[] = [];
  let failed = 0;
  for (let r = 0; r < replicates; r++) {
    const total = resample();
    try {
      const [pe, m] = r2Pair(total);
      draws.push(pe - m);
    } catch (e) {
      if (!(e instanceof ImportanceError)) throw e;
      failed++;
    }
  }
  const interval = percentileInterval(draws, level);
  const lo = orNull(interval.lo);
  const hi = orNull(interval.hi);
  // The interval decides: it excludes 0 → that predictor wins; it includes 0 → not distinguishable.
  // Bounds within rounding noise of 0 (e.g. 4e-16 from a resample where both R² are equal) count as 0.
  const winner: PeakEndWinner | null =
    lo === null || hi === null ? null : lo > ROUNDING ? 'peak_end' : hi < -ROUNDING ? 'mean' : 'tie';
  return {
    n,
    nEff,
    r2PeakEnd,
    r2Mean,
    difference: r2PeakEnd - r2Mean,
    lo,
    hi,
    winner,
    seed,
    replicates,
    used: replicates - failed,
    failed,
    note: failed > 0 ? `${failed} of ${replicates} resamples had a constant predictor or outcome and were left out` : null,
  };
}

/** The winner in words, for inline values. */
export const PEAK_END_VERDICTS: Record<PeakEndWinner, { en: string; zh: string }> = {
  peak_end: { en: 'the peak-end score predicts better', zh: '峰终得分的预测力更强' },
  mean: { en: 'the plain mean predicts better', zh: '简单平均的预测力更强' },
  tie: { en: 'not distinguishable', zh: '两者无法区分' },
};

const PEAK_END_COLUMNS: [string, string][] = [
  ['n', 'INTEGER'],
  ['n_eff', 'DOUBLE'],
  ['r2_peak_end', 'DOUBLE'],
  ['r2_mean', 'DOUBLE'],
  ['difference', 'DOUBLE'],
  ['lo', 'DOUBLE'],
  ['hi', 'DOUBLE'],
  ['winner', 'VARCHAR'],
  ['verdict_en', 'VARCHAR'],
  ['verdict_zh', 'VARCHAR'],
  ['replicates', 'INTEGER'],
  ['note', 'VARCHAR'],
];

/** Long rows (one per respondent and stage) → respondents with their emotions in stage order. */
function peakEndRespondents(rows: Row[]): PeakEndRespondent[] {
  const byId = new Map<string, { stages: Map<number, number | null>; outcome: number | null; weight: number | null }>();
  rows.forEach((r, i) => {
    const id = textOf(r.respondent);
    if (id === null) throw new Error(`row ${i + 1} has no respondent`);
    const order = numberOf(r.stage_order);
    if (order === null) throw new Error(`respondent "${id}": stage_order must be a number (got ${String(r.stage_order)})`);
    let p = byId.get(id);
    if (!p) byId.set(id, (p = { stages: new Map(), outcome: null, weight: null }));
    if (p.stages.has(order)) throw new Error(`respondent "${id}" has stage_order ${order} twice: one row per respondent and stage`);
    p.stages.set(order, numberOf(r.emotion));
    p.outcome = agree(p.outcome, numberOf(r.outcome), 'outcome', id);
    p.weight = agree(p.weight, givenWeight(r.weight, id), 'weight', id);
  });
  return [...byId.values()].map((p) => ({
    emotions: [...p.stages].sort((a, b) => a[0] - b[0]).map(([, v]) => v),
    outcome: p.outcome,
    weight: p.weight,
  }));
}

export const peakEndMethod: MethodDescriptor = {
  name: 'peak_end',
  doc: 'R² of the outcome on (peak + end)/2 and on the mean emotion, their difference with a seeded bootstrap interval, and the verdict',
  input: ['respondent', 'stage_order', 'emotion', 'outcome'],
  options: {
    replicates: REPLICATES_OPTION,
    seed: SEED_OPTION,
    min_stages: { type: 'integer', min: 1, max: 1000, default: 1, doc: 'stages a respondent must have rated to count' },
    by: BY_OPTION,
  },
  columns: PEAK_END_COLUMNS,
  run: peakEndCell,
};

/**
 * Method cell `peak_end`. Long rows, one per respondent and stage — `respondent`, `stage_order`
 * (any numbers; sorted ascending per respondent = journey order), `emotion` (null = not answered),
 * `outcome` and optionally `weight` (both repeated on each of the respondent's rows) — the shape SQL
 * UNPIVOT gives from the survey's `emo_` columns joined to `stages.order`. Options: `replicates`
 * (200), `seed` (1), `min_stages` (1), `by`. One row: n, n_eff, r2_peak_end, r2_mean, difference
 * (R²_pe − R²_mean), lo, hi (its bootstrap 95% interval), winner (peak_end | mean | tie),
 * verdict_en/verdict_zh, replicates (used), note.
 */
export function peakEndCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, checkOptions(peakEndMethod, raw), (group, options) => {
    requireColumns(group, peakEndMethod.input, 'peak_end');
    const result = peakEndTest(peakEndRespondents(group.rows), {
      replicates: options.replicates as number,
      seed: options.seed as number,
      minStages: options.min_stages as number,
    });
    const verdict = result.winner ? PEAK_END_VERDICTS[result.winner] : null;
    const row: Row = {
      n: result.n,
      n_eff: orNull(result.nEff),
      r2_peak_end: orNull(result.r2PeakEnd),
      r2_mean: orNull(result.r2Mean),
      difference: orNull(result.difference),
      lo: result.lo,
      hi: result.hi,
      winner: result.winner,
      verdict_en: verdict?.en ?? null,
      verdict_zh: verdict?.zh ?? null,
      replicates: result.r2PeakEnd === null ? null : result.used,
      note: result.note,
    };
    return { columns: typed(PEAK_END_COLUMNS), rows: [row] };
  });
}
