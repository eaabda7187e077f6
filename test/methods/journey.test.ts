import { quantile, randomLcg } from 'd3';
import { describe, expect, it } from 'vitest';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { runMethod } from '../../src/methods/cells.ts';
import { channelFit, channelMismatchCell, channelSatisfactionCell, type ChannelRow } from '../../src/methods/channel-fit.ts';
import { experienceLevels, levelSign, levelsCell, type LevelAnswer } from '../../src/methods/levels.ts';
import { peakEnd, peakEndCell, peakEndTest, type PeakEndRespondent } from '../../src/methods/peak-end.ts';
import { weightedMeanInterval, wilsonInterval } from '../../src/methods/weighted.ts';
import { welchTTest } from '../../src/methods/significance.ts';

const table = (names: string[], rows: Row[]): QueryResult => ({ columns: names.map((name) => ({ name, type: '' })), rows });

/** R² of a weighted simple regression, written out: r_w(x, y)². */
function r2(x: number[], y: number[], w: number[] = x.map(() => 1)): number {
  const sw = w.reduce((a, b) => a + b, 0);
  const mx = x.reduce((a, v, i) => a + w[i]! * v, 0) / sw;
  const my = y.reduce((a, v, i) => a + w[i]! * v, 0) / sw;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((v, i) => {
    sxy += w[i]! * (v - mx) * (y[i]! - my);
    sxx += w[i]! * (v - mx) ** 2;
    syy += w[i]! * (y[i]! - my) ** 2;
  });
  return (sxy * sxy) / (sxx * syy);
}

/** n respondents with four stages of integer emotions −3..3 (seeded); outcome from the stages. */
function journeys(n: number, seed: number, outcome: (e: number[]) => number, weight?: (i: number) => number): PeakEndRespondent[] {
  const random = randomLcg(seed);
  return Array.from({ length: n }, (_v, i) => {
    const emotions = Array.from({ length: 4 }, () => Math.floor(random() * 7) - 3);
    return { emotions, outcome: outcome(emotions), weight: weight ? weight(i) : null };
  });
}

const scoreOf = (e: number[]) => peakEnd(e)!.score;
const meanOf = (e: number[]) => peakEnd(e)!.mean;

describe('peak-end rule', () => {
  it("reproduces Kahneman's colonoscopy example: both peak at 8, A ends at 7 (7.5), B ends at 1 (4.5)", () => {
    // Pain per minute: A's procedure is short and ends near its worst; B's is longer and tapers off.
    const a = peakEnd([2, 5, 8, 7]);
    const b = peakEnd([2, 5, 8, 6, 4, 2, 1]);
    expect(a).toMatchObject({ peak: 8, end: 7, score: 7.5, peakStage: 2, endStage: 3, answered: 4 });
    expect(b).toMatchObject({ peak: 8, end: 1, score: 4.5, peakStage: 2, endStage: 6, answered: 7 });
    // B had more pain in total (28 against 22), yet remembers the procedure as less bad.
    const total = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
    expect(total([2, 5, 8, 6, 4, 2, 1])).toBeGreaterThan(total([2, 5, 8, 7]));
    // The same on the signed emotion scale: negative emotions are intense too.
    expect(peakEnd([-2, -5, -8, -7])).toMatchObject({ peak: -8, end: -7, score: -7.5 });
  });

  it('skips unanswered stages: the end is the last answered one; the mean is over answered stages', () => {
    expect(peakEnd([null, -2, 3, null, Number.NaN])).toEqual({ peak: 3, peakStage: 2, end: 3, endStage: 2, score: 3, mean: 0.5, answered: 2 });
    expect(peakEnd([1, null, -1])).toEqual({ peak: -1, peakStage: 2, end: -1, endStage: 2, score: -1, mean: 0, answered: 2 });
  });

  it('gives ties in intensity to the later stage', () => {
    expect(peakEnd([3, -3, 0])).toMatchObject({ peak: -3, peakStage: 1, score: -1.5 });
    expect(peakEnd([-2, 1, 2, 0])).toMatchObject({ peak: 2, peakStage: 2, score: 1 });
  });

  it('is null when no stage is answered', () => {
    expect(peakEnd([])).toBeNull();
    expect(peakEnd([null, undefined, Number.NaN])).toBeNull();
  });
});

