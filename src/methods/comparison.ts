/**
 * Significance, not eyeballing (issue 7): method cells that test the differences a report shows.
 *
 * - `compare` ({@link bankComparisons}): every unordered pair of groups (banks) on NPS, CSAT, CES and
 *   overall satisfaction, with a Holm correction across the pairs of each metric;
 * - `change` ({@link periodChange}): each group's change from the previous period to the current one,
 *   with the same tests (independent samples);
 * - `correlation` ({@link correlationCell}): Pearson's r between two series over periods (e.g. NPS and
 *   the app rating per quarter), with n and a warning when there are fewer than 8 periods.
 *
 * The tests are those of significance.ts (methods.md, "Loyalty and effort metrics"): NPS differences
 * as z tests with the SEs in quadrature, CSAT (top-2-box) as R prop.test(correct = FALSE), CES and
 * overall as Welch t tests. With weights: weighted shares and means, Kish's n_eff in the SEs.
 * Reference values: test/fixtures/methods/comparison.R.
 *
 * Conventions: missing answers (null/NaN) are skipped per metric; a missing weight counts as 1; rows
 * without a group (or period) are left out; figures the data cannot support are null, never made up.
 */
import normalQuantileAt from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { SURVEY_METRICS } from '../contract/rules/survey.ts';
import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { perGroup } from './groups.ts';
import { BY_OPTION, LEVEL_OPTION, checkOptions, type MethodDescriptor, type OptionSpec } from './method.ts';
import type { MaybeNumber } from './moments.ts';
import { answered, npsOfAnswers, topBoxShare, weightedMeanInterval } from './weighted.ts';
import { holm, npsDifference, twoProportionTest, welchTTest } from './significance.ts';
import { finite, orNull } from './cell-values.ts';

export const METRICS = ['nps', 'csat', 'ces', 'overall'] as const;
export type Metric = (typeof METRICS)[number];

/** The `test` column: which test produced the row. */
export const TEST_NAMES: Record<Metric, string> = {
  nps: 'NPS difference (z, SEs in quadrature)',
  csat: 'two-proportion (prop.test, no continuity correction)',
  ces: 'Welch t',
  overall: 'Welch t',
};

/** Fewer complete periods than this, and a correlation carries a warning. */
export const MIN_PERIODS = 8;

/** One group's (or period's) answers to one metric, aligned with their weights. */
export interface Sample {
  values: MaybeNumber[];
  weights: MaybeNumber[];
}

/** A metric's figure for one sample, on the report's scale (NPS −100…100, CSAT 0–100 %, means on the answer scale). */
export interface MetricSummary {
  estimate: number;
  /** Answers (non-missing), and their total weight. */
  n: number;
  sumW: number;
}

/** The test of a − b on one metric; `difference` on the report's scale (NPS points, CSAT percentage points, scale points). */
export interface MetricComparison {
  estimateA: number;
  estimateB: number;
  difference: number;
  se: number;
  /** z (NPS), Pearson X² with df 1 (CSAT, as R prop.test), t (Welch). */
  statistic: number;
  /** null for the z test; 1 for X²; Welch–Satterthwaite df for t. */
  df: number | null;
  p: number;
  lo: number;
  hi: number;
  nA: number;
  nB: number;
  test: string;
}

// methods.md: CSAT top-2-box = 4–5 on 1–5 (NPS promoters and detractors: weighted.ts npsOfAnswers).
const CSAT_TOP_BOX = 4;

/** One sample's figure: NPS, CSAT share (0–100) or the weighted mean. */
export function metricSummary(metric: Metric, sample: Sample): MetricSummary {
  const { x, w } = answered(sample.values, sample.weights);
  const sumW = w.reduce((s, wi) => s + wi, 0);
  let estimate = Number.NaN;
  if (sumW > 0) {
    if (metric === 'nps') estimate = npsOfAnswers(x, w).nps;
    else if (metric === 'csat') estimate = topBoxShare(x, CSAT_TOP_BOX, w).share;
    else estimate = weightedMeanInterval(x, w).mean;
  }
  return { estimate, n: x.length, sumW };
}

