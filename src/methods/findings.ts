/**
 * The quarter's findings (issue 19): every survey figure of the current period tested against the
 * previous period, against a year earlier, and each bank against its peers, with one multiplicity
 * control across the whole family of tests, so a page can list what changed in words.
 *
 * Rows: one per respondent with `bank`, `period` (YYYYQn), optional `weight`, and any numeric score
 * columns (`nps` 0–10, `csat` 1–5, `ces`, `overall`, `perf_<attribute>`, `emo_<stage>`, …); or, in
 * long form, a `metric` naming the figure and its `value` (figures measured on other respondents,
 * such as SERVQUAL's `gap5_<dimension>`, or per segment, such as `mismatch_<segment>`). Both forms may
 * be mixed in one input (UNION ALL BY NAME): a row with a `metric` counts for that figure only. Each
 * score is tested with the test its own page uses (significance.ts): NPS as a z test with the SEs in
 * quadrature, CSAT (top-2-box) and 0/1 shares (`mismatch_…`) as a two-proportion test, every mean
 * (gap 5 too: a customer's mean P − E over the dimension's items) as a Welch t test; weighted, with
 * Kish's n_eff. The family's p-values are adjusted by Benjamini–Hochberg (the false discovery rate
 * `q`, 0.05 by default). Per test also: Cohen's d (the difference over the pooled respondent-level
 * standard deviation, so effects on different scales rank together) and the minimum detectable
 * difference at 80% power for a two-sided 5% test, (z_0.975 + z_0.8)·SE, on the figure's own scale
 * (`mde`) and in pooled standard deviations (`mde_d`).
 */
import normalQuantileAt from '@stdlib/stats-base-dists-normal-quantile';
import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { finite, orNull, requireColumns } from './cell-values.ts';
import { compareMetric, compareTopBox, type Sample } from './comparison.ts';
import { checkOptions, LEVEL_OPTION, type MethodDescriptor } from './method.ts';
import { benjaminiHochberg, welchTTest } from './significance.ts';
import { answered as answeredPairs, npsOfAnswers, topBoxShare, weightedMeanInterval } from './weighted.ts';