describe('peak-end test', () => {
  it('R²_pe = 1 when the outcome is the peak-end score; R²_mean as written out; the peak-end score wins', () => {
    const data = journeys(30, 3, scoreOf);
    const r = peakEndTest(data, { replicates: 100, seed: 5 });
    expect(r.n).toBe(30);
    expect(r.r2PeakEnd).toBeCloseTo(1, 12);
    expect(r.r2Mean).toBeCloseTo(r2(data.map((d) => meanOf(d.emotions as number[])), data.map((d) => d.outcome as number)), 12);
    expect(r.r2Mean).toBeLessThan(0.99);
    expect(r.difference).toBeCloseTo(1 - r.r2Mean!, 12);
    expect(r.lo).toBeGreaterThan(0);
    expect(r.winner).toBe('peak_end');
    expect(r).toMatchObject({ replicates: 100, used: 100, failed: 0, note: null });
  });

  it('the plain mean wins when the outcome is the mean', () => {
    const r = peakEndTest(journeys(30, 3, meanOf), { replicates: 100, seed: 5 });
    expect(r.r2Mean).toBeCloseTo(1, 12);
    expect(r.hi).toBeLessThan(0);
    expect(r.winner).toBe('mean');
  });

  it('is the classical percentile bootstrap over respondents: floor(u·n) from d3.randomLcg(seed), type-7 2.5/97.5 %', () => {
    const data = journeys(25, 11, (e) => scoreOf(e) + 0.5 * meanOf(e) + ((e[0]! * 7) % 3), (i) => 1 + (i % 3));
    const replicates = 40;
    const seed = 9;
    const r = peakEndTest(data, { replicates, seed });
    const pe = data.map((d) => scoreOf(d.emotions as number[]));
    const mean = data.map((d) => meanOf(d.emotions as number[]));
    const y = data.map((d) => d.outcome as number);
    const w = data.map((d) => d.weight as number);
    expect(r.r2PeakEnd).toBeCloseTo(r2(pe, y, w), 12);
    expect(r.r2Mean).toBeCloseTo(r2(mean, y, w), 12);
    expect(r.nEff).toBeCloseTo(w.reduce((a, b) => a + b) ** 2 / w.reduce((a, b) => a + b * b, 0), 12);
    const random = randomLcg(seed);
    const draws: number[] = [];
    for (let k = 0; k < replicates; k++) {
      const idx = Array.from({ length: 25 }, () => Math.floor(random() * 25));
      const take = (xs: number[]) => idx.map((i) => xs[i]!);
      draws.push(r2(take(pe), take(y), take(w)) - r2(take(mean), take(y), take(w)));
    }
    expect(r.lo).toBeTypeOf('number');
    expect(r.lo).toBeCloseTo(quantile(draws, 0.025)!, 10);
    expect(r.hi).toBeCloseTo(quantile(draws, 0.975)!, 10);
  });

  it('same seed, same interval; another seed, another interval (also with blocks of respondents)', () => {
    const data = journeys(60, 4, (e) => scoreOf(e) + meanOf(e) * ((e[1]! % 2) + 0.3));
    const a = peakEndTest(data, { seed: 42 });
    expect(peakEndTest(data, { seed: 42 })).toEqual(a);
    expect(peakEndTest(data, { seed: 43 }).lo).not.toBe(a.lo);
    const blocks = peakEndTest(data, { seed: 42, maxBlocks: 20 });
    expect(peakEndTest(data, { seed: 42, maxBlocks: 20 })).toEqual(blocks);
    expect(blocks.r2PeakEnd).toBe(a.r2PeakEnd);
    expect(blocks.lo).not.toBe(a.lo);
  });

  it('with one stage per respondent the two predictors are the same: difference 0, not distinguishable', () => {
    const data = [1, -2, 3, 0, 2].map((e, i) => ({ emotions: [null, e], outcome: e + (i % 2), weight: 1 }));
    const r = peakEndTest(data, { replicates: 50 });
    expect(r.difference).toBe(0);
    expect(r).toMatchObject({ lo: 0, hi: 0, winner: 'tie' });
    // min_stages 2 leaves them all out.
    expect(peakEndTest(data, { minStages: 2 })).toMatchObject({ n: 0, r2PeakEnd: null, winner: null });
  });

  it('needs three respondents with a stage, an outcome and a positive weight; says why otherwise', () => {
    const r = peakEndTest([
      { emotions: [1, 2], outcome: 5 },
      { emotions: [2, -1], outcome: 3 },
      { emotions: [null], outcome: 4 },
      { emotions: [3], outcome: null },
      { emotions: [3], outcome: 2, weight: 0 },
    ]);
    expect(r).toMatchObject({ n: 2, r2PeakEnd: null, lo: null, winner: null });
    expect(r.note).toMatch(/at least 3/);
    const flat = peakEndTest([1, 2, 3].map((o) => ({ emotions: [2, 2], outcome: o })));
    expect(flat.r2PeakEnd).toBeNull();
    expect(flat.note).toMatch(/peak-end score does not vary/);
    expect(() => peakEndTest([{ emotions: [1], outcome: 1, weight: -1 }])).toThrow(/weight/);
  });
});

