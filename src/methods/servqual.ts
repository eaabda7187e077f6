/**
 * The five gaps of service quality (Parasuraman, Zeithaml & Berry 1985; the SERVQUAL instrument,
 * J. Retailing 64(1) 1988; Zeithaml, Parasuraman & Berry 1990, Delivering Quality Service), item
 * by item on the questionnaire's scale, per dimension, and for the whole model:
 *
 * - gap 1 knowledge      = managers' expectations ("as customers would") − customers' expectations
 * - gap 2 standards      = service specification − managers' expectations
 * - gap 3 delivery       = delivered level − specification
 * - gap 4 communications = delivered level − promised level
 * - gap 5 customer gap   = customers' perception − expectation (P − E), per respondent, averaged
 *
 * Respondent-based gaps (1, 2, 5) are tested on respondents (paired t for gap 5, Welch for gap 1,
 * one-sample t on each manager's differences for gap 2); the provider's measures (gaps 3, 4) are
 * single values per item, so their dimension and model figures are tested across items. Survey
 * weights enter through Kish's effective n, as everywhere else.
 */
import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { perGroup } from './groups.ts';
import { oneSampleTTest, pairedTTest, welchTTest } from './significance.ts';
import { finite, orNull, requireColumns } from './cell-values.ts';
import { BY_OPTION, checkOptions, type MethodDescriptor } from './method.ts';


export const SERVQUAL_DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;
export const GAP_ROLES = ['customer', 'manager', 'specification', 'delivered', 'promised'] as const;
export type GapRole = (typeof GAP_ROLES)[number];
export type GapNumber = 1 | 2 | 3 | 4 | 5;
export type Weighting = 'unweighted' | 'weighted';

/** One answer: a respondent's e/p on an item, or one provider measure of an item. */
export interface GapAnswer {
  role: GapRole;
  /** Respondents only. */
  respondent: string | null;
  item: number;
  dimension: string;
  expectation: number | null;
  perception: number | null;
  /** Provider measures only. */
  value: number | null;
  weight: number | null;
  /** The respondent's 100-point allocation to this item's dimension (customers only, optional). */
  points: number | null;
  file: string | null;
  /** Where a provider measure comes from (standards manual, mystery shopping…). */
  providerSource: string | null;
}

export interface GapFigure {
  gap: GapNumber;
  level: 'model' | 'dimension' | 'item';
  dimension: string | null;
  item: number | null;
  /** gap = measured − reference (e.g. P − E). */
  measured: number | null;
  reference: number | null;
  value: number | null;
  se: number | null;
  lo: number | null;
  hi: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
  /** Respondents (or items) behind `measured`, and behind `reference` when it is another group. */
  n: number;
  nReference: number | null;
  /** What the test counts: respondents, or items for the provider's single values. */
  unit: 'respondents' | 'items';
  /** Mean importance points of the dimension (gap 5, dimension level, when allocations exist). */
  points: number | null;
  source: { en: string; zh: string };
  note: { en: string; zh: string } | null;
}

