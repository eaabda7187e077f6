import { BrowserDatabase } from '../../db/browser.ts';
import { loadTables } from '../../db/load.ts';
import { fetchTables, type TableRef } from '../../db/transport.ts';
import { installMethods } from '../../methods/loyalty.ts';
import { sameValue } from '../../notebook/inputs.ts';
import { invalidatedCells, runCells, type CellResults } from '../../notebook/run.ts';
import type { InputValues, Notebook } from '../../notebook/types.ts';
import type { Locale } from '../../text/locale.ts';
import type { StateManifest } from '../state-file.ts';
import type { PageRenderer } from './renderer.ts';

/**
 * The browser's engine for a page, loaded when a reader asks for a state the build did not
 * precompute: the same engine (DuckDB-WASM) and the same cells (notebook/run) as the build; the
 * rows it computes are drawn by the same renderer as precomputed ones.
 */

export interface PagePayload {
  notebook: Notebook;
  defaults: InputValues;
  locale: Locale;
  tables: TableRef[];
  /** The input states the build precomputed (src/site/precompute.ts). */
  states?: StateManifest;
}

export class PageRuntime {
  private readonly payload: PagePayload;
  private readonly db: BrowserDatabase;
  /** The state the engine's cell tables hold; null before its first run (which then runs every cell). */
  private state: InputValues | null = null;
  /** Latest rows of every cell the engine ran: a re-run method cell reads its data's rows from here. */
  private results: CellResults = {};

  private constructor(payload: PagePayload, db: BrowserDatabase) {
    this.payload = payload;
    this.db = db;
  }

  static async start(payload: PagePayload): Promise<PageRuntime> {
    // The engine boots while the page's tables download.
    const [db, tables] = await Promise.all([BrowserDatabase.open(), fetchTables(payload.tables)]);
    await installMethods(db);
    await loadTables(db, tables);
    return new PageRuntime(payload, db);
  }

  /** The engine's runs, one at a time: a run reads the cell tables the previous one left. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * Brings the engine to `values` and draws what the change from the displayed state invalidates
   * (`shownChanged`: the inputs that differ from it). It re-runs what changed since its own last
   * run; precomputed states may have moved the page meanwhile, so a cell it need not re-run may
   * still show another state's rows, and is drawn again from the engine's own. Its first run
   * materialises every cell, so later partial runs find the earlier cells' tables.
   */
  update(values: InputValues, shownChanged: string[], renderer: PageRenderer): Promise<void> {
    return this.enqueue(async () => {
      const fresh = await this.run(values);
      performance.mark('cx-queries-done');
      const redraw = new Set([...Object.keys(fresh), ...invalidatedCells(this.payload.notebook, shownChanged)]);
      renderer.show(Object.fromEntries([...redraw].flatMap((c) => (this.results[c] ? [[c, this.results[c]]] : []))), redraw);
    });
  }

  /**
   * Runs the page for `values` without drawing (the state already shown, drawn from precomputed
   * rows), so that the reader's next change the engine gives re-runs only what it invalidates.
   */
  prime(values: InputValues): Promise<void> {
    return this.enqueue(async () => {
      if (this.state === null) await this.run(values);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const done = this.queue.then(task);
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async run(values: InputValues): Promise<CellResults> {
    const nb = this.payload.notebook;
    const since = this.state;
    const only = since ? invalidatedCells(nb, Object.keys(values).filter((k) => !sameValue(values[k], since[k]))) : undefined;
    const fresh = await runCells(nb, this.db, values, only, this.results);
    this.state = values;
    this.results = { ...this.results, ...fresh };
    return fresh;
  }
}