/** Respondents as the long rows the cell takes (stage_order 10, 20, … given out of order). */
function longRows(data: PeakEndRespondent[], extra: (i: number) => Row = () => ({})): QueryResult {
  const rows: Row[] = [];
  data.forEach((d, i) => {
    [...d.emotions.keys()].reverse().forEach((s) => {
      rows.push({ respondent: `r${i}`, stage_order: 10 * (s + 1), emotion: d.emotions[s] ?? null, outcome: d.outcome ?? null, weight: d.weight ?? null, ...extra(i) });
    });
  });
  return table(['respondent', 'stage_order', 'emotion', 'outcome', 'weight', ...Object.keys(extra(0))], rows);
}

describe('peak_end method cell', () => {
  const data = journeys(30, 3, (e) => scoreOf(e) + ((e[2]! + 3) % 2));

  it('reads long rows in stage order and returns one typed row', () => {
    const r = runMethod('peak_end', longRows(data), { replicates: 60, seed: 2 });
    const ref = peakEndTest(data, { replicates: 60, seed: 2 });
    expect(r.columns.map((c) => c.name)).toEqual(['n', 'n_eff', 'r2_peak_end', 'r2_mean', 'difference', 'lo', 'hi', 'winner', 'verdict_en', 'verdict_zh', 'replicates', 'note']);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ n: 30, r2_peak_end: ref.r2PeakEnd, r2_mean: ref.r2Mean, lo: ref.lo, hi: ref.hi, winner: ref.winner, replicates: 60 });
    expect(r.rows[0]!.verdict_en).toBeTypeOf('string');
  });

  it('runs per group with `by`, and keeps typed columns on empty data', () => {
    const r = peakEndCell(longRows(data, (i) => ({ bank: i < 15 ? 'a' : 'b' })), { by: 'bank', replicates: 20 });
    expect(r.rows.map((row) => [row.bank, row.n])).toEqual([['a', 15], ['b', 15]]);
    const empty = peakEndCell(table(['respondent', 'stage_order', 'emotion', 'outcome', 'weight'], []), {});
    expect(empty.columns.find((c) => c.name === 'r2_peak_end')!.type).toBe('DOUBLE');
    expect(empty.rows[0]).toMatchObject({ n: 0, r2_peak_end: null, winner: null });
  });

  it('rejects ambiguous respondents and missing columns', () => {
    const cols = ['respondent', 'stage_order', 'emotion', 'outcome'];
    expect(() => peakEndCell(table(cols, [{ respondent: 'x', stage_order: 1, emotion: 1, outcome: 5 }, { respondent: 'x', stage_order: 2, emotion: 1, outcome: 6 }]), {})).toThrow(
      /two outcome values/,
    );
    expect(() => peakEndCell(table(cols, [{ respondent: 'x', stage_order: 1, emotion: 1, outcome: 5 }, { respondent: 'x', stage_order: 1, emotion: 2, outcome: 5 }]), {})).toThrow(
      /stage_order 1 twice/,
    );
    expect(() => peakEndCell(table(['respondent', 'emotion', 'outcome'], []), {})).toThrow(/needs columns stage_order/);
  });
});

