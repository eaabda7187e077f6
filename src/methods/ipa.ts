import { columnOf } from '../db/columns.ts';
import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { bootstrapImportance } from './bootstrap.ts';
import { requireColumns, typed } from './cell-values.ts';
import { perGroup } from './groups.ts';
import { DERIVED_METHODS, type DerivedMethod } from './importance.ts';
import { ImportanceError, type MaybeNumber } from './moments.ts';
import { BY_OPTION, REPLICATES_OPTION, SEED_OPTION, checkOptions, type MethodDescriptor, type MethodOptions } from './method.ts';
import { weightedMeanInterval } from './weighted.ts';

/**
 * Importance–performance figures per attribute (Martilla & James 1977), from long rows:
 * one row per respondent and attribute with columns `respondent`, `attribute`, `performance`,
 * `importance` (stated, may be null), `outcome` (overall satisfaction) and `weight`.
 *
 * - performance: weighted mean with a t interval on Kish's effective n;
 * - importance `stated`: the same for the stated-importance ratings;
 * - importance derived (`correlation`, `regression`, `relative_weights`, `dominance`): the method on
 *   the respondents who rated every attribute and the outcome (listwise), with a seeded bootstrap
 *   percentile interval.
 *
 * When the data cannot support a derived figure (too few complete respondents, a constant rating),
 * importance is null and `note` says why, so a thin filter degrades the page instead of breaking it.
 */

export const IMPORTANCE_METHODS = ['stated', ...DERIVED_METHODS] as const;
export type ImportanceMethod = (typeof IMPORTANCE_METHODS)[number];

export interface IpaOptions {
  importance: ImportanceMethod;
  replicates: number;
  seed: number;
}

const IPA_COLUMNS: [string, string][] = [
  ['attribute', 'VARCHAR'],
  ['performance', 'DOUBLE'],
  ['perf_lo', 'DOUBLE'],
  ['perf_hi', 'DOUBLE'],
  ['perf_n', 'INTEGER'],
  ['importance', 'DOUBLE'],
  ['imp_lo', 'DOUBLE'],
  ['imp_hi', 'DOUBLE'],
  ['share', 'DOUBLE'],
  ['imp_n', 'INTEGER'],
  ['method', 'VARCHAR'],
  ['r2', 'DOUBLE'],
  ['replicates', 'INTEGER'],
  ['note', 'VARCHAR'],
];

export const ipaMethod: MethodDescriptor = {
  name: 'ipa',
  doc: 'importance–performance figures per attribute: performance with its t interval, importance stated or derived with a seeded bootstrap interval',
  input: ['respondent', 'attribute', 'performance', 'outcome'],
  options: {
    importance: { type: 'choice', values: IMPORTANCE_METHODS, default: 'relative_weights', doc: 'stated, or derived: correlation, regression, relative_weights, dominance' },
    replicates: { ...REPLICATES_OPTION, doc: 'bootstrap replicates of a derived importance' },
    replicates_dominance: { ...REPLICATES_OPTION, default: null, doc: 'replicates when importance is dominance (default: replicates)' },
    seed: SEED_OPTION,
    by: BY_OPTION,
  },
  columns: IPA_COLUMNS,
  run: ipaFigures,
};

function options(checked: MethodOptions): IpaOptions {
  const importance = checked.importance as ImportanceMethod;
  // Dominance refits 2^p regressions per replicate; its own replicate count keeps the page responsive.
  const replicates = importance === 'dominance' && checked.replicates_dominance !== null ? checked.replicates_dominance : checked.replicates;
  return { importance, replicates: replicates as number, seed: checked.seed as number };
}

const num = (v: unknown): MaybeNumber => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Long rows → respondent-aligned columns per attribute (null where a respondent skipped one); read by column, no row objects. */
function pivot(input: QueryResult) {
  const respondentOf = columnOf(input, 'respondent');
  const attributeOf = columnOf(input, 'attribute');
  const respondents = new Map<string, number>();
  const attributeAt = new Map<string, number>();
  const n = respondentOf.length;
  const respondentIndex = new Int32Array(n);
  const attributeIndex = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const key = String(respondentOf[r]);
    let i = respondents.get(key);
    if (i === undefined) respondents.set(key, (i = respondents.size));
    const a = String(attributeOf[r]);
    let j = attributeAt.get(a);
    if (j === undefined) attributeAt.set(a, (j = attributeAt.size));
    respondentIndex[r] = i;
    attributeIndex[r] = j;
  }
  const attributes = [...attributeAt.keys()];
  const size = respondents.size;
  const outcome: MaybeNumber[] = new Array(size).fill(null);
  const weights: MaybeNumber[] = new Array(size).fill(null);
  const perfBy = attributes.map(() => new Array<MaybeNumber>(size).fill(null));
  const statedBy = attributes.map(() => new Array<MaybeNumber>(size).fill(null));
  const [performance, importance, outcomes, weightOf] = ['performance', 'importance', 'outcome', 'weight'].map((c) => columnOf(input, c));
  for (let r = 0; r < n; r++) {
    const i = respondentIndex[r]!;
    const j = attributeIndex[r]!;
    perfBy[j]![i] = num(performance![r]);
    statedBy[j]![i] = num(importance![r]);
    outcome[i] = num(outcomes![r]);
    weights[i] = num(weightOf![r]);
  }
  const perf = Object.fromEntries(attributes.map((a, j) => [a, perfBy[j]!]));
  const stated = Object.fromEntries(attributes.map((a, j) => [a, statedBy[j]!]));
  return { attributes, outcome, weights, perf, stated };
}

