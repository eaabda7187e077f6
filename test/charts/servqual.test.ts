import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { NEGATIVE } from '../../src/charts/diverging.ts';
import { chartProblem, renderChart } from '../../src/charts/render.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const table = (rows: Record<string, unknown>[]) => ({ columns: Object.keys(rows[0]!).map((name) => ({ name, type: '' })), rows: rows as never });
const parse = (svg: string) => new JSDOM(svg).window.document;

describe('diverging bars', () => {
  const items = table([
    { label_en: 'Up-to-date equipment', label_zh: '设备现代化', dim_en: 'Tangibles', dim_zh: '有形性', value: -0.42, lo: -0.5, hi: -0.34, significant: true },
    { label_en: 'Neat employees', label_zh: '员工仪表整洁', dim_en: 'Tangibles', dim_zh: '有形性', value: 0.05, lo: -0.03, hi: 0.13, significant: false },
    { label_en: 'Does things by the time promised', label_zh: '按承诺时间办事', dim_en: 'Reliability', dim_zh: '可靠性', value: -0.8, lo: -0.9, hi: -0.7, significant: true },
  ]);
  const spec = { type: 'diverging', x: 'value', y: 'label', group: 'dim', xError: ['lo', 'hi'], significant: 'significant' };

  it('draws one bar per row from zero, shortfalls in the negative colour, stars on significant values', () => {
    const dom = parse(renderChart(spec, items, { document, locale: 'en' }));
    const bars = [...dom.querySelectorAll('g[aria-label="bar"] rect')];
    expect(bars).toHaveLength(3);
    expect(bars.filter((b) => b.getAttribute('fill') === NEGATIVE)).toHaveLength(2);
    // not significant: pale
    expect(bars.map((b) => b.getAttribute('fill-opacity'))).toEqual(['0.9', '0.35', '0.9']);
    const labels = [...dom.querySelectorAll('g[aria-label="text"] text')].map((t) => t.textContent);
    expect(labels).toContain('−0.42*');
    expect(labels).toContain('+0.05');
    expect(labels).toContain('Tangibles');
    expect(labels).toContain('Reliability');
    expect(dom.querySelectorAll('g[aria-label="rule"] line').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the data order of categories and labels in the reader’s language', () => {
    const zh = parse(renderChart(spec, items, { document, locale: 'zh' }));
    const ticks = [...zh.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(['设备现代化', '员工仪表整洁', '按承诺时间办事']);
  });

  it('facets repeated categories with fy (one panel per dimension)', () => {
    const banks = table([
      { name: 'CMB', dim: 'Tangibles', value: -0.3, color: '#c8102e' },
      { name: 'ICBC', dim: 'Tangibles', value: -0.5, color: '#1f4e9c' },
      { name: 'CMB', dim: 'Empathy', value: 0.1, color: '#c8102e' },
      { name: 'ICBC', dim: 'Empathy', value: -0.2, color: '#1f4e9c' },
    ]);
    const dom = parse(renderChart({ type: 'diverging', x: 'value', y: 'name', fy: 'dim', color: 'color' }, banks, { document, locale: 'en' }));
    expect(dom.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(4);
    const panels = [...dom.querySelectorAll('g[aria-label="fy-axis tick label"] text')].map((t) => t.textContent);
    expect(panels).toEqual(['Tangibles', 'Empathy']);
    expect(dom.querySelector('g[aria-label="bar"] rect')!.getAttribute('fill')).toBe('#c8102e');
  });
});

describe('the gap-model diagram', () => {
  const gaps = table([
    { gap: 1, value: -0.45, lo: -0.6, hi: -0.3, significant: true },
    { gap: 2, value: null, lo: null, hi: null, significant: null },
    { gap: 3, value: -0.2, lo: -0.5, hi: 0.1, significant: false },
    { gap: 4, value: 0.31, lo: 0.1, hi: 0.5, significant: true },
    { gap: 5, value: -0.62, lo: -0.7, hi: -0.55, significant: true },
  ]);
  const spec = { type: 'gapmodel', gap: 'gap', x: 'value', xError: ['lo', 'hi'], significant: 'significant' };

  it('annotates each of the five gaps with its value and interval, in both languages', () => {
    const en = parse(renderChart(spec, gaps, { document, locale: 'en' }));
    const text = en.body.textContent!;
    expect(text).toContain('Gap 1 · knowledge');
    expect(text).toContain('−0.45 [−0.60, −0.30]*');
    expect(text).toContain('Gap 2 · standards');
    expect(text).toContain('not measured');
    expect(text).toContain('−0.20 [−0.50, +0.10]');
    expect(text).toContain('Expected service');
    const boxes = [...en.querySelectorAll('g[aria-label="text"] text')].map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ') || t.textContent);
    expect(boxes).toContain('Management perceptions of customer expectations');
    const zh = parse(renderChart(spec, gaps, { document, locale: 'zh' })).body.textContent!;
    expect(zh).toContain('差距 5 · 客户差距');
    expect(zh).toContain('未测量');
    expect(zh).toContain('期望的服务');
  });

  it('colours significant shortfalls, greys the rest, and describes itself for screen readers', () => {
    const svg = renderChart(spec, gaps, { document, locale: 'en' });
    const dom = parse(svg);
    const strokes = [...dom.querySelectorAll('g[aria-label="link"] path, g[aria-label="link"] line')].map((l) => l.getAttribute('stroke'));
    expect(strokes).toContain(NEGATIVE);
    expect(strokes).toContain('gray');
    expect(dom.querySelector('svg')!.getAttribute('aria-description') ?? dom.querySelector('svg desc')?.textContent).toContain('Gap 5 · customer gap: −0.62');
  });

  it('needs its gap and value columns', () => {
    expect(chartProblem({ type: 'gapmodel', x: 'value' }, gaps, 'en')).toMatch(/needs gap/);
    expect(chartProblem({ ...spec, gap: 'gapp' }, gaps, 'en')).toMatch(/unknown column "gapp"/);
  });
});