/**
 * a − b on the weighted share of answers ≥ `atLeast` (CSAT's top-2-box, or a 0/1 indicator with
 * `atLeast` 1), in percentage points: the two-proportion test on Kish's n_eff.
 */
export function compareTopBox(
  a: { x: number[]; w: number[] },
  b: { x: number[]; w: number[] },
  atLeast: number,
  level = 0.95,
): Omit<MetricComparison, 'nA' | 'nB' | 'test'> {
  const sa = topBoxShare(a.x, atLeast, a.w);
  const sb = topBoxShare(b.x, atLeast, b.w);
  const [pa, pb, na, nb] = [sa.proportion, sb.proportion, sa.nEff, sb.nEff];
  // R prop.test(c(x1, x2), c(n1, n2), correct = FALSE) with x = weighted share·n_eff, n = n_eff (Kish); clipped against rounding.
  const r = twoProportionTest(Math.min(pa * na, na), na, Math.min(pb * nb, nb), nb, level);
  return {
    estimateA: 100 * pa,
    estimateB: 100 * pb,
    difference: 100 * r.estimate,
    se: 100 * r.se,
    statistic: r.statistic,
    df: 1,
    p: r.p,
    lo: 100 * r.lo,
    hi: 100 * r.hi,
  };
}

/** Tests a − b on one metric for two independent samples (see {@link MetricComparison}). */
export function compareMetric(metric: Metric, a: Sample, b: Sample, level = 0.95): MetricComparison {
  const ra = answered(a.values, a.weights);
  const rb = answered(b.values, b.weights);
  const base = { nA: ra.x.length, nB: rb.x.length, test: TEST_NAMES[metric] };
  if (metric === 'nps') {
    const ea = npsOfAnswers(ra.x, ra.w);
    const eb = npsOfAnswers(rb.x, rb.w);
    // methods.md: Var(NPS_a − NPS_b) = SE_a² + SE_b²; z = Δ/SE, p = 2Φ(−|z|) (significance.ts npsDifference).
    const r = npsDifference(ea, eb, level);
    return { ...base, estimateA: ea.nps, estimateB: eb.nps, difference: r.estimate, se: r.se, statistic: r.statistic, df: null, p: r.p, lo: r.lo, hi: r.hi };
  }
  if (metric === 'csat') return { ...base, ...compareTopBox(ra, rb, CSAT_TOP_BOX, level) };
  // Welch (1947) t test of the (weighted) means, Kish n_eff per sample (significance.ts welchTTest; R t.test(x, y)).
  const r = welchTTest(a.values, b.values, a.weights, b.weights, level);
  return { ...base, estimateA: r.x.mean, estimateB: r.y.mean, difference: r.estimate, se: r.se, statistic: r.statistic, df: r.df, p: r.p, lo: r.lo, hi: r.hi };
}

// ---------------------------------------------------------------------------------------------
// Reading the data cell's rows

interface Respondent {
  group: string;
  period: string | null;
  weight: number | null;
  values: Partial<Record<Metric, number | null>>;
}

const METRICS_OPTION: OptionSpec = { type: 'choices', values: METRICS, doc: 'the metrics to test (default: every metric column of the data)' };

/** The checked `metrics` option (null: every metric column present), each of which the data must hold. */
function metricsOption(checked: unknown, have: string[], method: string): Metric[] {
  const present = METRICS.filter((m) => have.includes(m));
  if (checked === null) {
    if (present.length === 0) throw new Error(`the ${method} method needs at least one of the columns ${METRICS.join(', ')} (has ${have.join(', ')})`);
    return present;
  }
  const list = checked as Metric[];
  for (const m of list) if (!have.includes(m)) throw new Error(`metrics: the data have no column "${m}" (has ${have.join(', ')})`);
  return list;
}

const key = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