interface Respondent {
  weight: number;
  e: Map<number, number>;
  p: Map<number, number>;
  points: Map<string, number>;
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

function weightedMean(values: (number | null)[], weights: number[]): number | null {
  let sw = 0;
  let swx = 0;
  values.forEach((v, i) => {
    if (!finite(v)) return;
    sw += weights[i]!;
    swx += weights[i]! * v;
  });
  return sw > 0 ? swx / sw : null;
}

function respondents(answers: GapAnswer[], role: GapRole): Respondent[] {
  const byId = new Map<string, Respondent>();
  for (const a of answers) {
    if (a.role !== role || a.respondent === null) continue;
    let r = byId.get(a.respondent);
    if (!r) {
      r = { weight: finite(a.weight) ? a.weight : 1, e: new Map(), p: new Map(), points: new Map() };
      byId.set(a.respondent, r);
    }
    if (finite(a.expectation)) r.e.set(a.item, a.expectation);
    if (finite(a.perception)) r.p.set(a.item, a.perception);
    if (finite(a.points)) r.points.set(a.dimension, a.points);
  }
  return [...byId.values()];
}

/** Mean over `items` of the values a respondent has (null when none): a respondent's dimension score. */
function itemMean(items: number[], valueOf: (item: number) => number | undefined): number | null {
  const xs = items.map(valueOf).filter(finite);
  return xs.length ? mean(xs) : null;
}

/** A test result as figure fields; NaN (too few answers) becomes null. */
function tested(r: { estimate: number; se: number; statistic: number; df: number | null; p: number; lo: number; hi: number }) {
  return {
    value: orNull(r.estimate),
    se: orNull(r.se),
    lo: orNull(r.lo),
    hi: orNull(r.hi),
    t: orNull(r.statistic),
    df: orNull(r.df),
    p: orNull(r.p),
  };
}

const UNMEASURED = { value: null, se: null, lo: null, hi: null, t: null, df: null, p: null };

interface Structure {
  /** Items per dimension, dimensions in SERVQUAL order. */
  dimensions: Map<string, number[]>;
  items: number[];
}

function structure(answers: GapAnswer[]): Structure {
  const dimOf = new Map<number, string>();
  for (const a of answers) dimOf.set(a.item, a.dimension);
  const items = [...dimOf.keys()].sort((a, b) => a - b);
  const order = (d: string) => {
    const k = (SERVQUAL_DIMENSIONS as readonly string[]).indexOf(d);
    return k < 0 ? SERVQUAL_DIMENSIONS.length : k;
  };
  const dims = [...new Set(dimOf.values())].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return { items, dimensions: new Map(dims.map((d) => [d, items.filter((i) => dimOf.get(i) === d)])) };
}

/** Each respondent's scores per scope: one item, a dimension (mean of its items), the model (mean of dimensions). */
type Scope = { level: 'item'; item: number; dimension: string } | { level: 'dimension'; dimension: string } | { level: 'model' };

function scopes(s: Structure): Scope[] {
  const out: Scope[] = [{ level: 'model' }];
  for (const [dimension, items] of s.dimensions) {
    out.push({ level: 'dimension', dimension });
    for (const item of items) out.push({ level: 'item', item, dimension });
  }
  return out;
}

/** A respondent's score on a scope from per-item values; the model needs every dimension. */
function scoreOf(s: Structure, scope: Scope, valueOf: (item: number) => number | undefined): number | null {
  if (scope.level === 'item') return valueOf(scope.item) ?? null;
  if (scope.level === 'dimension') return itemMean(s.dimensions.get(scope.dimension)!, valueOf);
  const dims = [...s.dimensions.values()].map((items) => itemMean(items, valueOf));
  return dims.every(finite) ? mean(dims as number[]) : null;
}

const files = (answers: GapAnswer[], roles: GapRole[]) =>
  [...new Set(answers.filter((a) => roles.includes(a.role) && a.file).map((a) => a.file!))].sort().join(', ') || '—';

const providerSources = (answers: GapAnswer[], role: GapRole) =>
  [...new Set(answers.filter((a) => a.role === role && a.providerSource).map((a) => a.providerSource!))].join('; ') || '—';

function base(gap: GapNumber, scope: Scope) {
  return {
    gap,
    level: scope.level,
    dimension: scope.level === 'model' ? null : scope.dimension,
    item: scope.level === 'item' ? scope.item : null,
  };
}

/** Gap 5: customers' perception − expectation per respondent (paired t); the model score unweighted or by the respondents' points. */
function customerGap(answers: GapAnswer[], s: Structure, weighting: Weighting): GapFigure[] {
  const cs = respondents(answers, 'customer');
  const w = cs.map((r) => r.weight);
  const where = files(answers, ['customer']);
  return scopes(s).map((scope): GapFigure => {
    let P = cs.map((r) => scoreOf(s, scope, (i) => (r.e.has(i) ? r.p.get(i) : undefined)));
    let E = cs.map((r) => scoreOf(s, scope, (i) => (r.p.has(i) ? r.e.get(i) : undefined)));
    const byPoints = scope.level === 'model' && weighting === 'weighted';
    if (byPoints) {
      // Weighted SERVQUAL: Σ_dim points/100 × dimension score, for respondents who allocated all points.
      const weighted = (r: Respondent, side: 'e' | 'p') => {
        let total = 0;
        for (const [dim, items] of s.dimensions) {
          const pts = r.points.get(dim);
          const score = itemMean(items, (i) => (r.e.has(i) && r.p.has(i) ? r[side].get(i) : undefined));
          if (!finite(pts) || score === null) return null;
          total += (pts / 100) * score;
        }
        return total;
      };
      P = cs.map((r) => weighted(r, 'p'));
      E = cs.map((r) => weighted(r, 'e'));
    }
    const test = pairedTTest(P, E, w);
    const points = scope.level === 'dimension' ? weightedMean(cs.map((r) => r.points.get(scope.dimension) ?? null), w) : null;
    return {
      ...base(5, scope),
      measured: weightedMean(P.map((x, k) => (finite(E[k]) ? x : null)), w),
      reference: weightedMean(E.map((x, k) => (finite(P[k]) ? x : null)), w),
      ...(test.n > 0 ? tested(test) : UNMEASURED),
      n: test.n,
      nReference: null,
      unit: 'respondents',
      points,
      source: {
        en: `${where}: customers' perception − expectation${byPoints ? ', weighted by their 100-point allocations' : ''}, n = ${test.n}`,
        zh: `${where}：客户的感知 − 期望${byPoints ? '（按客户的 100 分权重分配加权）' : ''}，n = ${test.n}`,
      },
      note:
        test.n === 0
          ? byPoints
            ? { en: 'no customer allocated importance points (w_ columns)', zh: '没有客户填写重要性分配（w_ 列）' }
            : { en: 'no customer answers for this selection', zh: '所选范围内没有客户答卷' }
          : null,
    };
  });
}

/** Gap 1: managers' expectations (answering as customers would) − customers' expectations, Welch t. */
function knowledgeGap(answers: GapAnswer[], s: Structure): GapFigure[] {
  const ms = respondents(answers, 'manager');
  const cs = respondents(answers, 'customer');
  const where = files(answers, ['manager', 'customer']);
  return scopes(s).map((scope): GapFigure => {
    const M = ms.map((r) => scoreOf(s, scope, (i) => r.e.get(i)));
    const C = cs.map((r) => scoreOf(s, scope, (i) => r.e.get(i)));
    const wm = ms.map((r) => r.weight);
    const wc = cs.map((r) => r.weight);
    const test = welchTTest(M, C, wm, wc);
    const nm = M.filter(finite).length;
    const nc = C.filter(finite).length;
    return {
      ...base(1, scope),
      measured: weightedMean(M, wm),
      reference: weightedMean(C, wc),
      ...(nm > 0 && nc > 0 ? tested(test) : UNMEASURED),
      n: nm,
      nReference: nc,
      unit: 'respondents',
      points: null,
      source: {
        en: `${where}: managers' expectations as customers would answer (n = ${nm}) − customers' expectations (n = ${nc})`,
        zh: `${where}：管理者代客户回答的期望（n = ${nm}）− 客户的期望（n = ${nc}）`,
      },
      note: nm === 0 ? { en: "no managers' questionnaire for this selection", zh: '所选范围内没有管理者问卷' } : null,
    };
  });
}

/** The provider's measure per item (one value per item and measure). */
function measure(answers: GapAnswer[], role: GapRole): Map<number, number> {
  const out = new Map<number, number>();
  for (const a of answers) if (a.role === role && finite(a.value)) out.set(a.item, a.value);
  return out;
}

/** Gap 2: the specification − each manager's expectation, one-sample t over managers. */
function standardsGap(answers: GapAnswer[], s: Structure): GapFigure[] {
  const ms = respondents(answers, 'manager');
  const spec = measure(answers, 'specification');
  const where = files(answers, ['specification', 'manager']);
  const from = providerSources(answers, 'specification');
  return scopes(s).map((scope): GapFigure => {
    const D = ms.map((r) => scoreOf(s, scope, (i) => (spec.has(i) && r.e.has(i) ? spec.get(i)! - r.e.get(i)! : undefined)));
    const wm = ms.map((r) => r.weight);
    const E = ms.map((r, k) => (finite(D[k]) ? scoreOf(s, scope, (i) => (spec.has(i) ? r.e.get(i) : undefined)) : null));
    const test = oneSampleTTest(D, wm);
    const measured = scoreOf(s, scope, (i) => spec.get(i));
    const n = D.filter(finite).length;
    return {
      ...base(2, scope),
      measured,
      reference: weightedMean(E, wm),
      ...(n > 0 ? tested(test) : UNMEASURED),
      n,
      nReference: null,
      unit: 'respondents',
      points: null,
      source: {
        en: `${where}: specification (${from}) − managers' expectations (n = ${n})`,
        zh: `${where}：服务标准（${from}）− 管理者认知的客户期望（n = ${n}）`,
      },
      note:
        spec.size === 0
          ? { en: 'no specification measures (servqual_provider)', zh: '没有服务标准数据（servqual_provider）' }
          : n === 0
            ? { en: "no managers' questionnaire for this selection", zh: '所选范围内没有管理者问卷' }
            : null,
    };
  });
}

const GAP_MEASURES: Record<3 | 4, [GapRole, GapRole, { en: string; zh: string }, { en: string; zh: string }]> = {
  3: ['delivered', 'specification', { en: 'delivered', zh: '实际交付' }, { en: 'specification', zh: '服务标准' }],
  4: ['delivered', 'promised', { en: 'delivered', zh: '实际交付' }, { en: 'promised', zh: '对外承诺' }],
};

/** Gaps 3 and 4: differences of two provider measures per item, tested across items (dimensions weighted equally in the model). */
function providerGap(answers: GapAnswer[], s: Structure, gap: 3 | 4): GapFigure[] {
  const [measuredRole, referenceRole, measuredName, referenceName] = GAP_MEASURES[gap];
  const a = measure(answers, measuredRole);
  const b = measure(answers, referenceRole);
  const where = files(answers, [measuredRole, referenceRole]);
  const both = s.items.filter((i) => a.has(i) && b.has(i));
  const dimOf = (i: number) => [...s.dimensions].find(([, items]) => items.includes(i))![0];
  return scopes(s).map((scope): GapFigure => {
    const items = scope.level === 'item' ? both.filter((i) => i === scope.item) : scope.level === 'dimension' ? both.filter((i) => dimOf(i) === scope.dimension) : both;
    const diffs = items.map((i) => a.get(i)! - b.get(i)!);
    // In the model, each dimension counts equally (as in the SERVQUAL score): item weight 1 / items in its dimension.
    const weights = items.map((i) => (scope.level === 'model' ? 1 / both.filter((j) => dimOf(j) === dimOf(i)).length : 1));
    const test = oneSampleTTest(diffs, weights);
    const single = scope.level === 'item';
    return {
      ...base(gap, scope),
      measured: weightedMean(items.map((i) => a.get(i)!), weights),
      reference: weightedMean(items.map((i) => b.get(i)!), weights),
      ...(items.length === 0 ? UNMEASURED : single ? { ...UNMEASURED, value: diffs[0]! } : tested(test)),
      n: items.length,
      nReference: null,
      unit: 'items',
      points: null,
      source: {
        en: `${where}: ${measuredName.en} (${providerSources(answers, measuredRole)}) − ${referenceName.en} (${providerSources(answers, referenceRole)}), ${items.length} items`,
        zh: `${where}：${measuredName.zh}（${providerSources(answers, measuredRole)}）− ${referenceName.zh}（${providerSources(answers, referenceRole)}），${items.length} 个题项`,
      },
      note:
        items.length === 0
          ? { en: `no ${measuredName.en} and ${referenceName.en} measures (servqual_provider)`, zh: `没有${measuredName.zh}与${referenceName.zh}数据（servqual_provider）` }
          : null,
    };
  });
}

/** All five gaps for every scope (model, dimensions, items), gap by gap. */
export function servqualGaps(answers: GapAnswer[], weighting: Weighting = 'unweighted'): GapFigure[] {
  const s = structure(answers);
  const figures = [...knowledgeGap(answers, s), ...standardsGap(answers, s), ...providerGap(answers, s, 3), ...providerGap(answers, s, 4), ...customerGap(answers, s, weighting)];
  // An unmeasured gap has no source: what is missing takes its place.
  return figures.map((f) => (f.value === null && f.note ? { ...f, source: { en: `not measured: ${f.note.en}`, zh: `未测量：${f.note.zh}` } } : f));
}

const text = (v: SqlValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
const number = (v: SqlValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function answersOf(input: QueryResult): GapAnswer[] {
  requireColumns(input, servqualMethod.input, 'servqual');
  return input.rows.map((r: Row): GapAnswer => {
    const role = String(r.role) as GapRole;
    if (!GAP_ROLES.includes(role)) throw new Error(`role must be one of ${GAP_ROLES.join(', ')} (got "${String(r.role)}")`);
    return {
      role,
      respondent: text(r.respondent),
      item: Number(r.item),
      dimension: String(r.dimension),
      expectation: number(r.expectation),
      perception: number(r.perception),
      value: number(r.value),
      weight: number(r.weight),
      points: number(r.points),
      file: text(r.file),
      providerSource: text(r.provider_source),
    };
  });
}

const COLUMNS: [string, string][] = [
  ['gap', 'INTEGER'],
  ['level', 'VARCHAR'],
  ['dimension', 'VARCHAR'],
  ['item', 'INTEGER'],
  ['measured', 'DOUBLE'],
  ['reference', 'DOUBLE'],
  ['value', 'DOUBLE'],
  ['se', 'DOUBLE'],
  ['lo', 'DOUBLE'],
  ['hi', 'DOUBLE'],
  ['t', 'DOUBLE'],
  ['df', 'DOUBLE'],
  ['p_value', 'DOUBLE'],
  ['significant', 'BOOLEAN'],
  ['n', 'INTEGER'],
  ['n_reference', 'INTEGER'],
  ['unit', 'VARCHAR'],
  ['points', 'DOUBLE'],
  ['source_en', 'VARCHAR'],
  ['source_zh', 'VARCHAR'],
  ['note_en', 'VARCHAR'],
  ['note_zh', 'VARCHAR'],
];

export const servqualMethod: MethodDescriptor = {
  name: 'servqual',
  doc: 'the five gaps of the SERVQUAL model per model, dimension and item, each with its test',
  input: ['role', 'respondent', 'item', 'dimension', 'expectation', 'perception'],
  options: {
    weighting: { type: 'choice', values: ['unweighted', 'weighted'], default: 'unweighted', doc: 'weighted: dimensions weighted by the customers\' importance points' },
    by: BY_OPTION,
  },
  columns: COLUMNS,
  run: servqualCell,
};

/**
 * The method cell: long rows (`role`, `respondent`, `item`, `dimension`, `expectation`,
 * `perception`, and optionally `value`, `weight`, `points`, `file`, `provider_source`) → one row per
 * gap and scope. Options: `weighting` (unweighted | weighted), `by` (a column to analyse per group).
 */
export function servqualCell(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, checkOptions(servqualMethod, raw), (group, options) => {
    const weighting = options.weighting as 'unweighted' | 'weighted';
    const rows = servqualGaps(answersOf(group), weighting).map(
      (f): Row => ({
        gap: f.gap,
        level: f.level,
        dimension: f.dimension,
        item: f.item,
        measured: f.measured,
        reference: f.reference,
        value: f.value,
        se: f.se,
        lo: f.lo,
        hi: f.hi,
        t: f.t,
        df: f.df,
        p_value: f.p,
        significant: f.p === null ? null : f.p < 0.05,
        n: f.n,
        n_reference: f.nReference,
        unit: f.unit,
        points: f.points,
        source_en: f.source.en,
        source_zh: f.source.zh,
        note_en: f.note?.en ?? null,
        note_zh: f.note?.zh ?? null,
      }),
    );
    return { columns: COLUMNS.map(([name, type]) => ({ name, type })), rows };
  });
}
