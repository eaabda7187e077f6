/**
 * Experience quality levels (methods.md, "Experience quality levels"), as pure functions and the
 * `levels` method cell ({@link levelsCell}): needs met / ease / enjoyment as % top-2 − % bottom-2 on a
 * 1–5 scale, each with a t interval, and their average.
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
import { weightedMeanInterval } from './weighted.ts';
import { agree, finite, givenWeight, numberOf, orNull, requireColumns, textOf, typed, weightOf } from './cell-values.ts';

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

export const levelsMethod: MethodDescriptor = {
  name: 'levels',
  doc: '% top-2 − % bottom-2 per experience level and their average, with t intervals',
  input: ['respondent', 'level', 'value'],
  options: { by: BY_OPTION },
  columns: LEVEL_COLUMNS,
  run: levelsCell,
};

/**
 * Method cell `levels`. Long rows `respondent`, `level` (any names, e.g. needs | ease | enjoy, or
 * the survey's lvl_ column names after UNPIVOT), `value` (1–5) and optionally `weight`. Options: `by`.
 * Rows: one per level (in order of first appearance in the whole input, the same in every `by`
 * group) and then level = 'average': level, score, lo, hi, top2, bottom2, n, n_eff.
 */
export function levelsCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  const options = checkOptions(levelsMethod, raw);
  requireColumns(input, levelsMethod.input, 'levels');
  // The levels come from all rows, so every group reports the same levels (n = 0 where it has none).
  const names = [...new Set(input.rows.map((r) => textOf(r.level)).filter((l): l is string => l !== null))];
  return perGroup(input, options, (group) => {
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