function respondents(input: QueryResult, metrics: Metric[], method: string, withPeriod: boolean): Respondent[] {
  const have = input.columns.map((c) => c.name);
  const needed = withPeriod ? ['group', 'period'] : ['group'];
  const absent = needed.filter((c) => !have.includes(c));
  if (absent.length) throw new Error(`the ${method} method needs columns ${absent.join(', ')} in its data (has ${have.join(', ')})`);
  const out: Respondent[] = [];
  input.rows.forEach((r: Row, i) => {
    const group = key(r.group);
    const period = withPeriod ? key(r.period) : null;
    if (group === null || (withPeriod && period === null)) return;
    const w = r.weight;
    if (w !== null && w !== undefined && !(finite(w) && w >= 0)) throw new Error(`row ${i + 1}: weight must be a number ≥ 0 (got ${String(w)})`);
    const values: Respondent['values'] = {};
    for (const m of metrics) {
      const v = r[m];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
        values[m] = null;
        continue;
      }
      // The contract's scale: values outside it are a data error.
      const { min, max } = SURVEY_METRICS.get(m)!;
      if (!finite(v) || v < min || v > max) throw new Error(`row ${i + 1}: ${m} must be a number from ${min} to ${max} (got ${String(v)})`);
      values[m] = v;
    }
    out.push({ group, period, weight: finite(w) ? w : null, values });
  });
  return out;
}

function sampleOf(rows: Respondent[], metric: Metric): Sample {
  return { values: rows.map((r) => r.values[metric] ?? null), weights: rows.map((r) => r.weight) };
}

/** Groups in order of first appearance. */
function byGroup(rows: Respondent[]): Map<string, Respondent[]> {
  const groups = new Map<string, Respondent[]>();
  for (const r of rows) {
    if (!groups.has(r.group)) groups.set(r.group, []);
    groups.get(r.group)!.push(r);
  }
  return groups;
}

const typed = (names: string[], text: string[], bool: string[] = []): QueryResult['columns'] =>
  names.map((name) => ({ name, type: text.includes(name) ? 'VARCHAR' : bool.includes(name) ? 'BOOLEAN' : 'DOUBLE' }));

// ---------------------------------------------------------------------------------------------
// compare

export const COMPARE_COLUMNS = typed(
  ['metric', 'group_a', 'group_b', 'estimate_a', 'estimate_b', 'difference', 'se', 'statistic', 'df', 'p_value', 'p_holm', 'significant', 'lo', 'hi', 'n_a', 'n_b', 'test'],
  ['metric', 'group_a', 'group_b', 'test'],
  ['significant'],
);

export const compareMethod: MethodDescriptor = {
  name: 'compare',
  doc: 'every pair of groups per metric with the right test and Holm-adjusted p',
  input: ['group'],
  options: { metrics: METRICS_OPTION, level: LEVEL_OPTION, by: BY_OPTION },
  columns: COMPARE_COLUMNS.map((c) => [c.name, c.type] as const),
  run: bankComparisons,
};

/**
 * The `compare` method cell: rows = one per respondent with `group` (e.g. the bank id), optional
 * `weight`, and metric columns `nps` (0–10), `csat` (1–5), `ces` (1–7), `overall` (1–10) → one row per
 * metric and unordered pair of groups that answered it, `group_a` being the one with the higher
 * estimate (ties keep the groups' order of first appearance), so "A is `difference` above B".
 * `p_holm`: Holm (1979) across the pairs of the same metric; `significant`: p_holm < 1 − level.
 * Options: `metrics` (list or comma string; default every metric column present), `level` (0.95),
 * `by` (a column to compare within, e.g. a segment).
 */
