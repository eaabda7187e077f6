/**
 * servqual_provider/*.csv: the provider's side of the SERVQUAL gap model, long format, one value
 * of one measure for one item, bank and quarter, on the questionnaire's scale:
 *
 *   specification  the service standard for the item (gap 2 = specification − managers' e)
 *   delivered      the service as delivered (gap 3 = delivered − specification)
 *   promised       what the bank's communications promise (gap 4 = delivered − promised)
 *
 * Every value says where it comes from (`source`). The measures only mean something next to the
 * questionnaire of the same bank and quarter (its items, its managers' expectations), so a bank
 * and quarter without servqual/*.csv rows is an error.
 */
import { CellError, exactText, number, oneOf, quarter, quarterFromFileName, reference, slug, tidy, toNumber, isMissingMarker, type CellParser } from '../cells.ts';
import { buildTable, failFile, servqualPair, settle, sheetOf, type DataContext, type LoadedFile } from '../context.ts';
import { showValue } from '../issues.ts';
import { compact, rejectRow, type ColumnResolution, type ColumnSpec, type Sheet } from '../sheet.ts';
import type { CellValue, CheckedTable, TableColumn } from '../types.ts';
import { FirstOccurrences } from './common.ts';
import { SERVQUAL_SCALE } from './servqual.ts';
import { STANDARD_ITEMS } from './servqual_items.ts';
import type { FileKind } from '../kind.ts';

export const PROVIDER_MEASURES = ['specification', 'delivered', 'promised'] as const;

const COLUMNS: TableColumn[] = [
  { name: 'quarter', type: 'VARCHAR' },
  { name: 'bank', type: 'VARCHAR' },
  { name: 'measure', type: 'VARCHAR' },
  { name: 'item', type: 'INTEGER' },
  { name: 'value', type: 'DOUBLE' },
  { name: 'source', type: 'VARCHAR' },
  { name: 'n', type: 'INTEGER' },
  { name: 'note', type: 'VARCHAR' },
  { name: 'source_file', type: 'VARCHAR' },
];
const INPUT = ['quarter', 'bank', 'measure', 'item', 'value', 'source', 'n', 'note'];

export const isServqualProviderColumn = (name: string): boolean => INPUT.includes(name);

const SOURCE_HINT = 'say where the figure comes from, e.g. "service standards manual 2026", "mystery shopping, 40 branch visits", "marketing campaign audit"';

const source: CellParser = (raw) => {
  const t = tidy(raw);
  return isMissingMarker(t) ? new CellError(`source is required: ${SOURCE_HINT}`) : t;
};

/** The item's number; `05` reads as 5. The column names e05/p05 are not item numbers. */
function itemParser(ids: ReadonlySet<number>, custom: boolean): CellParser {
  const known = custom ? 'see servqual_items.csv' : 'the standard items are 1–22';
  return (raw) => {
    const t = tidy(raw);
    if (isMissingMarker(t)) return new CellError('item is required (the number of a SERVQUAL item, e.g. 5)');
    const v = toNumber(t);
    if (v !== v || !Number.isInteger(v)) {
      return new CellError(`item ${showValue(t)} is not an item number: write the number of a SERVQUAL item (e.g. 5 for the e05/p05 columns)`);
    }
    if (!ids.has(v)) return new CellError(`item ${v} is not a SERVQUAL item (${known})`);
    return v;
  };
}

export class ServqualProviderCheck {
  private readonly ctx: DataContext;
  private readonly files: LoadedFile[] = [];
  private readonly parts: { rows: number; values: Record<string, CellValue[]> }[] = [];
  private readonly firstSeen = new FirstOccurrences();

  constructor(ctx: DataContext) {
    this.ctx = ctx;
  }

  private resolve(file: LoadedFile, fileQuarter: string | null): (name: string) => ColumnResolution {
    const { ctx } = this;
    const items = ctx.servqualItems ?? STANDARD_ITEMS;
    const specs: Record<string, ColumnSpec> = {
      quarter: { name: 'quarter', type: 'VARCHAR', parse: quarter(fileQuarter) },
      bank: { name: 'bank', type: 'VARCHAR', parse: ctx.banks ? reference('bank', ctx.banks, 'banks.csv') : slug('bank') },
      measure: { name: 'measure', type: 'VARCHAR', parse: oneOf('measure', PROVIDER_MEASURES, false) },
      item: { name: 'item', type: 'INTEGER', parse: itemParser(new Set(items.map((i) => i.item_id)), items !== STANDARD_ITEMS) },
      value: {
        name: 'value',
        type: 'DOUBLE',
        parse: number({ what: 'value', min: SERVQUAL_SCALE.min, max: SERVQUAL_SCALE.max, rangeNote: 'SERVQUAL scale', missing: 'error' }, file.style),
      },
      source: { name: 'source', type: 'VARCHAR', parse: source },
      n: { name: 'n', type: 'INTEGER', parse: number({ what: 'n', min: 1, integer: true, missing: 'null' }, file.style) },
      note: { name: 'note', type: 'VARCHAR', parse: exactText },
    };
    return (name) => (Object.hasOwn(specs, name) ? specs[name]! : null);
  }

