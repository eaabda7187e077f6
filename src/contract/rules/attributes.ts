/** attributes.csv: the rated service attributes (touchpoints) and their rating scales. */
import { CellError, type CellParser, number, oneOf, optionalText, reference, requiredText, slug, tidy, toNumber } from '../cells.ts';
import { buildTable, DIMENSIONS, settle, sheetOf, type AttributeInfo, type LoadedFile, type StageInfo } from '../context.ts';
import { showValue } from '../issues.ts';
import { compact, rejectRow } from '../sheet.ts';
import type { CheckedTable } from '../types.ts';
import { fixedColumns, tableColumns, uniqueIds, type ColumnDef } from './common.ts';
import type { FileKind } from '../kind.ts';

/** `0;99` → the codes, each trimmed; stored back in this normal form. */
function splitCodes(raw: string): string[] {
  return raw
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

const naCodes: CellParser = (raw) => {
  const codes = splitCodes(tidy(raw));
  return codes.length === 0 ? null : codes.join(';');
};

function stageRef(stages: Map<string, StageInfo> | null): CellParser {
  if (stages === null) {
    return (raw) =>
      tidy(raw) === '' ? null : new CellError(`stage_id ${showValue(tidy(raw))} cannot be checked because stages.csv is missing; add stages.csv or leave stage_id empty`);
  }
  const ref = reference('stage_id', new Set(stages.keys()), 'stages.csv');
  return (raw) => (tidy(raw) === '' ? null : ref(raw));
}

function columns(stages: Map<string, StageInfo> | null, decimalComma: boolean): ColumnDef[] {
  const style = { decimalComma };
  return [
    { name: 'attribute_id', type: 'VARCHAR', parse: slug('attribute_id'), required: true },
    { name: 'label_zh', type: 'VARCHAR', parse: requiredText('label_zh'), required: true },
    { name: 'label_en', type: 'VARCHAR', parse: requiredText('label_en'), required: true },
    { name: 'stage_id', type: 'VARCHAR', parse: stageRef(stages) },
    { name: 'dimension', type: 'VARCHAR', parse: oneOf('dimension', DIMENSIONS, true) },
    { name: 'scale_min', type: 'DOUBLE', parse: number({ what: 'scale_min', missing: 'error' }, style), required: true },
    { name: 'scale_max', type: 'DOUBLE', parse: number({ what: 'scale_max', missing: 'error' }, style), required: true },
    { name: 'na_codes', type: 'VARCHAR', parse: naCodes },
  ];
}

const NAMES = columns(null, false).map((c) => c.name);
export const isAttributesColumn = (name: string): boolean => NAMES.includes(name);

export function checkAttributes(
  file: LoadedFile,
  stages: Map<string, StageInfo> | null,
): { table: CheckedTable; attributes: Map<string, AttributeInfo> } {
  const defs = columns(stages, file.style.decimalComma);
  const sheet = sheetOf(file, fixedColumns(defs));
  const ids = uniqueIds(sheet, 'attribute_id', 'attribute_id');
  const attributes = new Map<string, AttributeInfo>();
  if (sheet) {
    const id = sheet.values.get('attribute_id') ?? [];
    const min = sheet.values.get('scale_min') ?? [];
    const max = sheet.values.get('scale_max') ?? [];
    const na = sheet.values.get('na_codes') ?? [];
    for (let i = 0; i < sheet.rowCount; i++) {
      const a = id[i];
      let lo = typeof min[i] === 'number' ? (min[i] as number) : null;
      let hi = typeof max[i] === 'number' ? (max[i] as number) : null;
      if (lo !== null && hi !== null && !(lo < hi)) {
        rejectRow(sheet, i, 'scale_max', `scale_max ${hi} must be greater than scale_min ${lo}`, String(hi));
        lo = hi = null;
      }
      const naNumbers = new Set<number>();
      const naStrings = new Set<string>();
      if (typeof na[i] === 'string') {
        for (const code of splitCodes(na[i] as string)) {
          const v = toNumber(code, file.style);
          if (v !== v) naStrings.add(code);
          else if (lo !== null && hi !== null && v >= lo && v <= hi) {
            rejectRow(
              sheet,
              i,
              'na_codes',
              `NA code ${code} lies inside the scale ${lo}–${hi}, so a real rating would be read as missing; use a code outside the scale (e.g. 0 or 99)`,
              na[i] as string,
            );
          } else naNumbers.add(v);
        }
      }
      if (typeof a === 'string' && ids.has(a) && !attributes.has(a)) {
        attributes.set(a, { id: a, index: attributes.size, min: lo, max: hi, naNumbers, naStrings });
      }
    }
  }
  settle(file, sheet);
  const parts = sheet ? [{ rows: file.rowsLoaded, values: compact(sheet, NAMES) }] : [];
  return { table: buildTable('attributes', tableColumns(defs), [file], parts), attributes };
}

export const attributesKind: FileKind = {
  kind: 'attributes',
  file: 'attributes.csv',
  doc: 'the rated attributes, their scales and stages',
  after: ['stages'],
  isColumn: isAttributesColumn,
  check(file, ctx) {
    const r = checkAttributes(file, ctx.stages);
    ctx.attributes = r.attributes;
    return r.table;
  },
};
