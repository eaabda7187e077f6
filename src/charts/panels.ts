/**
 * Panels (small multiples), one way for every chart type that draws them: rows grouped by a key in
 * first-appearance order, as many panels per row as fit the width, each placed by its column and
 * line. Plot's facets draw them where one drawing can hold every panel (heatmap: `fx`/`fy` over
 * the column and line); the importance–performance grid places its panels' frames in pixels from
 * the same grid (its labels are laid out per frame before Plot draws), and small multiples over
 * time, each panel on its own y scale, are separate SVGs that the page's CSS grid lays out.
 */
import type { Row } from '../db/types.ts';

/** Rows grouped by `keyOf`, the groups in the order their first row appears. */
export function groupPanels(rows: readonly Row[], keyOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * How many panels per row fit `room` px (each at least `min` wide, `gap` between them, at most
 * `max` per row; always at least one), and how many rows they take.
 */
export function panelGrid(count: number, room: number, fit: { min: number; gap?: number; max?: number }): { perRow: number; rows: number } {
  const gap = fit.gap ?? 0;
  const perRow = Math.max(1, Math.min(count, fit.max ?? Number.POSITIVE_INFINITY, Math.floor((room + gap) / (fit.min + gap))));
  return { perRow, rows: Math.ceil(count / perRow) };
}

/** The `i`-th panel's column and line on a grid `perRow` panels wide, in reading order. */
export function panelPlace(i: number, perRow: number): { col: number; line: number } {
  return { col: i % perRow, line: Math.floor(i / perRow) };
}
