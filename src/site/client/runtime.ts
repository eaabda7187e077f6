import { BrowserDatabase } from '../../db/browser.ts';
import { loadTables } from '../../db/load.ts';
import { fetchTables, type TableRef } from '../../db/transport.ts';
import { installMethods } from '../../methods/loyalty.ts';
import { inlineText } from '../../notebook/inline.ts';
import { chartParts, sqlTable } from '../../notebook/render.ts';
import { invalidatedCells, runCells, type CellResults } from '../../notebook/run.ts';
import type { ChartCell, InputValues, Locale, Notebook, SqlCell } from '../../notebook/types.ts';

/**
 * The browser side of a page, loaded on the first input change: the same engine (DuckDB-WASM), the
 * same cells (notebook/run) and the same chart code (charts/render) as the build.
 */

export interface PagePayload {
  notebook: Notebook;
  defaults: InputValues;
  locale: Locale;
  tables: TableRef[];
}

export class PageRuntime {
  private readonly payload: PagePayload;
  private readonly db: BrowserDatabase;
  private materialized = false;
  /** Latest result of every cell: a redrawn chart's title may quote a cell that did not re-run. */
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

  /** Re-runs what the changed inputs invalidate (everything the first time) and redraws it in place. */
  async update(values: InputValues, changed: string[]): Promise<void> {
    const nb = this.payload.notebook;
    // The first run materialises every cell, so later partial runs find the earlier cells' tables.
    const only = this.materialized ? invalidatedCells(nb, changed) : undefined;
    const fresh = await runCells(nb, this.db, values, only, this.results);
    performance.mark('cx-queries-done');
    this.materialized = true;
    this.results = { ...this.results, ...fresh };
    this.render(fresh);
  }

  /** Redraws what depends on the `fresh` cells, from the latest results of all cells. */
  private render(fresh: CellResults): void {
    const { notebook: nb, locale } = this.payload;
    const results = this.results;
    for (const block of nb.blocks) {
      if (block.kind === 'chart' && fresh[(block as ChartCell).data]) this.renderChart(block as ChartCell, results);
      if (block.kind === 'sql' && (block as SqlCell).display && fresh[block.name]) {
        const el = document.querySelector(`[data-sql-table="${block.name}"]`);
        if (el) el.innerHTML = sqlTable(block as SqlCell, results, locale);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('.inline-value[data-cell]')) {
      const cell = el.dataset.cell!;
      if (fresh[cell]) el.textContent = inlineText({ cell, column: el.dataset.column!, format: el.dataset.format }, results, locale);
    }
  }

  private renderChart(cell: ChartCell, results: CellResults): void {
    const figure = document.querySelector<HTMLElement>(`figure[data-chart="${cell.name}"]`);
    if (!figure) return;
    const parts = chartParts(this.payload.notebook, cell, results, this.payload.locale, document);
    figure.querySelector('.chart-title')!.innerHTML = parts.title;
    figure.querySelector('[data-chart-body]')!.innerHTML = parts.body;
    figure.querySelector<HTMLElement>('[data-chart-empty]')!.hidden = !parts.empty;
    const table = figure.querySelector('[data-chart-table]');
    if (table) table.innerHTML = parts.table;
    figure.querySelector('[data-chart-method]')!.innerHTML = parts.method;
  }
}