/**
 * The figures per attribute, or per group and attribute when `by` names a column (e.g. `bank` for
 * small multiples): each group is analysed on its own rows, with the same seed.
 */
export function ipaFigures(input: QueryResult, raw: Record<string, unknown>): QueryResult {
  return perGroup(input, checkOptions(ipaMethod, raw), ipaOneGroup);
}

function ipaOneGroup(input: QueryResult, checked: Record<string, unknown>): QueryResult {
  const opts = options(checked as MethodOptions);
  requireColumns(input, ipaMethod.input, 'ipa');

  const { attributes, outcome, weights, perf, stated } = pivot(input);
  const performance = Object.fromEntries(attributes.map((a) => [a, weightedMeanInterval(perf[a]!, weights)]));

  let importance: Record<string, { value: number | null; lo: number | null; hi: number | null; share: number | null; n: number }> = {};
  let r2: number | null = null;
  let note: string | null = null;
  let replicates: number | null = null;
  if (opts.importance === 'stated') {
    importance = Object.fromEntries(
      attributes.map((a) => {
        const m = weightedMeanInterval(stated[a]!, weights);
        const ok = m.n > 0;
        return [a, { value: ok ? m.mean : null, lo: ok ? m.lo : null, hi: ok ? m.hi : null, share: null, n: m.n }];
      }),
    );
  } else {
    try {
      const boot = bootstrapImportance({ outcome, predictors: perf, weights }, opts.importance as DerivedMethod, {
        replicates: opts.replicates,
        seed: opts.seed,
      });
      r2 = boot.estimate.r2;
      replicates = boot.used;
      importance = Object.fromEntries(
        attributes.map((a) => [
          a,
          {
            value: boot.estimate.importance[a]!,
            lo: boot.importance[a]!.lo,
            hi: boot.importance[a]!.hi,
            share: boot.estimate.rescaled?.[a] ?? null,
            n: boot.n,
          },
        ]),
      );
    } catch (e) {
      if (!(e instanceof ImportanceError)) throw e;
      note = e.message;
      importance = Object.fromEntries(attributes.map((a) => [a, { value: null, lo: null, hi: null, share: null, n: 0 }]));
    }
  }

  const rows: Row[] = attributes.map((a) => {
    const p = performance[a]!;
    const i = importance[a]!;
    return {
      attribute: a,
      performance: p.n > 0 ? p.mean : null,
      perf_lo: Number.isFinite(p.lo) ? p.lo : null,
      perf_hi: Number.isFinite(p.hi) ? p.hi : null,
      perf_n: p.n,
      importance: i.value,
      imp_lo: i.lo !== null && Number.isFinite(i.lo) ? i.lo : null,
      imp_hi: i.hi !== null && Number.isFinite(i.hi) ? i.hi : null,
      share: i.share,
      imp_n: i.n,
      method: opts.importance,
      r2,
      replicates,
      note,
    };
  });
  // Declared types: an empty filter (no earlier quarter) must still give numeric columns to join on.
  return { columns: typed(IPA_COLUMNS), rows };
}

/**
 * The IPA grid's quadrants as SQL macros, for every page that places attributes on it (the IPA page,
 * and the findings page's moves into and out of Concentrate here). Martilla & James (1977), with the
 * crosshairs at the attributes' mean importance and mean performance (data-centred): 1 Concentrate
 * here (important, performing below the mean), 2 Keep up the good work, 3 Low priority, 4 Possible
 * overkill. An attribute on a crosshair counts as important and as performing.
 */
export const IPA_MACROS = `
CREATE OR REPLACE TEMP MACRO ipa_quadrant(importance, performance, cross_importance, cross_performance) AS
  CASE WHEN importance >= cross_importance AND performance < cross_performance THEN 1
       WHEN importance >= cross_importance THEN 2
       WHEN performance < cross_performance THEN 3 ELSE 4 END;
CREATE OR REPLACE TEMP MACRO ipa_quadrant_zh(q) AS ['重点改进区', '继续保持区', '低优先区', '过度投入区'][q];
CREATE OR REPLACE TEMP MACRO ipa_quadrant_en(q) AS ['Concentrate here', 'Keep up the good work', 'Low priority', 'Possible overkill'][q];
`;
