import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/render.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const table = (rows: Record<string, unknown>[]) => ({ columns: Object.keys(rows[0]!).map((name) => ({ name, type: '' })), rows: rows as never });
const parse = (html: string) => new JSDOM(html).window.document;
const texts = (dom: Document, selector: string) => [...dom.querySelectorAll(selector)].map((t) => t.textContent);
/** The y axis tick values, lowest first. */
const yTicks = (dom: Document | Element) => [...dom.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => Number(t.textContent!.replace('−', '-'))).sort((a, b) => a - b);

// An app rating that moves by hundredths, as on the case pages.
const rating = table(
  ['2025Q1', '2025Q2', '2025Q3', '2025Q4'].map((quarter, i) => ({ quarter, value: [4.42, 4.47, 4.6, 4.55][i], color: '#c8102e' })),
);
const line = { type: 'line', x: 'quarter', y: 'value', color: 'color', format: '.2f' };

describe('a line chart whose y axis would leave out 0', () => {
  it('says so under the chart in the reader\'s language and breaks the axis at its foot', () => {
    for (const [locale, note] of [
      ['en', 'y axis does not start at 0'],
      ['zh', '纵轴未从 0 开始'],
    ] as const) {
      const dom = parse(renderChart(line, rating, { document, locale }));
      expect(yTicks(dom)[0]).toBeGreaterThan(4);
      expect(texts(dom, '.axis-floor-note')).toEqual([note]);
      const svg = dom.querySelector('svg')!;
      const noteY = Number(dom.querySelector('.axis-floor-note')!.getAttribute('y'));
      // The note sits in the chart's own drawing, below the x axis labels.
      const xLabels = [...dom.querySelectorAll('g[aria-label="x-axis tick label"]')];
      expect(xLabels.length).toBeGreaterThan(0);
      expect(noteY).toBeLessThanOrEqual(Number(svg.getAttribute('height')));
      // One mark at the foot of the axis (x = the chart's left margin), one before the note.
      const marks = [...dom.querySelectorAll('path.axis-break')].map((p) => p.getAttribute('d')!);
      expect(marks).toHaveLength(2);
      expect(marks.some((d) => d.startsWith('M43,'))).toBe(true);
    }
  });

  it('draws the metric\'s own scale when the page gives it (yDomain), with no note', () => {
    const dom = parse(renderChart({ ...line, yDomain: [1, 5] }, rating, { document, locale: 'en' }));
    const ticks = yTicks(dom);
    expect(ticks[0]).toBe(1);
    expect(ticks.at(-1)).toBe(5);
    expect(dom.querySelector('.axis-floor-note')).toBeNull();
    expect(dom.querySelector('path.axis-break')).toBeNull();
    // A value outside the given scale still fits on the axis.
    const wide = parse(renderChart({ ...line, yDomain: [1, 4] }, rating, { document, locale: 'en' }));
    expect(yTicks(wide).at(-1)).toBeGreaterThanOrEqual(4.6);
  });

  it('starts at 0 with zero: true, and says nothing when the axis holds 0', () => {
    const zero = parse(renderChart({ ...line, zero: true }, rating, { document, locale: 'en' }));
    expect(yTicks(zero)[0]).toBe(0);
    expect(zero.querySelector('.axis-floor-note')).toBeNull();
    const nps = table([
      { quarter: '2025Q1', value: -4, color: '#c8102e' },
      { quarter: '2025Q2', value: 12, color: '#c8102e' },
    ]);
    expect(parse(renderChart(line, nps, { document, locale: 'en' })).querySelector('.axis-floor-note')).toBeNull();
  });

  it('says the axis does not reach 0 when every value is below it', () => {
    const below = table([
      { quarter: '2025Q1', value: -40, color: '#c8102e' },
      { quarter: '2025Q2', value: -32, color: '#c8102e' },
    ]);
    expect(texts(parse(renderChart(line, below, { document, locale: 'en' })), '.axis-floor-note')).toEqual(['y axis does not reach 0']);
    expect(texts(parse(renderChart(line, below, { document, locale: 'zh' })), '.axis-floor-note')).toEqual(['纵轴未延伸到 0']);
  });
});

describe('small multiples whose panels leave out 0', () => {
  const rows = table([
    { panel_en: 'App rating', panel_zh: '应用评分', unit: 'stars', bank: 'cmb', mid: '2025-02-15', value: 4.42 },
    { panel_en: 'App rating', panel_zh: '应用评分', unit: 'stars', bank: 'cmb', mid: '2025-05-16', value: 4.47 },
    { panel_en: 'NPS', panel_zh: '净推荐值', unit: '−100 to 100', bank: 'cmb', mid: '2025-02-15', value: -3 },
    { panel_en: 'NPS', panel_zh: '净推荐值', unit: '−100 to 100', bank: 'cmb', mid: '2025-05-16', value: 8 },
  ]);
  const spec = { type: 'multiples', panel: 'panel', x: 'mid', y: 'value', z: 'bank', unit: 'unit' };

  it('notes it under the panel\'s title, in the unit line, and breaks that panel\'s axis only', () => {
    for (const [locale, note] of [
      ['en', 'stars · y axis does not start at 0'],
      ['zh', 'stars · 纵轴未从 0 开始'],
    ] as const) {
      const dom = parse(renderChart(spec, rows, { document, locale }));
      const [rating, nps] = [...dom.querySelectorAll('.panel')];
      expect(rating!.querySelector('.panel-unit')!.textContent).toBe(note);
      expect(yTicks(rating!)[0]).toBeGreaterThan(4);
      expect(rating!.querySelectorAll('path.axis-break')).toHaveLength(1);
      expect(nps!.querySelector('.panel-unit')!.textContent).toBe('−100 to 100');
      expect(nps!.querySelector('.panel-axis-note, path.axis-break')).toBeNull();
    }
  });
});
