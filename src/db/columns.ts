import type { QueryResult, Row, SqlValue } from './types.ts';

/** The column arrays a result was read from (`arrowToResult`), so a method can read them without rows. */
const columnData = new WeakMap<QueryResult, readonly SqlValue[][]>();

/**
 * A result read column by column, whose row objects are built only when something reads `rows`. A
 * method's respondent-level data (tens of thousands of rows on an engine change) are read by column
 * (`columnOf`), and their rows, most of the time it took to read them, are never built.
 */
export function columnarResult(columns: QueryResult['columns'], data: SqlValue[][], toRows: (data: SqlValue[][]) => Row[]): QueryResult {
  let rows: Row[] | undefined;
  const result = { columns } as QueryResult;
  Object.defineProperty(result, 'rows', {
    enumerable: true,
    get: () => {
      if (rows) return rows;
      rows = toRows(data);
      // One copy in memory: once built, the rows are the result (at millions of rows, both would not fit).
      columnData.delete(result);
      data = [];
      return rows;
    },
    // Rows replaced: the columns no longer describe them.
    set: (value: Row[]) => {
      rows = value;
      columnData.delete(result);
    },
  });
  columnData.set(result, data);
  return result;
}

/** One column's values in row order: the column the result was read from, else read off its rows (null where absent). */
export function columnOf(result: QueryResult, name: string): readonly SqlValue[] {
  const data = columnData.get(result);
  const at = result.columns.findIndex((c) => c.name === name);
  if (data && at >= 0) return data[at]!;
  if (data) return new Array<SqlValue>(data[0]?.length ?? 0).fill(null);
  return result.rows.map((r) => r[name] ?? null);
}