export function bankComparisons(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, checkOptions(compareMethod, raw), (data, options) => {
    const metrics = metricsOption(options.metrics, data.columns.map((c) => c.name), 'compare');
    const level = options.level as number;
    const groups = [...byGroup(respondents(data, metrics, 'compare', false))];
    const rows: Row[] = [];
    for (const metric of metrics) {
      // Groups with at least one (positively weighted) answer to this metric.
      const answered = groups
        .map(([group, rs]) => ({ group, sample: sampleOf(rs, metric) }))
        .map((g) => ({ ...g, summary: metricSummary(metric, g.sample) }))
        .filter((g) => g.summary.sumW > 0);
      const pairs: Row[] = [];
      for (let i = 0; i < answered.length; i++) {
        for (let j = i + 1; j < answered.length; j++) {
          let [a, b] = [answered[i]!, answered[j]!];
          if (b.summary.estimate > a.summary.estimate) [a, b] = [b, a];
          const c = compareMetric(metric, a.sample, b.sample, level);
          pairs.push({
            metric,
            group_a: a.group,
            group_b: b.group,
            estimate_a: orNull(c.estimateA),
            estimate_b: orNull(c.estimateB),
            difference: orNull(c.difference),
            se: orNull(c.se),
            statistic: orNull(c.statistic),
            df: orNull(c.df),
            p_value: orNull(c.p),
            p_holm: null,
            significant: null,
            lo: orNull(c.lo),
            hi: orNull(c.hi),
            n_a: c.nA,
            n_b: c.nB,
            test: c.test,
          });
        }
      }
      // Holm (1979): step-down adjustment over this metric's pairs (R p.adjust(p, "holm")); a missing p does not count.
      const adjusted = holm(pairs.map((r) => r.p_value as number | null));
      pairs.forEach((r, k) => {
        r.p_holm = orNull(adjusted[k]);
        r.significant = r.p_holm === null ? null : r.p_holm < 1 - level;
      });
      rows.push(...pairs);
    }
    return { columns: COMPARE_COLUMNS, rows };
  });
}

// ---------------------------------------------------------------------------------------------
// change

export const CHANGE_COLUMNS = typed(
  [
    'group',
    'metric',
    'previous_period',
    'current_period',
    'estimate_previous',
    'estimate_current',
    'change',
    'se',
    'statistic',
    'df',
    'p_value',
    'significant',
    'lo',
    'hi',
    'n_previous',
    'n_current',
    'test',
  ],
  ['group', 'metric', 'previous_period', 'current_period', 'test'],
  ['significant'],
);

/** Periods in order: numerically when all are numbers, else as text ('2025Q2' < '2025Q3'). */
function sortedPeriods(rows: Row[]): string[] {
  const values = [...new Set(rows.map((r) => r.period).filter((v): v is Exclude<SqlValue, null> => v !== null && v !== undefined))];
  const numeric = values.every((v) => typeof v === 'number');
  return (numeric ? (values as number[]).sort((a, b) => a - b) : values.map(String).sort()).map(String);
}

export const changeMethod: MethodDescriptor = {
  name: 'change',
  doc: 'each group\'s change from the previous period to the current one per metric, with its test',
  input: ['group', 'period'],
  options: {
    metrics: METRICS_OPTION,
    level: LEVEL_OPTION,
    current: { type: 'value', doc: 'the current period (default: the later of two, required with more)' },
    previous: { type: 'value', doc: 'the period to compare with (default: the one just before current)' },
    by: BY_OPTION,
  },
  columns: CHANGE_COLUMNS.map((c) => [c.name, c.type] as const),
  run: periodChange,
};

/**
 * The `change` method cell: the same rows as `compare` plus `period`. Per group and metric, the
 * current period against the previous one with the same tests as `compare` (independent samples):
 * `change` = current − previous. One test per group and metric, so no multiple-comparison
 * adjustment; `significant`: p_value < 1 − level.
 *
 * Periods: the data hold two values (the earlier is previous, as numbers or as text) — or options
 * `current` (and optionally `previous`, by default the period just before `current`) pick them out of
 * more. With only one period it is the current one and the test fields are null (no previous
 * quarter yet). Options also: `metrics`, `level`, `by`.
 */
