/**
 * Journey methods (methods.md, "Journey emotions and the peak-end rule" and "Experience quality
 * levels"), as pure functions and the method cells that apply them:
 *
 * - `peak_end` ({@link peakEndCell}): does the remembered experience — (peak + end)/2 over the
 *   journey stages — predict the outcome better than the plain mean of the stages?
 * - `levels` ({@link levelsCell}): needs met / ease / enjoyment as % top-2 − % bottom-2 on a 1–5
 *   scale, each with a t interval, and their average;
 * - `channel_mismatch` and `channel_satisfaction` ({@link channelMismatchCell},
 *   {@link channelSatisfactionCell}): how often a customer is served in another channel than the
 *   one they prefer for a task, and what that costs in the outcome.
 *
 * Conventions (as weighted.ts and significance.ts): missing answers (null/NaN) are skipped; a
 * missing weight counts as 1; a negative or non-numeric weight is an error; figures the data cannot
 * support are null, never made up. Respondent ids must be unique in a cell's data: a respondent whose
 * rows disagree on the outcome or weight is an error (survey ids are unique only within a quarter and
 * bank, so a page filters to one, or combines them, e.g. `bank || '/' || respondent_id`).
 */
import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { momentBlocks, percentileInterval } from './bootstrap.ts';
import { perGroup } from './groups.ts';
import {
  type Moments,
  ImportanceError,
  completeCases,
  correlationFromMoments,
  momentsOf,
  type MaybeNumber,
} from './moments.ts';
import { weightedMeanInterval, weightedShare } from './weighted.ts';
import { welchTTest } from './significance.ts';
import { finite, numberOf, textOf } from './cell-values.ts';

// ---------------------------------------------------------------------------------------------
// Shared helpers

/** NaN and ±Infinity become null: a result table holds no made-up numbers. */
const orNull = (v: number | null | undefined): number | null => (finite(v) ? v : null);

/** A weight: missing → 1 (as the SQL macros); negative or not a number → error. */
function weightOf(v: SqlValue | undefined, respondent: string): number {
  if (v === null || v === undefined) return 1;
  const w = numberOf(v);
  if (w === null || w < 0) throw new Error(`respondent "${respondent}" has an invalid weight ${String(v)}`);
  return w;
}

function requireColumns(input: QueryResult, needed: string[], method: string): void {
  const have = input.columns.map((c) => c.name);
  const absent = needed.filter((c) => !have.includes(c));
  if (absent.length) throw new Error(`the ${method} method needs columns ${absent.join(', ')} in its data (has ${have.join(', ')})`);
}

/** A per-respondent value repeated on each of the respondent's rows: the rows must agree. */
function agree(previous: number | null, next: number | null, what: string, respondent: string): number | null {
  if (next === null) return previous;
  if (previous === null || previous === next) return next;
  throw new Error(
    `respondent "${respondent}" has two ${what} values (${previous} and ${next}): respondent ids must be unique in the data ` +
      `(survey ids are unique only within a quarter and bank: filter to one, or combine them, e.g. bank || '/' || respondent_id)`,
  );
}

/** A weight cell as given: null when absent (counts as 1), else checked as {@link weightOf}. */
const givenWeight = (v: SqlValue | undefined, respondent: string): number | null => (v === null || v === undefined ? null : weightOf(v, respondent));

const typed = (spec: [string, string][]) => spec.map(([name, type]) => ({ name, type }));