  private duplicates(sheet: Sheet, file: LoadedFile): void {
    const q = sheet.values.get('quarter')!;
    const bank = sheet.values.get('bank') ?? [];
    const measure = sheet.values.get('measure') ?? [];
    const item = sheet.values.get('item') ?? [];
    for (let i = 0; i < sheet.rowCount; i++) {
      const [qi, b, m, it] = [q[i], bank[i], measure[i], item[i]];
      if (typeof qi !== 'string' || typeof b !== 'string' || typeof m !== 'string' || typeof it !== 'number') continue;
      const where = this.firstSeen.check(qi, b, `${m}\u0000${it}`, file, sheet.lines[i]!);
      if (where !== null) {
        rejectRow(sheet, i, 'item', `item ${it} has a second ${m} value for bank ${b} in ${qi} (first at ${where}); keep one value per bank, quarter, measure and item`, String(it));
      }
    }
  }

  /** Rows of a bank and quarter that servqual/*.csv has no questionnaire for. */
  private withoutQuestionnaire(sheet: Sheet, pairs: ReadonlySet<string>): void {
    const q = sheet.values.get('quarter')!;
    const bank = sheet.values.get('bank') ?? [];
    const first = new Map<string, number>();
    for (let i = 0; i < sheet.rowCount; i++) {
      const [qi, b] = [q[i], bank[i]];
      if (typeof qi !== 'string' || typeof b !== 'string') continue;
      const key = servqualPair(b, qi);
      if (pairs.has(key)) continue;
      const line = first.get(key);
      if (line === undefined) {
        first.set(key, sheet.lines[i]!);
        rejectRow(
          sheet,
          i,
          'bank',
          `bank ${b} has provider measures for ${qi} but servqual/*.csv has no questionnaire for that bank and quarter; gaps 2–4 are measured against the questionnaire's items`,
          b,
        );
      } else {
        rejectRow(sheet, i, 'bank', `bank ${b} has no questionnaire for ${qi} in servqual/*.csv (see line ${line})`, b);
      }
    }
  }

  add(file: LoadedFile): void {
    const { ctx } = this;
    const fileQuarter = quarterFromFileName(file.name);
    const sheet = sheetOf(file, {
      required: ['bank', 'measure', 'item', 'value', 'source', ...(fileQuarter ? [] : ['quarter'])],
      resolve: this.resolve(file, fileQuarter),
      missingHint: (name) =>
        name === 'quarter'
          ? 'add a quarter column (e.g. 2025Q3), or start the file name with the quarter (e.g. 2025Q3.csv)'
          : name === 'source'
            ? `every provider measure needs its source: ${SOURCE_HINT}`
            : undefined,
    });
    if (!ctx.banks) failFile(file, sheet, 'banks.csv is missing: servqual_provider files need it to check the bank column');
    if (!ctx.servqualPairs) {
      failFile(
        file,
        sheet,
        "servqual/*.csv is missing: provider measures (gaps 2–4) are compared with the SERVQUAL questionnaire's items and its managers' expectations; add the questionnaires of the same banks and quarters",
      );
    }
    this.files.push(file);
    if (!sheet) {
      this.parts.push({ rows: 0, values: {} });
      return;
    }
    if (!sheet.values.has('quarter')) sheet.values.set('quarter', new Array<CellValue>(sheet.rowCount).fill(fileQuarter));
    this.duplicates(sheet, file);
    if (ctx.servqualPairs) this.withoutQuestionnaire(sheet, ctx.servqualPairs);
    settle(file, sheet);
    const values = compact(sheet, INPUT);
    values.source_file = new Array<CellValue>(file.rowsLoaded).fill(file.rel);
    this.parts.push({ rows: file.rowsLoaded, values });
  }

  table(): CheckedTable {
    return buildTable('servqual_provider', COLUMNS, this.files, this.parts);
  }
}

export const servqualProviderKind: FileKind = {
  kind: 'servqual_provider',
  folder: 'servqual_provider',
  doc: 'the provider\'s measures: managers\' perceptions, specifications, delivery and promises',
  after: ['banks', 'servqual_items', 'servqual'],
  isColumn: isServqualProviderColumn,
  checker: (ctx) => new ServqualProviderCheck(ctx),
  // A team that measures only gap 5 still gets the gap page: the provider side is empty, not absent.
  absent: (ctx, present) => (present('servqual') ? new ServqualProviderCheck(ctx).table() : null),
};
