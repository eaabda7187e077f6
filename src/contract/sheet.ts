/**
 * The part every file kind shares once a file is parsed: map the header to column specs, check
 * required and duplicate columns, parse every cell column by column, reject rows with any error,
 * and compact the accepted rows into column-major values. File kinds add their cross-field and
 * cross-file rules between `checkSheet` and `compact`.
 */
import { distance } from 'fastest-levenshtein';
import { CellError, type CellParser } from './cells.ts';
import type { IssueSink } from './issues.ts';
import { showValue } from './issues.ts';
import type { ParsedCsv } from './parse.ts';
import type { CellValue, ColumnType } from './types.ts';

export interface ColumnSpec {
  /** Canonical column name, as it appears in the loaded table. */
  name: string;
  type: ColumnType;
  parse: CellParser;
}

/** What a file kind says about one header name (already trimmed and lower-cased). */
export type ColumnResolution = ColumnSpec | { error: string } | null;

export interface SheetSpec {
  required: readonly string[];
  /** null → unknown column, ignored with a warning. */
  resolve: (name: string) => ColumnResolution;
  /** Extra text for a missing required column (e.g. how the quarter can come from the file name). */
  missingHint?: (name: string) => string | undefined;
  /**
   * The kind's contract columns (for this data folder): an unknown column one edit away from one of
   * them is a typo that would leave the contract column empty, so it is an error, not a warning.
   */
  known?: readonly string[];
  /** Unknown columns the data folder declares ignored (data/ignored-columns.txt): no warning, no error. */
  ignored?: ReadonlySet<string>;
}

/** The contract column an unknown header is one edit (insert, delete, replace) away from, if any. */
export function oneEditAway(name: string, known: readonly string[]): string | undefined {
  return known.find((k) => Math.abs(k.length - name.length) <= 1 && distance(k, name) === 1);
}

export interface Sheet {
  rowCount: number;
  lines: number[];
  /** 1 = rejected. */
  rejected: Uint8Array;
  /** True when the header itself is broken: every row is rejected, but cells are still checked. */
  headerFailed: boolean;
  /** Parsed values per canonical column name (all rows, null where the cell failed). */
  values: Map<string, CellValue[]>;
  /** Header position of each canonical column, for ordering issues and naming columns. */
  position: Map<string, number>;
  /** The header as written in the file. */
  header: string[];
  sink: IssueSink;
}

/** How the report words an ignored unknown column (the build reads it back to catch renamed columns). */
export const UNKNOWN_COLUMN = 'unknown column';

export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase();
}

