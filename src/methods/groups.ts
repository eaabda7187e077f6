import type { QueryResult, Row } from '../db/types.ts';

/**
 * Runs a method cell per group when its options name a `by` column (e.g. `bank` for small
 * multiples): each group is analysed on its own rows with the same options, and the group's value
 * leads every result row. Without `by` the method runs once on all rows.
 */
export function perGroup(
  input: QueryResult,
  raw: Record<string, unknown>,
  method: (input: QueryResult, raw: Record<string, unknown>) => QueryResult,
): QueryResult {
  const by = raw.by;
  if (by === undefined || by === null) return method(input, raw);
  if (typeof by !== 'string' || !input.columns.some((c) => c.name === by)) {
    throw new Error(`by: the data have no column "${String(by)}"`);
  }
  const groups = new Map<string, Row[]>();
  for (const r of input.rows) {
    const key = String(r[by]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  // Declared columns even without any group: a later SQL cell still joins on them.
  let columns: QueryResult['columns'] = [{ name: by, type: 'VARCHAR' }, ...(groups.size === 0 ? method(input, raw).columns : [])];
  const rows: Row[] = [];
  for (const [key, groupRows] of groups) {
    const one = method({ columns: input.columns, rows: groupRows }, raw);
    columns = [{ name: by, type: 'VARCHAR' }, ...one.columns];
    for (const r of one.rows) rows.push({ [by]: key, ...r });
  }
  return { columns, rows };
}
