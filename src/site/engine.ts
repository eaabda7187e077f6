import fs from 'node:fs';
import path from 'node:path';
import { Table, tableFromIPC } from 'apache-arrow';
import { JSDOM } from 'jsdom';
import { loadTables, tableNames, type TableFile } from '../db/load.ts';
import { NodeDatabase } from '../db/node.ts';
import { SliceWriter } from '../db/slices.ts';
import { installMethods } from '../methods/loyalty.ts';
import { defaultValues } from '../notebook/inputs.ts';
import { parseNotebook } from '../notebook/parse.ts';
import { quoteIdent, referencedNames } from '../notebook/sql.ts';
import { NARROW_CHART_WIDTH, chartParts, proseHtml, sqlTable, type ChartParts } from '../notebook/render.ts';
import { addPageReads, renamedColumnErrors, type PageReads } from '../build/unknown-columns.ts';
import type { FileReport } from '../contract/types.ts';
import { checkDefaultState } from '../notebook/checks.ts';
import { dataColumnsRead } from '../notebook/reads.ts';
import { dropCellTables, resolveInputs, runCells, type CellResults } from '../notebook/run.ts';
import { NotebookError, type InputValues, type Notebook } from '../notebook/types.ts';
import { LOCALES, type Locale } from '../text/locale.ts';
import { ENV, requireEnv } from './config.ts';
import { buildInfo } from './build-info.ts';
import { precomputeStates } from './precompute.ts';

/**
 * The build side of the engine: one DuckDB-WASM (Node build) holding the report's tables, loaded
 * from the very files the browser loads, shared by every page of the build.
 */

export interface PageModel {
  notebook: Notebook;
  defaults: InputValues;
  /**
   * What the browser fetches for the page: per data table its SQL reads, the columns it reads (in
   * parts when large; db/slices.ts). Without a slice folder (tests), the whole tables.
   */
  tables: TableFile[];
  /** Per locale, per block index: rendered HTML (prose) or chart parts. */
  rendered: Record<Locale, (string | ChartParts)[]>;
  /** The data tables' columns the page's SQL reads (DuckDB's plan), table → columns. */
  reads: Map<string, Set<string>>;
  /** Precomputed input states: state key (URL query) → file in the site's states folder; empty when none. */
  states: Record<string, string>;
}

/**
 * One DuckDB-WASM holding one data folder's prepared tables. The build uses the one named by its
 * environment (`defaultEngine`); tests open one per data folder to build every page against it.
 */
export class PageEngine {
  private database: Promise<NodeDatabase> | undefined;

  readonly tablesDir: string;
  readonly tables: TableFile[];
  /** The contract's report of the files behind the tables (for the renamed-column check). */
  readonly files: FileReport[];
  /** Writes the column slices pages fetch, when the engine builds a site. */
  readonly slices: SliceWriter | undefined;
  private readonly arrowTables = new Map<string, Table>();

  constructor(tablesDir: string, tables: TableFile[], files: FileReport[] = [], sliceDir?: string, maxFileBytes?: number) {
    this.tablesDir = tablesDir;
    this.tables = tables;
    this.files = files;
    this.slices = sliceDir ? new SliceWriter(sliceDir, (name) => this.arrowTable(name), maxFileBytes) : undefined;
  }

  /** Rows of the largest data table (all of its parts). */
  largestTableRows(): number {
    const rows = new Map<string, number>();
    for (const t of this.tables) rows.set(t.name, (rows.get(t.name) ?? 0) + t.rows);
    return Math.max(0, ...rows.values());
  }

  /** A data table as Arrow, read once from its file (what slices are cut from). */
  private arrowTable(name: string): Table {
    let table = this.arrowTables.get(name);
    if (!table) {
      const parts = this.tables.filter((t) => t.name === name);
      if (!parts.length) throw new Error(`no data table ${name}`);
      table = new Table(parts.flatMap((p) => tableFromIPC(fs.readFileSync(path.join(this.tablesDir, p.file))).batches));
      this.arrowTables.set(name, table);
    }
    return table;
  }

  db(): Promise<NodeDatabase> {
    this.database ??= (async () => {
      const db = await NodeDatabase.open();
      await installMethods(db);
      await loadTables(db, this.tables.map((t) => ({ name: t.name, ipc: fs.readFileSync(path.join(this.tablesDir, t.file)) })));
      return db;
    })();
    return this.database;
  }

  /** The given columns of a table that hold no value at all. */
  async emptyColumns(table: string, columns: Iterable<string>): Promise<Set<string>> {
    const list = [...columns];
    if (list.length === 0) return new Set();
    const db = await this.db();
    const counts = (await db.query(`SELECT ${list.map((c, i) => `count(${quoteIdent(c)}) AS c${i}`).join(', ')} FROM ${quoteIdent(table)}`)).rows[0]!;
    return new Set(list.filter((_, i) => Number(counts[`c${i}`]) === 0));
  }

  async close(): Promise<void> {
    if (this.database) await (await this.database).close();
    this.database = undefined;
  }
}

let shared: PageEngine | undefined;

/** The build's engine: the tables that scripts/build.ts prepared (see config.ts). */
export function defaultEngine(): PageEngine {
  shared ??= new PageEngine(requireEnv(ENV.tablesDir), buildInfo().tables, buildInfo().files, requireEnv(ENV.siteDataDir));
  return shared;
}

let documentForCharts: Document | undefined;
function chartDocument(): Document {
  documentForCharts ??= new JSDOM('<!doctype html><html><body></body></html>').window.document;
  return documentForCharts;
}

/** Reads one page file into a notebook (pure parse; no data needed). */
export function loadNotebook(filePath: string, slug: string): Notebook {
  const rel = path.relative(process.cwd(), filePath).split(path.sep).join('/');
  return parseNotebook(fs.readFileSync(filePath, 'utf8'), rel, slug);
}