describe('experience quality levels', () => {
  // Hand-computed: s = +1 for 4–5, −1 for 1–2, 0 otherwise.
  //        needs  ease   enjoy
  // r1     5 (+)  4 (+)  3 (0)
  // r2     2 (−)  3 (0)  1 (−)
  // r3     4 (+)  1 (−)  5 (+)
  // r4     3 (0)  —      4.5 (+)
  // r5     3.5(0) 2.4(0) 3 (0)
  const grid: [string, (number | null)[]][] = [
    ['r1', [5, 4, 3]],
    ['r2', [2, 3, 1]],
    ['r3', [4, 1, 5]],
    ['r4', [3, null, 4.5]],
    ['r5', [3.5, 2.4, 3]],
  ];
  const levels = ['needs', 'ease', 'enjoy'];
  const answers = (weights: Record<string, number> = {}): LevelAnswer[] =>
    grid.flatMap(([respondent, values]) => values.map((value, j) => ({ respondent, level: levels[j]!, value, weight: weights[respondent] ?? null })));

  it('classifies answers, non-integers included', () => {
    expect([1, 1.5, 2, 2.4, 3, 3.9, 4, 4.5, 5].map(levelSign)).toEqual([-1, -1, -1, 0, 0, 0, 1, 1, 1]);
    expect(() => levelSign(6)).toThrow(/1–5/);
    expect(() => levelSign(0)).toThrow(/1–5/);
  });

  it('scores each level as % top-2 − % bottom-2 with a t interval on 100·s', () => {
    const [needs, ease, enjoy, average] = experienceLevels(answers());
    // needs: s = 1, −1, 1, 0, 0 → 20; top 2/5, bottom 1/5; sd² = (80² + 120² + 80² + 20² + 20²)/4 = 7000
    expect(needs).toMatchObject({ level: 'needs', n: 5, nEff: 5 });
    expect(needs!.score).toBeCloseTo(20, 12);
    expect(needs!.top2).toBeCloseTo(40, 12);
    expect(needs!.bottom2).toBeCloseTo(20, 12);
    const half = 2.7764451051977987 * Math.sqrt(7000 / 5); // qt(0.975, 4) · sd/√n
    expect(needs!.lo).toBeCloseTo(20 - half, 9);
    expect(needs!.hi).toBeCloseTo(20 + half, 9);
    // ease: s = 1, 0, −1, 0 (r4 did not answer) → 0, 25 % and 25 %
    expect(ease).toMatchObject({ n: 4 });
    expect(ease!.score).toBeCloseTo(0, 12);
    expect(ease!.top2).toBeCloseTo(25, 12);
    expect(ease!.bottom2).toBeCloseTo(25, 12);
    // enjoy: s = 0, −1, 1, 1, 0 → 20
    expect(enjoy!.score).toBeCloseTo(20, 12);
    // average over r1, r2, r3, r5 (r4 skipped ease): s̄ = 2/3, −2/3, 1/3, 0 → 100/12
    expect(average).toMatchObject({ level: 'average', n: 4 });
    expect(average!.score).toBeCloseTo(100 / 12, 12);
    expect(average!.top2).toBeCloseTo(100 / 3, 12);
    expect(average!.bottom2).toBeCloseTo(25, 12);
    const ref = weightedMeanInterval([200 / 3, -200 / 3, 100 / 3, 0]);
    expect(average!.lo).toBeCloseTo(ref.lo, 12);
    expect(average!.hi).toBeCloseTo(ref.hi, 12);
  });

  it('weights answers, with Kish n_eff in the interval', () => {
    const [needs] = experienceLevels(answers({ r1: 2 }));
    // needs: (2·1 − 1 + 1)/6 = 1/3; top 3/6, bottom 1/6; n_eff = 36/8
    expect(needs!.score).toBeCloseTo(100 / 3, 12);
    expect(needs!.top2).toBeCloseTo(50, 12);
    expect(needs!.bottom2).toBeCloseTo(100 / 6, 12);
    expect(needs!.nEff).toBeCloseTo(4.5, 12);
    const ref = weightedMeanInterval([100, -100, 100, 0, 0], [2, 1, 1, 1, 1]);
    expect(needs!.lo).toBeCloseTo(ref.lo, 12);
  });

  it('on complete respondents the average is the mean of the three level scores', () => {
    const complete = answers().filter((a) => a.respondent !== 'r4');
    const figures = experienceLevels(complete);
    const meanOfLevels = (figures[0]!.score! + figures[1]!.score! + figures[2]!.score!) / 3;
    expect(figures[3]!.score).toBeCloseTo(meanOfLevels, 12);
  });

  it('levels method cell: rows per level and the average, per group, typed when empty', () => {
    const rows: Row[] = answers().map((a, i) => ({ respondent: a.respondent, level: a.level, value: a.value ?? null, weight: null, bank: i < 9 ? 'a' : 'b' }));
    const input = table(['respondent', 'level', 'value', 'weight', 'bank'], rows);
    const r = runMethod('levels', input, {});
    expect(r.columns.map((c) => c.name)).toEqual(['level', 'score', 'lo', 'hi', 'top2', 'bottom2', 'n', 'n_eff']);
    expect(r.rows.map((row) => row.level)).toEqual(['needs', 'ease', 'enjoy', 'average']);
    expect(r.rows[0]!.score).toBeCloseTo(20, 12);
    const byBank = levelsCell(input, { by: 'bank' });
    // Bank b holds r4 and r5 only; it still reports every level.
    expect(byBank.rows.filter((row) => row.bank === 'b').map((row) => [row.level, row.n])).toEqual([
      ['needs', 2],
      ['ease', 1],
      ['enjoy', 2],
      ['average', 1],
    ]);
    const empty = levelsCell(table(['respondent', 'level', 'value'], []), {});
    expect(empty.rows).toEqual([{ level: 'average', score: null, lo: null, hi: null, top2: null, bottom2: null, n: 0, n_eff: 0 }]);
    expect(empty.columns.find((c) => c.name === 'score')!.type).toBe('DOUBLE');
  });

  it('rejects answers off the scale, a level called "average", and a level answered twice', () => {
    expect(() => experienceLevels([{ respondent: 'a', level: 'needs', value: 7 }])).toThrow(/1–5/);
    expect(() => experienceLevels([{ respondent: 'a', level: 'average', value: 4 }])).toThrow(/average/);
    expect(() =>
      experienceLevels([
        { respondent: 'a', level: 'needs', value: 4 },
        { respondent: 'a', level: 'needs', value: 5 },
      ]),
    ).toThrow(/twice/);
  });
});

