import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { distinctTicks, dodge } from '../../src/charts/multiples.ts';
import { renderChart, renderDataTable } from '../../src/charts/render.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const table = (rows: Record<string, unknown>[]) => ({ columns: Object.keys(rows[0]!).map((name) => ({ name, type: '' })), rows: rows as never });
const parse = (html: string) => new JSDOM(html).window.document;

describe('small multiples over time', () => {
  const rows = table([
    { panel_en: 'App rating', unit: 'stars', bank: 'cmb', color: '#c8102e', period: '2025Q1', mid: '2025-02-15', value: 4.41, format: '.2f' },
    { panel_en: 'App rating', unit: 'stars', bank: 'cmb', color: '#c8102e', period: '2025Q2', mid: '2025-05-16', value: 4.47, format: '.2f' },
    { panel_en: 'App rating', unit: 'stars', bank: 'icbc', color: '#1f4e9c', period: '2025Q2', mid: '2025-05-16', value: 4.46, format: '.2f' },
    { panel_en: 'Digital share', unit: 'share', bank: 'cmb', color: '#c8102e', period: '2025', mid: '2025-07-02', value: 0.93, format: '.0%' },
    { panel_en: 'Complaints', unit: 'per 10k', bank: 'cmb', color: '#c8102e', period: '2025-06', mid: '2025-06-15', value: 1.5, format: '.2f' },
  ]);
  const spec = { type: 'multiples', panel: 'panel', x: 'mid', y: 'value', z: 'bank', color: 'color', unit: 'unit', period: 'period', formatColumn: 'format' };

  it('draws one panel per metric with its unit, one line per bank, each line’s latest value labelled in the row’s format', () => {
    const dom = parse(renderChart(spec, rows, { document, locale: 'en' }));
    const panels = [...dom.querySelectorAll('.panel')];
    expect(panels.map((p) => p.querySelector('.panel-title')!.firstChild!.textContent)).toEqual(['App rating', 'Digital share', 'Complaints']);
    expect(panels[0]!.querySelector('.panel-unit')!.firstChild!.textContent).toBe('stars');
    expect(panels[0]!.querySelectorAll('g[aria-label="line"] path')).toHaveLength(2);
    const labels = [...panels[0]!.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
    expect(labels.sort()).toEqual(['4.46', '4.47']);
    expect(panels[1]!.querySelector('g[aria-label="text"] text')!.textContent).toBe('93%');
  });

  it('puts every panel on the same time axis', () => {
    const dom = parse(renderChart(spec, rows, { document, locale: 'en' }));
    const axes = [...dom.querySelectorAll('.panel')].map((p) => p.querySelector('g[aria-label="x-axis tick label"]')!.outerHTML);
    expect(axes[0]!.length).toBeGreaterThan(0);
    expect(new Set(axes).size).toBe(1);
  });

  it('never prints the same tick label twice on a panel\'s y axis', () => {
    expect(distinctTicks([1787, 1789], ',d')).toEqual([1787, 1788, 1789]);
    expect(distinctTicks([0.93, 0.95], '.0%')).toEqual([0.93, 0.94, 0.95]);
    expect(distinctTicks([4.4, 4.6], '.2f')).toEqual([4.4, 4.45, 4.5, 4.55, 4.6]);
    const branches = table([
      { panel_en: 'Branches', unit: 'branches', bank: 'cmb', color: '#c8102e', period: '2025Q3', mid: '2025-08-15', value: 1789, format: ',d' },
      { panel_en: 'Branches', unit: 'branches', bank: 'cmb', color: '#c8102e', period: '2026Q3', mid: '2026-08-15', value: 1787, format: ',d' },
    ]);
    const dom = parse(renderChart(spec, branches, { document, locale: 'en' }));
    const labels = [...dom.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('names each bank in a legend and in the points’ titles, and ticks periods as the edition writes them', () => {
    const named = table((rows.rows as Record<string, unknown>[]).map((r) => ({ ...r, name_zh: r.bank === 'cmb' ? '招商银行' : '工商银行', name_en: r.bank === 'cmb' ? 'China Merchants Bank' : 'ICBC' })));
    const withNames = { ...spec, seriesName: 'name' };
    const zh = parse(renderChart(withNames, named, { document, locale: 'zh' }));
    expect([...zh.querySelectorAll('.chart-legend li')].map((li) => li.textContent)).toEqual(['招商银行', '工商银行']);
    expect(zh.querySelector('.chart-legend rect')!.getAttribute('fill')).toBe('#c8102e');
    const titles = [...zh.querySelectorAll('.panel')[0]!.querySelectorAll('g[aria-label="dot"] title')].map((t) => t.textContent);
    expect(titles).toContain('招商银行 2025Q1：4.41');
    // The grain most rows have (quarters) ticks the shared axis; no month name in the zh edition.
    const ticks = [...zh.querySelectorAll('.panel')[0]!.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toContain('2025Q2');
    for (const t of zh.querySelectorAll('svg text')) expect(t.textContent).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/);
    const en = parse(renderChart(withNames, named, { document, locale: 'en' }));
    expect([...en.querySelectorAll('.chart-legend li')].map((li) => li.textContent)).toEqual(['China Merchants Bank', 'ICBC']);
    expect([...en.querySelectorAll('.panel')[0]!.querySelectorAll('g[aria-label="dot"] title')].map((t) => t.textContent)).toContain('ICBC 2025Q2: 4.46');
    // One series: no legend.
    expect(parse(renderChart(withNames, table([named.rows[0]]), { document, locale: 'en' })).querySelector('.chart-legend')).toBeNull();
  });

  it('shows its data as panel, bank name, period and value, each value in its row’s format, with the spec’s ids for the CSV', () => {
    const named = table((rows.rows as Record<string, unknown>[]).map((r) => ({ ...r, panel_zh: r.panel_en, name_zh: r.bank === 'cmb' ? '招商银行' : '工商银行', name_en: r.bank === 'cmb' ? 'CMB' : 'ICBC' })));
    const spec2 = { ...spec, seriesName: 'name', seriesNameLabel_zh: '银行', seriesNameLabel_en: 'Bank', panelLabel_zh: '指标', panelLabel_en: 'Metric' };
    const zh = parse(renderDataTable(spec2, named, 'zh'));
    expect([...zh.querySelectorAll('th')].map((th) => th.getAttribute('data-column'))).toEqual(['panel', 'name', 'period', 'value']);
    expect([...zh.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['指标', '银行', '期间', '数值']);
    const cells = [...zh.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells[0]).toEqual(['App rating', '招商银行', '2025Q1', '4.41']);
    expect(cells[3]).toEqual(['Digital share', '招商银行', '2025', '93%']);
    expect(cells[4]).toEqual(['Complaints', '招商银行', '2025年6月', '1.50']);
    // No colour, no date, no format column: only what the chart draws.
    expect(zh.body.textContent).not.toContain('#c8102e');
    expect(parse(renderDataTable(spec2, named, 'en')).querySelectorAll('tbody tr')[4]!.textContent).toContain('Jun 2025');
  });

  it('labels months in the reader’s language when months are the grain', () => {
    const months = table(['2025-01', '2025-02', '2025-03', '2025-04'].map((period, i) => ({ panel: 'Complaints', bank: 'cmb', period, mid: `${period}-15`, value: i })));
    const zh = parse(renderChart({ type: 'multiples', panel: 'panel', x: 'mid', y: 'value', z: 'bank', period: 'period' }, months, { document, locale: 'zh' }));
    const ticks = [...zh.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(t).toMatch(/^2025年\d{1,2}月$/);
  });

  it('moves close labels apart without leaving the panel', () => {
    expect(dodge([50, 52, 100], 11, 10, 170)).toEqual([50, 61, 100]);
    expect(dodge([168, 169], 11, 10, 170)).toEqual([159, 170]);
  });
});

describe('table cells', () => {
  const rows = table([
    { metric: 'Wait', change: -0.4, tone: 'good', source: 'https://example.com/report' },
    { metric: 'Rating', change: -0.1, tone: 'bad', source: 'javascript:alert(1)' },
  ]);
  it('colour changes by tone (with a title for non-colour readers) and link only web URLs', () => {
    const spec = { type: 'table', columns: [{ column: 'metric' }, { column: 'change', format: '+.1f', tone: 'tone' }, { column: 'source', link: true }] };
    const dom = parse(renderChart(spec, rows, { document, locale: 'en' }));
    const cells = [...dom.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')]);
    expect(cells[0]![1]!.className).toBe('num tone-good');
    expect(cells[0]![1]!.getAttribute('title')).toBe('better');
    expect(cells[1]![1]!.className).toBe('num tone-bad');
    expect(cells[0]![2]!.querySelector('a')!.getAttribute('href')).toBe('https://example.com/report');
    expect(cells[1]![2]!.querySelector('a')).toBeNull();
    expect(cells[1]![2]!.textContent).toBe('javascript:alert(1)');
  });
});
