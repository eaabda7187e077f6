/**
 * targets.csv: targets and benchmarks the report's figures are read against — `metric` (a survey
 * metric, nps, csat, ces or overall, or a metric_id of metric_defs.csv), `bank` (an id, or `*` for
 * every bank), `period` (one period, or a range `2025Q1–2026Q4` of one grain), `value`, optional
 * `label_zh` / `label_en` (e.g. 年度目标 / 2026 goal) and `source`. Loaded as one row per metric,
 * bank and period, so a page joins it on the figure's own keys (`LEFT JOIN targets t ON t.metric =
 * 'nps' AND t.bank = s.bank AND t.period = s.quarter`); a bank's own target wins over the `*` one.
 * Without the file pages see an empty `targets` table (src/db/load.ts) and draw no marks.
 */
import { CellError, number, optionalText, periodGrain, tidy, type CellParser } from '../cells.ts';
import { buildTable, failFile, settle, sheetOf, type DataContext, type LoadedFile } from '../context.ts';
import { showValue } from '../issues.ts';
import { compact, rejectRow } from '../sheet.ts';
import type { CellValue, CheckedTable, TableColumn } from '../types.ts';
import { didYouMean } from '../../text/suggest.ts';
import { periodAt, periodGrainOf, periodIndex } from '../../text/targets.ts';
import { fixedColumns, type ColumnDef } from './common.ts';
import type { FileKind } from '../kind.ts';

/** The survey's own metrics (columns of survey/*.csv, computed by the pages' loyalty macros). */
export const SURVEY_METRICS = ['nps', 'csat', 'ces', 'overall'] as const;

const ALL_BANKS = '*';

/** A range longer than this many periods is a typo (2025Q1–2205Q1), not a target. */
const MAX_PERIODS = 400;

/** Separators of a range: en dash (as the docs write it), em dash, `~`, `..`, ` to `, or a hyphen between two periods. */
const RANGE_SEPARATORS = ['–', '—', '~', '..', ' to ', '至', '-'];

/** A period `YYYY`, `YYYYQn` or `YYYY-MM`, upper-cased; null when not one. */
function onePeriod(t: string): string | null {
  const u = t.trim().toUpperCase();
  return periodGrain(u) === null ? null : u;
}

/** The periods from `from` to `to` (same grain, inclusive), in order. */
export function periodsBetween(from: string, to: string): string[] {
  const grain = periodGrainOf(from);
  const out: string[] = [];
  for (let i = periodIndex(from); i <= periodIndex(to); i++) out.push(periodAt(i, grain));
  return out;
}

/** `2026Q3`, or a range `2025Q1–2026Q4` stored as `2025Q1–2026Q4` (en dash); the rule is in the message. */
const periodOrRange: CellParser = (raw) => {
  const t = tidy(raw);
  if (t === '') return new CellError('period is required: one period (2026Q3, 2026, 2026-03) or a range of one grain (2025Q1–2026Q4)');
  const single = onePeriod(t);
  if (single !== null) return single;
  for (const sep of RANGE_SEPARATORS) {
    for (let at = t.indexOf(sep); at > 0; at = t.indexOf(sep, at + 1)) {
      const from = onePeriod(t.slice(0, at));
      const to = onePeriod(t.slice(at + sep.length));
      if (from === null || to === null) continue;
      if (periodGrain(from) !== periodGrain(to)) return new CellError(`period ${showValue(t)} mixes a ${periodGrain(from)} and a ${periodGrain(to)}: write both ends in one grain (e.g. 2025Q1–2026Q4)`);
      if (to < from) return new CellError(`period ${showValue(t)} ends before it starts: write the earlier period first (${to}–${from})`);
      if (periodsBetween(from, to).length > MAX_PERIODS) return new CellError(`period ${showValue(t)} spans more than ${MAX_PERIODS} periods; check the years`);
      return from === to ? from : `${from}–${to}`;
    }
  }
  return new CellError(`period ${showValue(t)} is not a period (YYYY, YYYYQn or YYYY-MM, e.g. 2026Q3) or a range of one grain (e.g. 2025Q1–2026Q4)`);
};

/** A metric the report computes: a survey metric (any case: NPS) or an operating metric of metric_defs.csv. */
function metricOf(ctx: DataContext): CellParser {
  const operating = ctx.metricIds ? [...ctx.metricIds] : [];
  const known = [...SURVEY_METRICS, ...operating];
  return (raw) => {
    const t = tidy(raw);
    if (t === '') return new CellError(`metric is required (${known.join(', ')})`);
    if ((SURVEY_METRICS as readonly string[]).includes(t.toLowerCase())) return t.toLowerCase();
    if (ctx.metricIds?.has(t)) return t;
    const where = ctx.metricIds ? 'a metric_id of metric_defs.csv' : 'an operating metric (there is no metric_defs.csv to define one)';
    const hint = ctx.metricIds?.has(t.toLowerCase()) ? ` (ids are case-sensitive: did you mean "${t.toLowerCase()}"?)` : didYouMean(t.toLowerCase(), known);
    return new CellError(`metric ${showValue(t)} is not a survey metric (${SURVEY_METRICS.join(', ')}) or ${where}${hint}`);
  };
}

function bankOf(ctx: DataContext): CellParser {
  return (raw) => {
    const t = tidy(raw);
    if (t === ALL_BANKS) return t;
    if (t === '') return new CellError('bank is required: a bank_id of banks.csv, or * for every bank');
    if (!ctx.banks) return t;
    if (ctx.banks.has(t)) return t;
    const named = ctx.bankNames?.get(t.toLowerCase());
    const hint = ctx.banks.has(t.toLowerCase())
      ? ` (ids are case-sensitive: did you mean "${t.toLowerCase()}"?)`
      : named !== undefined
        ? ` (${t} is the name of ${named}: write ${named})`
        : didYouMean(t, [...ctx.banks]);
    return new CellError(`bank ${showValue(t)} is not a bank_id of banks.csv, or * for every bank${hint}`);
  };
}