/** Tables a page needs that the data lack (the page is then left out of the build). */
export async function missingTables(nb: Notebook, engine: PageEngine = defaultEngine()): Promise<string[]> {
  const have = new Set(await tableNames(await engine.db()));
  return nb.tables.filter((t) => !have.has(t));
}

/** Why the data cannot support a page: a missing table, or a `requires` query that returns no row. */
export async function unsupportedBecause(nb: Notebook, engine: PageEngine = defaultEngine()): Promise<string | null> {
  const missing = await missingTables(nb, engine);
  if (missing.length) return `the data have no ${missing.join(', ')} table`;
  const db = await engine.db();
  for (const r of nb.requires) {
    let rows: number;
    try {
      rows = (await db.query(r.sql)).rows.length;
    } catch (e) {
      throw new NotebookError(nb.path, 1, `requires: ${(e as Error).message}`);
    }
    if (rows === 0) return r.why;
  }
  return null;
}

/** Fails when an unknown column in the data may be a renamed column that the page reads (build/unknown-columns.ts). */
async function refuseRenamedColumns(nb: Notebook, reads: Map<string, Set<string>>, engine: PageEngine): Promise<void> {
  const byPage: PageReads = new Map();
  addPageReads(byPage, nb.path, reads);
  const empty = new Map<string, Set<string>>();
  for (const [table, columns] of reads) empty.set(table, await engine.emptyColumns(table, columns));
  const errors = renamedColumnErrors(engine.files, byPage, empty);
  if (errors.length) throw new NotebookError(nb.path, 1, `the data leave columns this page reads empty:\n${errors.join('\n')}`);
}

/** Runs a page with its inputs' defaults and renders it in both languages. Page mistakes throw NotebookError. */
export async function buildPage(nb: Notebook, engine: PageEngine = defaultEngine()): Promise<PageModel> {
  const db = await engine.db();
  let results: CellResults;
  let defaults: InputValues;
  let reads: Map<string, Set<string>>;
  let states: Record<string, string> = {};
  try {
    await resolveInputs(nb, db);
    defaults = defaultValues(nb);
    results = await runCells(nb, db, defaults);
    reads = await dataColumnsRead(nb, db, defaults, new Set(engine.tables.map((t) => t.name)));
    // Only a site build writes states (tests that build pages leave them out): scripts/build.ts names the folder.
    const statesDir = process.env[ENV.statesDir];
    if (statesDir) {
      // On large data a page's states run for minutes: a line at most every 30 s says how far they are.
      const started = performance.now();
      let said = started;
      const progress = (done: number, total: number) => {
        const now = performance.now();
        if (now - said < 30_000 || done === total) return;
        said = now;
        console.log(`[cx] ${nb.path}: ${done} of ${total} input states precomputed (${((now - started) / 1000).toFixed(0)} s)`);
      };
      const done = await precomputeStates(nb, db, defaults, results, statesDir, engine.largestTableRows(), progress);
      states = done.files;
      const count = Object.keys(done.files).length;
      if (count) console.log(`[cx] ${nb.path}: ${count} input states precomputed (${done.written} files, ${(done.bytes / 1024).toFixed(1)} KiB gzip) in ${(done.ms / 1000).toFixed(1)} s`);
    }
  } finally {
    await dropCellTables(nb, db);
  }
  await refuseRenamedColumns(nb, reads, engine);
  checkDefaultState(nb, results, defaults);
  const sql = nb.blocks.map((b) => (b.kind === 'sql' ? b.source : '')).join('\n');
  const used = new Set(referencedNames(sql, engine.tables.map((t) => t.name)));
  const rendered = {} as PageModel['rendered'];
  for (const locale of LOCALES) {
    rendered[locale] = nb.blocks.map((block) => {
      if (block.kind === 'prose') return block.locale === null || block.locale === locale ? proseHtml(nb, block, results, locale) : '';
      if (block.kind === 'chart') return chartParts(nb, block, results, locale, chartDocument(), { narrowWidth: NARROW_CHART_WIDTH });
      if (block.kind === 'sql' && block.display) return sqlTable(block, results, locale);
      return '';
    });
  }
  const tables = engine.tables.filter((t) => used.has(t.name));
  // A table prepared in parts is sliced once, from all of its rows.
  const shipped = engine.slices ? [...new Set(tables.map((t) => t.name))].flatMap((name) => engine.slices!.slice(name, reads.get(name) ?? new Set())) : tables;
  return { notebook: nb, defaults, tables: shipped, rendered, reads, states };
}

export interface CatalogTable {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
  /** First and last quarter or period, and how many distinct, for tables that have one. */
  covers: { column: string; first: string; last: string; count: number } | null;
}

/** Every data table as DuckDB holds it: what the data catalogue page shows. */
export async function catalogTables(engine: PageEngine = defaultEngine()): Promise<CatalogTable[]> {
  const db = await engine.db();
  const out: CatalogTable[] = [];
  for (const name of await tableNames(db)) {
    const columns = (
      await db.query('SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = $1 AND NOT internal ORDER BY column_index', [name])
    ).rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
    const table = quoteIdent(name);
    const rows = Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    const period = columns.find((c) => c.name === 'quarter' || c.name === 'period');
    let covers: CatalogTable['covers'] = null;
    if (period) {
      const col = quoteIdent(period.name);
      const r = (await db.query(`SELECT min(${col}) AS first, max(${col}) AS last, count(DISTINCT ${col}) AS count FROM ${table}`)).rows[0]!;
      covers = { column: period.name, first: String(r.first), last: String(r.last), count: Number(r.count) };
    }
    out.push({ name, rows, columns, covers });
  }
  return out;
}