export const COMPARISONS = ['previous', 'year_ago', 'peers'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** The group of all banks together. */
export const ALL_BANKS = '*';

const FINDING_COLUMNS: [string, string][] = [
  ['bank', 'VARCHAR'],
  ['metric', 'VARCHAR'],
  ['comparison', 'VARCHAR'],
  ['period', 'VARCHAR'],
  ['other_period', 'VARCHAR'],
  ['estimate', 'DOUBLE'],
  ['other_estimate', 'DOUBLE'],
  ['difference', 'DOUBLE'],
  ['lo', 'DOUBLE'],
  ['hi', 'DOUBLE'],
  ['p_value', 'DOUBLE'],
  ['q_value', 'DOUBLE'],
  ['significant', 'BOOLEAN'],
  ['effect', 'DOUBLE'],
  ['mde', 'DOUBLE'],
  ['mde_d', 'DOUBLE'],
  ['n', 'INTEGER'],
  ['n_other', 'INTEGER'],
  ['test', 'VARCHAR'],
];

/** z_{0.975} + z_{0.80}: a two-sided 5% test has 80% power for a true difference of this many SEs. */
const POWER_MULTIPLIER = normalQuantileAt(0.975, 0, 1) + normalQuantileAt(0.8, 0, 1);

/** YYYYQn shifted by k quarters; null for another form. */
export function shiftQuarter(period: string, k: number): string | null {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return null;
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + k;
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

type Kind = 'nps' | 'csat' | 'share' | 'mean';
/** A 0/1 indicator per respondent, whose figure is the share of 1s (channel mismatch). */
export const SHARE_PREFIX = 'mismatch_';
const kindOf = (metric: string): Kind =>
  metric === 'nps' ? 'nps' : metric === 'csat' ? 'csat' : metric.startsWith(SHARE_PREFIX) ? 'share' : 'mean';
/** The answer a share counts (CSAT: 4–5 on 1–5; an indicator: 1). */
const topBox = (kind: 'csat' | 'share') => (kind === 'csat' ? 4 : 1);

/** Input columns that are no score. */
const NOT_SCORES = new Set(['bank', 'period', 'weight', 'respondent', 'respondent_id', 'metric', 'value']);

/** The respondent-level standard deviation of a sample's score on the figure's scale (for Cohen's d). */
function spread(kind: Kind, s: Sample): number {
  if (kind === 'nps') {
    const e = npsOfAnswers(s.values, s.weights);
    return e.se * Math.sqrt(e.nEff);
  }
  if (kind === 'csat' || kind === 'share') {
    const p = topBoxShare(s.values, topBox(kind), s.weights).proportion;
    return 100 * Math.sqrt(p * (1 - p));
  }
  const m = weightedMeanInterval(s.values, s.weights);
  return m.se * Math.sqrt(m.nEff);
}

interface Test {
  estimate: number;
  other: number;
  difference: number;
  se: number;
  lo: number;
  hi: number;
  p: number;
  n: number;
  nOther: number;
  test: string;
}

/** current − other, by the metric's own test (as the compare and change pages). */
function testOf(kind: Kind, current: Sample, other: Sample, level: number): Test {
  if (kind === 'mean') {
    const r = welchTTest(current.values, other.values, current.weights, other.weights, level);
    return { estimate: r.x.mean, other: r.y.mean, difference: r.estimate, se: r.se, lo: r.lo, hi: r.hi, p: r.p, n: r.x.n, nOther: r.y.n, test: 'Welch t' };
  }
  if (kind === 'share') {
    const a = answeredPairs(current.values, current.weights);
    const b = answeredPairs(other.values, other.weights);
    const r = compareTopBox(a, b, topBox(kind), level);
    return { estimate: r.estimateA, other: r.estimateB, difference: r.difference, se: r.se, lo: r.lo, hi: r.hi, p: r.p, n: a.x.length, nOther: b.x.length, test: 'two-proportion' };
  }
  const r = compareMetric(kind, current, other, level);
  return { estimate: r.estimateA, other: r.estimateB, difference: r.difference, se: r.se, lo: r.lo, hi: r.hi, p: r.p, n: r.nA, nOther: r.nB, test: r.test };
}

export const findingsMethod: MethodDescriptor = {
  name: 'findings',
  doc: 'every score of the current period against the previous one, a year earlier and the peers, with Benjamini–Hochberg control, effect sizes and minimum detectable differences',
  input: ['bank', 'period'],
  options: {
    current: { type: 'value', doc: 'the current period (default: the latest in the data)' },
    q: { type: 'number', above: 0, below: 1, default: 0.05, doc: 'the false discovery rate a finding must meet (Benjamini–Hochberg)' },
    level: LEVEL_OPTION,
    per_bank_only: { type: 'value', doc: 'a regular expression: the figures it matches (e.g. `^gap5_`) are tested per bank only, not for all banks together, because their page shows one bank at a time' },
  },
  columns: FINDING_COLUMNS,
  run: findingsCell,
};

export function findingsCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  const options = checkOptions(findingsMethod, raw);
  requireColumns(input, findingsMethod.input, 'findings');
  const level = options.level as number;
  const key = (v: SqlValue | undefined) => (v === null || v === undefined ? null : String(v));
  const wide = input.columns.filter((c) => !NOT_SCORES.has(c.name) && c.type !== 'VARCHAR').map((c) => c.name);
  const long = input.columns.some((c) => c.name === 'metric') && input.columns.some((c) => c.name === 'value');
  const longMetrics = long ? [...new Set(input.rows.map((r) => key(r.metric)).filter((m): m is string => m !== null))].sort() : [];
  const metrics = [...wide, ...longMetrics.filter((m) => !wide.includes(m))];
  const perBankOnly = typeof options.per_bank_only === 'string' && options.per_bank_only !== '' ? new RegExp(options.per_bank_only) : null;
  const periods = [...new Set(input.rows.map((r) => key(r.period)).filter((p): p is string => p !== null))].sort();
  const current = (options.current as string | null) ?? periods.at(-1) ?? null;
  const banks = [...new Set(input.rows.map((r) => key(r.bank)).filter((b): b is string => b !== null))].sort();

  // A long row counts for its own figure only; a wide row for each score column. Each figure's rows are
  // split by (bank, period), and by period for all banks together, once.
  const isLong = (r: Row) => long && key(r.metric) !== null;
  const wideRows = input.rows.filter((r) => !isLong(r));
  const longRows = new Map<string, Row[]>();
  for (const r of input.rows) {
    if (!isLong(r)) continue;
    const m = key(r.metric)!;
    if (!longRows.has(m)) longRows.set(m, []);
    longRows.get(m)!.push(r);
  }
  const split = (rows: Row[]) => {
    const cells = new Map<string, Row[]>();
    const add = (k: string, r: Row) => {
      if (!cells.has(k)) cells.set(k, []);
      cells.get(k)!.push(r);
    };
    for (const r of rows) {
      const bank = key(r.bank);
      const period = key(r.period);
      if (bank === null || period === null) continue;
      add(`${bank}\u0000${period}`, r);
      add(`${ALL_BANKS}\u0000${period}`, r);
    }
    return cells;
  };
  const wideCells = split(wideRows);
  const longCells = new Map([...longRows].map(([m, rows]) => [m, split(rows)]));
  const cellOf = (metric: string, bank: string, period: string | null): Row[] | undefined => {
    if (period === null) return undefined;
    const k = `${bank}\u0000${period}`;
    const w = wide.includes(metric) ? wideCells.get(k) : undefined;
    const l = longCells.get(metric)?.get(k);
    return w && l ? [...w, ...l] : (w ?? l);
  };
  const sample = (rows: Row[] | undefined, metric: string): Sample => ({
    values: (rows ?? []).map((r) => {
      const v = isLong(r) ? r.value : r[metric];
      return finite(v) ? (v as number) : null;
    }),
    weights: (rows ?? []).map((r) => (finite(r.weight) ? (r.weight as number) : null)),
  });
  const answered = (s: Sample) => s.values.some((v) => v !== null);

  const out: Row[] = [];
  if (current !== null) {
    const others: [Comparison, string | null][] = [
      ['previous', shiftQuarter(current, -1)],
      ['year_ago', shiftQuarter(current, -4)],
    ];
    for (const bank of [ALL_BANKS, ...banks]) {
      for (const metric of metrics) {
        if (bank === ALL_BANKS && perBankOnly?.test(metric)) continue;
        const now = cellOf(metric, bank, current);
        if (!now) continue;
        // The bank's peers: every other bank's respondents in the current period.
        const peers = bank === ALL_BANKS ? undefined : cellOf(metric, ALL_BANKS, current)?.filter((r) => key(r.bank) !== bank);
        const comparisons: [Comparison, string | null, Row[] | undefined][] = [
          ...others.map(([c, p]): [Comparison, string | null, Row[] | undefined] => [c, p, cellOf(metric, bank, p)]),
          ['peers', null, peers && peers.length > 0 ? peers : undefined],
        ];
        const kind = kindOf(metric);
        const a = sample(now, metric);
        if (!answered(a)) continue;
        const spreadNow = spread(kind, a);
        for (const [comparison, otherPeriod, rows] of comparisons) {
          const b = sample(rows, metric);
          if (!answered(b)) continue;
          const t = testOf(kind, a, b, level);
          const pooled = Math.sqrt((spreadNow ** 2 + spread(kind, b) ** 2) / 2);
          out.push({
            bank,
            metric,
            comparison,
            period: current,
            other_period: otherPeriod,
            estimate: orNull(t.estimate),
            other_estimate: orNull(t.other),
            difference: orNull(t.difference),
            lo: orNull(t.lo),
            hi: orNull(t.hi),
            p_value: orNull(t.p),
            q_value: null,
            significant: null,
            // Cohen (1988): d = difference / pooled SD of the respondent-level score.
            effect: pooled > 0 ? orNull(t.difference / pooled) : null,
            mde: orNull(POWER_MULTIPLIER * t.se),
            // The same in standard deviations, to compare with a stated size (Cohen's small effect, d = 0.2).
            mde_d: pooled > 0 ? orNull((POWER_MULTIPLIER * t.se) / pooled) : null,
            n: t.n,
            n_other: t.nOther,
            test: t.test,
          });
        }
      }
    }
  }
  // One family: every test of the page.
  const q = benjaminiHochberg(out.map((r) => r.p_value as number | null));
  out.forEach((r, i) => {
    r.q_value = orNull(q[i]);
    r.significant = Number.isFinite(q[i]) ? q[i]! < (options.q as number) : null;
  });
  return { columns: FINDING_COLUMNS.map(([name, type]) => ({ name, type })), rows: out };
}