const columnsFor = (ctx: DataContext, file: LoadedFile): ColumnDef[] => [
  { name: 'metric', type: 'VARCHAR', parse: metricOf(ctx), required: true },
  { name: 'bank', type: 'VARCHAR', parse: bankOf(ctx), required: true },
  { name: 'period', type: 'VARCHAR', parse: periodOrRange, required: true },
  { name: 'value', type: 'DOUBLE', parse: number({ what: 'value (the target)', missing: 'error' }, file.style), required: true },
  { name: 'label_zh', type: 'VARCHAR', parse: optionalText },
  { name: 'label_en', type: 'VARCHAR', parse: optionalText },
  { name: 'source', type: 'VARCHAR', parse: optionalText },
];
const NAMES = ['metric', 'bank', 'period', 'value', 'label_zh', 'label_en', 'source'];

export const isTargetsColumn = (name: string): boolean => NAMES.includes(name);

/** The loaded table: one row per metric, bank and period the file's rows cover. */
const COLUMNS: TableColumn[] = [
  { name: 'metric', type: 'VARCHAR' },
  { name: 'bank', type: 'VARCHAR' },
  { name: 'period', type: 'VARCHAR' },
  { name: 'period_grain', type: 'VARCHAR' },
  { name: 'value', type: 'DOUBLE' },
  { name: 'label_zh', type: 'VARCHAR' },
  { name: 'label_en', type: 'VARCHAR' },
  { name: 'source', type: 'VARCHAR' },
  // Whether the row came from a `*` line (every bank) rather than the bank's own.
  { name: 'all_banks', type: 'BOOLEAN' },
  { name: 'source_line', type: 'INTEGER' },
];

export function checkTargets(file: LoadedFile, ctx: DataContext): CheckedTable {
  const sheet = sheetOf(file, fixedColumns(columnsFor(ctx, file)));
  if (!ctx.banks) failFile(file, sheet, 'banks.csv is missing: targets.csv needs it to check the bank column and to expand * to every bank');
  const out: Record<string, CellValue[]> = Object.fromEntries(COLUMNS.map((c) => [c.name, []]));
  if (!sheet) return buildTable('targets', COLUMNS, [file], []);
  const col = (name: string) => sheet.values.get(name) ?? [];
  const [metric, bank, period] = ['metric', 'bank', 'period'].map(col);
  // The same metric, bank (or *) and period twice: a chart could only draw one of the two.
  const firstLine = new Map<string, number>();
  for (let i = 0; i < sheet.rowCount; i++) {
    if (sheet.rejected[i] || typeof metric![i] !== 'string' || typeof bank![i] !== 'string' || typeof period![i] !== 'string') continue;
    for (const p of expand(period![i] as string)) {
      const key = `${metric![i]}\u0000${bank![i]}\u0000${p}`;
      const first = firstLine.get(key);
      if (first !== undefined) {
        const who = bank![i] === ALL_BANKS ? 'every bank (*)' : `bank ${bank![i]}`;
        rejectRow(sheet, i, 'period', `${metric![i]} for ${who} in ${p} already has a target at line ${first}; keep one`, period![i] as string);
        break;
      }
      firstLine.set(key, sheet.lines[i]!);
    }
  }
  settle(file, sheet);
  const rows = compact(sheet, NAMES);
  const lines = sheet.headerFailed ? [] : sheet.lines.filter((_, i) => !sheet.rejected[i]);
  // Expand: a bank's own rows first, so that they win over the `*` rows for the same period.
  const taken = new Set<string>();
  const order = [...rows.metric!.keys()].sort((a, b) => Number(rows.bank![a] === ALL_BANKS) - Number(rows.bank![b] === ALL_BANKS) || a - b);
  for (const k of order) {
    const m = rows.metric![k] as string;
    const b = rows.bank![k] as string;
    const zh = rows.label_zh![k] as string | null;
    const en = rows.label_en![k] as string | null;
    const banks = b === ALL_BANKS ? [...(ctx.banks ?? [])] : [b];
    for (const p of expand(rows.period![k] as string)) {
      for (const id of banks) {
        const key = `${m}\u0000${id}\u0000${p}`;
        if (taken.has(key)) continue;
        taken.add(key);
        out.metric!.push(m);
        out.bank!.push(id);
        out.period!.push(p);
        out.period_grain!.push(periodGrain(p));
        out.value!.push(rows.value![k]!);
        // A label missing in one language falls back to the other's; with neither, pages say 目标 / target.
        out.label_zh!.push(zh ?? en);
        out.label_en!.push(en ?? zh);
        out.source!.push(rows.source![k]!);
        out.all_banks!.push(b === ALL_BANKS);
        out.source_line!.push(lines[k]!);
      }
    }
  }
  return buildTable('targets', COLUMNS, [file], [{ rows: out.metric!.length, values: out }]);
}

/** The periods a stored `period` cell covers (`2025Q1–2025Q4` → four quarters). */
function expand(period: string): string[] {
  const dash = period.indexOf('–');
  return dash === -1 ? [period] : periodsBetween(period.slice(0, dash), period.slice(dash + 1));
}

export const targetsKind: FileKind = {
  kind: 'targets',
  file: 'targets.csv',
  doc: 'targets and benchmarks per metric, bank (or every bank) and period',
  after: ['banks', 'metric_defs'],
  isColumn: isTargetsColumn,
  check: (file, ctx) => checkTargets(file, ctx),
};