export function periodChange(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, checkOptions(changeMethod, raw), (data, options) => {
    const metrics = metricsOption(options.metrics, data.columns.map((c) => c.name), 'change');
    const level = options.level as number;
    const all = respondents(data, metrics, 'change', true);
    const periods = sortedPeriods(data.rows.filter((r) => key(r.group) !== null));
    const current = key(options.current as SqlValue) ?? (periods.length > 2 ? null : (periods.at(-1) ?? null));
    if (current === null && periods.length > 2) {
      throw new Error(`period holds ${periods.length} values (${periods.join(', ')}); the change method compares two: filter them, or set the option current`);
    }
    const at = current === null ? -1 : periods.indexOf(current);
    const previous = key(options.previous as SqlValue) ?? (at > 0 ? periods[at - 1]! : null);
    if (previous !== null && previous === current) throw new Error(`previous and current are the same period (${current})`);
    const rows: Row[] = [];
    for (const [group, rs] of byGroup(all.filter((r) => r.period === current || r.period === previous))) {
      const cur = rs.filter((r) => r.period === current);
      const prev = rs.filter((r) => r.period === previous);
      for (const metric of metrics) {
        const sc = sampleOf(cur, metric);
        const sp = sampleOf(prev, metric);
        const mc = metricSummary(metric, sc);
        const mp = metricSummary(metric, sp);
        if (!(mc.sumW > 0) && !(mp.sumW > 0)) continue;
        const both = mc.sumW > 0 && mp.sumW > 0;
        const c = both ? compareMetric(metric, sc, sp, level) : null;
        const p = orNull(c?.p);
        rows.push({
          group,
          metric,
          previous_period: previous,
          current_period: current,
          estimate_previous: orNull(mp.estimate),
          estimate_current: orNull(mc.estimate),
          change: orNull(c?.difference),
          se: orNull(c?.se),
          statistic: orNull(c?.statistic),
          df: orNull(c?.df),
          p_value: p,
          significant: p === null ? null : p < 1 - level,
          lo: orNull(c?.lo),
          hi: orNull(c?.hi),
          n_previous: mp.n,
          n_current: mc.n,
          test: TEST_NAMES[metric],
        });
      }
    }
    return { columns: CHANGE_COLUMNS, rows };
  });
}

// ---------------------------------------------------------------------------------------------
// correlation

export interface Correlation {
  /** Pearson's r; NaN with fewer than 3 complete pairs or a constant series. */
  r: number;
  /** Complete pairs. */
  n: number;
  statistic: number;
  df: number;
  p: number;
  /** Fisher-z interval; NaN with fewer than 4 pairs (as R cor.test). */
  lo: number;
  hi: number;
}

/** Pearson's r with R cor.test's t test and Fisher-z interval, over the pairs where both are present. */
export function pearsonCorrelation(x: readonly MaybeNumber[], y: readonly MaybeNumber[], level = 0.95): Correlation {
  if (x.length !== y.length) throw new Error(`x and y differ in length: ${x.length} and ${y.length}`);
  const xs: number[] = [];
  const ys: number[] = [];
  x.forEach((xi, i) => {
    const yi = y[i];
    if (finite(xi) && finite(yi)) {
      xs.push(xi);
      ys.push(yi);
    }
  });
  const n = xs.length;
  const df = n - 2;
  const none = { r: Number.NaN, n, statistic: Number.NaN, df, p: Number.NaN, lo: Number.NaN, hi: Number.NaN };
  if (n < 3) return none; // R cor.test: "not enough finite observations"
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  if (!(sxx > 0 && syy > 0)) return none; // R cor: "the standard deviation is zero" → NA
  // Pearson (1896): r = Σ(x − x̄)(y − ȳ) / sqrt(Σ(x − x̄)² Σ(y − ȳ)²), clipped to [−1, 1] against rounding.
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  // R cor.test: t = r·sqrt((n − 2)/(1 − r²)), df = n − 2, p = 2·pt(−|t|, df).
  const statistic = Math.abs(r) === 1 ? Math.sign(r) * Number.POSITIVE_INFINITY : r * Math.sqrt(df / (1 - r * r));
  const p = 2 * tCdf(-Math.abs(statistic), df);
  if (n < 4) return { r, n, statistic, df, p, lo: Number.NaN, hi: Number.NaN };
  // Fisher (1921) z: atanh(r) ± qnorm((1 + level)/2)/sqrt(n − 3), back with tanh (R cor.test conf.int).
  const z = Math.atanh(r);
  const half = normalQuantileAt((1 + level) / 2, 0, 1) / Math.sqrt(n - 3);
  return { r, n, statistic, df, p, lo: Math.tanh(z - half), hi: Math.tanh(z + half) };
}

