/**
 * The `targets` method cell: each figure read against its target (targets.csv, joined by the page's
 * SQL), in words for both editions, and how many periods in a row it has been on the wrong side.
 *
 * Input rows: `value` and `target` (numbers; a row without a target gets no reading); optional
 * `figure_zh` / `figure_en` (what is measured, e.g. NPS or a bank's name), `target_label_zh` /
 * `target_label_en`, `format` (the figure's d3-format), `direction` (higher_better, lower_better or
 * neutral; default higher_better), and `series` + `period` for runs: the rows of one series, in period
 * order, with consecutive periods (2026Q2 follows 2026Q1; a period with no figure breaks the run).
 * Output: the input's columns, then `status` (below | above | met, by number), `misses` (on the wrong
 * side by the direction), `tone` (good | bad | neutral, for table cells), `sentence_zh` / `sentence_en`
 * ("NPS 31.0, target 35: below"; after a run, "…: below target for the third quarter running"),
 * `streak` (periods in a row that missed, up to this row) and
 * `streak_zh` / `streak_en` ("below target for the third quarter running").
 */
import type { QueryResult, Row, SqlValue } from '../db/types.ts';
import { missesTarget, periodGrainOf, periodIndex, streakSentence, targetSentence, targetStatus, type TargetStatus } from '../text/targets.ts';
import { numberOf, requireColumns, textOf } from './cell-values.ts';
import { checkOptions, type MethodDescriptor } from './method.ts';

const ADDED: readonly (readonly [string, string])[] = [
  ['status', 'VARCHAR'],
  ['misses', 'BOOLEAN'],
  ['tone', 'VARCHAR'],
  ['sentence_zh', 'VARCHAR'],
  ['sentence_en', 'VARCHAR'],
  ['streak', 'INTEGER'],
  ['streak_zh', 'VARCHAR'],
  ['streak_en', 'VARCHAR'],
];

interface Reading {
  status: TargetStatus | null;
  misses: boolean | null;
}

function readingOf(r: Row): Reading {
  const value = numberOf(r.value);
  const target = numberOf(r.target);
  if (value === null || target === null) return { status: null, misses: null };
  const status = targetStatus(value, target, textOf(r.format) ?? undefined);
  return { status, misses: missesTarget(status, textOf(r.direction) ?? 'higher_better') };
}

/** Runs of misses per series: for each row, the periods in a row up to it that missed (0 when it met its target). */
export function streaks(rows: readonly Row[], readings: readonly Reading[]): (number | null)[] {
  const out: (number | null)[] = rows.map(() => null);
  const bySeries = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (typeof r.period !== 'string' || readings[i]!.misses === null) return;
    const key = String(r.series ?? '');
    if (!bySeries.has(key)) bySeries.set(key, []);
    bySeries.get(key)!.push(i);
  });
  for (const members of bySeries.values()) {
    members.sort((a, b) => periodIndex(rows[a]!.period as string) - periodIndex(rows[b]!.period as string));
    let run = 0;
    let previous: number | null = null;
    for (const i of members) {
      const at = periodIndex(rows[i]!.period as string);
      const consecutive = previous !== null && at === previous + 1;
      run = readings[i]!.misses ? (consecutive ? run + 1 : 1) : 0;
      previous = at;
      out[i] = run;
    }
  }
  return out;
}

const text = (v: SqlValue | undefined): string => textOf(v) ?? '';

export function targetReadings(input: QueryResult): QueryResult {
  requireColumns(input, ['value', 'target'], 'targets');
  const readings = input.rows.map(readingOf);
  // Runs need both: rows of one series over its periods (without `series`, the rows of different figures are no run).
  const has = (name: string) => input.columns.some((c) => c.name === name);
  const runs = has('period') && has('series') ? streaks(input.rows, readings) : input.rows.map(() => null);
  const rows = input.rows.map((r, i) => {
    const { status, misses } = readings[i]!;
    const out: Row = { ...r };
    out.status = status;
    out.misses = misses;
    out.tone = status === null ? null : textOf(r.direction) === 'neutral' || status === 'met' ? 'neutral' : misses ? 'bad' : 'good';
    const run = runs[i] ?? null;
    const grain = typeof r.period === 'string' ? periodGrainOf(r.period) : 'quarter';
    const reading = (locale: 'zh' | 'en') =>
      status === null
        ? null
        : targetSentence(
            { figure: text(r[`figure_${locale}`]), value: numberOf(r.value)!, target: numberOf(r.target)!, label: textOf(r[`target_label_${locale}`]), format: textOf(r.format) ?? undefined },
            locale,
            run ? { periods: run, grain } : undefined,
          );
    out.sentence_zh = reading('zh');
    out.sentence_en = reading('en');
    out.streak = run;
    out.streak_zh = run ? streakSentence(run, status!, grain, 'zh') : null;
    out.streak_en = run ? streakSentence(run, status!, grain, 'en') : null;
    return out;
  });
  const own = new Set(ADDED.map(([name]) => name));
  return { columns: [...input.columns.filter((c) => !own.has(c.name)), ...ADDED.map(([name, type]) => ({ name, type }))], rows };
}

export const targetsMethod: MethodDescriptor = {
  name: 'targets',
  doc: 'each figure against its target (targets.csv): below / above / met, in words, and runs of periods that missed it',
  input: ['value', 'target'],
  options: {},
  columns: ADDED,
  run(input, options) {
    checkOptions(targetsMethod, options);
    return targetReadings(input);
  },
};
