/**
 * segments.csv: the customer segments with their labels in both languages (mass, affluent, SMEs, …).
 * When present, the survey's `segment` must be one of its ids; when absent, the report still gets a
 * `segments` table, derived from the survey's segments and labelled with their ids, so pages can
 * always show a segment by its label.
 */
import type { CellValue } from '../types.ts';
import type { LoadedFile } from '../context.ts';
import type { CheckedTable } from '../types.ts';
import { labelledList } from './labelled-list.ts';
import type { FileKind } from '../kind.ts';

const SEGMENTS = labelledList('segments', 'segment_id');

export const isSegmentsColumn = SEGMENTS.isColumn;

export function checkSegments(file: LoadedFile): { table: CheckedTable; segments: string[] } {
  const { table, ids } = SEGMENTS.check(file);
  return { table, segments: ids };
}

/** The segments the survey uses, in text order, each labelled with its own id (no segments.csv). */
export function segmentsFromSurvey(survey: CheckedTable | undefined): CheckedTable {
  const ids = [...new Set((survey?.values.segment ?? []).filter((v): v is string => typeof v === 'string'))].sort();
  const values: Record<string, CellValue[]> = { segment_id: ids, label_zh: ids, label_en: ids, order: ids.map(() => null) };
  return { name: 'segments', columns: SEGMENTS.columns, values, rowCount: ids.length, files: [] };
}

/** The one segment of a survey that records none: every respondent is in it. */
export const ALL_CUSTOMERS = { segment_id: 'all', label_zh: '全部客户', label_en: 'All customers' } as const;

/**
 * A survey without any segment (the column is optional) is one segment, "all customers": every
 * respondent gets `all`, and the segments table lists it, so pages that show or filter by segment
 * show that one segment instead of dropping every respondent.
 */
export function withAllCustomersSegment(survey: CheckedTable, segments: CheckedTable | undefined): CheckedTable | null {
  if (survey.values.segment?.some((v) => v !== null)) return null;
  survey.values.segment = new Array<CellValue>(survey.rowCount).fill(ALL_CUSTOMERS.segment_id);
  const base = segments ?? { name: 'segments', columns: SEGMENTS.columns, values: { segment_id: [], label_zh: [], label_en: [], order: [] }, rowCount: 0, files: [] };
  if (base.values.segment_id!.includes(ALL_CUSTOMERS.segment_id)) return base;
  const values: Record<string, CellValue[]> = {};
  for (const c of base.columns) {
    const add: CellValue = c.name in ALL_CUSTOMERS ? ALL_CUSTOMERS[c.name as keyof typeof ALL_CUSTOMERS] : c.name === 'order' ? 0 : null;
    values[c.name] = [add, ...(base.values[c.name] ?? new Array<CellValue>(base.rowCount).fill(null))];
  }
  return { ...base, values, rowCount: base.rowCount + 1 };
}

export const segmentsKind: FileKind = {
  kind: 'segments',
  file: 'segments.csv',
  doc: 'the customer segments, labelled',
  after: [],
  isColumn: isSegmentsColumn,
  check(file, ctx) {
    const r = checkSegments(file);
    ctx.segments = r.segments;
    return r.table;
  },
};
