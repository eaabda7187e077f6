/**
 * Rules several file kinds share: id uniqueness and the column-spec tables the kinds are
 * declared with.
 */
import type { CellParser } from '../cells.ts';
import { rejectRow, type ColumnResolution, type ColumnSpec, type Sheet, type SheetSpec } from '../sheet.ts';
import type { ColumnType, TableColumn } from '../types.ts';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  parse: CellParser;
  required?: boolean;
}

export function tableColumns(defs: readonly ColumnDef[]): TableColumn[] {
  return defs.map((d) => ({ name: d.name, type: d.type }));
}

export function resolver(defs: readonly ColumnDef[]): (name: string) => ColumnResolution {
  const byName = new Map<string, ColumnSpec>(defs.map((d) => [d.name, { name: d.name, type: d.type, parse: d.parse }]));
  return (name) => byName.get(name) ?? null;
}

/** The sheet spec of a kind with a fixed list of columns. */
export function fixedColumns(defs: readonly ColumnDef[]): SheetSpec {
  return { required: requiredNames(defs), resolve: resolver(defs), known: defs.map((d) => d.name) };
}

export function requiredNames(defs: readonly ColumnDef[]): string[] {
  return defs.filter((d) => d.required).map((d) => d.name);
}

/**
 * Rejects every repeat of an id and returns all ids that parsed. Rows rejected for other reasons
 * still define their id, so files referring to it do not get a second, misleading error.
 */
export function uniqueIds(sheet: Sheet | null, column: string, what: string): Set<string> {
  const ids = new Set<string>();
  if (!sheet) return ids;
  const col = sheet.values.get(column);
  if (!col) return ids;
  const firstLine = new Map<string, number>();
  for (let i = 0; i < sheet.rowCount; i++) {
    const v = col[i];
    if (typeof v !== 'string') continue;
    const first = firstLine.get(v);
    if (first !== undefined) {
      rejectRow(sheet, i, column, `${what} ${v} is a duplicate (first defined at line ${first}); ids must be unique`, v);
    } else {
      firstLine.set(v, sheet.lines[i]!);
      ids.add(v);
    }
  }
  return ids;
}

/**
 * First occurrences of ids within a group (e.g. respondent ids within a quarter and bank), across
 * files. Nested maps instead of concatenated keys: this runs once per survey row.
 */
export class FirstOccurrences {
  private readonly files: { display: string }[] = [];
  private readonly groups = new Map<string, Map<string, Map<string, number>>>();
  private lastA: string | null = null;
  private lastB: string | null = null;
  private lastMap: Map<string, number> | null = null;

  /** Records the id, or returns where it was first seen: `line 12` in the same file, else `file:12`. */
  check(a: string, b: string, id: string, file: { display: string }, line: number): string | null {
    let ids = this.lastMap;
    if (ids === null || a !== this.lastA || b !== this.lastB) {
      let byB = this.groups.get(a);
      if (!byB) this.groups.set(a, (byB = new Map()));
      ids = byB.get(b) ?? null;
      if (!ids) byB.set(b, (ids = new Map()));
      this.lastA = a;
      this.lastB = b;
      this.lastMap = ids;
    }
    let fileIndex = this.files.length - 1;
    if (this.files[fileIndex] !== file) {
      this.files.push(file);
      fileIndex++;
    }
    const first = ids.get(id);
    if (first === undefined) {
      // File index and line packed in one number: no object per row.
      ids.set(id, fileIndex * 2 ** 32 + line);
      return null;
    }
    const firstFile = this.files[Math.floor(first / 2 ** 32)]!;
    const firstLine = first % 2 ** 32;
    return firstFile === file ? `line ${firstLine}` : `${firstFile.display}:${firstLine}`;
  }
}

/**
 * Ids of a labelled list file (tasks.csv, channels.csv) in the list's own order: by `order`
 * where given (rows without one come after), then by position in the file. Only the first row of
 * an id counts; a rejected row still defines its id, as in `uniqueIds`.
 */
export function orderedIds(sheet: Sheet | null, column: string, ids: ReadonlySet<string>): string[] {
  if (!sheet) return [];
  const idCol = sheet.values.get(column) ?? [];
  const orderCol = sheet.values.get('order') ?? [];
  const seen = new Set<string>();
  const entries: { id: string; order: number; index: number }[] = [];
  for (let i = 0; i < sheet.rowCount; i++) {
    const id = idCol[i];
    if (typeof id !== 'string' || !ids.has(id) || seen.has(id)) continue;
    seen.add(id);
    const o = orderCol[i];
    entries.push({ id, order: typeof o === 'number' ? o : Number.POSITIVE_INFINITY, index: i });
  }
  return entries.sort((a, b) => a.order - b.order || a.index - b.index).map((e) => e.id);
}
