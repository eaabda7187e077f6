import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { accessibleMarkup, chartSummary, readableOn } from '../../src/charts/accessible.ts';
import { contrast } from '../../src/charts/colour.ts';
import { renderChart } from '../../src/charts/render.ts';
import type { QueryResult, Row } from '../../src/db/types.ts';
import { NARROW_CHART_WIDTH, chartParts } from '../../src/notebook/render.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';
import type { ChartCell } from '../../src/notebook/types.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;

function result(rows: Row[]): QueryResult {
  return { columns: Object.keys(rows[0] ?? {}).map((name) => ({ name, type: '' })), rows };
}

const banks = result([
  { name_zh: '招商银行', name_en: 'CMB', nps: 35.46, color: '#c8102e' },
  { name_zh: '平安银行', name_en: 'Ping An', nps: 13.5, color: '#f39200' },
  { name_zh: '工商银行', name_en: 'ICBC', nps: -4.25, color: '#1f4e9c' },
]);

describe('chart text alternatives', () => {
  it('lists a short chart\'s categories with their values as the chart formats them, in the reader\'s language', () => {
    const spec = { type: 'dot', x: 'nps', y: 'name', color: 'color', format: '.1f' };
    expect(chartSummary(spec, banks, 'en')).toBe('Dot chart: CMB 35.5, Ping An 13.5, ICBC −4.3.');
    expect(chartSummary(spec, banks, 'zh')).toBe('点图：招商银行 35.5、平安银行 13.5、工商银行 −4.3。');
  });

  it('gives the extremes of a long chart, facets and significance marks included', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ dim: i < 6 ? 'Tangibles' : 'Empathy', label: `item ${i + 1}`, value: i === 4 ? -0.9 : i === 9 ? 0.4 : 0.1 * (i % 3) - 0.1, sig: i === 4 }));
    const text = chartSummary({ type: 'diverging', x: 'value', y: 'label', fy: 'dim', significant: 'sig' }, result(rows), 'en');
    expect(text).toBe('Diverging bar chart: 12 values: lowest Tangibles · item 5 −0.9*, highest Empathy · item 10 0.4.');
  });

  it('describes a line by its span, first and last value and extremes; several lines by each one\'s latest value', () => {
    const one = result([
      { quarter: '2025Q2', nps: 20 },
      { quarter: '2025Q1', nps: 25 },
      { quarter: '2025Q3', nps: 30.25 },
    ]);
    expect(chartSummary({ type: 'line', x: 'quarter', y: 'nps', format: '.1f' }, one, 'en')).toBe(
      'Line chart: 2025Q1 to 2025Q3 (3 points); from 25.0 in 2025Q1 to 30.3 in 2025Q3; lowest 20.0 (2025Q2), highest 30.3 (2025Q3).',
    );
    const two = result([
      { quarter: '2025Q1', bank: 'cmb', name_en: 'CMB', name_zh: '招商银行', nps: 25 },
      { quarter: '2025Q2', bank: 'cmb', name_en: 'CMB', name_zh: '招商银行', nps: 30 },
      { quarter: '2025Q1', bank: 'icbc', name_en: 'ICBC', name_zh: '工商银行', nps: 10 },
      { quarter: '2025Q2', bank: 'icbc', name_en: 'ICBC', name_zh: '工商银行', nps: 12 },
    ]);
    expect(chartSummary({ type: 'line', x: 'quarter', y: 'nps', z: 'bank' }, two, 'zh')).toBe('折线图：2025Q1 至 2025Q2（2 个时点）, 2 条线；2025Q2 的值：招商银行 30、工商银行 12。');
  });

  it('describes small multiples panel by panel, each value in its row\'s format', () => {
    const rows = [
      { panel: 'NPS', period: '2025Q1', mid: 1, bank: 'cmb', name_en: 'CMB', value: 20, format: '.1f' },
      { panel: 'NPS', period: '2025Q2', mid: 2, bank: 'cmb', name_en: 'CMB', value: 22, format: '.1f' },
      { panel: 'CES', period: '2025Q2', mid: 2, bank: 'cmb', name_en: 'CMB', value: 5.123, format: '.2f' },
    ];
    const text = chartSummary({ type: 'multiples', panel: 'panel', x: 'mid', y: 'value', z: 'bank', period: 'period', formatColumn: 'format' }, result(rows), 'en');
    expect(text).toBe('Small multiples: 2 panels; NPS: 2025Q1 to 2025Q2 (2 points); from 20.0 in 2025Q1 to 22.0 in 2025Q2; lowest 20.0 (2025Q1), highest 22.0 (2025Q2); CES: 2025Q2 only; from 5.12 in 2025Q2 to 5.12 in 2025Q2; lowest 5.12 (2025Q2), highest 5.12 (2025Q2).');
  });

  it('names each quadrant of an importance–performance grid with its attributes, per panel', () => {
    const rows = [
      { label: 'Fees', perf: 50, imp: 0.3, bank: 'A' },
      { label: 'App', perf: 80, imp: 0.3, bank: 'A' },
      { label: 'Branch', perf: 50, imp: 0.1, bank: 'A' },
      { label: 'Staff', perf: 80, imp: 0.1, bank: 'A' },
      { label: 'Fees', perf: 60, imp: 0.3, bank: 'B' },
      { label: 'App', perf: 70, imp: 0.1, bank: 'B' },
    ];
    expect(chartSummary({ type: 'ipa', x: 'perf', y: 'imp', label: 'label' }, result(rows.slice(0, 4)), 'en')).toBe(
      'Importance–performance grid: 4 attributes, performance across, importance up; Concentrate here: Fees; Keep up the good work: App; Low priority: Branch; Possible overkill: Staff.',
    );
    expect(chartSummary({ type: 'ipa', x: 'perf', y: 'imp', label: 'label', fx: 'bank' }, result(rows), 'zh')).toBe(
      '重要性–表现矩阵：4 个属性，横轴为表现，纵轴为重要性；A — 重点改进区：Fees；继续保持区：App；低优先区：Branch；过度投入区：Staff；B — 重点改进区：Fees；过度投入区：App。',
    );
  });

  it('reads the five-gap model gap by gap, "not measured" where a gap has no value', () => {
    const rows = [
      { gap: 1, value: -0.42, sig: true },
      { gap: 5, value: 0.1, sig: false },
    ];
    expect(chartSummary({ type: 'gapmodel', gap: 'gap', x: 'value', significant: 'sig' }, result(rows), 'en')).toBe(
      'Five-gap model diagram: Gap 1 · knowledge −0.42*; Gap 2 · standards not measured; Gap 3 · delivery not measured; Gap 4 · communications not measured; Gap 5 · customer gap +0.10.',
    );
  });

  it('says when there are no rows, gives other chart types a generic summary, and none for a table', () => {
    expect(chartSummary({ type: 'dot', x: 'nps', y: 'name' }, { columns: banks.columns, rows: [] }, 'en')).toBe('Dot chart: no data for the current filters.');
    const heat = result([
      { stage: 'Apply', channel: 'App', share: 0.4 },
      { stage: 'Apply', channel: 'Branch', share: 0.6 },
    ]);
    expect(chartSummary({ type: 'heatmap', x: 'channel', y: 'stage', fill: 'share', format: '.0%' }, heat, 'en')).toBe('Heatmap: App · Apply 40%, Branch · Apply 60%.');
    expect(chartSummary({ type: 'someday', x: 'a' }, result([{ a: 'x' }]), 'en')).toBe('Chart: 1 row.');
    expect(chartSummary({ type: 'table' }, banks, 'en')).toBe('');
  });
});

