import type { QueryResult } from '../db/types.ts';
import { formatValue, localizedColumn } from './format.ts';
import { escapeHtml } from './html.ts';
import type { Locale } from './types.ts';

/** `{cell.column}` or `{cell.column:d3format}`: the first row's value of a cell's column. */
const INLINE = /\{([A-Za-z_]\w*)\.([A-Za-z_]\w*)(?::([^{}]+))?\}/g;

export interface InlineRef {
  cell: string;
  column: string;
  format?: string;
}

export function inlineRefs(text: string): InlineRef[] {
  return [...text.matchAll(INLINE)].map((m) => ({ cell: m[1]!, column: m[2]!, format: m[3] }));
}

export function inlineText(ref: InlineRef, results: Record<string, QueryResult>, locale: Locale): string {
  return formatValue(localizedColumn(results[ref.cell]?.rows[0], ref.column, locale), ref.format);
}

/**
 * Replaces inline references with spans that carry the reference, so the browser can update them
 * after a re-run. Values are escaped: data never becomes markup.
 */
export function renderInline(text: string, results: Record<string, QueryResult>, locale: Locale, knownCells: Set<string>, onUnknown: (ref: InlineRef) => never): string {
  return text.replace(INLINE, (_all, cell: string, column: string, format?: string) => {
    const ref = { cell, column, format };
    if (!knownCells.has(cell)) onUnknown(ref);
    const attrs = `data-cell="${escapeHtml(cell)}" data-column="${escapeHtml(column)}"${format ? ` data-format="${escapeHtml(format)}"` : ''}`;
    return `<span class="inline-value" ${attrs}>${escapeHtml(inlineText(ref, results, locale))}</span>`;
  });
}

/** Plain-text form (for titles, alt text): no markup. */
export function renderInlinePlain(text: string, results: Record<string, QueryResult>, locale: Locale): string {
  return text.replace(INLINE, (_all, cell: string, column: string, format?: string) => inlineText({ cell, column, format }, results, locale));
}
