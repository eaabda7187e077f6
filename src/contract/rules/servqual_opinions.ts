/**
 * servqual_opinions.csv: qualitative opinions of customers, staff and managers, each coded with
 * the gap of the SERVQUAL model it speaks to (1 knowledge … 5 customer gap). Optional; the text
 * is loaded byte for byte, like survey comments.
 */
import { CellError, number, oneOf, optionalText, quarterOf, reference, tidy, isMissingMarker, type CellParser } from '../cells.ts';
import { buildTable, DIMENSIONS, emptyContext, settle, sheetOf, type DataContext, type LoadedFile } from '../context.ts';
import { showValue } from '../issues.ts';
import { compact } from '../sheet.ts';
import type { CheckedTable } from '../types.ts';
import { fixedColumns, tableColumns, uniqueIds, type ColumnDef } from './common.ts';
import type { FileKind } from '../kind.ts';

export const OPINION_ROLES = ['customer', 'staff', 'manager'] as const;

/** Any text, byte for byte; only an empty (or all-blank) cell is an error. */
const text: CellParser = (raw) => (tidy(raw) === '' ? new CellError('text is required: the opinion as said or written') : raw);

const optionalQuarter: CellParser = (raw) => {
  const t = tidy(raw);
  if (isMissingMarker(t)) return null;
  const q = quarterOf(t) ?? quarterOf(t.toUpperCase());
  return q ?? new CellError(`quarter ${showValue(t)} is not in the form YYYYQn (e.g. 2025Q3, quarter 1–4)`);
};

function bankRef(banks: Set<string> | null): CellParser {
  if (banks === null) {
    return (raw) =>
      isMissingMarker(tidy(raw)) ? null : new CellError(`bank ${showValue(tidy(raw))} cannot be checked because banks.csv is missing; add banks.csv or leave bank empty`);
  }
  const ref = reference('bank', banks, 'banks.csv');
  return (raw) => (isMissingMarker(tidy(raw)) ? null : ref(raw));
}

function columns(ctx: DataContext): ColumnDef[] {
  return [
    { name: 'opinion_id', type: 'VARCHAR', parse: optionalText },
    { name: 'gap', type: 'INTEGER', parse: number({ what: 'gap', min: 1, max: 5, integer: true, rangeNote: 'the five gaps of the SERVQUAL model', missing: 'error' }), required: true },
    { name: 'role', type: 'VARCHAR', parse: oneOf('role', OPINION_ROLES, false), required: true },
    { name: 'bank', type: 'VARCHAR', parse: bankRef(ctx.banks) },
    { name: 'quarter', type: 'VARCHAR', parse: optionalQuarter },
    { name: 'dimension', type: 'VARCHAR', parse: oneOf('dimension', DIMENSIONS, true) },
    { name: 'text', type: 'VARCHAR', parse: text, required: true },
  ];
}

const NAMES = columns(emptyContext()).map((c) => c.name);
export const isServqualOpinionsColumn = (name: string): boolean => NAMES.includes(name);

export function checkServqualOpinions(file: LoadedFile, ctx: DataContext): { table: CheckedTable } {
  const defs = columns(ctx);
  const sheet = sheetOf(file, fixedColumns(defs));
  uniqueIds(sheet, 'opinion_id', 'opinion_id');
  settle(file, sheet);
  const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, NAMES) }] : [];
  return { table: buildTable('servqual_opinions', tableColumns(defs), [file], parts) };
}

/** The table without a file: gap pages can still read it (and say that no opinions were coded). */
export function emptyServqualOpinions(ctx: DataContext): CheckedTable {
  return buildTable('servqual_opinions', tableColumns(columns(ctx)), [], []);
}

export const servqualOpinionsKind: FileKind = {
  kind: 'servqual_opinions',
  file: 'servqual_opinions.csv',
  doc: 'what customers, staff and managers said, coded by gap',
  after: ['banks'],
  isColumn: isServqualOpinionsColumn,
  check: (file, ctx) => checkServqualOpinions(file, ctx).table,
  absent: (ctx, present) => (present('servqual') ? emptyServqualOpinions(ctx) : null),
};