export function checkSheet(parsed: ParsedCsv, spec: SheetSpec, sink: IssueSink): Sheet {
  const { header, records, lines } = parsed;
  const n = records.length;
  const rejected = new Uint8Array(n);
  let headerFailed = false;
  const values = new Map<string, CellValue[]>();
  const position = new Map<string, number>();
  const specs: (ColumnSpec | null)[] = [];

  for (const p of parsed.problems) {
    sink.error(p.message, { line: p.line, ...(p.field !== undefined && header[p.field] !== undefined ? { column: header[p.field]!.trim() } : {}) });
  }
  // Rows whose fields cannot be matched to columns are rejected once, without per-cell noise.
  const unreadable = new Uint8Array(n);
  for (const i of parsed.broken) rejected[i] = unreadable[i] = 1;
  for (const i of parsed.flagged ?? []) rejected[i] = 1;
  if (parsed.problems.some((p) => p.line === 1) || parsed.failed) headerFailed = true;

  header.forEach((raw, j) => {
    const name = normalizeHeader(raw);
    specs.push(null);
    if (name === '') {
      sink.warning(`column ${j + 1} has no name in the header; its values are ignored`, { line: 1, columnIndex: j });
      return;
    }
    if (position.has(name)) {
      sink.error(`column ${name} appears twice in the header (columns ${position.get(name)! + 1} and ${j + 1}); keep one`, {
        line: 1,
        column: raw.trim(),
        columnIndex: j,
      });
      headerFailed = true;
      return;
    }
    const r = spec.resolve(name);
    if (r === null) {
      if (spec.ignored?.has(name)) return;
      const near = spec.known && oneEditAway(name, spec.known);
      if (near && !position.has(near) && !header.some((h) => normalizeHeader(h) === near)) {
        sink.error(`unknown column ${showValue(raw.trim())}: did you mean ${near}? Rename it, or list it in ignored-columns.txt in the data folder to ignore it`, {
          line: 1,
          column: raw.trim(),
          columnIndex: j,
        });
        headerFailed = true;
        return;
      }
      sink.warning(`${UNKNOWN_COLUMN} ${showValue(raw.trim())} is ignored`, { line: 1, column: raw.trim(), columnIndex: j });
      return;
    }
    if ('error' in r) {
      sink.error(r.error, { line: 1, column: raw.trim(), columnIndex: j });
      headerFailed = true;
      position.set(name, j);
      return;
    }
    if (position.has(r.name)) {
      sink.error(`column ${raw.trim()} is the same column as column ${position.get(r.name)! + 1} (${r.name}); keep one`, {
        line: 1,
        column: raw.trim(),
        columnIndex: j,
      });
      headerFailed = true;
      return;
    }
    position.set(r.name, j);
    specs[j] = r;
  });

  // A file an earlier stage could not turn into columns at all has said why; no column is "missing".
  const columnless = parsed.failed === true && header.length === 0;
  for (const req of spec.required) {
    if (!position.has(req) && !columnless) {
      const hint = spec.missingHint?.(req);
      sink.error(`required column ${req} is missing from the header${hint ? `; ${hint}` : ''}`, { line: 1, column: req });
      headerFailed = true;
    }
  }

  // Too many or too few fields: the values cannot be matched to columns, so the row is not read further.
  const width = header.length;
  for (let i = 0; i < n; i++) {
    if (rejected[i]) continue;
    const got = records[i]!.length;
    if (got !== width) {
      rejected[i] = unreadable[i] = 1;
      sink.error(
        `the row has ${got} ${got === 1 ? 'field' : 'fields'} but the header has ${width}; ${
          got > width
            ? 'a value probably contains an unquoted delimiter: put double quotes around it'
            : 'a value may be missing, or a line break inside a value is not quoted'
        }`,
        { line: lines[i]!, columnIndex: -1 },
      );
    }
  }

  // Row by row: the records are row-major, and walking them column by column misses the cache.
  const active: number[] = [];
  const parsers: CellParser[] = [];
  const cols: CellValue[][] = [];
  for (let j = 0; j < specs.length; j++) {
    const s = specs[j];
    if (!s) continue;
    active.push(j);
    parsers.push(s.parse);
    const col: CellValue[] = new Array(n).fill(null);
    cols.push(col);
    values.set(s.name, col);
  }
  const m = active.length;
  const reported = parsed.reportedCells;
  for (let i = 0; i < n; i++) {
    if (unreadable[i]) continue;
    const rec = records[i]!;
    for (let k = 0; k < m; k++) {
      const j = active[k]!;
      if (reported !== undefined && reported.has(i * width + j)) continue;
      const v = parsers[k]!(rec[j]!);
      if (v instanceof CellError) {
        rejected[i] = 1;
        sink.error(v.message, { line: lines[i]!, column: header[j]!.trim(), value: rec[j]!, columnIndex: j });
      } else {
        cols[k]![i] = v;
      }
    }
  }

  if (parsed.blankLines.length > 0) {
    const shown = parsed.blankLines.slice(0, 5).join(', ');
    const more = parsed.blankLines.length > 5 ? ` and ${parsed.blankLines.length - 5} more` : '';
    sink.warning(`${parsed.blankLines.length} blank ${parsed.blankLines.length === 1 ? 'line was' : 'lines were'} skipped (line ${shown}${more})`);
  }
  if (n === 0) sink.warning(header.length === 0 ? 'the file is empty' : 'the file has a header but no data rows');

  return { rowCount: n, lines, rejected, headerFailed, values, position, header, sink };
}

/** Reports a row-level error found by a file kind's own rules and rejects the row. */
export function rejectRow(sheet: Sheet, i: number, column: string, message: string, value?: string): void {
  sheet.rejected[i] = 1;
  const j = sheet.position.get(column);
  sheet.sink.error(message, {
    line: sheet.lines[i]!,
    column: j !== undefined ? sheet.header[j]!.trim() : column,
    ...(value !== undefined ? { value } : {}),
    ...(j !== undefined ? { columnIndex: j } : {}),
  });
}

/** Counts of a checked sheet; every row is either loaded or rejected. */
export function rowCounts(sheet: Sheet): { rowsRead: number; rowsLoaded: number; rowsRejected: number } {
  let rejected = 0;
  if (sheet.headerFailed) rejected = sheet.rowCount;
  else for (let i = 0; i < sheet.rowCount; i++) rejected += sheet.rejected[i]!;
  return { rowsRead: sheet.rowCount, rowsLoaded: sheet.rowCount - rejected, rowsRejected: rejected };
}

/** Accepted rows of the given columns; a column the file lacks comes out as nulls. */
export function compact(sheet: Sheet, columns: readonly string[], fill: Record<string, CellValue> = {}): Record<string, CellValue[]> {
  const out: Record<string, CellValue[]> = {};
  if (sheet.headerFailed) {
    for (const c of columns) out[c] = [];
    return out;
  }
  const keep: number[] = [];
  for (let i = 0; i < sheet.rowCount; i++) if (!sheet.rejected[i]) keep.push(i);
  const all = keep.length === sheet.rowCount;
  for (const c of columns) {
    const src = sheet.values.get(c);
    if (src && all) {
      // Nothing rejected: hand the parsed column over instead of copying a large array.
      out[c] = src;
      continue;
    }
    const dst: CellValue[] = new Array(keep.length);
    if (src) for (let k = 0; k < keep.length; k++) dst[k] = src[keep[k]!]!;
    else dst.fill(Object.hasOwn(fill, c) ? fill[c]! : null);
    out[c] = dst;
  }
  return out;
}
