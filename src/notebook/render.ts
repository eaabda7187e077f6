import { marked } from 'marked';
import { accessibleMarkup, chartIsEmpty, chartProblem, chartSummary, drawingWidth, renderChart, renderDataTable, renderResultTable } from '../charts/index.ts';
import { readLocalized } from '../text/locale.ts';
import { renderInline } from './inline.ts';
import type { CellResults } from './run.ts';
import { NotebookError, type ChartCell, type Notebook, type ProseBlock, type SqlCell } from './types.ts';
import { localize, type Locale } from '../text/locale.ts';

/** The parts of a chart figure that change with the inputs; the page shell places them, the client swaps them. */
export interface ChartParts {
  title: string;
  body: string;
  /** The chart drawn for a phone's width (`narrowWidth`), when that differs from `body`; else ''. */
  narrow: string;
  /** Its text alternative (charts/accessible.ts); '' for a table. */
  summary: string;
  table: string;
  method: string;
  empty: boolean;
  /** The page's own words for an empty chart (`empty_zh`/`empty_en`: what file or column would enable it), else ''. */
  emptyText: string;
}

/**
 * The width the build also draws every chart at, shown instead on phones (styles.css: `.chart-narrow`):
 * the drawing for a 390 px phone's column (390 − 2 × 16 px of padding), which the browser's redraw
 * at the figure's width then matches, so nothing moves when the engine starts.
 */
export const NARROW_CHART_WIDTH = drawingWidth(358);

export interface ChartPartsOptions {
  /** Width to draw at (default: CHART_WIDTH). */
  width?: number;
  /** Also draw the chart at this width, for narrow screens (the build does; the browser draws at the figure's width instead). */
  narrowWidth?: number;
}

function knownCells(nb: Notebook): Set<string> {
  return new Set(nb.blocks.filter((b) => b.kind === 'sql' || b.kind === 'method').map((b) => (b as SqlCell).name));
}

function inline(nb: Notebook, line: number, text: string, results: CellResults, locale: Locale): string {
  return renderInline(text, results, locale, knownCells(nb), (ref) => {
    throw new NotebookError(nb.path, line, `{${ref.cell}.${ref.column}} refers to "${ref.cell}", which is not a sql cell of this page`);
  });
}

export function chartParts(nb: Notebook, cell: ChartCell, results: CellResults, locale: Locale, document: Document, options: ChartPartsOptions = {}): ChartParts {
  const result = results[cell.data];
  if (!result) throw new NotebookError(nb.path, cell.line, `chart "${cell.name}": data "${cell.data}" has no result`);
  const problem = chartProblem(cell.spec, result, locale);
  if (problem) throw new NotebookError(nb.path, cell.line, `chart "${cell.name}": ${problem}`);
  const method = readLocalized(cell.spec, 'method');
  if (!method) throw new NotebookError(nb.path, cell.line, `chart "${cell.name}": every chart states its method (add method_zh and method_en, with its n)`);
  // A chart with nothing to draw shows its reason alone, not an empty frame of axes.
  const empty = chartIsEmpty(cell.spec, result, locale);
  const draw = (width: number | undefined) =>
    empty && cell.spec.type !== 'table' ? '' : accessibleMarkup(renderChart(cell.spec, result, { document, locale, ...(width ? { width } : {}) }), document);
  const body = draw(options.width);
  const narrow = options.narrowWidth && cell.spec.type !== 'table' ? draw(options.narrowWidth) : '';
  return {
    title: inline(nb, cell.line, localize(readLocalized(cell.spec, 'title'), locale), results, locale),
    body,
    narrow: narrow === body ? '' : narrow,
    summary: chartSummary(cell.spec, result, locale),
    table: cell.spec.type === 'table' ? '' : renderDataTable(cell.spec, result, locale),
    method: inline(nb, cell.line, localize(method, locale), results, locale),
    empty,
    emptyText: inline(nb, cell.line, localize(readLocalized(cell.spec, 'empty'), locale), results, locale),
  };
}

/** A sql cell marked `display`: its result as a table. */
export function sqlTable(cell: SqlCell, results: CellResults, locale: Locale): string {
  const result = results[cell.name];
  return result ? renderResultTable(result, locale) : '';
}

/** Prose Markdown → HTML, with inline values as updatable spans. Authors' Markdown is trusted; data is escaped. */
export function proseHtml(nb: Notebook, block: ProseBlock, results: CellResults, locale: Locale): string {
  return marked.parse(inline(nb, block.line, block.markdown, results, locale), { async: false });
}
