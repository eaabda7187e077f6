import { resultIPC } from '../db/load.ts';
import type { Database, QueryResult } from '../db/types.ts';
import { runMethod } from '../methods/cells.ts';
import { bindValues, defaultValue, inputCells } from './inputs.ts';
import { quoteIdent } from './sql.ts';
import { keptResults, shownCells } from './states.ts';

// The dependency analysis lives with the state enumeration (no engine needed, so the browser's renderer can use it).
export { invalidatedCells } from './states.ts';
import { boundOptions } from './parse.ts';
import { NotebookError, type InputValues, type MethodCell, type Notebook, type SqlCell } from './types.ts';

export type CellResults = Record<string, QueryResult>;

export function sqlCells(nb: Notebook): SqlCell[] {
  return nb.blocks.filter((b): b is SqlCell => b.kind === 'sql');
}

/** Cells that produce a result, in page order: sql and method cells. */
function dataCells(nb: Notebook): (SqlCell | MethodCell)[] {
  return nb.blocks.filter((b): b is SqlCell | MethodCell => b.kind === 'sql' || b.kind === 'method');
}

/** DuckDB's message, with the page line it points at when DuckDB names a LINE of the cell. */
function cellError(nb: Notebook, cell: { name: string; line: number }, kind: string, error: unknown): NotebookError {
  const message = (error as Error).message ?? String(error);
  const at = /LINE (\d+):/.exec(message);
  const line = at ? cell.line + Number(at[1]) : cell.line;
  return new NotebookError(nb.path, line, `${kind} "${cell.name}": ${message}`);
}

/**
 * Fills every input's options (running its options query) and checks its default. Runs once per
 * page at build time; the resolved options travel to the browser inside the page, so the browser
 * never re-runs option queries.
 */
export async function resolveInputs(nb: Notebook, db: Database): Promise<Notebook> {
  for (const input of inputCells(nb)) {
    if (input.optionsSql) {
      let result: QueryResult;
      try {
        result = await db.query(input.optionsSql);
      } catch (e) {
        throw cellError(nb, input, 'input', e);
      }
      if (!result.columns.some((c) => c.name === 'value')) {
        throw new NotebookError(nb.path, input.line, `input "${input.name}": the options query must return a column named value`);
      }
      input.options = result.rows.map((r) => {
        const value = String(r.value);
        const zh = r.label_zh ?? r.label ?? value;
        const en = r.label_en ?? r.label ?? value;
        return { value, label: zh === en ? String(zh) : { zh: String(zh), en: String(en) } };
      });
    }
    defaultValue(input, nb.path);
  }
  return nb;
}

/** Cells whose rows a run reads back: those the page shows, and the data of method cells (read as rows). */
export function consumedCells(nb: Notebook): Set<string> {
  const used = shownCells(nb);
  for (const b of nb.blocks) if (b.kind === 'method') used.add(b.data);
  return used;
}

/**
 * Runs the page's SQL cells in page order (a cell can only reference earlier ones, so page order is
 * a dependency order). A cell that a later cell references is materialised as a temporary table
 * under its own name; its rows are read back only when the page shows them (an intermediate
 * such as a filtered survey can be large). `only` limits the run to the cells an input change
 * invalidated. With the engine on another thread (the browser's worker), SQL that does not read a
 * method cell is sent before that method runs, so the two overlap; results and errors are the same. The results hold every cell run but a method's data that no later run reads
 * (`keptResults`): those rows are let go once the method has read them.
 */
export async function runCells(
  nb: Notebook,
  db: Database,
  values: InputValues,
  only?: Set<string>,
  /** Results of an earlier run, for cells that `only` leaves out but a re-run method cell reads. */
  previous: CellResults = {},
): Promise<CellResults> {
  const cells = dataCells(nb);
  // Only SQL reads other cells as tables; a method cell reads its data's rows from `results`.
  const referenced = new Set(cells.flatMap((c) => (c.kind === 'sql' ? c.refs : [])));
  const consumed = consumedCells(nb);
  const kept = keptResults(nb);
  // The last method cell reading each method's data (later entries overwrite earlier ones).
  const lastReader = new Map(cells.flatMap((c) => (c.kind === 'method' ? [[c.data, c.name] as const] : [])));
  const results: CellResults = {};
  const runSql = async (cell: SqlCell): Promise<QueryResult | undefined> => {
    const params = bindValues(cell, nb, values);
    const body = cell.sql.trim().replace(/;\s*$/, '');
    try {
      if (!referenced.has(cell.name)) return await db.query(body, params);
      await db.query(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(cell.name)} AS ${body}`, params);
      return consumed.has(cell.name) ? await db.query(`SELECT * FROM ${quoteIdent(cell.name)}`) : undefined;
    } catch (e) {
      throw cellError(nb, cell, 'sql cell', e);
    }
  };
  // SQL cells sent to the engine ahead of their turn (see below), by name.
  const sent = new Map<string, Promise<QueryResult | undefined>>();
  for (const [index, cell] of cells.entries()) {
    if (only && !only.has(cell.name)) continue;
    if (cell.kind === 'method') {
      // With the engine on another thread, the SQL cells after this method that do not read it go to
      // the engine first (in page order, up to the next method or the first that reads this one), and
      // run there while the method runs here.
      if (db.runsElsewhere) {
        for (const next of cells.slice(index + 1)) {
          if (only && !only.has(next.name)) continue;
          if (next.kind === 'method' || next.refs.includes(cell.name)) break;
          const pending = runSql(next);
          // Its error, if any, is thrown when its turn comes (after this method's own).
          pending.catch(() => undefined);
          sent.set(next.name, pending);
        }
      }
      results[cell.name] = await runMethodCell(nb, db, cell, values, results[cell.data] ?? previous[cell.data]);
      // A method's data (respondent-level rows: gigabytes at 5M respondents) go once the last method reading them has run.
      if (lastReader.get(cell.data) === cell.name && !kept.has(cell.data)) delete results[cell.data];
      continue;
    }
    const result = await (sent.get(cell.name) ?? runSql(cell));
    if (result) results[cell.name] = result;
  }
  return results;
}

/**
 * Drops the tables a page's run created (referenced sql cells and method cells), so the next page
 * built on the same engine sees the data tables and its own cells only, as each page does in the
 * browser, and DuckDB's "did you mean" hints never name another page's cells.
 */
export async function dropCellTables(nb: Notebook, db: Database): Promise<void> {
  for (const cell of dataCells(nb)) await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(cell.name)}`);
}

/**
 * Runs a method cell on its data cell's rows and stores the result as a table under the cell's
 * name, so later SQL cells can join it. Its data come from this pass or, when only an option
 * changed, from the previous one.
 */
async function runMethodCell(nb: Notebook, db: Database, cell: MethodCell, values: InputValues, input: QueryResult | undefined): Promise<QueryResult> {
  if (!input) throw new NotebookError(nb.path, cell.line, `method cell "${cell.name}": data "${cell.data}" has no result`);
  let result: QueryResult;
  try {
    result = runMethod(cell.method, input, boundOptions(cell, values));
  } catch (e) {
    throw cellError(nb, cell, 'method cell', e);
  }
  const table = quoteIdent(cell.name);
  await db.exec(`DROP TABLE IF EXISTS ${table}`);
  await db.insertArrowIPC(cell.name, resultIPC(result));
  return result;
}