// ---------------------------------------------------------------------------------------------
// Peak-end rule

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
  return perGroup(input, raw, (group, options) => {
    requireColumns(group, ['respondent', 'stage_order', 'emotion', 'outcome'], 'peak_end');
    const result = peakEndTest(peakEndRespondents(group.rows), {
      replicates: Number(options.replicates ?? 200),
      seed: Number(options.seed ?? 1),
      minStages: Number(options.min_stages ?? 1),
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

// ---------------------------------------------------------------------------------------------
// Experience quality levels

/** One respondent's answer on one level (1–5 agreement). */
export interface LevelAnswer {
  respondent: string;
  level: string;
  value: MaybeNumber;
  weight?: MaybeNumber;
}

export interface LevelFigure {
  /** The level's name, or 'average' for the mean of the levels. */
  level: string;
  /** % top-2 − % bottom-2 (−100…100) with its t interval. */
  score: number | null;
  lo: number | null;
  hi: number | null;
  /** Weighted shares (0–100) of top-2 (4–5) and bottom-2 (1–2) answers. */
  top2: number | null;
  bottom2: number | null;
  /** Answers (respondents for the average), and their Kish effective n. */
  n: number;
  nEff: number;
}

export const AVERAGE_LEVEL = 'average';

/**
 * Top-2 / bottom-2 box on the 1–5 scale (methods.md, Loyalty: CSAT = share of 4–5): +1 for ≥ 4,
 * −1 for ≤ 2, 0 otherwise (non-integers too: 3.5 counts 0, 4.2 counts +1).
 */
export function levelSign(value: number): -1 | 0 | 1 {
  if (!(value >= 1 && value <= 5)) throw new Error(`experience-level answers are on a 1–5 scale (got ${value})`);
  return value >= 4 ? 1 : value <= 2 ? -1 : 0;
}

/** 100·weighted mean of s with its t interval, plus the weighted top and bottom shares. */
function levelFigure(level: string, s: number[], w: number[], top: number[], bottom: number[]): LevelFigure {
  // methods.md (Experience quality levels): score = % good − % bad = 100·E_w[s], s ∈ {+1, 0, −1};
  // its interval: weighted mean ± t_{n_eff − 1}·sd_w/√n_eff (Kish 1965), weighted.ts.
  const m = weightedMeanInterval(s.map((x) => 100 * x), w);
  // Weighted mean of each respondent's share of 4–5 (or 1–2) answers, 0–100 (fractions for the average).
  const share = (xs: number[]) => orNull(100 * weightedMeanInterval(xs, w).mean);
  return { level, score: orNull(m.mean), lo: orNull(m.lo), hi: orNull(m.hi), top2: share(top), bottom2: share(bottom), n: m.n, nEff: m.nEff };
}

/**
 * Experience quality levels (methods.md; Forrester's CX Index: needs met, ease, enjoyment): per
 * level, 100·(weighted share of 4–5 − weighted share of 1–2) with a t interval on Kish's n_eff; then
 * the same for each respondent's average of s over the levels, over the respondents who answered
 * every level (the published form averages the three level scores; on complete respondents the
 * two agree). `levels` fixes the levels and their order (default: as they first appear). A
 * respondent answering a level twice is an error.
 */
export function experienceLevels(answers: readonly LevelAnswer[], levels?: readonly string[]): LevelFigure[] {
  const names = levels ? [...levels] : [...new Set(answers.map((a) => a.level))];
  if (names.includes(AVERAGE_LEVEL)) throw new Error(`a level cannot be named "${AVERAGE_LEVEL}": that row is the levels' average`);
  const index = new Map(names.map((l, j) => [l, j]));
  const L = names.length;
  const perLevel = names.map(() => ({ s: [] as number[], w: [] as number[] }));
  // Per respondent: weight and one sign per level (NaN = not answered); plain arrays, as this runs on every input change.
  const people = new Map<string, { weight: number | null; signs: number[] }>();
  for (const a of answers) {
    if (!finite(a.value)) continue;
    const j = index.get(a.level);
    if (j === undefined) continue;
    const sign = levelSign(a.value);
    const weight = weightOf(a.weight ?? null, a.respondent);
    let p = people.get(a.respondent);
    if (!p) people.set(a.respondent, (p = { weight: null, signs: new Array<number>(L).fill(Number.NaN) }));
    if (!Number.isNaN(p.signs[j]!)) throw new Error(`respondent "${a.respondent}" answered level "${a.level}" twice`);
    p.signs[j] = sign;
    if (a.weight !== null && a.weight !== undefined) p.weight = agree(p.weight, weight, 'weight', a.respondent);
    perLevel[j]!.s.push(sign);
    perLevel[j]!.w.push(weight);
  }
  const out = names.map((l, j) => {
    const { s, w } = perLevel[j]!;
    return levelFigure(l, s, w, s.map((x) => (x === 1 ? 1 : 0)), s.map((x) => (x === -1 ? 1 : 0)));
  });
  // The average: each complete respondent's mean of s over the levels (top2/bottom2: their share of 4–5 / 1–2 answers).
  const s: number[] = [];
  const w: number[] = [];
  const top: number[] = [];
  const bottom: number[] = [];
  for (const p of people.values()) {
    let sum = 0;
    let ups = 0;
    let downs = 0;
    let complete = L > 0;
    for (const x of p.signs) {
      if (Number.isNaN(x)) complete = false;
      sum += x;
      if (x === 1) ups++;
      if (x === -1) downs++;
    }
    if (!complete) continue;
    s.push(sum / L);
    top.push(ups / L);
    bottom.push(downs / L);
    w.push(p.weight ?? 1);
  }
  out.push(levelFigure(AVERAGE_LEVEL, s, w, top, bottom));
  return out;
}

const LEVEL_COLUMNS: [string, string][] = [
  ['level', 'VARCHAR'],
  ['score', 'DOUBLE'],
  ['lo', 'DOUBLE'],
  ['hi', 'DOUBLE'],
  ['top2', 'DOUBLE'],
  ['bottom2', 'DOUBLE'],
  ['n', 'INTEGER'],
  ['n_eff', 'DOUBLE'],
];

/**
 * Method cell `levels`. Long rows `respondent`, `level` (any names, e.g. needs | ease | enjoy, or
 * the survey's lvl_ column names after UNPIVOT), `value` (1–5) and optionally `weight`. Options: `by`.
 * Rows: one per level (in order of first appearance in the whole input, the same in every `by`
 * group) and then level = 'average': level, score, lo, hi, top2, bottom2, n, n_eff.
 */
export function levelsCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  requireColumns(input, ['respondent', 'level', 'value'], 'levels');
  // The levels come from all rows, so every group reports the same levels (n = 0 where it has none).
  const names = [...new Set(input.rows.map((r) => textOf(r.level)).filter((l): l is string => l !== null))];
  return perGroup(input, raw, (group) => {
    const answers = group.rows.flatMap((r): LevelAnswer[] => {
      const respondent = textOf(r.respondent);
      const level = textOf(r.level);
      if (respondent === null || level === null) return [];
      return [{ respondent, level, value: numberOf(r.value), weight: givenWeight(r.weight, respondent) }];
    });
    const rows = experienceLevels(answers, names).map(
      (f): Row => ({ level: f.level, score: f.score, lo: f.lo, hi: f.hi, top2: f.top2, bottom2: f.bottom2, n: f.n, n_eff: orNull(f.nEff) }),
    );
    return { columns: typed(LEVEL_COLUMNS), rows };
  });
}

// ---------------------------------------------------------------------------------------------
// Channel fit

/** One respondent's channel for one task: the one they prefer, and the one that served them. */
export interface ChannelRow {
  respondent: string;
  segment: string;
  task: string | null;
  preferred: string | null;
  served: string | null;
  outcome: MaybeNumber;
  weight?: MaybeNumber;
}

export interface MismatchFigure {
  segment: string;
  task: string;
  /** Rows with both a preferred and a served channel, and their Kish effective n. */
  n: number;
  nEff: number;
  /** Weighted share (0–100) served in another channel than the preferred one, with its Wilson interval. */
  mismatch: number | null;
  lo: number | null;
  hi: number | null;
}

export interface SatisfactionFigure {
  segment: string;
  /** Respondents with at least one comparable row (preferred and served both known). */
  respondents: number;
  /** Weighted share (0–100) of those respondents who are mismatched. */
  mismatchedShare: number | null;
  matchedN: number;
  matchedMean: number | null;
  mismatchedN: number;
  mismatchedMean: number | null;
  /** Mean outcome of mismatched − matched respondents (Welch t): negative = mismatch costs. */
  difference: number | null;
  lo: number | null;
  hi: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
}

/**
 * Channel fit. (a) Per segment and task (rows with both channels known; rows without a task are
 * left out of (a)): the weighted share of rows where preferred ≠ served, with a Wilson (1927)
 * interval on Kish's n_eff. (b) Per segment: a respondent is *mismatched* when any of their rows with
 * both channels known has preferred ≠ served, *matched* when they have such rows and none differs
 * (respondents without any are left out); the mean outcome of mismatched − matched respondents with
 * a Welch (1947) t test (significance.ts). Channels are compared as exact strings. To judge only the
 * task of the visit, a page keeps only that task's rows in SQL. Segments and tasks keep their order of
 * first appearance; rows without a segment are left out.
 */
export function channelFit(rows: readonly ChannelRow[]): { mismatch: MismatchFigure[]; satisfaction: SatisfactionFigure[] } {
  const cells = new Map<string, Map<string, { w: number[]; hit: number[] }>>();
  const people = new Map<string, Map<string, { weight: number | null; outcome: number | null; comparable: boolean; mismatched: boolean }>>();
  for (const r of rows) {
    const weight = weightOf(r.weight ?? null, r.respondent);
    if (!people.has(r.segment)) people.set(r.segment, new Map());
    if (!cells.has(r.segment)) cells.set(r.segment, new Map());
    const segmentPeople = people.get(r.segment)!;
    let p = segmentPeople.get(r.respondent);
    if (!p) segmentPeople.set(r.respondent, (p = { weight: null, outcome: null, comparable: false, mismatched: false }));
    p.weight = agree(p.weight, r.weight === null || r.weight === undefined ? null : weight, 'weight', r.respondent);
    p.outcome = agree(p.outcome, finite(r.outcome) ? r.outcome : null, 'outcome', r.respondent);
    if (r.preferred === null || r.served === null) continue;
    const differs = r.preferred !== r.served;
    p.comparable = true;
    p.mismatched ||= differs;
    if (r.task === null) continue;
    const tasks = cells.get(r.segment)!;
    if (!tasks.has(r.task)) tasks.set(r.task, { w: [], hit: [] });
    const c = tasks.get(r.task)!;
    c.w.push(weight);
    c.hit.push(differs ? 1 : 0);
  }

  const mismatch: MismatchFigure[] = [];
  for (const [segment, tasks] of cells)
    for (const [task, { w, hit }] of tasks) {
      // Wilson (1927) score interval on Kish's n_eff (weighted.ts, as the SQL wilson_lo/hi).
      const share = weightedShare(hit, (h) => h === 1, w);
      mismatch.push({ segment, task, n: share.n, nEff: share.nEff, mismatch: orNull(share.share), lo: orNull(share.lo), hi: orNull(share.hi) });
    }

  const satisfaction: SatisfactionFigure[] = [];
  for (const [segment, segmentPeople] of people) {
    const x: number[] = [];
    const wx: number[] = [];
    const y: number[] = [];
    const wy: number[] = [];
    let sw = 0;
    let sMis = 0;
    let respondents = 0;
    for (const p of segmentPeople.values()) {
      if (!p.comparable) continue;
      const w = p.weight ?? 1;
      respondents++;
      sw += w;
      if (p.mismatched) sMis += w;
      if (p.outcome === null) continue;
      if (p.mismatched) {
        x.push(p.outcome);
        wx.push(w);
      } else {
        y.push(p.outcome);
        wy.push(w);
      }
    }
    const test = welchTTest(x, y, wx, wy);
    const both = x.length > 0 && y.length > 0;
    satisfaction.push({
      segment,
      respondents,
      mismatchedShare: sw > 0 ? (100 * sMis) / sw : null,
      matchedN: y.length,
      matchedMean: y.length ? orNull(test.y.mean) : null,
      mismatchedN: x.length,
      mismatchedMean: x.length ? orNull(test.x.mean) : null,
      difference: both ? orNull(test.estimate) : null,
      lo: both ? orNull(test.lo) : null,
      hi: both ? orNull(test.hi) : null,
      t: both ? orNull(test.statistic) : null,
      df: both ? orNull(test.df) : null,
      p: both ? orNull(test.p) : null,
    });
  }
  return { mismatch, satisfaction };
}

function channelRows(input: QueryResult, method: string): ChannelRow[] {
  requireColumns(input, ['respondent', 'segment', 'task', 'preferred', 'served', 'outcome'], method);
  return input.rows.flatMap((r, i): ChannelRow[] => {
    const respondent = textOf(r.respondent);
    if (respondent === null) throw new Error(`row ${i + 1} has no respondent`);
    const segment = textOf(r.segment);
    if (segment === null) return [];
    return [
      {
        respondent,
        segment,
        task: textOf(r.task),
        preferred: textOf(r.preferred),
        served: textOf(r.served),
        outcome: numberOf(r.outcome),
        weight: givenWeight(r.weight, respondent),
      },
    ];
  });
}

const MISMATCH_COLUMNS: [string, string][] = [
  ['segment', 'VARCHAR'],
  ['task', 'VARCHAR'],
  ['n', 'INTEGER'],
  ['n_eff', 'DOUBLE'],
  ['mismatch', 'DOUBLE'],
  ['lo', 'DOUBLE'],
  ['hi', 'DOUBLE'],
];

const SATISFACTION_COLUMNS: [string, string][] = [
  ['segment', 'VARCHAR'],
  ['respondents', 'INTEGER'],
  ['mismatched_share', 'DOUBLE'],
  ['matched_n', 'INTEGER'],
  ['matched_mean', 'DOUBLE'],
  ['mismatched_n', 'INTEGER'],
  ['mismatched_mean', 'DOUBLE'],
  ['difference', 'DOUBLE'],
  ['lo', 'DOUBLE'],
  ['hi', 'DOUBLE'],
  ['t', 'DOUBLE'],
  ['df', 'DOUBLE'],
  ['p_value', 'DOUBLE'],
  ['significant', 'BOOLEAN'],
];

/**
 * Method cell `channel_mismatch`. Long rows, one per respondent and task: `respondent`, `segment`,
 * `task`, `preferred`, `served`, `outcome`, optional `weight`. Options: `by`. One row per segment and
 * task: segment, task, n, n_eff, mismatch (0–100), lo, hi.
 */
export function channelMismatchCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, raw, (group) => {
    const rows = channelFit(channelRows(group, 'channel_mismatch')).mismatch.map(
      (f): Row => ({ segment: f.segment, task: f.task, n: f.n, n_eff: orNull(f.nEff), mismatch: f.mismatch, lo: f.lo, hi: f.hi }),
    );
    return { columns: typed(MISMATCH_COLUMNS), rows };
  });
}

/**
 * Method cell `channel_satisfaction`, on the same rows as `channel_mismatch`. Options: `by`. One row
 * per segment: segment, respondents, mismatched_share (0–100), matched_n, matched_mean,
 * mismatched_n, mismatched_mean, difference (mismatched − matched), lo, hi, t, df, p_value,
 * significant (p < 0.05).
 */
export function channelSatisfactionCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, raw, (group) => {
    const rows = channelFit(channelRows(group, 'channel_satisfaction')).satisfaction.map(
      (f): Row => ({
        segment: f.segment,
        respondents: f.respondents,
        mismatched_share: f.mismatchedShare,
        matched_n: f.matchedN,
        matched_mean: f.matchedMean,
        mismatched_n: f.mismatchedN,
        mismatched_mean: f.mismatchedMean,
        difference: f.difference,
        lo: f.lo,
        hi: f.hi,
        t: f.t,
        df: f.df,
        p_value: f.p,
        significant: f.p === null ? null : f.p < 0.05,
      }),
    );
    return { columns: typed(SATISFACTION_COLUMNS), rows };
  });
}
