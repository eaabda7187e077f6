/**
 * Which columns of which data tables a page reads, as DuckDB's own planner sees them: each sql cell
 * is explained with the cells it selects from inlined as (not materialised) CTEs, so projection
 * pushdown prunes what a `SELECT s.*` upstream never passes on, and the scans of the data tables
 * list exactly the columns the page needs. Every optimizer but column pruning is switched off for
 * the explanation: filter pushdown would hide filtered columns in a filter expression, and constant
 * folding and statistics would prune a column that only other input values reach (`CASE WHEN
 * 'nps' = $metric …`), while the browser's engine (which fetches only these columns) must answer
 * every state.
 */
import type { Database } from '../db/types.ts';
import { bindParams, quoteIdent } from './sql.ts';
import { inputCells } from './inputs.ts';
import { inputForParam } from './parse.ts';
import type { InputValues, Notebook, SqlCell } from './types.ts';

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The optimizers that only drop what no value of any input could read. */
const KEPT_OPTIMIZERS = new Set(['unused_columns', 'column_lifetime', 'cte_inlining']);

/** A cell's SQL with its inputs written in as literals: for EXPLAIN only, never run. */
function withLiterals(cell: SqlCell, nb: Notebook, values: InputValues): string {
  const inputs = new Map(inputCells(nb).map((i) => [i.name, i]));
  return bindParams(cell.source, cell.params, (param) => {
    const input = inputForParam(param, inputs)!;
    const v = values[input.name]!;
    if (input.type === 'multiselect') return `[${(v as string[]).map(sqlString).join(', ')}]::VARCHAR[]`;
    if (input.type === 'range') return sqlString((v as string[])[param.endsWith('_from') ? 0 : 1]!);
    return sqlString(v as string);
  })
    .trim()
    .replace(/;\s*$/, '');
}

/** The cell's SQL with every sql cell it reads, directly or not, inlined as a CTE. */
function selfContained(cell: SqlCell, nb: Notebook, values: InputValues): string {
  const byName = new Map(nb.blocks.filter((b): b is SqlCell => b.kind === 'sql').map((b) => [b.name, b]));
  const needed = new Set<string>();
  const visit = (c: SqlCell) => {
    for (const r of c.refs) {
      const up = byName.get(r);
      if (up && !needed.has(r)) {
        visit(up);
        needed.add(r);
      }
    }
  };
  visit(cell);
  const ctes = [...byName.values()].filter((c) => needed.has(c.name)).map((c) => `${quoteIdent(c.name)} AS NOT MATERIALIZED (${withLiterals(c, nb, values)}\n)`);
  const body = withLiterals(cell, nb, values);
  return ctes.length ? `WITH ${ctes.join(',\n')}\nSELECT * FROM (${body}\n)` : body;
}

/** Stands for "every column" while the plans are read; replaced by the table's columns. */
const ALL_COLUMNS = '\u0000all';

interface PlanNode {
  name?: string;
  children?: PlanNode[];
  extra_info?: { Table?: string; Projections?: string | string[] };
}

function collectScans(node: PlanNode, out: Map<string, Set<string>>, tables: ReadonlySet<string>): void {
  const table = node.extra_info?.Table;
  if (table && tables.has(table)) {
    const p = node.extra_info?.Projections;
    const columns = (Array.isArray(p) ? p : typeof p === 'string' ? p.split('\n') : []).map((c) => c.trim()).filter(Boolean);
    if (!out.has(table)) out.set(table, new Set());
    // A scan that lists no projection reads every column (DuckDB prints none when nothing was pruned).
    for (const c of columns.length ? columns : [ALL_COLUMNS]) out.get(table)!.add(c);
  }
  for (const child of node.children ?? []) collectScans(child, out, tables);
}

/**
 * The columns of `tables` (the data tables) that the page's sql cells read with these input values,
 * table → columns. Needs the page's method-cell tables to exist (call it after a run, before they
 * are dropped).
 */
export async function dataColumnsRead(nb: Notebook, db: Database, values: InputValues, tables: ReadonlySet<string>): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const optimizers = (await db.query('SELECT name FROM duckdb_optimizers()')).rows.map((r) => String(r.name));
  await db.exec(`SET disabled_optimizers = '${optimizers.filter((o) => !KEPT_OPTIMIZERS.has(o)).join(',')}'`);
  try {
    for (const block of nb.blocks) {
      if (block.kind !== 'sql') continue;
      const plan = await db.query(`EXPLAIN (FORMAT json) ${selfContained(block, nb, values)}`);
      for (const row of plan.rows) {
        const parsed = JSON.parse(String(row.explain_value)) as PlanNode | PlanNode[];
        for (const root of Array.isArray(parsed) ? parsed : [parsed]) collectScans(root, out, tables);
      }
    }
  } finally {
    await db.exec(`RESET disabled_optimizers`);
  }
  for (const [table, columns] of out) {
    if (!columns.delete(ALL_COLUMNS)) continue;
    const all = await db.query('SELECT column_name FROM duckdb_columns() WHERE table_name = $1 AND NOT internal', [table]);
    for (const r of all.rows) columns.add(String(r.column_name));
  }
  return out;
}
