/**
 * weighting/*.csv (e.g. `weighting/targets.csv`): population margins the survey is raked to —
 * `period`, `bank` (an id, or `*` for every bank), `variable` (a survey column such as `segment` or
 * `channel`), `category` (one of its values) and `share` (0–1; a variable's shares sum to 1 per period
 * and bank). When the folder is present, each bank and quarter with targets is raked
 * (src/methods/raking.ts) and its `weight` replaced by the raked weight, which starts from the
 * survey's own weight (a base weight) and has mean 1. Without the folder nothing changes.
 */
import { CellError, number, quarter, requiredText, slug, tidy, type CellParser } from '../cells.ts';
import { buildTable, settle, sheetOf, type DataContext, type LoadedFile } from '../context.ts';
import { compact } from '../sheet.ts';
import type { CellValue, CheckedTable, WeightingReport } from '../types.ts';
import { rake, RakingError, type RakingMargin } from '../../methods/raking.ts';
import { tableColumns, type ColumnDef } from './common.ts';
import type { FileKind } from '../kind.ts';

/** Documented raking settings (data/README.md): shares met to 1e-6, at most 100 sweeps, no weight above 5× the mean. */
export const RAKING = { tolerance: 1e-6, maxIterations: 100, cap: 5 } as const;

/** Survey columns that are not respondent characteristics, so never raked on. */
const NOT_RAKED = new Set(['respondent_id', 'quarter', 'bank', 'comment', 'source_file']);

const ALL_BANKS = '*';

const bankOrAll = (ctx: DataContext): CellParser => {
  const id = slug('bank');
  return (raw) => {
    const t = tidy(raw);
    if (t === ALL_BANKS) return t;
    const v = id(raw);
    if (typeof v === 'string' && ctx.banks && !ctx.banks.has(v)) return new CellError(`bank ${v} is not in banks.csv (or write * for every bank)`);
    return v;
  };
};

const columnsFor = (ctx: DataContext): ColumnDef[] => [
  { name: 'period', type: 'VARCHAR', parse: quarter(null), required: true },
  { name: 'bank', type: 'VARCHAR', parse: bankOrAll(ctx), required: true },
  { name: 'variable', type: 'VARCHAR', parse: slug('variable'), required: true },
  { name: 'category', type: 'VARCHAR', parse: requiredText('category'), required: true },
  { name: 'share', type: 'DOUBLE', parse: number({ what: 'share', min: 0, max: 1, rangeNote: 'share of the population', missing: 'error' }), required: true },
];
const NAMES = ['period', 'bank', 'variable', 'category', 'share'];

export const isWeightTargetsColumn = (name: string): boolean => NAMES.includes(name);

interface Target {
  period: string;
  bank: string;
  variable: string;
  category: string;
  share: number;
  file: LoadedFile;
  line: number;
}

const groupKey = (t: { period: string; bank: string; variable: string }) => `${t.period}\u0000${t.bank}\u0000${t.variable}`;

export class WeightTargetsCheck {
  private readonly ctx: DataContext;
  private readonly tables: ReadonlyMap<string, CheckedTable>;
  private readonly files: LoadedFile[] = [];
  private readonly parts: { rows: number; values: Record<string, CellValue[]> }[] = [];
  private readonly targets: Target[] = [];

  constructor(ctx: DataContext, tables: ReadonlyMap<string, CheckedTable>) {
    this.ctx = ctx;
    this.tables = tables;
  }

  add(file: LoadedFile): void {
    const defs = columnsFor(this.ctx);
    const sheet = sheetOf(file, { required: NAMES, resolve: (name) => defs.find((d) => d.name === name) ?? null });
    this.files.push(file);
    if (!sheet) {
      this.parts.push({ rows: 0, values: {} });
      return;
    }
    const col = (name: string) => sheet.values.get(name) ?? [];
    const [period, bank, variable, category, share] = NAMES.map(col);
    for (let i = 0; i < sheet.rowCount; i++) {
      if (sheet.rejected[i]) continue;
      this.targets.push({
        period: period![i] as string,
        bank: bank![i] as string,
        variable: variable![i] as string,
        category: category![i] as string,
        share: share![i] as number,
        file,
        line: sheet.lines[i]!,
      });
    }
    settle(file, sheet);
    this.parts.push({ rows: file.rowsLoaded, values: compact(sheet, NAMES) });
  }

  table(): CheckedTable {
    this.ctx.weighting = this.rakeSurvey();
    return buildTable('weight_targets', tableColumns(columnsFor(this.ctx)), this.files, this.parts);
  }