describe('chart markup for assistive technology', () => {
  it('moves the names Plot gives its inner marks out of ARIA (the figure is one image), keeping them as data-mark', () => {
    const svg = renderChart({ type: 'dot', x: 'nps', y: 'name' }, banks, { document, locale: 'en' });
    expect(svg).toContain('aria-label="dot"');
    const clean = accessibleMarkup(svg, document);
    expect(clean).not.toMatch(/aria-(label|description)=/);
    const dom = new JSDOM(clean).window.document;
    expect(dom.querySelectorAll('g[data-mark="dot"] circle')).toHaveLength(3);
    expect(accessibleMarkup('<table><tr><td>a</td></tr></table>', document)).toBe('<table><tr><td>a</td></tr></table>');
  });

  it('makes text in data colours readable on the light and the dark theme, leaving marks and readable text alone', () => {
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    const white = rgb('#ffffff');
    const dark = rgb('#15171b');
    // An orange bank colour on white (2.4:1) and a dark blue one on the dark theme (2.3:1).
    for (const [colour, bg] of [['#f39200', white], ['#1f4e9c', dark]] as const) {
      expect(contrast(rgb(colour), bg)).toBeLessThan(3);
      expect(contrast(rgb(readableOn(colour, bg === white ? '#ffffff' : '#15171b')), bg)).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableOn('#1f4e9c', '#ffffff')).toBe('#1f4e9c');
    const svg =
      '<svg viewBox="0 0 10 10"><g fill="#f39200"><circle r="2"></circle></g><g class="cx-text-on-page" fill="#1f4e9c"><text>12.1</text></g>' +
      '<g class="cx-text-on-page"><text fill="#f39200">13.5</text><text fill="currentColor">x</text></g><g class="bar-value"><text fill="#ffffff">40%</text></g></svg>';
    const dom = new JSDOM(accessibleMarkup(svg, document)).window.document;
    expect(dom.querySelector('circle')!.parentElement!.getAttribute('fill')).toBe('#f39200');
    const blue = dom.querySelector('g[fill] > text')!.parentElement!;
    expect(blue.getAttribute('fill')).toBe('#1f4e9c');
    expect(blue.getAttribute('style')).toMatch(/^fill: light-dark\(#1f4e9c, #[0-9a-f]{6}\)$/);
    const [orange, plain] = [...dom.querySelectorAll('g:not([fill]) > text')];
    expect(orange!.getAttribute('fill')).not.toBe('#f39200');
    expect(orange!.getAttribute('style')).toBe(`fill: light-dark(${orange!.getAttribute('fill')}, #f39200)`);
    // Ink over a bar chose its colour against the bar: untouched.
    expect(dom.querySelector('.bar-value text')!.getAttribute('fill')).toBe('#ffffff');
    expect(dom.querySelector('.bar-value text')!.getAttribute('style')).toBeNull();
    expect(plain!.getAttribute('style')).toBeNull();
  });

  it('gives chart parts a summary and, when asked, a narrow drawing that differs from the wide one', () => {
    const nb = parseNotebook(
      ['---', 'title: T', '---', '```sql d', 'SELECT 1', '```', '```chart c', 'type: dot', 'data: d', 'x: nps', 'y: name', 'method: m, n = 3', '```', '```chart t', 'type: table', 'data: d', 'method: m, n = 3', '```'].join('\n'),
      'pages/t.md',
      't',
    );
    const [dot, table] = nb.blocks.filter((b) => b.kind === 'chart') as ChartCell[];
    const parts = chartParts(nb, dot!, { d: banks }, 'en', document, { narrowWidth: NARROW_CHART_WIDTH });
    expect(parts.summary).toBe('Dot chart: CMB 35.5, Ping An 13.5, ICBC −4.3.');
    expect(parts.body).toContain('width="640"');
    expect(parts.narrow).toContain(`width="${NARROW_CHART_WIDTH}"`);
    expect(chartParts(nb, dot!, { d: banks }, 'en', document, { width: 300 }).body).toContain('width="300"');
    expect(chartParts(nb, dot!, { d: banks }, 'en', document).narrow).toBe('');
    const tableParts = chartParts(nb, table!, { d: banks }, 'en', document, { narrowWidth: NARROW_CHART_WIDTH });
    expect(tableParts.narrow).toBe('');
    expect(tableParts.summary).toBe('');
  });
});
