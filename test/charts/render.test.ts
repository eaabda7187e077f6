import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { chartProblem, renderChart, renderDataTable, renderResultTable } from '../../src/charts/render.ts';
import { chartParts } from '../../src/notebook/render.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';
import type { ChartCell } from '../../src/notebook/types.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const result = {
  columns: ['name_zh', 'name_en', 'nps', 'lo', 'hi', 'color', 'quarter', 'comment'].map((name) => ({ name, type: '' })),
  rows: [
    { name_zh: '招商银行', name_en: 'CMB', nps: 31.25, lo: 28, hi: 34.5, color: '#c8102e', quarter: '2025Q1', comment: '<script>x()</script>' },
    { name_zh: '工商银行', name_en: 'ICBC', nps: -4.5, lo: -8, hi: -1, color: '#1f4e9c', quarter: '2025Q2', comment: '=1+2' },
  ],
};

describe('chart types', () => {
  it('draws dots with error bars, labelled in the reader\'s language', () => {
    const spec = { type: 'dot', x: 'nps', y: 'name', xError: ['lo', 'hi'], color: 'color', format: '.1f' };
    const zh = renderChart(spec, result, { document, locale: 'zh' });
    const dom = new JSDOM(zh).window.document;
    expect(dom.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(2);
    expect(dom.querySelectorAll('g[aria-label="rule"] line')).toHaveLength(2);
    expect(zh).toContain('招商银行');
    expect(zh).toContain('31.3');
    expect(zh).toContain('#c8102e');
    expect(renderChart(spec, result, { document, locale: 'en' })).toContain('ICBC');
  });

  it('draws a line over quarters with its band', () => {
    const svg = renderChart({ type: 'line', x: 'quarter', y: 'nps', band: ['lo', 'hi'] }, result, { document, locale: 'en' });
    const dom = new JSDOM(svg).window.document;
    expect(dom.querySelectorAll('g[aria-label="area"] path')).toHaveLength(1);
    expect(dom.querySelectorAll('g[aria-label="line"] path')).toHaveLength(1);
    expect(svg).toContain('2025Q1');
  });

  it('names the series of a line chart with several in a legend, and writes months in the reader language', () => {
    const rows = ['2025-11', '2025-12'].flatMap((period) => [
      { period, bank: 'cmb', name_zh: '招商银行', name_en: 'China Merchants Bank', color: '#c8102e', value: 1 },
      { period, bank: 'icbc', name_zh: '工商银行', name_en: 'ICBC', color: '#1f5fa8', value: 2 },
    ]);
    const data = { columns: Object.keys(rows[0]!).map((name) => ({ name, type: '' })), rows };
    const spec = { type: 'line', x: 'period', y: 'value', z: 'bank', seriesName: 'name', color: 'color' };
    const zh = new JSDOM(renderChart(spec, data, { document, locale: 'zh' })).window.document;
    expect([...zh.querySelectorAll('g.cx-series-name text')].map((t) => t.textContent)).toEqual(['招商银行', '工商银行']);
    expect([...zh.querySelectorAll('g.cx-series-name rect')].map((r) => r.getAttribute('fill'))).toEqual(['#c8102e', '#1f5fa8']);
    expect([...zh.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent)).toEqual(['2025年11月', '2025年12月']);
    const en = new JSDOM(renderChart(spec, data, { document, locale: 'en' })).window.document;
    expect([...en.querySelectorAll('g.cx-series-name text')].map((t) => t.textContent)).toEqual(['China Merchants Bank', 'ICBC']);
    expect([...en.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent)).toEqual(['Nov 2025', 'Dec 2025']);
    // One series: no legend.
    const one = { ...data, rows: rows.filter((r) => r.bank === 'cmb') };
    expect(new JSDOM(renderChart(spec, one, { document, locale: 'en' })).window.document.querySelector('.cx-series-name')).toBeNull();
  });

  it('renders tables with values as text', () => {
    const html = renderResultTable(result, 'en');
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    const chartTable = renderDataTable({ type: 'dot', x: 'comment', y: 'name' }, result, 'en');
    expect(chartTable).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(chartTable).not.toContain('<script>');
  });

  it("shows a chart's data as the chart's own columns, headed in the reader's language and formatted as drawn", () => {
    const spec = { type: 'dot', x: 'nps', y: 'name', xError: ['lo', 'hi'], color: 'color', format: '.1f', xLabel_zh: '净推荐值', xLabel_en: 'NPS', yLabel_zh: '银行', yLabel_en: 'Bank' };
    const table = (locale: 'zh' | 'en') => {
      const dom = new JSDOM(renderDataTable(spec, result, locale)).window.document;
      return {
        ids: [...dom.querySelectorAll('th')].map((th) => th.getAttribute('data-column')),
        head: [...dom.querySelectorAll('th')].map((th) => th.textContent),
        rows: [...dom.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      };
    };
    const en = table('en');
    // No colour, no unused column (comment, quarter); ids are the spec's names, the same in both languages.
    expect(en.ids).toEqual(['name', 'nps', 'lo', 'hi']);
    expect(en.head).toEqual(['Bank', 'NPS', 'NPS (lower bound)', 'NPS (upper bound)']);
    expect(en.rows[0]).toEqual(['CMB', '31.3', '28.0', '34.5']);
    const zh = table('zh');
    expect(zh.ids).toEqual(en.ids);
    expect(zh.head).toEqual(['银行', '净推荐值', '净推荐值（下限）', '净推荐值（上限）']);
    expect(zh.rows[1]).toEqual(['工商银行', '−4.5', '−8.0', '−1.0']);
    // Without labels the headers are still words of the reader's language, never column ids.
    const bare = new JSDOM(renderDataTable({ type: 'line', x: 'quarter', y: 'nps', band: ['lo', 'hi'] }, result, 'zh')).window.document;
    expect([...bare.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['期间', '数值', '数值（下限）', '数值（上限）']);
  });

  it('wraps every cell of a free-text column marked wrap, short ones too', () => {
    const html = renderChart({ type: 'table', columns: [{ column: 'comment', wrap: true }, 'quarter'] }, result, { document, locale: 'en' });
    const dom = new JSDOM(html).window.document;
    expect([...dom.querySelectorAll('tbody td:first-child')].map((td) => td.className)).toEqual(['text', 'text']);
    expect([...dom.querySelectorAll('tbody td:nth-child(2)')].map((td) => td.className)).toEqual(['', '']);
  });

  it('pages a long table: every row is in the markup, rows past the first page are hidden, the pager says where the reader is', () => {
    const many = { columns: [{ name: 'i', type: 'INTEGER' }], rows: Array.from({ length: 45 }, (_, i) => ({ i })) };
    const html = renderChart({ type: 'table', pageSize: 20 }, many, { document, locale: 'en' });
    const dom = new JSDOM(html).window.document;
    const rows = [...dom.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(45);
    expect(rows.filter((r) => !r.hasAttribute('hidden'))).toHaveLength(20);
    expect(dom.querySelector('[data-pager]')!.getAttribute('data-page-size')).toBe('20');
    expect(dom.querySelector('.pager-status')!.textContent).toBe('1–20 of 45');
    expect(dom.querySelector('button[data-page-step="-1"]')!.hasAttribute('disabled')).toBe(true);
    expect(new JSDOM(renderChart({ type: 'table', pageSize: 20 }, many, { document, locale: 'zh' })).window.document.querySelector('.pager-status')!.textContent).toBe('第 1–20 条，共 45 条');
    // A table that fits one page gets no pager.
    expect(renderChart({ type: 'table', pageSize: 50 }, many, { document, locale: 'en' })).not.toContain('data-pager');
  });

  it.each([
    [{ type: 'pie', x: 'nps', y: 'name' }, /unknown chart type "pie" \(built-in types: dot, bar, line, ipa, diverging, gapmodel, emotionmap, stacked, heatmap, multiples, table\)/],
    [{ type: 'dot', x: 'nps' }, /chart type dot needs y/],
    [{ type: 'dot', x: 'npz', y: 'name' }, /unknown column "npz"/],
    [{ type: 'line', x: 'quarter', y: 'nps', band: ['lo', 'high'] }, /unknown column "high"/],
  ])('names spec mistakes: %j', (spec, message) => {
    expect(chartProblem(spec, result, 'en')).toMatch(message);
  });

  it('fails a chart without a method note, pointing at its page line', () => {
    const nb = parseNotebook('```sql d\nSELECT 1 AS x, 2 AS y\n```\n\n```chart c\ntype: dot\ndata: d\nx: x\ny: y\n```', 'pages/m.md', 'm');
    const cell = nb.blocks.find((b) => b.kind === 'chart') as ChartCell;
    const one = { columns: [{ name: 'x', type: '' }, { name: 'y', type: '' }], rows: [{ x: 1, y: 2 }] };
    expect(() => chartParts(nb, cell, { d: one }, 'en', document)).toThrow('pages/m.md:5: chart "c": every chart states its method');
  });
});
