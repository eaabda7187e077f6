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
