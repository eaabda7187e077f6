import type { QueryResult, SqlValue } from '../db/types.ts';
import { formatValue, localizedColumn } from '../text/format.ts';
import { escapeHtml } from '../text/html.ts';
import type { Locale } from '../text/locale.ts';

/**
 * `{cell.column}`, `{cell.column:d3format}`, and either with `?? text`: the first row's value of a
 * cell's column, or the text when the value is missing (a page's way of saying why, e.g.
 * `{kpi.prev_quarter ?? no earlier quarter}`). A d3 format never contains `?`.
 */
const INLINE = /\{([A-Za-z_]\w*)\.([A-Za-z_]\w*)(?::([^{}?]+?))?(?:\s*\?\?\s*([^{}]*?))?\s*\}/g;

export interface InlineRef {
  cell: string;
  column: string;
  format?: string | undefined;
  /** Shown instead of "–" when the value is missing. */
  fallback?: string | undefined;
}

function refOf(m: RegExpMatchArray | string[]): InlineRef {
  return { cell: m[1]!, column: m[2]!, format: m[3]?.trim() || undefined, fallback: m[4] };
}

export function inlineRefs(text: string): InlineRef[] {
  return [...text.matchAll(INLINE)].map(refOf);
}

/** The value an inline reference prints, or undefined when it is missing (no row, null, not finite). */
export function inlineValue(ref: InlineRef, results: Record<string, QueryResult>, locale: Locale): SqlValue | undefined {
  const value = localizedColumn(results[ref.cell]?.rows[0], ref.column, locale);
  return value === null || (typeof value === 'number' && !Number.isFinite(value)) ? undefined : value;
}

export function inlineText(ref: InlineRef, results: Record<string, QueryResult>, locale: Locale): string {
  const value = inlineValue(ref, results, locale);
  return value === undefined && ref.fallback !== undefined ? ref.fallback : formatValue(value, ref.format);
}

/**
 * Replaces inline references with spans that carry the reference, so the browser can update them
 * after a re-run. Values are escaped: data never becomes markup.
 */
export function renderInline(text: string, results: Record<string, QueryResult>, locale: Locale, knownCells: Set<string>, onUnknown: (ref: InlineRef) => never): string {
  return text.replace(INLINE, (...m: string[]) => {
    const ref = refOf(m);
    if (!knownCells.has(ref.cell)) onUnknown(ref);
    const attrs = `data-cell="${escapeHtml(ref.cell)}" data-column="${escapeHtml(ref.column)}"${ref.format ? ` data-format="${escapeHtml(ref.format)}"` : ''}${
      ref.fallback !== undefined ? ` data-fallback="${escapeHtml(ref.fallback)}"` : ''
    }`;
    return `<span class="inline-value" ${attrs}>${escapeHtml(inlineText(ref, results, locale))}</span>`;
  });
}

/** Plain-text form (for titles, alt text): no markup. */
export function renderInlinePlain(text: string, results: Record<string, QueryResult>, locale: Locale): string {
  return text.replace(INLINE, (...m: string[]) => inlineText(refOf(m), results, locale));
}
