/** Targets as reference marks (`target:`): drawn with their label, in the text alternative and the data table; nothing without them. */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { chartSummary } from '../../src/charts/accessible.ts';
import { renderChart, renderDataTable } from '../../src/charts/render.ts';
import { TARGET_CLASS, TARGET_DASH } from '../../src/charts/target.ts';
import type { QueryResult, Row } from '../../src/db/types.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const table = (rows: Row[]): QueryResult => ({ columns: Object.keys(rows[0]!).map((name) => ({ name, type: '' })), rows });
const parse = (html: string) => new JSDOM(html).window.document;
const targetTexts = (doc: Document) => [...doc.querySelectorAll(`g.${TARGET_CLASS} text, text.${TARGET_CLASS}`)].map((t) => t.textContent);

const banks = (target: (bank: string) => number | null, label: string | null = null) =>
  table(
    [
      { bank: 'cmb', name_zh: '招商银行', name_en: 'China Merchants Bank', nps: 31.04 },
      { bank: 'pab', name_zh: '平安银行', name_en: 'Ping An Bank', nps: 13.5 },
    ].map((r) => ({ ...r, target: target(r.bank), target_label_zh: label, target_label_en: label })),
  );
const dot = { type: 'dot', x: 'nps', y: 'name', format: '.1f', target: 'target', targetName: 'target_label' };

describe('targets on charts', () => {
  it('a dot chart draws a dashed rule at each bank’s target with its label, and reads it in its summary and table', () => {
    const data = banks((b) => (b === 'cmb' ? 35 : null));
    const doc = parse(renderChart(dot, data, { document, locale: 'en' }));
    const rules = doc.querySelectorAll(`g.${TARGET_CLASS} line, g.${TARGET_CLASS} path`);
    expect(rules.length).toBe(1); // only cmb has a target
    expect(doc.querySelector(`g.${TARGET_CLASS}[stroke-dasharray="${TARGET_DASH}"]`)).not.toBeNull();
    expect(doc.querySelector(`g.${TARGET_CLASS}`)!.getAttribute('stroke')).toBe('currentColor');
    expect(targetTexts(doc)).toEqual(['target 35']);
    expect(targetTexts(parse(renderChart(dot, data, { document, locale: 'zh' })))).toEqual(['目标 35']);
    expect(chartSummary(dot, data, 'en')).toBe('Dot chart: China Merchants Bank 31.0, Ping An Bank 13.5; targets: China Merchants Bank 31.0, target 35: below.');
    expect(chartSummary(dot, data, 'zh')).toBe('点图：招商银行 31.0、平安银行 13.5；目标：招商银行 31.0，目标 35：低于目标。');
    const tableDoc = parse(renderDataTable(dot, data, 'en'));
    expect([...tableDoc.querySelectorAll('th')].map((t) => t.textContent)).toEqual(['Category', 'Value', 'Target']);
    expect([...tableDoc.querySelectorAll('tbody tr:first-child td')].map((t) => t.textContent)).toEqual(['China Merchants Bank', '31.0', '35.0']);
  });

  it('a target’s own label names it, once for rows that share it, and hostile text in it stays text', () => {
    const data = banks(() => 35, '<img src=x onerror=alert(1)>');
    const svg = renderChart(dot, data, { document, locale: 'en' });
    expect(svg).not.toContain('<img');
    // Both banks share the target: two rules, one label.
    expect(parse(svg).querySelectorAll(`g.${TARGET_CLASS} line`).length).toBe(2);
    expect(targetTexts(parse(svg))).toEqual(['<img src=x onerror=alert(1)> 35']);
    expect(renderDataTable(dot, data, 'en')).toContain('&lt;img src=x');
    // A long name is cut on the chart; the table keeps it whole.
    const long = banks(() => 35, 'W'.repeat(2000));
    const [mark] = targetTexts(parse(renderChart(dot, long, { document, locale: 'en' })));
    expect(mark!.length).toBeLessThan(50);
    expect(mark).toMatch(/^W+… 35$/);
    expect(renderDataTable(dot, long, 'en')).toContain('W'.repeat(2000));
  });

  it('without targets a chart is drawn, summarised and tabulated exactly as without the option', () => {
    const data = banks(() => null);
    const plain = { type: 'dot', x: 'nps', y: 'name', format: '.1f' };
    expect(renderChart(dot, data, { document, locale: 'en' })).toBe(renderChart(plain, data, { document, locale: 'en' }));
    expect(chartSummary(dot, data, 'en')).toBe(chartSummary(plain, data, 'en'));
    expect(renderDataTable(dot, data, 'zh')).toBe(renderDataTable(plain, data, 'zh'));
  });

  it('a line chart draws the targets over the periods, widens its axis to them and reads the latest', () => {
    const data = table(
      ['2025Q3', '2025Q4', '2026Q1'].map((quarter, i) => ({ quarter, nps: 20 + i, target: quarter < '2026Q1' ? 40 : 45, target_label_zh: null, target_label_en: '2026 goal' })),
    );
    const spec = { type: 'line', x: 'quarter', y: 'nps', format: '.1f', target: 'target', targetName: 'target_label' };
    const doc = parse(renderChart(spec, data, { document, locale: 'en' }));
    expect(doc.querySelectorAll(`g.${TARGET_CLASS} path`).length).toBe(2); // 40 for two quarters, 45 after
    expect(targetTexts(doc).sort()).toEqual(['2026 goal 40', '2026 goal 45']);
    // The y axis reaches the highest target.
    const ticks = [...doc.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => Number(t.textContent!.replace('−', '-')));
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(44);
    expect(chartSummary(spec, data, 'en')).toContain('targets: 22.0, 2026 goal 45: below');
  });

  it('small multiples draw a shared target once per panel, and name panel and series in the summary', () => {
    const rows = ['cmb', 'pab'].flatMap((bank, b) =>
      ['2025Q4', '2026Q1'].map((period, i) => ({ panel_en: 'NPS', bank, name_en: bank.toUpperCase(), period, mid: period === '2025Q4' ? '2025-11-15' : '2026-02-14', value: 30 + b * 10 + i, format: '.1f', target: 35, target_label_en: null })),
    );
    const spec = { type: 'multiples', panel: 'panel', x: 'mid', y: 'value', z: 'bank', seriesName: 'name', period: 'period', formatColumn: 'format', target: 'target', targetName: 'target_label' };
    const doc = parse(renderChart(spec, table(rows), { document, locale: 'en' }));
    expect(doc.querySelectorAll(`g.${TARGET_CLASS} path`).length).toBe(1);
    expect(targetTexts(doc)).toEqual(['target 35']);
    expect(chartSummary(spec, table(rows), 'en')).toContain('targets: NPS · CMB 31.0, target 35: below; NPS · PAB 41.0, target 35: above');
  });

  it('a table column marked optional shows only when some row has a value (a target column without targets.csv)', () => {
    const spec = { type: 'table', columns: [{ column: 'name', label_en: 'Bank' }, { column: 'sentence', label_en: 'Against target', optional: true }] };
    const heads = (rows: Row[]) => [...parse(renderChart(spec, table(rows), { document, locale: 'en' })).querySelectorAll('th')].map((t) => t.textContent);
    expect(heads([{ name: 'CMB', sentence: null }])).toEqual(['Bank']);
    expect(heads([{ name: 'CMB', sentence: null }, { name: 'PAB', sentence: 'NPS 13.5, target 35: below' }])).toEqual(['Bank', 'Against target']);
  });
});
