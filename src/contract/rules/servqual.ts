/**
 * servqual/*.csv: SERVQUAL questionnaires, wide as exported: expectations e01…, perceptions p01…
 * (customers only), an optional survey weight and optional importance points w_<dimension> that
 * sum to 100. The bank and quarter pairs seen here are recorded for servqual_provider/*.csv.
 */
import { number, oneOf, quarter, quarterFromFileName, reference, requiredText, slug, type CellParser } from '../cells.ts';
import { buildTable, DIMENSIONS, failFile, servqualPair, settle, sheetOf, type DataContext, type LoadedFile, type ServqualItem } from '../context.ts';
import { compact, rejectRow, type ColumnResolution, type ColumnSpec, type Sheet } from '../sheet.ts';
import type { CellValue, CheckedTable, TableColumn } from '../types.ts';
import { FirstOccurrences } from './common.ts';
import { itemColumn } from './servqual_items.ts';
import type { FileKind } from '../kind.ts';

export const SERVQUAL_SCALE = { min: 1, max: 7 };
const WEIGHTS = DIMENSIONS.map((d) => `w_${d}`);
const FIXED = ['respondent_id', 'quarter', 'bank', 'role'];

export const isServqualColumn = (name: string): boolean =>
  FIXED.includes(name) || name === 'weight' || WEIGHTS.includes(name) || /^[ep]\d{1,2}$/.test(name);

function itemIdOf(name: string): number | null {
  if (name.length < 2 || name.length > 3 || (name[0] !== 'e' && name[0] !== 'p')) return null;
  const digits = name.slice(1);
  for (const ch of digits) if (ch < '0' || ch > '9') return null;
  return Number(digits);
}

export class ServqualCheck {
  private readonly ctx: DataContext;
  private readonly items: ServqualItem[];
  private readonly files: LoadedFile[] = [];
  private readonly parts: { rows: number; values: Record<string, CellValue[]> }[] = [];
  private readonly firstSeen = new FirstOccurrences();
  /** Bank and quarter pairs with at least one questionnaire (`servqualPair` keys). */
  readonly pairs = new Set<string>();

  constructor(ctx: DataContext, items: ServqualItem[]) {
    this.ctx = ctx;
    this.items = items;
  }

  private resolve(file: LoadedFile, fileQuarter: string | null): (name: string) => ColumnResolution {
    const style = file.style;
    const ids = new Set(this.items.map((i) => i.item_id));
    const rating = (name: string): CellParser =>
      number({ what: name, min: SERVQUAL_SCALE.min, max: SERVQUAL_SCALE.max, rangeNote: 'SERVQUAL scale', missing: 'null' }, style);
    const fixed: Record<string, ColumnSpec> = {
      respondent_id: { name: 'respondent_id', type: 'VARCHAR', parse: requiredText('respondent_id') },
      quarter: { name: 'quarter', type: 'VARCHAR', parse: quarter(fileQuarter) },
      bank: { name: 'bank', type: 'VARCHAR', parse: this.ctx.banks ? reference('bank', this.ctx.banks, 'banks.csv') : slug('bank') },
      role: { name: 'role', type: 'VARCHAR', parse: oneOf('role', ['customer', 'manager'], false) },
      weight: { name: 'weight', type: 'DOUBLE', parse: number({ what: 'weight', min: 0, exclusiveMin: true, missing: 1 }, style) },
    };
    for (const w of WEIGHTS) {
      fixed[w] = { name: w, type: 'DOUBLE', parse: number({ what: w, min: 0, max: 100, missing: 'null' }, style) };
    }
    return (name) => {
      if (Object.hasOwn(fixed, name)) return fixed[name]!;
      const id = itemIdOf(name);
      if (id === null) return null;
      const prefix = name[0] as 'e' | 'p';
      if (!ids.has(id)) {
        return { error: `item ${id} is not a SERVQUAL item (${this.items.length === 22 ? 'the standard items are 01–22' : 'see servqual_items.csv'})` };
      }
      const canonical = itemColumn(prefix, id);
      return { name: canonical, type: 'DOUBLE', parse: rating(canonical) };
    };
  }

  private rowRules(sheet: Sheet): void {
    const role = sheet.values.get('role') ?? [];
    const pCols = this.items.map((it) => itemColumn('p', it.item_id)).filter((c) => sheet.values.has(c));
    const weights = WEIGHTS.map((w) => sheet.values.get(w));
    const hasWeights = weights.some((w) => w !== undefined);
    for (let i = 0; i < sheet.rowCount; i++) {
      if (role[i] === 'manager') {
        for (const c of pCols) {
          if (sheet.values.get(c)![i] !== null) {
            rejectRow(sheet, i, c, `${c} must be empty for role manager: managers answer the expectation items (e) only, as they believe customers would`);
          }
        }
      }
      if (hasWeights) {
        const w = weights.map((col) => (col ? col[i] : null));
        const given = w.filter((x) => typeof x === 'number') as number[];
        if (given.length > 0 && given.length < WEIGHTS.length) {
          const missing = WEIGHTS.filter((_n, k) => typeof w[k] !== 'number');
          rejectRow(sheet, i, missing[0]!, `importance points are incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty; give all five dimensions, or none`);
        } else if (given.length === WEIGHTS.length) {
          const sum = given.reduce((s, x) => s + x, 0);
          if (Math.abs(sum - 100) > 0.5) {
            rejectRow(sheet, i, 'w_tangibles', `importance points w_tangibles…w_empathy sum to ${Math.round(sum * 100) / 100}; they must sum to 100 (± 0.5)`);
          }
        }
      }
    }
  }

