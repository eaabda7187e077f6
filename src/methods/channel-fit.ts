/**
 * Channel fit, as pure functions and the `channel_mismatch` and `channel_satisfaction` method cells
 * ({@link channelMismatchCell}, {@link channelSatisfactionCell}): how often a customer is served in
 * another channel than the one they prefer for a task, and what that costs in the outcome.
 *
 * Conventions (as weighted.ts and significance.ts): missing answers (null/NaN) are skipped; a
 * missing weight counts as 1; a negative or non-numeric weight is an error; figures the data cannot
 * support are null, never made up. Respondent ids must be unique in a cell's data: a respondent whose
 * rows disagree on the outcome or weight is an error (survey ids are unique only within a quarter and
 * bank, so a page filters to one, or combines them, e.g. `bank || '/' || respondent_id`).
 */
import { BY_OPTION, checkOptions, type MethodDescriptor } from './method.ts';
import type { QueryResult, Row } from '../db/types.ts';
import { perGroup } from './groups.ts';
import { type MaybeNumber } from './moments.ts';
import { weightedShare } from './weighted.ts';
import { welchTTest } from './significance.ts';
import { agree, finite, givenWeight, numberOf, orNull, requireColumns, textOf, typed, weightOf } from './cell-values.ts';

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

const CHANNEL_INPUT = ['respondent', 'segment', 'task', 'preferred', 'served', 'outcome'];

function channelRows(input: QueryResult, method: string): ChannelRow[] {
  requireColumns(input, CHANNEL_INPUT, method);
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

export const channelMismatchMethod: MethodDescriptor = {
  name: 'channel_mismatch',
  doc: 'the share of respondents served outside their preferred channel, per segment and task, with Wilson intervals',
  input: CHANNEL_INPUT,
  options: { by: BY_OPTION },
  columns: MISMATCH_COLUMNS,
  run: channelMismatchCell,
};

/**
 * Method cell `channel_mismatch`. Long rows, one per respondent and task: `respondent`, `segment`,
 * `task`, `preferred`, `served`, `outcome`, optional `weight`. Options: `by`. One row per segment and
 * task: segment, task, n, n_eff, mismatch (0–100), lo, hi.
 */
export function channelMismatchCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, checkOptions(channelMismatchMethod, raw), (group) => {
    const rows = channelFit(channelRows(group, 'channel_mismatch')).mismatch.map(
      (f): Row => ({ segment: f.segment, task: f.task, n: f.n, n_eff: orNull(f.nEff), mismatch: f.mismatch, lo: f.lo, hi: f.hi }),
    );
    return { columns: typed(MISMATCH_COLUMNS), rows };
  });
}

export const channelSatisfactionMethod: MethodDescriptor = {
  name: 'channel_satisfaction',
  doc: 'mismatched against matched respondents\' mean outcome per segment, with a Welch test',
  input: CHANNEL_INPUT,
  options: { by: BY_OPTION },
  columns: SATISFACTION_COLUMNS,
  run: channelSatisfactionCell,
};

/**
 * Method cell `channel_satisfaction`, on the same rows as `channel_mismatch`. Options: `by`. One row
 * per segment: segment, respondents, mismatched_share (0–100), matched_n, matched_mean,
 * mismatched_n, mismatched_mean, difference (mismatched − matched), lo, hi, t, df, p_value,
 * significant (p < 0.05).
 */
export function channelSatisfactionCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, checkOptions(channelSatisfactionMethod, raw), (group) => {
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
