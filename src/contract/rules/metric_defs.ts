/** metric_defs.csv: what each metric is, its unit, and which direction is better. */
import { formatSpecifier } from 'd3';
import { CellError, oneOf, optionalText, requiredText, slug, tidy, type CellParser } from '../cells.ts';
import { buildTable, settle, sheetOf, type LoadedFile } from '../context.ts';
import { showValue } from '../issues.ts';
import { compact } from '../sheet.ts';
import type { CheckedTable } from '../types.ts';
import { fixedColumns, tableColumns, uniqueIds, type ColumnDef } from './common.ts';
import type { FileKind } from '../kind.ts';

const D3_TYPES = new Set(['', 'e', 'f', 'g', 'r', 's', '%', 'p', 'b', 'o', 'd', 'x', 'X', 'c', 'n']);

/** d3 silently treats an unknown type letter as "g", so the type is checked here too. */
const d3Format: CellParser = (raw) => {
  const t = tidy(raw);
  if (t === '') return null;
  try {
    const spec = formatSpecifier(t);
    if (D3_TYPES.has(spec.type)) return t;
  } catch {
    // fall through to the error below
  }
  return new CellError(`format ${showValue(t)} is not a d3-format specifier (e.g. .1f, .0%, ,.0f, +.1f)`);
};

const COLUMNS: ColumnDef[] = [
  { name: 'metric_id', type: 'VARCHAR', parse: slug('metric_id'), required: true },
  { name: 'label_zh', type: 'VARCHAR', parse: requiredText('label_zh'), required: true },
  { name: 'label_en', type: 'VARCHAR', parse: requiredText('label_en'), required: true },
  // The unit in each language (`unit_zh` 分钟, `unit_en` minutes); `unit` is the one-language
  // fallback, kept valid for data written before, and shown in both editions when no unit_zh/unit_en.
  { name: 'unit', type: 'VARCHAR', parse: optionalText },
  { name: 'unit_zh', type: 'VARCHAR', parse: optionalText },
  { name: 'unit_en', type: 'VARCHAR', parse: optionalText },
  { name: 'direction', type: 'VARCHAR', parse: oneOf('direction', ['higher_better', 'lower_better', 'neutral'], false), required: true },
  { name: 'format', type: 'VARCHAR', parse: d3Format },
  // Optional grouping for pages (e.g. digital / service / network), in both languages.
  { name: 'group_zh', type: 'VARCHAR', parse: optionalText },
  { name: 'group_en', type: 'VARCHAR', parse: optionalText },
];

export const isMetricDefsColumn = (name: string): boolean => COLUMNS.some((c) => c.name === name);

export function checkMetricDefs(file: LoadedFile): { table: CheckedTable; ids: Set<string> } {
  const sheet = sheetOf(file, fixedColumns(COLUMNS));
  const ids = uniqueIds(sheet, 'metric_id', 'metric_id');
  settle(file, sheet);
  const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, COLUMNS.map((c) => c.name)) }] : [];
  return { table: buildTable('metric_defs', tableColumns(COLUMNS), [file], parts), ids };
}

export const metricDefsKind: FileKind = {
  kind: 'metric_defs',
  file: 'metric_defs.csv',
  doc: 'the operating metrics, their units and directions',
  after: [],
  isColumn: isMetricDefsColumn,
  check(file, ctx) {
    const r = checkMetricDefs(file);
    ctx.metricIds = r.ids;
    return r.table;
  },
};
