/**
 * Shapes shared by the file-kind rules: a file as read from disk, the ids other files may
 * reference, and the helpers that turn checked sheets into tables and reports.
 */
import type { NumberStyle } from './cells.ts';
import type { LineEnding } from './dialect.ts';
import type { IssueSink } from './issues.ts';
import type { ParsedCsv } from './parse.ts';
import { checkSheet, rowCounts, type Sheet, type SheetSpec } from './sheet.ts';
import type { CellValue, CheckedTable, FileOrigin, FileReport, TableColumn, WeightingReport } from './types.ts';

export interface LoadedFile {
  /** Relative to the data folder, forward slashes: `survey/2025Q3.csv`. */
  rel: string;
  /** As shown to the user: the folder as typed plus `rel`. */
  display: string;
  /** File name without folders. */
  name: string;
  encoding: string;
  delimiter: string;
  lineEnding: LineEnding;
  /** null when the file could not be decoded or split into columns. */
  parsed: ParsedCsv | null;
  style: NumberStyle;
  sink: IssueSink;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Unknown columns the data folder declares ignored for this file's kind (ignored-columns.txt). */
  ignoredColumns?: ReadonlySet<string>;
  /** Set when the file is a survey-platform export or a workbook: where it came from and its mapping. */
  origin?: FileOrigin;
}

export interface AttributeInfo {
  id: string;
  /** Position in attributes.csv: the column order of the survey table. */
  index: number;
  /** null when the attribute's own row has an invalid scale. */
  min: number | null;
  max: number | null;
  naNumbers: Set<number>;
  naStrings: Set<string>;
}

export interface StageInfo {
  id: string;
  order: number;
}

export interface ServqualItem {
  item_id: number;
  dimension: string;
  label_zh: string;
  label_en: string;
}

/** Ids defined by files checked earlier; null when the defining file is absent. */
export interface DataContext {
  banks: Set<string> | null;
  /** banks.csv's names (lower-case) → bank_id, for messages about a name written where an id belongs. */
  bankNames: Map<string, string> | null;
  attributes: Map<string, AttributeInfo> | null;
  stages: Map<string, StageInfo> | null;
  /** Task ids of tasks.csv in their `order`: the survey's pref_ columns, in this order. */
  tasks: string[] | null;
  /** Channel ids of channels.csv in their `order`: what `channel` and pref_ values must be. */
  channels: string[] | null;
  /** Segment ids of segments.csv in their `order`: what the survey's `segment` must be. */
  segments: string[] | null;
  metricIds: Set<string> | null;
  servqualItems: ServqualItem[] | null;
  /**
   * The bank and quarter pairs that servqual/*.csv has questionnaires for (as `servqualPair`
   * keys); null when there are no servqual files. Provider measures must fall on one of them.
   */
  servqualPairs: Set<string> | null;
  /** How each bank and quarter was raked to weighting/ targets; null without targets. */
  weighting: WeightingReport[] | null;
}

/** A context with no reference file read yet. */
export function emptyContext(): DataContext {
  return {
    banks: null,
    bankNames: null,
    attributes: null,
    stages: null,
    tasks: null,
    channels: null,
    segments: null,
    metricIds: null,
    servqualItems: null,
    servqualPairs: null,
    weighting: null,
  };
}

/** Key of a bank and quarter in `DataContext.servqualPairs`. */
export function servqualPair(bank: string, quarter: string): string {
  return `${quarter}\u0000${bank}`;
}

export const DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

/** Runs the shared sheet checks, or returns null when the file could not be parsed at all. */
export function sheetOf(file: LoadedFile, spec: SheetSpec): Sheet | null {
  if (!file.parsed) return null;
  return checkSheet(file.parsed, file.ignoredColumns ? { ...spec, ignored: file.ignoredColumns } : spec, file.sink);
}

/** Records the row counts of a checked file (all zero when it could not be read). */
export function settle(file: LoadedFile, sheet: Sheet | null): void {
  if (!sheet) return;
  const c = rowCounts(sheet);
  file.rowsRead = c.rowsRead;
  file.rowsLoaded = c.rowsLoaded;
  file.rowsRejected = c.rowsRejected;
}

/** Concatenates per-file column parts into one table; a part lacking a column contributes nulls. */
export function buildTable(name: string, columns: TableColumn[], files: LoadedFile[], parts: { rows: number; values: Record<string, CellValue[]> }[]): CheckedTable {
  const total = parts.reduce((s, p) => s + p.rows, 0);
  const values: Record<string, CellValue[]> = {};
  for (const col of columns) {
    const only = parts.length === 1 ? parts[0]!.values[col.name] : undefined;
    if (only && only.length === total) {
      values[col.name] = only;
      continue;
    }
    const out: CellValue[] = new Array(total);
    let k = 0;
    for (const p of parts) {
      const src = p.values[col.name];
      if (src) for (let i = 0; i < p.rows; i++) out[k++] = src[i]!;
      else for (let i = 0; i < p.rows; i++) out[k++] = null;
    }
    values[col.name] = out;
  }
  return { name, columns, values, rowCount: total, files: files.map((f) => f.rel) };
}

export function toReport(file: LoadedFile, table: string): FileReport {
  return {
    file: file.display,
    table,
    encoding: file.encoding,
    delimiter: file.delimiter,
    lineEnding: file.lineEnding,
    rowsRead: file.rowsRead,
    rowsLoaded: file.rowsLoaded,
    rowsRejected: file.rowsRejected,
    issues: file.sink.issues(),
    errorCount: file.sink.errorCount,
    warningCount: file.sink.warningCount,
    ...(file.origin ? { origin: file.origin } : {}),
  };
}

/** A whole file fails for a reason outside its rows (a file it depends on is missing). */
export function failFile(file: LoadedFile, sheet: Sheet | null, message: string): void {
  file.sink.error(message);
  if (sheet) sheet.headerFailed = true;
}
