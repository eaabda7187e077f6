/**
 * A renamed column is the commonest way an export change empties a published chart: `csat` comes as
 * `satisfaction`, the contract ignores the unknown column with a warning, and the pages that read
 * `csat` draw nothing. The build therefore refuses an unknown column while a page reads a column of
 * the same table that no file of it has, unless the data folder declares the column ignored.
 */
import { UNKNOWN_COLUMN, normalizeHeader } from '../contract/sheet.ts';
import type { FileReport } from '../contract/types.ts';

/** table → column → the pages that read it. */
export type PageReads = Map<string, Map<string, string[]>>;

export function addPageReads(into: PageReads, page: string, reads: Map<string, Set<string>>): void {
  for (const [table, columns] of reads) {
    if (!into.has(table)) into.set(table, new Map());
    const byColumn = into.get(table)!;
    for (const c of columns) byColumn.set(c, [...(byColumn.get(c) ?? []), page]);
  }
}

/**
 * One message per unknown column of a file whose table has read-but-empty columns: `file:1: …`.
 * `emptyColumns` are each table's columns that hold no value at all (no file had them).
 */
export function renamedColumnErrors(files: FileReport[], reads: PageReads, emptyColumns: Map<string, Set<string>>): string[] {
  // table.column → where it is (file:line of each file that has it), so one message covers every wave.
  const found = new Map<string, { table: string; column: string; at: string[]; wanted: [string, string[]][] }>();
  for (const file of files) {
    const empty = emptyColumns.get(file.table);
    const read = reads.get(file.table);
    if (!empty || !read) continue;
    const wanted = [...read].filter(([c]) => empty.has(c));
    if (wanted.length === 0) continue;
    for (const issue of file.issues) {
      if (issue.severity !== 'warning' || !issue.column || !issue.message.startsWith(UNKNOWN_COLUMN)) continue;
      const key = `${file.table}.${normalizeHeader(issue.column)}`;
      if (!found.has(key)) found.set(key, { table: file.table, column: issue.column, at: [], wanted });
      found.get(key)!.at.push(`${file.file}:${issue.line ?? 1}`);
    }
  }
  return [...found].map(([key, { table, column, at, wanted }]) => {
    const list = wanted.map(([c, pages]) => `${table}.${c} (${[...new Set(pages)].join(', ')})`).join(', ');
    const where = at.length === 1 ? at[0] : `${at[0]} (and ${at.length - 1} more file${at.length > 2 ? 's' : ''})`;
    const which = wanted.length === 1 ? wanted[0]![0] : `one of ${wanted.map(([c]) => c).join(', ')}`;
    return (
      `${where}: unknown column "${column}", while pages read ${list}, which no ${table} file has. ` +
      `If "${column}" is ${which}, rename it; otherwise add the line "${key}" to ignored-columns.txt in the data folder`
    );
  });
}