describe('channel fit', () => {
  const row = (respondent: string, segment: string, task: string | null, preferred: string | null, served: string | null, outcome: number | null, weight: number | null = null): ChannelRow =>
    ({ respondent, segment, task, preferred, served, outcome, weight });
  const rows: ChannelRow[] = [
    row('a', 'retail', 'open', 'app', 'app', 6),
    row('a', 'retail', 'transfer', 'app', 'branch', 6), // a: mismatched
    row('b', 'retail', 'open', 'branch', 'branch', 9),
    row('b', 'retail', 'transfer', 'app', 'app', 9), // b: matched
    row('c', 'retail', 'open', 'app', 'branch', 5), // c: mismatched
    row('c', 'retail', 'transfer', null, 'app', 5),
    row('d', 'retail', 'open', 'app', 'app', 8),
    row('d', 'retail', 'transfer', 'app', null, 8), // d: matched (transfer not comparable)
    row('e', 'retail', 'open', 'phone', 'app', 7), // e: mismatched
    row('f', 'retail', 'transfer', 'app', 'app', 10), // f: matched
    row('g', 'retail', 'open', 'app', 'app', null), // g: matched, no outcome
    row('h', 'retail', 'open', null, null, 3), // h: nothing comparable
    row('i', 'private', 'open', 'app', 'app', 9),
    row('j', 'private', 'open', 'branch', 'app', 4),
  ];

  it('mismatch share per segment and task, with a Wilson interval', () => {
    const { mismatch } = channelFit(rows);
    expect(mismatch.map((m) => [m.segment, m.task, m.n])).toEqual([
      ['retail', 'open', 6],
      ['retail', 'transfer', 3],
      ['private', 'open', 2],
    ]);
    const open = mismatch[0]!;
    expect(open.mismatch).toBeCloseTo(100 / 3, 12); // c and e of a, b, c, d, e, g
    const w = wilsonInterval(1 / 3, 6);
    expect(open.lo).toBeCloseTo(w.lo, 12);
    expect(open.hi).toBeCloseTo(w.hi, 12);
    expect(mismatch[1]!.mismatch).toBeCloseTo(100 / 3, 12); // a of a, b, f
    expect(mismatch[2]!.mismatch).toBeCloseTo(50, 12);
  });

  it('weights rows in the share, with Kish n_eff', () => {
    const weighted = rows.map((r) => (r.respondent === 'c' ? { ...r, weight: 3 } : r));
    const open = channelFit(weighted).mismatch[0]!;
    // open: weights a 1, b 1, c 3, d 1, e 1, g 1 → mismatched (3 + 1)/8; n_eff = 64/14
    expect(open.mismatch).toBeCloseTo(50, 12);
    expect(open.nEff).toBeCloseTo(64 / 14, 12);
    expect(open.lo).toBeCloseTo(wilsonInterval(0.5, 64 / 14).lo, 12);
  });

  it('compares the outcome of mismatched and matched respondents with Welch t', () => {
    const { satisfaction } = channelFit(rows);
    const retail = satisfaction[0]!;
    const ref = welchTTest([6, 5, 7], [9, 8, 10]);
    expect(retail).toMatchObject({ segment: 'retail', respondents: 7, matchedN: 3, mismatchedN: 3 });
    expect(retail.mismatchedShare).toBeCloseTo(300 / 7, 12);
    expect(retail.matchedMean).toBeCloseTo(9, 12);
    expect(retail.mismatchedMean).toBeCloseTo(6, 12);
    expect(retail.difference).toBeCloseTo(-3, 12);
    expect(retail.lo).toBeCloseTo(ref.lo, 12);
    expect(retail.hi).toBeCloseTo(ref.hi, 12);
    expect(retail.p).toBeCloseTo(ref.p, 12);
    expect(retail.df).toBeCloseTo(4, 12);
    // One respondent on each side: a difference, but no interval.
    expect(satisfaction[1]).toMatchObject({ segment: 'private', difference: -5, lo: null, hi: null, p: null });
  });

  it('weighted Welch: the respondent weight enters both sides', () => {
    const weighted = rows.map((r) => (r.respondent === 'a' ? { ...r, weight: 2 } : r.respondent === 'f' ? { ...r, weight: 0.5 } : r));
    const retail = channelFit(weighted).satisfaction[0]!;
    const ref = welchTTest([6, 5, 7], [9, 8, 10], [2, 1, 1], [1, 1, 0.5]);
    expect(retail.difference).toBeCloseTo(ref.estimate, 12);
    expect(retail.p).toBeCloseTo(ref.p, 12);
  });

  it('method cells: typed columns, by, and errors', () => {
    const names = ['respondent', 'segment', 'task', 'preferred', 'served', 'outcome', 'weight'];
    const input = table([...names, 'bank'], rows.map((r) => ({ ...r, bank: r.segment === 'retail' ? 'x' : 'y' }) as unknown as Row));
    const m = runMethod('channel_mismatch', input, {});
    expect(m.columns.map((c) => c.name)).toEqual(['segment', 'task', 'n', 'n_eff', 'mismatch', 'lo', 'hi']);
    expect(m.rows).toHaveLength(3);
    const s = runMethod('channel_satisfaction', input, {});
    expect(s.columns.map((c) => c.name)).toEqual([
      'segment', 'respondents', 'mismatched_share', 'matched_n', 'matched_mean', 'mismatched_n', 'mismatched_mean',
      'difference', 'lo', 'hi', 't', 'df', 'p_value', 'significant',
    ]);
    expect(s.rows[0]).toMatchObject({ segment: 'retail', significant: true });
    expect(channelSatisfactionCell(input, { by: 'bank' }).rows.map((r) => [r.bank, r.segment])).toEqual([['x', 'retail'], ['y', 'private']]);
    const empty = channelMismatchCell(table(names, []), {});
    expect(empty).toEqual({ columns: m.columns, rows: [] });
    expect(() => channelSatisfactionCell(table(names, [{ respondent: 'a', segment: 's', task: 't', preferred: 'x', served: 'x', outcome: 5, weight: 1 }, { respondent: 'a', segment: 's', task: 'u', preferred: 'x', served: 'y', outcome: 6, weight: 1 }]), {})).toThrow(
      /two outcome values/,
    );
    expect(() => channelMismatchCell(table(['respondent', 'segment'], []), {})).toThrow(/needs columns task, preferred, served, outcome/);
  });
});