  /** Groups the targets by period, bank and variable; a group whose shares do not sum to 1 is an error at its first line. */
  private groups(): Map<string, Target[]> {
    const groups = new Map<string, Target[]>();
    for (const t of this.targets) {
      const key = groupKey(t);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(t);
    }
    for (const [key, ts] of groups) {
      const sum = ts.reduce((s, t) => s + t.share, 0);
      const seen = new Set<string>();
      for (const t of ts) {
        if (seen.has(t.category)) t.file.sink.error(`${t.variable} ${t.category} has two targets for ${t.bank} in ${t.period}; keep one`, { line: t.line, column: 'category', value: t.category });
        seen.add(t.category);
      }
      if (Math.abs(sum - 1) > 0.001) {
        const t = ts[0]!;
        t.file.sink.error(`the ${t.variable} shares for ${t.bank === ALL_BANKS ? 'every bank' : t.bank} in ${t.period} sum to ${sum.toFixed(4)}, not 1 (rows from line ${t.line})`, {
          line: t.line,
          column: 'share',
        });
        groups.delete(key);
      }
    }
    return groups;
  }

  /** Rakes each bank and quarter of the survey that has targets, replacing its weights. */
  private rakeSurvey(): WeightingReport[] {
    const survey = this.tables.get('survey');
    const groups = this.groups();
    if (!survey || groups.size === 0) return [];
    const raked = new Set(survey.columns.filter((c) => c.type === 'VARCHAR' && !NOT_RAKED.has(c.name)).map((c) => c.name));
    for (const ts of groups.values()) {
      const t = ts[0]!;
      if (!raked.has(t.variable)) {
        t.file.sink.error(`variable ${t.variable} is not a survey column respondents can be weighted on (${[...raked].join(', ') || 'none'})`, { line: t.line, column: 'variable', value: t.variable });
      }
    }

    // Respondents per period and bank.
    const quarterOf = survey.values.quarter!;
    const bankOf = survey.values.bank!;
    const rows = new Map<string, number[]>();
    for (let i = 0; i < survey.rowCount; i++) {
      const key = `${quarterOf[i]}\u0000${bankOf[i]}`;
      if (!rows.has(key)) rows.set(key, []);
      rows.get(key)!.push(i);
    }
    const weight = [...survey.values.weight!];
    const reports: WeightingReport[] = [];
    const periodBanks = [...rows.keys()].sort();
    for (const key of periodBanks) {
      const [period, bank] = key.split('\u0000') as [string, string];
      // A bank's own targets for a variable, else the period's targets for every bank.
      const variables = new Map<string, Target[]>();
      for (const ts of groups.values()) {
        const t = ts[0]!;
        if (t.period !== period || !raked.has(t.variable)) continue;
        if (t.bank === bank || (t.bank === ALL_BANKS && !variables.has(t.variable))) variables.set(t.variable, ts);
      }
      if (variables.size === 0) continue;
      const members = rows.get(key)!;
      const categories = Object.fromEntries([...variables.keys()].map((v) => [v, members.map((i) => survey.values[v]![i] as string | null)]));
      const margins: RakingMargin[] = [...variables].map(([variable, ts]) => ({ variable, shares: new Map(ts.map((t) => [t.category, t.share])) }));
      try {
        const r = rake(members.map((i) => weight[i] as number | null), categories, margins, RAKING);
        members.forEach((i, k) => (weight[i] = r.weights[k]!));
        reports.push({
          period,
          bank,
          variables: [...variables.keys()],
          respondents: members.length,
          iterations: r.iterations,
          converged: r.converged,
          min: r.min,
          max: r.max,
          designEffect: r.designEffect,
          nEff: r.nEff,
          trimmed: r.trimmed,
        });
      } catch (e) {
        if (!(e instanceof RakingError)) throw e;
        // Name the target at fault: the category's own line, else the variable's first line.
        const ts = (e.variable !== null ? variables.get(e.variable) : undefined) ?? [...variables.values()][0]!;
        const t = ts.find((x) => x.category === e.category) ?? ts[0]!;
        t.file.sink.error(`${bank} in ${period}: ${e.message} (${members.length} respondents)`, {
          line: t.line,
          column: e.category !== null ? 'category' : 'variable',
          ...(e.category !== null ? { value: e.category } : {}),
        });
      }
    }
    survey.values.weight = weight;
    return reports;
  }
}

export const weightTargetsKind: FileKind = {
  kind: 'weight_targets',
  folder: 'weighting',
  doc: 'population margins the survey is raked to, per period and bank',
  after: ['banks', 'survey'],
  isColumn: isWeightTargetsColumn,
  checker: (ctx, tables) => new WeightTargetsCheck(ctx, tables),
};
