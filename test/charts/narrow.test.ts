import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/render.ts';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { NARROW_CHART_WIDTH } from '../../src/notebook/render.ts';

/** Charts drawn at a phone's width (the build's narrow copy, or the browser at the figure's width) stay legible. */

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

function result(rows: Row[]): QueryResult {
  return { columns: Object.keys(rows[0] ?? {}).map((name) => ({ name, type: '' })), rows };
}

function draw(spec: Record<string, unknown>, rows: Row[], width: number, locale: 'zh' | 'en' = 'en'): Document {
  return new JSDOM(renderChart(spec, result(rows), { document, locale, width })).window.document;
}

const texts = (dom: Document, selector: string) => [...dom.querySelectorAll(selector)].map((t) => t.textContent);

describe('charts at a phone\'s width', () => {
  it('labels every k-th quarter of a line, counted back from the latest, when all would not fit', () => {
    const quarters = ['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3'];
    const rows = quarters.map((quarter, i) => ({ quarter, nps: 10 + i }));
    const spec = { type: 'line', x: 'quarter', y: 'nps' };
    expect(texts(draw(spec, rows, 640), 'g[aria-label="x-axis tick label"] text')).toEqual(quarters);
    const narrow = texts(draw(spec, rows, NARROW_CHART_WIDTH), 'g[aria-label="x-axis tick label"] text');
    expect(narrow).toEqual(['2025Q1', '2025Q3', '2026Q1', '2026Q3']);
  });

  it('shrinks the grid\'s quadrant names until two fit side by side', () => {
    const rows = [
      { label: 'A', x: 50, y: 0.3 },
      { label: 'B', x: 80, y: 0.1 },
    ];
    const spec = { type: 'ipa', x: 'x', y: 'y', label: 'label' };
    const size = (dom: Document) => Number(dom.querySelector('.ipa-quadrant-keep')!.getAttribute('font-size'));
    expect(size(draw(spec, rows, 640))).toBe(12);
    const narrow = size(draw(spec, rows, NARROW_CHART_WIDTH));
    expect(narrow).toBeLessThan(12);
    // "Concentrate here" + "Keep up the good work" at ≈ 0.6 em a character, with three insets, within the frame (360 − 56 − 20).
    expect(('Concentrate here'.length + 'Keep up the good work'.length) * 0.6 * narrow + 18).toBeLessThanOrEqual(284);
  });

  it('draws the five-gap model taller, each gap as "Gap n" and its value (the interval is in its table)', () => {
    const rows = [{ gap: 4, value: -0.12, lo: -0.17, hi: -0.07, sig: true }];
    const spec = { type: 'gapmodel', gap: 'gap', x: 'value', xError: ['lo', 'hi'], significant: 'sig' };
    const wide = draw(spec, rows, 640);
    expect(wide.body.innerHTML).toContain('Gap 4 · communications');
    expect(wide.body.innerHTML).toContain('[−0.17, −0.07]');
    const narrow = draw(spec, rows, NARROW_CHART_WIDTH, 'zh');
    expect(narrow.querySelector('svg')!.getAttribute('height')).toBe(String(Math.round(NARROW_CHART_WIDTH * 1.7)));
    expect(narrow.body.innerHTML).toContain('差距 4');
    expect(narrow.body.innerHTML).not.toContain('沟通差距');
    expect(narrow.body.innerHTML).not.toContain('[−0.17');
  });

  it('gives a diverging chart\'s labels at most about a third of a narrow chart, wrapping long ones onto two lines, then cutting', () => {
    const rows = [
      { label: 'Employees give personal attention', value: -0.4 },
      { label: 'Up-to-date equipment', value: 0.3 },
    ];
    const spec = { type: 'diverging', x: 'value', y: 'label' };
    expect(texts(draw(spec, rows, 640), 'g[aria-label="y-axis tick label"] text')[0]).toBe(rows[0]!.label);
    // Lines of a wrapped label are tspans: joined with a space, the label reads whole.
    const narrow = [...draw(spec, rows, NARROW_CHART_WIDTH).querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) =>
      t.querySelectorAll('tspan').length ? [...t.querySelectorAll('tspan')].map((l) => l.textContent).join(' ') : t.textContent,
    );
    // Wrapped before cut: the shorter fits on two lines in a phone's drawing; the longer, too long for two, is cut.
    expect(narrow[1]).toBe('Up-to-date equipment');
    expect(draw(spec, rows, NARROW_CHART_WIDTH).querySelectorAll('g[aria-label="y-axis tick label"] text')[1]!.querySelectorAll('tspan')).toHaveLength(2);
    expect(narrow[0]).toMatch(/^Employees give.*…$/);
  });
});