/** The warning a correlation over `n` periods carries (null from {@link MIN_PERIODS} on). */
export function periodsWarning(n: number): { en: string; zh: string } | null {
  if (n >= MIN_PERIODS) return null;
  if (n === 0) return { en: 'no period has both values: no correlation', zh: '没有两项数据齐全的时期，无法计算相关' };
  return {
    en: `only ${n} period${n === 1 ? '' : 's'}: too few for a reliable correlation (fewer than ${MIN_PERIODS})`,
    zh: `仅 ${n} 期：期数太少（少于 ${MIN_PERIODS} 期），相关系数不可靠`,
  };
}

export const CORRELATION_COLUMNS = typed(
  ['group', 'r', 'n', 'statistic', 'df', 'p_value', 'lo', 'hi', 'warning_en', 'warning_zh'],
  ['group', 'warning_en', 'warning_zh'],
);

export const correlationMethod: MethodDescriptor = {
  name: 'correlation',
  doc: 'Pearson r between two series over periods, with n, p, a Fisher interval and a warning below 8 periods',
  input: ['x', 'y'],
  options: { level: LEVEL_OPTION },
  columns: CORRELATION_COLUMNS.map((c) => [c.name, c.type] as const),
  run: correlationCell,
};

/**
 * The `correlation` method cell: rows with `x`, `y` (one pair per period, e.g. a bank's NPS and its
 * app rating per quarter) and optionally `group` → per group (first appearance; one row with a null
 * group without the column): Pearson r, n (complete pairs), t, df, two-sided p, the Fisher-z interval
 * (option `level`, 0.95), and a warning when n < 8. r is null below 3 pairs or for a constant series
 * (which also gets a warning).
 */
export function correlationCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  const have = input.columns.map((c) => c.name);
  const absent = ['x', 'y'].filter((c) => !have.includes(c));
  if (absent.length) throw new Error(`the correlation method needs columns ${absent.join(', ')} in its data (has ${have.join(', ')})`);
  const level = checkOptions(correlationMethod, raw).level as number;
  const grouped = have.includes('group');
  const groups = new Map<string | null, Row[]>();
  for (const r of input.rows) {
    const g = grouped ? key(r.group) : null;
    if (grouped && g === null) continue;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const num = (v: SqlValue | undefined): MaybeNumber => (finite(v) ? v : null);
  const rows: Row[] = [...groups].map(([group, rs]) => {
    const c = pearsonCorrelation(
      rs.map((r) => num(r.x)),
      rs.map((r) => num(r.y)),
      level,
    );
    const warnings = [periodsWarning(c.n)];
    if (c.n >= 3 && Number.isNaN(c.r)) warnings.push({ en: 'one series is constant: no correlation', zh: '其中一列数值不变，无法计算相关' });
    const present = warnings.filter((w) => w !== null);
    return {
      group,
      r: orNull(c.r),
      n: c.n,
      statistic: Number.isNaN(c.r) ? null : orNull(c.statistic),
      df: Number.isNaN(c.r) ? null : c.df,
      p_value: orNull(c.p),
      lo: orNull(c.lo),
      hi: orNull(c.hi),
      warning_en: present.length ? present.map((w) => w.en).join('; ') : null,
      warning_zh: present.length ? present.map((w) => w.zh).join('；') : null,
    };
  });
  return { columns: CORRELATION_COLUMNS, rows };
}
