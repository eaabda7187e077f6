/**
 * metrics/*.csv: long format, one value of one metric for one bank and period. Files are unioned;
 * the same bank, period and metric twice (in one file or across files) is an error, since a
 * chart could only show one of the two values.
 */
import { CellError, exactText, number, optionalText, periodGrain, reference, slug, tidy, type CellParser } from '../cells.ts';
import { buildTable, failFile, settle, sheetOf, type DataContext, type LoadedFile } from '../context.ts';
import { showValue } from '../issues.ts';
import { compact, rejectRow, type ColumnResolution, type ColumnSpec } from '../sheet.ts';
import type { CellValue, CheckedTable, TableColumn } from '../types.ts';
import { FirstOccurrences } from './common.ts';
import type { FileKind } from '../kind.ts';

const COLUMNS: TableColumn[] = [
  { name: 'bank', type: 'VARCHAR' },
  { name: 'period', type: 'VARCHAR' },
  { name: 'period_grain', type: 'VARCHAR' },
  { name: 'metric', type: 'VARCHAR' },
  { name: 'value', type: 'DOUBLE' },
  { name: 'source', type: 'VARCHAR' },
  { name: 'note', type: 'VARCHAR' },
  { name: 'source_file', type: 'VARCHAR' },
];
const INPUT = ['bank', 'period', 'metric', 'value', 'source', 'note'];

export const isMetricsColumn = (name: string): boolean => INPUT.includes(name);

const period: CellParser = (raw) => {
  const t = tidy(raw).toUpperCase();
  if (t === '') return new CellError('period is required (YYYY, YYYYQn or YYYY-MM)');
  if (periodGrain(t) === null) return new CellError(`period ${showValue(tidy(raw))} is not YYYY, YYYYQn or YYYY-MM (e.g. 2024, 2024Q4, 2024-12)`);
  return t;
};

export class MetricsCheck {
  private readonly ctx: DataContext;
  private readonly files: LoadedFile[] = [];
  private readonly parts: { rows: number; values: Record<string, CellValue[]> }[] = [];
  private readonly firstSeen = new FirstOccurrences();

  constructor(ctx: DataContext) {
    this.ctx = ctx;
  }

  private resolve(file: LoadedFile): (name: string) => ColumnResolution {
    const { ctx } = this;
    const specs: Record<string, ColumnSpec> = {
      bank: { name: 'bank', type: 'VARCHAR', parse: ctx.banks ? reference('bank', ctx.banks, 'banks.csv') : slug('bank') },
      period: { name: 'period', type: 'VARCHAR', parse: period },
      metric: { name: 'metric', type: 'VARCHAR', parse: ctx.metricIds ? reference('metric', ctx.metricIds, 'metric_defs.csv') : slug('metric') },
      value: { name: 'value', type: 'DOUBLE', parse: number({ what: 'value', missing: 'error' }, file.style) },
      source: { name: 'source', type: 'VARCHAR', parse: optionalText },
      note: { name: 'note', type: 'VARCHAR', parse: exactText },
    };
    return (name) => (Object.hasOwn(specs, name) ? specs[name]! : null);
  }

  add(file: LoadedFile): void {
    const sheet = sheetOf(file, { required: ['bank', 'period', 'metric', 'value'], resolve: this.resolve(file) });
    if (!this.ctx.banks) failFile(file, sheet, 'banks.csv is missing: metrics files need it to check the bank column');
    if (!this.ctx.metricIds) failFile(file, sheet, 'metric_defs.csv is missing: metrics files need it to check the metric column');
    this.files.push(file);
    if (!sheet) {
      this.parts.push({ rows: 0, values: {} });
      return;
    }
    const bank = sheet.values.get('bank') ?? [];
    const per = sheet.values.get('period') ?? [];
    const metric = sheet.values.get('metric') ?? [];
    for (let i = 0; i < sheet.rowCount; i++) {
      if (typeof bank[i] !== 'string' || typeof per[i] !== 'string' || typeof metric[i] !== 'string') continue;
      const where = this.firstSeen.check(bank[i] as string, per[i] as string, metric[i] as string, file, sheet.lines[i]!);
      if (where !== null) {
        rejectRow(sheet, i, 'metric', `metric ${metric[i]} for bank ${bank[i]} in ${per[i]} is given twice (first at ${where}); keep one value`, metric[i] as string);
      }
    }
    settle(file, sheet);
    const values = compact(sheet, INPUT);
    values.period_grain = values.period!.map((p) => periodGrain(p as string));
    values.source_file = new Array<CellValue>(file.rowsLoaded).fill(file.rel);
    this.parts.push({ rows: file.rowsLoaded, values });
  }

  table(): CheckedTable {
    return buildTable('metrics', COLUMNS, this.files, this.parts);
  }
}

export const metricsKind: FileKind = {
  kind: 'metrics',
  folder: 'metrics',
  doc: 'operating metrics per bank and period',
  after: ['banks', 'metric_defs'],
  isColumn: isMetricsColumn,
  checker: (ctx) => new MetricsCheck(ctx),
};