  private duplicates(sheet: Sheet, file: LoadedFile): void {
    const ids = sheet.values.get('respondent_id');
    const banks = sheet.values.get('bank');
    const quarters = sheet.values.get('quarter');
    const roles = sheet.values.get('role');
    if (!ids || !banks || !quarters || !roles) return;
    for (let i = 0; i < sheet.rowCount; i++) {
      const [id, bank, q, role] = [ids[i], banks[i], quarters[i], roles[i]];
      if (typeof id !== 'string' || typeof bank !== 'string' || typeof q !== 'string' || typeof role !== 'string') continue;
      const where = this.firstSeen.check(q, bank, `${role}\u0000${id}`, file, sheet.lines[i]!);
      if (where !== null) {
        rejectRow(sheet, i, 'respondent_id', `respondent_id ${id} appears twice for bank ${bank}, role ${role} in ${q} (first at ${where}); respondent ids must be unique within a wave and bank`, id);
      }
    }
  }

  /**
   * Every row whose bank and quarter parsed counts, even one rejected for another reason: its
   * error is already reported, and provider measures for that bank and quarter would only get a
   * second, misleading one.
   */
  private recordPairs(sheet: Sheet): void {
    const banks = sheet.values.get('bank');
    const quarters = sheet.values.get('quarter');
    if (!banks || !quarters) return;
    let lastBank: CellValue = null;
    let lastQuarter: CellValue = null;
    for (let i = 0; i < sheet.rowCount; i++) {
      const bank = banks[i];
      const q = quarters[i];
      if (typeof bank !== 'string' || typeof q !== 'string' || (bank === lastBank && q === lastQuarter)) continue;
      this.pairs.add(servqualPair(bank, q));
      lastBank = bank;
      lastQuarter = q;
    }
  }

  add(file: LoadedFile): void {
    const fileQuarter = quarterFromFileName(file.name);
    const required = ['respondent_id', 'bank', 'role', ...(fileQuarter ? [] : ['quarter']), ...this.items.map((it) => itemColumn('e', it.item_id))];
    const sheet = sheetOf(file, {
      required,
      resolve: this.resolve(file, fileQuarter),
      missingHint: (name) =>
        name === 'quarter'
          ? 'add a quarter column (e.g. 2025Q3), or start the file name with the quarter (e.g. 2025Q3_servqual.csv)'
          : name.startsWith('e')
            ? 'every SERVQUAL item needs its expectation column'
            : undefined,
    });
    if (!this.ctx.banks) failFile(file, sheet, 'banks.csv is missing: servqual files need it to check the bank column');
    this.files.push(file);
    if (!sheet) {
      this.parts.push({ rows: 0, values: {} });
      return;
    }
    const presentWeights = WEIGHTS.filter((w) => sheet.values.has(w));
    if (presentWeights.length > 0 && presentWeights.length < WEIGHTS.length) {
      const missing = WEIGHTS.filter((w) => !sheet.values.has(w));
      sheet.sink.error(`importance point columns are incomplete: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; give all five w_ columns, or none`, {
        line: 1,
        column: missing[0]!,
      });
      sheet.headerFailed = true;
    }
    if (!sheet.values.has('quarter')) sheet.values.set('quarter', new Array<CellValue>(sheet.rowCount).fill(fileQuarter));
    this.rowRules(sheet);
    this.duplicates(sheet, file);
    this.recordPairs(sheet);
    settle(file, sheet);
    const values = compact(sheet, [...sheet.values.keys()]);
    values.source_file = new Array<CellValue>(file.rowsLoaded).fill(file.rel);
    this.parts.push({ rows: file.rowsLoaded, values });
  }

  table(): CheckedTable {
    const columns: TableColumn[] = [
      ...FIXED.map((name): TableColumn => ({ name, type: 'VARCHAR' })),
      { name: 'weight', type: 'DOUBLE' },
      ...this.items.map((it): TableColumn => ({ name: itemColumn('e', it.item_id), type: 'DOUBLE' })),
      ...this.items.map((it): TableColumn => ({ name: itemColumn('p', it.item_id), type: 'DOUBLE' })),
      ...WEIGHTS.map((name): TableColumn => ({ name, type: 'DOUBLE' })),
      { name: 'source_file', type: 'VARCHAR' },
    ];
    return buildTable('servqual', columns, this.files, this.parts);
  }
}

export const servqualKind: FileKind = {
  kind: 'servqual',
  folder: 'servqual',
  doc: 'SERVQUAL questionnaires: expectation and perception per item',
  after: ['banks', 'servqual_items'],
  isColumn: isServqualColumn,
  checker(ctx) {
    const check = new ServqualCheck(ctx, ctx.servqualItems ?? []);
    return {
      add: (file) => check.add(file),
      table() {
        // Provider measures must fall on a bank and quarter with questionnaires.
        ctx.servqualPairs = check.pairs;
        return check.table();
      },
    };
  },
};
