import { BrowserDatabase } from '../../db/browser.ts';
import { loadTables } from '../../db/load.ts';
import { fetchTables, type TableRef } from '../../db/transport.ts';
import { installMethods } from '../../methods/loyalty.ts';
import { inlineText } from '../../notebook/inline.ts';
import { drawingWidth } from '../../charts/render.ts';
import { chartParts, sqlTable } from '../../notebook/render.ts';
import { invalidatedCells, runCells, type CellResults } from '../../notebook/run.ts';
import type { ChartCell, InputValues, Notebook, SqlCell } from '../../notebook/types.ts';
import type { Locale } from '../../text/locale.ts';

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
    // A phone turned sideways, a window resized: charts drawn here are drawn again at the new width.
    let timer: ReturnType<typeof setTimeout> | undefined;
    addEventListener('resize', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.refit(), 250);
    });
  }

  private refit(): void {
    for (const block of this.payload.notebook.blocks) {
      if (block.kind !== 'chart' || block.spec.type === 'table' || !this.results[block.data]) continue;
      const figure = document.querySelector<HTMLElement>(`figure[data-chart="${block.name}"][data-width]`);
      if (figure && chartWidth(figure) !== Number(figure.dataset.width)) this.renderChart(block, this.results);
    }
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
      if (fresh[cell]) el.textContent = inlineText({ cell, column: el.dataset.column!, format: el.dataset.format, fallback: el.dataset.fallback }, results, locale);
    }
  }

  /**
   * Redraws a chart for its figure's width (drawingWidth: a wide column gets the build's 640 px
   * drawing, a phone one drawn for its column), so its text keeps at least 12.5 CSS px once the SVG
   * fills the column. The build's narrow copy (`data-chart-narrow`) is then left behind.
   */
  private renderChart(cell: ChartCell, results: CellResults): void {
    const figure = document.querySelector<HTMLElement>(`figure[data-chart="${cell.name}"]`);
    if (!figure) return;
    const width = chartWidth(figure);
    const parts = chartParts(this.payload.notebook, cell, results, this.payload.locale, document, { width });
    figure.querySelector('.chart-title')!.innerHTML = parts.title;
    figure.querySelector('[data-chart-body]')!.innerHTML = parts.body;
    figure.querySelector('[data-chart-narrow]')?.remove();
    figure.removeAttribute('data-narrow');
    figure.dataset.width = String(width);
    const summary = figure.querySelector('[data-chart-summary]');
    if (summary) summary.textContent = parts.summary;
    const empty = figure.querySelector<HTMLElement>('[data-chart-empty]')!;
    empty.hidden = !parts.empty;
    if (parts.emptyText) empty.innerHTML = parts.emptyText;
    const table = figure.querySelector('[data-chart-table]');
    if (table) table.innerHTML = parts.table;
    figure.querySelector('[data-chart-method]')!.innerHTML = parts.method;
  }
}

/** The width to draw a figure's chart at, for its column (charts/render.ts, drawingWidth). */
function chartWidth(figure: HTMLElement): number {
  return drawingWidth(Math.floor(figure.clientWidth));
}
