import { drawingWidth } from '../../charts/render.ts';
import { gunzipIfNeeded } from '../../db/transport.ts';
import { inlineText } from '../../notebook/inline.ts';
import { chartParts, sqlTable } from '../../notebook/render.ts';
import type { CellResults } from '../../notebook/run.ts';
import type { ChartCell, Notebook, SqlCell } from '../../notebook/types.ts';
import type { Locale } from '../../text/locale.ts';
import { decodeStateFile } from '../state-file.ts';

/**
 * Draws a page's charts, tables and inline values in place from cell rows, with the build's chart
 * code and no engine: rows come either from a precomputed state file (fetchState) or from the
 * engine (runtime.ts). Loaded without DuckDB, so a change to a precomputed state needs no wasm.
 */
export class PageRenderer {
  private readonly nb: Notebook;
  private readonly locale: Locale;
  /** Latest rows of every cell: a redrawn chart's title may quote a cell that did not change. */
  private results: CellResults = {};

  constructor(nb: Notebook, locale: Locale) {
    this.nb = nb;
    this.locale = locale;
    // A phone turned sideways, a window resized: charts drawn here are drawn again at the new width.
    let timer: ReturnType<typeof setTimeout> | undefined;
    addEventListener('resize', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.refit(), 250);
    });
  }

  /** Rows of cells shown for the state the page is brought to; the cells of `redraw` are drawn again. */
  show(fresh: CellResults, redraw: Iterable<string> = Object.keys(fresh)): void {
    this.results = { ...this.results, ...fresh };
    const changed = new Set(redraw);
    const { nb, locale, results } = this;
    const charts = nb.blocks.filter((b): b is ChartCell => b.kind === 'chart' && changed.has(b.data));
    // Every width is read before any chart is written: a read after a write forces a layout per chart.
    const widths = charts.map((c) => figureWidth(c));
    charts.forEach((c, i) => this.renderChart(c, widths[i]));
    for (const block of nb.blocks) {
      if (block.kind === 'sql' && (block as SqlCell).display && changed.has(block.name)) {
        const el = document.querySelector(`[data-sql-table="${block.name}"]`);
        if (el) el.innerHTML = sqlTable(block as SqlCell, results, locale);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('.inline-value[data-cell]')) {
      const cell = el.dataset.cell!;
      if (changed.has(cell)) el.textContent = inlineText({ cell, column: el.dataset.column!, format: el.dataset.format, fallback: el.dataset.fallback }, results, locale);
    }
  }

  private refit(): void {
    const charts = this.nb.blocks.filter((b): b is ChartCell => b.kind === 'chart' && b.spec.type !== 'table' && Boolean(this.results[b.data]));
    const widths = charts.map((c) => figureWidth(c));
    charts.forEach((c, i) => {
      const drawn = document.querySelector<HTMLElement>(`figure[data-chart="${c.name}"]`)?.dataset.width;
      if (drawn !== undefined && widths[i] !== Number(drawn)) this.renderChart(c, widths[i]);
    });
  }

  /**
   * Redraws a chart for its figure's width (drawingWidth: a wide column gets the build's 640 px
   * drawing, a phone one drawn for its column), so its text keeps at least 12.5 CSS px once the SVG
   * fills the column. The build's narrow copy (`data-chart-narrow`) is then left behind.
   */
  private renderChart(cell: ChartCell, width: number | undefined): void {
    const figure = document.querySelector<HTMLElement>(`figure[data-chart="${cell.name}"]`);
    if (!figure || width === undefined) return;
    const parts = chartParts(this.nb, cell, this.results, this.locale, document, { width });
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

/** The rows of one precomputed state (src/site/precompute.ts wrote them). */
export async function fetchState(url: string): Promise<CellResults> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return decodeStateFile(new TextDecoder().decode(await gunzipIfNeeded(new Uint8Array(await response.arrayBuffer()))));
}

/** The width to draw a chart's figure at, for its column (charts/render.ts, drawingWidth); undefined when the page has no such figure. */
function figureWidth(cell: ChartCell): number | undefined {
  const figure = document.querySelector<HTMLElement>(`figure[data-chart="${cell.name}"]`);
  return figure ? drawingWidth(Math.floor(figure.clientWidth)) : undefined;
}
