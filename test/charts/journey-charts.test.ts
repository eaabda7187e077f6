import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { panelGrid } from '../../src/charts/heatmap.ts';
import { DARK_INK, inkOn, LIGHT_INK, wrapText } from '../../src/charts/legend.ts';
import { chartProblem, renderChart } from '../../src/charts/render.ts';
import { DIVERGING } from '../../src/charts/stacked.ts';
import type { Row } from '../../src/db/types.ts';
import type { Locale } from '../../src/text/locale.ts';

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const table = (rows: Record<string, unknown>[]) => ({ columns: Object.keys(rows[0]!).map((name) => ({ name, type: '' })), rows: rows as Row[] });
const parse = (html: string) => new JSDOM(html).window.document;
const draw = (spec: Record<string, unknown>, rows: ReturnType<typeof table>, locale: Locale = 'en', width?: number) =>
  parse(renderChart(spec, rows, { document, locale, ...(width ? { width } : {}) }));
const texts = (dom: Document, selector: string) => [...dom.querySelectorAll(selector)].map((t) => t.textContent);
/** The translate(x, y) of an element's transform. */
const translate = (el: Element) => {
  const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(el.getAttribute('transform') ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};
const HOSTILE = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

describe('wrapping and ink helpers', () => {
  it('picks the ink that reads on a fill, and none for fills it cannot read', () => {
    expect(inkOn('#ffffff')).toBe(DARK_INK);
    expect(inkOn('#08306b')).toBe(LIGHT_INK);
    expect(inkOn('#c23b4e')).toBe(LIGHT_INK);
    expect(inkOn('#8c929c')).toBe(DARK_INK);
    expect(inkOn('var(--accent)')).toBeNull();
  });

  it('breaks labels at spaces or between CJK characters, and gives up on words that are too long', () => {
    expect(wrapText('Wait for approval', 60)).toEqual(['Wait for', 'approval']);
    expect(wrapText('等待审批结果', 35)).toEqual(['等待审', '批结果']);
    expect(wrapText('Superlongword', 30)).toBeNull();
  });
});

describe('emotionmap', () => {
  // Data order: Search, Apply, Wait, Activate (alphabetical would put Activate first).
  const stages = [
    { en: 'Search', zh: '搜索', order: 1, moment: false },
    { en: 'Apply', zh: '申请', order: 2, moment: true },
    { en: 'Wait', zh: '等待', order: 3, moment: false },
    { en: 'Activate', zh: '激活', order: 4, moment: true },
  ];
  const banks = [
    { bank_en: 'Zeta Bank', bank_zh: '甲银行', color: '#c8102e', base: 0.5 },
    { bank_en: 'Alpha Bank', bank_zh: '乙银行', color: '#1f4e9c', base: -0.5 },
  ];
  const rows = table(
    banks.flatMap((b) =>
      stages.map((s, i) => {
        const mean = i === stages.length - 1 ? 1 : b.base + i * 0.25 * (b.base > 0 ? -1 : 1);
        return { stage_en: s.en, stage_zh: s.zh, order: s.order, moment: s.moment, bank_en: b.bank_en, bank_zh: b.bank_zh, color: b.color, mean, lo: mean - 0.3, hi: mean + 0.3 };
      }),
    ),
  );
  const spec = { type: 'emotionmap', x: 'stage', y: 'mean', yError: ['lo', 'hi'], z: 'bank', color: 'color', highlight: 'moment', yLabel_en: 'Mean emotion', yLabel_zh: '平均情绪' };

  it('keeps a stage name cut short on a phone\'s drawing whole in its tick\'s title', () => {
    const long = rows.rows.map((r) => ({ ...r, stage_en: `${String(r.stage_en)} and everything that follows it in the journey of a customer` }));
    const dom = draw(spec, table(long), 'en', 286);
    const ticks = [...dom.querySelectorAll('g[aria-label="x-axis tick label"] text')];
    expect(ticks.length).toBe(new Set(long.map((r) => r.stage_en)).size);
    // The drawn text, without the title's.
    const shown = (t: Element) => [...t.childNodes].filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('');
    const cut = ticks.filter((t) => shown(t).endsWith('…'));
    expect(cut.length).toBeGreaterThan(0);
    for (const t of cut) {
      const full = t.querySelector('title')?.textContent ?? '';
      expect(full.replace('★ ', '')).toMatch(/ey of a customer$/);
      expect(full.startsWith(shown(t).slice(0, -1))).toBe(true);
    }
  });

  it('draws one line per series with its error bars, the moments shaded, and a zero line', () => {
    const dom = draw(spec, rows);
    expect(dom.querySelectorAll('.emotion-line path')).toHaveLength(2);
    expect(dom.querySelectorAll('.emotion-point circle')).toHaveLength(8);
    expect(dom.querySelectorAll('.emotion-error line')).toHaveLength(8);
    expect(dom.querySelectorAll('.emotion-moment rect')).toHaveLength(2);
    expect(dom.querySelectorAll('.emotion-zero line')).toHaveLength(1);
    // Every interval stays inside the frame (the lowest reaches −0.8, below the given domain).
    const bottom = Number(dom.querySelector('svg')!.getAttribute('height')) - 30;
    const lows = [...dom.querySelectorAll('.emotion-error line')].map((l) => Math.max(Number(l.getAttribute('y1')), Number(l.getAttribute('y2'))));
    expect(Math.max(...lows)).toBeLessThanOrEqual(bottom);
    expect(dom.querySelector('.emotion-line path')!.closest('g')!.getAttribute('stroke')).toBe('#c8102e');
  });

  it('keeps the stages in data order and stars the moments of truth, in the reader’s language', () => {
    const en = draw(spec, rows, 'en');
    expect(texts(en, 'g[aria-label="x-axis tick label"] text')).toEqual(['Search', '★ Apply', 'Wait', '★ Activate']);
    expect(texts(en, '.emotion-moment-legend text')).toEqual(['★ moment of truth']);
    expect(texts(en, 'g[aria-label="y-axis label"] text')[0]).toContain('Mean emotion');
    const zh = draw(spec, rows, 'zh');
    expect(texts(zh, 'g[aria-label="x-axis tick label"] text')).toEqual(['搜索', '★ 申请', '等待', '★ 激活']);
    expect(texts(zh, '.emotion-moment-legend text')).toEqual(['★ 关键时刻']);
    expect(texts(zh, '.emotion-series text').sort()).toEqual(['乙银行', '甲银行']);
    expect(zh.querySelector('.emotion-point circle title')!.textContent).toContain('95% 置信区间');
    expect(draw({ ...spec, highlightLabel_en: '★ make or break' }, rows).querySelector('.emotion-moment-legend text')!.textContent).toBe('★ make or break');
  });

  it('orders the stages by an order column when given', () => {
    const shuffled = table([...rows.rows].reverse() as Record<string, unknown>[]);
    expect(texts(draw(spec, shuffled), 'g[aria-label="x-axis tick label"] text')).toEqual(['Activate', 'Wait', 'Apply', 'Search'].map((s) => (s === 'Apply' || s === 'Activate' ? `★ ${s}` : s)));
    expect(texts(draw({ ...spec, order: 'order' }, shuffled), 'g[aria-label="x-axis tick label"] text')).toEqual(['Search', '★ Apply', 'Wait', '★ Activate']);
  });

  it('names each series at its last point, moved apart when they end at the same value', () => {
    const dom = draw(spec, rows);
    const labels = [...dom.querySelectorAll('.emotion-series text')];
    expect(labels.map((t) => t.textContent)).toEqual(['Zeta Bank', 'Alpha Bank']);
    const [a, b] = labels.map((t) => translate(t)[1]!);
    expect(Math.abs(a! - b!)).toBeGreaterThanOrEqual(12);
    expect(dom.querySelectorAll('.emotion-value text')).toHaveLength(0);
  });

  it('labels every point with its value when there is one series, and spans −3…+3 by default', () => {
    const one = table(rows.rows.filter((r) => r.bank_en === 'Zeta Bank') as Record<string, unknown>[]);
    const dom = draw({ ...spec, z: undefined, color: undefined, format: '+.2f' }, one);
    expect(texts(dom, '.emotion-value text')).toEqual(['+0.50', '+0.25', '+0.00', '+1.00']);
    expect(dom.querySelectorAll('.emotion-series text')).toHaveLength(0);
    const ticks = texts(dom, 'g[aria-label="y-axis tick label"] text');
    expect(ticks).toContain('−3');
    expect(ticks).toContain('3');
    expect(ticks).toContain('0');
    expect(dom.querySelector('.emotion-point circle title')!.textContent).toBe('Search: +0.50 (95% CI +0.20 – +0.80)');
  });

  it('takes a y domain from the spec, widened to hold zero and every interval', () => {
    const dom = draw({ ...spec, yDomain: [0.5, 2] }, rows);
    const ticks = texts(dom, 'g[aria-label="y-axis tick label"] text').map((t) => Number(t!.replace('−', '-')));
    expect(ticks).toContain(0);
    expect(Math.min(...ticks)).toBeLessThan(0);
    expect(Math.min(...ticks)).toBeGreaterThan(-3);
    expect(Math.max(...ticks)).toBe(2);
    expect(dom.querySelectorAll('.emotion-zero line')).toHaveLength(1);
  });

  it('escapes hostile stage and series names', () => {
    const bad = table([
      { stage: HOSTILE, mean: 1, bank: HOSTILE },
      { stage: 'B', mean: 2, bank: HOSTILE },
      { stage: 'B', mean: 0, bank: 'other' },
    ]);
    const svg = renderChart({ type: 'emotionmap', x: 'stage', y: 'mean', z: 'bank' }, bad, { document, locale: 'en' });
    expect(svg).toContain(ESCAPED);
    expect(svg).not.toContain('<img');
    expect(parse(svg).querySelector('img')).toBeNull();
  });

  it('renders at a phone’s width', () => {
    for (const locale of ['zh', 'en'] as const) {
      const svg = renderChart(spec, rows, { document, locale, width: 360 });
      expect(svg).toContain('width="360"');
      expect(parse(svg).querySelectorAll('.emotion-line path')).toHaveLength(2);
    }
  });

  it.each([
    [{ type: 'emotionmap', x: 'stage' }, /chart type emotionmap needs y/],
    [{ type: 'emotionmap', x: 'stage', y: 'mean', highlight: 'momnet' }, /unknown column "momnet"/],
    [{ type: 'emotionmap', x: 'stage', y: 'mean', order: 'rank' }, /unknown column "rank"/],
    [{ type: 'emotionmap', x: 'stage', y: 'mean', yError: ['lo', 'high'] }, /unknown column "high"/],
  ])('names spec mistakes: %j', (bad, message) => {
    expect(chartProblem(bad, rows, 'en')).toMatch(message);
  });

  it('accepts a right spec', () => {
    expect(chartProblem({ ...spec, order: 'order' }, rows, 'zh')).toBeNull();
  });
});

describe('stacked', () => {
  // Series in data order Unhappy, Neutral, Happy (alphabetical: Happy, Neutral, Unhappy); the
  // second stage lists its rows in another order, and its shares add up to 101.
  const rows = table([
    { stage_en: 'Search', stage_zh: '搜索', tone_en: 'Unhappy', tone_zh: '负面', share: 20, seg: 'Mass' },
    { stage_en: 'Search', stage_zh: '搜索', tone_en: 'Neutral', tone_zh: '中性', share: 30, seg: 'Mass' },
    { stage_en: 'Search', stage_zh: '搜索', tone_en: 'Happy', tone_zh: '正面', share: 50, seg: 'Mass' },
    { stage_en: 'Apply', stage_zh: '申请', tone_en: 'Happy', tone_zh: '正面', share: 70, seg: 'Mass' },
    { stage_en: 'Apply', stage_zh: '申请', tone_en: 'Unhappy', tone_zh: '负面', share: 5, seg: 'Mass' },
    { stage_en: 'Apply', stage_zh: '申请', tone_en: 'Neutral', tone_zh: '中性', share: 26, seg: 'Mass' },
  ]);
  const spec = { type: 'stacked', y: 'stage', x: 'share', series: 'tone' };
  const segment = (dom: Document, i: number) => dom.querySelectorAll('.stacked-segment rect')[i]!;

  it('draws one segment per row, stacked in the series’ data order, each bar to 100%', () => {
    const dom = draw(spec, rows);
    const rects = [...dom.querySelectorAll('.stacked-segment rect')];
    expect(rects).toHaveLength(6);
    expect(rects.map((r) => r.querySelector('title')!.textContent)).toEqual([
      'Search · Unhappy: 20%',
      'Search · Neutral: 30%',
      'Search · Happy: 50%',
      'Apply · Unhappy: 5%',
      'Apply · Neutral: 26%',
      'Apply · Happy: 70%',
    ]);
    const x = (r: Element) => Number(r.getAttribute('x'));
    const right = (r: Element) => x(r) + Number(r.getAttribute('width'));
    expect(x(rects[0]!)).toBeLessThan(x(rects[1]!));
    expect(x(rects[1]!)).toBeLessThan(x(rects[2]!));
    expect(x(rects[3]!)).toBe(x(rects[0]!));
    expect(right(rects[5]!)).toBeCloseTo(right(rects[2]!), 5);
  });

  it('keeps the bars in data order, colours negative → neutral → positive, and names the series in order', () => {
    const dom = draw(spec, rows);
    expect(texts(dom, 'g[aria-label="y-axis tick label"] text')).toEqual(['Search', 'Apply']);
    expect(texts(dom, '.stacked-legend text')).toEqual(['Unhappy', 'Neutral', 'Happy']);
    expect([...dom.querySelectorAll('.stacked-legend rect')].map((r) => r.getAttribute('fill'))).toEqual(DIVERGING[3]);
    expect([0, 1, 2].map((i) => segment(dom, i).getAttribute('fill'))).toEqual(DIVERGING[3]);
    const zh = draw(spec, rows, 'zh');
    expect(texts(zh, 'g[aria-label="y-axis tick label"] text')).toEqual(['搜索', '申请']);
    expect(texts(zh, '.stacked-legend text')).toEqual(['负面', '中性', '正面']);
  });

  it('labels segments of at least 8% in ink that reads on their fill', () => {
    const dom = draw(spec, rows);
    const labels = [...dom.querySelectorAll('.stacked-value text')];
    expect(labels.map((t) => t.textContent)).toEqual(['20%', '30%', '50%', '26%', '70%']);
    const fills = [0, 1, 2, 4, 5].map((i) => segment(dom, i).getAttribute('fill')!);
    expect(labels.map((t) => t.getAttribute('fill'))).toEqual(fills.map((f) => inkOn(f)));
    expect(labels[0]!.getAttribute('fill')).toBe(LIGHT_INK);
    expect(labels[1]!.getAttribute('fill')).toBe(DARK_INK);
    expect(texts(draw({ ...spec, format: '.1f' }, rows), '.stacked-value text')[0]).toBe('20.0%');
  });

  it('takes colours from a column, or a categorical palette on request', () => {
    const colored = table(rows.rows.map((r) => ({ ...r, c: r.tone_en === 'Happy' ? '#000000' : '#ffffff' })) as Record<string, unknown>[]);
    const dom = draw({ ...spec, color: 'c' }, colored);
    expect(segment(dom, 2).getAttribute('fill')).toBe('#000000');
    expect(dom.querySelectorAll('.stacked-value text')[2]!.getAttribute('fill')).toBe(LIGHT_INK);
    expect(segment(draw({ ...spec, palette: 'categorical' }, rows), 0).getAttribute('fill')).not.toBe(DIVERGING[3]![0]);
  });

  it('groups the bars under facet headings in data order', () => {
    const faceted = table([...rows.rows, ...rows.rows.map((r) => ({ ...r, seg: 'Affluent' }))] as Record<string, unknown>[]);
    const dom = draw({ ...spec, fy: 'seg' }, faceted);
    expect(texts(dom, '.stacked-facet text')).toEqual(['Mass', 'Affluent']);
    expect(dom.querySelectorAll('.stacked-segment rect')).toHaveLength(12);
  });

  it('escapes hostile categories and series', () => {
    const bad = table([
      { stage: HOSTILE, tone: HOSTILE, share: 60 },
      { stage: HOSTILE, tone: 'ok', share: 40 },
    ]);
    const svg = renderChart({ type: 'stacked', y: 'stage', x: 'share', series: 'tone' }, bad, { document, locale: 'en' });
    expect(svg).toContain(ESCAPED);
    expect(svg).not.toContain('<img');
    expect(parse(svg).querySelector('img')).toBeNull();
    expect(texts(parse(svg), '.stacked-legend text')[0]).toBe(HOSTILE);
  });

  it('renders at a phone’s width in both languages', () => {
    for (const locale of ['zh', 'en'] as const) {
      const dom = draw({ ...spec, fy: 'seg' }, rows, locale, 360);
      expect(dom.querySelector('svg')!.getAttribute('width')).toBe('360');
      expect(dom.querySelectorAll('.stacked-segment rect')).toHaveLength(6);
    }
  });

  it.each([
    [{ type: 'stacked', y: 'stage', x: 'share' }, /chart type stacked needs series/],
    [{ type: 'stacked', y: 'stage', x: 'share', series: 'tnoe' }, /unknown column "tnoe"/],
    [{ type: 'stacked', y: 'stage', x: 'share', series: 'tone', fy: 'segment' }, /unknown column "segment"/],
  ])('names spec mistakes: %j', (bad, message) => {
    expect(chartProblem(bad, rows, 'en')).toMatch(message);
  });
});

describe('heatmap', () => {
  // Channels in data order Web, App, Branch (alphabetical: App, Branch, Web); four segments.
  const channels = [
    { en: 'Web', zh: '网页' },
    { en: 'App', zh: '手机银行' },
    { en: 'Branch', zh: '网点' },
  ];
  const segments = [
    { en: 'Young', zh: '年轻客群' },
    { en: 'Mass', zh: '大众客群' },
    { en: 'Affluent', zh: '富裕客群' },
    { en: 'Elderly', zh: '老年客群' },
  ];
  const rows = table(
    segments.flatMap((s, k) =>
      channels.flatMap((p, i) =>
        channels.map((v, j) => ({
          seg_en: s.en,
          seg_zh: s.zh,
          preferred_en: p.en,
          preferred_zh: p.zh,
          served_en: v.en,
          served_zh: v.zh,
          share: i === j ? 60 + k : 5 + i + j,
          same: i === j,
        })),
      ),
    ),
  );
  const one = table(rows.rows.filter((r) => r.seg_en === 'Young') as Record<string, unknown>[]);
  const spec = { type: 'heatmap', x: 'preferred', y: 'served', fill: 'share', highlight: 'same', format: '.0f', xLabel_en: 'Preferred', yLabel_en: 'Served' };

  it('draws a cell per row with its value, outlines the highlighted ones, and keeps data order', () => {
    const dom = draw(spec, one);
    expect(dom.querySelectorAll('.heatmap-cell rect')).toHaveLength(9);
    expect(dom.querySelectorAll('.heatmap-highlight rect')).toHaveLength(3);
    expect(texts(dom, '.heatmap-value text')).toEqual(['60', '6', '7', '6', '60', '8', '7', '8', '60']);
    expect(texts(dom, 'g[aria-label="x-axis tick label"] text')).toEqual(['Web', 'App', 'Branch']);
    expect(texts(dom, 'g[aria-label="y-axis tick label"] text')).toEqual(['Web', 'App', 'Branch']);
    expect(dom.querySelector('.heatmap-cell rect title')!.textContent).toBe('Preferred: Web · Served: Web: 60');
  });

  it('prints each value in ink that reads on its cell, and a colour legend over the domain', () => {
    const dom = draw(spec, one);
    const cells = [...dom.querySelectorAll('.heatmap-cell rect')];
    const values = [...dom.querySelectorAll('.heatmap-value text')];
    expect(values.map((t) => t.getAttribute('fill'))).toEqual(cells.map((c) => inkOn(c.getAttribute('fill')!)));
    expect(values[0]!.getAttribute('fill')).toBe(LIGHT_INK);
    expect(values[1]!.getAttribute('fill')).toBe(DARK_INK);
    expect(dom.querySelectorAll('.heatmap-legend rect')).toHaveLength(5);
    expect(texts(dom, '.heatmap-legend text')).toEqual(['rows: Served · columns: Preferred', '0', '60']);
    expect(texts(draw({ ...spec, domain: [0, 100] }, one), '.heatmap-legend text').slice(-2)).toEqual(['0', '100']);
    const withText = table(one.rows.map((r) => ({ ...r, label: `${String(r.share)}%` })) as Record<string, unknown>[]);
    expect(texts(draw({ ...spec, text: 'label' }, withText), '.heatmap-value text')[0]).toBe('60%');
  });

  it('draws one panel per facet in data order, wrapping into rows when narrow', () => {
    const wide = draw({ ...spec, fx: 'seg' }, rows, 'en', 640);
    expect(wide.querySelectorAll('.heatmap-cell rect')).toHaveLength(36);
    expect(wide.querySelectorAll('.heatmap-highlight rect')).toHaveLength(12);
    const panels = [...wide.querySelectorAll('g.heatmap-panel')];
    const byPosition = panels
      .map((g) => ({ name: g.textContent, at: translate(g) }))
      .sort((a, b) => a.at[1]! - b.at[1]! || a.at[0]! - b.at[0]!)
      .map((p) => p.name);
    expect(byPosition).toEqual(['Young', 'Mass', 'Affluent', 'Elderly']);
    expect(new Set(panels.map((g) => translate(g)[1])).size).toBe(2);
    const narrow = draw({ ...spec, fx: 'seg' }, rows, 'zh', 360);
    const narrowPanels = [...narrow.querySelectorAll('g.heatmap-panel')];
    expect(narrowPanels.map((g) => g.textContent).sort()).toEqual(['大众客群', '富裕客群', '年轻客群', '老年客群'].sort());
    expect(new Set(narrowPanels.map((g) => translate(g)[1])).size).toBeGreaterThan(1);
    expect(narrow.querySelector('svg')!.getAttribute('width')).toBe('360');
    expect(texts(narrow, 'g[aria-label="x-axis tick label"] text').slice(0, 3)).toEqual(['网页', '手机银行', '网点']);
  });

  it('draws every cell with no data the same way, hatched with no number, keeps a real 0, and keys "no data" under the chart', () => {
    // Young: Web × App has no row at all, App × App has no number, Branch × Web is a real 0.
    const gappy = table(
      one.rows
        .filter((r) => !(r.preferred_en === 'Web' && r.served_en === 'App'))
        .map((r) => ({
          ...r,
          share: r.preferred_en === 'App' && r.served_en === 'App' ? null : r.preferred_en === 'Branch' && r.served_en === 'Web' ? 0 : r.share,
        })) as Record<string, unknown>[],
    );
    for (const locale of ['en', 'zh'] as const) {
      const dom = draw(spec, gappy, locale);
      const empty = [...dom.querySelectorAll('.heatmap-empty rect')];
      expect(empty).toHaveLength(2);
      // Both look the same: one group's style (no fill, a pale outline), none of their own, and a hatch inside each.
      const group = dom.querySelector('g.heatmap-empty')!;
      expect([group.getAttribute('fill'), group.getAttribute('stroke')]).toEqual(['none', 'currentColor']);
      expect(empty.map((r) => r.getAttribute('fill') ?? r.getAttribute('stroke'))).toEqual([null, null]);
      const hatches = [...dom.querySelectorAll('.heatmap-empty path.heatmap-hatch')];
      expect(hatches).toHaveLength(2);
      for (const [i, path] of hatches.entries()) {
        // Every hatch line stays inside its cell.
        const rect = empty[i]!;
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a)));
        const points = [...path.getAttribute('d')!.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
        expect(points.length).toBeGreaterThan(4);
        for (const [px, py] of points) {
          expect(px).toBeGreaterThanOrEqual(x! - 0.1);
          expect(px).toBeLessThanOrEqual(x! + w! + 0.1);
          expect(py).toBeGreaterThanOrEqual(y! - 0.1);
          expect(py).toBeLessThanOrEqual(y! + h! + 0.1);
        }
      }
      const noData = locale === 'zh' ? '无数据' : 'no data';
      expect(empty.map((r) => r.querySelector('title')!.textContent!.endsWith(`: ${noData}`))).toEqual([true, true]);
      // Seven numbers printed, the real 0 among them; none for the empty cells.
      const values = texts(dom, '.heatmap-value text');
      expect(values).toHaveLength(7);
      expect(values).toContain('0');
      expect(dom.querySelectorAll('.heatmap-cell rect')).toHaveLength(7);
      expect(texts(dom, '.heatmap-nodata-key text')).toEqual([noData]);
      // The key sits below the cells.
      const svg = dom.querySelector('svg')!;
      const keyText = dom.querySelector('.heatmap-nodata-key text')!;
      const lowestCell = Math.max(...[...dom.querySelectorAll('.heatmap-cell rect, .heatmap-empty rect')].map((r) => Number(r.getAttribute('y')) + Number(r.getAttribute('height'))));
      expect(Number(keyText.getAttribute('y'))).toBeGreaterThan(lowestCell);
      expect(Number(keyText.getAttribute('y'))).toBeLessThanOrEqual(Number(svg.getAttribute('height')));
    }
    // With every cell holding a number there is neither a hatched cell nor a key.
    const full = draw(spec, one);
    expect(full.querySelectorAll('.heatmap-empty')).toHaveLength(0);
    expect(full.querySelector('.heatmap-nodata-key')).toBeNull();
  });

  it('draws a panel\'s missing combinations as cells with no data', () => {
    const sparse = table(rows.rows.filter((r) => !(r.seg_en === 'Elderly' && r.preferred_en === 'App')) as Record<string, unknown>[]);
    const dom = draw({ ...spec, fx: 'seg' }, sparse, 'en', 640);
    expect(dom.querySelectorAll('.heatmap-cell rect')).toHaveLength(33);
    expect(dom.querySelectorAll('.heatmap-empty rect')).toHaveLength(3);
  });

  it('fits as many panels of at least 150 px per row as the width allows', () => {
    expect(panelGrid(4, 560)).toEqual({ perRow: 3, rows: 2 });
    expect(panelGrid(4, 300)).toEqual({ perRow: 1, rows: 4 });
    expect(panelGrid(4, 320)).toEqual({ perRow: 2, rows: 2 });
    expect(panelGrid(2, 1000)).toEqual({ perRow: 2, rows: 1 });
  });

  it('escapes hostile categories and panel names', () => {
    const bad = table([
      { a: HOSTILE, b: 'x', v: 1, p: HOSTILE },
      { a: 'y', b: HOSTILE, v: 2, p: 'q' },
    ]);
    const svg = renderChart({ type: 'heatmap', x: 'a', y: 'b', fill: 'v', fx: 'p' }, bad, { document, locale: 'en' });
    expect(svg).toContain(ESCAPED);
    expect(svg).not.toContain('<img');
    expect(parse(svg).querySelector('img')).toBeNull();
  });

  it.each([
    [{ type: 'heatmap', x: 'preferred', y: 'served' }, /chart type heatmap needs fill/],
    [{ type: 'heatmap', x: 'preferred', y: 'served', fill: 'share', fx: 'segment' }, /unknown column "segment"/],
    [{ type: 'heatmap', x: 'preferred', y: 'served', fill: 'share', highlight: 'diagonal' }, /unknown column "diagonal"/],
  ])('names spec mistakes: %j', (bad, message) => {
    expect(chartProblem(bad, rows, 'en')).toMatch(message);
  });
});
